"""Reading messy Meeting Guide records: what becomes a meeting, what is skipped and why."""
import json
from datetime import date, time

import pytest

from feeds.records import FeedError, parse_days, parse_records, parse_time, read_csv
from feeds.type_codes import code_set
from tests.factories import DATA


def parse(records, codes="aa", zone="America/New_York"):
    return parse_records(records, code_set=code_set(codes), default_timezone=zone)


def record(**fields):
    return {"name": "Group", "slug": "group", "day": 1, "time": "19:00",
            "formatted_address": "1 Main St, Pittsburgh, PA 15222, USA", **fields}


@pytest.mark.parametrize("text, expected", [
    ("19:30", time(19, 30)), ("7:30 PM", time(19, 30)), ("7:30pm", time(19, 30)),
    ("7 p.m.", time(19, 0)), ("12:00 AM", time(0, 0)), ("12:15 pm", time(12, 15)),
    ("07:05:00", time(7, 5)), ("noon", time(12, 0)), ("9:00 am", time(9, 0)),
])
def test_times_come_in_24_and_12_hour_forms(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "7:75 PM", "13 PM", "tea time", ""])
def test_a_time_that_is_no_time_is_refused_by_name(text):
    with pytest.raises(ValueError, match="time"):
        parse_time(text)


@pytest.mark.parametrize("stamp, checked", [
    ("2026-09-01 12:00:00", date(2026, 9, 1)), ("2026-09-01T23:59:59Z", date(2026, 9, 1)),
    ("2026-09-01", date(2026, 9, 1)), ("2026-9-1 7:05:00", date(2026, 9, 1)),
    ("2024-02-29 00:00:00", date(2024, 2, 29)),
    ("2026-02-30 12:00:00", None), ("2026-09-01 24:00:00", None), ("1 September", None), ("", None),
])
def test_a_records_updated_stamp_is_the_day_it_was_last_checked(stamp, checked):
    [meeting] = parse([record(updated=stamp)]).meetings
    assert meeting.updated == checked


def test_day_is_an_integer_a_numeric_string_a_list_or_a_name():
    assert parse_days(0) == [0]
    assert parse_days("6") == [6]
    assert parse_days([1, 3, 3, 5]) == [1, 3, 5]
    assert parse_days("Tuesday") == [2]


def test_a_day_list_becomes_one_meeting_per_day_with_stable_slugs():
    parsed = parse([record(day=[1, 3])])
    assert [(m.weekday, m.source_slug) for m in parsed.meetings] == [
        (1, "group-mon"), (3, "group-wed")]


def test_coordinates_as_strings_or_numbers():
    parsed = parse([record(latitude="40.44", longitude=-79.99)])
    assert (parsed.meetings[0].latitude, parsed.meetings[0].longitude) == (40.44, -79.99)


def test_zero_zero_coordinates_are_a_placeholder_not_a_place():
    assert parse([record(latitude=0, longitude=0)]).meetings[0].latitude is None


def test_missing_end_time_is_one_hour_later():
    assert parse([record(time="23:30")]).meetings[0].end_time == time(0, 30)


def test_missing_time_zone_is_the_sources():
    assert parse([record()], zone="America/Denver").meetings[0].timezone == "America/Denver"


def test_without_a_source_zone_the_coordinates_give_one():
    parsed = parse([record(latitude=41.88, longitude=-87.63)], zone="")
    assert parsed.meetings[0].timezone == "America/Chicago"


def test_no_zone_anywhere_is_reported():
    parsed = parse([record(formatted_address="", conference_url="https://zoom.us/j/1")], zone="")
    assert [(p.field, p.skipped) for p in parsed.problems] == [("timezone", True)]
    assert parsed.problems[0].reason == ("missing, and the source has no default time zone "
                                         "(give one with --timezone)")


def test_an_address_naming_no_city_is_reported_with_what_it_lacks():
    parsed = parse([record(formatted_address="Behind the old mill, by the river")], zone="")
    assert [(p.field, p.skipped) for p in parsed.problems] == [("timezone", True)]
    assert parsed.problems[0].reason == (
        "missing, the address names no city Village knows with its province, state or country, "
        "and the source has no default time zone (give one with --timezone)")


def test_address_from_its_parts_when_there_is_no_formatted_address():
    parsed = parse([{"name": "G", "slug": "g", "day": 1, "time": "19:00", "address": "200 Oak Ave",
                     "city": "Pittsburgh", "state": "PA", "postal_code": "15213", "country": "US"}])
    assert parsed.meetings[0].address == "200 Oak Ave, Pittsburgh, PA 15213, US"


def test_online_status_comes_from_the_conference_link_not_onl():
    online = parse([record(formatted_address="", conference_url="https://zoom.us/j/1")])
    onl_only = parse([record(types=["ONL"])])
    assert online.meetings[0].attendance == "online"
    assert onl_only.meetings[0].attendance == "in_person"


def test_an_address_and_a_link_is_hybrid_unless_the_location_is_temporarily_closed():
    hybrid = parse([record(conference_url="https://zoom.us/j/1")]).meetings[0]
    closed = parse([record(conference_url="https://zoom.us/j/1", types=["TC"])]).meetings[0]
    assert (hybrid.attendance, closed.attendance) == ("hybrid", "online")
    assert closed.location_approximate  # the address only says where it belongs now


def test_an_approximate_address_with_a_link_is_online():
    parsed = parse([record(formatted_address="Pittsburgh, PA, USA", approximate="yes",
                           conference_phone="+14125550100")])
    assert parsed.meetings[0].attendance == "online"


def test_types_map_to_children_focus_language_and_access():
    meeting = parse([record(types=["CF", "W", "S", "X"])]).meetings[0]
    assert meeting.children == "welcome"
    assert meeting.focus == ["spanish-speaking", "women"]
    assert meeting.languages == ["es"]
    assert meeting.wheelchair_accessible is True
    assert meeting.source_types == ["CF", "W", "S", "X"]


def test_empty_and_unknown_type_codes_are_tolerated_and_counted():
    parsed = parse([record(types=["O", "", None, "ZZZ"])])
    assert parsed.meetings[0].source_types == ["O", "ZZZ"]
    assert parsed.unknown_codes["ZZZ"] == 1
    assert parsed.problems == []


def test_the_broken_feed_keeps_its_good_meetings_and_names_every_bad_record():
    records = json.loads((DATA / "meeting-guide" / "broken.json").read_text())
    parsed = parse(records)
    assert [m.source_slug for m in parsed.meetings] == ["fine", "odd-fields"]
    skipped = {(p.record, p.field) for p in parsed.skipped}
    assert skipped == {
        (2, "slug"),               # no slug
        (3, "day"),                # 9
        (4, "time"),               # 25:99
        (5, "day"),                # by appointment
        (6, "timezone"),           # Mars/Olympus_Mons
        (7, "slug"),               # the same slug as record 1
        (8, "record"),             # a string, not an object
        (9, "formatted_address"),  # neither an address nor a link
        (10, "types"),             # TC without a link
        (12, "name"),
    }
    warned = {(p.record, p.field) for p in parsed.warnings}
    assert warned == {(11, "end_time"), (11, "latitude"), (11, "conference_url")}


def test_a_problem_says_which_record_which_field_and_why():
    parsed = parse([record(), record(slug="late", time="25:99")])
    assert str(parsed.problems[0]) == (
        "record 2 (slug 'late'): time: '25:99' is not a time of day such as 19:30 or 7:30 PM")


def test_a_broken_record_still_counts_as_seen_so_it_is_not_archived():
    parsed = parse([record(slug="still-here", time="whenever")])
    assert parsed.meetings == []
    assert "still-here" in parsed.seen_slugs


def test_a_feed_that_is_not_a_list_is_refused_whole():
    with pytest.raises(FeedError, match="list"):
        parse({"error": "down"})


def test_spreadsheet_rows_use_the_specs_column_names():
    records = read_csv((DATA / "csv" / "meetings.csv").read_text())
    parsed = parse(records)
    first, second = parsed.meetings
    assert (first.source_slug, first.weekday, first.start_time) == ("sheet-1", 2, time(19, 0))
    assert first.source_types == ["O", "ST", "CF"]
    assert first.children == "welcome"
    assert first.address == "300 Grant St, Pittsburgh, PA 15219, US"
    assert (second.attendance, second.conference_url) == ("online", "https://zoom.us/j/999")
    assert [(p.record, p.field) for p in parsed.skipped] == [(3, "day")]


def test_a_spreadsheet_without_the_needed_columns_is_refused_naming_them():
    with pytest.raises(FeedError, match="day, time"):
        read_csv("ID,Name\nx,Group\n")


def test_the_groups_own_email_phone_and_website_are_read_as_its_contact():
    meeting = parse([record(email="serenity@example.org", phone="+1 412 555 0100",
                            website="https://serenity.example.org")]).meetings[0]
    assert (meeting.contact_email, meeting.contact_phone, meeting.contact_website) == (
        "serenity@example.org", "+1 412 555 0100", "https://serenity.example.org")


def test_a_contact_that_is_no_email_or_link_is_left_out_with_a_warning():
    parsed = parse([record(email="call Jo", website="javascript:alert(1)")])
    meeting = parsed.meetings[0]
    assert (meeting.contact_email, meeting.contact_website) == ("", "")
    assert {(p.field, p.skipped) for p in parsed.warnings} == {("email", False), ("website", False)}
