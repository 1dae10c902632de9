"""The OpenAPI schema of /api/v1/ is generated, valid, complete, and its docs load nothing remote."""
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.contrib.admindocs.views import simplify_regex
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meetings.models import Attendance
from search.serializers import SearchParamsSerializer
from tests.factories import PITTSBURGH, MeetingFactory

# The schema and its docs describe the API; they are not part of it.
NOT_API = {"api-schema", "api-docs"}


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("openapi")) / "schema.yaml"
    # --fail-on-warn turns any warning or error of drf-spectacular (an undocumented view, a
    # field it cannot type) into a failure; --validate checks the result against OpenAPI 3.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


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
    assert {"400", "503"} <= set(response)


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
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
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
