"""Accounts in Spanish: a coach's area form, the role names and the roles page's messages read in
Spanish on a Spanish page.

They read the Spanish from the catalogue (locale/es).
"""
import pytest
from django.utils import translation

from accounts.forms import CoachAreaForm
from accounts.roles import Role
from tests.factories import CoachFactory, ModeratorFactory, UserFactory
from tests.pages import spanish

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_role_names_are_spanish():
    with translation.override("es"):
        assert [str(label) for _value, label in Role.choices] == ["Madre o padre", "Coach de pares",
                                                                 "Moderador/a"]


def test_the_area_form_speaks_spanish():
    with translation.override("es"):
        form = CoachAreaForm({"place": "Nowhere At All, ZZ", "radius_km": "10"})
        assert form.errors["place"][0].startswith("No encontramos")
        assert form["radius_km"].label == "Radio (km)"
        assert form["timezone"].label == "Zona horaria para reuniones en línea"


def test_a_coach_saving_their_area_is_told_in_spanish(client):
    client.force_login(CoachFactory())
    response = client.post(spanish("account-profile"), {"area_name": "East End", "radius_km": "15"},
                           follow=True)
    assert messages_of(response) == ["Tu zona quedó guardada."]


def test_giving_a_role_is_told_in_spanish(client):
    client.force_login(ModeratorFactory())
    parent = UserFactory(email="ana@example.org")
    response = client.post(spanish("account-roles"), {"user": parent.pk, "role": "coach"}, follow=True)
    assert messages_of(response) == ["ana@example.org ahora tiene el rol de coach de pares."]


def test_refusals_are_told_in_spanish(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    response = client.post(spanish("account-roles"), {"user": moderator.pk, "role": "parent"})
    assert response.status_code == 400
    assert messages_of(response) == ["No puedes quitarte tu propio rol de moderador/a."]

    response = client.post(spanish("account-roles"), {"user": 99999, "role": "coach"})
    assert response.status_code == 400
    assert messages_of(response) == ["persona: Esa persona no existe."]
