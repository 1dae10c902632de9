"""Who may do what, in one place: every view and API endpoint asks these functions.

Role permissions come from the auth groups (accounts.roles); the rules about particular
objects (a coach edits the collections they own) are written out here.
"""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from meetings.history import undoable_by


def can_edit_meeting(user, meeting=None) -> bool:
    return user.is_authenticated and user.has_perm("meetings.change_meeting")


def can_verify_meeting(user, meeting=None) -> bool:
    return user.is_authenticated and user.has_perm("meetings.verify_meeting")


def can_add_coach_note(user, meeting=None) -> bool:
    return user.is_authenticated and user.has_perm("curation.add_coachnote")


def can_delete_coach_note(user, note) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("curation.delete_coachnote"):
        return True
    return note.author_id == user.pk and user.has_perm("curation.add_coachnote")


def can_create_collection(user, meeting=None) -> bool:
    return user.is_authenticated and user.has_perm("curation.add_collection")


def can_edit_collection(user, collection) -> bool:
    """Only the owner edits a collection, and only while they still hold a coach's role."""
    return (user.is_authenticated and collection.owner_id == user.pk
            and user.has_perm("curation.add_collection"))


def can_view_collection(user, collection) -> bool:
    """A collection shared by link opens for anyone with the link; a private one for its owner."""
    return collection.is_shared or (user.is_authenticated and collection.owner_id == user.pk)


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm("curation.moderate_submission")


def can_view_history(user, meeting=None) -> bool:
    return user.is_authenticated and user.has_perm("meetings.view_historicalmeeting")


def can_revert_meeting(user, meeting=None) -> bool:
    return can_moderate(user) and user.has_perm("meetings.change_meeting")


def can_undo_own_change(user, meeting) -> bool:
    """A coach (or moderator) undoes their own change while it is the meeting's latest."""
    return can_edit_meeting(user) and undoable_by(meeting, user) is not None


def can_see_submitter_contact(user, submission=None) -> bool:
    return can_moderate(user)


def is_area_limited(user) -> bool:
    """Whether a moderator is limited to areas (curation.ModeratorArea, read by its reverse
    name: accounts imports no curation); a superuser never is."""
    return user.is_authenticated and not user.is_superuser and user.moderator_areas.exists()


def can_manage_feeds(user, source=None) -> bool:
    """Register, edit, refresh, preview and delete feed sources."""
    return can_moderate(user) and user.has_perm("feeds.change_feedsource")


def can_resolve_import_conflicts(user, conflict=None) -> bool:
    return can_moderate(user) and user.has_perm("feeds.change_importconflict")


def can_manage_roles(user) -> bool:
    """A whole-site moderator: one limited to areas could otherwise give a fresh account the
    whole site (a moderator starts with no areas)."""
    return (user.is_authenticated and user.has_perm("accounts.manage_roles")
            and not is_area_limited(user))


def can_view_role_log(user) -> bool:
    return can_moderate(user)


def refuse(request):
    """The answer to a request someone may not make: log in first, or 403 if logged in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def requires(rule, *, on=None):
    """A view decorator: the view answers only people for whom `rule(user)` holds, or, with
    `on`, `rule(user, thing)` for the thing `on` finds from the URL's arguments (it takes the
    ones it reads out of the dict it is given, and raises Http404 for a thing not there). The
    view is then called with the thing after the request. Everyone else is refused."""

    def decorate(view):
        @wraps(view)
        def guarded(request, **kwargs):
            if on is None:
                allowed, args = rule(request.user), ()
            else:
                thing = on(kwargs)
                allowed, args = rule(request.user, thing), (thing,)
            if not allowed:
                return refuse(request)
            return view(request, *args, **kwargs)
        return guarded
    return decorate
