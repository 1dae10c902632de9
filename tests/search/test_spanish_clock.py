"""Times as each language writes them: English "Tue 25 Nov, 7:00 pm" (a no-break space before
"pm"), Spanish "mar 25 nov, 19:00", and a zone by its city in either."""
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.schedule import Weekday
from search.templatetags.clocks import clock, day_and_clock, short_date, zone_place
from tests.factories import PITTSBURGH, MeetingFactory
from tests.pages import soup

TUESDAY_EVENING = datetime(2025, 11, 25, 19, 0, tzinfo=ZoneInfo("America/New_York"))
NEAR = f"{PITTSBURGH[0]},{PITTSBURGH[1]}"


def test_english_keeps_its_twelve_hour_clock():
    with translation.override("en"):
        assert clock(time(19)) == "7:00\u00a0pm"
        assert clock(time(12)) == "12:00\u00a0pm"
        assert clock(time(0, 30)) == "12:30\u00a0am"
        assert day_and_clock(TUESDAY_EVENING) == "Tue 25 Nov, 7:00\u00a0pm"
        assert short_date(date(2025, 11, 25)) == "Tue 25 Nov"
        assert short_date(date(2026, 9, 2)) == "Wed 2 Sep"
        assert zone_place("America/New_York") == "New York time"
        assert zone_place("UTC") == "UTC"


def test_spanish_writes_a_24_hour_clock_and_its_own_day_and_month_names():
    with translation.override("es"):
        assert clock(time(19)) == "19:00"
        assert clock(time(9, 5)) == "9:05"
        assert clock(time(0, 30)) == "0:30"
        assert day_and_clock(TUESDAY_EVENING) == "mar 25 nov, 19:00"
        assert short_date(date(2025, 11, 25)) == "mar 25 nov"
        assert short_date(date(2025, 12, 3)) == "mié 3 dic"
        assert clock("") == day_and_clock(None) == short_date("") == ""


def test_a_zone_is_named_by_its_city_in_spanish():
    with translation.override("es"):
        assert zone_place("America/New_York") == "hora de New York"
        assert zone_place("America/Los_Angeles") == "hora de Los Angeles"
        assert zone_place("UTC") == "UTC"


@pytest.mark.django_db
def test_the_spanish_results_page_shows_the_next_start_on_a_24_hour_clock(client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now",
                        lambda: datetime(2026, 11, 23, 15, 0, tzinfo=UTC))  # Monday 10:00
    MeetingFactory(name="Tuesday Hope", weekday=Weekday.TUESDAY, start_time=time(19),
                   end_time=time(20))
    with translation.override("es"):
        path = reverse("search")

    when = soup(client.get(path, {"near": NEAR})).select_one(".result__when").get_text(" ", strip=True)

    assert "mar 24 nov, 19:00" in when
    assert "pm" not in when
