"""GET /api/v1/feeds/meeting-guide.json: every published meeting as a Meeting Guide feed, cheap
to poll (ETag, Last-Modified, 304s and gzip)."""
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .exporting import feed_meetings, feed_version, meeting_guide_feed


class MeetingGuideRecordSerializer(serializers.Serializer):
    """One meeting of the feed, as the code4recovery Meeting Guide spec defines it (documentation
    of the response; the feed itself is built by feeds.exporting)."""

    slug = serializers.CharField(help_text=gettext_lazy("Unique in this feed; Village's meeting slug."))
    name = serializers.CharField()
    day = serializers.IntegerField(min_value=0, max_value=6,
                                   help_text=gettext_lazy("0 is Sunday, 6 Saturday."))
    time = serializers.CharField(help_text=gettext_lazy("Start, HH:MM 24-hour, in `timezone`."))
    end_time = serializers.CharField(help_text=gettext_lazy("End, HH:MM 24-hour, in `timezone`."))
    timezone = serializers.CharField(help_text=gettext_lazy("IANA time zone, such as America/New_York."))
    types = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Meeting Guide type codes: the source's own, plus codes for children, "
                               "identity focus, language and wheelchair access in the fellowship's "
                               "code set."))
    location = serializers.CharField(required=False, help_text=gettext_lazy("Building or landmark."))
    formatted_address = serializers.CharField(required=False)
    approximate = serializers.ChoiceField(
        choices=["yes", "no"], required=False,
        help_text=gettext_lazy("yes: the address only says where an online meeting belongs."))
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)
    conference_url = serializers.URLField(required=False)
    conference_phone = serializers.CharField(
        required=False, help_text=gettext_lazy("Digits, with + , * # for one-tap dialling."))
    notes = serializers.CharField(required=False)
    updated = serializers.CharField(help_text=gettext_lazy("UTC, YYYY-MM-DD HH:MM:SS."))
    url = serializers.URLField(help_text=gettext_lazy("The meeting's page on Village."))


def _version(request):
    # One aggregate query serves both the ETag and Last-Modified.
    if not hasattr(request, "_meeting_guide_version"):
        request._meeting_guide_version = feed_version(feed_meetings())
    return request._meeting_guide_version


def _etag(request, *args, **kwargs):
    return _version(request)[0]


def _last_modified(request, *args, **kwargs):
    return _version(request)[1]


@method_decorator(gzip_page, name="dispatch")
@method_decorator(condition(etag_func=_etag, last_modified_func=_last_modified), name="dispatch")
class MeetingGuideFeedView(APIView):
    """Every published meeting as a Meeting Guide JSON feed (code4recovery spec)."""

    renderer_classes = [JSONRenderer]
    pagination_class = None

    @extend_schema(
        summary=gettext_lazy("Meeting Guide feed"),
        description=gettext_lazy(
            "Every published meeting in the Meeting Guide JSON format that the Meeting Guide app, "
            "TSML UI and aggregators read. Send If-None-Match or If-Modified-Since to get a 304 "
            "when nothing changed; gzip on request."),
        responses={200: MeetingGuideRecordSerializer(many=True),
                   304: OpenApiResponse(
                       description=gettext_lazy("Not modified since the ETag or date sent."))},
    )
    def get(self, request):
        feed = meeting_guide_feed(feed_meetings(), page_url=lambda meeting:
                                  request.build_absolute_uri(meeting.get_absolute_url()))
        return Response(feed)
