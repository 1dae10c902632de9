"""WSGI entry point for gunicorn."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Build the offline gazetteer before the first parent waits for it (a few seconds, once).
from django.conf import settings  # noqa: E402

if settings.VILLAGE_GEOCODER == "gazetteer":
    from places.geocoding import gazetteer  # noqa: E402

    gazetteer()
