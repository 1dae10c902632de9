"""Django admin pages for submissions, coach notes and collections.

Moderators work in /moderate/; these pages are for the odd repair."""
from django.contrib import admin

from .models import CoachNote, Collection, CollectionItem, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "meeting", "created", "decided_by"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["meeting", "submitter", "decided_by"]


@admin.register(CoachNote)
class CoachNoteAdmin(admin.ModelAdmin):
    list_display = ["meeting", "author", "created"]
    raw_id_fields = ["meeting", "author"]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    raw_id_fields = ["meeting"]
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "visibility", "updated"]
    raw_id_fields = ["owner"]
    inlines = [CollectionItemInline]
