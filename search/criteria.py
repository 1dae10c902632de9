"""What a parent asks of a meeting: the place, their week, and their needs."""
from __future__ import annotations

from dataclasses import dataclass, field

from meetings.schedule import Availability
from places.geocoding import Place

DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 500.0


class ChildrenNeed:
    WELCOME = "welcome"  # children may come: welcome or childcare provided
    CHILDCARE = "childcare"
    CHOICES = (WELCOME, CHILDCARE)


class PhilosophyNeed:
    HARM_REDUCTION = "harm_reduction"  # anything but abstinence-only
    ABSTINENCE = "abstinence"
    CHOICES = (HARM_REDUCTION, ABSTINENCE)


@dataclass(frozen=True)
class SearchCriteria:
    """A parent's search. Times in `availability` are wall-clock times in `timezone`."""

    timezone: str
    place: Place | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    availability: Availability = field(default_factory=Availability)
    children: str | None = None
    philosophy: str | None = None
    medication_supportive: bool = False
    attendance: str | None = None
    fellowship: str | None = None
    focus: tuple[str, ...] = ()
    wheelchair: bool = False
    language: str | None = None
    # How the parent reads distances: "mi" or "km" (places.geometry).
    units: str = "km"
