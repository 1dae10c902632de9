"""The Celery app; runs tasks in-process unless REDIS_URL points at a broker."""
import logging
import os

from celery import Celery, Task
from kombu.exceptions import OperationalError

from .databases import reads_from_primary

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)



class PrimaryDatabaseTask(Task):
    """Every task reads the primary (config.databases), also when it runs inside a request
    that reads a replica, as tasks do without a broker: what a task writes it may read back."""

    def __call__(self, *args, **kwargs):
        with reads_from_primary():
            return super().__call__(*args, **kwargs)


app = Celery("village", task_cls=PrimaryDatabaseTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task, *args):
    """Send a task to the workers. Without a broker (tasks eager) run it here, retries and all,
    without raising at the caller: a task's failure is the task's to report, as on a worker.

    A broker that is down is not the caller's failure either: sending gives up within the
    broker timeouts (config.settings), is logged, and None is returned. What the task would
    have done is picked up later: emails stay due, a meeting without a position is geocoded at
    its next save or import, a due feed source at a later beat."""
    if not app.conf.task_always_eager:
        try:
            return task.delay(*args)
        except (OperationalError, OSError) as error:
            # Arguments are ids only; the error names the broker's address, not a person's.
            logger.warning("Could not queue %s%r: broker unreachable (%s).", task.name, args, error)
            return None
    # An eager retry re-applies the task reading this setting again, so `apply(throw=False)`
    # alone would still raise from the second retry on.
    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    try:
        return task.apply(args=args)
    finally:
        app.conf.task_eager_propagates = propagates
