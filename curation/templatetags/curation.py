"""Template tags the meeting page uses for curation: coach notes and the tools a person may use.

    {% load curation %}
    {% coach_notes meeting %}      notes from peer coaches, for everyone
    {% last_checked meeting %}     "Last checked <date>", flagged when stale (search results too)
    {% curation_tools meeting %}   suggest a change / report closed, and coach or moderator tools
"""
from django import template

from accounts import permissions as can

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
    }


@register.inclusion_tag("meetings/_last_checked.html")
def last_checked(meeting):
    """"Last checked 3 May 2026", with a warning when the listing is stale; for every listing."""
    return {"meeting": meeting, "stale": meeting.is_stale()}
