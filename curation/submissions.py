"""Suggestions of new meetings and requests to change or close one: storing them the moment
they are sent, the moderation queue, and applying a moderator's decision."""
from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import CoachProfile
from feeds.models import ImportConflict
from meetings.history import save_meeting
from meetings.listing import (
    LISTING_FIELDS,
    as_form_data,
    as_proposal,
    current_listing,
    display_value,
    listing_diff,
    requested_listing,
)
from meetings.models import Focus, Language, Meeting, Status

from . import allowance, contacts, tasks
from .duplicates import likely_twins_for_submissions
from .forms import ListingForm, ModeratedListingForm
from .listings import bind_listing_form
from .models import Submission, SubmissionKind, SubmissionStatus


class DecisionError(Exception):
    """A decision that cannot be made; `message` is fit to show the moderator."""

    def __init__(self, message, form=None):
        super().__init__(message)
        self.message = message
        self.form = form


def rate_limit_wait(request) -> int | None:
    """Count a valid submission from this client, checked just before it is stored: None when
    it may be stored, else the seconds until the client may send one (curation.allowance).
    Invalid attempts are never counted: call this only once the form is valid."""
    return allowance.take(request)


def unchanged(meeting: Meeting, form) -> bool:
    """Whether a change request asks for nothing the listing does not already say."""
    return not listing_diff(current_listing(meeting), as_proposal(form.cleaned_data))


def submitter_language() -> str:
    """The language the submitter is being answered in (the page's prefix or the API request's
    Accept-Language), one of settings.LANGUAGES; the site's default outside a request."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def submit(form, *, user=None, meeting: Meeting | None = None) -> Submission:
    """Store a suggestion, change or closure request as pending, then queue its receipt email
    (sent only to a signed-in submitter's confirmed address: curation.notifications).

    The record is committed before anything is queued, so a broker that is down loses nothing.
    The submitter's language is kept with it: their emails are written in it.
    """
    kind = form.kind
    proposal = {}
    if kind != SubmissionKind.CLOSURE:
        proposal = as_proposal(form.cleaned_data)
        proposal["location_approximate"] = bool(getattr(form, "position_found", False))
    signed_in = user is not None and user.is_authenticated
    with transaction.atomic():
        submission = Submission.objects.create(
            kind=kind,
            meeting=meeting,
            proposed=proposal,
            baseline=current_listing(meeting) if meeting is not None else {},
            message=form.cleaned_data.get("message", ""),
            submitter=user if signed_in else None,
            first_name=form.cleaned_data.get("first_name", ""),
            email=form.cleaned_data.get("email") or (user.email if signed_in else ""),
            language=submitter_language(),
        )
        tasks.queue_receipt(submission)
    return submission


# --- The queue -------------------------------------------------------------------------------

def pending_queue(kind: str = "", area: str = ""):
    """Waiting submissions, oldest first, filtered by kind and by area (a time zone, or words
    of the address such as a city or ZIP code)."""
    queue = (Submission.objects.filter(status=SubmissionStatus.PENDING)
             .select_related("meeting", "submitter").order_by("created", "pk"))
    if kind:
        queue = queue.filter(kind=kind)
    area = area.strip()
    if area:
        queue = queue.filter(
            Q(proposed__timezone=area) | Q(meeting__timezone=area)
            | Q(proposed__address__icontains=area) | Q(meeting__address__icontains=area))
    return queue


def waiting_counts(pending=None, open_conflicts=None) -> dict[str, int]:
    """How many submissions wait, in all and of each kind, and how many import conflicts are
    open (not counted in the total, which is of submissions); of the querysets given (a
    moderator's areas), else of the whole site."""
    if pending is None:
        pending = Submission.objects.filter(status=SubmissionStatus.PENDING)
    if open_conflicts is None:
        open_conflicts = ImportConflict.objects.filter(resolved_at__isnull=True)
    counts = dict(pending.order_by().values_list("kind").annotate(n=Count("pk"))
                  .values_list("kind", "n"))
    return {"total": sum(counts.values()),
            **{kind: counts.get(kind, 0) for kind in SubmissionKind.values},
            CONFLICTS: open_conflicts.count()}


# The queue's kind for open import conflicts, beside the kinds of submission.
CONFLICTS = "conflicts"
QUEUE_PAGE_SIZE = 50
# The queue's kinds as its tabs name them, each with a count beside it.
QUEUE_KINDS = [(SubmissionKind.NEW_MEETING, gettext_lazy("New meetings")),
               (SubmissionKind.CHANGE, gettext_lazy("Changes")),
               (SubmissionKind.CLOSURE, gettext_lazy("Closures")),
               (CONFLICTS, gettext_lazy("Import conflicts"))]
# Fields holding lists of vocabulary entries (focus slugs, language codes).
LIST_FIELDS = ("focus", "languages")
FIELD_ORDER = (*LISTING_FIELDS, "location_approximate")
# A summary reads at a glance: long values (notes, addresses) are cut, and a request that
# rewrites the whole listing names only its first few changes.
SUMMARY_VALUE_CHARS = 40
SUMMARY_CHANGES = 4


@dataclass(frozen=True)
class QueueRow:
    submission: Submission
    summary: str
    # A meeting already listed that a suggested new meeting looks like (curation.duplicates).
    twin: Meeting | None = None


def vocabulary() -> dict[str, dict[str, str]]:
    """The labels of focus slugs and language codes, read once for a whole page."""
    return {"focus": {focus.slug: focus.label for focus in Focus.objects.all()},
            "languages": {language.code: language.label for language in Language.objects.all()}}


def readable_value(name: str, value, labels: dict[str, dict[str, str]]) -> str:
    """A stored listing value as a moderator reads it (as meetings.listing.display_value),
    with lists named from `labels` rather than one query per value."""
    if name in LIST_FIELDS and value:
        return ", ".join(labels[name].get(item, item) for item in value)
    return display_value(name, value)


def _short(text: str) -> str:
    return Truncator(text).chars(SUMMARY_VALUE_CHARS)


def change_summary(submission: Submission, labels: dict[str, dict[str, str]] | None = None) -> str:
    """One line saying what a submission asks: the fields a change request changes with their
    values before and after ("Start time 19:00 → 19:30; Children Not known → Childcare
    provided"), a suggestion's name, day, time and place, or that a meeting has closed.

    For a page of them, pass `labels` (from vocabulary()) and prefetch the meetings' focus and
    languages: the summary then reads nothing more from the database.
    """
    labels = labels if labels is not None else vocabulary()
    proposed = submission.proposed or {}
    if submission.kind == SubmissionKind.CLOSURE:
        return _("Reports that this meeting has closed.")
    if submission.kind == SubmissionKind.NEW_MEETING:
        place = (proposed.get("location_name") or proposed.get("address")
                 or proposed.get("conference_url") and _("Online") or "")
        parts = [proposed.get("name") or _("(no name)"),
                 display_value("weekday", proposed.get("weekday")),
                 display_value("start_time", proposed.get("start_time")), _short(place)]
        # Translators: the parts of a suggested meeting's summary: name, day, time and place.
        return _(" · ").join(part for part in parts if part)
    if submission.meeting is None:
        return _("The meeting no longer exists.")
    current = current_listing(submission.meeting)
    wanted = proposed_listing(submission, current)
    # Lists are compared here and named from `labels`: listing_diff would read the
    # vocabulary again for every request that changes one.
    changes = [(change.field, change.label, change.before, change.after) for change in listing_diff(
        current, {name: value for name, value in wanted.items() if name not in LIST_FIELDS})]
    for name in LIST_FIELDS:
        before, after = sorted(current.get(name) or []), sorted(wanted.get(name) or [])
        if name in wanted and before != after:
            changes.append((name, str(Meeting._meta.get_field(name).verbose_name).capitalize(),
                            readable_value(name, before, labels), readable_value(name, after, labels)))
    if not changes:
        return _("Changes nothing the listing does not already say.")
    changes.sort(key=lambda change: FIELD_ORDER.index(change[0]))
    # Translators: one changed field in a change request's summary: its name, the value
    # before and the value asked for, as "Start time 19:00 → 19:30".
    said = [_("%(field)s %(before)s → %(after)s") % {"field": label, "before": _short(before),
                                                    "after": _short(after)}
            for _name, label, before, after in changes[:SUMMARY_CHANGES]]
    if len(changes) > SUMMARY_CHANGES:
        # Translators: the end of a long change request's summary.
        said.append(_("and %(count)s more") % {"count": len(changes) - SUMMARY_CHANGES})
    # Translators: what separates the changed fields in a change request's summary.
    return _("; ").join(said)


def queue_page(queue, number=1, size: int = QUEUE_PAGE_SIZE) -> Page:
    """Page `number` (any text; a page that is none is the nearest) of the waiting
    submissions of `queue` (from pending_queue), as rows with their summaries and likely
    twins, in a fixed handful of queries."""
    page = Paginator(queue.prefetch_related("meeting__focus", "meeting__languages"),
                     size).get_page(number)
    labels = vocabulary()
    submissions = list(page.object_list)
    twins = likely_twins_for_submissions(submissions)
    page.object_list = [QueueRow(submission, change_summary(submission, labels), twins.get(submission.pk))
                        for submission in submissions]
    return page


def moderator_zone(user) -> str:
    """The time zone a moderator reads times in: their profile's, else the site's."""
    zone = CoachProfile.objects.filter(user_id=user.pk).values_list("timezone", flat=True).first()
    try:
        ZoneInfo(zone or "")
    except (ZoneInfoNotFoundError, ValueError):
        return settings.TIME_ZONE
    return zone


@dataclass(frozen=True)
class Review:
    """What a moderator needs to decide on a submission."""

    submission: Submission
    changes: list
    current: dict

    @property
    def drifted(self) -> bool:
        return any(change.changed_since_request for change in self.changes)


def proposed_listing(submission: Submission, current: dict) -> dict:
    """What approving would make the listing: a new meeting as proposed; for a change, the
    current listing with the requester's own changes."""
    if submission.kind == SubmissionKind.CHANGE:
        return requested_listing(current, submission.proposed, submission.baseline)
    return submission.proposed


def review(submission: Submission) -> Review:
    meeting = submission.meeting
    current = current_listing(meeting) if meeting is not None else {}
    if submission.kind == SubmissionKind.CLOSURE:
        return Review(submission, [], current)
    before = current if submission.kind == SubmissionKind.CHANGE else {}
    baseline = submission.baseline if submission.kind == SubmissionKind.CHANGE else None
    return Review(submission, listing_diff(before, proposed_listing(submission, current), baseline),
                  current)


# --- Decisions -------------------------------------------------------------------------------

def _locked_pending(submission_id: int) -> Submission:
    submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
    if submission is None:
        raise DecisionError(_("Submission %(id)s does not exist.") % {"id": submission_id})
    if not submission.is_pending:
        if submission.status == SubmissionStatus.APPROVED:
            raise DecisionError(_("Submission %(id)s was already approved.") % {"id": submission_id})
        if submission.is_spam:
            raise DecisionError(_("Submission %(id)s was already rejected as spam.") % {"id": submission_id})
        raise DecisionError(_("Submission %(id)s was already rejected.") % {"id": submission_id})
    return submission


def _decided(submission: Submission, status, moderator, reason="", *, spam=False):
    """Record the decision; then the outcome email is queued, unless it is spam, which gets
    none and loses its contact at once."""
    submission.status = status
    submission.decided_at = timezone.now()
    submission.decided_by = moderator
    submission.decision_reason = reason
    submission.is_spam = spam
    if spam:
        contacts.erase_spam_contact(submission)
    submission.save()
    if not spam:
        tasks.queue_outcome(submission)
    return submission


@transaction.atomic
def approve(submission_id: int, moderator, edited_data: dict | None = None) -> Submission:
    """Apply a submission to its meeting in one transaction: a new meeting is published, a
    change is made, a closed meeting is archived (never deleted).

    `edited_data` is the moderator's edited listing (approve with edits); without it the
    submitter's proposal is applied. Raises DecisionError (with the invalid form) if the
    listing would not be valid.
    """
    submission = _locked_pending(submission_id)
    # The history's reasons are a record, kept in English whoever decides (as the other
    # reasons in a meeting's history are), so the kind's label is the English one.
    with translation.override("en"):
        reason = f"Approved {submission.get_kind_display().lower()} request #{submission.pk}"
    if submission.kind != SubmissionKind.NEW_MEETING:
        meeting = Meeting.objects.select_for_update().filter(pk=submission.meeting_id).first()
        if meeting is None:
            raise DecisionError(_("The meeting of submission %(id)s no longer exists.")
                                % {"id": submission.pk})
    if submission.kind == SubmissionKind.CLOSURE:
        meeting.status = Status.ARCHIVED
        save_meeting(meeting, by=moderator, reason=reason)
        return _decided(submission, SubmissionStatus.APPROVED, moderator)

    proposal = proposed_listing(submission, current_listing(meeting) if submission.meeting_id else {})
    data = edited_data if edited_data is not None else as_form_data(proposal)
    if submission.kind == SubmissionKind.NEW_MEETING:
        # The person who suggested it vouched for it on the day they sent it.
        meeting = Meeting(status=Status.PUBLISHED, last_verified=timezone.localdate(submission.created))
    # The moderator's edits say whether the location is approximate; a plain approval keeps
    # what the proposal says.
    form = bind_listing_form(ListingForm if edited_data is None else ModeratedListingForm, data,
                             instance=meeting)
    if not form.is_valid():
        if edited_data is not None:
            raise DecisionError(_("The edited listing is not valid: correct the fields marked "
                                  "below."), form=form)
        raise DecisionError(_("The listing is not valid yet (%(problems)s): correct it with "
                              "“approve with edits”.") % {"problems": form.problems_in_a_line()}, form=form)
    meeting = form.save(commit=False)
    if edited_data is None and "location_approximate" in proposal:
        meeting.location_approximate = proposal["location_approximate"]
    save_meeting(meeting, by=moderator, reason=reason, save_related=form.save_m2m)
    submission.meeting = meeting
    return _decided(submission, SubmissionStatus.APPROVED, moderator)


@transaction.atomic
def reject(submission_id: int, moderator, reason: str) -> Submission:
    if not reason.strip():
        raise DecisionError(_("Give a reason for rejecting."))
    submission = _locked_pending(submission_id)
    return _decided(submission, SubmissionStatus.REJECTED, moderator, reason.strip())


@transaction.atomic
def reject_as_spam(submission_id: int, moderator) -> Submission:
    """Reject a submission as spam: no email about it, ever (neither its receipt nor the
    outcome, nor from a later catch-up run), and its contact and message are erased now."""
    submission = _locked_pending(submission_id)
    return _decided(submission, SubmissionStatus.REJECTED, moderator, spam=True)


@dataclass
class BulkOutcome:
    done: list[int]
    failed: dict[int, str]


def decide_many(submission_ids, action: str, moderator, reason: str = "") -> BulkOutcome:
    """Approve, reject or reject as spam several submissions; each stands alone, so one
    invalid listing does not hold back the others."""
    outcome = BulkOutcome([], {})
    for submission_id in submission_ids:
        try:
            if action == "approve":
                approve(submission_id, moderator)
            elif action == "spam":
                reject_as_spam(submission_id, moderator)
            else:
                reject(submission_id, moderator, reason)
        except DecisionError as error:
            outcome.failed[submission_id] = error.message
        else:
            outcome.done.append(submission_id)
    return outcome
