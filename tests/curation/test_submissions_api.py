"""The submissions API: the same rules as the forms, answered as JSON."""
import pytest
from django.urls import reverse

from curation.models import Submission
from tests.factories import MeetingFactory, new_meeting_data

pytestmark = pytest.mark.django_db
URL = "/api/v1/submissions/"


def test_the_api_lives_at_its_name():
    assert reverse("api-submissions") == URL


def test_a_suggestion_through_the_api_is_stored_pending(client):
    response = client.post(URL, {"kind": "new", **new_meeting_data()}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert Submission.objects.get().proposed["focus"] == ["mothers"]


def test_a_change_sends_only_what_changes(client):
    meeting = MeetingFactory(children="unknown")
    response = client.post(URL, {"kind": "change", "meeting": meeting.slug, "children": "welcome"},
                           content_type="application/json")
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert submission.proposed["children"] == "welcome"
    assert submission.proposed["name"] == meeting.name


@pytest.mark.parametrize("body, field", [
    ({}, "kind"),
    ({"kind": "deleted"}, "kind"),
    ({"kind": "change"}, "meeting"),
    ({"kind": "closure", "meeting": "{slug}"}, "message"),
    ({"kind": "change", "meeting": "{slug}"}, "non_field_errors"),
    ({"kind": "change", "meeting": "{slug}", "conference_url": "http://x.example", "attendance": "hybrid"},
     "conference_url"),
    ({"kind": "new", **new_meeting_data(website="spam")}, "website"),
    ({"kind": "new", **new_meeting_data(name="")}, "name"),
])
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(client, body, field):
    meeting = MeetingFactory()
    body = {key: value.format(slug=meeting.slug) if isinstance(value, str) else value
            for key, value in body.items()}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Submission.objects.exists()


def test_an_unknown_meeting_is_a_404(client):
    response = client.post(URL, {"kind": "closure", "meeting": "nope", "message": "x"},
                           content_type="application/json")
    assert response.status_code == 404


def test_the_api_shares_the_forms_rate_limit(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    assert client.post(URL, {"kind": "new", **new_meeting_data()},
                       content_type="application/json").status_code == 201
    assert client.post(URL, {"kind": "new", **new_meeting_data()},
                       content_type="application/json").status_code == 429
    assert client.post(reverse("submission-new"), new_meeting_data()).status_code == 429
    assert Submission.objects.count() == 1


def test_a_list_where_one_value_is_expected_is_a_400_naming_the_field(client):
    response = client.post(URL, {"kind": "new", **new_meeting_data(address=["1 Main St", "2 Main St"])},
                           content_type="application/json")
    assert response.status_code == 400
    assert "address" in response.json()
    assert not Submission.objects.exists()
