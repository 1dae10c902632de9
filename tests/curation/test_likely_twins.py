"""A suggestion that looks like a meeting already listed is shown to the moderator with a link
to its likely twin, and the queue can mark such rows in a few queries."""
from datetime import time

import pytest
from django.urls import reverse

from curation.duplicates import likely_twins_for_submissions
from meetings.schedule import Weekday
from tests.factories import PITTSBURGH, MeetingFactory, ModeratorFactory, SubmissionFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db


def suggestion(**proposed):
    # SubmissionFactory suggests "Moms in Recovery", Tuesdays 10:00, downtown.
    submission = SubmissionFactory()
    submission.proposed = {**submission.proposed, **proposed}
    submission.save()
    return submission


def test_the_review_page_links_to_the_likely_twin(client):
    twin = MeetingFactory(name="Mothers Recovering", weekday=Weekday.TUESDAY, start_time=time(10, 15),
                          latitude=PITTSBURGH[0], longitude=PITTSBURGH[1])
    submission = suggestion()
    client.force_login(ModeratorFactory())

    page = soup(client.get(reverse("submission-review", kwargs={"pk": submission.pk})))

    note = page.select_one("#likely-twins")
    assert "Looks like a meeting already listed" in note.get_text()
    assert [link["href"] for link in note.select("a")] == [twin.get_absolute_url()]
    assert note.select_one("a").get_text() == "Mothers Recovering"


def test_the_review_page_of_a_suggestion_unlike_any_meeting_says_nothing_of_twins(client):
    MeetingFactory(weekday=Weekday.WEDNESDAY, start_time=time(10))
    submission = suggestion()
    client.force_login(ModeratorFactory())

    page = soup(client.get(reverse("submission-review", kwargs={"pk": submission.pk})))

    assert page.select_one("#likely-twins") is None


def test_a_page_of_the_queue_gets_each_suggestions_twin_in_few_queries(django_assert_max_num_queries):
    by_name = MeetingFactory(name="Moms in Recovery", weekday=Weekday.TUESDAY, start_time=time(10),
                             latitude=40.5, longitude=-80.1)
    nearby = MeetingFactory(name="Evening Hope", weekday=Weekday.FRIDAY, start_time=time(19))
    first = suggestion()
    second = suggestion(name="Hope at Seven", weekday=5, start_time="19:20", end_time="20:20")
    unlike = suggestion(weekday=6)
    change = SubmissionFactory(kind="change", meeting=nearby, proposed={"name": "Evening Hope"})

    with django_assert_max_num_queries(4):  # Tuesday, Friday, Saturday, and the twins
        twins = likely_twins_for_submissions([first, second, unlike, change])

    assert twins == {first.pk: by_name, second.pk: nearby}
