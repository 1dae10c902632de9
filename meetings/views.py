"""Meeting pages: everything a parent needs to decide and to get there."""
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .models import Meeting
from .schedule import is_timezone, zone
from .shortlist import shortlist_url, shortlisted, slugs_in


def parent_zone(request) -> str:
    """The parent's zone when the link carries one (`tz`, from a search), else ""."""
    name = request.GET.get("tz", "")
    return name if is_timezone(name) else ""


@never_cache
def shortlist_page(request):
    """The meetings a parent keeps, from the link's `m` (or, with JavaScript, this device's
    list): each with its next start, on the parent's clock when the link carries `tz`."""
    slugs = slugs_in(request.GET.get("m", ""))
    tz = parent_zone(request)
    meetings = shortlisted(slugs)
    kept = [meeting.slug for meeting in meetings]
    entries = [{"meeting": meeting,
                "next_start": meeting.next_occurrence().astimezone(zone(tz or meeting.timezone)),
                "without": shortlist_url([slug for slug in kept if slug != meeting.slug], tz=tz)}
               for meeting in meetings]
    return render(request, "meetings/shortlist.html", {
        "entries": entries,
        "asked": len(slugs), "kept": kept,
        "link": request.build_absolute_uri(shortlist_url(kept, tz=tz)),
        "calendar_url": f"{reverse('shortlist-calendar')}?m={','.join(kept)}" if kept else "",
    })


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
    tz = parent_zone(request)
    parent_next_start = next_start.astimezone(zone(tz)) if tz else None
    return render(request, "meetings/detail.html", {
        "meeting": meeting,
        "next_start": next_start,
        "parent_next_start": parent_next_start,
        "stale": meeting.is_stale(),
        "back_url": back_url,
        "back_to_search": bool(search_query),
    })
