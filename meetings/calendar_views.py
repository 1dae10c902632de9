"""iCalendar downloads ("Add to calendar"): one meeting as a weekly event, and the response every
calendar download shares."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .calendars import calendar_for, ics_bytes
from .models import Meeting


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
