"""The Celery app; runs tasks in-process unless REDIS_URL points at a broker."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("village")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task, *args):
    """Send a task to the workers. Without a broker (tasks eager) run it here, retries and all,
    without raising at the caller: a task's failure is the task's to report, as on a worker."""
    if not app.conf.task_always_eager:
        return task.delay(*args)
    # An eager retry re-applies the task reading this setting again, so `apply(throw=False)`
    # alone would still raise from the second retry on.
    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    try:
        return task.apply(args=args)
    finally:
        app.conf.task_eager_propagates = propagates
