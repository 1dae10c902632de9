"""iCalendar downloads: one meeting, or a coach's collection, as weekly events ("Add to calendar")."""
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from accounts import permissions as can

from .calendars import calendar_for, ics_bytes
from .collections import meetings_for
from .models import Collection, Meeting


def ics_response(request, meetings, name: str, filename: str) -> HttpResponse:
    calendar = calendar_for(
        meetings, name,
        page_url=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()))
    response = HttpResponse(ics_bytes(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def meeting_calendar(request, slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
    return ics_response(request, [meeting], meeting.name, meeting.slug)


def collection_calendar(request, token):
    collection = get_object_or_404(Collection, token=token)
    if not can.can_view_collection(request.user, collection):
        raise Http404("No such collection.")
    # Only published meetings: a calendar is often shared further than the collection's page.
    meetings = meetings_for(collection, owner_view=False)
    return ics_response(request, meetings, collection.name, slugify(collection.name) or "meetings")
