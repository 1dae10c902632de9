"""The admin's meeting list: city, day and time and fellowship columns; its bulk action archives
with a history record; deleting is for superusers only."""
from datetime import time

import pytest
from django.urls import reverse

from meetings.admin import city_of
from meetings.models import Meeting
from tests.factories import MeetingFactory, ModeratorFactory, UserFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

LIST = "/admin/meetings/meeting/"


@pytest.mark.parametrize(("address", "city"), [
    ("100 Grant St, Pittsburgh, PA 15219", "Pittsburgh"),
    ("100 Grant St, Pittsburgh, PA 15219, USA", "Pittsburgh"),
    ("Pittsburgh, PA", "Pittsburgh"),
    ("100 Grant St, PA 15219", ""),
    ("Calle Mayor 1, Madrid", "Madrid"),
    ("", ""),
])
def test_the_city_is_read_from_the_address(address, city):
    assert city_of(address) == city


def test_the_list_shows_city_day_and_time_and_fellowship(admin_client):
    MeetingFactory(name="Family Hope", address="5 Forbes Ave, Pittsburgh, PA 15213",
                   weekday=2, start_time=time(19, 0), end_time=time(20, 30), fellowship="na")

    page = soup(admin_client.get(LIST))
    headers = [th.get_text(strip=True) for th in page.select("#result_list thead th")]
    row = page.select_one("#result_list tbody tr").get_text(" ", strip=True)

    assert {"City", "Day and time", "Fellowship"} <= set(headers)
    assert "Pittsburgh" in row
    assert "Tuesday 19:00–20:30" in row
    assert "Narcotics Anonymous" in row


def archive(client, *meetings):
    return client.post(LIST, {"action": "archive", "_selected_action": [m.pk for m in meetings]})


def test_the_bulk_action_archives_with_history(client):
    moderator = ModeratorFactory()
    first, second = MeetingFactory(), MeetingFactory()
    client.force_login(moderator)

    response = archive(client, first, second)

    assert response.status_code == 302
    assert set(Meeting.objects.values_list("status", flat=True)) == {"archived"}
    latest = first.history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "archived", moderator, "Archived in the admin")


def test_a_moderator_is_offered_archiving_but_not_deleting(client):
    meeting = MeetingFactory()
    client.force_login(ModeratorFactory())

    actions = [option["value"] for option in soup(client.get(LIST)).select("select[name=action] option")]
    deleted = client.post(LIST, {"action": "delete_selected", "_selected_action": [meeting.pk],
                                 "post": "yes"})

    assert "archive" in actions and "delete_selected" not in actions
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert deleted.status_code in (200, 302)
    assert client.post(reverse("admin:meetings_meeting_delete", args=[meeting.pk]),
                       {"post": "yes"}).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_superuser_may_still_delete(client):
    meeting = MeetingFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    actions = [option["value"] for option in soup(client.get(LIST)).select("select[name=action] option")]
    client.post(LIST, {"action": "delete_selected", "_selected_action": [meeting.pk], "post": "yes"})

    assert "delete_selected" in actions
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_admins_meeting_form_stores_names_and_notes_as_plain_text(admin_client):
    meeting = MeetingFactory()
    form = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").context["adminform"].form
    data = {**{name: value for name, value in form.initial.items() if value is not None},
            "name": "<script>alert(1)</script>Hope <b>Group</b>", "notes": "Side door<br>Room 4",
            "focus": [], "languages": [], "start_time": "12:00", "end_time": "13:00"}

    response = admin_client.post(f"/admin/meetings/meeting/{meeting.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert (meeting.name, meeting.notes) == ("Hope Group", "Side door\nRoom 4")
