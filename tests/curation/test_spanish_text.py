"""Curation in Spanish: the emails, the forms' problems, the rate limit, the API's messages and
the moderator's messages read in Spanish for a Spanish reader.

They read the Spanish from the catalogue (locale/es).
"""
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from curation.forms import ClosureRequestForm, NewMeetingForm
from curation.models import Submission, SubmissionKind, SubmissionStatus
from curation.submissions import approve, reject
from tests.factories import (
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
    new_meeting_data,
)
from tests.pages import spanish

pytestmark = pytest.mark.django_db


def test_the_receipt_of_a_spanish_suggestion_is_in_spanish(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="sam@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(spanish("submission-new"), new_meeting_data()).status_code == 302
    (message,) = mail.outbox
    assert message.subject == "[Village] Recibimos tu sugerencia de una reunión nueva"


def test_a_receipt_sent_later_by_a_worker_is_still_in_spanish():
    from curation import notifications

    SubmissionFactory(language="es", kind=SubmissionKind.NEW_MEETING, confirmed=True)
    assert notifications.send_due() == 1
    assert mail.outbox[0].subject == "[Village] Recibimos tu sugerencia de una reunión nueva"


def test_the_approval_is_in_the_submitters_language_not_the_moderators(
        django_capture_on_commit_callbacks):
    spanish_one = SubmissionFactory(language="es")
    english_one = SubmissionFactory()
    moderator = ModeratorFactory()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        approve(spanish_one.pk, moderator)
        approve(english_one.pk, moderator)
    assert [message.subject for message in mail.outbox] == [
        "[Village] Tu sugerencia de una reunión nueva fue aprobada",
        "[Village] Your new meeting request was approved",
    ]


def test_a_rejection_is_in_the_submitters_language(django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    submission = SubmissionFactory(language="es", kind=SubmissionKind.CLOSURE, meeting=meeting,
                                   proposed={})
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        reject(submission.pk, ModeratorFactory(), "Todavía se reúne; llamamos al grupo.")
    assert Submission.objects.get().status == SubmissionStatus.REJECTED
    (message,) = mail.outbox
    assert message.subject == "[Village] Tu aviso de reunión cerrada no fue aprobado"
    assert "llamamos al grupo" in message.body


def test_a_spanish_page_tells_the_forms_problems_in_spanish(client):
    response = client.post(spanish("submission-new"), new_meeting_data(
        attendance="online", address="", location_name="", conference_url="http://zoom.us/j/1",
        timezone="Mars/Olympus"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert ("Escribe un enlace seguro que empiece con https://, como https://zoom.us/j/123456789."
            in errors["conference_url"])
    assert errors["timezone"] == ["'Mars/Olympus' no es una zona horaria como America/New_York."]
    page = response.content.decode()
    assert "Escribe un enlace seguro que empiece con https://" in page
    assert "Enlace de la reunión en línea" in page


def test_the_forms_speak_spanish():
    with translation.override("es"):
        form = ClosureRequestForm({"message": "Cerró.", "website": "http://spam.example"})
        assert form.errors["website"] == ["Este campo debe quedar vacío; tu solicitud no se envió."]
        assert form["first_name"].label == "Tu nombre (opcional)"
        assert str(form["message"].help_text).startswith("Por ejemplo:")
        assert [str(legend) for legend, _fields in NewMeetingForm().fieldsets()][0] == "La reunión"
        assert dict(SubmissionKind.choices)["new"] == "Reunión nueva"


def test_the_rate_limit_is_explained_in_spanish(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    assert client.post(spanish("submission-new"), new_meeting_data()).status_code == 302
    response = client.post(spanish("submission-new"), new_meeting_data())
    assert response.status_code == 429
    # The wait in Django's own Spanish; the sentence around it is the catalogue's.
    # The wait is rounded up to the minute: an hour, or an hour and a minute.
    assert re.search("Puedes enviarla dentro de 1\xa0hora(, 1\xa0minuto)?: lo que escribiste sigue abajo "
                     "y no se guardó nada.", response.content.decode())


def test_the_api_answers_in_the_language_asked_for(client, settings):
    response = client.post(reverse("api-submissions"), {"kind": "poem"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert response.json() == {"kind": ["Indica kind: uno de new, change, closure."]}

    settings.VILLAGE_SUBMISSION_RATE = "1/h"
    for _ in range(2):
        response = client.post(reverse("api-submissions"), {"kind": "new", **new_meeting_data()},
                               content_type="application/json", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 429
    assert re.fullmatch("Demasiadas solicitudes desde este cliente; vuelve a intentarlo dentro de "
                        "1\xa0hora(, 1\xa0minuto)?.", response.json()["detail"])


def test_the_moderators_messages_are_in_spanish(client):
    first, second = SubmissionFactory(), SubmissionFactory()
    client.force_login(ModeratorFactory())
    response = client.post(spanish("moderation-queue"),
                           {"submissions": [first.pk, second.pk], "action": "approve"}, follow=True)
    assert "Se aprobaron 2 solicitudes." in [str(message) for message in response.context["messages"]]
