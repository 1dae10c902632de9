"""The moderation queue as a moderator works through it: pages of 50 with counts by kind,
select all, a summary of what each submission asks, times in the moderator's zone, the
selection kept when something fails, and import conflicts resolved from the queue."""
from datetime import UTC, datetime, time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import CoachProfile
from curation.forms import BulkDecisionForm
from curation.models import Submission, SubmissionKind, SubmissionStatus
from feeds.models import ImportConflict
from tests.curation.test_moderation import change_of
from tests.factories import (
    FeedSourceFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.pages import soup

pytestmark = pytest.mark.django_db
QUEUE = reverse("moderation-queue")


@pytest.fixture
def moderator(client):
    person = ModeratorFactory()
    client.force_login(person)
    return person


def closure_of(meeting):
    return SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=meeting, proposed={})


def conflict_on(meeting, field="start_time", ours="12:00", feeds="19:15"):
    return ImportConflict.objects.create(meeting=meeting, source=FeedSourceFactory(), field=field,
                                         local_value=ours, feed_value=feeds)


def row_ids(response):
    return [row.submission.pk for row in response.context["page"]]


def ticked(response):
    return {int(box["value"]) for box in soup(response).select("input[name=submissions][checked]")}


def summary_of(response, submission):
    return soup(response).select_one(f"tr[data-submission='{submission.pk}'] [data-summary]").get_text(" ",
                                                                                                  strip=True)


# --- Pages and counts ------------------------------------------------------------------------

def test_the_queue_shows_fifty_a_page_and_its_page_links_keep_the_filters(client, moderator):
    waiting = SubmissionFactory.create_batch(53)

    first = client.get(QUEUE, {"kind": "new", "area": "Pittsburgh"})
    assert row_ids(first) == [submission.pk for submission in waiting[:50]]
    next_link = soup(first).select_one("a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"kind": ["new"], "area": ["Pittsburgh"], "page": ["2"]}

    second = client.get(QUEUE + next_link)
    assert row_ids(second) == [submission.pk for submission in waiting[50:]]
    assert "Page 2 of 2" in second.content.decode()
    assert row_ids(client.get(QUEUE, {"page": "many"})) == row_ids(first)


def test_the_counts_by_kind_each_link_to_their_kind(client, moderator):
    meeting = MeetingFactory()
    SubmissionFactory.create_batch(2)
    change_of(meeting, children="welcome")
    closure_of(meeting)
    conflict_on(meeting)

    response = client.get(QUEUE, {"area": "Pittsburgh"})

    tabs = {link["data-kind"]: (link.get_text(" ", strip=True), link["href"])
            for link in soup(response).select(".queue-kinds a")}
    assert tabs[""][0] == "All submissions 4"
    assert tabs["new"][0] == "New meetings 2"
    assert tabs["change"][0] == "Changes 1"
    assert tabs["closure"][0] == "Closures 1"
    assert tabs["conflicts"][0] == "Import conflicts 1"
    assert parse_qs(urlsplit(tabs["change"][1]).query) == {"kind": ["change"], "area": ["Pittsburgh"]}
    assert row_ids(client.get(QUEUE + tabs["change"][1])) == [Submission.objects.get(kind="change").pk]


def test_select_all_comes_from_a_script_file_and_starts_hidden(client, moderator):
    SubmissionFactory()

    page = soup(client.get(QUEUE))

    control = page.select_one("form[data-select-all-scope] [data-select-all-control]")
    assert control.has_attr("hidden")
    select_all = control.select_one("input[data-select-all]")
    assert page.select_one(f"label[for={select_all['id']}]").get_text() == "Select all on this page"
    scripts = page.find_all("script")
    assert all(script.get("src") and not script.string for script in scripts)
    assert any(script["src"].endswith("js/select-all.js") for script in scripts)


# --- What each row asks ----------------------------------------------------------------------

def test_a_change_request_row_says_what_it_changes(client, moderator):
    meeting = MeetingFactory(start_time=time(19, 0), end_time=time(20, 0), children="unknown")
    change = change_of(meeting, start_time="19:30", children="childcare")

    response = client.get(QUEUE)

    assert summary_of(response, change) == (
        "Start time 19:00 → 19:30; Children Not known → Childcare provided")


def test_a_change_of_focus_is_named_in_words_and_a_long_note_is_cut(client, moderator):
    meeting = MeetingFactory(focus=["mothers"], notes="")
    change = change_of(meeting, focus=["fathers", "mothers"], notes="Side door " * 20)

    summary = summary_of(client.get(QUEUE), change)

    assert "Focus Mothers → Fathers, Mothers" in summary
    assert "Notes — → Side door" in summary and len(summary) < 120


def test_new_meeting_and_closure_rows_say_what_they_ask(client, moderator):
    suggestion = SubmissionFactory()
    closure = closure_of(MeetingFactory())

    response = client.get(QUEUE)

    assert summary_of(response, suggestion) == "Moms in Recovery · Tuesday · 10:00 · Library"
    assert summary_of(response, closure) == "Reports that this meeting has closed."


def test_a_page_of_summaries_takes_the_same_queries_however_many_rows(client, moderator):
    def queries_for(count):
        for _n in range(count):
            change_of(MeetingFactory(focus=["mothers"]), focus=["fathers"], start_time="18:00")
            closure_of(MeetingFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE).status_code == 200
        return len(queries)

    few = queries_for(2)
    Submission.objects.all().delete()
    assert queries_for(12) == few


# --- Times in the moderator's zone ----------------------------------------------------------

def test_times_are_shown_in_the_moderators_zone_with_its_name(client, moderator):
    CoachProfile.objects.filter(user=moderator).update(timezone="America/Los_Angeles")
    submission = SubmissionFactory()
    Submission.objects.filter(pk=submission.pk).update(created=datetime(2026, 6, 1, 17, 0, tzinfo=UTC))

    page = soup(client.get(QUEUE))

    sent = page.select_one(f"tr[data-submission='{submission.pk}'] time")
    assert sent["datetime"] == "2026-06-01T10:00:00-07:00"
    assert "Sent (America/Los_Angeles)" in page.select_one("table.queue thead").get_text()
    assert page.select_one("[data-zone]").get_text(strip=True) == "Times are in America/Los_Angeles."


def test_a_moderator_with_no_zone_reads_the_sites(client, moderator, settings):
    CoachProfile.objects.filter(user=moderator).update(timezone="")
    submission = SubmissionFactory()
    Submission.objects.filter(pk=submission.pk).update(created=datetime(2026, 6, 1, 17, 0, tzinfo=UTC))

    page = soup(client.get(QUEUE))

    assert settings.TIME_ZONE == "UTC"
    assert page.select_one(f"tr[data-submission='{submission.pk}'] time")["datetime"] == (
        "2026-06-01T17:00:00+00:00")
    assert "Times are in UTC." in page.get_text()


# --- The selection survives what goes wrong ------------------------------------------------

def test_rejecting_without_a_reason_keeps_the_selection_and_says_why(client, moderator):
    first, second, _third = SubmissionFactory.create_batch(3)

    response = client.post(QUEUE, {"submissions": [first.pk, second.pk], "action": "reject"})

    assert response.status_code == 400
    assert ticked(response) == {first.pk, second.pk}
    assert "Reason: Give a reason for rejecting." in soup(response).select_one(".error-summary").get_text(
        " ", strip=True)
    assert Submission.objects.filter(status=SubmissionStatus.PENDING).count() == 3


def test_items_decided_meanwhile_are_each_named_and_the_rest_stay_ticked(client, moderator):
    waiting = SubmissionFactory()
    gone = [SubmissionFactory(status=SubmissionStatus.REJECTED),
            SubmissionFactory(status=SubmissionStatus.APPROVED)]

    response = client.post(QUEUE, {"submissions": [gone[0].pk, waiting.pk, gone[1].pk],
                                   "action": "approve"})

    assert response.status_code == 400
    problems = soup(response).select_one(".error-summary").get_text(" ", strip=True)
    for submission in gone:
        assert f"Submission {submission.pk} is no longer waiting for review: someone decided it" in problems
    assert ticked(response) == {waiting.pk}
    assert Submission.objects.get(pk=waiting.pk).is_pending


def test_submissions_that_fail_on_their_own_stay_ticked_and_named(client, moderator):
    broken = SubmissionFactory(proposed={**SubmissionFactory.build().proposed, "name": ""})
    fine = SubmissionFactory()

    response = client.post(QUEUE, {"submissions": [broken.pk, fine.pk], "action": "approve"})

    assert response.status_code == 200
    assert Submission.objects.get(pk=fine.pk).status == SubmissionStatus.APPROVED
    assert row_ids(response) == [broken.pk]
    assert ticked(response) == {broken.pk}
    page = soup(response)
    assert page.select_one(f"tr[data-submission='{broken.pk}'] .queue__problem") is not None
    said = page.select_one(".messages").get_text(" ", strip=True)
    assert "Approved 1 submission(s)." in said and f"Submission {broken.pk}:" in said


def test_the_bulk_form_offers_rejecting_as_spam_without_a_reason(client, moderator):
    submission = SubmissionFactory()

    buttons = {button["value"]: button.get_text(strip=True)
               for button in soup(client.get(QUEUE)).select("button[name=action]")}
    form = BulkDecisionForm({"submissions": [str(submission.pk)], "action": "spam"},
                            pending_ids=[submission.pk])

    assert buttons["spam"] == "Reject as spam"
    assert form.is_valid(), form.errors


# --- Import conflicts ------------------------------------------------------------------------

def test_import_conflicts_are_their_own_kind_with_both_values_side_by_side(client, moderator):
    meeting = MeetingFactory(name="Hope at Noon")
    conflict = conflict_on(meeting, field="start_time", ours="12:00", feeds="19:15")
    conflict_on(meeting, field="focus", ours=["mothers"], feeds=["fathers", "mothers"])
    conflict_on(MeetingFactory(), field="children", ours="unknown", feeds="welcome")
    resolved = conflict_on(MeetingFactory(name="Long Settled"))
    ImportConflict.objects.filter(pk=resolved.pk).update(resolved_at=datetime(2026, 1, 1, tzinfo=UTC),
                                                          resolution="kept_local")

    response = client.get(QUEUE, {"kind": "conflicts"})

    assert response.context["counts"]["conflicts"] == 3
    page = soup(response)
    row = page.select_one(f"tr[data-conflict='{conflict.pk}']")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert cells[:3] == ["Hope at Noon", "Start time", "12:00"]
    assert cells[3].startswith("19:15")
    assert row.select_one("a")["href"] == meeting.get_absolute_url()
    buttons = [button.get_text(strip=True) for button in row.select("button")]
    assert buttons == ["Keep ours", "Take the feed's"]
    assert row.select_one("form")["action"] == reverse("conflict-resolve", kwargs={"pk": conflict.pk})
    focus = page.find("td", string="Focus").parent
    assert "Fathers, Mothers" in focus.get_text()
    assert "Long Settled" not in page.get_text()


def test_taking_the_feeds_value_changes_the_meeting_and_closes_the_conflict(client, moderator):
    meeting = MeetingFactory(start_time=time(12, 0))
    conflict = conflict_on(meeting, field="start_time", ours="12:00", feeds="19:15")

    response = client.post(reverse("conflict-resolve", kwargs={"pk": conflict.pk}), {"choice": "feed"})

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?kind=conflicts"
    conflict.refresh_from_db()
    meeting.refresh_from_db()
    assert (conflict.resolution, meeting.start_time) == ("took_feed", time(19, 15))


def test_keeping_ours_leaves_the_meeting_as_it_is(client, moderator):
    meeting = MeetingFactory(start_time=time(12, 0))
    conflict = conflict_on(meeting, field="start_time", ours="12:00", feeds="19:15")

    client.post(reverse("conflict-resolve", kwargs={"pk": conflict.pk}), {"choice": "ours"})

    conflict.refresh_from_db()
    meeting.refresh_from_db()
    assert (conflict.resolution, meeting.start_time) == ("kept_local", time(12, 0))


def test_resolving_a_conflict_already_resolved_says_so(client, moderator):
    meeting = MeetingFactory(name="Hope at Noon", start_time=time(12, 0))
    conflict = conflict_on(meeting)
    url = reverse("conflict-resolve", kwargs={"pk": conflict.pk})
    client.post(url, {"choice": "ours"})

    response = client.post(url, {"choice": "feed"}, follow=True)

    assert response.status_code == 200
    assert ("The conflict over Start time of Hope at Noon was already resolved: kept the local value."
            in soup(response).select_one(".messages").get_text())
    meeting.refresh_from_db()
    assert meeting.start_time == time(12, 0)


def test_a_choice_that_is_neither_is_refused_naming_the_field(client, moderator):
    conflict = conflict_on(MeetingFactory())

    response = client.post(reverse("conflict-resolve", kwargs={"pk": conflict.pk}), {"choice": "both"})

    assert response.status_code == 400
    assert "Choice:" in soup(response).select_one(".error-summary").get_text()
    conflict.refresh_from_db()
    assert conflict.is_open


def test_resolving_a_conflict_that_does_not_exist_is_not_found(client, moderator):
    response = client.post(reverse("conflict-resolve", kwargs={"pk": 999999}), {"choice": "ours"})
    assert response.status_code == 404


# --- Who may ---------------------------------------------------------------------------------

def test_only_moderators_reach_the_queue_and_resolve_conflicts(client):
    conflict = conflict_on(MeetingFactory())
    resolve = reverse("conflict-resolve", kwargs={"pk": conflict.pk})

    assert client.get(QUEUE, {"kind": "conflicts"}).status_code == 302  # to log in
    assert client.post(resolve, {"choice": "feed"}).status_code == 302
    client.force_login(UserFactory())
    assert client.get(QUEUE, {"kind": "conflicts"}).status_code == 403
    assert client.post(resolve, {"choice": "feed"}).status_code == 403
    conflict.refresh_from_db()
    assert conflict.is_open


def test_a_suggestion_that_looks_like_a_listed_meeting_links_to_its_twin_in_the_queue(client, moderator):
    twin = MeetingFactory(name="Moms in Recovery", weekday=2, start_time=time(10, 15))
    MeetingFactory(name="Elsewhere", weekday=5)
    suggestion = SubmissionFactory()

    row = soup(client.get(reverse("moderation-queue"))).select_one(f"[data-submission='{suggestion.pk}']")

    assert row.select_one("[data-twin] a")["href"] == twin.get_absolute_url()
