"""Middleware of the site as a whole: a database out of reach answers 503, never a traceback."""
import logging
import time

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
