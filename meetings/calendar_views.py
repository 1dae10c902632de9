"""iCalendar downloads ("Add to calendar"): one meeting as a weekly event, and the response every
calendar download shares.

Every download reads the parent's choices from its query: `details=1` for the meetings' names,
fellowships, place names, notes and links, `title=...` for a title of their own. Without them a
calendar is neutral (meetings/calendars.py), and so is the file's name, which a browser keeps in
its list of downloads."""
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .calendars import (
    DEFAULT_REMINDER_MINUTES,
    REMINDER_CHOICES,
    Privacy,
    calendar_for,
    ics_bytes,
)
from .models import Meeting
from .shortlist import shortlisted, slugs_in

TRUE_WORDS = {"1", "true", "on", "yes"}


class BadChoice(ValueError):
    """A calendar choice that is none of those offered; the message names it."""


def reminder_chosen(query) -> int | None:
    text = query.get("reminder", "").strip().lower()
    if not text:
        return DEFAULT_REMINDER_MINUTES
    if text == "none":
        return None
    if text.isdigit() and int(text) in REMINDER_CHOICES:
        return int(text)
    offered = ", ".join("none" if n is None else str(n) for n in REMINDER_CHOICES)
    # Translators: an error about a calendar link's `reminder` parameter; "reminder" and the
    # values offered (none, 15, 30, 60) stay as written.
    raise BadChoice(_("reminder: '%(text)s' is not one of %(offered)s (minutes before the start).")
                    % {"text": text[:20], "offered": offered})


def privacy_chosen(query) -> Privacy:
    # The typed title is never logged: it is not put in any message, and the access log
    # leaves out query strings (gunicorn.conf.py).
    return Privacy.chosen(details=query.get("details", "").lower() in TRUE_WORDS,
                          title=query.get("title", ""), reminder_minutes=reminder_chosen(query))


def ics_response(request, meetings, name: str, filename: str, *, neutral_name: str = "",
                 neutral_filename: str = "meetings", notes=None) -> HttpResponse:
    """`name` and `filename` are the calendar's with its details; the neutral ones otherwise
    (the name "Meetings" unless told). The file's name stays as it is in every language."""
    # Translators: the name of a calendar that must not say which meetings it holds.
    neutral_name = neutral_name or _("Meetings")
    try:
        privacy = privacy_chosen(request.GET)
    except BadChoice as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    calendar = calendar_for(
        meetings, privacy.calendar_name(name, neutral_name), privacy=privacy,
        page_url=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()),
        notes=notes)
    if not privacy.details:
        filename = slugify(privacy.title) or neutral_filename
    response = HttpResponse(ics_bytes(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    add_never_cache_headers(response)
    return response


def shortlist_calendar(request):
    """The parent's shortlist as one calendar (the link's `m`)."""
    meetings = shortlisted(slugs_in(request.GET.get("m", "")))
    return ics_response(request, meetings, _("My meetings"), "my-meetings")


def meeting_calendar(request, slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
    # Translators: the name of a calendar of one meeting that must not say which it is.
    return ics_response(request, [meeting], meeting.name, meeting.slug,
                        neutral_name=_("Meeting"), neutral_filename="meeting")
