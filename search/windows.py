"""How a parent's time window is said to them: the dinner-and-bedtime preset by its name,
any other window by its clock times and days."""
from __future__ import annotations

from dataclasses import dataclass

from meetings.schedule import DINNER_AND_BEDTIME, TimeWindow, Weekday, day_runs

# The parts of the day a parent ticks, day by day, under "When can you go?" on the search
# page: each box is a free window by day (`mon@17:00-21:00`), so the page's query is the API's.
PARTS_OF_DAY = [
    ("Early morning", "05:00", "08:00"),
    ("Morning", "08:00", "12:00"),
    ("Afternoon", "12:00", "17:00"),
    ("Evening", "17:00", "21:00"),
    ("Late evening", "21:00", "00:00"),
]


def free_time_name(window: TimeWindow) -> str:
    """What a parent calls a free window: "evening" for one of the page's parts of the day,
    "free time" for any other."""
    clock = (f"{window.start:%H:%M}", f"{window.end:%H:%M}")
    return next((name.lower() for name, start, end in PARTS_OF_DAY if (start, end) == clock),
                "free time")


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
