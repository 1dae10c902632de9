"""A BMLT root server's semantic API (NA's data network) imports as any feed does: from a file of
its three answers or from the server itself, on the beat, with messy records skipped by name."""
import http.server
import json
import threading
from datetime import time
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from feeds.bmlt import server_urls
from feeds.importing import import_source, preview_source
from feeds.models import FeedFormat, FeedSource
from feeds.tasks import refresh_source
from meetings.models import Meeting, Status
from tests.factories import DATA, FeedSourceFactory

SERVER = DATA / "bmlt" / "server.json"

pytestmark = pytest.mark.django_db


def answers() -> dict:
    return json.loads(SERVER.read_text())


def run(*args) -> str:
    out = StringIO()
    call_command("import_meetings", *args, "--format", "bmlt", "--no-geocode", stdout=out)
    return out.getvalue()


def imported(slug: str) -> Meeting:
    return Meeting.objects.get(source_slug=slug)


@pytest.fixture
def server_file(tmp_path):
    """A copy of the server's answers that a test may change."""
    path = tmp_path / "bmlt.json"
    path.write_text(SERVER.read_text())
    return path


@pytest.fixture
def bmlt_server():
    """A root server on 127.0.0.1 answering each switcher from tests/data/bmlt/server.json,
    and the queries it was asked."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            asked.append((url.path, query))
            answer = answers().get(query.get("switcher", [""])[0])
            if not url.path.endswith("/main_server/client_interface/json/") or answer is None:
                self.send_error(404)
                return
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/main_server/", asked
    server.shutdown()
    server.server_close()


# --- The command, from a file ----------------------------------------------------------------

def test_a_file_of_the_three_answers_imports_and_reports_what_it_skipped():
    output = run(str(SERVER), "--timezone", "America/New_York")
    assert "9 records" in output and "5 created" in output and "4 skipped" in output
    source = FeedSource.objects.get()
    assert (source.format, source.fellowship) == (FeedFormat.BMLT, "na")
    assert Meeting.objects.filter(source=source, status=Status.PUBLISHED).count() == 5


def test_skips_are_named_by_bmlts_own_fields():
    output = run(str(SERVER), "--timezone", "America/New_York")
    assert "record 5 (slug '105'): duration_time: 24:00:00: all day" in output
    assert "record 6 (slug '106'): published: 0" in output
    assert "record 7 (slug '107'): weekday_tinyint: '9' is not a day" in output
    assert "record 8 (slug '108'): venue_type: 2 (virtual), but no virtual_meeting_link" in output
    assert "Unknown type codes (kept as they are): Pi ×1, FIN ×1, XYZ ×1." in output


def test_an_in_person_meeting_reads_day_time_duration_place_and_formats():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("101")
    assert (meeting.weekday, meeting.start_time, meeting.end_time) == (1, time(19, 30), time(21))
    assert meeting.timezone == "America/New_York" and meeting.attendance == "in_person"
    assert meeting.address == "330 S 13th St, Philadelphia, PA 19107, USA"
    assert meeting.location_name == "St. Luke's Church Hall"
    assert (meeting.latitude, meeting.longitude) == (39.9526, -75.1652)
    assert meeting.children == "welcome" and meeting.wheelchair_accessible is True
    assert meeting.source_types == ["OPEN", "CW", "WCHR"]
    assert "Newcomers welcome." in meeting.notes and "Bus: 23, 45" in meeting.notes
    assert meeting.slug == "monday-night-hope-101"


def test_a_meeting_without_a_time_zone_takes_the_sources():
    run(str(SERVER), "--timezone", "America/New_York")
    assert imported("102").timezone == "America/New_York"


def test_empty_coordinates_leave_the_meeting_to_the_geocoder():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("102")
    assert meeting.latitude is None and meeting.needs_position


def test_children_under_supervision_is_welcome_with_the_servers_words_for_a_parent():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("102")
    assert meeting.children == "welcome"
    assert "Children under Supervision: Well-behaved, supervised children are welcome." in (
        meeting.notes)
    assert list(meeting.focus.values_list("slug", flat=True)) == ["women"]


def test_no_children_is_adults_only_and_spanish_is_the_language():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("103")
    assert meeting.children == "adults_only"
    assert list(meeting.languages.values_list("code", flat=True)) == ["es"]


def test_a_hybrid_meeting_keeps_its_place_and_its_link_given_without_https():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("103")
    assert meeting.attendance == "hybrid"
    assert meeting.conference_url == "https://zoom.us/j/5551234"
    assert meeting.latitude == 39.993 and "Online: Code 1234" in meeting.notes


def test_a_virtual_meeting_is_online_and_its_coordinates_are_not_a_place_to_go():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("104")
    assert meeting.attendance == "online" and meeting.location_approximate
    assert meeting.latitude is None
    assert meeting.conference_phone == "+1 555 010 0104"
    assert meeting.timezone == "America/Chicago"
    assert sorted(meeting.focus.values_list("slug", flat=True)) == ["lgbtq", "young-people"]


def test_numbers_given_as_numbers_and_a_meeting_past_midnight():
    run(str(SERVER), "--timezone", "America/New_York")
    meeting = imported("109")
    assert (meeting.weekday, meeting.start_time, meeting.end_time) == (6, time(23), time(1))
    assert meeting.latitude == 39.9489 and meeting.duration_minutes == 120


def test_an_in_person_meeting_leaves_out_a_left_over_link_with_a_warning():
    output = run(str(SERVER), "--timezone", "America/New_York")
    assert imported("109").conference_url == ""
    assert "record 9 (slug '109'): venue_type: 1 (in person)" in output


def test_without_any_time_zone_a_meeting_without_coordinates_is_skipped_saying_so(server_file):
    data = json.loads(server_file.read_text())
    # No zone, no coordinates, and no town to find a zone from.
    data["GetSearchResults"] = [{**data["GetSearchResults"][1], "location_municipality": "",
                                 "location_province": "", "location_postal_code_1": ""}]
    server_file.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="time_zone: missing"):
        run(str(server_file))


def test_importing_again_changes_nothing():
    run(str(SERVER), "--timezone", "America/New_York")
    assert "0 created, 0 updated, 5 unchanged, 0 archived" in run(str(SERVER))


def test_a_meeting_unpublished_since_is_archived_one_skipped_for_its_content_is_not(server_file):
    run(str(server_file), "--timezone", "America/New_York")
    data = json.loads(server_file.read_text())
    meetings = {meeting["id_bigint"]: meeting for meeting in data["GetSearchResults"]}
    meetings["101"]["published"] = "0"
    meetings["102"]["weekday_tinyint"] = "0"
    server_file.write_text(json.dumps(data))
    output = run(str(server_file))
    assert "1 archived" in output
    assert imported("101").status == Status.ARCHIVED
    assert imported("102").status == Status.PUBLISHED


def test_a_dry_run_changes_nothing():
    output = run(str(SERVER), "--timezone", "America/New_York", "--dry-run")
    assert "Dry run" in output and "Monday Night Hope" in output
    assert not Meeting.objects.exists() and not FeedSource.objects.exists()


def test_a_file_that_is_not_the_three_answers_is_refused_saying_what_it_should_be(tmp_path):
    path = tmp_path / "meetings.json"
    path.write_text(json.dumps(answers()["GetSearchResults"]))
    with pytest.raises(CommandError, match="GetSearchResults"):
        run(str(path))


def test_an_answer_that_is_not_a_list_is_refused(server_file):
    server_file.write_text(json.dumps({**answers(), "GetFormats": {"error": "nope"}}))
    with pytest.raises(CommandError, match="GetFormats answered a JSON dict"):
        run(str(server_file), "--timezone", "America/New_York")
    assert not Meeting.objects.exists()


def test_meetings_asked_with_their_formats_are_read_too(server_file):
    data = answers()
    server_file.write_text(json.dumps({"GetSearchResults": {
        "meetings": data["GetSearchResults"], "formats": data["GetFormats"]}}))
    run(str(server_file), "--timezone", "America/New_York")
    assert imported("101").source_types == ["OPEN", "CW", "WCHR"]
    assert imported("101").notes.startswith("Newcomers welcome.")


# --- From the server -------------------------------------------------------------------------

def test_the_semantic_api_addresses_of_a_root_server():
    urls = server_urls("https://bmlt.example.org/main_server")
    assert urls == {
        "GetSearchResults":
            "https://bmlt.example.org/main_server/client_interface/json/?switcher=GetSearchResults",
        "GetFormats":
            "https://bmlt.example.org/main_server/client_interface/json/?switcher=GetFormats",
        "GetServiceBodies":
            "https://bmlt.example.org/main_server/client_interface/json/?switcher=GetServiceBodies",
    }


def test_search_parameters_given_with_the_address_narrow_the_meetings_asked_for():
    pasted = ("https://bmlt.example.org/main_server/client_interface/json/"
              "?switcher=GetSearchResults&services=12&recursive=1")
    urls = server_urls(pasted)
    assert urls["GetSearchResults"].endswith("?switcher=GetSearchResults&services=12&recursive=1")
    assert urls["GetFormats"].endswith("/main_server/client_interface/json/?switcher=GetFormats")


def test_importing_from_the_server_asks_its_three_switchers(bmlt_server):
    address, asked = bmlt_server
    output = run(f"{address}?services=2&recursive=1", "--timezone", "America/New_York")
    assert "5 created" in output
    switchers = sorted(query["switcher"][0] for _, query in asked)
    assert switchers == ["GetFormats", "GetSearchResults", "GetServiceBodies"]
    search = next(query for _, query in asked if query["switcher"] == ["GetSearchResults"])
    assert search["services"] == ["2"] and search["recursive"] == ["1"]


def test_a_server_that_does_not_answer_changes_nothing_and_says_which_address(bmlt_server):
    address, _ = bmlt_server
    with pytest.raises(CommandError, match="404"):
        run(address.replace("/main_server/", "/elsewhere/"))
    assert not Meeting.objects.exists()


# --- A registered source ---------------------------------------------------------------------

def test_a_bmlt_source_refreshes_on_the_beat_like_any_other(bmlt_server):
    address, _ = bmlt_server
    source = FeedSourceFactory(location=address, format=FeedFormat.BMLT, fellowship="na")
    result = refresh_source.delay(source.pk).result
    assert result["created"] == 5 and result["skipped"] == 4
    source.refresh_from_db()
    assert source.last_run_ok is True
    assert "published: 0" in source.last_run_report
    assert Meeting.objects.filter(source=source, fellowship="na").count() == 5


def test_a_bmlt_source_preview_says_what_an_import_would_do(server_file):
    source = FeedSourceFactory(location=str(server_file), format=FeedFormat.BMLT)
    summary = preview_source(source)
    assert summary.created == 5 and not Meeting.objects.exists()


def test_a_bmlt_source_that_fails_is_recorded_with_its_reason(tmp_path):
    source = FeedSourceFactory(location=str(tmp_path / "gone.json"), format=FeedFormat.BMLT)
    with pytest.raises(Exception, match="Could not read"):
        import_source(source)
    source.refresh_from_db()
    assert source.last_run_ok is False and "Could not read" in source.last_run_report


def test_another_server_numbering_its_meetings_alike_is_a_source_of_its_own(server_file):
    run(str(SERVER), "--timezone", "America/New_York", "--source-name", "Philadelphia")
    data = json.loads(server_file.read_text())
    for meeting in data["GetSearchResults"]:
        meeting["meeting_name"] = f"Erie {meeting['meeting_name']}"
    server_file.write_text(json.dumps(data))
    assert "5 created" in run(str(server_file), "--timezone", "America/New_York",
                              "--source-name", "Erie")
    assert FeedSource.objects.count() == 2 and Meeting.objects.count() == 10


def test_the_same_server_registered_again_is_refused_as_a_twin(server_file):
    run(str(SERVER), "--timezone", "America/New_York", "--source-name", "Philadelphia")
    with pytest.raises(CommandError, match="already listed from the source 'Philadelphia'"):
        run(str(server_file), "--timezone", "America/New_York", "--source-name", "Again")


def test_an_aggregators_meetings_are_told_apart_and_read_with_their_own_servers_formats(
        server_file):
    data = answers()
    meeting = {**data["GetSearchResults"][0], "root_server_id": "7"}
    other = {**meeting, "root_server_id": "8", "meeting_name": "Erie Hope",
             "format_shared_id_list": "17", "formats": "O"}
    formats = [{**entry, "server_id": "7"} for entry in data["GetFormats"]] + [
        {"key_string": "O", "name_string": "Women", "id": "17", "world_id": "W", "server_id": "8",
         "lang": "en", "description_string": "", "format_type_enum": "FC3"}]
    server_file.write_text(json.dumps({"GetSearchResults": [meeting, other],
                                       "GetFormats": formats}))
    run(str(server_file), "--timezone", "America/New_York")
    assert imported("7-101").source_types == ["OPEN", "CW", "WCHR"]
    assert imported("8-101").source_types == ["W"]


def test_a_pasted_semantic_api_address_is_taken_as_bmlt_without_saying_so(bmlt_server):
    address, _ = bmlt_server
    out = StringIO()
    call_command("import_meetings", f"{address}client_interface/json/?switcher=GetSearchResults",
                 "--timezone", "America/New_York", "--no-geocode", stdout=out)
    assert "5 created" in out.getvalue()
    assert FeedSource.objects.get().format == FeedFormat.BMLT


def test_the_meeting_guide_export_writes_bmlt_meetings_in_meeting_guides_codes(client):
    run(str(SERVER), "--timezone", "America/New_York")
    exported = client.get(reverse("api-meeting-guide-feed")).json()
    jsonschema.validate(exported, json.loads((DATA / "meeting-guide-feed.schema.json").read_text()))
    types = {record["slug"]: record["types"] for record in exported}
    assert types["monday-night-hope-101"] == ["O", "CW", "X"]
    # Children under supervision goes out as children welcome: the spec has no code for it.
    assert types["mothers-in-recovery-102"] == ["W", "C", "CW"]
    assert types["young-and-clean-online-104"] == ["Y", "GL"]
