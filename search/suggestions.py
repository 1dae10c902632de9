"""When nothing fits: which single need, loosened, would let meetings fit, and how many."""
from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from meetings.models import Attendance
from places.geometry import distance_words

from .criteria import ChildrenNeed, SearchCriteria
from .finder import MeetingSearch
from .windows import window_words

WIDER_RADII_KM = (50.0, 100.0)
MOST_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    """One need loosened: `need` names the SearchCriteria field (or "avoid"/"free"/"days" of
    its availability), `value` is what it becomes (for "avoid", the window dropped)."""

    need: str
    value: object
    words: str  # finishes "Show 14 meetings if you …"
    count: int


def _loosenings(criteria: SearchCriteria):
    """(need, value, words, loosened criteria), smallest sacrifice first; the words finish
    "Show 14 meetings if you …" on the search page."""
    availability = criteria.availability
    for window in availability.avoid:
        rest = tuple(other for other in availability.avoid if other != window)
        yield ("avoid", window, window_words(window).include,
               replace(criteria, availability=replace(availability, avoid=rest)))
    if availability.days and len(availability.days) < 7:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("days", frozenset(), _("look at any day of the week"),
               replace(criteria, availability=replace(availability, days=frozenset())))
    if availability.free:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("free", (), _("look outside the times you said you are free"),
               replace(criteria, availability=replace(availability, free=())))
    if criteria.place is not None and criteria.attendance != Attendance.ONLINE:
        for radius in WIDER_RADII_KM:
            if radius > criteria.radius_km:
                # Translators: finishes "Show 14 meetings if you …": what the parent would do.
                yield ("radius_km", radius, _("look up to %(distance)s away")
                       % {"distance": distance_words(radius, criteria.units)},
                       replace(criteria, radius_km=radius))
    if criteria.children == ChildrenNeed.CHILDCARE:
        yield ("children", ChildrenNeed.WELCOME,
               # Translators: finishes "Show 14 meetings if you …": what the parent would do.
               _("include meetings that welcome children but have no childcare"),
               replace(criteria, children=ChildrenNeed.WELCOME))
    if criteria.children:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("children", None, _("include meetings that don't say children are welcome"),
               replace(criteria, children=None))
    if criteria.attendance == Attendance.IN_PERSON:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("attendance", None, _("include online meetings"), replace(criteria, attendance=None))
    elif criteria.attendance:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("attendance", None, _("include meetings in person and online"),
               replace(criteria, attendance=None))
    if criteria.focus:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("focus", (), _("include meetings open to everyone"), replace(criteria, focus=()))
    if criteria.philosophy:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("philosophy", None, _("include any approach to recovery"),
               replace(criteria, philosophy=None))
    if criteria.medication_supportive:
        yield ("medication_supportive", False,
               # Translators: finishes "Show 14 meetings if you …": what the parent would do.
               _("include meetings that don't say they welcome people on medication"),
               replace(criteria, medication_supportive=False))
    if criteria.fellowship:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("fellowship", None, _("include every fellowship"), replace(criteria, fellowship=None))
    if criteria.language:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("language", None, _("include meetings in any language"), replace(criteria, language=None))
    if criteria.wheelchair:
        # Translators: finishes "Show 14 meetings if you …": what the parent would do.
        yield ("wheelchair", False, _("include meetings without confirmed step-free access"),
               replace(criteria, wheelchair=False))


def loosening_suggestions(criteria: SearchCriteria, limit: int = MOST_SUGGESTIONS) -> list[Suggestion]:
    """The single loosenings that would find the most meetings, most first.

    A tie keeps the smaller sacrifice first; loosenings that still find nothing are left out.
    """
    found: list[Suggestion] = []
    most_by_need: dict[str, int] = {}
    for need, value, words, loosened in _loosenings(criteria):
        count = MeetingSearch(loosened).count()
        # Loosening the same need further (100 km after 50 km) is only worth offering
        # when it finds more.
        if count > most_by_need.get(need, 0):
            found.append(Suggestion(need, value, words, count))
            most_by_need[need] = count
    found.sort(key=lambda suggestion: -suggestion.count)
    return found[:limit]
