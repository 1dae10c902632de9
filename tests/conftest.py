"""Shared fixtures: an empty cache for every test, a headless Chromium page for browser tests
and the log-in steps several of them take."""
import importlib
import os
import shutil

import pytest

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(autouse=True)
def vocabulary_after_flush(request):
    """Live-server tests flush the database after each test, taking the focus and language
    vocabularies that a data migration made; put them back for every such test."""
    if "live_server" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    from django.apps import apps

    request.getfixturevalue("transactional_db")
    importlib.import_module("meetings.migrations.0002_vocabulary").add_vocabulary(apps, None)
    importlib.import_module("meetings.migrations.0013_focus_names_in_spanish").name_focuses_in_spanish(
        apps, None)


@pytest.fixture(autouse=True)
def tasks_run_in_process(settings):
    """Celery tasks run inside the test even when REDIS_URL points at a broker (as in CI), so
    no test needs a worker; and passwords hash quickly, since many tests make people."""
    from config.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to a Spanish page leaves Spanish active in this thread (LocaleMiddleware does
    not undo it); the next test starts in the site's language."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def throttles_out_of_reach(settings):
    """Tests run searches and calendars faster than any parent (core/throttling.py): the
    throttle still counts every request, at a rate no test reaches; its own tests set theirs."""
    settings.VILLAGE_THROTTLE_RATES = dict.fromkeys(settings.VILLAGE_THROTTLE_RATES, "100000/m")


@pytest.fixture(autouse=True)
def static_files_by_their_own_names(settings):
    """Tests run without collectstatic, so there is no manifest of hashed names: pages link
    each static file by its own name, as under DEBUG, and the live server finds it there.
    tests/config/test_static_files.py collects some to test the hashed names."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, also when the cache is a shared Redis."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def chromium_path():
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return next(filter(None, (shutil.which(name) for name in CHROMIUM_CANDIDATES)), None)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests, but no chromium was found.")
        pytest.skip("No chromium found (apt-get install chromium, or set CHROMIUM_PATH).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the
    # tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in():
    """Log in through the real log-in page, landing on the account page: log_in(page, person)."""
    from tests.factories import PASSWORD

    def log_in(page, person):
        page.goto("/en/accounts/login/")
        page.locator("input[name=login]").fill(person.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/accounts/profile/")

    return log_in
