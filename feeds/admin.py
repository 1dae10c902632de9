"""Admin pages for feed sources (with the last run's summary) and import conflicts for moderators."""
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config.celery import enqueue

from .forms import FeedSourceForm
from .importing import resolve_conflict
from .models import FeedSource, ImportConflict
from .sources import delete_source
from .tasks import refresh_source


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    form = FeedSourceForm
    list_display = ["name", "fellowship", "format", "refresh_hours", "active", "last_run_at",
                    "last_run_ok", "last_run_counts"]
    list_filter = ["active", "fellowship", "format", "last_run_ok"]
    search_fields = ["name", "location"]
    readonly_fields = ["last_run_at", "last_run_ok", "last_run_counts", "report", "created"]
    exclude = ["last_run_summary", "last_run_report"]
    actions = ["refresh_now"]

    class Media:
        css = {"all": ["feeds/admin.css"]}

    @admin.display(description=gettext_lazy("Last run"))
    def last_run_counts(self, source):
        if source.last_run_failure:
            # Translators: a feed source whose last run failed, then why.
            return _("Failed: %(reason)s") % {"reason": source.last_run_failure}
        return source.last_run_counts() or "—"

    def delete_model(self, request, obj):
        # Its meetings are archived, not left published with nobody keeping them true.
        delete_source(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for source in queryset:
            delete_source(source, by=request.user)

    @admin.display(description=gettext_lazy("Last run's report"))
    def report(self, source):
        return format_html('<pre class="feed-report">{}</pre>',
                           source.last_run_report or "—")

    @admin.action(description=gettext_lazy("Refresh now"), permissions=["change"])
    def refresh_now(self, request, queryset):
        # enqueue answers None when the broker is down: those sources stay due for the beat.
        queued = sum(enqueue(refresh_source, source.pk) is not None for source in queryset)
        missed = queryset.count() - queued
        if queued:
            # Both English forms say "sources", as the message always has.
            self.message_user(request, ngettext("Queued %(count)s sources for refresh.",
                                                "Queued %(count)s sources for refresh.",
                                                queued) % {"count": queued}, messages.SUCCESS)
        if missed:
            self.message_user(request, ngettext(
                "%(count)s source could not be queued (the task queue is down); it refreshes "
                "at its next turn.",
                "%(count)s sources could not be queued (the task queue is down); they refresh "
                "at their next turn.", missed) % {"count": missed}, messages.WARNING)


@admin.register(ImportConflict)
class ImportConflictAdmin(admin.ModelAdmin):
    list_display = ["meeting", "field_name", "village_value", "feeds_value", "source",
                    "detected_at", "resolution"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "field", "source"]
    search_fields = ["meeting__name", "meeting__slug"]
    readonly_fields = ["meeting", "source", "field", "local_value", "feed_value",
                       "previous_feed_value", "detected_at", "resolved_at", "resolution"]
    actions = ["take_feed_value", "keep_local_value"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("Field"), ordering="field")
    def field_name(self, conflict):
        return conflict.field_label

    @admin.display(description=gettext_lazy("In Village"))
    def village_value(self, conflict):
        return conflict.local_display

    @admin.display(description=gettext_lazy("In the feed"))
    def feeds_value(self, conflict):
        return conflict.feed_display

    @admin.action(description=gettext_lazy("Take the feed's value"), permissions=["change"])
    def take_feed_value(self, request, queryset):
        for conflict in queryset.select_related("meeting", "source"):
            resolve_conflict(conflict, take_feed=True, by=request.user)
        self.message_user(request, _("The feed's values are on the meetings now."),
                          messages.SUCCESS)

    @admin.action(description=gettext_lazy("Keep the local value"), permissions=["change"])
    def keep_local_value(self, request, queryset):
        for conflict in queryset.select_related("meeting", "source"):
            resolve_conflict(conflict, take_feed=False, by=request.user)
        self.message_user(request, _("The local values stay."), messages.SUCCESS)
