"""Pieces of the search statement: SQL text with its parameters, the same on SQLite and
PostgreSQL except where `lookup` and `greatest` say otherwise.

Templates are written as SQL is, `%` included; a name that comes from Python (a model's
table or column, an argument) goes in as `identifier(name)`, never spliced into a template.

The search's statements are hand-built rather than ORM querysets because they need what the
ORM cannot say (index-only scans under common table expressions that count, rank and list
the hybrid meetings in one pass), and because building the equivalent queryset costs more
Python time than the database spends answering it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db import connection

_SLOT = re.compile(r"\{\}")


@dataclass(frozen=True)
class Sql:
    """SQL text as it goes into the statement, with `%s` placeholders, and their parameters
    in order. The text's own percent signs are doubled (`%%`), as the driver wants them;
    `sql()` and `join()` double them in their templates, so only text written straight
    into `Sql(...)` must double its own."""

    text: str
    params: tuple = ()


def identifier(name: str) -> Sql:
    """A table, column or alias name from Python, quoted by the database (`quote_name`)."""
    if '"' in name:
        raise ValueError(f"{name!r} cannot be quoted as a name")
    return Sql(connection.ops.quote_name(name).replace("%", "%%"))


def sql(template: str, *parts) -> Sql:
    """`template` with each `{}` filled by a part: a `Sql` piece goes in as its text and
    parameters, a number as a literal, any other value as a parameter. The template is SQL
    as written, with a literal `%` (SQL's modulo, a LIKE pattern) as it is. (Numbers are
    written out because the statement holds hundreds of them, and psycopg merges parameters
    into the text in Python, which costs more than the database's answer to a small
    search.)"""
    pieces = _pieces(template)
    if len(pieces) != len(parts) + 1:
        raise ValueError(f"{len(pieces) - 1} slots for {len(parts)} parts in {template!r}")
    text, params = [pieces[0]], []
    for part, piece in zip(parts, pieces[1:], strict=True):
        if isinstance(part, Sql):
            text.append(part.text)
            params.extend(part.params)
        elif isinstance(part, int | float) and not isinstance(part, bool):
            text.append(_number(part))
        else:
            text.append("%s")
            params.append(part)
        text.append(piece)
    return Sql("".join(text), tuple(params))


@lru_cache(maxsize=512)
def _pieces(template: str) -> list[str]:
    """The template's text between its slots, as statement text (percent signs doubled)."""
    return [piece.replace("%", "%%") for piece in _SLOT.split(template)]


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a number SQL can hold")
    return repr(value)


def join(separator: str, parts) -> Sql:
    """The parts one after another with `separator` (SQL as written, like a template)."""
    parts = list(parts)
    return Sql(separator.replace("%", "%%").join(part.text for part in parts),
               tuple(param for part in parts for param in part.params))


def all_of(conditions) -> Sql:
    conditions = [condition for condition in conditions if condition is not None]
    if not conditions:
        return Sql("1 = 1")
    return join(" AND ", (sql("({})", condition) for condition in conditions))


def any_of(conditions) -> Sql:
    return sql("({})", join(" OR ", (sql("({})", condition) for condition in conditions)))


def negated(condition: Sql) -> Sql:
    return sql("NOT ({})", condition)


def real(value: float) -> Sql:
    # PostgreSQL reads a bare 0.5 as numeric, whose arithmetic is many times slower than
    # double precision over thousands of rows.
    return sql("CAST({} AS DOUBLE PRECISION)", float(value))


def day(value: date) -> Sql:
    return sql("{}", connection.ops.adapt_datefield_value(value))


def one_of(column: str, values) -> Sql:
    """The column (a name) is one of `values`."""
    values = [getattr(value, "value", value) for value in values]  # choices as their values
    return sql(f"{{}} IN ({', '.join(['{}'] * len(values))})", identifier(column), *values)


def lookup(key: Sql, values: dict[int, int]) -> Sql:
    """The integer that `values` gives for `key` (a small positive integer), null for a key
    it lacks: one array subscript per row on PostgreSQL, a CASE on SQLite."""
    if not values:
        return Sql("CAST(NULL AS INTEGER)")
    if connection.vendor == "postgresql":
        entries = [values.get(n) for n in range(1, max(values) + 1)]
        array = ", ".join("NULL" if entry is None else str(int(entry)) for entry in entries)
        return sql(f"(CAST(ARRAY[{array}] AS INTEGER[]))[{{}}]", key)
    whens = " ".join(f"WHEN {int(n)} THEN {int(value)}" for n, value in values.items())
    return sql(f"CASE {{}} {whens} END", key)


# SQLite takes at most 127 arguments to a function (SQLITE_MAX_FUNCTION_ARG).
MOST_ARGUMENTS = 100


def greatest(*parts: Sql) -> Sql:
    """The largest of the parts; many are taken a hundred at a time."""
    # SQLite's many-argument MAX is PostgreSQL's GREATEST.
    name = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    if len(parts) > MOST_ARGUMENTS:
        chunks = [parts[i:i + MOST_ARGUMENTS] for i in range(0, len(parts), MOST_ARGUMENTS)]
        # A lone argument stays as it is: SQLite's one-argument MAX is the aggregate.
        parts = tuple(greatest(*chunk) if len(chunk) > 1 else chunk[0] for chunk in chunks)
    return sql(f"{name}({{}})", join(", ", parts))
