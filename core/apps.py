"""What every app shares; at start it hooks the Celery worker's heartbeat into the cache for
the readiness check (core/health.py)."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # Connects core.health's receivers of the worker's start and heartbeat signals.
        from . import health  # noqa: F401
