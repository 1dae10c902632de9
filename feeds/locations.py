"""Where a feed source may be read from, and whether two locations are the same feed.

A source registered from the site or the admin is an http(s) URL, or a file inside the one
directory the server keeps feeds in (settings.VILLAGE_FEED_FILES_DIR, unset by default): a
moderator is not the server's administrator, and a source reading /etc/passwd or a settings
file would show parts of it in the run's report. Whoever runs `manage.py import_meetings` on
the server may read any file the server can.
"""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

URL_SCHEMES = ("http://", "https://")


def is_url(location: str) -> bool:
    return location.startswith(URL_SCHEMES)


def same_place(location: str) -> str:
    """A location written the way every other spelling of it is: a file's absolute path with
    links and `..` resolved, a URL as given."""
    if is_url(location):
        return location
    return str(Path(location).expanduser().resolve())


def feed_files_dir() -> Path | None:
    configured = getattr(settings, "VILLAGE_FEED_FILES_DIR", "")
    return Path(configured).expanduser().resolve() if configured else None


def validate_site_location(location: str) -> str:
    """The location a moderator typed, as it will be stored; ValidationError says why not."""
    location = location.strip()
    if is_url(location):
        try:
            URLValidator(schemes=["http", "https"])(location)
        except ValidationError:
            raise ValidationError(_("'%(location)s' is not a web address."),
                                  params={"location": location}) from None
        return location
    directory = feed_files_dir()
    if directory is None:
        raise ValidationError(_("Give the feed's web address, starting with https:// or http://. "
                                "Files on the server can be imported only by its administrator "
                                "(manage.py import_meetings)."))
    path = Path(location) if Path(location).is_absolute() else directory / location
    path = path.resolve()
    if not path.is_relative_to(directory):
        raise ValidationError(_("Give the feed's web address, or a file in %(directory)s."),
                              params={"directory": directory})
    return str(path)
