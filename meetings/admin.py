"""The Django admin page for meetings, with their history; curators work in the site's own pages,
this is for the odd repair."""
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import Focus, Meeting
from .tasks import geocode_if_unplaced


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "fellowship", "weekday", "start_time", "timezone", "status", "last_verified"]
    list_filter = ["status", "fellowship", "attendance", "children"]
    search_fields = ["name", "address", "slug"]
    filter_horizontal = ["focus", "languages"]
    # A conference link typed without a scheme is an https link (as Django 6 will read it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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
