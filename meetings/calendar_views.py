"""iCalendar downloads ("Add to calendar"): one meeting as a weekly event, and the response every
calendar download shares.

Every download reads the parent's choices from its query: `details=1` for the meetings' names,
fellowships, place names, notes and links, `title=...` for a title of their own. Without them a
calendar is neutral (meetings/calendars.py), and so is the file's name, which a browser keeps in
its list of downloads."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify

from .calendars import Privacy, calendar_for, ics_bytes
from .models import Meeting

TRUE_WORDS = {"1", "true", "on", "yes"}


def privacy_chosen(query) -> Privacy:
    # The typed title is never logged: it is not put in any message, and the access log
    # leaves out query strings (gunicorn.conf.py).
    return Privacy.chosen(details=query.get("details", "").lower() in TRUE_WORDS,
                          title=query.get("title", ""))


def ics_response(request, meetings, name: str, filename: str, *, neutral_name: str = "Meetings",
                 neutral_filename: str = "meetings") -> HttpResponse:
    """`name` and `filename` are the calendar's with its details; the neutral ones otherwise."""
    privacy = privacy_chosen(request.GET)
    calendar = calendar_for(
        meetings, privacy.calendar_name(name, neutral_name), privacy=privacy,
        page_url=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()))
    if not privacy.details:
        filename = slugify(privacy.title) or neutral_filename
    response = HttpResponse(ics_bytes(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    add_never_cache_headers(response)
    return response


def meeting_calendar(request, slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
    return ics_response(request, [meeting], meeting.name, meeting.slug,
                        neutral_name="Meeting", neutral_filename="meeting")
