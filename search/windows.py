"""How a parent's time window is said to them: the dinner-and-bedtime preset by its name,
any other window by its clock times and days."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.schedule import DINNER_AND_BEDTIME, TimeWindow, day_runs

# The parts of the day a parent ticks, day by day, under "When can you go?" on the search
# page: each box is a free window by day (`mon@17:00-21:00`), so the page's query is the API's.
PARTS_OF_DAY = [
    (gettext_lazy("Early morning"), "05:00", "08:00"),
    (gettext_lazy("Morning"), "08:00", "12:00"),
    (gettext_lazy("Afternoon"), "12:00", "17:00"),
    (gettext_lazy("Evening"), "17:00", "21:00"),
    (gettext_lazy("Late evening"), "21:00", "00:00"),
]


def day_name(day: int) -> str:
    """A day's name in the active language ("Monday", "lunes"), for a Weekday number (0 is
    Sunday): Django's own names, which its catalogues translate."""
    return WEEKDAYS[(day - 1) % 7]  # Django counts Monday as 0


@dataclass(frozen=True)
class FreeTimeWords:
    """The reasons that say where in a free window a meeting starts. A whole sentence for
    each part of the day, since Spanish words "your evening" differently from "your morning"."""

    begins: str  # the meeting starts as the window does
    minutes_after: str  # with %(minutes)s: it starts that long into the window
    inside: str  # it starts later in the window


# By the window's clock times, as PARTS_OF_DAY has them.
FREE_TIME_WORDS = {
    ("05:00", "08:00"): FreeTimeWords(
        gettext_lazy("Starts as your early morning begins"),
        gettext_lazy("Starts %(minutes)s min after your early morning begins"),
        gettext_lazy("In your early morning")),
    ("08:00", "12:00"): FreeTimeWords(
        gettext_lazy("Starts as your morning begins"),
        gettext_lazy("Starts %(minutes)s min after your morning begins"),
        gettext_lazy("In your morning")),
    ("12:00", "17:00"): FreeTimeWords(
        gettext_lazy("Starts as your afternoon begins"),
        gettext_lazy("Starts %(minutes)s min after your afternoon begins"),
        gettext_lazy("In your afternoon")),
    ("17:00", "21:00"): FreeTimeWords(
        gettext_lazy("Starts as your evening begins"),
        gettext_lazy("Starts %(minutes)s min after your evening begins"),
        gettext_lazy("In your evening")),
    ("21:00", "00:00"): FreeTimeWords(
        gettext_lazy("Starts as your late evening begins"),
        gettext_lazy("Starts %(minutes)s min after your late evening begins"),
        gettext_lazy("In your late evening")),
}
# Any other free window.
FREE_TIME = FreeTimeWords(
    gettext_lazy("Starts as your free time begins"),
    gettext_lazy("Starts %(minutes)s min after your free time begins"),
    gettext_lazy("In your free time"))


def free_time_words(window: TimeWindow) -> FreeTimeWords:
    """How a free window is spoken of: as "your evening" for one of the page's parts of the
    day, as "your free time" for any other."""
    return FREE_TIME_WORDS.get((f"{window.start:%H:%M}", f"{window.end:%H:%M}"), FREE_TIME)


@dataclass(frozen=True)
class WindowWords:
    ends_before: str  # a reason: the meeting is over before the window
    starts_after: str  # a reason: the meeting begins after it
    include: str  # finishes "Show 14 meetings if you …"


def window_words(window: TimeWindow) -> WindowWords:
    if window == DINNER_AND_BEDTIME:
        return WindowWords(
            _("Done before dinner"), _("After bedtime"),
            # Translators: finishes "Show 14 meetings if you …": what the parent would do.
            _("include dinner and bedtime"))
    start, end = f"{window.start:%H:%M}", f"{window.end:%H:%M}"
    if window.days:
        # Translators: finishes "Show 14 meetings if you …"; days such as "Monday to Friday",
        # times as 24-hour HH:MM.
        include = _("include %(days)s %(start)s to %(end)s") % {
            "days": days_words(window.days), "start": start, "end": end}
    else:
        # Translators: finishes "Show 14 meetings if you …"; times as 24-hour HH:MM.
        include = _("include %(start)s to %(end)s") % {"start": start, "end": end}
    # Translators: a reason a meeting fits: it is over before a time the parent avoids (HH:MM).
    return WindowWords(_("Ends before %(time)s") % {"time": start},
                       # Translators: a reason a meeting fits: it begins after a time the parent
                       # avoids ends (HH:MM).
                       _("Starts after %(time)s") % {"time": end},
                       include)


def days_words(days: frozenset[int]) -> str:
    """Days as a person says them: "Monday to Friday, Sunday"."""
    return ", ".join(
        # Translators: a run of days, such as "Monday to Friday".
        _("%(first)s to %(last)s") % {"first": day_name(run[0]), "last": day_name(run[-1])}
        if len(run) > 2 else ", ".join(str(day_name(day)) for day in run)
        for run in day_runs(days))
