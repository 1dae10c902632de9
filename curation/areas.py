"""Moderators limited to areas (as BMLT's service bodies): what of the queue, the feed sources
and the import conflicts a moderator's areas hold, and whether they may act on an item.

A moderator with no areas (and every superuser) moderates the whole site. An area is a region
or a feed source (curation.models.ModeratorArea):
- a region holds a meeting met in person (or hybrid) within its radius of its centre, and an
  online meeting in its time zone, as a coach's area does (curation.stale.in_area). A meeting
  met in person whose place is not known yet (no coordinates) is placed by its time zone too,
  so that a suggestion whose address was not found still reaches its region's moderators;
- a feed source holds the meetings imported from it and its import conflicts.

A new meeting suggestion is placed where it proposes to meet; a change request where the
meeting meets now or where the request would move it (either); a closure request where the
meeting meets. Only a source area holds a feed source itself: a region sees the conflicts about
its meetings but not the source's settings, which reach beyond the region.
"""
from __future__ import annotations

from django.db import transaction

from accounts import permissions as can
from meetings.models import MET_IN_PERSON, Attendance
from places.geometry import distance_km

from .models import ModeratorArea, SubmissionKind

# Where areas_of keeps a person's areas for the rest of the request.
_CACHE = "_moderator_areas"


def areas_of(user) -> list[ModeratorArea]:
    """The areas a person is limited to: none for the whole site (and for any superuser)."""
    if not user.is_authenticated or user.is_superuser:
        return []
    if _CACHE not in user.__dict__:
        user.__dict__[_CACHE] = list(ModeratorArea.objects.filter(moderator=user)
                                     .select_related("source"))
    return user.__dict__[_CACHE]


def is_limited(user) -> bool:
    return bool(areas_of(user))


def may_set_areas(user) -> bool:
    """Who sets moderators' areas: whoever gives roles, a whole-site moderator (a limited one
    could otherwise lift their own limits)."""
    return can.can_manage_roles(user)


def region_holds(area: ModeratorArea, attendance, latitude, longitude, timezone) -> bool:
    """Whether a region holds a meeting (or a proposed one) met that way, there, in that zone."""
    if not area.is_region:
        return False
    placed = latitude is not None and longitude is not None
    if attendance in MET_IN_PERSON and placed:
        return (area.latitude is not None and area.longitude is not None
                and distance_km(area.latitude, area.longitude, float(latitude), float(longitude))
                <= area.radius_km)
    # Online, or in person somewhere not found yet: the meeting's clock says where it is.
    return bool(area.timezone) and timezone == area.timezone


def _holds_place(areas, source_id, place) -> bool:
    if source_id is not None and any(area.source_id == source_id for area in areas):
        return True
    return any(region_holds(area, *place) for area in areas)


# What placing a submission reads, in this order (values_list of the submissions).
_SUBMISSION_COLUMNS = ("pk", "kind", "proposed", "meeting__attendance", "meeting__latitude",
                       "meeting__longitude", "meeting__timezone", "meeting__source_id")


def _proposed_place(proposed: dict):
    proposed = proposed or {}
    return (proposed.get("attendance") or Attendance.IN_PERSON, proposed.get("latitude"),
            proposed.get("longitude"), proposed.get("timezone", ""))


def _submission_inside(areas, kind, proposed, attendance, latitude, longitude, timezone,
                       source_id) -> bool:
    places = []
    if kind != SubmissionKind.NEW_MEETING and attendance is not None:
        places.append((attendance, latitude, longitude, timezone))
    if kind != SubmissionKind.CLOSURE:
        places.append(_proposed_place(proposed))
    return any(_holds_place(areas, source_id, place) for place in places)


def submissions_in_areas(user, queryset):
    """The submissions of `queryset` in the person's areas, in the queryset's order; all of
    them for a whole-site moderator (without a query)."""
    areas = areas_of(user)
    if not areas:
        return queryset
    inside = [row[0] for row in queryset.order_by().values_list(*_SUBMISSION_COLUMNS)
              if _submission_inside(areas, *row[1:])]
    return queryset.filter(pk__in=inside)


def may_act_on_submission(user, submission) -> bool:
    """Whether the person's areas hold the submission (always, for a whole-site moderator)."""
    areas = areas_of(user)
    if not areas:
        return True
    meeting = submission.meeting
    return _submission_inside(
        areas, submission.kind, submission.proposed,
        *((meeting.attendance, meeting.latitude, meeting.longitude, meeting.timezone, meeting.source_id)
          if meeting is not None else (None, None, None, "", None)))


def submissions_outside_areas(user, submission_ids) -> list[int]:
    """Of these submissions, the ones the person may not act on, in the order given."""
    from .models import Submission

    if not is_limited(user):
        return []
    inside = set(submissions_in_areas(user, Submission.objects.filter(pk__in=submission_ids))
                 .values_list("pk", flat=True))
    return [pk for pk in submission_ids if pk not in inside]


def sources_in_areas(user, queryset):
    """The feed sources of `queryset` the person's areas name; all for a whole-site moderator."""
    areas = areas_of(user)
    if not areas:
        return queryset
    return queryset.filter(pk__in=[area.source_id for area in areas if area.source_id])


def may_act_on_source(user, source) -> bool:
    areas = areas_of(user)
    return not areas or any(area.source_id == source.pk for area in areas)


def conflicts_in_areas(user, queryset):
    """The import conflicts of `queryset` about a source the person's areas name or a meeting
    in one of their regions; all for a whole-site moderator."""
    areas = areas_of(user)
    if not areas:
        return queryset
    columns = ("pk", "source_id", "meeting__attendance", "meeting__latitude", "meeting__longitude",
               "meeting__timezone")
    inside = [row[0] for row in queryset.order_by().values_list(*columns)
              if _holds_place(areas, row[1], row[2:])]
    return queryset.filter(pk__in=inside)


def may_act_on_conflict(user, conflict) -> bool:
    areas = areas_of(user)
    meeting = conflict.meeting
    return not areas or _holds_place(areas, conflict.source_id, (
        meeting.attendance, meeting.latitude, meeting.longitude, meeting.timezone))


def meetings_in_areas(user, queryset):
    """The meetings of `queryset` the person's areas hold; all for a whole-site moderator."""
    areas = areas_of(user)
    if not areas:
        return queryset
    columns = ("pk", "source_id", "attendance", "latitude", "longitude", "timezone")
    inside = [row[0] for row in queryset.order_by().values_list(*columns)
              if _holds_place(areas, row[1], row[2:])]
    return queryset.filter(pk__in=inside)


@transaction.atomic
def add_area(moderator, area: ModeratorArea) -> ModeratorArea:
    """Limit a moderator to one more area (a region from a form, or a source)."""
    area.moderator = moderator
    area.save()
    moderator.__dict__.pop(_CACHE, None)
    return area


def remove_area(moderator, area_id: int) -> bool:
    """Lift one of a moderator's areas; whether there was one by that id. Their last removed,
    they moderate the whole site."""
    deleted, _ = ModeratorArea.objects.filter(moderator=moderator, pk=area_id).delete()
    moderator.__dict__.pop(_CACHE, None)
    return bool(deleted)
