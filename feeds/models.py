"""Published meeting lists that Village imports (feed sources), and the import conflicts
moderators decide."""
from __future__ import annotations

from datetime import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.listing import display_value
from meetings.models import Fellowship, Meeting
from meetings.schedule import validate_timezone

from . import bmlt_formats
from .type_codes import code_set, code_set_for_fellowship, code_sets


class FeedFormat(models.TextChoices):
    MEETING_GUIDE = "meeting-guide", gettext_lazy("Meeting Guide JSON")
    CSV = "csv", gettext_lazy("CSV (the Meeting Guide spec's column names)")
    BMLT = "bmlt", gettext_lazy("BMLT root server (NA's semantic API)")


def validate_code_set(value: str):
    if value and value not in code_sets():
        # Translators: the code sets (aa, aca…) are names and stay as written.
        raise ValidationError(_("'%(value)s' is not a code set; use one of: %(sets)s.")
                              % {"value": value, "sets": ", ".join(code_sets())})


class FeedSource(models.Model):
    """A published list of meetings (a Meeting Guide feed or a spreadsheet) that Village imports.

    Registered by admins; refreshed on a schedule by Celery beat (feeds.tasks).
    """

    name = models.CharField(max_length=120)
    location = models.CharField(
        max_length=500, unique=True,
        help_text=gettext_lazy("An http(s) URL, or a file in the server's feed directory. For "
                               "BMLT, the root server's address, such as "
                               "https://bmlt.example.org/main_server/."))
    format = models.CharField(max_length=16, choices=FeedFormat.choices,
                              default=FeedFormat.MEETING_GUIDE)
    fellowship = models.CharField(max_length=32, choices=Fellowship.choices, default=Fellowship.AA)
    type_codes = models.CharField(
        max_length=32, blank=True, validators=[validate_code_set],
        help_text=gettext_lazy("The code set its types use, such as aca "
                               "(feeds/data/type_codes.json); empty for the fellowship's own."))
    default_timezone = models.CharField(
        max_length=64, blank=True, validators=[validate_timezone],
        help_text=gettext_lazy("For meetings the feed gives no time zone, such as "
                               "America/New_York."))
    refresh_hours = models.PositiveIntegerField(
        default=24,
        help_text=gettext_lazy("Hours between automatic refreshes; 0 refreshes only by hand."))
    active = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_run_ok = models.BooleanField(null=True, blank=True)
    last_run_summary = models.JSONField(default=dict, blank=True)
    last_run_report = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Feed sources and conflicts were meetings tables before feeds had an app of its own.
        db_table = "meetings_feedsource"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def code_set(self):
        if self.format == FeedFormat.BMLT:
            # A BMLT server's formats are NAWS's, whatever the fellowship or type codes say.
            return bmlt_formats.code_set(self.fellowship)
        return code_set(self.type_codes) if self.type_codes else code_set_for_fellowship(
            self.fellowship)

    @property
    def last_run_failure(self) -> str:
        """Why the last run failed ("" if it did not, or never ran)."""
        if self.last_run_ok is not False:
            return ""
        summary = self.last_run_summary or {}
        # Runs recorded before failures kept an "error" carried the reason in their notes.
        return summary.get("error") or "; ".join(summary.get("notes", [])) or (
            self.last_run_report)

    def last_run_counts(self) -> str:
        """The counts of the last run that imported, as a moderator reads them; "" if none."""
        summary = self.last_run_summary or {}
        if self.last_run_ok is False or "created" not in summary:
            return ""
        # Translators: the counts of a feed's last import, as the admin lists them.
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                 "%(archived)s archived, %(skipped)s skipped, %(conflicts)s conflicts") % {
            key: summary.get(key, 0) for key in (
                "created", "updated", "unchanged", "archived", "skipped", "conflicts")}

    def last_run_twins(self) -> list[tuple[str, str]]:
        """The meetings the last run created that look like one listed already, as (new
        meeting's slug, its likely twin's slug): for a moderator to merge or archive."""
        return [(pair[0], pair[1]) for pair in (self.last_run_summary or {}).get("possible_duplicates", [])]

    def is_due(self, now: datetime) -> bool:
        if not self.active or not self.refresh_hours:
            return False
        return self.last_run_at is None or (
            now - self.last_run_at).total_seconds() >= self.refresh_hours * 3600


def field_label(name: str) -> str:
    """A meeting field's name as a person reads it ("Start time" for start_time)."""
    try:
        return str(Meeting._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:  # a field the meeting no longer has: its own name
        return name


def conflict_detail(conflict: ImportConflict) -> str:
    # Translators: an import conflict: the field, the value Village keeps, the feed's value.
    return _("%(field)s: Village has %(local)s, the feed says %(feed)s") % {
        "field": field_label(conflict.field), "local": conflict.local_display,
        "feed": conflict.feed_display}


class ImportConflict(models.Model):
    """A field edited in Village that the feed has since changed too: the import left the local
    value in place, and a moderator decides which one stays."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="import_conflicts")
    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="conflicts")
    field = models.CharField(max_length=40)
    local_value = models.JSONField(null=True, blank=True)
    feed_value = models.JSONField(null=True, blank=True)
    previous_feed_value = models.JSONField(null=True, blank=True)
    detected_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=16, blank=True,
                                  choices=[("kept_local", gettext_lazy("Kept the local value")),
                                           ("took_feed", gettext_lazy("Took the feed's value"))])

    class Meta:
        db_table = "meetings_importconflict"
        ordering = ["-detected_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "field"],
                                    condition=models.Q(resolved_at__isnull=True),
                                    name="one_open_conflict_per_meeting_field"),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.field}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def field_label(self) -> str:
        return field_label(self.field)

    @property
    def local_display(self) -> str:
        return _display(self.field, self.local_value)

    @property
    def feed_display(self) -> str:
        return _display(self.field, self.feed_value)


def _display(name: str, value) -> str:
    # Times are stored as "19:15" in the feed's form; display_value reads them as they are.
    try:
        return display_value(name, value)
    except FieldDoesNotExist:  # a field the meeting no longer has
        return str(value)


class FeedSnapshot(models.Model):
    """The Meeting Guide feed as last built, gzipped JSON: a worker builds it when meetings
    change, so that an aggregator's poll of 100,000 meetings is one row read, not a minute
    of work in a web process."""

    version = models.CharField(max_length=32, unique=True)
    last_modified = models.DateTimeField(null=True)
    meetings = models.PositiveIntegerField()
    body = models.BinaryField()
    built = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.meetings} meetings, {self.built:%Y-%m-%d %H:%M}"
