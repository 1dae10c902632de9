"""How distances read on the pages: "16 miles" for a radius given in km."""
from django import template

from places.geometry import MILES, distance_words

register = template.Library()


@register.filter
def miles(km) -> str:
    """A distance in km as whole miles, "16 miles"; "" for what is no number."""
    try:
        return distance_words(float(km), MILES)
    except (TypeError, ValueError):
        return ""
