"""How a parent's time window is said to them: the dinner-and-bedtime preset by its name,
any other window by its clock times and days."""
from __future__ import annotations

from dataclasses import dataclass

from meetings.schedule import DINNER_AND_BEDTIME, TimeWindow, Weekday, day_runs


@dataclass(frozen=True)
class WindowWords:
    ends_before: str  # a reason: the meeting is over before the window
    starts_after: str  # a reason: the meeting begins after it
    include: str  # finishes "Show 14 meetings if you …"


def window_words(window: TimeWindow) -> WindowWords:
    if window == DINNER_AND_BEDTIME:
        return WindowWords("Done before dinner", "After bedtime", "include dinner and bedtime")
    start, end = f"{window.start:%H:%M}", f"{window.end:%H:%M}"
    on_days = f"{days_words(window.days)} " if window.days else ""
    return WindowWords(f"Ends before {start}", f"Starts after {end}",
                       f"include {on_days}{start} to {end}")


def days_words(days: frozenset[int]) -> str:
    """Days as a person says them: "Monday to Friday, Sunday"."""
    runs = day_runs(days)
    return ", ".join(f"{Weekday(run[0]).label} to {Weekday(run[-1]).label}" if len(run) > 2
                     else ", ".join(Weekday(day).label for day in run) for run in runs)
