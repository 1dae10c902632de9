"""The feed sources a moderator looks after on the site: which ones they see, with what each
holds (meetings, open import conflicts) beside its last run."""
from __future__ import annotations

from django.db.models import Count, Q

from feeds.models import FeedSource
from meetings.models import Status


def sources_for(user):
    """The feed sources a moderator manages (every source; an area-limited moderator's areas
    would narrow it here), each with its meetings listed and its open import conflicts."""
    return FeedSource.objects.annotate(
        published=Count("meetings", filter=Q(meetings__status=Status.PUBLISHED), distinct=True),
        open_conflicts=Count("conflicts", filter=Q(conflicts__resolved_at__isnull=True),
                             distinct=True),
    ).order_by("name", "pk")
