"""A parent's shortlist: meetings kept on their own device (browser storage) or in a link they
bookmark or send, `/my-meetings/?m=slug,slug`. Village stores nothing of it."""
from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from .models import Meeting

# Enough for a parent's week and a few spares; a longer list is cut, never an error.
MOST_MEETINGS = 30


def slugs_in(text: str) -> list[str]:
    """The slugs a link's `m` holds, in order, each once."""
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))[:MOST_MEETINGS]


def shortlisted(slugs: list[str]) -> list[Meeting]:
    """The published meetings among `slugs`, in the list's order (a closed one drops out)."""
    found = {meeting.slug: meeting for meeting in
             Meeting.objects.published().filter(slug__in=slugs).prefetch_related("focus", "languages")}
    return [found[slug] for slug in slugs if slug in found]


def shortlist_url(slugs: list[str], **extra) -> str:
    query = {"m": ",".join(slugs), **{name: value for name, value in extra.items() if value}}
    return f"{reverse('shortlist')}?{urlencode(query)}" if slugs else reverse("shortlist")
