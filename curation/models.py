"""What visitors send (suggestions, change and closure requests), coaches' notes and their
collections of meetings."""
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import Meeting
from meetings.schedule import validate_timezone


class SubmissionKind(models.TextChoices):
    NEW_MEETING = "new", _("New meeting")
    CHANGE = "change", _("Change to a meeting")
    CLOSURE = "closure", _("Meeting closed")


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    # Translators: the status of a submission (a request) a moderator approved.
    APPROVED = "approved", pgettext_lazy("submission status", "Approved")
    # Translators: the status of a submission (a request) a moderator rejected.
    REJECTED = "rejected", pgettext_lazy("submission status", "Rejected")


class Submission(models.Model):
    """A visitor's suggestion of a new meeting, or request to change or close one.

    Stored the moment it is sent; emails about it follow when a worker can send them, so
    `receipt_sent_at` / `outcome_sent_at` stay empty until then.
    """

    kind = models.CharField(max_length=16, choices=SubmissionKind.choices)
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.PENDING)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="submissions",
                                help_text=_("The meeting to change or close; for a new meeting, "
                                            "the meeting approval created."))
    # The listing as the submitter wants it, as form data (strings, lists of slugs/codes).
    proposed = models.JSONField(default=dict, blank=True)
    # The listing as the submitter saw it, to tell their edits from later changes.
    baseline = models.JSONField(default=dict, blank=True)
    message = models.TextField(max_length=1000, blank=True)

    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="submissions")
    first_name = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # The language the page or API answered the submitter in, so the emails about it (sent
    # later, from a worker or a moderator's request) are written in it too.
    language = models.CharField(
        max_length=8, default="en",
        help_text=_("The language the submitter used (such as en or es); their emails are written in it."))

    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="decisions")
    decision_reason = models.TextField(max_length=1000, blank=True)
    # Rejected as spam: no email about it ever goes out, and its contact was erased at once.
    is_spam = models.BooleanField(default=False)
    # When the email and first name were erased (curation.contacts), at once for spam.
    contact_erased_at = models.DateTimeField(null=True, blank=True)

    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Curation's tables were meetings tables before curation had an app of its own.
        db_table = "meetings_submission"
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["status", "created"], name="submission_status_created")]
        permissions = [("moderate_submission", "Can approve or reject submissions")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == SubmissionStatus.PENDING


class CoachNote(models.Model):
    """Practical advice from a peer coach that parents see on the meeting's page."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="coach_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="coach_notes")
    text = models.TextField(max_length=500)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "meetings_coachnote"
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.text[:60]


class CheckMethod(models.TextChoices):
    """How a coach found a listing still true."""

    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Visit")
    ONLINE = "online", _("Joined the online meeting")
    WEBSITE = "website", _("The group's own website")
    # Translators: how a listing was checked: a coach saved an edit of it.
    EDITED = "edited", _("Edited the listing")
    # Translators: how a listing was checked: a coach confirmed it without saying how.
    CONFIRMED = "confirmed", _("Confirmed")


class ListingCheck(models.Model):
    """A coach's word that a listing is true as it stands: who, when and how."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checks")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="listing_checks")
    checked_at = models.DateTimeField(auto_now_add=True)
    how = models.CharField(max_length=16, choices=CheckMethod.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]

    def __str__(self):
        return f"{self.meeting} checked ({self.how})"


class CollectionVisibility(models.TextChoices):
    PRIVATE = "private", _("Private: only you")
    LINK = "link", _("Anyone with the link")


class Collection(models.Model):
    """A coach's named list of meetings for the parents they support, shared by an unguessable link."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="collections")
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=1000, blank=True)
    visibility = models.CharField(max_length=16, choices=CollectionVisibility.choices,
                                  default=CollectionVisibility.PRIVATE)
    token = models.CharField(max_length=32, unique=True, editable=False)
    meetings = models.ManyToManyField(Meeting, blank=True, related_name="collections",
                                      through="CollectionItem")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        # Its link table stays meetings_collection_meetings, named after this one.
        db_table = "meetings_collection"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = new_collection_token()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("collection-detail", kwargs={"token": self.token})

    @property
    def is_shared(self) -> bool:
        return self.visibility == CollectionVisibility.LINK


class CollectionItem(models.Model):
    """A meeting in a collection: where it comes in the coach's order, and her note on it for
    the parents she gives it to ("ask for Maria at the door")."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="collection_items")
    position = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        # The link table the collection's meetings always had, with the order and note added.
        db_table = "meetings_collection_meetings"
        unique_together = [("collection", "meeting")]
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.meeting} in {self.collection}"


def new_collection_token() -> str:
    return secrets.token_urlsafe(18)


class ModeratorArea(models.Model):
    """One of the areas a moderator is limited to (curation.areas), as BMLT's service bodies:
    a region (a centre and radius for in-person meetings, a time zone for online ones, found
    from a place or ZIP code as a coach's area is) or a feed source. A moderator with none
    moderates the whole site."""

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="moderator_areas")
    # Deleting a source keeps the area, which then holds nothing: the moderator must not
    # become a whole-site moderator because the last of their sources went away.
    source = models.ForeignKey("feeds.FeedSource", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="moderator_areas")
    area_name = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    radius_km = models.PositiveIntegerField(default=25, validators=[MinValueValidator(1),
                                                                    MaxValueValidator(500)])
    timezone = models.CharField(max_length=64, blank=True, validators=[validate_timezone])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        if self.source_id:
            return str(self.source)
        return self.area_name or self.timezone or _("an emptied area")

    @property
    def is_region(self) -> bool:
        return self.source_id is None and (self.latitude is not None or bool(self.timezone))
