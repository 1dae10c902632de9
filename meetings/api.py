"""The meetings API: a filterable list of published meetings and each meeting."""
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from .filters import MeetingFilter
from .models import Meeting
from .serializers import MeetingSerializer


class PagePagination(PageNumberPagination):
    """Page numbers; a page that does not exist is a bad parameter, not a missing resource."""

    page_size = 20

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            last = self.django_paginator_class(queryset, self.get_page_size(request)).num_pages
            asked = request.query_params.get(self.page_query_param)
            raise ValidationError({
                self.page_query_param: [_("There is no page '%(page)s'; pages run from 1 to "
                                          "%(last)s.") % {"page": asked, "last": last}]
            }) from None


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Meeting.objects.published().prefetch_related("focus", "languages")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    pagination_class = PagePagination
    lookup_field = "slug"
