"""A parent's search, from criteria to ranked matches with next dates and reasons."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from itertools import chain

from django.core.paginator import Page, Paginator
from django.db import connections, router
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Attendance, Focus, Language, Meeting, Vocabulary
from meetings.schedule import MINUTES_PER_WEEK, Weekday, week_minute, zone

from .criteria import SearchCriteria
from .matching import ParentClock, candidates, joined_online, met_in_person, time_filter
from .online import OnlineRanking, online_count, online_ranking
from .ranking import ranking_order, reasons_for, score
from .sql import Sql, all_of, identifier, join, sql

PAGE_SIZE = 20
# "Starting soon" looks this far ahead on the parent's clock.
STARTING_SOON_MINUTES = 3 * 60
# No search finds two billion meetings, and a larger offset would overflow the database's
# integers (page=99999999999999999999).
LARGEST_OFFSET = 2**31 - 1


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
        # Translators: `page` is what was asked for as the page number, which may be no number.
        super().__init__(_("There is no page '%(page)s'; pages run from 1 to %(last)s.")
                         % {"page": asked, "last": self.last})


@dataclass(frozen=True)
class SoonMatch:
    """A meeting starting soon: in `minutes`, or, `under_way`, begun `minutes` ago."""

    match: Match
    under_way: bool
    minutes: int

    @property
    def when_words(self) -> str:
        """"Starts in 25 min", "Starts in 1 h 5 min", "Started 10 min ago: join now"."""
        if self.under_way:
            # Translators: an online meeting under way that a parent can still join.
            return _("Started %(minutes)s min ago: join now") % {"minutes": self.minutes}
        if self.minutes == 0:
            return _("Starts now")
        hours, minutes = divmod(self.minutes, 60)
        if hours and minutes:
            return _("Starts in %(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
        if hours:
            return _("Starts in %(hours)s h") % {"hours": hours}
        return _("Starts in %(minutes)s min") % {"minutes": minutes}


# The rows of the in-person statement: its count, its best rows, its hybrid meetings.
COUNTED, RANKED, NEAR_HYBRID = 0, 1, 2


@dataclass(frozen=True)
class InPersonRow:
    id: int
    parent_start: int | None
    score: float
    distance_km: float


@dataclass(frozen=True)
class InPersonPart:
    best: list[InPersonRow]
    count: int
    near_hybrid_ids: frozenset[int]


@dataclass(frozen=True)
class RankedRows:
    """The best rows of a search, of both parts, and how many meetings fit in all."""

    best: list
    count: int


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
        self.vocabulary = vocabulary = Vocabulary.current()
        self.focus_ids = [vocabulary.focus[slug].pk for slug in criteria.focus
                          if slug in vocabulary.focus]
        self.language_id = vocabulary.languages[criteria.language].pk if (
            criteria.language in vocabulary.languages) else None

    def _fitting(self, candidate: Sql) -> Sql:
        """The common table expressions `candidate` (rows of `search.matching`) and
        `fitting`: the candidates on the parent's days and outside their windows, scored."""
        return sql("WITH candidate AS ({}), fitting AS ({}) ", candidate, self._scored)

    @cached_property
    def _scored(self) -> Sql:
        return sql("SELECT id, parent_start, distance_km, duration, attendance, {} AS score "
                   "FROM candidate "
                   "WHERE {}", score(self.criteria, self.today, self.focus_ids),
                   all_of([time_filter(self.criteria)]))

    def _online(self) -> Sql | None:
        return joined_online(self.criteria, self.clock, self.language_id)

    def _in_person(self) -> Sql | None:
        return met_in_person(self.criteria, self.clock, self.language_id)

    def count(self) -> int:
        """How many meetings fit."""
        in_person = self._in_person_part(0)
        online = self._online_statement()
        if online is None:
            return in_person.count
        return in_person.count + online_count(online) - len(in_person.near_hybrid_ids)

    def page(self, number=1, size: int = PAGE_SIZE) -> ResultPage:
        """Page `number` (counted from 1; text is read as a number) and the count of all
        matches. A page that does not exist is `NoSuchPage`."""
        try:
            asked, number = number, int(number)
        except (TypeError, ValueError):
            raise NoSuchPage(number, self.count(), size) from None
        offset = (number - 1) * size
        if number < 1 or offset > LARGEST_OFFSET:
            raise NoSuchPage(asked, self.count(), size)
        ranked = self._ranked(offset + size)
        rows = ranked.best[offset:]
        if not rows and number > 1:
            raise NoSuchPage(asked, ranked.count, size)
        return ResultPage(self._matches(self._meetings_of(rows)), number, size, ranked.count)

    def _ranked(self, most: int) -> RankedRows:
        """The `most` best rows of both parts (in ranking order) and how many fit in all.

        The in-person part is read and scored whole (a radius holds a few thousand meetings at
        most); the online part, which grows with every meeting online, comes ranked from
        `search.online`. The hybrid meetings near enough to go to are in the in-person part,
        so the online part leaves them out."""
        in_person = self._in_person_part(most)
        online = self._online_ranking()
        if online is None:
            return RankedRows(in_person.best, in_person.count)
        online_best = online.best(self.now_parent_minute, most, left_out=in_person.near_hybrid_ids)
        best = sorted(chain(in_person.best, online_best), key=self._ranking_key)[:most]
        return RankedRows(best, in_person.count + online.count - len(in_person.near_hybrid_ids))

    def _ranking_key(self, row) -> tuple:
        """`ranking_order` in Python, for rows of both parts."""
        soon = (math.inf if row.parent_start is None
                else (row.parent_start - self.now_parent_minute) % MINUTES_PER_WEEK)
        near = math.inf if row.distance_km is None else row.distance_km
        return (-row.score, soon, near, row.id)

    def _online_ranking(self) -> OnlineRanking | None:
        statement = self._online_statement()
        return None if statement is None else online_ranking(statement)

    def _online_statement(self) -> Sql | None:
        """The scored rows of the online part, hybrid meetings near the parent included."""
        online = joined_online(self.criteria, self.clock, self.language_id,
                               near_hybrid_left_out=False)
        if online is None:
            return None
        return sql("{} SELECT id, parent_start, score FROM fitting", self._fitting(online))

    def _in_person_part(self, most: int) -> InPersonPart:
        """The `most` best meetings met in person, how many fit, and the hybrid ones among
        them: one statement whose rows are told apart by their first column."""
        branch = self._in_person()
        if branch is None:
            return InPersonPart([], 0, frozenset())
        statement = sql(
            "{} SELECT {} AS part, COUNT(*) AS id, NULL AS parent_start, NULL AS distance_km, "
            "NULL AS score FROM fitting "
            "UNION ALL SELECT * FROM (SELECT {}, id, parent_start, distance_km, score FROM fitting "
            "ORDER BY {} LIMIT {}) best "
            "UNION ALL SELECT {}, id, NULL, NULL, NULL FROM fitting WHERE attendance = {}",
            self._fitting(branch), COUNTED, RANKED, ranking_order(self.now_parent_minute), most,
            NEAR_HYBRID, Attendance.HYBRID.value)
        count, best, near_hybrid_ids = 0, [], set()
        for part, meeting_id, parent_start, distance_km, fit in self._fetch(statement):
            if part == COUNTED:
                count = meeting_id
            elif part == RANKED:
                best.append(InPersonRow(meeting_id, parent_start, fit, distance_km))
            else:
                near_hybrid_ids.add(meeting_id)
        best.sort(key=self._ranking_key)
        return InPersonPart(best, count, frozenset(near_hybrid_ids))

    def _meetings_of(self, rows) -> list[Meeting]:
        """The meetings of ranked rows, in their order, with the columns the rows add."""
        if not rows:
            return []
        statement = sql("SELECT {} FROM {} m WHERE m.id IN ({})", _shown_columns(),
                        identifier(Meeting._meta.db_table),
                        join(", ", (sql("{}", row.id) for row in rows)))
        by_id = {meeting.pk: meeting
                 for meeting in Meeting.objects.raw(statement.text, list(statement.params))}
        meetings = []
        for row in rows:
            # The online part is ranked on the primary (search.online); a meeting written
            # there a moment ago may not have reached the replica this page reads yet.
            meeting = by_id.get(row.id)
            if meeting is None:
                continue
            meeting.parent_start, meeting.distance_km, meeting.score = (
                row.parent_start, row.distance_km, row.score)
            meetings.append(meeting)
        return meetings

    def starting_soon(self, within_minutes: int = STARTING_SOON_MINUTES,
                      most: int = PAGE_SIZE) -> list[SoonMatch]:
        """What fits and starts within `within_minutes` on the parent's clock, soonest first,
        with the meetings joined online that are under way (and so can be joined now) on top."""
        until = sql("((parent_start - {} + {}) % {})", self.now_parent_minute,
                    2 * MINUTES_PER_WEEK, MINUTES_PER_WEEK)
        since = sql("(({} - parent_start + {}) % {})", self.now_parent_minute,
                    2 * MINUTES_PER_WEEK, MINUTES_PER_WEEK)
        joinable_now = sql("distance_km IS NULL AND {} < duration", since)
        statement = sql(
            "WITH candidate AS ({}) SELECT {}, soon.parent_start, soon.distance_km, soon.score, "
            "soon.under_way, soon.minutes_until, soon.minutes_since FROM ("
            "SELECT id, parent_start, distance_km, score, CASE WHEN {} THEN 1 ELSE 0 END AS under_way, "
            "{} AS minutes_until, {} AS minutes_since FROM ({}) scored WHERE {} < {} OR {}) soon "
            "JOIN {} m ON m.id = soon.id "
            "ORDER BY soon.under_way DESC, soon.minutes_until, soon.distance_km, soon.id LIMIT {}",
            candidates(self._online(), self._in_person()), _shown_columns(), joinable_now, until,
            since, self._scored, until, within_minutes, joinable_now,
            identifier(Meeting._meta.db_table), most)
        meetings = list(Meeting.objects.raw(statement.text, list(statement.params)))
        return [SoonMatch(match, under_way=bool(meeting.under_way),
                          minutes=meeting.minutes_since if meeting.under_way else meeting.minutes_until)
                for match, meeting in zip(self._matches(meetings), meetings, strict=True)]

    def _matches(self, meetings: list[Meeting]) -> list[Match]:
        ids = [meeting.pk for meeting in meetings]
        focus, languages = self.vocabulary.links_beyond_bits(ids)
        return [self._match(meeting, focus.get(meeting.pk, ()), languages.get(meeting.pk, ()))
                for meeting in meetings]

    def _fetch(self, statement: Sql) -> list[tuple]:
        # Where the request reads meetings: a replica for a parent's search (config.databases).
        with connections[router.db_for_read(Meeting)].cursor() as cursor:
            cursor.execute(statement.text, list(statement.params))
            return cursor.fetchall()

    def _match(self, meeting: Meeting, focus_beyond_bits, languages_beyond_bits) -> Match:
        """A meeting read by the page statement, with the columns it added."""
        focus = self.vocabulary.focus_of(meeting, focus_beyond_bits)
        languages = self.vocabulary.languages_of(meeting, languages_beyond_bits)
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


@cache
def _shown_columns() -> Sql:
    """The columns of the meeting (`m`) that a page reads."""
    return join(", ", (sql("m.{}", identifier(field.column)) for field in Meeting._meta.concrete_fields
                       if field.name not in UNSHOWN_FIELDS))
