"""The OpenAPI schema of /api/v1/ is generated, valid, complete, and its docs load nothing remote."""
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.contrib.admindocs.views import simplify_regex
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.exceptions import ValidationError

from meetings.models import Attendance, Focus
from search.serializers import DAYS_PATTERN, MAX_WINDOWS, WINDOW_PATTERN, SearchParamsSerializer
from tests.factories import PITTSBURGH, MeetingFactory

# The schema and its docs describe the API; they are not part of it.
NOT_API = {"api-schema", "api-docs"}


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_setup, django_db_blocker):
    path = Path(tmp_path_factory.mktemp("openapi")) / "schema.yaml"
    # --fail-on-warn turns any warning or error of drf-spectacular (an undocumented view, a
    # field it cannot type) into a failure; --validate checks the result against OpenAPI 3.
    # The schema reads the focus and language vocabularies, as the served one does.
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def search_parameter(schema, name):
    return next(parameter["schema"] for parameter in schema["paths"]["/api/v1/search/"]["get"][
        "parameters"] if parameter["name"] == name)


def api_paths(patterns=None, prefix=""):
    """Every route under /api/v1/, as OpenAPI writes paths: /api/v1/meetings/{slug}/."""
    paths = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            paths |= api_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and pattern.name not in NOT_API:
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", simplify_regex(route))
            if path.startswith("/api/v1/"):
                paths.add(path)
    return paths


def test_the_schema_generates_without_warnings_and_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Village API"


def test_every_api_route_is_in_the_schema(schema):
    routes = api_paths()
    assert {"/api/v1/search/", "/api/v1/meetings/", "/api/v1/meetings/{slug}/",
            "/api/v1/feeds/meeting-guide.json"} <= routes
    assert routes == set(schema["paths"])


def test_every_search_parameter_is_documented(schema):
    documented = {parameter["name"]
                  for parameter in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert set(SearchParamsSerializer().fields) | {"page"} == documented


def test_search_results_are_documented_as_a_page_of_results(schema):
    response = schema["paths"]["/api/v1/search/"]["get"]["responses"]
    page = response["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"count", "next", "previous", "results"} <= set(
        schema["components"]["schemas"][page]["properties"])
    assert {"400", "429", "503"} <= set(response)


@pytest.mark.parametrize(("path", "method", "codes"), [
    ("/api/v1/search/", "get", {"200", "400", "429", "503"}),
    ("/api/v1/meetings/", "get", {"200", "400"}),
    ("/api/v1/meetings/{slug}/", "get", {"200", "404"}),
    ("/api/v1/feeds/meeting-guide.json", "get", {"200", "304", "429"}),
    ("/api/v1/submissions/", "post", {"201", "400", "404", "429"}),
])
def test_every_answer_an_endpoint_gives_is_declared_with_its_body(schema, path, method, codes):
    responses = schema["paths"][path][method]["responses"]
    assert codes <= set(responses)
    for code in codes & {"400", "404", "429"}:
        assert "application/json" in responses[code]["content"], (path, code)


@pytest.mark.parametrize("result", ["Meeting", "SearchResult"])
def test_meeting_times_are_declared_as_the_hh_mm_they_are(schema, result):
    for name in ("start_time", "end_time"):
        field = schema["components"]["schemas"][result]["properties"][name]
        assert "format" not in field
        assert re.match(field["pattern"], "07:00") and not re.match(field["pattern"], "07:00:00")


@pytest.mark.django_db
def test_the_search_parameters_are_declared_as_strictly_as_they_are_validated(schema):
    assert search_parameter(schema, "radius_km")["minimum"] == 0.1
    assert search_parameter(schema, "radius_km")["maximum"] == 500
    avoid = search_parameter(schema, "avoid")
    assert avoid["maxItems"] == MAX_WINDOWS and avoid["items"]["pattern"] == WINDOW_PATTERN
    days = search_parameter(schema, "days")
    # drf-spectacular adds "or blank" to a pattern, which the pattern allows anyway.
    assert DAYS_PATTERN in [days.get("pattern"), *(each.get("pattern") for each in days["oneOf"])]
    zones = search_parameter(schema, "tz")["enum"]
    assert "America/New_York" in zones and "Mars/Olympus" not in zones
    assert set(search_parameter(schema, "focus")["items"]["enum"]) == {
        "", *Focus.objects.values_list("slug", flat=True)}
    assert search_parameter(schema, "children")["enum"] == ["welcome", "childcare", ""]


def accepts(name, value) -> bool:
    """Whether the search's validation lets `value` of parameter `name` through."""
    serializer = SearchParamsSerializer(data=QueryDict(mutable=True))
    field = serializer.fields[name]
    try:
        getattr(serializer, f"validate_{name}")(field.run_validation(value))
    except ValidationError:
        return False
    return True


@hypothesis_settings(max_examples=150, deadline=None, database=None)
@given(st.one_of(st.from_regex(WINDOW_PATTERN), st.text(alphabet="mondayfrisat@0123456789:- ,\t٠",
                                                        max_size=30)))
def test_a_window_is_accepted_exactly_when_the_schema_says(text):
    # A window must also end at another time than it starts, which a pattern cannot say.
    assume(not equal_ends(text))
    assert accepts("avoid", [text]) == bool(re.match(WINDOW_PATTERN, text)), text


def equal_ends(text) -> bool:
    ends = [part.strip().lstrip("0") for part in text.rpartition("@")[2].split("-")]
    return len(ends) == 2 and ends[0] == ends[1]


@hypothesis_settings(max_examples=150, deadline=None, database=None)
@given(st.one_of(st.from_regex(DAYS_PATTERN), st.text(alphabet="sunmotewdhfriaSMT ,-\t", max_size=20)))
def test_days_are_accepted_exactly_when_the_schema_says(text):
    assert accepts("days", text) == bool(re.match(DAYS_PATTERN, text)), text


def test_the_feed_is_documented_as_meeting_guide_records(schema):
    ok = schema["paths"]["/api/v1/feeds/meeting-guide.json"]["get"]["responses"]["200"]
    items = ok["content"]["application/json"]["schema"]["items"]["$ref"].rsplit("/", 1)[1]
    fields = schema["components"]["schemas"][items]["properties"]
    assert {"slug", "day", "time", "end_time", "timezone", "types", "formatted_address",
            "conference_url", "updated", "url"} <= set(fields)


@pytest.mark.django_db
def test_the_schema_is_served(client):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/search/" in response.json()["paths"]


@pytest.mark.django_db
def test_the_docs_load_their_files_from_this_site_only(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert assets
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset


def json_schema(fragment):
    """An OpenAPI 3.0 schema fragment as JSON Schema: `nullable` becomes a null type, and
    `oneOf` (drf-spectacular's "a URL or blank", which without format checks both match)
    reads as `anyOf`."""
    if isinstance(fragment, list):
        return [json_schema(item) for item in fragment]
    if not isinstance(fragment, dict):
        return fragment
    converted = {"anyOf" if key == "oneOf" else key: json_schema(value)
                 for key, value in fragment.items() if key != "nullable"}
    if fragment.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@pytest.mark.django_db
def test_search_results_are_exactly_what_the_schema_documents(schema, client):
    MeetingFactory(focus=["mothers"])
    MeetingFactory(online=True)
    MeetingFactory(attendance=Attendance.HYBRID, conference_url="https://zoom.us/j/1")
    MeetingFactory(attendance=Attendance.HYBRID, conference_url="https://zoom.us/j/2",
                   latitude=PITTSBURGH[0] + 3)
    components = json_schema(schema["components"])
    result = dict(components["schemas"]["SearchResult"])
    # Every documented key, and no other.
    result.update(required=list(result["properties"]), additionalProperties=False)

    results = client.get("/api/v1/search/", {"near": "Pittsburgh, PA"}).json()["results"]

    assert len(results) == 4
    for each in results:
        jsonschema.validate(each, {**result, "components": components})
