"""Meeting pages: everything a parent needs to decide and to get there."""
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .models import Meeting


@never_cache
def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.published().prefetch_related("focus", "languages"), slug=slug)
    # The search that led here travels in `back`, so that "Back to your search" returns to
    # it without the Referer header (which Village never sends).
    search_query = QueryDict(request.GET.get("back", "")).urlencode()
    back_url = reverse("search") + (f"?{search_query}" if search_query else "")
    return render(request, "meetings/detail.html", {
        "meeting": meeting,
        "next_start": meeting.next_occurrence(),
        "stale": meeting.is_stale(),
        "back_url": back_url,
        "back_to_search": bool(search_query),
    })
