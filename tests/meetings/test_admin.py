"""The Django admin shows a meeting's history too (for repairs outside /moderate/)."""
import pytest

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_admin_lists_a_meetings_history(admin_client):
    meeting = MeetingFactory(name="Tuesday Serenity")
    response = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/history/")
    assert response.status_code == 200
    assert "Tuesday Serenity" in response.content.decode()


@pytest.mark.parametrize("model", ["meetings/meeting", "curation/submission", "curation/coachnote",
                                   "curation/collection"])
def test_the_admin_lists_open(admin_client, model):
    assert admin_client.get(f"/admin/{model}/").status_code == 200
