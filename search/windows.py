"""How a parent's time window is said to them: the dinner-and-bedtime preset by its name,
any other window by its clock times."""
from __future__ import annotations

from dataclasses import dataclass

from meetings.schedule import DINNER_AND_BEDTIME, TimeWindow


@dataclass(frozen=True)
class WindowWords:
    ends_before: str  # a reason: the meeting is over before the window
    starts_after: str  # a reason: the meeting begins after it
    include: str  # finishes "Show 14 meetings if you …"


def window_words(window: TimeWindow) -> WindowWords:
    if window == DINNER_AND_BEDTIME:
        return WindowWords("Done before dinner", "After bedtime", "include dinner and bedtime")
    start, end = f"{window.start:%H:%M}", f"{window.end:%H:%M}"
    return WindowWords(f"Ends before {start}", f"Starts after {end}", f"include {start} to {end}")
