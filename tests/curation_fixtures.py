"""Fixtures shared by the curation tests: Celery tasks run in the test process even when
REDIS_URL points at a broker (as in CI), so no test needs a worker."""
import pytest


@pytest.fixture(autouse=True)
def eager_tasks():
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
