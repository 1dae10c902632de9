"""Every calendar event reminds the parent before it starts: 30 minutes by default, or as
they choose (none, 15, 30 or 60), with the event's own neutral title."""
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory
from tests.pages import parsed, soup

pytestmark = pytest.mark.django_db


def alarms(client, meeting, **choices):
    (event,) = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug]), choices)).events
    return event.walk("VALARM")


def test_an_event_reminds_thirty_minutes_before_by_default_without_naming_the_meeting(client):
    (alarm,) = alarms(client, MeetingFactory(name="Moms in Recovery NA"))
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "Meeting"


@pytest.mark.parametrize("choice, minutes", [("15", 15), ("60", 60)])
def test_the_parent_chooses_how_long_before(client, choice, minutes):
    (alarm,) = alarms(client, MeetingFactory(), reminder=choice)
    assert alarm["TRIGGER"].dt == timedelta(minutes=-minutes)


def test_no_reminder_is_a_choice_too(client):
    assert alarms(client, MeetingFactory(), reminder="none") == []


def test_a_reminder_that_is_not_offered_is_a_400_naming_it_in_plain_text(client):
    meeting = MeetingFactory()
    response = client.get(reverse("meeting-calendar", args=[meeting.slug]), {"reminder": "45"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "reminder: '45' is not one of none, 15, 30, 60" in response.content.decode()


def test_the_page_offers_the_reminder_choices_with_thirty_minutes_chosen(client):
    meeting = MeetingFactory()
    page = soup(client.get(meeting.get_absolute_url()))
    options = {option["value"]: option.has_attr("selected")
               for option in page.select("#calendar-reminder option")}
    assert options == {"none": False, "15": False, "30": True, "60": False}
