"""Error answers written as the client reads them: JSON under the API, plain text for a calendar
(.ics), a page otherwise."""
from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API, CALENDAR, PAGE = "api", "calendar", "page"


def answer_kind(request: HttpRequest) -> str:
    path = request.path_info
    if path.startswith("/api/"):
        return API
    return CALENDAR if path.endswith(".ics") else PAGE


def error_answer(request: HttpRequest, status: int, message: str,
                 page: Callable[[], HttpResponse]) -> HttpResponse:
    """`message` as JSON `{"detail": ...}` or one line of text; `page()` for a person's page."""
    kind = answer_kind(request)
    if kind == API:
        return JsonResponse({"detail": message}, status=status)
    if kind == CALENDAR:
        return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    return page()
