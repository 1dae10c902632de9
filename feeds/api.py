"""GET /api/v1/feeds/meeting-guide.json: every published meeting as a Meeting Guide feed, cheap
to poll (ETag, Last-Modified, 304s and gzip), sent from the snapshot a worker builds."""
import gzip
import re

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from meetings.api import THROTTLED
from meetings.serializers import CLOCK_PATTERN

from .exporting import current_snapshot


class MeetingGuideRecordSerializer(serializers.Serializer):
    """One meeting of the feed, as the code4recovery Meeting Guide spec defines it (documentation
    of the response; the feed itself is built by feeds.exporting)."""

    slug = serializers.CharField(help_text=gettext_lazy("Unique in this feed; Village's meeting slug."))
    name = serializers.CharField()
    day = serializers.IntegerField(min_value=0, max_value=6,
                                   help_text=gettext_lazy("0 is Sunday, 6 Saturday."))
    time = serializers.RegexField(CLOCK_PATTERN,
                                  help_text=gettext_lazy("Start, HH:MM 24-hour, in `timezone`."))
    end_time = serializers.RegexField(CLOCK_PATTERN,
                                      help_text=gettext_lazy("End, HH:MM 24-hour, in `timezone`."))
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
    updated = serializers.RegexField(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$",
                                     help_text=gettext_lazy("UTC, YYYY-MM-DD HH:MM:SS."))
    url = serializers.URLField(help_text=gettext_lazy("The meeting's page on Village."))


FIRST_BUILD_RETRY_SECONDS = 60
# As Django's GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _snapshot(request):
    # One aggregate query serves both the ETag and Last-Modified.
    if not hasattr(request, "_meeting_guide_snapshot"):
        request._meeting_guide_snapshot = current_snapshot()
    return request._meeting_guide_snapshot


def _etag(request, *args, **kwargs):
    snapshot = _snapshot(request)
    return snapshot.version if snapshot else None


def _last_modified(request, *args, **kwargs):
    snapshot = _snapshot(request)
    return snapshot.last_modified if snapshot else None


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
                       description=gettext_lazy("Not modified since the ETag or date sent.")),
                   429: THROTTLED,
                   503: OpenApiResponse(description=gettext_lazy(
                       "A new deployment's feed is still being built; Retry-After says when "
                       "to come back."))},
    )
    def get(self, request):
        snapshot = _snapshot(request)
        if snapshot is None:
            # A deployment's first poll: a worker builds the feed, which takes a minute at
            # 100,000 meetings; building it here would outlast the web worker's timeout.
            response = JsonResponse({"detail": _("The feed is being built; try again in a minute.")},
                                    status=503)
            response["Retry-After"] = str(FIRST_BUILD_RETRY_SECONDS)
            return response
        body = bytes(snapshot.body)  # gzipped JSON
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(body, content_type="application/json")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(body), content_type="application/json")
        patch_vary_headers(response, ["Accept-Encoding"])
        return response
