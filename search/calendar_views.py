"""/search.ics: the meetings on one page of a search as a calendar, from the same query as the
search page (its `page` too), so that a parent adds what they see and no more."""
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from meetings.calendar_views import ics_response

from .finder import PAGE_SIZE, MeetingSearch, NoSuchPage
from .serializers import GeocoderDown, SearchParamsSerializer
from .views import search_params


def search_calendar(request):
    # The search page's own query (ticked day boxes, typed windows) reads as the API's.
    params = SearchParamsSerializer(data=search_params(request.GET))
    try:
        params.is_valid(raise_exception=True)
    except ValidationError as error:
        return JsonResponse(error.detail, status=400)
    except GeocoderDown as error:
        return JsonResponse({"detail": str(error.detail)}, status=503)
    search = MeetingSearch(params.criteria())
    try:
        result = search.page(request.GET.get("page") or "1", PAGE_SIZE)
    except NoSuchPage as error:
        return JsonResponse({"page": [str(error)]}, status=400)
    place = params.validated_data["place"]
    # Translators: the name of a calendar of search results, "Meetings near Pittsburgh, PA".
    name = _("Meetings near %(place)s") % {"place": place.label} if place else _("Online meetings")
    return ics_response(request, [match.meeting for match in result.matches], name,
                        "village-meetings")
