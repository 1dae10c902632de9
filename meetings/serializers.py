"""How meetings look in the API."""
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Meeting
from .schedule import Weekday

# A clock time as the API writes it: 07:00, 19:30.
CLOCK_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$"


@extend_schema_field({"type": "string", "pattern": CLOCK_PATTERN, "example": "19:00"})
class ClockField(serializers.TimeField):
    """A wall-clock time, HH:MM on the 24-hour clock, in the meeting's time zone."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingSerializer(serializers.ModelSerializer):
    weekday = serializers.SerializerMethodField(help_text=gettext_lazy(
        # Translators: API documentation; the day codes stay as written.
        "sun, mon, tue, wed, thu, fri or sat, in the meeting's own time zone."))
    # Translators: API documentation; HH:MM and `timezone` (a field's name) stay as written.
    start_time = ClockField(help_text=gettext_lazy("HH:MM, 24-hour, in `timezone`."))
    end_time = ClockField(help_text=gettext_lazy("HH:MM, 24-hour, in `timezone`."))
    focus = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    languages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    next_start = serializers.SerializerMethodField(
        help_text=gettext_lazy("The next start, ISO 8601 with offset, in the meeting's own time "
                               "zone."))
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "slug", "name", "fellowship", "weekday", "start_time", "end_time", "timezone",
            "next_start", "attendance", "location_name", "address", "latitude", "longitude",
            "location_approximate", "conference_url", "conference_phone", "children",
            "philosophy", "medication_supportive", "focus", "languages",
            "wheelchair_accessible", "notes", "contact_email", "contact_phone", "contact_website",
            "last_verified", "updated", "url",
        ]

    def get_weekday(self, meeting) -> str:
        return Weekday(meeting.weekday).slug

    def get_next_start(self, meeting) -> str:
        return meeting.next_occurrence(self.context.get("now") or timezone.now()).isoformat()

    def get_url(self, meeting) -> str:
        request = self.context.get("request")
        url = meeting.get_absolute_url()
        return request.build_absolute_uri(url) if request else url
