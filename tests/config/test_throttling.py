"""Searches, calendars and the feed export are throttled per client (core/throttling.py): past
its rate a client gets 429 with Retry-After, as a page, JSON or plain text; everything else,
and any request the cache cannot count, goes through."""
import time

import pytest
from django.urls import get_resolver, reverse

from config.settings import env_rates
from core.throttling import THROTTLED
from tests.factories import CollectionFactory, MeetingFactory
from tests.pages import NEAR, english, soup, spanish

pytestmark = pytest.mark.django_db

PAGE, JSON, TEXT = "text/html; charset=utf-8", "application/json", "text/plain; charset=utf-8"


@pytest.fixture
def rates(settings):
    settings.VILLAGE_THROTTLE_RATES = {"search": "2/m", "calendar": "2/m", "feed": "2/m"}
    return settings.VILLAGE_THROTTLE_RATES


def throttled_urls():
    meeting = MeetingFactory()
    collection = CollectionFactory()
    return {
        "search page": (english("search") + f"?near={NEAR}", PAGE),
        "search page in Spanish": (spanish("search") + f"?near={NEAR}", PAGE),
        "starting soon": (english("starting-soon") + f"?near={NEAR}", PAGE),
        "search API": (reverse("api-search") + f"?near={NEAR}", JSON),
        "search calendar": (english("search-calendar") + f"?near={NEAR}", TEXT),
        "meeting calendar": (english("meeting-calendar", kwargs={"slug": meeting.slug}), TEXT),
        "collection calendar": (english("collection-calendar", kwargs={"token": collection.token}),
                                TEXT),
        "my meetings calendar": (english("shortlist-calendar") + f"?m={meeting.slug}", TEXT),
        "feed export": (reverse("api-meeting-guide-feed"), JSON),
    }


@pytest.mark.parametrize("name", ["search page", "search page in Spanish", "starting soon",
                                  "search API", "search calendar", "meeting calendar",
                                  "collection calendar", "my meetings calendar", "feed export"])
def test_a_client_past_the_rate_gets_429_with_retry_after(client, rates, name):
    url, content_type = throttled_urls()[name]
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == content_type
    assert "no-store" in response["Cache-Control"]
    seconds = response["Retry-After"]
    if content_type == JSON:
        assert seconds in response.json()["detail"]
    elif content_type == TEXT:
        assert seconds in response.content.decode()
    else:
        page = soup(response)
        # The site's frame: the quick exit stays on the page.
        assert page.select_one("a[data-quick-exit]") is not None
        assert seconds in page.select_one("main").get_text()


def test_the_429_page_speaks_the_pages_language(client, rates):
    for _ in range(3):
        response = client.get(spanish("search"), {"near": NEAR})
    assert response.status_code == 429
    assert soup(response).html["lang"] == "es"


def test_the_page_the_api_and_starting_soon_share_one_count(client, rates):
    assert client.get(english("search"), {"near": NEAR}).status_code == 200
    assert client.get(reverse("api-search"), {"near": NEAR}).status_code == 200
    assert client.get(english("starting-soon"), {"near": NEAR}).status_code == 429


def test_scopes_are_counted_apart(client, rates):
    meeting = MeetingFactory()
    for _ in range(3):
        client.get(reverse("api-search"), {"near": NEAR})
    assert client.get(english("meeting-calendar", kwargs={"slug": meeting.slug})).status_code == 200
    assert client.get(reverse("api-meeting-guide-feed")).status_code == 200


def test_each_client_address_has_its_own_count(client, rates):
    for _ in range(3):
        client.get(reverse("api-search"), {"near": NEAR}, REMOTE_ADDR="192.0.2.1")
    assert client.get(reverse("api-search"), {"near": NEAR},
                      REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(reverse("api-search"), {"near": NEAR},
                      REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_a_proxy_the_clients_address_comes_from_its_header(client, rates, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    url = reverse("api-search")
    for _ in range(3):
        client.get(url, {"near": NEAR}, HTTP_X_REAL_IP="198.51.100.7")
    assert client.get(url, {"near": NEAR}, HTTP_X_REAL_IP="198.51.100.7").status_code == 429
    assert client.get(url, {"near": NEAR}, HTTP_X_REAL_IP="198.51.100.8").status_code == 200
    # A request that bypassed the proxy counts by its own address, not as an error.
    assert client.get(url, {"near": NEAR}).status_code == 200


def test_a_client_may_search_again_once_the_window_has_passed(client, rates, monkeypatch):
    url = reverse("api-search")
    for _ in range(3):
        response = client.get(url, {"near": NEAR})
    assert response.status_code == 429
    later = time.time() + int(response["Retry-After"]) + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(url, {"near": NEAR}).status_code == 200


def test_other_pages_and_the_health_checks_are_never_throttled(client, settings):
    settings.VILLAGE_THROTTLE_RATES = {"search": "1/m", "calendar": "1/m", "feed": "1/m"}
    meeting = MeetingFactory()
    for url in (english("meeting-detail", kwargs={"slug": meeting.slug}), english("privacy"),
                reverse("api-meeting-list"), "/health/live/"):
        assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200], url


def test_a_scope_without_a_rate_is_not_throttled(client, settings):
    settings.VILLAGE_THROTTLE_RATES = {"search": None, "calendar": "1/m", "feed": "1/m"}
    statuses = {client.get(reverse("api-search"), {"near": NEAR}).status_code for _ in range(5)}
    assert statuses == {200}


def refuse(*args, **kwargs):
    raise ConnectionError("cache unreachable")


@pytest.mark.parametrize("failure", [
    {"add": refuse},
    # What django-ratelimit reads as a failed count (a memcached client answering nothing).
    {"add": lambda *args, **kwargs: False, "incr": lambda *args, **kwargs: None},
], ids=["the cache raises", "the cache answers nothing"])
def test_a_search_goes_through_when_the_cache_cannot_count(client, rates, monkeypatch, failure):
    from django.core.cache import cache

    for name, method in failure.items():
        monkeypatch.setattr(cache, name, method)
    statuses = {client.get(reverse("api-search"), {"near": NEAR}).status_code for _ in range(4)}
    assert statuses == {200}


def test_with_redis_down_each_process_counts_on_its_own(client, rates, settings):
    # The project's cache (config.cache.FallbackRedisCache) then answers from memory; nothing
    # listens on port 1.
    settings.CACHES = {"default": {"BACKEND": "config.cache.FallbackRedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5}}}
    statuses = [client.get(reverse("api-search"), {"near": NEAR}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_throttle_rates_from_the_environment_override_the_defaults(monkeypatch):
    defaults = {"search": "120/m", "calendar": "60/m", "feed": "30/m"}
    monkeypatch.setenv("THROTTLE_RATES", "search=300/m, feed=off")
    assert env_rates("THROTTLE_RATES", defaults) == {"search": "300/m", "calendar": "60/m",
                                                     "feed": None}
    monkeypatch.setenv("THROTTLE_RATES", "searches=300/m")
    with pytest.raises(RuntimeError, match="searches=300/m"):
        env_rates("THROTTLE_RATES", defaults)
    monkeypatch.setenv("THROTTLE_RATES", "search=lots")
    with pytest.raises(RuntimeError, match="'lots' is not a rate"):
        env_rates("THROTTLE_RATES", defaults)


def url_patterns(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from url_patterns(pattern.url_patterns)
        else:
            yield pattern


def test_every_calendar_address_is_throttled_as_a_calendar():
    calendars = {pattern.name for pattern in url_patterns(get_resolver().url_patterns)
                 if str(pattern.pattern).endswith(".ics")}
    assert calendars >= {"search-calendar", "meeting-calendar", "collection-calendar"}
    assert {THROTTLED[name] for name in calendars} == {"calendar"}
