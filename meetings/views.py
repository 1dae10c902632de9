"""Meeting pages: everything a parent needs to decide and to get there."""
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .models import Meeting
from .schedule import is_timezone, zone


@never_cache
def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.published().prefetch_related("focus", "languages"), slug=slug)
    # The search that led here travels in `back`, so that "Back to your search" returns to
    # it without the Referer header (which Village never sends).
    search_query = QueryDict(request.GET.get("back", "")).urlencode()
    back_url = reverse("search") + (f"?{search_query}" if search_query else "")
    next_start = meeting.next_occurrence()
    # Coming from a search, the parent's zone comes along, so that the page reads the next
    # start on their clock first, as the result card did.
    parent_zone = request.GET.get("tz", "")
    parent_next_start = next_start.astimezone(zone(parent_zone)) if is_timezone(parent_zone) else None
    return render(request, "meetings/detail.html", {
        "meeting": meeting,
        "next_start": next_start,
        "parent_next_start": parent_next_start,
        "stale": meeting.is_stale(),
        "back_url": back_url,
        "back_to_search": bool(search_query),
    })
