"""The Celery app; runs tasks in-process unless REDIS_URL points at a broker."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("village")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
