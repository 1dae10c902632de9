"""Forms for keeping listings true: the listing itself, suggestions, change and closure
requests, moderation decisions, coach notes and collections."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import PlainLinesField, PlainTextField, StyledForm
from meetings import schedule
from meetings.listing import LISTING_FIELDS
from meetings.models import Focus, Language, Meeting

from .models import CheckMethod, CoachNote, Collection, SubmissionKind

HTTPS_ONLY = URLValidator(schemes=["https"])
PHONE_RE = re.compile(r"^(tel:)?[0-9+()\-.,#*\s]{7,60}$")


class ListingForm(StyledForm, forms.ModelForm):
    """What a meeting's listing says; used by coaches directly and as the body of requests."""

    FIELDSETS = (
        (gettext_lazy("The meeting"), ("name", "fellowship", "notes")),
        (gettext_lazy("When it meets"), ("weekday", "start_time", "end_time", "crosses_midnight",
                                         "timezone")),
        (gettext_lazy("Where it meets"), ("attendance", "location_name", "address", "latitude", "longitude",
                            "conference_url", "conference_phone")),
        (gettext_lazy("Who it welcomes"), ("children", "philosophy", "medication_supportive", "focus",
                             "languages", "wheelchair_accessible")),
        (gettext_lazy("Who to ask"), ("contact_email", "contact_phone", "contact_website")),
    )

    focus = forms.ModelMultipleChoiceField(
        queryset=Focus.objects.all(), to_field_name="slug", required=False,
        widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Especially for"))
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(), to_field_name="code", required=False,
        widget=forms.CheckboxSelectMultiple)
    # Not stored: a meeting whose end is before its start goes on past midnight, and the
    # form asks so that 20:00 to 19:00 is caught as the typo it usually is.
    crosses_midnight = forms.BooleanField(
        required=False, label=gettext_lazy("Ends after midnight (on the next day)"))
    timezone = forms.CharField(
        max_length=64, required=False,
        widget=forms.TextInput(attrs={"list": "timezones", "autocomplete": "off"}),
        help_text=gettext_lazy("Such as America/New_York. Leave empty to take it from the address."))
    conference_url = forms.CharField(max_length=500, required=False,
                                     label=gettext_lazy("Online meeting link"),
                                     help_text=gettext_lazy("Starts with https://"),
                                     widget=forms.URLInput(attrs={"inputmode": "url"}))
    notes = PlainLinesField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    contact_website = forms.CharField(max_length=500, required=False,
                                      label=gettext_lazy("The group's website"),
                                      help_text=gettext_lazy("Starts with https://"),
                                      widget=forms.URLInput(attrs={"inputmode": "url"}))

    class Meta:
        model = Meeting
        fields = [*LISTING_FIELDS, "crosses_midnight"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {"conference_phone": gettext_lazy("Dial-in phone"),
                  "contact_email": gettext_lazy("The group's email"),
                  "contact_phone": gettext_lazy("The group's phone")}
        help_texts = {"latitude": gettext_lazy("Optional: found from the address when left empty.")}
        # Text is text: a name or place typed with markup is stored without it.
        field_classes = {"name": PlainTextField, "location_name": PlainTextField,
                         "address": PlainTextField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_time"].required = False
        if self.instance.pk and self.instance.end_time and self.instance.start_time:
            self.initial.setdefault("crosses_midnight",
                                    self.instance.end_time < self.instance.start_time)
        self.timezones = list(schedule.COMMON_ZONES)
        # Set by curation.listings.bind_listing_form: whether the coordinates were found from
        # the address, and which fields that placing (not the person) changed.
        self.position_found = False
        self.placed_fields: set[str] = set()

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def problems_in_a_line(self) -> str:
        """The form's errors in one line, each after its field's label: "End time: …"."""
        return "; ".join(f"{self[name].label}: {' '.join(errors)}" if name in self.fields
                         else " ".join(errors) for name, errors in self.errors.items())

    def clean_conference_url(self):
        return self._secure_link("conference_url", _("Give a secure web link that starts with "
                                                     "https://, such as https://zoom.us/j/123456789."))

    def clean_contact_website(self):
        return self._secure_link("contact_website", _("Give the group's web address starting "
                                                      "with https://, such as https://pittsburghaa.org."))

    def clean_contact_phone(self):
        return self._phone("contact_phone", _("A phone number has digits and + ( ) - . only, "
                                              "such as +1 412 555 0100."))

    def clean_conference_phone(self):
        return self._phone("conference_phone", _("A dial-in number has digits and + ( ) - . , # * "
                                                 "only, such as +1 646 558 8656,,123456#."))

    def _secure_link(self, name: str, problem: str) -> str:
        url = self.cleaned_data.get(name, "").strip()
        if not url:
            return ""
        try:
            HTTPS_ONLY(url)
        except ValidationError:
            raise ValidationError(problem) from None
        return url

    def _phone(self, name: str, problem: str) -> str:
        phone = self.cleaned_data.get(name, "").strip()
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(problem)
        return phone

    def clean_timezone(self):
        name = self.cleaned_data.get("timezone", "").strip()
        if name and not schedule.is_timezone(name):
            raise ValidationError(_("'%(name)s' is not a time zone such as America/New_York.")
                                  % {"name": name})
        return name

    def clean(self):
        cleaned = super().clean()
        # The position was found from the address before binding (curation.listings), if at all.
        if self.position_found:
            self.instance.location_approximate = True
        elif (set(self.changed_data) - self.placed_fields) & {"latitude", "longitude"}:
            self.instance.location_approximate = False
        problem = schedule.length_problem(cleaned.get("start_time"), cleaned.get("end_time"),
                                          cleaned.get("crosses_midnight", False))
        if problem and "end_time" not in self.errors:
            self.add_error("end_time", problem)
        if not cleaned.get("timezone") and "timezone" not in self.errors:
            self.add_error("timezone", _("Give the meeting's time zone, such as America/New_York "
                                         "(we could not tell it from the address)."))
        return cleaned


class ModeratedListingForm(ListingForm):
    """The listing as a moderator approves it with edits: what a coach edits, with the same
    time rules, and whether the location is only approximate, which the moderator may know
    better than the proposal (a ZIP code's centre, a church "somewhere on Main Street")."""

    FIELDSETS = tuple((legend, (*names, "location_approximate") if "longitude" in names else names)
                      for legend, names in ListingForm.FIELDSETS)

    class Meta(ListingForm.Meta):
        fields = [*ListingForm.Meta.fields, "location_approximate"]

    def clean(self):
        cleaned = super().clean()
        # Coordinates just found from the address are near the place, whatever the box says.
        cleaned["location_approximate"] = bool(cleaned.get("location_approximate")) or self.position_found
        return cleaned


class SubmitterForm(StyledForm, forms.Form):
    """Who sent a request: a first name only, an optional email, and a trap for robots."""

    first_name = PlainTextField(
        max_length=40, required=False, label=gettext_lazy("Your first name (optional)"),
        help_text=gettext_lazy("A first name or a nickname is enough. We never ask for last names: "
                               "your recovery is your own business."))
    email = forms.EmailField(
        required=False, label=gettext_lazy("Your email (optional)"),
        help_text=gettext_lazy("Only moderators see it. We use it once, to tell you what we decided, "
                               "and never if the request was spam."))
    # People never see this field; form-filling robots do, and fill it.
    website = forms.CharField(required=False, label=gettext_lazy("Leave this empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This field must stay empty; your request was not sent."))
        return ""


class NewMeetingForm(ListingForm, SubmitterForm):
    message = PlainLinesField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("Anything the moderators should know"),
        help_text=gettext_lazy("Up to 1000 characters."))
    kind = SubmissionKind.NEW_MEETING


class ChangeRequestForm(NewMeetingForm):
    message = PlainLinesField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("How do you know? (optional)"),
        help_text=gettext_lazy("Such as: I was there last week. Up to 1000 characters."))
    kind = SubmissionKind.CHANGE


class ClosureRequestForm(SubmitterForm):
    message = PlainLinesField(
        max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        label=gettext_lazy("How do you know it has closed?"),
        help_text=gettext_lazy("Such as: the church told us the group stopped meeting in May."))
    kind = SubmissionKind.CLOSURE


class RejectForm(StyledForm, forms.Form):
    reason = PlainLinesField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             label=gettext_lazy("Reason"),
                             help_text=gettext_lazy("The submitter reads this if they gave an email."))


class PendingSubmissionsField(forms.TypedMultipleChoiceField):
    """Ticked submissions, each of which must still wait: every one that no longer does is
    named, not only the first."""

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        waiting = {str(pk) for pk, _label in self.choices}
        gone = [str(item) for item in value if str(item) not in waiting]
        if gone:
            raise ValidationError([ValidationError(self.error_messages["invalid_choice"],
                                                   code="invalid_choice", params={"value": item})
                                   for item in gone])


class BulkDecisionForm(forms.Form):
    # "spam" rejects without a reason and without telling the submitter
    # (curation.submissions.decide_many).
    ACTIONS = [("approve", gettext_lazy("Approve")), ("reject", gettext_lazy("Reject")),
               ("spam", gettext_lazy("Reject as spam"))]

    # The labels name the fields in the list of problems above the queue.
    submissions = PendingSubmissionsField(coerce=int, choices=(), label=gettext_lazy("Submissions"))
    action = forms.ChoiceField(choices=ACTIONS, label=gettext_lazy("Action"))
    reason = forms.CharField(max_length=1000, required=False, label=gettext_lazy("Reason"))

    def __init__(self, *args, pending_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submissions"].choices = [(pk, pk) for pk in pending_ids]
        self.fields["submissions"].error_messages["invalid_choice"] = (
            _("Submission %(value)s is no longer waiting for review: someone decided it "
              "meanwhile."))
        self.fields["submissions"].error_messages["required"] = (
            _("Tick at least one submission to decide."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("reason"):
            self.add_error("reason", _("Give a reason for rejecting."))
        return cleaned

    def ticked(self) -> set[int]:
        """The submissions the moderator ticked, valid or not, to tick them again."""
        if not self.is_bound:
            return set()
        values = (self.data.getlist("submissions") if hasattr(self.data, "getlist")
                  else self.data.get("submissions", []))
        return {int(value) for value in values if str(value).isdigit()}


class ConflictDecisionForm(forms.Form):
    CHOICES = [("ours", gettext_lazy("Keep ours")), ("feed", gettext_lazy("Take the feed's"))]

    choice = forms.ChoiceField(choices=CHOICES, label=gettext_lazy("Choice"))

    @property
    def takes_feed(self) -> bool:
        return self.cleaned_data["choice"] == "feed"


class CheckForm(StyledForm, forms.Form):
    """How a coach checked that a listing still meets as listed."""

    how = forms.ChoiceField(
        choices=[(value, label) for value, label in CheckMethod.choices
                 if value != CheckMethod.EDITED],
        initial=CheckMethod.CONFIRMED, required=False, label=gettext_lazy("How did you check?"))
    note = PlainTextField(max_length=300, required=False, label=gettext_lazy("Note (optional)"),
                           help_text=gettext_lazy("Up to 300 characters, such as “spoke to the "
                                                  "secretary”. Only coaches and moderators see it."))

    def clean_how(self):
        return self.cleaned_data.get("how") or CheckMethod.CONFIRMED


class CoachNoteForm(StyledForm, forms.ModelForm):
    class Meta:
        model = CoachNote
        fields = ["text"]
        labels = {"text": gettext_lazy("Note for parents")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 500})}
        help_texts = {"text": gettext_lazy("Practical and kind, up to 500 characters, such as "
                                           "“childcare room is downstairs, arrive 10 minutes early”.")}
        field_classes = {"text": PlainLinesField}


class CollectionForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["name", "description", "visibility"]
        # The labels Django would make from the field names, in words that translate.
        labels = {"name": gettext_lazy("Name"), "description": gettext_lazy("Description"),
                  "visibility": gettext_lazy("Visibility")}
        widgets = {"description": forms.Textarea(attrs={"rows": 2}),
                   "visibility": forms.RadioSelect}
        field_classes = {"name": PlainTextField, "description": PlainLinesField}


class AddToCollectionForm(StyledForm, forms.Form):
    collection = forms.ModelChoiceField(queryset=Collection.objects.none(), to_field_name="token",
                                        empty_label=None, label=gettext_lazy("Collection"))

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        # Any collection is found, so that someone else's is refused by the permission rule
        # (403) rather than reported as missing; the choices offered are the person's own.
        self.fields["collection"].queryset = Collection.objects.all()
        self.fields["collection"].widget.choices = [
            (collection.token, collection.name) for collection in Collection.objects.filter(owner=owner)]
        self.fields["collection"].error_messages["invalid_choice"] = _("There is no such collection.")


class AddManyToCollectionForm(AddToCollectionForm):
    """Meetings ticked on a page of search results, for one of the coach's collections."""

    meetings = forms.ModelMultipleChoiceField(
        queryset=Meeting.objects.published(), to_field_name="slug",
        label=gettext_lazy("Meetings"),
        error_messages={"required": gettext_lazy("Tick at least one meeting to add."),
                        "invalid_choice": gettext_lazy("A ticked meeting is no longer listed.")})


class CollectionNoteForm(StyledForm, forms.Form):
    note = PlainTextField(max_length=300, required=False,
                           label=gettext_lazy("Your note for parents"),
                           help_text=gettext_lazy("Up to 300 characters, such as “ask for Maria at "
                                                  "the door”. Everyone with the collection sees it."))

