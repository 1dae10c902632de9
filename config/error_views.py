"""Error pages that keep the quick exit: a server error and a refused form (CSRF)."""
from django.conf import settings
from django.http import HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def server_error(request):
    # Rendered without the request's context processors, which may be what failed.
    page = loader.get_template("500.html").render({"quick_exit_url": settings.VILLAGE_QUICK_EXIT_URL})
    return HttpResponseServerError(page)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=HttpResponseForbidden.status_code)
