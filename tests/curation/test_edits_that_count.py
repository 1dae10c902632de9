"""A coach's edit counts as a check; "Still meets as listed" never throws away what she
changed; a check records how it was made, with a note, and the listing says so."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curation.models import CheckMethod, ListingCheck
from meetings.history import meeting_history
from tests.factories import CoachFactory, MeetingFactory, change_data

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.localdate() - timedelta(days=400)


@pytest.fixture
def coach(client):
    person = CoachFactory()
    client.force_login(person)
    return person


def edit(client, meeting, **fields):
    return client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}), fields)


def test_saving_an_edit_counts_as_a_check_by_whom_and_the_listing_says_so(client, coach):
    meeting = MeetingFactory(children="unknown", last_verified=LONG_AGO)

    assert edit(client, meeting, **change_data(meeting, children="childcare")).status_code == 302

    meeting.refresh_from_db()
    assert (meeting.children, meeting.last_verified) == ("childcare", timezone.localdate())
    check = ListingCheck.objects.get()
    assert (check.meeting, check.checked_by, check.how) == (meeting, coach, CheckMethod.EDITED)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Checked by a peer coach: Edited the listing" in page


def test_still_meets_on_a_changed_form_saves_the_changes(client, coach):
    meeting = MeetingFactory(children="unknown", last_verified=LONG_AGO)

    edit(client, meeting, **change_data(meeting, children="welcome"), still_meets="1")

    meeting.refresh_from_db()
    assert (meeting.children, meeting.last_verified) == ("welcome", timezone.localdate())
    assert ListingCheck.objects.get().how == CheckMethod.EDITED


def test_still_meets_on_an_unchanged_form_marks_it_verified(client, coach):
    meeting = MeetingFactory(last_verified=LONG_AGO)

    edit(client, meeting, **change_data(meeting), still_meets="1")

    meeting.refresh_from_db()
    assert meeting.last_verified == timezone.localdate()
    assert ListingCheck.objects.get().how == CheckMethod.CONFIRMED


def test_a_still_meets_with_a_bad_change_keeps_the_form_and_stores_nothing(client, coach):
    meeting = MeetingFactory(name="Kept", last_verified=LONG_AGO)

    response = edit(client, meeting, **change_data(meeting, name="", conference_url="ftp://x"),
                    still_meets="1")

    assert response.status_code == 400
    assert response.context["form"]["conference_url"].value() == "ftp://x"
    meeting.refresh_from_db()
    assert (meeting.name, meeting.last_verified) == ("Kept", LONG_AGO)
    assert not ListingCheck.objects.exists()


def test_verifying_records_how_with_a_note_and_the_history_shows_it(client, coach):
    meeting = MeetingFactory(last_verified=LONG_AGO)

    response = client.post(reverse("meeting-verify", kwargs={"slug": meeting.slug}),
                           {"how": "phone", "note": "Spoke to the secretary, Dana."})

    assert response.status_code == 302
    check = ListingCheck.objects.get()
    assert (check.how, check.note, check.checked_by) == ("phone", "Spoke to the secretary, Dana.", coach)
    assert meeting_history(meeting)[0].reason == "Verified (phone): still meets as listed"
    assert "Checked by a peer coach: Phone call" in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("fields", "named"), [
    ({"how": "carrier-pigeon"}, "how"),
    ({"how": "edited"}, "how"),  # only an edit itself is that
    ({"how": "visit", "note": "x" * 301}, "note"),
])
def test_a_bad_check_names_the_field_and_stores_nothing(client, coach, fields, named):
    meeting = MeetingFactory(last_verified=LONG_AGO)

    response = client.post(reverse("meeting-verify", kwargs={"slug": meeting.slug}), fields)

    assert response.status_code == 400
    assert named in response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.last_verified == LONG_AGO
    assert not ListingCheck.objects.exists()
