"""Meetings that look like one already listed: the same weekday, a start within half an hour
on the same clock, and either within a short walk or under the same name. A suggestion or an
imported meeting that looks like another is shown to the moderator with its likely twin; it is
never refused for it, since two groups can meet at one church on one evening.

The candidates are read with the index on (status, timezone, start_week_minute): one query for
each time zone and weekday among the listings checked, reading a few columns of the meetings
of that day that start in the listings' window, whose distance and names are then compared here.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from typing import TypeVar

from django.db.models import Q

from places.geometry import distance_km

from . import schedule
from .models import Meeting, Status

# How close two listings must be to look like one meeting.
TWIN_START_MINUTES = 30
TWIN_DISTANCE_KM = 0.2
# Under the same name, a meeting in another city is another meeting ("Serenity Group" meets
# on Monday evenings in many of them); a listing without a position (online) compares by name.
SAME_NAME_KM = 50
# Meetings no longer listed are nobody's twin.
GONE = (Status.ARCHIVED, Status.REJECTED)
# Words that say nothing about which group it is: "The Serenity Group" is "Serenity".
FILLER_WORDS = {"the", "group", "meeting"}

Key = TypeVar("Key")


def normalise_name(name: str) -> str:
    """A meeting's name as compared for twins: lower case, without accents, punctuation or
    filler words ("St. Paul's Group" and "st pauls" are one name)."""
    text = unicodedata.normalize("NFKD", name or "").casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['’`.]", "", text.replace("&", " and "))
    return " ".join(word for word in re.findall(r"\w+", text) if word not in FILLER_WORDS)


@dataclass(frozen=True)
class Listing:
    """What decides whether a listing looks like a meeting: its name, weekly time and place."""

    name: str
    weekday: int
    start_time: time
    timezone: str
    latitude: float | None = None
    longitude: float | None = None

    @classmethod
    def of(cls, meeting) -> Listing:
        """A meeting's (or a feed record's) listing."""
        return cls(meeting.name, meeting.weekday, meeting.start_time, meeting.timezone,
                   meeting.latitude, meeting.longitude)

    @classmethod
    def from_proposal(cls, proposal: dict) -> Listing | None:
        """A stored proposal's listing (curation), or None when it lacks a usable day or time."""
        try:
            weekday = int(proposal["weekday"])
            start = proposal["start_time"]
            start = start if isinstance(start, time) else datetime.strptime(str(start)[:5], "%H:%M").time()
            latitude, longitude = proposal.get("latitude"), proposal.get("longitude")
            placed = latitude not in (None, "") and longitude not in (None, "")
            position = (float(latitude), float(longitude)) if placed else (None, None)
        except (KeyError, TypeError, ValueError):
            return None
        if not 0 <= weekday <= 6 or not proposal.get("timezone"):
            return None
        return cls(str(proposal.get("name") or ""), weekday, start, str(proposal["timezone"]), *position)

    @property
    def start_week_minute(self) -> int:
        return schedule.week_minute(self.weekday, self.start_time)

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class _Candidate:
    id: int
    name: str
    start_week_minute: int
    latitude: float | None
    longitude: float | None


def _likeness(listing: Listing, name: str, candidate: _Candidate) -> tuple | None:
    """How alike a listing and a meeting are, as a sort key (the likeliest first), or None
    when they do not look like one meeting."""
    minutes_apart = abs(candidate.start_week_minute - listing.start_week_minute)
    if minutes_apart > TWIN_START_MINUTES:
        return None
    km = None
    if listing.placed and candidate.latitude is not None and candidate.longitude is not None:
        km = distance_km(listing.latitude, listing.longitude, candidate.latitude, candidate.longitude)
    same_name = bool(name) and name == normalise_name(candidate.name) and (km is None or km <= SAME_NAME_KM)
    near = km is not None and km <= TWIN_DISTANCE_KM
    if not (same_name or near):
        return None
    return (not (same_name and near), not same_name, km if km is not None else SAME_NAME_KM, minutes_apart)


def twins_of_many(listings: dict[Key, Listing], *, exclude: Q | None = None,
                  own: dict[Key, int] | None = None, limit: int = 1) -> dict[Key, list[Meeting]]:
    """For each listing that looks like meetings already listed, those meetings (at most
    `limit`, the likeliest first). `exclude` leaves meetings out for every listing (an import's
    own source), `own` the meeting a listing is (by its key), for it alone. One query per time
    zone and weekday among the listings, and one for the twins."""
    groups: dict[tuple[str, int], list[tuple[Key, Listing]]] = defaultdict(list)
    for key, listing in listings.items():
        groups[listing.timezone, listing.weekday].append((key, listing))
    found: dict[Key, list[int]] = {}
    for (zone, weekday), members in groups.items():
        minutes = [listing.start_week_minute for _, listing in members]
        rows = (Meeting.objects.exclude(status__in=GONE)
                .filter(timezone=zone, weekday=weekday,
                        start_week_minute__range=(min(minutes) - TWIN_START_MINUTES,
                                                  max(minutes) + TWIN_START_MINUTES)))
        if exclude is not None:
            rows = rows.exclude(exclude)
        candidates = sorted((_Candidate(*row) for row in rows.values_list(
            "id", "name", "start_week_minute", "latitude", "longitude")),
            key=lambda candidate: candidate.start_week_minute)
        starts = [candidate.start_week_minute for candidate in candidates]
        for key, listing in members:
            window = candidates[bisect_left(starts, listing.start_week_minute - TWIN_START_MINUTES):
                                bisect_right(starts, listing.start_week_minute + TWIN_START_MINUTES)]
            if not window:
                continue  # (a first import of a feed from a new area: most of its listings)
            name = normalise_name(listing.name)
            itself = (own or {}).get(key)
            alike = sorted((likeness, candidate.id) for candidate in window if candidate.id != itself
                           and (likeness := _likeness(listing, name, candidate)) is not None)
            if alike:
                found[key] = [pk for _, pk in alike[:limit]]
    meetings = Meeting.objects.in_bulk({pk for pks in found.values() for pk in pks})
    return {key: [meetings[pk] for pk in pks] for key, pks in found.items()}


def likely_twins(listing: Listing, *, exclude: Q | None = None, limit: int = 3) -> list[Meeting]:
    """The meetings already listed that `listing` looks like, the likeliest first."""
    return twins_of_many({0: listing}, exclude=exclude, limit=limit).get(0, [])


def twins_of_new_meetings(meetings, *, other_than_source) -> list[tuple[Meeting, Meeting]]:
    """Each of these meetings (just imported from `other_than_source`) that looks like one
    from elsewhere (another source or listed here), with that likely twin."""
    meetings = list(meetings)
    twins = twins_of_many({index: Listing.of(meeting) for index, meeting in enumerate(meetings)},
                          exclude=Q(source=other_than_source))
    return [(meetings[index], found[0]) for index, found in sorted(twins.items())]
