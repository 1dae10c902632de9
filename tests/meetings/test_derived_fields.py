"""What the search reads instead of names and link tables stays true to them: a meeting's link
bits follow its focuses and languages however they change, and its zone number its zone."""
import copy
import json
from datetime import UTC, datetime, time

import pytest
from django.core.cache import cache

from feeds.importing import import_records
from meetings.models import ZONES_CACHE_KEY, Focus, Language, Meeting, Zone, link_bit
from meetings.schedule import DINNER_AND_BEDTIME, Availability, TimeWindow
from search.finder import MeetingSearch
from tests.factories import DATA, CriteriaFactory, FeedSourceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

FEED = DATA / "meeting-guide" / "intergroup.json"
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def bits_of(*slugs):
    return sum(link_bit(focus.pk) for focus in Focus.objects.filter(slug__in=slugs))


def language_bits_of(*codes):
    return sum(link_bit(language.pk) for language in Language.objects.filter(code__in=codes))


def fresh(meeting):
    return Meeting.objects.get(pk=meeting.pk)


def test_focus_bits_follow_links_changed_from_the_meeting():
    meeting = MeetingFactory(focus=["mothers"])
    assert fresh(meeting).focus_bits == bits_of("mothers")

    meeting.focus.add(Focus.objects.get(slug="lgbtq"))
    assert fresh(meeting).focus_bits == bits_of("mothers", "lgbtq")

    meeting.focus.remove(Focus.objects.get(slug="mothers"))
    assert fresh(meeting).focus_bits == bits_of("lgbtq")

    meeting.focus.clear()
    assert fresh(meeting).focus_bits == 0


def test_languages_bits_follow_links_set_on_the_meeting():
    meeting = MeetingFactory(languages=["es"])
    assert fresh(meeting).language_bits == language_bits_of("es")

    meeting.languages.set(Language.objects.filter(code__in=["en", "vi"]))

    assert fresh(meeting).language_bits == language_bits_of("en", "vi")


def test_deleting_a_focus_clears_its_bit():
    meeting = MeetingFactory(focus=["mothers", "fathers"])

    Focus.objects.get(slug="mothers").delete()

    assert fresh(meeting).focus_bits == bits_of("fathers")


def test_an_import_keeps_the_bits_of_the_meetings_it_creates_and_changes():
    source = FeedSourceFactory()
    records = json.loads(FEED.read_text())
    import_records(source, records, geocode=False)
    sunday = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    spanish = Meeting.objects.get(source=source, source_slug="4512")
    assert sunday.focus_bits == bits_of("women")
    assert spanish.language_bits == language_bits_of("es")

    changed = copy.deepcopy(records)
    for record in changed:
        if record["slug"] == "sunday-serenity":
            record["types"] = [code for code in record["types"] if code != "W"] + ["M"]
    import_records(source, changed, geocode=False)

    assert fresh(sunday).focus_bits == bits_of("men")


def test_a_focus_and_language_numbered_past_the_bits_still_rank_and_filter():
    focus = Focus.objects.create(pk=500, slug="night-shift-parents", name="Night-shift parents")
    language = Language.objects.create(pk=500, code="haw", name="Hawaiian")
    MeetingFactory(name="general")
    MeetingFactory(name="for night-shift parents", focus=["night-shift-parents"], languages=["haw"])
    assert link_bit(focus.pk) is None and link_bit(language.pk) is None

    ranked = MeetingSearch(CriteriaFactory(focus=(focus.slug,))).page().matches
    in_hawaiian = MeetingSearch(CriteriaFactory(language="haw")).page().matches

    assert [match.meeting.name for match in ranked] == ["for night-shift parents", "general"]
    assert [match.meeting.name for match in in_hawaiian] == ["for night-shift parents"]
    assert [focus.slug for focus in ranked[0].focus] == ["night-shift-parents"]
    assert "For Night-shift parents" in ranked[0].reasons
    assert "In Hawaiian" in in_hawaiian[0].reasons


def test_a_meeting_keeps_the_number_of_its_zone():
    meeting = MeetingFactory(timezone="America/New_York")
    assert meeting.zone == Zone.objects.get(name="America/New_York")

    meeting.timezone = "America/Boise"
    meeting.save()

    assert fresh(meeting).zone.name == "America/Boise"


def test_a_reimport_keeps_the_zone_of_a_meeting_moved_to_another_zone_here():
    source = FeedSourceFactory()
    records = json.loads(FEED.read_text())
    import_records(source, records, geocode=False)
    sunday = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    sunday.timezone = "America/Denver"  # a coach's correction, in a zone the feed never names
    sunday.save()

    for record in records:
        if record["slug"] == "sunday-serenity":
            record["notes"] = "Now in the fellowship hall."
    import_records(source, records, geocode=False)

    sunday = fresh(sunday)
    assert (sunday.timezone, sunday.zone.name) == ("America/Denver", "America/Denver")
    assert sunday.notes == "Now in the fellowship hall."


def test_a_meeting_in_a_zone_new_to_the_site_is_found_at_once(django_capture_on_commit_callbacks):
    # Days and windows need each meeting's zone; 18:00 in Honolulu is 23:00 in New York.
    after_bedtime = CriteriaFactory(availability=Availability(avoid=(DINNER_AND_BEDTIME,)))
    MeetingFactory(name="eastern", timezone="America/New_York", online=True)
    assert len(MeetingSearch(after_bedtime, now=NOW).page().matches) == 1  # zones cached now

    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(name="hawaii", timezone="Pacific/Honolulu", online=True,
                       start_time=time(18))

    names = {match.meeting.name for match in MeetingSearch(after_bedtime, now=NOW).page().matches}
    assert names == {"eastern", "hawaii"}


@pytest.mark.parametrize("availability", [
    Availability(avoid=(DINNER_AND_BEDTIME,)),
    Availability(days=frozenset({0, 1, 2, 3, 4})),
    Availability(free=(TimeWindow.parse("00:00-12:00"), TimeWindow.parse("12:00-00:00"))),
])
def test_a_meeting_whose_clock_is_not_known_yet_is_left_out_when_the_parent_gives_times(availability):
    MeetingFactory(name="somewhere new", timezone="Pacific/Honolulu", start_time=time(10))
    cache.set(ZONES_CACHE_KEY, {})  # as just before the new zone's numbering is seen

    timed = MeetingSearch(CriteriaFactory(availability=availability), now=NOW).page().matches
    untimed = MeetingSearch(CriteriaFactory(), now=NOW).page().matches

    assert timed == [] and [match.meeting.name for match in untimed] == ["somewhere new"]
