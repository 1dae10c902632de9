"""Health endpoints for the container runtime and load balancer: /health/live/ (the process
answers) and /health/ready/ (database migrated, cache, broker and a worker), through
django-health-check."""
from __future__ import annotations

import asyncio
import dataclasses
import datetime
import time

from asgiref.sync import sync_to_async
from celery.signals import heartbeat_sent, worker_ready
from django.conf import settings
from django.core.cache import cache, caches
from django.db import Error as DatabaseError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

# A worker writes the time it was last alive here; readiness wants it recent.
WORKER_SEEN_KEY = "village:health:worker-seen"
WORKER_SEEN_WITHIN = datetime.timedelta(minutes=2)


@never_cache
def live(request):
    """The process answers requests; nothing else is asked (no database, no cache)."""
    return JsonResponse({"status": "ok"})


class InRequestThread:
    """Run a synchronous check in the request's own thread, with its database connection,
    instead of django-health-check's thread pool, where each thread would open one of its own."""

    async def run(self):
        await sync_to_async(super().run, thread_sensitive=True)()


@dataclasses.dataclass
class DatabaseReachable(InRequestThread, Database):
    pass


@dataclasses.dataclass
class Migrated(HealthCheck):
    """Every migration in the code is applied: a new release must not serve before `migrate`."""

    alias: str = "default"

    async def run(self):
        await sync_to_async(self.unapplied_check, thread_sensitive=True)()

    def unapplied_check(self):
        connection = connections[self.alias]
        try:
            with connection.temporary_connection():
                executor = MigrationExecutor(connection)
                plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            raise ServiceUnavailable("Database unreachable") from error
        if plan:
            first, _ = plan[0]
            raise ServiceUnavailable(f"{len(plan)} unapplied migration(s), the first "
                                     f"{first.app_label}.{first.name}: run migrate")


@dataclasses.dataclass
class CacheReachable(Cache):
    """The cache keeps a value, and from its own server: config.cache.FallbackRedisCache keeps
    answering from this process's memory while Redis is down, which readiness must not hide."""

    async def run(self):
        await super().run()
        if getattr(caches[self.alias], "redis_down", False):
            raise ServiceUnavailable("Redis unreachable; answering from this process's memory")


@dataclasses.dataclass
class WorkerSeen(HealthCheck):
    """A Celery worker said it was alive within WORKER_SEEN_WITHIN (record_worker_alive)."""

    async def run(self):
        seen = await cache.aget(WORKER_SEEN_KEY)
        if seen is None or time.time() - seen > WORKER_SEEN_WITHIN.total_seconds():
            raise ServiceUnavailable(
                f"No Celery worker seen in the last {WORKER_SEEN_WITHIN.total_seconds():.0f} s")


@heartbeat_sent.connect
@worker_ready.connect
def record_worker_alive(sender=None, **kwargs):
    """In a worker: at start and at each event heartbeat (every 2 s unless the worker runs with
    --without-heartbeat), note the time in the shared cache for the web's readiness."""
    cache.set(WORKER_SEEN_KEY, time.time(),
              timeout=int(WORKER_SEEN_WITHIN.total_seconds()) + 60)


def broker_configured() -> bool:
    # Without REDIS_URL the broker is "memory://" and tasks run in the calling process.
    return settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))


def readiness_checks() -> dict[str, HealthCheck]:
    checks = {"database": DatabaseReachable(), "migrations": Migrated(), "cache": CacheReachable()}
    if broker_configured():
        url = settings.CELERY_BROKER_URL
        checks["broker"] = Redis(client_factory=lambda: RedisClient.from_url(
            url, socket_connect_timeout=1, socket_timeout=2))
        checks["worker"] = WorkerSeen()
    return checks


class ReadyView(HealthCheckView):
    """200 when every check passes, else 503; JSON naming each check's state."""

    async def get(self, request, *args, **kwargs):
        checks = readiness_checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor)
                                             for check in checks.values()))
        states = {name: "ok" if result.error is None else str(result.error)
                  for name, result in zip(checks, results, strict=True)}
        ready = all(result.error is None for result in results)
        return JsonResponse({"status": "ok" if ready else "unavailable", "checks": states},
                            status=200 if ready else 503)


ready = ReadyView.as_view()
