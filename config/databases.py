"""Which database a read goes to: one of PostgreSQL's streaming replicas (DATABASE_REPLICA_URLS)
when a request lets it, else the primary; every write to the primary (README, "Read replicas")."""
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS

# The database this request's reads go to. The primary unless config.middleware's
# ReplicaReadsMiddleware lets a public read go to a replica: a Celery task, a management
# command, an import or a migration never reads a replica, whatever runs it.
reading_from = ContextVar("reading_from", default=DEFAULT_DB_ALIAS)


class ReplicaRouter:
    """Writes and migrations on the primary; reads where `reading_from` says."""

    def db_for_read(self, model, **hints):
        # A related object follows the one it is read from, as without a router: one page
        # never mixes a replica's moment with the primary's.
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        return reading_from.get()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every database holds the same rows, a moment apart.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A replica is read-only; it gets the primary's schema through replication.
        return db == DEFAULT_DB_ALIAS


@contextmanager
def reads_from_primary():
    token = reading_from.set(DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        reading_from.reset(token)
