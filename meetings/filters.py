"""Filters for the meetings list API."""
import django_filters
from django.utils.translation import gettext_lazy

from .models import Attendance, ChildrenPolicy, Fellowship, Meeting, Philosophy
from .schedule import WEEKDAY_SLUGS, Weekday

# Django's boolean form field reads any unknown word as "no filter"; a typo should be a 400.
YES_OR_NO = [("true", "true"), ("false", "false")]


def is_yes(value: str) -> bool:
    return value == "true"


class MeetingFilter(django_filters.FilterSet):
    fellowship = django_filters.ChoiceFilter(choices=Fellowship.choices)
    attendance = django_filters.ChoiceFilter(choices=Attendance.choices)
    children = django_filters.ChoiceFilter(choices=ChildrenPolicy.choices)
    philosophy = django_filters.ChoiceFilter(choices=Philosophy.choices)
    medication_supportive = django_filters.TypedChoiceFilter(choices=YES_OR_NO, coerce=is_yes)
    wheelchair = django_filters.TypedChoiceFilter(field_name="wheelchair_accessible",
                                                  choices=YES_OR_NO, coerce=is_yes)
    day = django_filters.ChoiceFilter(choices=[(slug, slug) for slug in WEEKDAY_SLUGS],
                                      method="filter_day",
                                      # Translators: the day codes sun … sat stay as written.
                                      label=gettext_lazy("Day (sun … sat)"))
    timezone = django_filters.CharFilter()
    focus = django_filters.CharFilter(field_name="focus__slug", distinct=True)
    language = django_filters.CharFilter(field_name="languages__code", distinct=True)
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Meeting
        fields = []

    def filter_day(self, meetings, name, value):
        return meetings.filter(weekday=Weekday.from_slug(value))
