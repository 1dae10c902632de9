"""The search API: GET /api/v1/search/."""
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from meetings.api import FIELD_ERRORS, THROTTLED, DetailSerializer, PagePagination

from .finder import MeetingSearch, NoSuchPage
from .serializers import SearchParamsSerializer, SearchResultSerializer


class SearchPagination(PagePagination):
    """Pages of a search, counted by the same statement that finds them."""

    def paginate_search(self, search: MeetingSearch, request):
        self.request = request
        try:
            result = search.page(request.query_params.get(self.page_query_param) or 1, self.page_size)
        except NoSuchPage as error:
            raise ValidationError({self.page_query_param: [str(error)]}) from None
        self.page = result.as_django_page()
        return result.matches


# What a parent searched for is kept by no cache on the way, as on the search page.
@method_decorator(never_cache, name="dispatch")
class SearchView(APIView):
    """Meetings that fit a parent's place, week and needs, best first, with reasons."""

    pagination_class = SearchPagination

    @extend_schema(
        parameters=[SearchParamsSerializer],
        responses={
            200: SearchResultSerializer(many=True),
            400: FIELD_ERRORS,
            429: THROTTLED,
            503: OpenApiResponse(DetailSerializer,
                                 description=gettext_lazy("Place search is unavailable for a moment.")),
        },
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        search = MeetingSearch(params.criteria())
        paginator = self.pagination_class()
        results = SearchResultSerializer(paginator.paginate_search(search, request), many=True,
                                         context={"request": request,
                                                  "units": search.criteria.units})
        return paginator.get_paginated_response(results.data)
