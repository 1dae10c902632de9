"""An import is all or nothing: one that dies part way leaves its source's meetings as they
were, and running the same import again gives the rows running it once gave."""
import copy
import json

import pytest

from feeds import importing
from feeds.importing import import_records
from feeds.models import ImportConflict
from feeds.tasks import refresh_source
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory

pytestmark = pytest.mark.django_db

FEED = DATA / "meeting-guide" / "intergroup.json"


class WorkerLost(Exception):
    """Stands for the worker dying: the transaction never commits."""


def first_feed():
    return json.loads(FEED.read_text())


def changed_feed():
    """Every meeting's notes changed, one meeting gone, two new ones."""
    records = first_feed()
    for record in records:
        record["notes"] = f"{record.get('notes', '')} New door code.".strip()
    gone, template = records.pop(), records[0]
    for n in (1, 2):
        records.append({**copy.deepcopy(template), "slug": f"new-group-{n}", "name": f"New {n}"})
    assert gone["slug"] not in {record["slug"] for record in records}
    return records


def rows_of(source):
    """Everything an import writes for a source, as comparable plain data."""
    meetings = Meeting.objects.filter(source=source)
    return {
        "meetings": sorted(meetings.values(), key=lambda row: row["id"]),
        "focus": sorted(Meeting.focus.through.objects.filter(meeting__source=source)
                        .values_list("meeting_id", "focus_id")),
        "languages": sorted(Meeting.languages.through.objects.filter(meeting__source=source)
                            .values_list("meeting_id", "language_id")),
        "history": Meeting.history.filter(source=source).count(),
        "conflicts": sorted(ImportConflict.objects.filter(source=source)
                            .values_list("meeting_id", "field", "feed_value")),
    }


def dying_half_way(monkeypatch):
    """Make the next import write half its updates (after all its creates), then die."""
    real = importing._Importer.save_updates

    def save_half_then_die(self, updates):
        real(self, updates[:len(updates) // 2])
        raise WorkerLost

    monkeypatch.setattr(importing._Importer, "save_updates", save_half_then_die)


def test_an_import_that_dies_half_way_leaves_the_sources_meetings_as_they_were(monkeypatch):
    source = FeedSourceFactory()
    import_records(source, first_feed(), geocode=False)
    before = rows_of(source)
    dying_half_way(monkeypatch)

    with pytest.raises(WorkerLost):
        import_records(source, changed_feed(), geocode=False)

    assert rows_of(source) == before


def test_a_first_import_that_dies_leaves_no_meeting(monkeypatch):
    source = FeedSourceFactory()
    monkeypatch.setattr(importing._Importer, "save_conflicts",
                        lambda self, conflicts: (_ for _ in ()).throw(WorkerLost()))

    with pytest.raises(WorkerLost):
        import_records(source, first_feed(), geocode=False)

    assert not Meeting.objects.filter(source=source).exists()
    source.refresh_from_db()
    assert source.last_run_at is None  # the run was not recorded as done either


def test_running_the_import_again_after_it_died_gives_the_same_rows_as_running_it_twice(
        monkeypatch):
    source = FeedSourceFactory()
    import_records(source, first_feed(), geocode=False)
    before = rows_of(source)
    with monkeypatch.context() as patched:
        dying_half_way(patched)
        with pytest.raises(WorkerLost):
            import_records(source, changed_feed(), geocode=False)

    summary = import_records(source, changed_feed(), geocode=False)
    once = rows_of(source)
    again = import_records(source, changed_feed(), geocode=False)

    assert (summary.created, summary.archived) == (2, 1) and once != before
    assert (again.created, again.updated, again.archived) == (0, 0, 0)
    assert rows_of(source) == once


def test_a_killed_workers_import_is_run_again_by_another_worker():
    # Acknowledged only after it ran, and handed back if its worker dies, so the broker
    # redelivers it; the tests above show that running it again is safe.
    assert refresh_source.acks_late is True
    assert refresh_source.reject_on_worker_lost is True
