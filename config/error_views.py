"""Error pages that keep the quick exit: a server error, the database out of reach (503), an
address that leads nowhere (404, JSON under the API) and a refused form (CSRF)."""
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views import defaults

from core.answers import API, answer_kind, error_answer

# A database restart takes seconds; clients that honour Retry-After come back after it.
RETRY_AFTER_SECONDS = 30
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)


def server_error(request):
    # An error a middleware or the response phase hit (a session saved after the view, say)
    # reaches Django's 500 handler rather than the middleware in config/middleware.py.
    if isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE):
        return service_unavailable(request)
    # Rendered without the request's context processors, which may be what failed.
    page = loader.get_template("500.html").render({"quick_exit_url": settings.VILLAGE_QUICK_EXIT_URL})
    return HttpResponseServerError(page)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After, written as the request expects (core.answers); a person's page is
    standalone, like the 500 page: the context processors and the header's links read the
    database."""
    response = error_answer(
        request, 503, gettext("Village is briefly unavailable. Please try again in a minute."),
        page=lambda: HttpResponse(loader.get_template("503.html").render(
            {"quick_exit_url": settings.VILLAGE_QUICK_EXIT_URL}), status=503))
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def page_not_found(request, exception):
    # An API client reads JSON even for an address that matches no route at all
    # (/api/v1/meetings/a%08b./), as it does for a meeting that does not exist.
    if answer_kind(request) == API:
        return JsonResponse({"detail": gettext("No such address in the API.")}, status=404)
    return defaults.page_not_found(request, exception)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=HttpResponseForbidden.status_code)
