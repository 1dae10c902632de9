"""/search.ics: a search's first results as a calendar, from the same query as the search page."""
from django.http import JsonResponse
from rest_framework.exceptions import ValidationError

from meetings.calendar_views import ics_response

from .finder import MeetingSearch
from .serializers import GeocoderDown, SearchParamsSerializer
from .views import search_params

MAX_MEETINGS = 100


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
    meetings = [match.meeting for match in search.page(1, MAX_MEETINGS).matches]
    place = params.validated_data["place"]
    name = f"Meetings near {place.label}" if place else "Online meetings"
    return ics_response(request, meetings, name, "village-meetings")
