"""The meetings a parent would join online, ranked once for each kind of search and kept in the
cache until a meeting changes: every parent in one zone with the same needs shares them.

A search's online part does not depend on where the parent is (only on whether she gave a
place, which weighs distance) nor on the minute she asks: her clock only turns the ranking,
since within one score the soonest come first. So the part is kept as score levels, each
holding its meetings by their start on the parent's week; a page reads the next starts from
the minute she asks, level by level, however many thousands of meetings fit.
"""
from __future__ import annotations

import hashlib
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router

from meetings.models import Meeting, listings_version
from meetings.schedule import MINUTES_PER_WEEK

from .sql import Sql, sql

# A ranking outlives no change to meetings (the listings' version is in its key); this only
# lets rankings no one asks for again go.
ONLINE_RANKING_SECONDS = 10 * 60
CACHE_KEY_PREFIX = "search:online:"


@dataclass(frozen=True)
class OnlineRow:
    """A meeting of the online part: `parent_start` is its next start on the parent's week
    (modulo a week; null when its clock is unknown), as the search statement has it."""

    id: int
    parent_start: int | None
    score: float
    distance_km: None = None


@dataclass(frozen=True)
class ScoreLevel:
    score: float
    # Ascending by start, then id: the order of the ranking from the week's first minute.
    week_minutes: array
    ids: array
    # Meetings whose start on the parent's clock is unknown come last in their level.
    unplaced: tuple[int, ...] = ()

    def __len__(self):
        return len(self.ids) + len(self.unplaced)

    def from_minute(self, minute: int) -> Iterator[OnlineRow]:
        """The level's meetings soonest first for a parent at `minute` of her week."""
        turn = bisect_left(self.week_minutes, minute % MINUTES_PER_WEEK)
        for n in chain(range(turn, len(self.ids)), range(turn)):
            yield OnlineRow(self.ids[n], self.week_minutes[n], self.score)
        for meeting_id in self.unplaced:
            yield OnlineRow(meeting_id, None, self.score)


@dataclass(frozen=True)
class OnlineRanking:
    """Every meeting of a search's online part, best level first."""

    levels: tuple[ScoreLevel, ...]

    @property
    def count(self) -> int:
        return sum(len(level) for level in self.levels)

    def best(self, minute: int, most: int, left_out: Collection[int] = ()) -> list[OnlineRow]:
        """The `most` best for a parent at `minute` of her week, leaving out `left_out` (hybrid
        meetings she can go to, which the in-person part ranks)."""
        rows = (row for level in self.levels for row in level.from_minute(minute)
                if row.id not in left_out)
        return list(islice(rows, most))


def online_ranking(statement: Sql) -> OnlineRanking:
    """The ranking of the online part whose scored rows (id, parent_start, score) `statement`
    selects, from this process, the cache or the database. The statement holds all a ranking
    depends on (the needs, the parent's clock this week, today's date), so it keys the
    cache, with the listings' version."""
    key = _cache_key(statement)
    ranking = _read_here.get(key)
    if ranking is None:
        ranking = cache.get(key)
        if ranking is None:
            ranking = _rank(statement)
            cache.set(key, ranking, ONLINE_RANKING_SECONDS)
        _read_here.keep(key, ranking)
    return ranking


def online_count(statement: Sql) -> int:
    """How many rows the online part has: from its ranking if one is kept, else counted by
    the database, so that counting alone (the loosenings a search with no match offers)
    ranks nothing."""
    key = _cache_key(statement)
    ranking = _read_here.get(key) or cache.get(key)
    if ranking is not None:
        return ranking.count
    counted = sql("SELECT COUNT(*) FROM ({}) scored", statement)
    # A count is kept nowhere, so it may read where the request reads (a replica).
    with connections[router.db_for_read(Meeting)].cursor() as cursor:
        cursor.execute(counted.text, list(counted.params))
        return cursor.fetchone()[0]


class _Kept:
    """The rankings this process read last. Their keys hold the listings' version, so one is
    never out of date, only no longer asked for; reading one here saves fetching up to a
    megabyte from the cache."""

    def __init__(self, most: int):
        self.most = most
        self.rankings: OrderedDict[str, OnlineRanking] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> OnlineRanking | None:
        with self.lock:
            ranking = self.rankings.get(key)
            if ranking is not None:
                self.rankings.move_to_end(key)
            return ranking

    def keep(self, key: str, ranking: OnlineRanking):
        with self.lock:
            self.rankings[key] = ranking
            while len(self.rankings) > self.most:
                self.rankings.popitem(last=False)


_read_here = _Kept(most=16)


def _cache_key(statement: Sql) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(listings_version().encode())
    digest.update(statement.text.encode())
    digest.update(repr(statement.params).encode())
    return CACHE_KEY_PREFIX + digest.hexdigest()


def _rank(statement: Sql) -> OnlineRanking:
    ordered = sql("SELECT id, (parent_start % {} + {}) % {} AS week_minute, score FROM ({}) scored "
                  "ORDER BY score DESC, week_minute, id", MINUTES_PER_WEEK, MINUTES_PER_WEEK,
                  MINUTES_PER_WEEK, statement)
    levels: list[ScoreLevel] = []
    # From the primary, also in a request that reads a replica (config.databases): the
    # ranking is kept under the listings' version, which a write changes at once, and a
    # replica a moment behind would keep its old rows under the new version.
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(ordered.text, list(ordered.params))
        rows = cursor.fetchall()
    # Rows of one score are together, nulls (unknown starts) last among them.
    start = 0
    while start < len(rows):
        score = rows[start][2]
        end = start
        while end < len(rows) and rows[end][2] == score:
            end += 1
        level = rows[start:end]
        placed = [row for row in level if row[1] is not None]
        levels.append(ScoreLevel(
            score=score,
            week_minutes=array("h", (row[1] for row in placed)),
            ids=array("q", (row[0] for row in placed)),
            unplaced=tuple(row[0] for row in level if row[1] is None)))
        start = end
    return OnlineRanking(tuple(levels))

