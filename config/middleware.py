"""Middleware of the site as a whole: a database out of reach answers 503, never a traceback;
public reads from a streaming replica when there are some."""
import logging
import random
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

from accounts.roles import Role, role_of

from .databases import reading_from, reads_from_primary
from .error_views import DATABASE_UNREACHABLE, service_unavailable

logger = logging.getLogger(__name__)
# One line per process every so often is enough to see an outage in the log; a line per request
# would bury everything else while it lasts.
LOG_EVERY_SECONDS = 60


class DatabaseUnavailableMiddleware:
    """Turn the database's connection errors in a view (or its template) into the 503 answer.

    PostgreSQL's connect_timeout (config.settings) bounds the wait; CONN_HEALTH_CHECKS replaces
    a dropped connection at the next request, so the site recovers by itself. Errors outside
    views reach the same answer through the 500 handler (config.error_views.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.logged_at = None

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNREACHABLE):
            return None
        now = time.monotonic()
        if self.logged_at is None or now - self.logged_at >= LOG_EVERY_SECONDS:
            self.logged_at = now
            # The error's first line names the server, never the request's query.
            logger.warning("Database unreachable, answering 503: %s: %s", type(exception).__name__,
                           str(exception).splitlines()[0] if str(exception) else "")
        return service_unavailable(request)


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
CURATORS = frozenset({Role.COACH, Role.MODERATOR})
# Set on the answer to a write, for VILLAGE_PRIMARY_AFTER_WRITE_SECONDS: it says only that
# this browser wrote a moment ago, so that its next pages read the primary, which has the write.
RECENTLY_WROTE_COOKIE = "village_wrote"
# A replica that did not answer is left alone this long by each process, which reads the
# primary meanwhile: a public page slower for a while rather than a 503.
REPLICA_RETRY_SECONDS = 10


def curates(user) -> bool:
    """A coach, a moderator or staff: their pages show what they just did, from the primary."""
    return user.is_authenticated and (user.is_staff or role_of(user) in CURATORS)


def may_read_replica(request) -> bool:
    match = request.resolver_match
    return (request.method in READ_METHODS
            and match is not None and match.url_name in PUBLIC_READS
            and RECENTLY_WROTE_COOKIE not in request.COOKIES
            and not curates(request.user))


class ReplicaReadsMiddleware:
    """Let a public read (may_read_replica) read one replica, chosen per request so that a
    page reads one moment of the data; mark a browser that wrote as recently writing.

    Runs after the session and authentication middleware, whose reads (made lazily, in
    may_read_replica at the latest) stay on the primary: a person who just logged in is never
    logged out by a replica that has not received their session yet. A replica that does not
    answer is skipped for REPLICA_RETRY_SECONDS. Not used without replicas."""

    def __init__(self, get_response):
        if not settings.DATABASE_REPLICAS:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.unanswered_until = {}

    def __call__(self, request):
        with reads_from_primary():
            response = self.get_response(request)
        if request.method not in READ_METHODS:
            response.set_cookie(
                RECENTLY_WROTE_COOKIE, "1", max_age=settings.VILLAGE_PRIMARY_AFTER_WRITE_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if may_read_replica(request) and (replica := self.answering_replica()):
            # Undone by reads_from_primary in __call__ once the answer is made.
            reading_from.set(replica)

    def answering_replica(self) -> str | None:
        """A replica that answers, at random; None when none does."""
        now = time.monotonic()
        replicas = [alias for alias in settings.DATABASE_REPLICAS
                    if self.unanswered_until.get(alias, 0) <= now]
        random.shuffle(replicas)
        for alias in replicas:
            replica = connections[alias]
            try:
                # A kept connection the replica dropped is replaced here, not in the view.
                replica.close_if_health_check_failed()
                replica.ensure_connection()
            except DATABASE_UNREACHABLE as error:
                self.unanswered_until[alias] = now + REPLICA_RETRY_SECONDS
                logger.warning("Replica %s unreachable, the primary serves its reads for %d s: "
                               "%s", alias, REPLICA_RETRY_SECONDS, type(error).__name__)
                continue
            return alias
        return None
