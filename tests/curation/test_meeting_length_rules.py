"""A meeting's times are refused when they cannot be real: an end before the start that was
not said to cross midnight, or a meeting longer than six hours; the same on the coach's
edit page, in the moderator's "approve with edits", in the submissions API and in a feed."""
from datetime import time

import pytest
from django.urls import reverse

from curation.models import Submission, SubmissionStatus
from feeds.records import parse_records
from feeds.type_codes import code_set
from meetings.schedule import length_problem
from tests.factories import (
    CoachFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    change_data,
    new_meeting_data,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("start", "end", "crosses", "refused"), [
    (time(19), time(20), False, False),
    (time(23), time(0, 30), True, False),
    (time(23), time(0, 30), False, True),  # not said to cross midnight
    (time(23), time(0, 30), None, False),  # a feed: taken as the next day's
    (time(20), time(19), True, True),  # 23 hours
    (time(20), time(19), None, True),
    (time(9), time(15, 1), False, True),  # 6 h 1 min
    (time(9), time(15), False, False),
    (time(9), time(9), False, True),
])
def test_length_problem_refuses_ends_before_starts_and_meetings_over_six_hours(start, end, crosses,
                                                                                refused):
    assert (length_problem(start, end, crosses) is not None) is refused


def test_a_coach_saving_20_00_to_19_00_is_refused_on_the_end_time_and_nothing_changes(client):
    client.force_login(CoachFactory())
    meeting = MeetingFactory(start_time=time(20), end_time=time(21))

    response = client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}),
                           change_data(meeting, end_time="19:00"))

    assert response.status_code == 400
    assert "midnight" in response.context["form"].errors["end_time"][0]
    meeting.refresh_from_db()
    assert meeting.end_time == time(21)


def test_a_coach_saves_a_meeting_past_midnight_when_she_says_so(client):
    client.force_login(CoachFactory())
    meeting = MeetingFactory(start_time=time(23), end_time=time(23, 59))
    url = reverse("meeting-edit", kwargs={"slug": meeting.slug})

    assert client.post(url, change_data(meeting, end_time="00:30")).status_code == 400
    assert client.post(url, change_data(meeting, end_time="00:30",
                                        crosses_midnight="on")).status_code == 302

    meeting.refresh_from_db()
    assert (meeting.end_time, meeting.duration_minutes) == (time(0, 30), 90)
    # The edit page of such a meeting has the box ticked already.
    assert client.get(url).context["form"]["crosses_midnight"].value() is True


def test_approve_with_edits_refuses_a_23_hour_meeting(client):
    client.force_login(ModeratorFactory())
    submission = SubmissionFactory()
    edited = {**submission.proposed, "start_time": "20:00", "end_time": "19:00",
              "crosses_midnight": "on", "wheelchair_accessible": "unknown"}

    response = client.post(reverse("submission-review", kwargs={"pk": submission.pk}),
                           {**{f"edit-{key}": value for key, value in edited.items()},
                            "action": "approve_edited"})

    assert response.status_code == 400
    assert "6 hours" in response.context["edit_form"].errors["end_time"][0]
    assert Submission.objects.get().status == SubmissionStatus.PENDING


def test_a_suggestion_past_midnight_can_be_approved_as_it_was_sent(client):
    client.force_login(ModeratorFactory())
    client.post("/api/v1/submissions/", {"kind": "new", **new_meeting_data(
        start_time="23:00", end_time="00:30", crosses_midnight=True)}, content_type="application/json")
    submission = Submission.objects.get()

    response = client.post(reverse("submission-review", kwargs={"pk": submission.pk}),
                           {"action": "approve"})

    assert response.status_code == 302
    assert Submission.objects.get().meeting.duration_minutes == 90


@pytest.mark.parametrize(("times", "status"), [
    ({"start_time": "20:00", "end_time": "19:00"}, 400),
    ({"start_time": "23:00", "end_time": "00:30"}, 400),
    ({"start_time": "23:00", "end_time": "00:30", "crosses_midnight": True}, 201),
])
def test_the_submissions_api_holds_the_same_rule(client, times, status):
    response = client.post("/api/v1/submissions/", {"kind": "new", **new_meeting_data(**times)},
                           content_type="application/json")

    assert response.status_code == status
    if status == 400:
        assert "end_time" in response.json()
        assert not Submission.objects.exists()


def test_a_feed_record_of_23_hours_is_skipped_with_its_reason():
    records = [{"name": "Typo", "slug": "typo", "day": 1, "time": "20:00", "end_time": "19:00",
                "formatted_address": "1 Main St, Pittsburgh, PA 15222, USA"},
               {"name": "Late", "slug": "late", "day": 1, "time": "23:00", "end_time": "00:30",
                "formatted_address": "1 Main St, Pittsburgh, PA 15222, USA"}]

    parsed = parse_records(records, code_set=code_set("aa"), default_timezone="America/New_York")

    assert [meeting.source_slug for meeting in parsed.meetings] == ["late"]
    (problem,) = parsed.skipped
    assert problem.field == "end_time" and "6 hours" in problem.reason
