"""Text is text: names, notes, places and messages typed into any form are stored without
markup (a script's code dropped, a tag's words kept), and the pages escape them as before."""
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from core.text import plain_text
from curation.forms import (
    CheckForm,
    CoachNoteForm,
    CollectionForm,
    CollectionNoteForm,
    RejectForm,
)
from curation.models import CoachNote, Submission
from meetings.models import Meeting
from tests.factories import CoachFactory, MeetingFactory, ModeratorFactory, change_data, new_meeting_data

SCRIPTED = "<script>alert('xss')</script> Evil <b>bold</b> Group"


@pytest.mark.parametrize(("value", "text"), [
    (SCRIPTED, "Evil bold Group"),
    ("<style>p { color: red }</style>Moms <i>in</i> Recovery", "Moms in Recovery"),
    ("Tom &amp; Jerry's <!-- hidden --> group", "Tom & Jerry's group"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;Hidden in entities", "Hidden in entities"),
    ("a < b and 5 > 3", "a < b and 5 > 3"),
    ("Ages <3 welcome", "Ages <3 welcome"),
    ("First line<br>second line", "First line second line"),
    ('<a href="javascript:alert(1)" onclick="x()">St. Paul</a>', "St. Paul"),
    ("Plain words stay", "Plain words stay"),
])
def test_markup_is_taken_out_and_its_words_kept(value, text):
    assert plain_text(value) == text


def test_notes_keep_their_lines_and_markup_breaks_lines():
    assert plain_text("<p>Ring the bell.</p><p>Room 2<br/>upstairs</p>", multiline=True) == (
        "Ring the bell.\nRoom 2\nupstairs")
    assert plain_text("Ring the bell.\n\nRoom 2", multiline=True) == "Ring the bell.\n\nRoom 2"


@given(st.text(alphabet=st.sampled_from("<>/&;ab =\"'\nscriptlgt#x"), max_size=40))
def test_plain_text_is_plain_read_again(value):
    # Whatever came in, reading the stored text again takes nothing more out: no markup is left.
    once = plain_text(value)
    assert plain_text(once) == once


@pytest.mark.django_db
def test_a_suggestion_is_stored_as_plain_text(client):
    response = client.post(reverse("submission-new"), new_meeting_data(
        name=SCRIPTED, notes="<p>Childcare <b>downstairs</b></p><script>steal()</script>",
        location_name="<i>St. Paul's</i> hall", address="<b>200 Ross St</b>, Pittsburgh, PA 15219",
        message="I <marquee>go</marquee> every week.", first_name="<b>Sam</b>"))

    assert response.status_code == 302
    submission = Submission.objects.get()
    proposed = submission.proposed
    assert (proposed["name"], proposed["notes"], proposed["location_name"], proposed["address"]) == (
        "Evil bold Group", "Childcare downstairs", "St. Paul's hall", "200 Ross St, Pittsburgh, PA 15219")
    assert (submission.message, submission.first_name) == ("I go every week.", "Sam")


@pytest.mark.django_db
def test_a_name_that_is_only_markup_is_no_name(client):
    response = client.post(reverse("submission-new"), new_meeting_data(name="<script>x()</script><b></b>"))

    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_coachs_edit_is_stored_as_plain_text_and_slugged_from_it(client):
    client.force_login(CoachFactory())
    meeting = MeetingFactory()
    response = client.post(reverse("meeting-edit", args=[meeting.slug]), change_data(
        meeting, name=SCRIPTED, notes="Bring <em>coffee</em>", location_name="<u>Hall</u>"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.name, meeting.notes, meeting.location_name) == ("Evil bold Group", "Bring coffee", "Hall")
    # A new meeting's slug comes from its cleaned name.
    new = Meeting(name=meeting.name, weekday=3, start_time=meeting.start_time, timezone=meeting.timezone)
    assert new.unique_slug() == "evil-bold-group-wed-1200"


@pytest.mark.django_db
def test_a_coach_note_is_stored_as_plain_text(client):
    client.force_login(CoachFactory())
    meeting = MeetingFactory()
    response = client.post(reverse("coach-note-add", args=[meeting.slug]),
                           {"text": "Childcare room <b>downstairs</b><script>alert(1)</script>"})

    assert response.status_code == 302
    assert CoachNote.objects.get().text == "Childcare room downstairs"


@pytest.mark.parametrize(("form_class", "data", "cleaned"), [
    (CoachNoteForm, {"text": "<b>Arrive early</b>"}, {"text": "Arrive early"}),
    (CollectionForm, {"name": "<h1>Evenings</h1>", "description": "<p>Near</p><p>school</p>",
                      "visibility": "link"}, {"name": "Evenings", "description": "Near\nschool"}),
    (CollectionNoteForm, {"note": "Ask for <b>Maria</b>"}, {"note": "Ask for Maria"}),
    (CheckForm, {"how": "phone", "note": "<i>spoke</i> to the secretary"},
     {"note": "spoke to the secretary"}),
    (RejectForm, {"reason": "<script>x()</script>Not a meeting"}, {"reason": "Not a meeting"}),
])
@pytest.mark.django_db
def test_every_form_with_free_text_keeps_it_plain(form_class, data, cleaned):
    form = form_class(data)
    assert form.is_valid(), form.errors
    assert {name: form.cleaned_data[name] for name in cleaned} == cleaned


@pytest.mark.django_db
def test_text_that_looks_like_markup_is_still_shown_escaped(client):
    client.post(reverse("submission-new"), new_meeting_data(name="Parents a < b & c"))
    submission = Submission.objects.get()
    client.force_login(ModeratorFactory())

    page = client.get(reverse("submission-review", kwargs={"pk": submission.pk})).content.decode()

    assert submission.proposed["name"] == "Parents a < b & c"
    assert "Parents a &lt; b &amp; c" in page
