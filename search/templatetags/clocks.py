"""How meeting times read on the pages: "Tue 25 Nov, 7:00 pm" in English, "mar 25 nov, 19:00"
in Spanish, and the zone when it matters."""
from datetime import datetime, time

from django import template
from django.utils import translation
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from meetings.schedule import zone

register = template.Library()


def _writes_12_hour_clock() -> bool:
    # English readers here read "7:00 pm" and "Tue 25 Nov"; Spanish (and any language the
    # site may add) writes a 24-hour clock, "19:00", and the month in lower case, "mar 25 nov".
    return (translation.get_language() or "en").split("-")[0] == "en"


@register.filter
def clock(value: time | datetime) -> str:
    """7:00 pm (12:00 pm is noon; a no-break space keeps "pm" on the line of its time), or
    19:00 in Spanish."""
    if value in (None, ""):
        return ""
    if not _writes_12_hour_clock():
        return f"{value.hour}:{value.minute:02d}"
    suffix = "am" if value.hour < 12 else "pm"
    return f"{value.hour % 12 or 12}:{value.minute:02d}\u00a0{suffix}"


def _day(value) -> str:
    # Django's names of days and months, in the active language ("Tue"/"mar", "nov"), as its
    # dateformat's "D j M" and "D j b" write them; strftime would name them in English
    # whatever the language, and dateformat itself costs a result page a millisecond.
    month = str(MONTHS_3[value.month])
    return f"{WEEKDAYS_ABBR[value.weekday()]} {value.day} " + (
        month.title() if _writes_12_hour_clock() else month)


@register.filter
def day_and_clock(value: datetime) -> str:
    """Tue 25 Nov, 7:00 pm; mar 25 nov, 19:00."""
    if value in (None, ""):
        return ""
    return f"{_day(value)}, {clock(value)}"


@register.filter
def short_date(value) -> str:
    """Tue 25 Nov; mar 25 nov."""
    if value in (None, ""):
        return ""
    return _day(value)


@register.filter
def zone_abbreviation(value: datetime) -> str:
    """EST, CDT…, as the zone calls itself on that date."""
    if value in (None, ""):
        return ""
    return value.tzname() or ""


@register.filter
def on_meeting_clock(value: datetime, timezone_name: str) -> datetime | None:
    """The same moment on the meeting's clock, or None when that clock reads the same."""
    if value in (None, "") or not timezone_name:
        return None
    local = value.astimezone(zone(timezone_name))
    return None if local.utcoffset() == value.utcoffset() else local


@register.filter
def zone_place(timezone_name: str) -> str:
    """New York time, for America/New_York: a zone as people say it; UTC stays UTC."""
    if not timezone_name:
        return ""
    if "/" not in timezone_name:
        return timezone_name
    # Translators: a time zone as people say it, by its city: "New York time".
    return _("%(place)s time") % {"place": timezone_name.rsplit("/", 1)[1].replace("_", " ")}
