"""How many submissions one client may send: at most N in any sliding period (SUBMISSION_RATE,
"10/h" is 10 in any 60 minutes), counted in the shared cache (Redis in production).

django-ratelimit's windows are fixed: its count resets when a window ends, so a client could
send a full allowance just before the reset and another just after (14 in six minutes under
"10/h"). Here the period is cut into 60 buckets (a minute each for an hour) and a submission
is counted in its bucket; the count of a client is the sum over the buckets that overlap the
last period, so a submission ages out about one bucket after its period, never before. A
submission is counted first (the cache's atomic `incr`) and refused, and uncounted, when that
brings the sum over N: two at once can never both take the last place. A refusal says when the
oldest counted submissions age out. Each check costs three cache calls, whatever N is.

A client is its address (RATELIMIT_IP_META_KEY behind a proxy, as for the other limits),
kept only as a keyed hash: no address is stored in the cache or written to a log.
"""
from __future__ import annotations

import ipaddress
import logging
import math
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.timesince import timeuntil

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
# A client using IPv6 usually holds a whole /64, as django-ratelimit assumes too.
IPV6_PREFIX = 64
# The period's slices: a submission may count up to 1/60 of the period longer than its period.
BUCKETS = 60


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, rate: str) -> Rate:
        """django-ratelimit's syntax: "10/h", "30/2h", "5/m"."""
        match = re.fullmatch(r"(\d+)/(\d*)([smhd])", rate.strip())
        if match is None:
            raise ValueError(f"{rate!r} is not a rate such as 10/h")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * PERIODS[unit])


def client_address(request) -> str:
    """The client's address: the proxy's header when set and present, else REMOTE_ADDR; an
    IPv6 address as its /64 network."""
    header = settings.RATELIMIT_IP_META_KEY
    address = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR") or ""
    address = address.strip()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


def rate_for(address: str) -> Rate:
    """SUBMISSION_RATE, or the rate SUBMISSION_RATE_BY_ADDRESS gives this address."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    for network, rate in settings.VILLAGE_SUBMISSION_RATE_BY_ADDRESS:
        if parsed is not None and parsed.version == network.version and parsed in network:
            return Rate.parse(rate)
    return Rate.parse(settings.VILLAGE_SUBMISSION_RATE)


def client_key(address: str) -> str:
    """The cache's name for a client: a hash keyed by SECRET_KEY, so a dump of the cache
    gives no address back."""
    return salted_hmac("curation.allowance", address).hexdigest()[:32]


def take(request) -> int | None:
    """Count one submission from this client if its allowance has room: None when counted
    (the submission may be stored), else the seconds until it may send one again.

    When the cache cannot count, the submission goes through, with a warning: a parent's
    request matters more than the limit.
    """
    address = client_address(request)
    try:
        return _take(client_key(address), rate_for(address), time.time())
    except Exception as error:  # noqa: BLE001 - a cache outage must never lose a submission
        logger.warning("Submission allowance not counted (%s); the submission goes through.",
                       type(error).__name__)
        return None


def _take(key: str, rate: Rate, now: float) -> int | None:
    width = rate.period / BUCKETS
    current = math.floor(now / width)
    # Every bucket that holds a moment of the last period: BUCKETS + 1 of them.
    buckets = [f"village.submissions:{key}:{bucket}" for bucket in range(current - BUCKETS, current + 1)]
    kept = math.ceil(rate.period + 2 * width) + 1
    cache.add(buckets[-1], 0, kept)
    cache.incr(buckets[-1])
    counts = cache.get_many(buckets)
    counted = [counts.get(bucket, 0) for bucket in buckets]
    if sum(counted) <= rate.limit:
        return None
    cache.decr(buckets[-1])
    counted[-1] -= 1
    # The oldest buckets leave the window one by one: wait until enough of them have.
    surplus = sum(counted) - rate.limit + 1
    for age, count in enumerate(counted):
        surplus -= count
        if surplus <= 0:
            leaves_at = (current + age + 1) * width
            return max(1, math.ceil(leaves_at - now))
    return rate.period


def wait_in_words(seconds: int) -> str:
    """A wait as a person reads it, in the active language: "12 minutes", "1 hour, 5 minutes";
    rounded up to a whole minute, so that trying at the time said always works."""
    now = timezone.now()
    return timeuntil(now + timedelta(minutes=math.ceil(seconds / 60)), now)
