"""The search API: GET /api/v1/search/."""
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from meetings.api import PagePagination

from .finder import MeetingSearch
from .serializers import SearchParamsSerializer, SearchResultSerializer


class SearchView(APIView):
    """Meetings that fit a parent's place, week and needs, best first, with reasons."""

    pagination_class = PagePagination

    @extend_schema(
        parameters=[SearchParamsSerializer],
        responses={
            200: SearchResultSerializer(many=True),
            400: OpenApiResponse(description="Bad parameters: the body names each one and why."),
            503: OpenApiResponse(description="Place search is unavailable for a moment."),
        },
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        search = MeetingSearch(params.criteria())
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(search.meetings, request, view=self)
        results = SearchResultSerializer(search.matches(page), many=True,
                                         context={"request": request})
        return paginator.get_paginated_response(results.data)
