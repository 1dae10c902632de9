"""The cache on Redis (django-redis) that keeps answering while Redis is down: each process
falls back to a memory cache of its own, says so once per outage, and goes back when Redis does.
"""
from __future__ import annotations

import logging
import socket
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Redis unreachable, refusing, timing out or still loading its data; a ResponseError (such as
# incrementing a text) is a real error and is raised as usual.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout, ConnectionInterrupted)
# django-redis's own keyword arguments, which Django's memory cache does not take.
REDIS_ONLY_ARGUMENTS = ("client", "nx", "xx")
# Deletions made during an outage are replayed on Redis when it is back (a changed table's
# cached copy must not come back from before the outage); past this many, Redis is cleared.
MAX_REPLAYED_DELETIONS = 1000


class FallbackRedisCache(RedisCache):
    """django-redis's RedisCache that never fails a request because Redis is unreachable.

    After a connection error the process uses its own memory cache for `RETRY_SECONDS` (an
    entry of OPTIONS, default 5) before asking Redis again, so an outage costs at most one
    connect timeout per process per interval. Counts kept meanwhile (rate limits) are per process.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self.fallback = LocMemCache(f"village-fallback-{id(self)}", {
            key: params[key] for key in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")
            if key in params})
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try = 0.0
        self._deleted: set[tuple[str, int | None]] = set()
        self._cleared = False

    @property
    def redis_down(self) -> bool:
        return self._down_since is not None

    def _run(self, name, args, kwargs):
        if self._down_since is not None and time.monotonic() >= self._next_try:
            self._try_coming_back()
        if self._down_since is None:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except UNREACHABLE as error:
                self._went_down(error)
        fallback_kwargs = {k: v for k, v in kwargs.items() if k not in REDIS_ONLY_ARGUMENTS}
        self._remember_deletion(name, args, fallback_kwargs)
        return getattr(self.fallback, name)(*args, **fallback_kwargs)

    def _went_down(self, error):
        with self._lock:
            self._next_try = time.monotonic() + self.retry_seconds
            if self._down_since is not None:
                return
            self._down_since = time.monotonic()
        # The error names the server, never a key: keys can hold a client's address.
        logger.warning("Redis cache unreachable (%s: %s); this process uses its own memory "
                       "cache until Redis answers again.", type(error).__name__, error)

    def _try_coming_back(self):
        """Ask Redis again; if it answers, first forget there what was deleted meanwhile."""
        with self._lock:
            deleted, cleared = set(self._deleted), self._cleared
        try:
            self.client.get_client(write=True).ping()
            if cleared or len(deleted) > MAX_REPLAYED_DELETIONS:
                super().clear()
            else:
                for key, version in deleted:
                    super().delete(key, version=version)
        except UNREACHABLE as error:
            self._went_down(error)
            return
        with self._lock:
            seconds = time.monotonic() - self._down_since
            self._down_since, self._deleted, self._cleared = None, set(), False
        self.fallback.clear()
        logger.warning("Redis cache answers again after %.0f s; this process uses it again.",
                       seconds)

    def _remember_deletion(self, name, args, kwargs):
        if name == "clear":
            self._cleared = True
        elif name in ("delete", "delete_many"):
            keys = [args[0]] if name == "delete" else list(args[0])
            with self._lock:
                self._deleted.update((key, kwargs.get("version")) for key in keys)


def _falls_back(name):
    def method(self, *args, **kwargs):
        return self._run(name, args, kwargs)

    method.__name__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


# Django's cache API; the rest (get_or_set, decr_version, the async aget, aset…) call these.
for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
              "set_many", "delete_many", "clear", "incr_version"):
    setattr(FallbackRedisCache, _name, _falls_back(_name))
