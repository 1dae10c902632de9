"""Meeting pages."""
from django.shortcuts import get_object_or_404, render

from .models import Meeting


def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.published().prefetch_related("focus", "languages"), slug=slug)
    return render(request, "meetings/detail.html", {"meeting": meeting})
