"""Template tags for the frame every page shares: what the header offers a person, and form
fields in the site's style for forms we do not build ourselves (django-allauth's).

    {% load layout %}
    {% header_links as links %}   links.moderate, links.collections: which role links to show
    {{ field|site_input }}        the field with the site's input class on its widget
"""
from django import template

from accounts import permissions as can
from core.forms import site_input_class

register = template.Library()


@register.simple_tag(takes_context=True)
def header_links(context):
    """The role links a person sees in the header; anonymous visitors cost no query."""
    user = context["request"].user
    return {"moderate": can.can_moderate(user), "collections": can.can_create_collection(user),
            "area": can.can_verify_meeting(user), "feeds": can.can_manage_feeds(user)}


@register.filter
def site_input(field):
    """A bound field whose widget carries the class the site styles ("input" or "select");
    checkboxes and radios keep the browser's own control, as in core.forms.StyledForm."""
    if css := site_input_class(field.field.widget):
        field.field.widget.attrs.setdefault("class", css)
    return field
