"""/search.ics: the meetings on one page of a search as a calendar, from the same query as the
search page (its `page` too), so that a parent adds what they see and no more."""
from django.http import HttpResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from meetings.calendar_views import ics_response

from .finder import PAGE_SIZE, MeetingSearch, NoSuchPage
from .serializers import GeocoderDown, SearchParamsSerializer
from .views import field_errors, search_params


def plain_text_error(lines: list[str], status: int) -> HttpResponse:
    """An error a calendar app can show: plain text, never the JSON of the API. A message
    that quotes a value with line breaks stays on its own line."""
    lines = [" ".join(line.splitlines()) for line in lines]
    return HttpResponse("\n".join(lines) + "\n", status=status,
                        content_type="text/plain; charset=utf-8")


def search_calendar(request):
    # The search page's own query (ticked day boxes, typed windows) reads as the API's.
    params = SearchParamsSerializer(data=search_params(request.GET))
    try:
        params.is_valid(raise_exception=True)
    except ValidationError as error:
        # Each line names the parameter: "near: We couldn't find 'zzzz'…".
        return plain_text_error([f"{field}: {message}" for field, messages
                                 in field_errors(error.detail).items() for message in messages], 400)
    except GeocoderDown as error:
        return plain_text_error([str(error.detail)], 503)
    search = MeetingSearch(params.criteria())
    try:
        result = search.page(request.GET.get("page") or "1", PAGE_SIZE)
    except NoSuchPage as error:
        return plain_text_error([f"page: {error}"], 400)
    place = params.validated_data["place"]
    # Translators: the name of a calendar of search results, "Meetings near Pittsburgh, PA".
    name = _("Meetings near %(place)s") % {"place": place.label} if place else _("Online meetings")
    return ics_response(request, [match.meeting for match in result.matches], name,
                        "village-meetings")
