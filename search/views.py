"""The search page: a plain GET form (so a search is a link), its errors, and the meetings
that fit, best first; when none fit, the single loosenings that would find some."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from meetings.models import Attendance, Fellowship, Vocabulary
from meetings.schedule import COMMON_ZONES, DINNER_AND_BEDTIME, WEEKDAY_SLUGS, TimeWindow, Weekday
from places.geometry import KILOMETRES, MILES

from .criteria import DEFAULT_RADIUS_KM, ChildrenNeed, PhilosophyNeed
from .finder import PAGE_SIZE, STARTING_SOON_MINUTES, MeetingSearch, NoSuchPage
from .serializers import GeocoderDown, SearchParamsSerializer
from .suggestions import Suggestion, loosening_suggestions
from .windows import PARTS_OF_DAY, day_name

RADIUS_CHOICES_KM = ("5", "10", "25", "50", "100")
TRUE_WORDS = {"true", "on", "1", "yes"}

CHILDREN_CHOICES = [
    ("", gettext_lazy("No children with me")),
    (ChildrenNeed.WELCOME, gettext_lazy("I'll bring my children")),
    (ChildrenNeed.CHILDCARE, gettext_lazy("I need childcare")),
]
PHILOSOPHY_CHOICES = [
    # Translators: a choice of approach to recovery: no preference.
    ("", gettext_lazy("Any")),
    (PhilosophyNeed.HARM_REDUCTION, gettext_lazy("Harm-reduction friendly")),
    (PhilosophyNeed.ABSTINENCE, gettext_lazy("Abstinence-focused")),
]
ATTENDANCE_CHOICES = [
    # Translators: a choice of how to attend: no preference.
    ("", gettext_lazy("Any")),
    (Attendance.IN_PERSON, gettext_lazy("In person")),
    (Attendance.ONLINE, gettext_lazy("Online")),
    (Attendance.HYBRID, gettext_lazy("Hybrid (in person and online)")),
]
# The fields folded away under "More choices"; an error or a choice in one opens it.
MORE_CHOICES = ("radius_km", "units", "philosophy", "medication", "focus", "attendance", "tz",
                "fellowship", "language", "wheelchair")
UNIT_CHOICES = [(MILES, gettext_lazy("Miles")), (KILOMETRES, gettext_lazy("Kilometres"))]
# Where each field's error summary link lands: the field, or the first box of a group.
ERROR_ANCHORS = {
    "near": "near", "radius_km": "radius_km", "days": "day-sun", "avoid": "avoid-other",
    "free": "free-other", "children": "children-0", "philosophy": "philosophy-0",
    "medication": "medication", "attendance": "attendance-0", "tz": "tz", "units": "units-mi",
    "fellowship": "fellowship",
    "language": "language", "wheelchair": "wheelchair", "focus": "focus-0",
}


def week_parts(free: list[str]) -> list[dict]:
    """A row for each part of the day, with a box for it on each day."""
    return [{"name": name, "start": start, "end": end,
             "boxes": [{"id": f"free-{day.slug}-{index}", "day": day_name(day),
                        "value": f"{day.slug}@{start}-{end}",
                        "checked": f"{day.slug}@{start}-{end}" in free} for day in Weekday]}
            for index, (name, start, end) in enumerate(PARTS_OF_DAY)]


def _grid_values() -> set[str]:
    return {f"{day.slug}@{start}-{end}" for day in Weekday for _, start, end in PARTS_OF_DAY}


# The page names a criteria need by its query parameter.
NEED_PARAMS = {"medication_supportive": "medication"}


# Between two typed windows: a comma or semicolon after a window's end time (a comma inside
# a window separates its days: mon,wed@18:00-21:00).
BETWEEN_WINDOWS = re.compile(r"(?<=\d)\s*[,;]\s*|;\s*")


def _windows_typed(values: list[str]) -> list[str]:
    """Each window on its own, from boxes that may hold "06:00-08:00, sat,sun@21:00–22:00"."""
    return [part.strip().replace("–", "-").replace("—", "-")
            for value in values for part in BETWEEN_WINDOWS.split(value) if part.strip()]


def page_params(query: QueryDict) -> QueryDict:
    """The page's query in the search API's words: ticked `day` boxes join the `days` comma
    list, and typed lists of windows become one `avoid` or `free` each."""
    params = query.copy()
    days = [part.strip() for value in params.getlist("days") + params.getlist("day")
            for part in value.split(",") if part.strip()]
    params.pop("day", None)
    params.pop("page", None)
    if days:
        params.setlist("days", [",".join(days)])
    params.setlist("avoid", _windows_typed(params.getlist("avoid")))
    params.setlist("free", _windows_typed(params.getlist("free")))
    return params


def search_params(query: QueryDict) -> QueryDict:
    """The page's query as the search takes it. On the page, days and times by day add up:
    "any time on Monday" and "Saturday morning" is both, where for the API `days` would
    narrow every window to Monday. So once a free window names its days, the chosen days
    become windows by day too: the free times typed for every chosen day on each of them,
    or each whole day."""
    params = page_params(query)
    free = params.getlist("free")
    chosen = params.get("days", "").split(",")
    if not params.get("days") or not any("@" in text for text in free) or not all(
            day in WEEKDAY_SLUGS for day in chosen):
        return params  # a day that is no day is reported on the days it was typed in
    days = params.pop("days")[0]
    every_day = [text for text in free if "@" not in text]
    by_day = [text for text in free if "@" in text]
    params.setlist("free", by_day + ([f"{days}@{text}" for text in every_day] if every_day
                                     else [f"{days}@00:00-12:00", f"{days}@12:00-00:00"]))
    return params


def _is_dinner_and_bedtime(text: str) -> bool:
    try:
        return TimeWindow.parse(text) == DINNER_AND_BEDTIME
    except ValueError:
        return False


def _radius_text(value: str) -> str:
    try:
        radius = float(value)
    except ValueError:
        return value
    return str(int(radius)) if radius.is_integer() else str(radius)


def form_values(params: QueryDict) -> dict:
    """The form as the parent left it, so that every choice stays filled after a search."""
    avoid = params.getlist("avoid")
    return {
        "near": params.get("near", ""),
        "radius_km": _radius_text(params.get("radius_km") or str(int(DEFAULT_RADIUS_KM))),
        "days": {part.strip().lower() for part in params.get("days", "").split(",")},
        "avoid_dinner": any(_is_dinner_and_bedtime(text) for text in avoid),
        "other_avoid": ", ".join(text for text in avoid if not _is_dinner_and_bedtime(text)),
        "free": params.getlist("free"),
        "other_free": ", ".join(text for text in params.getlist("free") if text not in _grid_values()),
        "tz": params.get("tz", ""),
        "units": params.get("units", ""),
        "children": params.get("children", ""),
        "philosophy": params.get("philosophy", ""),
        "medication": params.get("medication", ""),
        "focus": set(params.getlist("focus")),
        "attendance": params.get("attendance", ""),
        "fellowship": params.get("fellowship", ""),
        "language": params.get("language", ""),
        "wheelchair": params.get("wheelchair", "").lower() in TRUE_WORDS,
    }


def _messages(detail) -> list[str]:
    # A list field's errors come keyed by the item's position.
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list | tuple):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def field_errors(errors: dict) -> dict[str, list[str]]:
    """The serializer's errors by the form field that shows them."""
    return {field: _messages(detail) for field, detail in errors.items()}


def zone_choices(chosen: str) -> list[tuple[str, str]]:
    """The zones the page offers by name, with a zone that came in the link kept too."""
    choices = list(COMMON_ZONES.items())
    if chosen and chosen not in COMMON_ZONES:
        choices.append((chosen, chosen))
    return choices


def _page_link(query: QueryDict, number: int) -> str:
    query = query.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def loosened_query(query: QueryDict, suggestion: Suggestion) -> str:
    """The page's query with one need loosened as `suggestion` says."""
    query = query.copy()
    query.pop("page", None)
    need = NEED_PARAMS.get(suggestion.need, suggestion.need)
    if need == "avoid":
        kept = [text for text in _windows_typed(query.getlist("avoid"))
                if TimeWindow.parse(text) != suggestion.value]
        query.setlist("avoid", kept)
    elif need == "days":
        query.pop("days", None)
        query.pop("day", None)
    elif need == "radius_km":
        query["radius_km"] = _radius_text(str(suggestion.value))
    elif suggestion.value:
        query[need] = str(suggestion.value)
    else:
        query.pop(need, None)
    return f"{reverse('search')}?{query.urlencode()}"


def near_choices(query: QueryDict, ambiguous) -> list[tuple[str, str]]:
    """Each place an ambiguous `near` could mean, with the page's search run near it."""
    choices = []
    for candidate in ambiguous.candidates:
        chosen = query.copy()
        chosen.pop("page", None)
        chosen["near"] = candidate.query
        choices.append((candidate.label, f"{reverse('search')}?{chosen.urlencode()}"))
    return choices


def _form_context(params: QueryDict, errors: dict[str, list[str]]) -> dict:
    values = form_values(params)
    vocabulary = Vocabulary.current()
    radius_choices = list(RADIUS_CHOICES_KM)
    if values["radius_km"] not in radius_choices:
        radius_choices.append(values["radius_km"])
    more_chosen = any(values[name] for name in MORE_CHOICES if name != "radius_km") or (
        values["radius_km"] != str(int(DEFAULT_RADIUS_KM)))
    return {
        "form": values,
        "errors": errors,
        "error_summary": [(ERROR_ANCHORS.get(field, "near"), message)
                          for field, messages in errors.items() for message in messages],
        "more_open": more_chosen or any(field in MORE_CHOICES for field in errors),
        "radius_choices": radius_choices,
        "weekdays": [(day.slug, day_name(day)) for day in Weekday],
        "week_parts": week_parts(values["free"]),
        "dinner_and_bedtime": str(DINNER_AND_BEDTIME),
        "children_choices": CHILDREN_CHOICES,
        "philosophy_choices": PHILOSOPHY_CHOICES,
        "attendance_choices": ATTENDANCE_CHOICES,
        "zone_choices": zone_choices(values["tz"]),
        "unit_choices": UNIT_CHOICES,
        "fellowships": Fellowship.choices,
        "focuses": list(vocabulary.focus.values()),
        "languages": list(vocabulary.languages.values()),
    }


def _criteria_or_refusal(request, query: QueryDict):
    """The search the page's query asks for, or the search page answering what is wrong with
    it (the place service down, or the fields that are wrong, with a choice of places when
    the one given is ambiguous): (criteria, None) or (None, response)."""
    params = page_params(query)
    serializer = SearchParamsSerializer(data=search_params(query))
    try:
        valid = serializer.is_valid()
    except GeocoderDown as error:
        context = _form_context(params, {})
        context["unavailable"] = str(error.detail)
        return None, render(request, "search/home.html", context, status=error.status_code)
    if not valid:
        context = _form_context(params, field_errors(serializer.errors))
        if serializer.ambiguous_place:
            context["near_choices"] = near_choices(query, serializer.ambiguous_place)
        return None, render(request, "search/home.html", context, status=400)
    return serializer.criteria(), None


@never_cache
def search_page(request):
    query = request.GET
    if not query:
        return render(request, "search/home.html", _form_context(QueryDict(), {}))
    criteria, refusal = _criteria_or_refusal(request, query)
    if refusal:
        return refusal
    params = page_params(query)
    search = MeetingSearch(criteria)
    context = _form_context(params, {})
    # A meeting's page, coming from here, links back and shows the parent's clock first.
    context.update(searched=True, criteria=criteria, meeting_link_query=urlencode(
        {"back": query.urlencode(), "tz": criteria.timezone}))
    asked = query.get("page") or "1"
    try:
        result = search.page(asked, PAGE_SIZE)
    except NoSuchPage as error:
        context.update(count=error.count,
                       # Translators: `page` is what was asked for as the page number.
                       page_error=(_("There is no page '%(page)s' of these results: pages run "
                                     "from 1 to %(last)s.") % {"page": asked, "last": error.last}),
                       first_page=_page_link(query, 1))
        return render(request, "search/home.html", context, status=400)

    page = result.as_django_page()
    context.update(page=page, count=result.count, matches=result.matches)
    if page.has_previous():
        context["previous_page"] = _page_link(query, page.previous_page_number())
    if page.has_next():
        context["next_page"] = _page_link(query, page.next_page_number())
    if result.count == 0:
        context["suggestions"] = [(suggestion, loosened_query(query, suggestion))
                                  for suggestion in loosening_suggestions(criteria)]
    return render(request, "search/home.html", context)


@never_cache
def starting_soon(request):
    """What fits the parent's search and starts in the next three hours, soonest first, with
    the online meetings under way on top; the same query as the search page."""
    criteria, refusal = _criteria_or_refusal(request, request.GET)
    if refusal:
        return refusal
    return render(request, "search/soon.html", {
        "criteria": criteria,
        "soon": MeetingSearch(criteria).starting_soon(),
        "hours": STARTING_SOON_MINUTES // 60,
        "search_query": request.GET.urlencode(),
    })
