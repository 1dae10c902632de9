"""Links to other sites, only when they are plain web addresses."""
from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def web_url(value: str) -> str:
    """The address if it is http(s), else "": imported listings can carry anything."""
    if value and urlsplit(str(value)).scheme.lower() in {"http", "https"}:
        return value
    return ""
