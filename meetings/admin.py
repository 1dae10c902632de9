"""The Django admin page for meetings, with their history; curators work in the site's own pages,
this is for the odd repair. Its bulk action archives (with a history record for each meeting);
deleting is for superusers only."""
import re

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.text import plain_text

from .history import save_meeting
from .models import Focus, Meeting, Status
from .tasks import geocode_if_unplaced

# "PA 15219", "PA", "15219", "15219-1234": the part of an address after the city.
STATE_OR_POSTCODE = re.compile(r"^([A-Z]{2}\s*)?(\d{5}(-\d{4})?)?$")
COUNTRIES = {"usa", "us", "united states", "united states of america"}


def city_of(address: str) -> str:
    """The city in an address as written ("100 Grant St, Pittsburgh, PA 15219, USA" →
    "Pittsburgh"); meetings keep no city of their own. Empty when none can be told."""
    parts = [part.strip() for part in address.split(",") if part.strip()]
    if parts and parts[-1].lower() in COUNTRIES:
        parts.pop()
    for index in range(len(parts) - 1, 0, -1):
        if STATE_OR_POSTCODE.match(parts[index]):
            before = parts[index - 1]
            # "100 Grant St, PA 15219": the part before is the street, not a city.
            return "" if before[:1].isdigit() else before
    if len(parts) >= 2 and not parts[-1][:1].isdigit():
        return parts[-1]
    return ""


# The admin's text fields, stored as plain text as every form on the site stores them: whether
# each keeps its line breaks.
PLAIN_TEXT_FIELDS = {"name": False, "location_name": False, "address": False, "notes": True}


class MeetingAdminForm(forms.ModelForm):
    """The admin builds its own Meta on this (the model's editable fields)."""

    def clean(self):
        cleaned = super().clean()
        for name, multiline in PLAIN_TEXT_FIELDS.items():
            if cleaned.get(name):
                cleaned[name] = plain_text(cleaned[name], multiline=multiline)
                if not cleaned[name] and self.fields[name].required:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    form = MeetingAdminForm
    list_display = ["name", "city", "day_and_time", "fellowship", "status", "last_verified"]
    list_filter = ["status", "fellowship", "attendance", "children"]
    search_fields = ["name", "address", "slug"]
    filter_horizontal = ["focus", "languages"]
    actions = ["archive"]
    # A conference link typed without a scheme is an https link (as Django 6 will read it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=gettext_lazy("city"))
    def city(self, meeting):
        return city_of(meeting.address) or "–"

    @admin.display(description=gettext_lazy("day and time"), ordering="start_week_minute")
    def day_and_time(self, meeting):
        return (f"{meeting.get_weekday_display()} {meeting.start_time:%H:%M}–{meeting.end_time:%H:%M} "
                f"({meeting.timezone})")

    @admin.action(description=gettext_lazy("Archive selected meetings"), permissions=["change"])
    def archive(self, request, queryset):
        archived = 0
        for meeting in queryset.exclude(status=Status.ARCHIVED):
            meeting.status = Status.ARCHIVED
            # Stored in English, as every reason is; the history page words it for its reader.
            save_meeting(meeting, by=request.user, reason="Archived in the admin")
            archived += 1
        self.message_user(request, ngettext("Archived %(count)s meeting.", "Archived %(count)s meetings.",
                                            archived) % {"count": archived}, messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # A meeting is archived, which keeps its history and links; removing one is a repair.
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        geocode_if_unplaced(obj)


@admin.register(Focus)
class FocusAdmin(admin.ModelAdmin):
    """Who meetings are especially for, in both languages: a new focus needs its Spanish name
    here, or Spanish pages show the English one."""

    list_display = ["name", "name_es", "slug"]
    fields = ["slug", "name", "name_es", "description", "description_es"]
    prepopulated_fields = {"slug": ["name"]}
