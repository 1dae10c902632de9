"""Filters for the meetings list API."""
import re
from datetime import UTC, datetime

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field

from .models import Attendance, ChildrenPolicy, Fellowship, Meeting, Philosophy
from .schedule import WEEKDAY_SLUGS, Weekday

# Django's boolean form field reads any unknown word as "no filter"; a typo should be a 400.
YES_OR_NO = [("true", "true"), ("false", "false")]


def is_yes(value: str) -> bool:
    return value == "true"


def documented(filter_field, description=""):
    """The filter as the schema tells it: exactly its choices, and blank for no filter (as
    django-filter reads `?fellowship=`)."""
    values = [value for value, _label in filter_field.extra["choices"]]
    schema = {"type": "string", "enum": ["", *values]}
    if description:
        schema["description"] = description
    return extend_schema_field(schema)(filter_field)


# RFC 3339, as the schema's `format: date-time` says; Django would also read a bare date.
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


class Rfc3339Field(django_filters.fields.IsoDateTimeField):
    def to_python(self, value):
        if value not in self.empty_values and not RFC_3339.match(str(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        moment = super().to_python(value)
        if moment is None:
            return None
        # In UTC, as PostgreSQL takes no offset past 15:59; a moment past the ends of the
        # calendar in UTC is at that end.
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            return (datetime.min if moment.year == 1 else datetime.max).replace(tzinfo=UTC)


class Rfc3339Filter(django_filters.IsoDateTimeFilter):
    field_class = Rfc3339Field


class MeetingFilter(django_filters.FilterSet):
    fellowship = documented(django_filters.ChoiceFilter(choices=Fellowship.choices))
    attendance = documented(django_filters.ChoiceFilter(choices=Attendance.choices))
    children = documented(django_filters.ChoiceFilter(choices=ChildrenPolicy.choices))
    philosophy = documented(django_filters.ChoiceFilter(choices=Philosophy.choices))
    medication_supportive = documented(
        django_filters.TypedChoiceFilter(choices=YES_OR_NO, coerce=is_yes),
        Meeting._meta.get_field("medication_supportive").help_text)
    wheelchair = documented(
        django_filters.TypedChoiceFilter(field_name="wheelchair_accessible", choices=YES_OR_NO,
                                         coerce=is_yes))
    day = documented(django_filters.ChoiceFilter(choices=[(slug, slug) for slug in WEEKDAY_SLUGS],
                                                 method="filter_day",
                                                 # Translators: the day codes sun … sat stay as written.
                                                 label=gettext_lazy("Day (sun … sat)")),
                     # Translators: API documentation; the day codes stay as written.
                     gettext_lazy("sun, mon, tue, wed, thu, fri or sat, in the meeting's own time zone."))
    timezone = django_filters.CharFilter()
    focus = django_filters.CharFilter(field_name="focus__slug", distinct=True)
    language = django_filters.CharFilter(field_name="languages__code", distinct=True)
    # Blank is no filter, as for every filter.
    updated_since = extend_schema_field({"oneOf": [{"type": "string", "format": "date-time"},
                                                   {"type": "string", "maxLength": 0}]})(
        Rfc3339Filter(field_name="updated", lookup_expr="gte"))

    class Meta:
        model = Meeting
        fields = []

    def filter_day(self, meetings, name, value):
        return meetings.filter(weekday=Weekday.from_slug(value))
