"""Whatever a query or a form holds (malformed, huge, repeated or hostile), the search page, the
search API, the calendars and the forms answer it, with a 4xx that names the field when it is
wrong, and never with a server error."""
import html
import json
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from search.views import ERROR_ANCHORS
from tests.factories import MeetingFactory, ModeratorFactory, SubmissionFactory, new_meeting_data
from tests.hostile.strategies import PROPERTY, query, value, values

SEARCH_PARAMS = ["near", "radius_km", "days", "day", "avoid", "free", "tz", "children",
                 "philosophy", "medication", "attendance", "fellowship", "focus", "wheelchair",
                 "language", "units", "page"]
CALENDAR_PARAMS = ["details", "title", "reminder"]
SEVENTY_WINDOWS = [f"mon@{hour % 24:02}:00-{hour % 24:02}:30" for hour in range(70)]


@pytest.fixture(autouse=True)
def meetings(db, settings):
    # One client sends every example; the throttles are tested on their own.
    settings.VILLAGE_THROTTLE_RATES = {scope: None for scope in settings.VILLAGE_THROTTLE_RATES}
    settings.VILLAGE_SUBMISSION_RATE = "100000/s"
    MeetingFactory(slug="tuesday-parents", focus=["mothers"], languages=["es"])
    MeetingFactory(online=True, slug="online-mothers")


def the_page_names_the_field(response) -> bool:
    body = response.content.decode()
    anchors = set(re.findall(r'<li><a href="#([\w-]+)">', body))
    return bool(anchors & set(ERROR_ANCHORS.values())) or "There is no page" in body


@PROPERTY
@given(query(SEARCH_PARAMS))
@example({"near": ["Pittsburgh"], "page": ["99999999999999999999"]})
@example({"near": ["Pittsburgh"], "avoid": SEVENTY_WINDOWS})
@example({"near": ["Pittsburgh"], "tz": ["Mars/Olympus"]})
@example({"near": ["x" * 100_000]})
def test_the_search_page_answers_any_query(client, params):
    for page in (reverse("search"), reverse("starting-soon")):
        response = client.get(page, params)
        assert response.status_code < 500, (page, params)
        assert response["Content-Type"].startswith("text/html")
        if response.status_code == 400:
            assert the_page_names_the_field(response), params


def test_a_page_past_any_number_is_a_400_naming_the_page(client):
    query = {"near": "Pittsburgh", "page": "99999999999999999999"}
    page = client.get(reverse("search"), query)
    api = client.get("/api/v1/search/", query)
    assert (page.status_code, api.status_code) == (400, 400)
    assert "There is no page &#x27;99999999999999999999&#x27;" in page.content.decode()
    assert list(api.json()) == ["page"]


def test_seventy_avoid_windows_are_a_400_naming_avoid(client):
    query = {"near": "Pittsburgh", "avoid": SEVENTY_WINDOWS}
    page = client.get(reverse("search"), query)
    calendar = client.get(reverse("search-calendar"), query)
    assert (page.status_code, calendar.status_code) == (400, 400)
    assert f'href="#{ERROR_ANCHORS["avoid"]}"' in page.content.decode()
    assert calendar.content.decode().startswith("avoid: At most 28 windows")


def test_an_unknown_zone_is_named_on_the_page(client):
    response = client.get(reverse("search"), {"near": "Pittsburgh", "tz": "Mars/Olympus"})
    assert response.status_code == 400
    assert "'Mars/Olympus' is not an IANA time zone" in html.unescape(response.content.decode())


@PROPERTY
@given(query(SEARCH_PARAMS))
@example({"near": ["Pittsburgh"], "page": ["99999999999999999999"]})
@example({"near": ["Pittsburgh"], "avoid": SEVENTY_WINDOWS})
@example({"near": ["Pittsburgh"], "tz": ["Mars/Olympus"]})
def test_the_search_api_answers_any_query(client, params):
    response = client.get("/api/v1/search/", params)
    assert response.status_code < 500, params
    if response.status_code == 400:
        assert set(response.json()) <= set(SEARCH_PARAMS), response.json()


@PROPERTY
@given(query(SEARCH_PARAMS + CALENDAR_PARAMS))
@example({"near": ["Pittsburgh"], "page": ["99999999999999999999"]})
@example({"near": ["Pittsburgh"], "avoid": SEVENTY_WINDOWS})
@example({"near": ["zzzz"]})
@example({"near": ["Pittsburgh"], "tz": ["Mars/Olympus"]})
def test_the_search_calendar_answers_any_query_as_a_calendar_app_reads(client, params):
    response = client.get(reverse("search-calendar"), params)
    assert response.status_code < 500, params
    if response.status_code < 400:
        assert response["Content-Type"].startswith("text/calendar")
    else:
        assert response["Content-Type"].startswith("text/plain")
        if response.status_code == 400:
            fields = {line.partition(":")[0] for line in response.content.decode().splitlines()}
            assert fields <= set(SEARCH_PARAMS + CALENDAR_PARAMS), fields


def test_a_calendar_of_a_place_not_found_says_so_in_plain_text(client):
    response = client.get(reverse("search-calendar"), {"near": "zzzz"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("near: We couldn't find 'zzzz'")


def test_a_calendar_error_quoting_line_breaks_keeps_one_line_a_field(client):
    response = client.get(reverse("search-calendar"), {"near": "15222", "language": "x\ny\u2028z"})
    assert response.status_code == 400
    [line] = response.content.decode().splitlines()
    assert line.startswith("language: 'x y z' is not a language")


def test_a_calendar_with_an_unknown_zone_says_the_zone_is_unknown(client):
    response = client.get(reverse("search-calendar"), {"near": "Pittsburgh", "tz": "Mars/Olympus"})
    assert response.status_code == 400
    assert response.content.decode().startswith("tz: 'Mars/Olympus' is not an IANA time zone")


@PROPERTY
@given(query(["m", "tz", *CALENDAR_PARAMS]), st.sampled_from(["tuesday-parents", "no-such"]))
def test_the_meeting_pages_and_calendars_answer_any_query(client, params, slug):
    for url in (reverse("shortlist"), reverse("shortlist-calendar"),
                reverse("meeting-detail", args=[slug]), reverse("meeting-calendar", args=[slug])):
        response = client.get(url, {**params, "back": params.get("unknown", [""])})
        assert response.status_code < 500, (url, params)
        if url.endswith(".ics") and response.status_code == 400:
            assert response["Content-Type"].startswith("text/plain")
            assert response.content.decode().split(":")[0] in CALENDAR_PARAMS


@PROPERTY
@given(st.dictionaries(st.sampled_from(list(new_meeting_data()) + ["latitude", "longitude",
                                                                    "conference_url", "website"]),
                       values),
       st.sampled_from(["submission-new", "submission-change", "submission-closure"]))
@example({"start_time": ["25:99"], "latitude": ["nan"], "longitude": ["1e309"]}, "submission-new")
def test_the_public_forms_answer_any_fields(client, fields, form):
    args = [] if form == "submission-new" else ["tuesday-parents"]
    response = client.post(reverse(form, args=args), {**new_meeting_data(), **fields})
    assert response.status_code < 500, fields
    if response.status_code == 400:
        assert 'class="error-summary' in response.content.decode() or "errorlist" in (
            response.content.decode()), fields


@PROPERTY
@given(st.dictionaries(st.sampled_from(["kind", "meeting", *new_meeting_data(), "latitude"]),
                       values))
def test_the_submissions_api_answers_any_body(client, fields):
    body = {name: items if name in ("focus", "languages") else items[0]
            for name, items in fields.items()}
    assert client.post("/api/v1/submissions/", body).status_code < 500, body
    response = client.post("/api/v1/submissions/", json.dumps(body), content_type="application/json")
    assert response.status_code < 500, body


@PROPERTY
@given(query(["fellowship", "attendance", "children", "philosophy", "medication_supportive",
              "wheelchair", "day", "timezone", "focus", "language", "updated_since", "page"]),
       value)
def test_the_meetings_api_answers_any_query(client, params, slug):
    assert client.get("/api/v1/meetings/", params).status_code < 500, params
    assert client.get(f"/api/v1/meetings/{quote(slug, safe='') or 'x'}/").status_code < 500



LISTING_FIELDS = [*new_meeting_data(), "latitude", "longitude", "conference_url", "notes",
                  "contact_email", "contact_phone", "contact_website"]
MODERATOR_FORMS = {
    "meeting-edit": LISTING_FIELDS,
    "coach-note-add": ["text"],
    "collection-list": ["name", "description", "visibility"],
    "meeting-collect": ["collection"],
    "moderation-queue": ["submissions", "action", "reason"],
    "submission-review": ["action", "reason", *(f"edit-{name}" for name in LISTING_FIELDS)],
}


@PROPERTY
@given(st.sampled_from(sorted(MODERATOR_FORMS)).flatmap(
    lambda form: st.tuples(st.just(form), st.dictionaries(st.sampled_from(MODERATOR_FORMS[form]),
                                                          values))))
def test_the_coaches_and_moderators_forms_answer_any_fields(client, form_and_fields):
    form, fields = form_and_fields
    moderator = ModeratorFactory()
    client.force_login(moderator)
    args = {"meeting-edit": ["tuesday-parents"], "coach-note-add": ["tuesday-parents"],
            "meeting-collect": ["tuesday-parents"],
            "submission-review": [SubmissionFactory().pk]}.get(form, [])
    response = client.post(reverse(form, args=args), fields)
    assert response.status_code < 500, (form, fields)


@pytest.mark.parametrize("moment", ["0222-11-03T12:21:57-20:16", "0001-01-01T00:00:00+10:00",
                                    "9999-12-31T23:59:59-23:59"])
def test_any_offset_and_year_of_updated_since_is_read(client, moment):
    # PostgreSQL takes no offset past 15:59; RFC 3339 allows up to 23:59.
    response = client.get("/api/v1/meetings/", {"updated_since": moment})
    assert response.status_code == 200
    assert response.json()["count"] == (2 if moment.startswith("0") else 0)


def test_updated_since_is_rfc_3339_as_the_schema_says(client):
    response = client.get("/api/v1/meetings/", {"updated_since": "2024-01-01"})
    assert response.status_code == 400
    assert list(response.json()) == ["updated_since"]
