"""Writing thousands of rows of one table at once, for imports: the fastest way each database
has (PostgreSQL's COPY, a prepared statement run for every row elsewhere).

Django's bulk_create and bulk_update build their SQL value by value in Python, which costs
more than the database's own work by far for wide rows (a meeting has 36 columns), and
bulk_create on SQLite writes at most 999 values a statement. These write the same values
(each field's own conversion for the database) without reading the new rows' keys back: a
caller reads them by a key of its own (a slug), in one query.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import date, time
from operator import attrgetter

from django.db import connections, models
from django.db.models import signals
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL

# Fields whose values go to the database as they are when they already have the field's own
# Python type (their conversion would return them unchanged); only these exact classes, since
# a subclass may convert. A value of another type is converted as Django would.
_AS_THEY_ARE = {
    models.CharField: str, models.TextField: str, models.SlugField: str,
    models.EmailField: str, models.URLField: str,
    models.IntegerField: int, models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int, models.SmallIntegerField: int,
    models.BigIntegerField: int, models.AutoField: int, models.BigAutoField: int,
    models.BooleanField: bool, models.FloatField: float,
}
# Values that cannot change once made, whose conversion is kept for the next row with the same
# value: an import writes one time stamp, a few start times and a few statuses thousands of
# times over.
_IMMUTABLE = (date, time, enum.Enum)  # a datetime is a date
# Rows a statement writes on databases without COPY.
STATEMENT_ROWS = 2000
# Values one statement asks about (SQLite's limit of parameters is 32,766).
STATEMENT_VALUES = 30000


def _written_fields(model: type[models.Model], names: Sequence[str] | None):
    """The concrete fields written: those named (by attname, in that order), or else all
    but an automatic key."""
    if names is None:
        return [field for field in model._meta.concrete_fields
                if not (field.primary_key and isinstance(field, models.AutoField))]
    by_name = {field.attname: field for field in model._meta.concrete_fields}
    return [by_name[name] for name in names]


def _database_values(fields, rows: Iterable[Sequence], connection):
    """Each row's values as the database takes them (Field.get_db_prep_save)."""
    converters = []
    for position, field in enumerate(fields):
        kind = _AS_THEY_ARE.get(type(field.target_field if field.is_relation else field))
        converters.append((position, kind, field.get_db_prep_save))
    converted = {}
    for row in rows:
        values = list(row)
        for position, kind, convert in converters:
            value = values[position]
            if value is None or type(value) is kind:
                continue
            if isinstance(value, _IMMUTABLE):
                key = (position, type(value), value)
                if key not in converted:
                    converted[key] = convert(value, connection)
                values[position] = converted[key]
            else:
                values[position] = convert(value, connection)
        yield values


def insert_values(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence], *,
                  using: str = "default") -> None:
    """Insert rows given as the Python values of the fields `names` (attnames), in that order."""
    connection = connections[using]
    fields = _written_fields(model, names)
    values = _database_values(fields, rows, connection)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        statement = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch = []
        for row in values:
            batch.append(row)
            if len(batch) == STATEMENT_ROWS:
                cursor.executemany(statement, batch)
                batch = []
        if batch:
            cursor.executemany(statement, batch)


def insert_objects(objs: Sequence[models.Model], *, using: str = "default") -> None:
    """Insert model instances as bulk_create does (automatic dates set, defaults as the
    instances hold them), leaving their automatic keys unread. The automatic dates are one
    moment for all, as one statement's would be."""
    if not objs:
        return
    model = type(objs[0])
    fields = _written_fields(model, None)
    stamped = [field for field in fields if getattr(field, "auto_now", False)
               or getattr(field, "auto_now_add", False)]
    for field in stamped:
        stamp = field.pre_save(objs[0], add=True)
        for obj in objs[1:]:
            setattr(obj, field.attname, stamp)
    read = attrgetter(*(field.attname for field in fields))
    insert_values(model, [field.attname for field in fields], map(read, objs), using=using)


def among(model: type[models.Model], attname: str, values: Sequence, *, using: str = "default"):
    """A filter for the rows whose `attname` is one of `values`: on PostgreSQL a single array
    parameter (an `__in` of thousands of values costs more to build and send than to answer),
    elsewhere `__in` (SQLite takes up to 32,766 parameters a statement)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return models.Q(**{f"{attname}__in": values})
    quote = connection.ops.quote_name
    column = f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(attname).column)}"
    return RawSQL(f"{column} = ANY(%s)", [list(values)], output_field=models.BooleanField())


def values_present(model: type[models.Model], attname: str, values: Iterable, *,
                   using: str = "default") -> set:
    """Which of these values some row holds in the column `attname`."""
    values = list(set(values))
    present = set()
    for start in range(0, len(values), STATEMENT_VALUES):
        present.update(model._default_manager.using(using).filter(among(
            model, attname, values[start:start + STATEMENT_VALUES], using=using)).values_list(
            attname, flat=True))
    return present


class InstanceMaker:
    """Builds unsaved instances of a model from field values by attname, as Model.__init__
    does with positional values but without its per-field work when nobody listens to the
    model's init signals: many times faster than keyword arguments, which an import of
    thousands of rows feels. A field not given takes its default; a foreign key given as its
    id can come with the related instance, which is then cached as assignment would."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        # A default made by a callable (a dict, a list) is made anew for every instance; any
        # other is the same value each time, found once.
        self.made_defaults = {field.attname: field.default for field in self.fields
                              if field.has_default() and callable(field.default)}
        self.defaults = {field.attname: field.get_default() for field in self.fields
                         if field.attname not in self.made_defaults}

    def __call__(self, values: dict, related: dict[str, models.Model] | None = None):
        defaults, made = self.defaults, self.made_defaults
        row = [values[name] if name in values else defaults[name] if name in defaults
               else made[name]() for name in self.attnames]
        if signals.pre_init.has_listeners(self.model) or signals.post_init.has_listeners(
                self.model):
            instance = self.model(*row)
        else:
            # What Model.__init__ leaves: each value in the instance's dict (where the
            # fields' descriptors read it) and a new instance's state.
            instance = self.model.__new__(self.model)
            instance._state = ModelState()
            instance.__dict__.update(zip(self.attnames, row, strict=True))
        for name, obj in (related or {}).items():
            self.model._meta.get_field(name).set_cached_value(instance, obj)
        return instance


def update_objects(objs: Sequence[models.Model], names: Sequence[str], *,
                   using: str = "default") -> None:
    """Write the fields `names` (attnames) of these saved instances, one statement run for
    every row (bulk_update writes a CASE of every row for every field, slower here)."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    fields = _written_fields(model, [*names, model._meta.pk.attname])
    read = attrgetter(*(field.attname for field in fields))
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s"
                            for field in fields[:-1])
    statement = (f"UPDATE {table} SET {assignments} "
                 f"WHERE {connection.ops.quote_name(model._meta.pk.column)} = %s")
    rows = list(_database_values(fields, map(read, objs), connection))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), STATEMENT_ROWS):
            cursor.executemany(statement, rows[start:start + STATEMENT_ROWS])
