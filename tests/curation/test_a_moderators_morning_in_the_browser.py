"""A moderator's morning in headless Chromium: 60 waiting over two pages; select all on the first
and reject them as spam with no email sent and their contacts gone; approve a change request
from its summary; preview and undo a single middle change of a meeting; preview an import of a
changed feed, run it, resolve its conflict from /moderate/ and see "last verified" unchanged."""
from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from curation.models import Submission, SubmissionStatus
from feeds.models import ImportConflict
from meetings.models import Meeting
from tests.curation.test_history_revert_and_undo import changed_three_times
from tests.curation.test_moderation import change_of
from tests.factories import MeetingFactory, ModeratorFactory, SubmissionFactory
from tests.feeds.test_feed_sources_in_the_browser import a_source_with_a_changed_feed

pytestmark = pytest.mark.browser


def waiting_spam(count):
    """Suggestions sent over the night by a spammer who typed strangers' addresses."""
    now = timezone.now()
    for number in range(count):
        spam = SubmissionFactory(first_name="Win", email=f"stranger{number}@example.org",
                                 proposed={**SubmissionFactory.proposed.function(),
                                           "name": f"Cheap pills {number}"})
        Submission.objects.filter(pk=spam.pk).update(created=now - timedelta(hours=10, minutes=-number))


def test_a_moderators_morning(page, log_in, tmp_path):
    waiting_spam(59)
    evening = MeetingFactory(name="Evening Serenity", start_time=time(19), end_time=time(20),
                             children="unknown")
    change = change_of(evening, start_time="19:30", end_time="20:30", children="childcare")
    change.first_name, change.email = "Dana", "dana@example.org"
    change.save()
    family = changed_three_times("Family Hope")
    source = a_source_with_a_changed_feed(tmp_path / "intergroup.json")
    log_in(page, ModeratorFactory(first_name="Ana"))
    mail.outbox.clear()

    # Sixty waiting, over two pages; the first page is all spam.
    page.goto("/en/moderate/")
    assert page.locator("[data-kind=''] .queue-kinds__count").inner_text() == "60"
    assert page.get_by_role("link", name="Next").count() == 1
    assert page.locator("input[name=submissions]").count() == 50
    page.get_by_label("Select all on this page").check()
    page.get_by_role("button", name="Reject as spam").click()
    page.wait_for_url("**/moderate/")
    spam = Submission.objects.filter(proposed__name__startswith="Cheap pills")
    assert spam.filter(status=SubmissionStatus.REJECTED).count() == 50
    assert spam.filter(status=SubmissionStatus.REJECTED).exclude(email="").count() == 0
    assert mail.outbox == []

    # The change request reads as what it changes, and is approved from there.
    row = page.locator(f"[data-submission='{change.pk}']")
    summary = row.locator("[data-summary]").inner_text()
    assert "19:00 → 19:30" in summary and "Childcare" in summary
    row.get_by_role("link", name="Evening Serenity").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url("**/moderate/")
    evening.refresh_from_db()
    assert (evening.start_time, evening.children) == (time(19, 30), "childcare")
    assert [message.to for message in mail.outbox] == [["dana@example.org"]]

    # The middle of three changes, previewed and undone alone.
    page.goto(f"/en/meetings/{family.slug}/history/")
    page.locator("tr[data-field=start_time]").get_by_role("link", name="Undo this change").click()
    preview = page.locator("table.diff tr[data-field=start_time]")
    assert (preview.locator("del").inner_text(), preview.locator("ins").inner_text()) == ("19:00", "12:00")
    page.get_by_role("button", name="Undo this change").click()
    page.wait_for_url(f"**/meetings/{family.slug}/history/")
    family.refresh_from_db()
    assert (family.name, family.start_time) == ("Second", time(12))
    assert list(family.focus.values_list("slug", flat=True)) == ["fathers"]

    # The changed feed, previewed (nothing changes), then run.
    page.goto("/en/moderate/sources/")
    page.locator(f"[data-source='{source.pk}']").get_by_role("link", name="Preview").click()
    assert "New Dads Group" in page.locator("section.preview", has_text="Would be created").inner_text()
    assert not Meeting.objects.filter(source_slug="new-dads").exists()
    page.get_by_role("button", name="Run this import").click()
    page.wait_for_url("**/moderate/sources/")
    assert Meeting.objects.filter(source_slug="new-dads").exists()

    # Its conflict, resolved from the queue; "last verified" stays as it was.
    page.goto("/en/moderate/?kind=conflicts")
    conflict = ImportConflict.objects.get()
    row = page.locator(f"[data-conflict='{conflict.pk}']")
    assert "Start time" in row.inner_text()
    assert ("17:00", "19:15") == (row.locator("[data-value=ours]").inner_text(),
                                  row.locator("[data-value=feed]").inner_text().split("\n")[0])
    row.get_by_role("button", name="Take the feed's").click()
    page.wait_for_url("**/moderate/?kind=conflicts")
    sunday = Meeting.objects.get(source_slug="sunday-serenity")
    assert (sunday.start_time, sunday.last_verified) == (time(19, 15), date(2022, 5, 2))
    page.goto(sunday.get_absolute_url())
    assert "This listing was last checked on 2 May 2022." in page.locator("main").inner_text()
