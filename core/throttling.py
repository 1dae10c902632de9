"""Per-client throttling of the searches, calendars and feed export on the shared cache, answering
429 with Retry-After: a page in the site's frame, JSON for the API, plain text for calendars."""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from .answers import error_answer

logger = logging.getLogger(__name__)

# The scope of each throttled URL (by resolved name): its rate's key in
# settings.VILLAGE_THROTTLE_RATES. The page, the API and "Starting soon" share the "search"
# count, so switching between them gives no client a second allowance.
THROTTLED = {
    "search": "search",
    "starting-soon": "search",
    "api-search": "search",
    "search-calendar": "calendar",
    "meeting-calendar": "calendar",
    "collection-calendar": "calendar",
    "shortlist-calendar": "calendar",
    "api-meeting-guide-feed": "feed",
}


def client_address(group, request):
    # Behind a proxy the client's address is in RATELIMIT_IP_META_KEY; a request that reached
    # gunicorn without the proxy lacks that header and counts by its own address.
    return request.META.get("REMOTE_ADDR") or "unknown"


def usage(request, scope: str, rate: str):
    """Count this request against the client's allowance: django-ratelimit's usage dict."""
    group = f"village.throttle.{scope}"
    try:
        return get_usage(request, group=group, key="ip", rate=rate, increment=True)
    except ImproperlyConfigured:
        return get_usage(request, group=group, key=client_address, rate=rate, increment=True)


class ThrottleMiddleware:
    """Answer 429 to a client past its rate for a throttled URL (THROTTLED).

    The count lives in the default cache, shared by every process when it is Redis. When the
    cache cannot count (it fails, or django-ratelimit reports it failed), the request goes
    through: a parent's search matters more than the limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        scope = THROTTLED.get(match.url_name) if match else None
        rate = settings.VILLAGE_THROTTLE_RATES.get(scope) if scope else None
        if rate is None:
            return None
        try:
            counted = usage(request, scope, rate)
        except Exception as error:  # noqa: BLE001 - a cache outage must never fail a search
            logger.warning("Throttle not counted for %s (%s); the request goes through.",
                           scope, type(error).__name__)
            return None
        # django-ratelimit's answer when the cache failed: time_left -1 (a window never ends
        # in the past).
        if counted is None or counted["time_left"] < 0 or not counted["should_limit"]:
            return None
        return too_many_requests(request, max(1, counted["time_left"]))


def too_many_requests(request, retry_after: int) -> HttpResponse:
    message = ngettext(
        "Too many requests from your connection. Please try again in %(seconds)d second.",
        "Too many requests from your connection. Please try again in %(seconds)d seconds.",
        retry_after) % {"seconds": retry_after}
    response = error_answer(request, 429, message, page=lambda: render(
        request, "429.html", {"retry_after": retry_after}, status=429))
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response
