"""Template tags the meeting page uses for curation: coach notes and the tools a person may use.

    {% load curation %}
    {% coach_notes meeting %}      notes from peer coaches, for everyone
    {% last_checked meeting %}     "Last checked <date>", flagged when stale (search results too)
    {% how_checked meeting %}      how a coach made that check (phone call, visit, an edit…)
    {% curation_tools meeting %}   suggest a change / report closed, and coach or moderator tools
"""
from django import template
from django.utils import timezone

from accounts import permissions as can

from ..forms import CheckForm

register = template.Library()


@register.inclusion_tag("meetings/_coach_notes.html", takes_context=True)
def coach_notes(context, meeting):
    user = context["request"].user
    notes = list(meeting.coach_notes.all())
    return {"meeting": meeting, "notes": notes, "csrf_token": context.get("csrf_token"),
            "deletable": {note.pk for note in notes if can.can_delete_coach_note(user, note)}}


@register.inclusion_tag("meetings/_curation_tools.html", takes_context=True)
def curation_tools(context, meeting):
    request = context["request"]
    user = request.user
    return {
        "meeting": meeting,
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path(),
        "can_edit": can.can_edit_meeting(user, meeting),
        "can_verify": can.can_verify_meeting(user, meeting),
        "can_add_note": can.can_add_coach_note(user, meeting),
        "can_collect": can.can_create_collection(user),
        "can_view_history": can.can_view_history(user, meeting),
        "collections": user.collections.all() if can.can_create_collection(user) else [],
        "check_form": CheckForm(auto_id="check-%s"),
    }


@register.inclusion_tag("meetings/_how_checked.html")
def how_checked(meeting):
    """How the listing's last check was made ("by a phone call"), when a coach recorded it."""
    check = meeting.checks.first()
    if check is None or timezone.localdate(check.checked_at) != meeting.last_verified:
        check = None
    return {"check": check}


@register.inclusion_tag("meetings/_last_checked.html")
def last_checked(meeting):
    """"Last checked 3 May 2026", with a warning when the listing is stale; for every listing."""
    return {"meeting": meeting, "stale": meeting.is_stale()}


@register.simple_tag(takes_context=True)
def collection_picker(context):
    """For a coach on a page of meetings: her collections, the one she last added to first,
    for ticking meetings into one; None for everyone else (and no query for a visitor)."""
    request = context["request"]
    if not can.can_create_collection(request.user):
        return None
    collections = list(request.user.collections.all())
    last = request.session.get("last_collection")
    collections.sort(key=lambda collection: collection.token != last)
    return {"collections": collections, "here": request.get_full_path()}

