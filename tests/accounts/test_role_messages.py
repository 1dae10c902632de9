"""The roles page's messages, whole sentences for each role, read in English as they always have."""
import pytest
from django.urls import reverse

from tests.factories import ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role, sentence", [
    ("parent", "ana@example.org is now a parent."),
    ("coach", "ana@example.org is now a peer coach."),
    ("moderator", "ana@example.org is now a moderator."),
])
def test_giving_a_role_says_what_the_person_now_is(client, role, sentence):
    client.force_login(ModeratorFactory())
    person = UserFactory(email="ana@example.org")
    response = client.post(reverse("account-roles"), {"user": person.pk, "role": role}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [sentence]


def test_a_refused_role_change_names_the_field(client):
    client.force_login(ModeratorFactory())
    response = client.post(reverse("account-roles"), {"user": 99999, "role": "coach"})
    assert response.status_code == 400
    assert [str(message) for message in response.context["messages"]] == [
        "user: That person does not exist."]
