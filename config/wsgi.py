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

# What is loaded now lives as long as the process: half a million objects that the collector
# would otherwise walk on every full collection, a pause of 0.4 s in the middle of some
# parent's request. Frozen, they are left alone (and the preloaded workers share their pages).
import gc  # noqa: E402

gc.freeze()
