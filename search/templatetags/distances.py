"""How distances read on the pages: "16 miles" for a radius given in km."""
import math

from django import template

from places.geometry import MILES, distance_words

register = template.Library()


@register.filter
def miles(km) -> str:
    """A distance in km as whole miles, "16 miles"; "" for what is no number (or no finite
    one: a typed radius of "inf" comes back to the form with its error)."""
    try:
        km = float(km)
    except (TypeError, ValueError):
        return ""
    return distance_words(km, MILES) if math.isfinite(km) else ""
