"""Schemathesis, all its phases and checks, against the running API (a live server): each answer
is one the OpenAPI schema declares, valid requests are accepted, invalid ones refused, and
nothing answers 5xx."""
import contextlib

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events

from feeds.exporting import build_snapshot
from meetings.models import Attendance
from places.geocoding import PlaceNotFound, locate
from tests.factories import MeetingFactory

# A schema cannot say which places exist, how many pages a search has or, for the search, that
# `near` may be left out only by an online search with `tz`, and that avoid and free hold at
# most 28 windows together: valid-looking values may meet a 400 that names them.
CONFIG = {
    "generation": {"max-examples": 10, "database": "none"},
    "checks": {"positive_data_acceptance": {
        "expected-statuses": ["2xx", "304", "400", "404", "429"]}},
    # No "max-time": with it the engine cycles through fuzzing and stateful until time is up;
    # without, each phase runs once.
    # A CI machine is shared; a slow answer is not a wrong one.
    "request-timeout": 30,
}


def failures_of(event) -> list[str]:
    if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished) and (
            event.status == Status.FAILURE):
        return [f"{event.recorder.label}: {check.name}: {check.failure_info.failure.title}\n"
                f"{check.failure_info.failure.message}\n{check.failure_info.code_sample}"
                for checks in event.recorder.checks.values() for check in checks
                if check.status == Status.FAILURE]
    if isinstance(event, events.NonFatalError | events.FatalError):
        return [f"{getattr(event, 'label', '')}: {getattr(event, 'value', None) or event.exception!r}"]
    if isinstance(event, events.EngineFinished):
        return [str(failure) for failure in event.failures]
    return []


def test_the_api_answers_as_its_schema_says(live_server, settings):
    # Every request comes from one address; the throttle is tested on its own.
    settings.VILLAGE_THROTTLE_RATES = {scope: None for scope in settings.VILLAGE_THROTTLE_RATES}
    MeetingFactory(slug="tuesday-parents", focus=["mothers"], languages=["es"])
    MeetingFactory(online=True, slug="online-mothers")
    MeetingFactory(attendance=Attendance.HYBRID, conference_url="https://zoom.us/j/1")
    build_snapshot()  # the feed a worker builds
    with contextlib.suppress(PlaceNotFound):
        locate("zzzz")  # the gazetteer reads its world of names once per process
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/",
                                           config=SchemathesisConfig.from_dict(CONFIG))

    found = [failure for event in schemathesis.engine.from_schema(schema).execute()
             for failure in failures_of(event)]

    assert not found, "\n\n".join(found)
