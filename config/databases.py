"""Reads of public pages from PostgreSQL's streaming replicas (DATABASE_REPLICA_URLS); every
other read, and every write, on the primary (README, "Read replicas")."""
import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS

# The database this request's reads go to. The primary unless the middleware below lets a
# public read go to a replica: a Celery task, a management command, an import or a migration
# never reads a replica, whatever runs it.
reading_from = ContextVar("reading_from", default=DEFAULT_DB_ALIAS)

# The URL names (as resolved) whose GET and HEAD may read a replica: the searches, the public
# pages of meetings and collections, every calendar and the published feed. A page not named
# here reads the primary, so a new page is correct before it is fast.
PUBLIC_READS = frozenset({
    "search", "starting-soon", "search-calendar", "api-search",
    "meeting-detail", "meeting-calendar", "api-meeting-list", "api-meeting-detail",
    "shortlist", "shortlist-calendar",
    "collection-detail", "collection-calendar", "collection-csv", "collection-feed",
    "collection-flyer",
    "api-meeting-guide-feed",
})
READ_METHODS = frozenset({"GET", "HEAD"})
# Set on the answer to a write, for VILLAGE_PRIMARY_AFTER_WRITE_SECONDS: it says only that
# this browser wrote a moment ago, so its next pages read the primary, which has the write.
RECENTLY_WROTE_COOKIE = "village_wrote"


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


def curates(user) -> bool:
    """A coach, a moderator or staff: their pages show what they just did, from the primary."""
    # Here: the Celery app imports this module while the settings load, before the models.
    from accounts.roles import Role, role_of

    return user.is_authenticated and (user.is_staff or role_of(user) in {Role.COACH,
                                                                          Role.MODERATOR})


def may_read_replica(request) -> bool:
    match = request.resolver_match
    return (request.method in READ_METHODS
            and match is not None and match.url_name in PUBLIC_READS
            and RECENTLY_WROTE_COOKIE not in request.COOKIES
            and not curates(request.user))


class ReplicaReadsMiddleware:
    """Let a public read (may_read_replica) read one replica, chosen per request so that a
    page reads one moment of the data; mark a browser that wrote as recently writing.

    Runs after the session and authentication middleware, whose reads (resolved lazily, in
    may_read_replica at the latest) stay on the primary: a person who just logged in is never
    logged out by a replica that has not received their session yet. Not used without
    replicas."""

    def __init__(self, get_response):
        if not settings.DATABASE_REPLICAS:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        with reads_from_primary():
            response = self.get_response(request)
        if request.method not in READ_METHODS:
            response.set_cookie(
                RECENTLY_WROTE_COOKIE, "1", max_age=settings.VILLAGE_PRIMARY_AFTER_WRITE_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if may_read_replica(request):
            # Reset by reads_from_primary in __call__ when the answer is made.
            reading_from.set(random.choice(settings.DATABASE_REPLICAS))
