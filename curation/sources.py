"""The feed sources a moderator looks after on the site: which ones they see, with what each
holds (meetings, open import conflicts) beside its last run."""
from __future__ import annotations

from django.db.models import Count, Q

from accounts import permissions as can
from feeds.models import FeedSource
from meetings.models import Status

from . import areas


def sources_for(user):
    """The feed sources a moderator manages (every source, or those an area-limited
    moderator's areas name), each with its meetings listed and its open import conflicts."""
    return areas.sources_in_areas(user, FeedSource.objects.annotate(
        published=Count("meetings", filter=Q(meetings__status=Status.PUBLISHED), distinct=True),
        open_conflicts=Count("conflicts", filter=Q(conflicts__resolved_at__isnull=True),
                             distinct=True),
    ).order_by("name", "pk"))


def can_add_source(user) -> bool:
    """A new source belongs to no area yet, so only a whole-site moderator registers one."""
    return can.can_manage_feeds(user) and not areas.is_limited(user)


def can_manage_source(user, source) -> bool:
    return can.can_manage_feeds(user) and areas.may_act_on_source(user, source)
