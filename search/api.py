"""The search API: GET /api/v1/search/."""
from rest_framework.views import APIView

from meetings.api import PagePagination

from .finder import MeetingSearch
from .serializers import SearchParamsSerializer, SearchResultSerializer


class SearchView(APIView):
    """Meetings that fit a parent's place, week and needs, best first, with reasons."""

    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        search = MeetingSearch(params.criteria())
        paginator = PagePagination()
        page = paginator.paginate_queryset(search.meetings, request, view=self)
        results = SearchResultSerializer(search.matches(page), many=True,
                                         context={"request": request})
        return paginator.get_paginated_response(results.data)
