"""POST /api/v1/submissions/: suggest a meeting, or request a change to or closure of one,
from another app. Validated by the same forms as the pages; stored pending for moderators."""
from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings.api import FIELD_ERRORS, NOT_FOUND, DetailSerializer
from meetings.listing import as_form_data, current_listing
from meetings.models import Meeting

from . import allowance, submissions
from .forms import ChangeRequestForm, ClosureRequestForm, NewMeetingForm
from .listings import bind_listing_form
from .models import SubmissionKind

FORMS = {SubmissionKind.NEW_MEETING: NewMeetingForm, SubmissionKind.CHANGE: ChangeRequestForm,
         SubmissionKind.CLOSURE: ClosureRequestForm}


def as_form_values(form_class, body: dict) -> dict:
    """A JSON body as the forms read a posted one: a number, or true/false for a field that is
    not a yes/no, as its text (so that it is validated, not a 500). A list or object where one
    value is expected is refused, naming the field; focus and languages take lists."""
    values = {}
    for name, value in body.items():
        field = form_class.base_fields.get(name)
        if isinstance(value, (list, dict)) and name not in ("focus", "languages"):
            raise ValidationError({name: [_("Give one value, not a list.")]})
        if isinstance(value, (bool, int, float)) and not isinstance(field, forms.BooleanField):
            value = str(value)
        values[name] = value
    return values


class SubmissionRequestSerializer(serializers.Serializer):
    """Documentation of the request; the listing fields are those of a meeting in /meetings/."""

    kind = serializers.ChoiceField(choices=SubmissionKind.choices)
    meeting = serializers.SlugField(required=False, help_text="The meeting's slug, for change and closure.")
    message = serializers.CharField(required=False, max_length=1000)
    first_name = serializers.CharField(required=False, max_length=40,
                                       help_text="A first name or nickname; never a last name.")
    email = serializers.EmailField(
        required=False, help_text="Seen by moderators only; for the outcome, sent once a moderator "
                                  "judged the submission genuine (never for spam).")
    crosses_midnight = serializers.BooleanField(
        required=False, help_text="True when end_time is on the next day (23:00 to 00:30); an "
                                  "end before the start is refused without it, and a meeting "
                                  "longer than 6 hours always.")


class SubmissionReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()


class SubmissionCreateView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=SubmissionRequestSerializer,
        responses={201: SubmissionReceiptSerializer,
                   400: FIELD_ERRORS,
                   404: NOT_FOUND,
                   429: OpenApiResponse(DetailSerializer,
                                        description="Too many valid submissions from this client "
                                                    "in the sliding period of SUBMISSION_RATE; "
                                                    "Retry-After gives the seconds to wait.")},
        description="For a change, send only the fields that change; the others keep the "
                    "listing's current values.")
    def post(self, request):
        data = request.data
        if not hasattr(data, "get"):
            # A JSON list or number: DRF's own words, in the request's language.
            raise ValidationError({"non_field_errors": [
                serializers.Serializer.default_error_messages["invalid"].format(
                    datatype=type(data).__name__)]})
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in FORMS:
            # Translators: %(kinds)s lists the API's codes (new, change, closure), not words.
            raise ValidationError({"kind": [_("Give kind: one of %(kinds)s.")
                                            % {"kinds": ", ".join(SubmissionKind.values)}]})
        meeting = None
        body = dict(data.items()) if hasattr(data, "items") else {}
        if hasattr(data, "getlist"):
            body.update({name: data.getlist(name) for name in ("focus", "languages") if name in data})
        body = as_form_values(FORMS[kind], body)
        if kind != SubmissionKind.NEW_MEETING:
            if not data.get("meeting") or not isinstance(data["meeting"], str):
                raise ValidationError({"meeting": [_("Give the slug of the meeting to change or close.")]})
            meeting = get_object_or_404(Meeting.objects.published(), slug=data["meeting"])
            if kind == SubmissionKind.CHANGE:
                body = {**as_form_data(current_listing(meeting)), **body}
        form = (FORMS[kind](body) if kind == SubmissionKind.CLOSURE
                else bind_listing_form(FORMS[kind], body))
        if form.is_valid() and kind == SubmissionKind.CHANGE and submissions.unchanged(meeting, form):
            form.add_error(None, _("Nothing would change: send the fields that are wrong."))
        if not form.is_valid():
            # Not counted against the rate limit: only a valid submission is, as on the pages.
            raise ValidationError({
                "non_field_errors" if field == "__all__" else field: [error["message"] for error in errors]
                for field, errors in form.errors.get_json_data().items()})
        wait = submissions.rate_limit_wait(request._request)
        if wait is not None:
            return Response({"detail": _("Too many submissions from this client; try again in %(wait)s.")
                             % {"wait": allowance.wait_in_words(wait)}},
                            status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(wait)})
        submission = submissions.submit(form, user=request.user, meeting=meeting)
        return Response({"id": submission.pk, "kind": submission.kind, "status": submission.status},
                        status=status.HTTP_201_CREATED)
