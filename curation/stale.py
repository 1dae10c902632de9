"""Listings nobody has verified for VILLAGE_STALE_AFTER_DAYS, and the weekly digest that asks
each peer coach to check the ones in their area."""
from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from accounts.models import CoachProfile
from meetings.models import MET_IN_PERSON, Attendance, Meeting
from places.geometry import bounding_box, distance_km

logger = logging.getLogger(__name__)


def stale_meetings(today: date | None = None):
    """Published meetings never verified, or not for STALE_AFTER_DAYS."""
    return Meeting.objects.published().stale(today)


def in_area(meetings, profile) -> list[Meeting]:
    """The meetings in a coach's area: in-person within the radius, online in their zone."""
    wanted = Q(pk__in=[])
    near = profile.latitude is not None and profile.longitude is not None
    if near:
        # The box in SQL; the exact distance below.
        box = bounding_box(profile.latitude, profile.longitude, profile.radius_km)
        wanted |= Q(attendance__in=MET_IN_PERSON, latitude__range=(box.south, box.north),
                    longitude__range=(box.west, box.east))
    if profile.timezone:
        wanted |= Q(attendance=Attendance.ONLINE, timezone=profile.timezone)
    return [
        meeting for meeting in meetings.filter(wanted)
        if meeting.attendance == Attendance.ONLINE or (near and distance_km(
            profile.latitude, profile.longitude, meeting.latitude, meeting.longitude) <= profile.radius_km)
    ]


def coaches_with_areas():
    User = get_user_model()
    coach_ids = User.objects.filter(
        Q(groups__permissions__codename="verify_meeting") | Q(is_superuser=True),
        is_active=True).exclude(email="").values("pk")
    return [profile for profile in CoachProfile.objects.filter(user__in=coach_ids).select_related("user")
            if profile.has_area]


def digest_language(profile) -> str:
    """The language a coach's digest is written in: accounts keep no language for a person
    (the default user model, and CoachProfile has none), so the site's default language."""
    return settings.LANGUAGE_CODE


def digest_subject(count: int, area_name: str) -> str:
    # Both English forms say "listings", as the subject always has.
    if area_name:
        return ngettext("[Village] %(count)s listings in %(area)s need a check",
                        "[Village] %(count)s listings in %(area)s need a check",
                        count) % {"count": count, "area": area_name}
    return ngettext("[Village] %(count)s listings in your area need a check",
                    "[Village] %(count)s listings in your area need a check",
                    count) % {"count": count}


def send_digest(profile, today: date | None = None) -> bool:
    """Email one coach the stale listings in their area; nothing when there are none."""
    meetings = in_area(stale_meetings(today), profile)
    if not meetings:
        return False
    context = {"profile": profile, "meetings": meetings, "site_url": settings.VILLAGE_SITE_URL,
               "days": settings.VILLAGE_STALE_AFTER_DAYS}
    # A task sends it, in no request's language; its links open the page in the same language.
    with translation.override(digest_language(profile)):
        subject = digest_subject(len(meetings), profile.area_name)
        body = render_to_string("submissions/email/stale_digest.txt", context)
    send_mail(subject, body, None, [profile.user.email])
    return True


def send_digests(today: date | None = None) -> int:
    sent = 0
    for profile in coaches_with_areas():
        try:
            sent += send_digest(profile, today)
        except Exception:
            logger.exception("The stale digest for %s failed.", profile.user.pk)
    return sent
