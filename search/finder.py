"""A parent's search, from criteria to ranked matches with next dates and reasons."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils import timezone

from meetings.models import Focus, Language, Meeting
from meetings.schedule import Weekday, week_minute, zone

from .criteria import SearchCriteria
from .matching import LANGUAGES, MEETING_LANGUAGES, ParentClock, candidates, time_filter
from .ranking import FOCUSES, MEETING_FOCUS, ranking_order, reasons_for, score
from .sql import Sql, all_of, json_rows, materialized, sql

PAGE_SIZE = 20


@dataclass(frozen=True)
class Match:
    meeting: Meeting
    score: float
    distance_km: float | None  # null when the parent joins online
    next_start: datetime  # in the parent's zone
    reasons: list[str]
    focus: list[Focus]
    languages: list[Language]


class NoSuchPage(Exception):
    def __init__(self, asked, count: int, size: int):
        self.asked = asked
        self.count = count
        self.last = max(1, math.ceil(count / size))
        super().__init__(f"There is no page '{asked}'; pages run from 1 to {self.last}.")


@dataclass(frozen=True)
class ResultPage:
    """One page of a search's matches, and how many meetings match in all."""

    matches: list[Match]
    number: int
    size: int
    count: int

    def as_django_page(self) -> Page:
        """The page as Django's paginator would give it, for templates and DRF's links."""
        return Page(self.matches, self.number, Paginator(range(self.count), self.size))


class MeetingSearch:
    """The meetings that fit `criteria`, best first, a page at a time."""

    def __init__(self, criteria: SearchCriteria, now: datetime | None = None):
        self.criteria = criteria
        self.now = now or timezone.now()
        self.parent_zone = zone(criteria.timezone)
        parent_now = self.now.astimezone(self.parent_zone)
        self.today = parent_now.date()
        self.now_parent_minute = week_minute(Weekday.of(parent_now.date()), parent_now.time())
        self.clock = ParentClock(criteria.timezone, self.now)
        self.focus_ids = list(Focus.objects.filter(slug__in=criteria.focus).values_list(
            "id", flat=True)) if criteria.focus else []
        self.language_id = Language.objects.filter(code=criteria.language).values_list(
            "id", flat=True).first() if criteria.language else None

    def _fitting(self) -> Sql:
        """The common table expressions `candidate` (see `search.matching`) and `fitting`:
        the candidates on the parent's days and outside their windows, with their score."""
        return sql(
            "WITH candidate AS ({}), "
            f"fitting AS {materialized()}(SELECT id, parent_start, distance_km, {{}} AS score "
            "FROM candidate WHERE {}) ",
            candidates(self.criteria, self.clock, self.language_id),
            score(self.criteria, self.today, self.focus_ids),
            all_of([time_filter(self.criteria)]))

    def count(self) -> int:
        return self._fetch(sql("{} SELECT COUNT(*) FROM fitting", self._fitting()))[0][0]

    def page(self, number=1, size: int = PAGE_SIZE) -> ResultPage:
        """Page `number` (counted from 1; text is read as a number) and the count of all
        matches, in one statement that also reads the page's meetings with their focuses
        and languages. A page that does not exist is `NoSuchPage`."""
        try:
            asked, number = number, int(number)
        except (TypeError, ValueError):
            raise NoSuchPage(number, self.count(), size) from None
        if number < 1:
            raise NoSuchPage(asked, self.count(), size)
        meetings = list(Meeting.objects.raw(*self._page_statement(size, (number - 1) * size)))
        if not meetings and number > 1:
            raise NoSuchPage(asked, self.count(), size)
        count = meetings[0].matching_count if meetings else 0
        return ResultPage([self._match(meeting) for meeting in meetings], number, size, count)

    def _page_statement(self, limit: int, offset: int) -> tuple[str, list]:
        columns = ", ".join(f"m.{field.column}" for field in Meeting._meta.concrete_fields
                            if field.name not in UNSHOWN_FIELDS)
        statement = sql(
            "{}, page AS (SELECT id, parent_start, distance_km, score, "
            "(SELECT COUNT(*) FROM fitting) AS matching_count FROM fitting "
            "ORDER BY {} LIMIT {} OFFSET {}) "
            f"SELECT {columns}, page.parent_start, page.distance_km, page.score, "
            "page.matching_count, {} AS focus_list, {} AS language_list "
            f"FROM page JOIN {Meeting._meta.db_table} m ON m.id = page.id ORDER BY {{}}",
            self._fitting(), ranking_order(self.now_parent_minute), limit, offset,
            json_rows({"slug": "f.slug", "name": "f.name"},
                      f"{MEETING_FOCUS} mf JOIN {FOCUSES} f ON f.id = mf.focus_id "
                      "WHERE mf.meeting_id = m.id"),
            json_rows({"code": "l.code", "name": "l.name"},
                      f"{MEETING_LANGUAGES} ml JOIN {LANGUAGES} l ON l.id = ml.language_id "
                      "WHERE ml.meeting_id = m.id"),
            ranking_order(self.now_parent_minute, rows="page."))
        return statement.text, list(statement.params)

    def _fetch(self, statement: Sql) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(statement.text, list(statement.params))
            return cursor.fetchall()

    def _match(self, meeting: Meeting) -> Match:
        """A meeting read by the page statement, with the columns it added."""
        focus = sorted((Focus(**each) for each in _json(meeting.focus_list)), key=attrgetter("name"))
        languages = sorted((Language(**each) for each in _json(meeting.language_list)),
                           key=attrgetter("name"))
        return Match(
            meeting=meeting,
            score=meeting.score,
            distance_km=meeting.distance_km,
            next_start=meeting.next_occurrence(self.now).astimezone(self.parent_zone),
            reasons=reasons_for(meeting, self.criteria, self.today,
                                parent_start=meeting.parent_start, distance_km=meeting.distance_km,
                                focus=focus, languages=languages),
            focus=focus,
            languages=languages,
        )


# What a result never shows; the import bookkeeping is the bulk of a meeting's row.
UNSHOWN_FIELDS = ("imported_values", "source_types")


def _json(value) -> list:
    # PostgreSQL's json comes back parsed, SQLite's as text.
    return json.loads(value) if isinstance(value, str) else value
