"""A moderator previews and undoes a single middle change of a meeting with three changes, in
the browser: the other changes stay."""
from datetime import time

import pytest

from meetings.models import Meeting
from tests.curation.test_history_revert_and_undo import changed_three_times
from tests.factories import ModeratorFactory

pytestmark = pytest.mark.browser


def test_a_moderator_previews_and_undoes_a_middle_change_alone(page, log_in):
    meeting = changed_three_times()
    log_in(page, ModeratorFactory())

    page.goto(f"/en/meetings/{meeting.slug}/history/")
    page.locator("tr[data-field=start_time]").get_by_role("link", name="Undo this change").click()

    preview = page.locator("table.diff tr[data-field=start_time]")
    assert preview.locator("del").inner_text() == "19:00"
    assert preview.locator("ins").inner_text() == "12:00"
    assert Meeting.objects.get(pk=meeting.pk).start_time == time(19)  # the preview changed nothing
    page.get_by_role("button", name="Undo this change").click()

    page.wait_for_url(f"**/meetings/{meeting.slug}/history/")
    meeting.refresh_from_db()
    assert (meeting.name, meeting.start_time) == ("Second", time(12))
    assert list(meeting.focus.values_list("slug", flat=True)) == ["fathers"]
    assert page.locator(".history__entry").first.get_by_text("Undid the change of start time").count() == 1
