"""Rate limits that are fair: only valid submissions count; a 429 keeps what the person typed
and says when to try again; the window slides (at most N in any period, across any hour
boundary); the pages and the API share one allowance; the client's address is never kept."""
import ipaddress
import logging
import time
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from config.settings import env_address_rates
from curation.models import Submission
from tests.factories import MeetingFactory, new_meeting_data

pytestmark = pytest.mark.django_db

API = reverse("api-submissions")


class Clock:
    def __init__(self, start: datetime):
        self.now = start.timestamp()

    def advance(self, seconds: float):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    """time.time() as the test sets it; 10:57 UTC, three minutes before an hour begins."""
    clock = Clock(datetime(2026, 3, 2, 10, 57, tzinfo=UTC))
    monkeypatch.setattr(time, "time", lambda: clock.now)
    return clock


def suggest(client, **data):
    return client.post(reverse("submission-new"), new_meeting_data(**data))


def test_invalid_attempts_do_not_count(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "2/h"
    closure = reverse("submission-closure", kwargs={"slug": MeetingFactory().slug})
    for _ in range(5):
        assert suggest(client, name="").status_code == 400
        assert client.post(closure, {}).status_code == 400
        assert client.post(API, {"kind": "new", **new_meeting_data(name="")},
                           content_type="application/json").status_code == 400
    assert [suggest(client).status_code for _ in range(3)] == [302, 302, 429]
    assert Submission.objects.count() == 2


def test_a_429_keeps_what_the_person_typed_and_says_when_to_try_again(client, settings, clock):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    assert suggest(client).status_code == 302
    clock.advance(10 * 60)

    response = suggest(client, name="Dads on Tuesdays", message="Ask for Luis at the door.",
                       first_name="Robin")

    assert response.status_code == 429
    assert int(response["Retry-After"]) == 51 * 60  # the first ages out a minute after its hour
    page = response.content.decode()
    assert 'value="Dads on Tuesdays"' in page and "Ask for Luis at the door." in page
    assert 'value="Robin"' in page
    assert "You can send it in 51\xa0minutes" in page  # as Django writes it: a no-break space
    assert Submission.objects.count() == 1


def test_a_change_request_refused_keeps_the_change(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    from tests.factories import change_data

    meeting = MeetingFactory(children="unknown")
    url = reverse("submission-change", kwargs={"slug": meeting.slug})
    assert client.post(url, change_data(meeting, children="welcome")).status_code == 302
    response = client.post(url, change_data(meeting, children="childcare"))
    assert response.status_code == 429
    assert response.context["form"]["children"].value() == "childcare"


@pytest.mark.parametrize("start_minute", [0, 54, 57, 59])
def test_fourteen_in_six_minutes_under_ten_an_hour_are_not_all_stored(client, settings, clock, start_minute):
    settings.VILLAGE_SUBMISSION_RATE = "10/h"
    clock.now = datetime(2026, 3, 2, 10, start_minute, tzinfo=UTC).timestamp()
    answers = []
    for _ in range(14):
        answers.append(suggest(client).status_code)
        clock.advance(6 * 60 / 14)
    assert answers == [302] * 10 + [429] * 4
    assert Submission.objects.count() == 10


def test_the_eleventh_in_a_rolling_hour_is_refused_across_the_hour_and_allowed_once_the_first_ages_out(
        client, settings, clock):
    settings.VILLAGE_SUBMISSION_RATE = "10/h"
    for _ in range(10):  # 10:57 to 11:06, one a minute
        assert suggest(client).status_code == 302
        clock.advance(60)
    clock.advance(30 * 60)  # 11:37: a fixed window would have started again at 11:00
    refused = suggest(client)
    assert refused.status_code == 429

    clock.advance(int(refused["Retry-After"]) - 1)
    assert suggest(client).status_code == 429  # a second early
    clock.advance(1)
    assert suggest(client).status_code == 302  # the first has aged out: one more
    assert suggest(client).status_code == 429  # and only one
    assert Submission.objects.count() == 11


def test_the_api_shares_the_allowance_and_says_when_to_try_again(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    assert suggest(client).status_code == 302
    response = client.post(API, {"kind": "new", **new_meeting_data()}, content_type="application/json")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 61 * 60
    assert response.json()["detail"].startswith("Too many submissions from this client; try again in 1")
    assert Submission.objects.count() == 1


def test_each_address_has_its_own_allowance(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    assert suggest(client).status_code == 302
    assert suggest(client).status_code == 429
    assert client.post(reverse("submission-new"), new_meeting_data(),
                       REMOTE_ADDR="10.1.2.3").status_code == 302


def test_a_clinics_shared_address_can_have_a_higher_rate(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    settings.VILLAGE_SUBMISSION_RATE_BY_ADDRESS = [(ipaddress.ip_network("203.0.113.0/24"), "3/h")]
    clinic = {"REMOTE_ADDR": "203.0.113.9"}
    answers = [client.post(reverse("submission-new"), new_meeting_data(), **clinic).status_code
               for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    # Another address in the clinic's network counts on its own; one outside keeps the default.
    assert client.post(reverse("submission-new"), new_meeting_data(),
                       REMOTE_ADDR="203.0.113.10").status_code == 302
    assert [suggest(client).status_code for _ in range(2)] == [302, 429]


def test_behind_a_proxy_the_address_comes_from_its_header(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    assert client.post(reverse("submission-new"), new_meeting_data(),
                       HTTP_X_REAL_IP="198.51.100.7").status_code == 302
    assert client.post(reverse("submission-new"), new_meeting_data(),
                       HTTP_X_REAL_IP="198.51.100.8").status_code == 302
    assert client.post(reverse("submission-new"), new_meeting_data(),
                       HTTP_X_REAL_IP="198.51.100.7").status_code == 429


def test_rates_by_address_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("SUBMISSION_RATE_BY_ADDRESS", "198.51.100.0/24=100/h, 198.51.100.7=60/h")
    assert env_address_rates("SUBMISSION_RATE_BY_ADDRESS") == [
        (ipaddress.ip_network("198.51.100.7/32"), "60/h"),
        (ipaddress.ip_network("198.51.100.0/24"), "100/h")]
    for wrong in ("198.51.100.7", "clinic=60/h", "198.51.100.7=lots"):
        monkeypatch.setenv("SUBMISSION_RATE_BY_ADDRESS", wrong)
        with pytest.raises(RuntimeError, match="is not address=rate"):
            env_address_rates("SUBMISSION_RATE_BY_ADDRESS")


def test_the_cache_and_the_log_never_hold_the_clients_address(client, settings, monkeypatch, caplog):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    address = "198.51.100.23"
    client.post(reverse("submission-new"), new_meeting_data(), REMOTE_ADDR=address)
    keys = cache.keys("*") if hasattr(cache, "keys") else list(cache._cache)
    assert keys and not any(address in str(key) for key in keys)

    def unreachable(*args, **kwargs):
        raise ConnectionError(f"cache unreachable for {args}")

    monkeypatch.setattr(cache, "incr", unreachable)
    with caplog.at_level(logging.WARNING):
        response = client.post(reverse("submission-new"), new_meeting_data(), REMOTE_ADDR=address)
    assert response.status_code == 302  # a cache that cannot count never loses a submission
    assert "allowance not counted" in caplog.text
    assert address not in caplog.text
