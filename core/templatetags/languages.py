"""The language switcher: this same page in each language the site speaks."""
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Each language with the address of this page in it, query string kept, so a search
    switched to Spanish is still the same search."""
    request = context.get("request")
    here = request.get_full_path() if request else "/"
    active = get_language()
    return [LanguageLink(code, name, translate_url(here, code), code == active)
            for code, name in settings.LANGUAGES]
