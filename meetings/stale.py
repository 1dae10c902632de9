"""Listings nobody has verified for VILLAGE_STALE_AFTER_DAYS, and the weekly digest that asks
each peer coach to check the ones in their area."""
from __future__ import annotations

import logging
import math
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from geopy.distance import great_circle

from .models import Attendance, Meeting

logger = logging.getLogger(__name__)
KM_PER_DEGREE = 111.2


def stale_cutoff(today: date | None = None) -> date:
    """The oldest check that still counts as recent."""
    return (today or timezone.localdate()) - timedelta(days=settings.VILLAGE_STALE_AFTER_DAYS)


def stale_meetings(today: date | None = None):
    """Published meetings never verified, or last verified before the cutoff (Meeting.is_stale)."""
    return Meeting.objects.published().filter(
        Q(last_verified__isnull=True) | Q(last_verified__lt=stale_cutoff(today)))


def in_area(meetings, profile) -> list[Meeting]:
    """The meetings in a coach's area: in-person within the radius, online in their zone."""
    wanted = Q(pk__in=[])
    near = profile.latitude is not None and profile.longitude is not None
    if near:
        # A box around the circle in SQL; the exact distance below.
        lat_span = profile.radius_km / KM_PER_DEGREE
        lng_span = profile.radius_km / (KM_PER_DEGREE * max(math.cos(math.radians(profile.latitude)), 0.01))
        wanted |= Q(attendance__in=[Attendance.IN_PERSON, Attendance.HYBRID],
                    latitude__range=(profile.latitude - lat_span, profile.latitude + lat_span),
                    longitude__range=(profile.longitude - lng_span, profile.longitude + lng_span))
    if profile.timezone:
        wanted |= Q(attendance=Attendance.ONLINE, timezone=profile.timezone)
    centre = (profile.latitude, profile.longitude)
    return [
        meeting for meeting in meetings.filter(wanted)
        if meeting.attendance == Attendance.ONLINE or (
            near and great_circle(centre, (meeting.latitude, meeting.longitude)).km <= profile.radius_km)
    ]


def coaches_with_areas():
    from accounts.models import CoachProfile

    User = get_user_model()
    coach_ids = User.objects.filter(
        Q(groups__permissions__codename="verify_meeting") | Q(is_superuser=True),
        is_active=True).exclude(email="").values("pk")
    return [profile for profile in CoachProfile.objects.filter(user__in=coach_ids).select_related("user")
            if profile.has_area]


def send_digest(profile, today: date | None = None) -> bool:
    """Email one coach the stale listings in their area; nothing when there are none."""
    meetings = in_area(stale_meetings(today), profile)
    if not meetings:
        return False
    context = {"profile": profile, "meetings": meetings, "site_url": settings.VILLAGE_SITE_URL,
               "days": settings.VILLAGE_STALE_AFTER_DAYS}
    send_mail(f"[Village] {len(meetings)} listings in {profile.area_name or 'your area'} need a check",
              render_to_string("submissions/email/stale_digest.txt", context), None,
              [profile.user.email])
    return True


def send_digests(today: date | None = None) -> int:
    sent = 0
    for profile in coaches_with_areas():
        try:
            sent += send_digest(profile, today)
        except Exception:
            logger.exception("The stale digest for %s failed.", profile.user.pk)
    return sent
