"""Django admin pages for meetings (with their history), submissions, coach notes and collections.

Moderators work in /moderate/; these pages are for the odd repair."""
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import CoachNote, Collection, Meeting, Submission


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "fellowship", "weekday", "start_time", "timezone", "status", "last_verified"]
    list_filter = ["status", "fellowship", "attendance", "children"]
    search_fields = ["name", "address", "slug"]
    filter_horizontal = ["focus", "languages"]
    # A conference link typed without a scheme is an https link (as Django 6 will read it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "meeting", "created", "decided_by"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["meeting", "submitter", "decided_by"]


@admin.register(CoachNote)
class CoachNoteAdmin(admin.ModelAdmin):
    list_display = ["meeting", "author", "created"]
    raw_id_fields = ["meeting", "author"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "visibility", "updated"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["meetings"]
