"""The small form beside an "Add to calendar" link: a title of the parent's own, and whether the
calendar shows the meetings' details (meetings/calendar_views.py reads both)."""
from urllib.parse import parse_qsl, urlsplit

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.calendars import DEFAULT_REMINDER_MINUTES, REMINDER_CHOICES, TITLE_MAX_LENGTH

register = template.Library()
CHOICES = ("title", "details", "reminder")


@register.inclusion_tag("meetings/_calendar_choices.html")
def calendar_choices(calendar_url: str, many: bool = False):
    """A GET form for `calendar_url`, keeping its query (a search's, with its page) as hidden
    fields, since a GET form replaces the query of its action; `many` when it holds several
    meetings."""
    url = urlsplit(calendar_url)
    return {
        "action": url.path,
        "kept": [(name, value) for name, value in parse_qsl(url.query, keep_blank_values=True)
                 if name not in CHOICES],
        "title_max_length": TITLE_MAX_LENGTH,
        "default_reminder": DEFAULT_REMINDER_MINUTES,
        "reminders": [("none" if minutes is None else str(minutes), reminder_label(minutes),
                       minutes == DEFAULT_REMINDER_MINUTES) for minutes in REMINDER_CHOICES],
        "many": many,
    }


def reminder_label(minutes: int | None) -> str:
    """A reminder choice as the parent reads it: "No reminder", "30 minutes before"."""
    if minutes is None:
        # Translators: a calendar choice: no alert before each meeting.
        return _("No reminder")
    # Translators: a calendar choice: an alert this many minutes before each meeting starts.
    return ngettext("%(minutes)s minute before", "%(minutes)s minutes before",
                    minutes) % {"minutes": minutes}
