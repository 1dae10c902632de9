"""Settings shared by the curation tests (import `curation_settings` into a test module):
Celery tasks run in the test process even when REDIS_URL points at a broker (as in CI), so no
test needs a worker; and passwords hash quickly, as these tests make many people."""
import pytest


@pytest.fixture(autouse=True)
def curation_settings(settings):
    from config.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
