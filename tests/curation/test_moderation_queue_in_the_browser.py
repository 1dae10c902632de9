"""The moderation queue in headless Chromium: 60 waiting over two pages, where "select all"
ticks every row of the page it is on and no other, and rejecting them keeps nothing ticked."""
import pytest

from curation.models import Submission, SubmissionStatus
from tests.factories import ModeratorFactory, SubmissionFactory

pytestmark = pytest.mark.browser


def test_select_all_ticks_every_row_on_the_page(page, log_in):
    SubmissionFactory.create_batch(60)
    log_in(page, ModeratorFactory())

    page.goto("/en/moderate/")
    rows = page.locator("input[name=submissions]")
    assert rows.count() == 50
    select_all = page.get_by_label("Select all on this page")
    select_all.check()
    assert all(box.is_checked() for box in rows.all())

    # One box cleared: "select all" is no longer ticked, and ticks them all again.
    rows.first.uncheck()
    assert not select_all.is_checked()
    assert page.evaluate("document.querySelector('[data-select-all]').indeterminate")
    select_all.check()
    assert all(box.is_checked() for box in rows.all())

    page.get_by_label("Reason (needed to reject)").fill("Duplicate of a listed meeting.")
    page.get_by_role("button", name="Reject selected").click()
    page.wait_for_url("**/moderate/")
    assert Submission.objects.filter(status=SubmissionStatus.REJECTED).count() == 50
    assert page.locator("input[name=submissions]").count() == 10
    assert not any(box.is_checked() for box in page.locator("input[name=submissions]").all())


def test_select_all_on_the_second_page_leaves_the_first_alone(page, log_in):
    SubmissionFactory.create_batch(60)
    log_in(page, ModeratorFactory())

    page.goto("/en/moderate/")
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**/moderate/?page=2")
    page.get_by_label("Select all on this page").check()
    boxes = page.locator("input[name=submissions]")
    assert boxes.count() == 10
    assert all(box.is_checked() for box in boxes.all())
