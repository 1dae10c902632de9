"""Pages for keeping listings true: suggestions and change requests, the moderation queue,
coaches' edits, verification, notes and collections, and a meeting's history.

Views parse input, ask accounts.permissions, call the domain modules and render.
"""
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import permissions as can
from accounts.models import CoachProfile
from accounts.permissions import refuse, requires
from accounts.roles import Role, role_of
from feeds import exporting as meeting_guide
from feeds.models import ImportConflict
from meetings import history
from meetings.calendar_views import ics_response
from meetings.listing import LISTING_FIELDS, as_form_data, current_listing
from meetings.models import Meeting

from . import allowance, areas, coaching, collecting, conflicts, submissions
from .area import area_worklist
from .area_views import outside_areas
from .duplicates import twins_of_submission
from .forms import (
    AddManyToCollectionForm,
    AddToCollectionForm,
    BulkDecisionForm,
    ChangeRequestForm,
    CheckForm,
    ClosureRequestForm,
    CoachNoteForm,
    CollectionForm,
    CollectionNoteForm,
    ConflictDecisionForm,
    ListingForm,
    ModeratedListingForm,
    NewMeetingForm,
    RejectForm,
)
from .listings import bind_listing_form
from .models import CoachNote, Collection, Submission, SubmissionKind

MOVES = {"up": -1, "down": 1}
# The session remembers the collection a coach last added to, to offer it first.
LAST_COLLECTION = "last_collection"


def _published(slug):
    return get_object_or_404(Meeting.objects.published(), slug=slug)


# What `requires(..., on=...)` finds from the URL's arguments.

def any_meeting(url_args) -> Meeting:
    """The meeting the URL's slug names, whatever its status (curators see pending ones)."""
    return get_object_or_404(Meeting, slug=url_args.pop("slug"))


def collection_at(url_args) -> Collection:
    return get_object_or_404(Collection.objects.select_related("owner"), token=url_args.pop("token"))


def coach_note(url_args) -> CoachNote:
    return get_object_or_404(CoachNote.objects.select_related("meeting"), pk=url_args.pop("pk"))


# --- Submissions -----------------------------------------------------------------------------

def _submission_page(request, form_class, template, *, meeting=None, initial=None):
    if request.method == "POST":
        form = (bind_listing_form(form_class, request.POST) if issubclass(form_class, ListingForm)
                else form_class(request.POST))
        # Coaches are trusted: their new meetings skip the queue.
        if form_class is NewMeetingForm and can.can_edit_meeting(request.user):
            if not form.is_valid():
                return render(request, template, {"form": form, "meeting": None,
                                                  "publishes_at_once": True}, status=400)
            published = coaching.publish_listing(form, by=request.user)
            messages.success(request, _("Published; the meeting's history records that you added it."))
            return redirect(published)
        if form.is_valid() and meeting is not None and form.kind == SubmissionKind.CHANGE \
                and submissions.unchanged(meeting, form):
            form.add_error(None, _("You did not change anything: edit the fields that are wrong."))
        if not form.is_valid():
            # Not counted against the rate limit: only a valid submission is.
            return render(request, template, {"form": form, "meeting": meeting}, status=400)
        wait = submissions.rate_limit_wait(request)
        if wait is not None:
            # The form as typed, to send again once the wait is over.
            response = render(request, template, {"form": form, "meeting": meeting,
                                                  "rate_limited": too_many_submissions(wait)}, status=429)
            response["Retry-After"] = str(wait)
            return response
        submissions.submit(form, user=request.user, meeting=meeting)
        return redirect("submission-thanks")
    if request.user.is_authenticated:
        initial = {**(initial or {}), "email": request.user.email,
                   "first_name": request.user.first_name}
    return render(request, template, {
        "form": form_class(initial=initial), "meeting": meeting,
        "publishes_at_once": form_class is NewMeetingForm and can.can_edit_meeting(request.user)})


def too_many_submissions(wait_seconds: int) -> str:
    """What a person past the submission limit reads, saying when they can send again."""
    return _("Many requests were sent from your connection in a short time, so we cannot take "
             "this one yet. You can send it in %(wait)s: what you typed is still below, and "
             "nothing from it was stored.") % {"wait": allowance.wait_in_words(wait_seconds)}


def suggest_meeting(request):
    return _submission_page(request, NewMeetingForm, "submissions/new_meeting.html")


def request_change(request, slug):
    meeting = _published(slug)
    return _submission_page(request, ChangeRequestForm, "submissions/change.html", meeting=meeting,
                            initial=as_form_data(current_listing(meeting)))


def report_closed(request, slug):
    return _submission_page(request, ClosureRequestForm, "submissions/closure.html",
                            meeting=_published(slug))


def submission_thanks(request):
    return render(request, "submissions/thanks.html",
                  {"contact_retention_days": settings.VILLAGE_CONTACT_RETENTION_DAYS})


# --- Moderation ------------------------------------------------------------------------------

DECIDED = {
    # Both English forms say "submission(s)", as the message always has.
    "approve": lambda done: ngettext("Approved %(count)s submission(s).",
                                     "Approved %(count)s submission(s).", done),
    "reject": lambda done: ngettext("Rejected %(count)s submission(s).",
                                    "Rejected %(count)s submission(s).", done),
    "spam": lambda done: ngettext("Rejected %(count)s submission(s) as spam.",
                                  "Rejected %(count)s submission(s) as spam.", done),
}


@requires(can.can_moderate)
def moderation_queue(request):
    kind = request.GET.get("kind", "")
    if kind not in (*SubmissionKind.values, submissions.CONFLICTS):
        kind = ""
    area = request.GET.get("area", "")[:100]
    status, problems = 200, {}
    bulk = BulkDecisionForm(pending_ids=[])
    if request.method == "POST" and kind != submissions.CONFLICTS:
        bulk = BulkDecisionForm(request.POST, pending_ids=list(
            submissions.pending_queue().values_list("pk", flat=True)))
        if bulk.is_valid():
            action = bulk.cleaned_data["action"]
            if outside := areas.submissions_outside_areas(request.user, bulk.cleaned_data["submissions"]):
                return outside_areas(request, outside)
            outcome = submissions.decide_many(bulk.cleaned_data["submissions"], action,
                                              request.user, bulk.cleaned_data["reason"])
            if outcome.done:
                messages.success(request, DECIDED[action](len(outcome.done)) % {"count": len(outcome.done)})
            if not outcome.failed:
                return redirect(request.get_full_path())
            for pk, problem in outcome.failed.items():
                # Translators: a submission's number, then why it could not be decided.
                messages.error(request, _("Submission %(id)s: %(problem)s") % {"id": pk, "problem": problem})
            # The ones that failed stay ticked, each with its problem beside it.
            problems = outcome.failed
            bulk = BulkDecisionForm(pending_ids=[])
        else:
            status = 400
    return render(request, "moderation/queue.html", {
        **_queue_page(request, kind, area), "bulk": bulk, "problems": problems,
        "ticked": set(problems) or bulk.ticked(),
    }, status=status)


def _queue_page(request, kind, area) -> dict:
    """What every state of the queue page shows: the counts, the filters and the page of
    submissions (or of import conflicts) asked for."""
    number = request.GET.get("page")
    zone = submissions.moderator_zone(request.user)
    # A moderator limited to areas sees, and counts, only what lies in them.
    counts = submissions.waiting_counts(
        areas.submissions_in_areas(request.user, submissions.pending_queue()),
        areas.conflicts_in_areas(request.user, conflicts.open_conflicts()))
    if kind == submissions.CONFLICTS:
        page = conflicts.conflict_page(
            areas.conflicts_in_areas(request.user, conflicts.open_conflicts(area)), number)
    else:
        page = submissions.queue_page(
            areas.submissions_in_areas(request.user, submissions.pending_queue(kind, area)), number)
    return {
        "page": page,
        "counts": counts, "kind": kind, "area": area, "zone": zone,
        "tabs": [(value, label, counts[value]) for value, label in submissions.QUEUE_KINDS],
    }


@require_POST
@requires(can.can_moderate)
def resolve_import_conflict(request, pk):
    form = ConflictDecisionForm(request.POST)
    if not form.is_valid():
        return render(request, "moderation/queue.html", {
            **_queue_page(request, submissions.CONFLICTS, ""), "conflict_form": form,
            "bulk": BulkDecisionForm(pending_ids=[])}, status=400)
    conflict = get_object_or_404(ImportConflict.objects.select_related("meeting"), pk=pk)
    if not areas.may_act_on_conflict(request.user, conflict):
        return refuse(request)
    try:
        conflict = conflicts.resolve(pk, take_feed=form.takes_feed, by=request.user)
    except ImportConflict.DoesNotExist:
        raise Http404 from None
    except conflicts.ConflictDecided as stale:
        messages.error(request, stale.message)
    else:
        messages.success(request, _("%(meeting)s: %(resolution)s for %(field)s.") % {
            "meeting": conflict.meeting.name, "resolution": conflict.get_resolution_display(),
            "field": conflicts.field_label(conflict.field)})
    return redirect(f"{reverse('moderation-queue')}?kind={submissions.CONFLICTS}")


@requires(can.can_moderate)
def submission_review(request, pk):
    submission = get_object_or_404(Submission.objects.select_related("meeting", "submitter", "decided_by"),
                                   pk=pk)
    if not areas.may_act_on_submission(request.user, submission):
        return outside_areas(request, [submission.pk])
    reject_form = RejectForm()
    edit_form = None
    status = 200
    if submission.kind != SubmissionKind.CLOSURE:
        current = current_listing(submission.meeting) if submission.meeting else {}
        proposal = submissions.proposed_listing(submission, current)
        edit_form = ModeratedListingForm(prefix="edit", initial={
            **as_form_data(proposal), "location_approximate": bool(proposal.get("location_approximate"))})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                submissions.approve(submission.pk, request.user)
            elif action == "approve_edited" and edit_form is not None:
                edit_form = bind_listing_form(ModeratedListingForm, request.POST, prefix="edit")
                submissions.approve(submission.pk, request.user, edited_data=_unprefixed(request.POST))
            elif action == "reject":
                reject_form = RejectForm(request.POST)
                if not reject_form.is_valid():
                    raise submissions.DecisionError(_("Give a reason for rejecting."))
                submissions.reject(submission.pk, request.user, reject_form.cleaned_data["reason"])
            elif action == "spam":
                submissions.reject_as_spam(submission.pk, request.user)
            else:
                raise submissions.DecisionError(
                    _("Choose approve, approve with edits, reject, or reject as spam."))
        except submissions.DecisionError as error:
            messages.error(request, error.message)
            if error.form is not None and action == "approve_edited":
                edit_form.is_valid()  # shows the same problems on the moderator's fields
            status = 400
        else:
            messages.success(request, _("Submission %(id)s rejected as spam: no email goes to the "
                                        "sender, and their contact is erased.") % {"id": submission.pk}
                             if action == "spam" else
                             _("Submission %(id)s decided.") % {"id": submission.pk})
            return redirect("moderation-queue")
        submission.refresh_from_db()
    return render(request, "moderation/review.html", {
        "review": submissions.review(submission), "submission": submission,
        "edit_form": edit_form, "reject_form": reject_form,
        "show_contact": can.can_see_submitter_contact(request.user, submission),
        "twins": twins_of_submission(submission) if submission.is_pending else [],
    }, status=status)


def _unprefixed(post) -> dict:
    """The moderator's edited listing (fields prefixed "edit-") as plain listing form data."""
    return {name: post.getlist(f"edit-{name}") if name in ("focus", "languages")
            else post.get(f"edit-{name}", "")
            for name in (*LISTING_FIELDS, "crosses_midnight", "location_approximate")}


# --- Coaches ---------------------------------------------------------------------------------

# Listings to check a page; an area can hold thousands.
AREA_PAGE_SIZE = 25


@never_cache
@requires(can.can_verify_meeting)
def my_area(request):
    """The listings in the coach's area that need a check, each verified in one tap, and the
    requests parents sent about listings there; complete without any scheduled job."""
    profile, _created = CoachProfile.objects.get_or_create(user=request.user)
    if not profile.has_area:
        return render(request, "curation/my_area.html", {"profile": profile})
    worklist = area_worklist(profile)
    page = worklist.page(request.GET.get("page"), AREA_PAGE_SIZE)
    return render(request, "curation/my_area.html", {
        "profile": profile, "worklist": worklist, "page": page,
        # Each listing's form names its fields apart, for labels that find their boxes.
        "rows": [(meeting, CheckForm(auto_id=f"check-{meeting.pk}-%s")) for meeting in page],
        "here": request.get_full_path(), "stale_days": settings.VILLAGE_STALE_AFTER_DAYS,
    })


@requires(can.can_edit_meeting, on=any_meeting)
def edit_meeting(request, meeting):
    form = (bind_listing_form(ListingForm, request.POST, instance=meeting)
            if request.method == "POST" else ListingForm(instance=meeting))
    if request.method == "POST":
        if form.is_valid():
            # "Still meets as listed" sends the form too, so that no change in it is lost.
            if "still_meets" in request.POST and not form.has_changed():
                coaching.verify(meeting, by=request.user)
                messages.success(request, _("Marked verified: still meets as listed, checked today."))
            else:
                coaching.edit_listing(form, by=request.user)
                messages.success(request, _("Listing saved, and counted as checked today."))
            return redirect(meeting.get_absolute_url())
        meeting.refresh_from_db()
    return render(request, "submissions/edit.html", {"form": form, "meeting": meeting},
                  status=400 if form.errors else 200)


@require_POST
@requires(can.can_verify_meeting, on=any_meeting)
def verify_meeting(request, meeting):
    form = CheckForm(request.POST)
    if not form.is_valid():
        return render(request, "submissions/verify.html", {"form": form, "meeting": meeting},
                      status=400)
    meeting = coaching.verify(meeting, by=request.user, how=form.cleaned_data["how"],
                              note=form.cleaned_data["note"])
    # "3 December 2026" in English, "3 de diciembre de 2026" in Spanish.
    checked = date_format(meeting.last_verified, "DATE_FORMAT")
    messages.success(request, _("Marked verified: still meets here, checked on %(date)s.")
                     % {"date": checked})
    return redirect(_next_or(request, meeting.get_absolute_url()))


@require_POST
@requires(can.can_add_coach_note, on=any_meeting)
def add_coach_note(request, meeting):
    form = CoachNoteForm(request.POST)
    if not form.is_valid():
        return render(request, "submissions/coach_note.html", {"form": form, "meeting": meeting}, status=400)
    coaching.add_note(meeting, form, by=request.user)
    messages.success(request, _("Note added; parents see it on the meeting's page."))
    return redirect(meeting.get_absolute_url())


@requires(can.can_add_coach_note, on=any_meeting)
def coach_note_form(request, meeting):
    return render(request, "submissions/coach_note.html", {"form": CoachNoteForm(), "meeting": meeting})


@require_POST
@requires(can.can_delete_coach_note, on=coach_note)
def delete_coach_note(request, note):
    note.delete()
    messages.success(request, _("Note removed."))
    return redirect(note.meeting.get_absolute_url())


def _history_reader(request) -> dict:
    """How this reader sees a meeting's history: in their zone (their area's, else the site's),
    with people's roles, and the first names requesters gave."""
    profile = CoachProfile.objects.filter(user=request.user).values_list("timezone", flat=True).first()
    return {"zone": history.reader_zone(profile), "role_of": _role_label,
            "requesters": _requester_names}


def _requester_names(numbers) -> dict[int, str]:
    # Read now, not stored with the history: a first name erased with the rest of a
    # submitter's contact is no longer shown in any meeting's history either.
    return dict(Submission.objects.filter(pk__in=numbers).exclude(first_name="")
                .values_list("pk", "first_name"))


def _role_label(user) -> str:
    # Translators: roles named next to a person in a meeting's history: "Ana (moderator)".
    return {Role.MODERATOR: pgettext("role in a history", "moderator"),
            Role.COACH: pgettext("role in a history", "peer coach")}.get(role_of(user), "")


def _version_or_404(meeting, history_id):
    record = meeting.history.select_related("history_user").filter(history_id=history_id).first()
    if record is None:
        raise Http404(_("Version %(id)s is not in this meeting's history.") % {"id": history_id})
    return record


def _named_version(request, meeting, record) -> str:
    """The version's name, as the history page gives it: its time to the second and who made it."""
    entry = next(entry for entry in history.meeting_history(meeting, **_history_reader(request))
                 if entry.history_id == record.history_id)
    return entry.name


def _expected_latest(request) -> int | None:
    """The latest version the preview was made against, carried by the confirmation form."""
    try:
        return int(request.POST["latest"])
    except (KeyError, ValueError):
        return None


# Translators: the answer to a confirmation sent without the preview's "latest" field.
NO_PREVIEW = gettext_lazy("latest: confirm from the preview page, which says which version it showed.")


@requires(can.can_view_history, on=any_meeting)
def meeting_history(request, meeting):
    return render(request, "moderation/history.html", {
        "meeting": meeting, "entries": history.meeting_history(meeting, **_history_reader(request)),
        "can_revert": can.can_revert_meeting(request.user, meeting),
        "can_undo": can.can_undo_own_change(request.user, meeting),
    })


@require_POST
@requires(can.can_edit_meeting, on=any_meeting)
def undo_own_change(request, meeting):
    if history.undo_last_change(meeting, by=request.user) is None:
        messages.error(request, _("Someone changed the listing after you, so your change can no "
                                  "longer be undone here; ask a moderator."))
        return redirect("meeting-history", slug=meeting.slug)
    messages.success(request, _("Your last change is undone; the undoing is in the history too."))
    return redirect("meeting-history", slug=meeting.slug)


@requires(can.can_revert_meeting, on=any_meeting)
def revert_meeting(request, meeting, history_id):
    """GET: what going back to the version would change; POST (from that page): do it, unless
    the meeting changed since the page was shown."""
    record = _version_or_404(meeting, history_id)
    stale = False
    if request.method == "POST":
        if (expected := _expected_latest(request)) is None:
            return HttpResponse(NO_PREVIEW, status=400, content_type="text/plain; charset=utf-8")
        try:
            history.revert_meeting(meeting, history_id, by=request.user, expected_latest=expected)
        except history.HistoryMoved:
            stale = True
            meeting.refresh_from_db()
        else:
            messages.success(request, _("Reverted; the revert is in the history too."))
            return redirect("meeting-history", slug=meeting.slug)
    return render(request, "moderation/revert_preview.html", {
        "meeting": meeting, "version": _named_version(request, meeting, record), "record": record,
        "changes": history.revert_changes(meeting, history_id),
        "latest": history.latest_version(meeting), "stale": stale,
    }, status=409 if stale else 200)


@requires(can.can_revert_meeting, on=any_meeting)
def undo_field_change(request, meeting, history_id, field):
    """GET: what undoing one field's change of a version would do; POST (from that page): do
    it, leaving later changes as they are, unless the field or the meeting changed since."""
    record = _version_or_404(meeting, history_id)
    try:
        undo = history.undo_preview(meeting, history_id, field)
    except meeting.history.model.DoesNotExist:
        raise Http404(_("Version %(id)s did not change “%(field)s”.")
                      % {"id": history_id, "field": field}) from None
    stale = False
    if request.method == "POST" and (expected := _expected_latest(request)) is None:
        return HttpResponse(NO_PREVIEW, status=400, content_type="text/plain; charset=utf-8")
    if request.method == "POST" and undo.possible:
        try:
            history.undo_field_change(meeting, history_id, field, by=request.user,
                                      expected_latest=expected)
        except (history.HistoryMoved, history.ChangedAgainLater):
            stale = True
            meeting.refresh_from_db()
            undo = history.undo_preview(meeting, history_id, field)
        else:
            messages.success(request, _("Undone; the other changes stay as they are, and the "
                                        "undoing is in the history too."))
            return redirect("meeting-history", slug=meeting.slug)
    elif request.method == "POST":
        stale = True
    return render(request, "moderation/undo_preview.html", {
        "meeting": meeting, "version": _named_version(request, meeting, record), "undo": undo,
        "latest": history.latest_version(meeting), "stale": stale,
    }, status=409 if stale else 200)


# --- Collections -----------------------------------------------------------------------------

@never_cache
@requires(can.can_create_collection)
def collection_list(request):
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collection = collecting.create(form, owner=request.user)
        messages.success(request, _("Collection “%(name)s” created.") % {"name": collection.name})
        return redirect(collection)
    return render(request, "collections/list.html", {
        "collections": Collection.objects.filter(owner=request.user), "form": form,
    }, status=400 if form.errors else 200)


@never_cache
def collection_detail(request, token):
    collection = collection_at({"token": token})
    if not can.can_view_collection(request.user, collection):
        # A private collection is not there at all for anyone but its owner.
        raise Http404("No such collection.")
    owner_view = can.can_edit_collection(request.user, collection)
    calendar_path = reverse("collection-calendar", kwargs={"token": collection.token})
    return render(request, "collections/detail.html", {
        "collection": collection, "owner_view": owner_view,
        "items": collecting.items_for(collection, owner_view=owner_view),
        "share_url": request.build_absolute_uri(collection.get_absolute_url()),
        # A calendar app subscribes to this and keeps it as the collection changes.
        "webcal_url": "webcal://" + request.get_host() + calendar_path,
    })


@require_POST
@requires(can.can_edit_collection, on=collection_at)
def collection_move(request, collection, slug, direction):
    if direction not in MOVES:
        raise Http404("A meeting moves up or down.")
    collecting.move(collection, get_object_or_404(Meeting, slug=slug), MOVES[direction])
    return redirect(collection)


@require_POST
@requires(can.can_edit_collection, on=collection_at)
def collection_note(request, collection, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    form = CollectionNoteForm(request.POST)
    if not form.is_valid():
        return render(request, "collections/note.html", {
            "form": form, "collection": collection, "meeting": meeting}, status=400)
    if not collecting.set_note(collection, meeting, form.cleaned_data["note"]):
        raise Http404("That meeting is not in this collection.")
    messages.success(request, _("Note saved."))
    return redirect(collection)


@require_POST
@requires(can.can_create_collection)
def collection_add_many(request):
    form = AddManyToCollectionForm(request.POST, owner=request.user)
    if not form.is_valid():
        return render(request, "collections/add_many.html", {
            "form": form, "back": _next_or(request, reverse("search"))}, status=400)
    collection = form.cleaned_data["collection"]
    if not can.can_edit_collection(request.user, collection):
        return refuse(request)
    added = collecting.add_meetings(collection, form.cleaned_data["meetings"])
    # The next page of results offers the same collection first.
    request.session[LAST_COLLECTION] = collection.token
    messages.success(request, ngettext("Added %(count)s meeting to “%(name)s”.",
                                       "Added %(count)s meetings to “%(name)s”.", added)
                     % {"count": added, "name": collection.name})
    return redirect(_next_or(request, collection.get_absolute_url()))


@never_cache
def collection_flyer(request, token):
    """The collection as a one-page flyer to print and hand out, with its link as a QR code."""
    collection = collection_at({"token": token})
    if not collection.is_shared:
        # Printed and handed out, it must open for whoever scans it.
        raise Http404("Only a collection shared by link has a flyer.")
    share_url = request.build_absolute_uri(collection.get_absolute_url())
    return render(request, "collections/flyer.html", {
        "collection": collection, "flyer": collecting.flyer(collection, share_url),
        "share_url": share_url})


def collection_feed(request, token):
    """The collection as a Meeting Guide JSON feed, in its order: for another meeting finder
    or app to read, by the same writer as the site's own feed."""
    collection = get_object_or_404(Collection, token=token)
    if not can.can_view_collection(request.user, collection):
        raise Http404("No such collection.")
    meetings = collecting.meetings_for(collection, owner_view=False)
    records = {record["slug"]: record for record in meeting_guide.feed_records(
        Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings]),
        page_url=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()))}
    response = JsonResponse([records[meeting.slug] for meeting in meetings], safe=False)
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(collection.name) or "collection"}.json"')
    return response


def collection_csv(request, token):
    collection = get_object_or_404(Collection, token=token)
    if not can.can_view_collection(request.user, collection):
        raise Http404("No such collection.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(collection.name) or "collection"}.csv"')
    collecting.write_csv(response, collecting.items_for(collection, owner_view=False),
                         page_url=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()))
    return response


@requires(can.can_edit_collection, on=collection_at)
def edit_collection(request, collection):
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Collection saved."))
            return redirect(collection)
        collection.refresh_from_db()
    return render(request, "collections/edit.html", {"form": form, "collection": collection},
                  status=400 if form.errors else 200)


@require_POST
@requires(can.can_edit_collection, on=collection_at)
def collection_new_link(request, collection):
    collecting.new_link(collection)
    messages.success(request, _("New link made; the old link no longer opens this collection."))
    return redirect(collection)


@require_POST
@requires(can.can_edit_collection, on=collection_at)
def delete_collection(request, collection):
    collection.delete()
    messages.success(request, _("Collection “%(name)s” deleted.") % {"name": collection.name})
    return redirect("collection-list")


@require_POST
@requires(can.can_edit_collection, on=collection_at)
def remove_from_collection(request, collection, slug):
    collecting.remove_meeting(collection, get_object_or_404(Meeting, slug=slug))
    return redirect(collection)


@requires(can.can_create_collection, on=any_meeting)
def add_to_collection(request, meeting):
    form = AddToCollectionForm(request.POST or None, owner=request.user)
    if request.method == "POST":
        if form.is_valid():
            collection = form.cleaned_data["collection"]
            if not can.can_edit_collection(request.user, collection):
                return refuse(request)
            added = collecting.add_meeting(collection, meeting)
            request.session[LAST_COLLECTION] = collection.token
            messages.success(request, (_("Added to “%(name)s”.") if added
                                       else _("Already in “%(name)s”.")) % {"name": collection.name})
            return redirect(_next_or(request, meeting.get_absolute_url()))
    return render(request, "collections/add.html", {"form": form, "meeting": meeting},
                  status=400 if form.errors else 200)


def collection_calendar(request, token):
    collection = get_object_or_404(Collection, token=token)
    if not can.can_view_collection(request.user, collection):
        raise Http404("No such collection.")
    # Only published meetings: a calendar is often shared further than the collection's page.
    items = collecting.items_for(collection, owner_view=False)
    notes = {item.meeting_id: collecting.notes_of(item) for item in items}
    return ics_response(request, [item.meeting for item in items], collection.name,
                        slugify(collection.name) or "meetings",
                        notes=lambda meeting: notes[meeting.pk])


def _next_or(request, default):
    target = request.POST.get("next", "")
    # Only paths on this site, never another host.
    return target if target.startswith("/") and not target.startswith("//") else default
