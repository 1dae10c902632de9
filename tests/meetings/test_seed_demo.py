"""Demo data: realistic, deterministic meetings and the seed_demo command that loads them."""
from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command
from geopy.distance import distance

from meetings import demo
from meetings.models import Attendance, ChildrenPolicy, Fellowship, Meeting, Philosophy
from tests.factories import MeetingFactory

TODAY = date(2026, 5, 4)
COUNT = 200


def build(count=COUNT, seed=demo.DEFAULT_SEED):
    return [item.meeting for item in demo.build_meetings(count, seed=seed, today=TODAY)]


def schedule_of(meetings):
    return [(m.slug, m.weekday, m.start_time, m.end_time, m.timezone) for m in meetings]


def test_the_same_seed_builds_the_same_meetings():
    assert schedule_of(build()) == schedule_of(build())


def test_another_seed_builds_other_meetings():
    assert schedule_of(build(seed=1)) != schedule_of(build(seed=2))


def test_a_longer_run_starts_with_the_meetings_of_a_shorter_one():
    assert schedule_of(build(50)) == schedule_of(build(COUNT)[:50])


def test_every_fellowship_children_policy_and_philosophy_appears():
    meetings = build()
    assert {m.fellowship for m in meetings} == set(Fellowship.values)
    assert {m.children for m in meetings} == set(ChildrenPolicy.values)
    assert {m.philosophy for m in meetings} == set(Philosophy.values)


def test_meetings_are_in_person_online_and_hybrid_across_at_least_three_zones():
    meetings = build()
    assert {m.attendance for m in meetings} == set(Attendance.values)
    assert len({m.timezone for m in meetings}) >= 3
    assert "America/Phoenix" in {m.timezone for m in meetings}


def test_online_meetings_have_a_link_and_no_place():
    online = [m for m in build() if m.attendance == Attendance.ONLINE]
    assert online
    for meeting in online:
        assert meeting.conference_url.startswith("https://zoom.us/j/")
        assert meeting.address == "" and meeting.latitude is None and meeting.longitude is None


def test_meetings_in_a_room_are_near_their_metro_with_a_full_address():
    centres = {metro.city: (metro.latitude, metro.longitude) for metro in demo.METROS}
    in_a_room = [m for m in build() if m.attendance != Attendance.ONLINE]
    assert in_a_room
    for meeting in in_a_room:
        city = next(city for city in centres if f", {city}, " in meeting.address)
        assert distance(centres[city], (meeting.latitude, meeting.longitude)).km < 30
        assert meeting.location_name
        assert meeting.address.split()[-1] in next(
            metro.zip_codes for metro in demo.METROS if metro.city == city)


def test_hybrid_meetings_have_both_a_room_and_a_link():
    hybrid = [m for m in build() if m.attendance == Attendance.HYBRID]
    assert hybrid
    assert all(m.address and m.conference_url for m in hybrid)


def test_slugs_are_unique_readable_and_mark_the_meeting_as_demo():
    meetings = build(2000)
    slugs = [m.slug for m in meetings]
    assert len(set(slugs)) == len(slugs)
    assert all(slug.startswith(demo.DEMO_SLUG_PREFIX) for slug in slugs)
    first = meetings[0]
    assert f"-{first.start_time:%H%M}" in first.slug


def test_many_meetings_fall_in_dinner_and_bedtime_and_a_few_cross_midnight():
    meetings = build(1000)
    crossing = [m for m in meetings if m.end_time < m.start_time]
    # Starts before 20:30 and is still on after 17:00 (the search's rule is tested in search).
    evening = [m for m in meetings
               if m.start_time < time(20, 30) and (m.end_time > time(17) or m in crossing)]
    assert len(evening) > len(meetings) / 3
    assert 0 < len(crossing) < len(meetings) / 20
    assert {m.start_time for m in meetings} >= {time(7, 0), time(12, 0), time(19, 0)}


def test_type_codes_agree_with_the_meeting():
    for item in demo.build_meetings(COUNT, today=TODAY):
        meeting, codes = item.meeting, item.meeting.source_types
        assert ("O" in codes) != ("C" in codes)
        assert ("BA" in codes) == (meeting.children == ChildrenPolicy.CHILDCARE)
        assert ("X" in codes) == bool(meeting.wheelchair_accessible)
        assert ("ONL" in codes) == (meeting.attendance != Attendance.IN_PERSON)
        assert ("S" in codes) == ("es" in item.language_codes)


def test_spanish_speaking_meetings_are_held_in_spanish():
    spanish = [item for item in demo.build_meetings(COUNT, today=TODAY)
               if "spanish-speaking" in item.focus_slugs]
    assert spanish
    assert all("es" in item.language_codes for item in spanish)


def test_verification_dates_range_from_recent_to_stale_and_unknown():
    dates = [m.last_verified for m in build()]
    known = [day for day in dates if day is not None]
    assert None in dates
    assert max(known) <= TODAY
    assert min(known) < date(2025, 11, 1)  # more than 180 days before TODAY


@pytest.mark.django_db
def test_generated_meetings_pass_model_validation():
    for meeting in build():
        meeting.full_clean()


@pytest.mark.django_db
def test_create_meetings_links_each_meeting_to_its_focus_and_languages():
    built = demo.build_meetings(120, today=TODAY)

    assert demo.create_meetings(120, today=TODAY, batch_size=50) == 120

    saved = {m.slug: m for m in Meeting.objects.prefetch_related("focus", "languages")}
    for item in built:
        meeting = saved[item.meeting.slug]
        assert {f.slug for f in meeting.focus.all()} == set(item.focus_slugs)
        assert {lang.code for lang in meeting.languages.all()} == set(item.language_codes)
    assert any(item.focus_slugs for item in built)


@pytest.mark.django_db
def test_seed_demo_creates_the_meetings_and_a_second_run_adds_none():
    first, second = StringIO(), StringIO()

    call_command("seed_demo", count=COUNT, stdout=first)
    call_command("seed_demo", count=COUNT, stdout=second)

    assert demo.demo_meetings().count() == COUNT
    assert f"Created {COUNT}" in first.getvalue()
    assert "already exist" in second.getvalue()


@pytest.mark.django_db
def test_seed_demo_replace_rebuilds_demo_meetings_and_keeps_real_ones():
    real = MeetingFactory()
    call_command("seed_demo", count=30, stdout=StringIO())

    call_command("seed_demo", count=20, seed=7, replace=True, stdout=StringIO())

    assert demo.demo_meetings().count() == 20
    assert Meeting.objects.filter(pk=real.pk).exists()
    # The old demo's history went with it; the new demo meetings have their first records.
    demo_history = Meeting.history.filter(slug__startswith=demo.DEMO_SLUG_PREFIX)
    assert sorted(demo_history.values_list("id", flat=True)) == sorted(
        demo.demo_meetings().values_list("pk", flat=True))
    assert set(demo_history.values_list("history_type", flat=True)) == {"+"}
