"""The meetings API: a filterable list of published meetings and each meeting."""
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from .filters import MeetingFilter
from .models import Meeting
from .serializers import MeetingSerializer

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class DetailSerializer(serializers.Serializer):
    """Documentation of the body of an error that concerns no one field (404, 429, 503)."""

    detail = serializers.CharField(help_text=gettext_lazy("What went wrong, in plain words."))


# The body of a 400: each parameter or field that is wrong, with why. A repeatable parameter's
# item is named by its position ({"avoid": {"0": [...]}}); a body that cannot be read at all
# is {"detail": ...}.
FIELD_ERRORS = OpenApiResponse(
    response={"type": "object", "properties": {"detail": {"type": "string"}},
              "additionalProperties": {"anyOf": [
                  {"type": "array", "items": {"type": "string"}},
                  {"type": "object",
                   "additionalProperties": {"type": "array", "items": {"type": "string"}}},
              ]}},
    description=gettext_lazy("Bad parameters: the body names each one and why."))
NOT_FOUND = OpenApiResponse(DetailSerializer, description=gettext_lazy("No such published meeting."))
THROTTLED = OpenApiResponse(
    DetailSerializer,
    description=gettext_lazy("Too many requests from this client; Retry-After says how many "
                             "seconds to wait."))


class PagePagination(PageNumberPagination):
    """Page numbers; a page that does not exist is a bad parameter, not a missing resource."""

    page_size = 20
    # Only numbers: the schema says the page is an integer.
    last_page_strings = ()

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

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                # Blank is the first page, as a form sends it.
                parameter["schema"] = {"oneOf": [{"type": "integer", "minimum": 1},
                                                 {"type": "string", "maxLength": 0}]}
        return parameters


@extend_schema_view(
    list=extend_schema(responses={200: MeetingSerializer(many=True), 400: FIELD_ERRORS}),
    retrieve=extend_schema(responses={200: MeetingSerializer, 404: NOT_FOUND}),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Meeting.objects.published().prefetch_related("focus", "languages")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    pagination_class = PagePagination
    lookup_field = "slug"

    def get_object(self):
        # What is no slug names no meeting; PostgreSQL would refuse a NUL in the lookup.
        if not SLUG.fullmatch(self.kwargs[self.lookup_field]):
            raise NotFound()
        return super().get_object()
