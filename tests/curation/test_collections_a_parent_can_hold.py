"""Collections a parent can hold in her hand: meetings ticked from search results, in the
coach's order, each with her note and the meetings' coach notes, on the page, in the
calendar (subscribed by webcal, so it stays current) and in a spreadsheet."""
import csv
import io

import pytest
from django.urls import reverse

from curation import collecting
from curation.models import CollectionItem
from tests.factories import (
    CoachFactory,
    CoachNoteFactory,
    CollectionFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db
SEARCH = "/en/?near=15222"


def page_names(client, collection):
    response = client.get(collection.get_absolute_url())
    return [item.meeting.name for item in response.context["items"]]


def test_a_coach_ticks_search_results_into_a_collection_offered_first_next_time(client):
    coach = CoachFactory()
    client.force_login(coach)
    CollectionFactory(owner=coach, name="Aaa other list")
    wanted = CollectionFactory(owner=coach, name="Zzz East End evenings")
    first, second = MeetingFactory(name="First"), MeetingFactory(name="Second")
    assert 'form="collect-form"' in client.get(SEARCH).content.decode()

    response = client.post(reverse("collection-add-many"), {
        "collection": wanted.token, "meetings": [first.slug, second.slug], "next": SEARCH})

    assert response.url == SEARCH
    assert page_names(client, wanted) == ["First", "Second"]
    picker = client.get(SEARCH).context["picker"]
    assert picker["collections"][0] == wanted


def test_a_parent_sees_no_collection_boxes_and_gets_no_cookie(client):
    MeetingFactory()
    response = client.get(SEARCH)
    assert 'form="collect-form"' not in response.content.decode()
    assert not response.cookies


@pytest.mark.parametrize(("fields", "named"), [
    ({"meetings": []}, "meetings"),
    ({"meetings": ["no-such-meeting"]}, "meetings"),
    ({"collection": "nope"}, "collection"),
])
def test_adding_bad_ticks_names_the_field_and_stores_nothing(client, fields, named):
    coach = CoachFactory()
    client.force_login(coach)
    collection = CollectionFactory(owner=coach)
    meeting = MeetingFactory()

    response = client.post(reverse("collection-add-many"), {
        "collection": collection.token, "meetings": [meeting.slug], **fields})

    assert response.status_code == 400
    assert named in response.context["form"].errors
    assert not CollectionItem.objects.exists()


def test_a_coach_cannot_tick_meetings_into_another_coachs_collection(client):
    client.force_login(CoachFactory())
    theirs = CollectionFactory()
    response = client.post(reverse("collection-add-many"), {
        "collection": theirs.token, "meetings": [MeetingFactory().slug]})
    assert response.status_code == 403
    assert not CollectionItem.objects.exists()


def test_the_coach_reorders_her_collection(client):
    coach = CoachFactory()
    client.force_login(coach)
    collection = CollectionFactory(owner=coach)
    a, b, c = (MeetingFactory(name=name) for name in "ABC")
    collecting.add_meetings(collection, [a, b, c])

    client.post(reverse("collection-move", kwargs={"token": collection.token, "slug": c.slug,
                                                   "direction": "up"}))
    client.post(reverse("collection-move", kwargs={"token": collection.token, "slug": a.slug,
                                                   "direction": "up"}))  # already first

    assert page_names(client, collection) == ["A", "C", "B"]


def test_notes_show_on_the_page_in_the_detailed_calendar_and_the_spreadsheet(client):
    coach = CoachFactory()
    client.force_login(coach)
    collection = CollectionFactory(owner=coach)
    meeting = MeetingFactory(name="Hope")
    CoachNoteFactory(meeting=meeting, text="Childcare room is downstairs.")
    collecting.add_meeting(collection, meeting)

    client.post(reverse("collection-note", kwargs={"token": collection.token, "slug": meeting.slug}),
                {"note": "Ask for Maria at the door."})

    client.logout()
    page = client.get(collection.get_absolute_url()).content.decode()
    assert "Ask for Maria at the door." in page and "Childcare room is downstairs." in page
    calendar_url = reverse("collection-calendar", kwargs={"token": collection.token})
    detailed = client.get(calendar_url, {"details": "1"}).content.decode().replace("\r\n ", "")
    assert "Ask for Maria at the door." in detailed
    assert "Ask for Maria" not in client.get(calendar_url).content.decode()  # neutral by default
    rows = list(csv.reader(io.StringIO(client.get(
        reverse("collection-csv", kwargs={"token": collection.token})).content.decode())))
    assert rows[0][0] == "name" and rows[1][0] == "Hope"
    assert rows[1][-2] == "Ask for Maria at the door. / Childcare room is downstairs."


def test_a_note_over_its_limit_is_refused_and_the_old_one_kept(client):
    coach = CoachFactory()
    client.force_login(coach)
    collection = CollectionFactory(owner=coach)
    meeting = MeetingFactory()
    collecting.add_meeting(collection, meeting)
    collecting.set_note(collection, meeting, "Kept")

    response = client.post(reverse("collection-note", kwargs={"token": collection.token,
                                                              "slug": meeting.slug}), {"note": "x" * 301})

    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    assert CollectionItem.objects.get().note == "Kept"


def test_strangers_cannot_reorder_or_note_a_collection(client):
    collection = CollectionFactory()
    meeting = MeetingFactory()
    collecting.add_meeting(collection, meeting)
    client.force_login(CoachFactory())
    kwargs = {"token": collection.token, "slug": meeting.slug}
    assert client.post(reverse("collection-note", kwargs=kwargs), {"note": "x"}).status_code == 403
    assert client.post(reverse("collection-move", kwargs={**kwargs, "direction": "up"})).status_code == 403
    assert CollectionItem.objects.get().note == ""


def test_the_calendar_link_subscribes_by_webcal_and_follows_changes(client):
    collection = CollectionFactory()
    collecting.add_meeting(collection, MeetingFactory(name="First"))
    page = client.get(collection.get_absolute_url()).content.decode()
    calendar_path = reverse("collection-calendar", kwargs={"token": collection.token})
    assert f'href="webcal://testserver{calendar_path}"' in page

    collecting.add_meeting(collection, MeetingFactory(name="Added later"))

    assert client.get(calendar_path).content.decode().count("BEGIN:VEVENT") == 2


def test_a_private_collections_spreadsheet_is_not_found_by_a_stranger(client):
    collection = CollectionFactory(visibility="private")
    assert client.get(reverse("collection-csv", kwargs={"token": collection.token})).status_code == 404


def test_the_flyer_says_a_shared_time_zone_once_and_each_zone_when_they_differ(client):
    collection = CollectionFactory()
    collecting.add_meeting(collection, MeetingFactory(name="East", timezone="America/New_York"))
    page = client.get(reverse("collection-flyer", kwargs={"token": collection.token}))
    assert page.context["flyer"].shared_zone == "America/New_York"
    assert "All times are New York time." in page.content.decode()

    collecting.add_meeting(collection, MeetingFactory(name="West", timezone="America/Los_Angeles",
                                                      online=True))
    page = client.get(reverse("collection-flyer", kwargs={"token": collection.token})).content.decode()
    assert "All times are" not in page and "(Los Angeles time)" in page


def test_a_private_collection_has_no_flyer(client):
    collection = CollectionFactory(visibility="private")
    client.force_login(collection.owner)
    assert client.get(reverse("collection-flyer", kwargs={"token": collection.token})).status_code == 404


def test_a_collection_exports_as_a_meeting_guide_feed_in_its_order(client):
    collection = CollectionFactory()
    later, earlier = MeetingFactory(name="Later"), MeetingFactory(name="Earlier")
    collecting.add_meetings(collection, [earlier, later])
    hidden = MeetingFactory(name="Pending", status="pending")
    collecting.add_meeting(collection, hidden)

    response = client.get(reverse("collection-feed", kwargs={"token": collection.token}))

    assert response["Content-Type"] == "application/json"
    records = response.json()
    assert [record["name"] for record in records] == ["Earlier", "Later"]
    assert {"slug", "day", "time", "types", "url"} <= set(records[0])
    assert client.get(reverse("collection-feed", kwargs={
        "token": CollectionFactory(visibility="private").token})).status_code == 404


def test_the_spreadsheet_never_runs_a_typed_formula(client):
    collection = CollectionFactory()
    collecting.add_meeting(collection, MeetingFactory(name='=HYPERLINK("https://evil.example")'))
    rows = list(csv.reader(io.StringIO(client.get(
        reverse("collection-csv", kwargs={"token": collection.token})).content.decode())))
    assert rows[1][0] == "'=HYPERLINK(\"https://evil.example\")"


def test_a_move_that_is_neither_up_nor_down_is_not_found(client):
    coach = CoachFactory()
    client.force_login(coach)
    collection = CollectionFactory(owner=coach)
    meeting = MeetingFactory()
    collecting.add_meeting(collection, meeting)
    response = client.post(reverse("collection-move", kwargs={
        "token": collection.token, "slug": meeting.slug, "direction": "sideways"}))
    assert response.status_code == 404
