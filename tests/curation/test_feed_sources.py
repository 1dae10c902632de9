"""A moderator's feed sources on the site (/moderate/sources/): who may open and act on them,
each source's last run with the reason it failed, adding and editing with bad input refused
by field, previewing and refreshing, and deleting (asked first, meetings archived)."""
import json
import shutil
from datetime import time

import pytest
from django.urls import reverse

from feeds.importing import import_records, import_source
from feeds.models import FeedSource, ImportConflict
from feeds.records import FeedError
from meetings.models import Meeting, Status
from tests.factories import DATA, CoachFactory, FeedSourceFactory, ModeratorFactory, UserFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

FEED = DATA / "meeting-guide" / "intergroup.json"
SOURCE_DATA = {"name": "Erie AA", "location": "https://erie-aa.example.org/meetings.json",
               "format": "meeting-guide", "fellowship": "aa", "type_codes": "",
               "default_timezone": "America/New_York", "refresh_hours": "24", "active": "on"}


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "intergroup.json"
    shutil.copy(FEED, path)
    source = FeedSourceFactory(name="Pittsburgh AA", location=str(path))
    import_records(source, json.loads(FEED.read_text()), geocode=False)
    return source


@pytest.fixture
def moderator(client):
    person = ModeratorFactory()
    client.force_login(person)
    return person


def snapshot():
    return (list(FeedSource.objects.values_list("pk", "name", "location", "last_run_at")
                 .order_by("pk")),
            list(Meeting.objects.values_list("pk", "status", "name").order_by("pk")),
            Meeting.history.count(), ImportConflict.objects.count())


PEOPLE = {"anonymous": lambda: None, "parent": UserFactory, "coach": CoachFactory,
          "moderator": ModeratorFactory}
PAGES = {
    "the list": lambda s: reverse("feed-sources"),
    "the add form": lambda s: reverse("feed-source-add"),
    "the edit form": lambda s: reverse("feed-source-edit", args=[s.pk]),
    "a preview": lambda s: reverse("feed-source-preview", args=[s.pk]),
    "the delete question": lambda s: reverse("feed-source-delete", args=[s.pk]),
}
ACTIONS = {
    "add a source": (lambda s: reverse("feed-source-add"), SOURCE_DATA),
    "edit a source": (lambda s: reverse("feed-source-edit", args=[s.pk]),
                      {**SOURCE_DATA, "name": "Renamed"}),
    "refresh a source": (lambda s: reverse("feed-source-refresh", args=[s.pk]), {}),
    "delete a source": (lambda s: reverse("feed-source-delete", args=[s.pk]), {}),
}


def _as(client, role):
    person = PEOPLE[role]()
    if person is not None:
        client.force_login(person)
    return person


@pytest.mark.parametrize("role", list(PEOPLE))
@pytest.mark.parametrize("page", list(PAGES))
def test_only_moderators_open_the_feed_source_pages(client, source, role, page):
    person = _as(client, role)
    before = snapshot()
    response = client.get(PAGES[page](source))
    if role == "moderator":
        assert response.status_code == 200
    elif person is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    assert snapshot() == before  # a preview too changes nothing


@pytest.mark.parametrize("role", list(PEOPLE))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_only_moderators_act_on_feed_sources(client, source, role, action):
    person = _as(client, role)
    url, data = ACTIONS[action]
    before = snapshot()
    # The edit keeps the source's (server-registered) file; the rest as posted.
    payload = {**data, "location": source.location} if action == "edit a source" else data
    response = client.post(url(source), payload)
    if role == "moderator":
        assert response.status_code == 302 and response["Location"] == reverse("feed-sources")
        assert snapshot() != before
    else:
        assert response.status_code == (302 if person is None else 403)
        assert snapshot() == before


@pytest.mark.parametrize(("content", "reason"), [
    (None, "Could not read"),
    ("<!doctype html><p>Moved", "The feed is not JSON"),
    (json.dumps([{"title": "A blog post"}]), "None of the feed's 1 records"),
    ("/etc/passwd", "The feed is not JSON"),
], ids=["missing file", "not JSON", "not a feed", "/etc/passwd"])
def test_a_failed_run_shows_as_failed_with_its_reason(client, moderator, tmp_path, content,
                                                      reason):
    location = content if content == "/etc/passwd" else str(tmp_path / "feed.json")
    if content not in (None, "/etc/passwd"):
        (tmp_path / "feed.json").write_text(content)
    failing = FeedSourceFactory(name="Broken feed", location=location)
    with pytest.raises(FeedError):
        import_source(failing, geocode=False)

    row = soup(client.get(reverse("feed-sources"))).select_one(f"[data-source='{failing.pk}']")
    result = row.select_one("[data-run-result]").get_text(" ", strip=True)
    assert result.startswith("Failed")
    assert reason in result
    assert "created" not in result


def test_a_good_run_shows_its_counts_and_what_the_source_holds(client, moderator, source):
    row = soup(client.get(reverse("feed-sources"))).select_one(f"[data-source='{source.pk}']")
    text = row.get_text(" ", strip=True)
    assert "Pittsburgh AA" in text and "Meeting Guide JSON" in text
    assert "OK : 8 created, 0 updated" in text
    assert "8 meetings" in text


@pytest.mark.parametrize(("field", "value", "says"), [
    ("location", "/etc/passwd", "web address"),
    ("location", "ftp://example.org/feed.json", "web address"),
    ("name", "", "required"),
    ("default_timezone", "Eastern", "time zone"),
    ("refresh_hours", "-1", "greater than or equal to 0"),
])
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(client, moderator, source,
                                                                 field, value, says):
    before = snapshot()
    response = client.post(reverse("feed-source-add"), {**SOURCE_DATA, field: value})
    assert response.status_code == 400
    errors = soup(response).select_one(".error-summary").get_text(" ", strip=True)
    label = str(response.context["form"].fields[field].label)
    assert label in errors and says in errors
    assert snapshot() == before


def test_an_address_already_registered_is_refused_naming_the_source(client, moderator):
    FeedSourceFactory(name="Erie AA", location=SOURCE_DATA["location"])
    response = client.post(reverse("feed-source-add"), {**SOURCE_DATA, "name": "Again"})
    assert response.status_code == 400
    assert "already the source" in response.content.decode()


def test_files_are_taken_only_inside_the_feed_directory(client, moderator, settings, tmp_path):
    settings.VILLAGE_FEED_FILES_DIR = str(tmp_path)
    (tmp_path / "erie.json").write_text("[]")
    inside = client.post(reverse("feed-source-add"), {**SOURCE_DATA, "location": "erie.json"})
    assert inside.status_code == 302
    assert FeedSource.objects.get().location == str((tmp_path / "erie.json").resolve())
    outside = client.post(reverse("feed-source-add"), {**SOURCE_DATA, "name": "Escape",
                                                       "location": "../../etc/passwd"})
    assert outside.status_code == 400
    assert FeedSource.objects.count() == 1


def test_previewing_a_changed_feed_lists_each_outcome_and_changes_nothing(client, moderator,
                                                                           source):
    Meeting.objects.filter(source_slug="sunday-serenity").update(start_time=time(17))
    records = json.loads(FEED.read_text())
    records[0]["time"] = "19:15"
    records = [record for record in records if record["slug"] != "temporarily-online"]
    records.append({"name": "New Dads Group", "slug": "new-dads", "day": 3, "time": "18:00",
                    "conference_url": "https://zoom.us/j/123456"})
    with open(source.location, "w") as feed:
        json.dump(records, feed)
    before = snapshot()

    page = soup(client.get(reverse("feed-source-preview", args=[source.pk])))

    assert snapshot() == before
    lists = [section.get_text(" ", strip=True) for section in page.select("section.preview")]
    assert lists[0].startswith("Would be created (1)") and "New Dads Group" in lists[0]
    assert lists[1].startswith("Would be updated (0)")
    assert lists[2].startswith("Would be archived") and "Temporarily Online" in lists[2]
    assert "Start time: Village has 17:00, the feed says 19:15" in lists[3]


def test_a_preview_that_cannot_read_the_feed_says_why_and_records_no_run(client, moderator,
                                                                          source):
    FeedSource.objects.filter(pk=source.pk).update(location="/nonexistent/feed.json")
    before = snapshot()
    response = client.get(reverse("feed-source-preview", args=[source.pk]))
    assert response.status_code == 200
    assert "Could not read /nonexistent/feed.json" in soup(response).select_one(
        "[data-preview-failure]").get_text()
    assert snapshot() == before


def test_refresh_now_imports_and_the_list_shows_the_run(client, moderator, source):
    records = json.loads(FEED.read_text())
    records[0]["name"] = "Sunday Serenity Group"
    with open(source.location, "w") as feed:
        json.dump(records, feed)
    response = client.post(reverse("feed-source-refresh", args=[source.pk]), follow=True)
    assert "is being refreshed" in response.content.decode()
    assert Meeting.objects.filter(name="Sunday Serenity Group").exists()
    row = soup(response).select_one(f"[data-source='{source.pk}']").get_text(" ", strip=True)
    assert "1 updated" in row


def test_deleting_asks_first_saying_how_many_meetings_then_archives_them(client, moderator,
                                                                         source):
    question = soup(client.get(reverse("feed-source-delete", args=[source.pk])))
    assert "It holds 8 meetings, 8 of them listed now." in question.select_one(
        "[data-held]").get_text(" ", strip=True)
    assert FeedSource.objects.exists()

    response = client.post(reverse("feed-source-delete", args=[source.pk]), follow=True)

    assert "8 of its meetings archived" in response.content.decode()
    assert not FeedSource.objects.exists()
    assert set(Meeting.objects.values_list("status", flat=True)) == {Status.ARCHIVED}


@pytest.mark.parametrize(("method", "name"), [
    ("get", "feed-source-preview"), ("post", "feed-source-refresh"),
    ("get", "feed-source-edit"), ("post", "feed-source-edit"),
    ("get", "feed-source-delete"), ("post", "feed-source-delete"),
])
def test_a_source_deleted_meanwhile_is_a_404(client, moderator, source, method, name):
    url = reverse(name, args=[source.pk])
    FeedSource.objects.filter(pk=source.pk).delete()
    before = snapshot()
    response = getattr(client, method)(url, SOURCE_DATA if method == "post" else None)
    assert response.status_code == 404
    assert snapshot() == before
