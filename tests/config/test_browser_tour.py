"""Every page a person uses, opened in headless Chromium by the role that uses it: it answers,
runs without script errors, has a main landmark and a heading, offers the quick exit, labels
every control and loads nothing from another site; then the interactions no other browser test
makes (a coach's edit, a revert, a rejection, a sign-up, a feed source in the admin)."""
import re
from dataclasses import dataclass, replace
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import LocalePrefixPattern, get_resolver

from curation import areas, collecting
from curation.models import ModeratorArea, Submission, SubmissionKind
from feeds.models import ImportConflict
from meetings.history import save_meeting
from meetings.listing import current_listing
from meetings.models import Meeting
from places.models import GeocodedAddress
from tests.factories import (
    DATA,
    PASSWORD,
    CoachFactory,
    CoachNoteFactory,
    CollectionFactory,
    FeedSourceFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

ANONYMOUS, PARENT, COACH, MODERATOR, ADMIN = "anonymous", "parent", "coach", "moderator", "admin"
EVERYONE = (ANONYMOUS, PARENT, COACH, MODERATOR)
SIGNED_IN = (PARENT, COACH, MODERATOR)
CURATORS = (COACH, MODERATOR)

# What a kind of page must have beyond answering cleanly and staying on this site.
SITE, ADMIN_PAGE, DEVELOPER = "site", "admin", "developer"


@dataclass(frozen=True)
class Page:
    path: str  # formatted with the world, as {w.meeting.slug}
    roles: tuple
    kind: str = SITE
    lands_on: str = ""  # a pattern for the path a page redirects to, if it does
    status: int = 200
    wait_until: str = "load"


@dataclass(frozen=True)
class Download:
    path: str
    roles: tuple
    content_type: str
    contains: str  # formatted with the world


PAGES = [
    # Finding a meeting.
    Page("/en/", EVERYONE),
    Page("/en/?near=15222", (ANONYMOUS, COACH)),
    Page("/en/soon/?near=15222", (ANONYMOUS,)),
    Page("/en/meetings/{w.meeting.slug}/", EVERYONE),
    Page("/en/meetings/{w.meeting.slug}/?back=near%3D15222", (ANONYMOUS,)),
    Page("/en/privacy/", EVERYONE),
    Page("/en/my-meetings/", (ANONYMOUS,)),
    Page("/en/my-meetings/?m={w.meeting.slug}", EVERYONE),
    # Keeping listings true, open to anyone.
    Page("/en/suggest/", (ANONYMOUS, PARENT)),
    Page("/en/suggest/thanks/", (ANONYMOUS,)),
    Page("/en/meetings/{w.meeting.slug}/suggest-change/", (ANONYMOUS, PARENT)),
    Page("/en/meetings/{w.meeting.slug}/report-closed/", (ANONYMOUS, PARENT)),
    # A coach's collection: a stranger opens it by its link, its owner sees it all.
    Page("/en/collections/{w.collection.token}/", (ANONYMOUS, COACH)),
    Page("/en/collections/{w.collection.token}/flyer/", (ANONYMOUS, COACH)),
    # Accounts (django-allauth's pages and our own).
    Page("/en/accounts/login/", (ANONYMOUS,)),
    Page("/en/accounts/signup/", (ANONYMOUS,)),
    Page("/en/accounts/confirm-email/", (ANONYMOUS,)),
    Page("/en/accounts/confirm-email/{w.confirm_key}/", (ANONYMOUS,)),
    Page("/en/accounts/password/reset/", (ANONYMOUS,)),
    Page("/en/accounts/password/reset/done/", (ANONYMOUS,)),
    Page("/en/accounts/password/reset/key/{w.reset_key}/", (ANONYMOUS,),
         lands_on=r"/en/accounts/password/reset/key/\w+-set-password/"),
    Page("/en/accounts/password/reset/key/done/", (ANONYMOUS,)),
    Page("/en/accounts/inactive/", (ANONYMOUS,)),
    Page("/en/accounts/profile/", SIGNED_IN),
    Page("/en/accounts/email/", SIGNED_IN),
    Page("/en/accounts/password/change/", SIGNED_IN),
    # Everyone here has a password, so the page for setting a first one leads to changing it.
    Page("/en/accounts/password/set/", (PARENT,), lands_on="/en/accounts/password/change/"),
    Page("/en/accounts/reauthenticate/", SIGNED_IN),
    Page("/en/accounts/logout/", SIGNED_IN),
    # Coaches' tools.
    Page("/en/meetings/{w.meeting.slug}/edit/", CURATORS),
    Page("/en/meetings/{w.meeting.slug}/notes/", CURATORS),
    Page("/en/meetings/{w.meeting.slug}/collect/", CURATORS),
    Page("/en/collections/", CURATORS),
    Page("/en/coach/area/", CURATORS),
    Page("/en/collections/{w.collection.token}/edit/", (COACH,)),
    # Moderation.
    Page("/en/moderate/", (MODERATOR, ADMIN)),
    Page("/en/moderate/?kind=change&area=Pittsburgh", (MODERATOR,)),
    Page("/en/moderate/?kind=conflicts", (MODERATOR,)),
    Page("/en/moderate/?page=2", (MODERATOR,)),
    Page("/en/moderate/{w.new_meeting.pk}/", (MODERATOR,)),
    Page("/en/moderate/{w.change.pk}/", (MODERATOR,)),
    Page("/en/moderate/{w.closure.pk}/", (MODERATOR,)),
    Page("/en/moderate/{w.rejected.pk}/", (MODERATOR,)),
    Page("/en/meetings/{w.meeting.slug}/history/", (COACH, MODERATOR)),
    Page("/en/meetings/{w.meeting.slug}/history/{w.first_version}/revert/", (MODERATOR,)),
    Page("/en/meetings/{w.meeting.slug}/history/{w.coach_version}/undo/children/", (MODERATOR,)),
    Page("/en/accounts/roles/", (MODERATOR,)),
    Page("/en/accounts/roles/?q=person", (MODERATOR,)),
    Page("/en/moderate/sources/", (MODERATOR, ADMIN)),
    Page("/en/moderate/sources/add/", (MODERATOR,)),
    Page("/en/moderate/sources/{w.source.pk}/", (MODERATOR,)),
    Page("/en/moderate/sources/{w.file_source.pk}/preview/", (MODERATOR,)),
    Page("/en/moderate/sources/{w.source.pk}/delete/", (MODERATOR,)),
    Page("/en/accounts/roles/log/", (MODERATOR,)),
    Page("/en/moderate/moderators/{w.moderator.pk}/areas/", (MODERATOR,)),
    Page("/en/moderate/moderators/{w.area_moderator.pk}/areas/", (MODERATOR, ADMIN)),
    # The Django admin; its log-in is the site's, by email.
    Page("/admin/login/", (ANONYMOUS,), kind=ADMIN_PAGE, lands_on=r"/[a-z]{2}/accounts/login/"),
    Page("/admin/", (MODERATOR,), kind=ADMIN_PAGE),
    Page("/admin/meetings/meeting/", (MODERATOR,), kind=ADMIN_PAGE),
    *(Page(path, (ADMIN,), kind=ADMIN_PAGE) for path in (
        "/admin/",
        "/admin/meetings/meeting/",
        "/admin/meetings/meeting/add/",
        "/admin/meetings/meeting/{w.meeting.pk}/change/",
        "/admin/meetings/meeting/{w.meeting.pk}/history/",
        "/admin/meetings/meeting/{w.meeting.pk}/history/{w.first_version}/",
        "/admin/feeds/feedsource/",
        "/admin/feeds/feedsource/add/",
        "/admin/feeds/feedsource/{w.source.pk}/change/",
        "/admin/feeds/importconflict/",
        "/admin/feeds/importconflict/{w.conflict.pk}/change/",
        "/admin/places/geocodedaddress/",
        "/admin/places/geocodedaddress/{w.geocoded.pk}/change/",
        "/admin/curation/submission/",
        "/admin/curation/submission/{w.new_meeting.pk}/change/",
        "/admin/curation/coachnote/",
        "/admin/curation/collection/",
        "/admin/curation/collection/{w.collection.pk}/change/",
        "/admin/accounts/coachprofile/",
        "/admin/auth/user/",
    )),
    # For developers: the API's docs and DRF's browsable API.
    Page("/api/v1/docs/", (ANONYMOUS,), kind=DEVELOPER, wait_until="networkidle"),
    Page("/api/v1/meetings/", (ANONYMOUS,), kind=DEVELOPER),
    Page("/api/v1/meetings/{w.meeting.slug}/", (ANONYMOUS,), kind=DEVELOPER),
    Page("/api/v1/search/?near=15222", (ANONYMOUS,), kind=DEVELOPER),
]

# A calendar is titled "Meeting" unless the parent asks for its details.
DOWNLOADS = [
    Download("/en/meetings/{w.meeting.slug}.ics", EVERYONE, "text/calendar", "SUMMARY:Meeting"),
    Download("/en/meetings/{w.meeting.slug}.ics?details=1", (ANONYMOUS,), "text/calendar",
             "{w.meeting.name}"),
    Download("/en/search.ics?near=15222", EVERYONE, "text/calendar", "SUMMARY:Meeting"),
    Download("/en/search.ics?near=15222&details=1", (ANONYMOUS,), "text/calendar", "{w.meeting.name}"),
    Download("/en/collections/{w.collection.token}.ics", EVERYONE, "text/calendar", "SUMMARY:Meeting"),
    Download("/en/collections/{w.collection.token}.csv", EVERYONE, "text/csv", "name,fellowship"),
    Download("/en/collections/{w.collection.token}.json", EVERYONE, "application/json", "{w.meeting.slug}"),
    Download("/en/my-meetings.ics?m={w.meeting.slug}", (ANONYMOUS,), "text/calendar", "SUMMARY:Meeting"),
    Download("/en/collections/{w.collection.token}.ics?title=Lunch", (ANONYMOUS,), "text/calendar",
             "SUMMARY:Lunch"),
    Download("/api/v1/feeds/meeting-guide.json", (ANONYMOUS,), "application/json", "{w.meeting.slug}"),
    Download("/api/v1/schema/", (ANONYMOUS,), "application/vnd.oai.openapi", "openapi:"),
    # For the proxy and the orchestrator, not for people; they answer the browser all the same.
    Download("/health/live/", (ANONYMOUS,), "application/json", '"status"'),
]

# What the checks need to know about a loaded page, read in one round trip. A control's label
# counts when it has text or an image with alt text; aria-label(ledby) and title count too.
PAGE_FACTS = """() => {
  const text = node => node ? (node.textContent + Array.from(node.querySelectorAll('img[alt]'))
                                 .map(img => img.alt).join('')).trim() : '';
  const named = el => (el.getAttribute('aria-label') || '').trim()
    || Array.from(el.labels || []).some(text)
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
         .some(id => text(document.getElementById(id)))
    || (el.getAttribute('title') || '').trim();
  const controls = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])'
    + ':not([type=image]), select, textarea');
  const exits = Array.from(document.querySelectorAll('a[data-quick-exit]'));
  return {
    mains: document.querySelectorAll('main, [role=main]').length,
    headings: Array.from(document.querySelectorAll('h1')).map(h => h.textContent.trim()),
    unlabelled: Array.from(controls).filter(el => !named(el)).map(el => el.outerHTML.slice(0, 160)),
    quickExits: exits.map(a => ({href: a.getAttribute('href'), visible: a.checkVisibility()})),
    language: document.documentElement.lang,
  };
}"""


@pytest.fixture
def world():
    """One of everything a page shows: people in each role, a meeting whose history holds a
    change of languages and a coach's edit, a coach's note, a shared collection, submissions of
    each kind, a feed source with a conflict, a geocoded address, and the keys of an email
    confirmation and a password reset."""
    parent = UserFactory()
    coach, moderator = CoachFactory(), ModeratorFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)
    source = FeedSourceFactory()
    area_moderator = ModeratorFactory()
    areas.add_area(area_moderator, ModeratorArea(source=source))
    areas.add_area(area_moderator, ModeratorArea(area_name="Pittsburgh, PA", latitude=40.44,
                                                 longitude=-79.99, radius_km=20,
                                                 timezone="America/New_York"))
    meeting = MeetingFactory(name="Family Hope", focus=["mothers"], languages=["en", "es"])
    first_version = meeting.history.earliest().history_id
    meeting.children = "welcome"
    save_meeting(meeting, by=coach, reason="Edited by a peer coach")
    coach_version = meeting.history.latest().history_id
    CoachNoteFactory(meeting=meeting, author=coach)
    collection = CollectionFactory(owner=coach)
    collecting.add_meeting(collection, meeting)
    listing = current_listing(meeting)
    change = SubmissionFactory(kind=SubmissionKind.CHANGE, meeting=meeting, baseline=listing,
                               proposed={**listing, "start_time": "12:30"}, submitter=parent)
    newcomer = get_user_model().objects.create_user("newcomer", "new@example.org", PASSWORD)
    unconfirmed = EmailAddress.objects.create(user=newcomer, email=newcomer.email, verified=False)
    return SimpleNamespace(
        parent=parent, coach=coach, moderator=moderator, admin=admin, area_moderator=area_moderator,
        meeting=meeting, first_version=first_version, coach_version=coach_version,
        collection=collection,
        new_meeting=SubmissionFactory(), change=change,
        closure=SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=meeting, proposed={},
                                  message="The church said the group stopped in May."),
        rejected=SubmissionFactory(status="rejected", decided_by=moderator,
                                   decision_reason="Already listed."),
        source=source,
        # A feed on this machine, so that its preview reads it rather than the network.
        file_source=FeedSourceFactory(location=str(DATA / "meeting-guide" / "intergroup.json")),
        conflict=ImportConflict.objects.create(meeting=meeting, source=source, field="start_time",
                                               local_value="12:00", feed_value="19:15"),
        geocoded=GeocodedAddress.objects.create(query="100 grant st, pittsburgh, pa 15219",
                                                status="found", latitude=40.44, longitude=-79.99,
                                                timezone="America/New_York", geocoder="gazetteer"),
        confirm_key=EmailConfirmationHMAC(unconfirmed).key,
        reset_key=f"{user_pk_to_url_str(parent)}-{default_token_generator.make_token(parent)}",
    )


class Watch:
    """What a page did while it loaded: script errors, console errors, every request."""

    def __init__(self, page):
        self.errors, self.requests = [], []
        page.on("pageerror", lambda error: self.errors.append(f"uncaught {error}"))
        page.on("console", lambda message: message.type == "error" and self.errors.append(
            f"console: {message.text} ({message.location.get('url')})"))
        page.on("request", lambda request: self.requests.append(request.url))

    def clear(self):
        self.errors.clear()
        self.requests.clear()


def open_as(browser, live_server, client, person):
    """A browser of one's own, signed in as `person` (None: not signed in) by their session cookie."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    if person is not None:
        client.force_login(person)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


def off_site(urls, origin):
    return [url for url in urls
            if not (url.startswith(f"{origin}/") or url.startswith(("data:", "blob:")))]


def page_problems(page, watch, spec, url, origin, language="en") -> list[str]:
    """Everything wrong with one page, as sentences; empty when the page is fine."""
    watch.clear()
    response = page.goto(url, wait_until=spec.wait_until)
    problems = []
    if response.status != spec.status:
        problems.append(f"answered {response.status}, not {spec.status}")
    landed = urlsplit(page.url).path
    if not re.fullmatch(spec.lands_on or re.escape(urlsplit(url).path), landed):
        problems.append(f"ended on {landed}")
    # Also delivers the events of the load to the watch: they come before this answer.
    facts = page.evaluate(PAGE_FACTS)
    if spec.kind in (SITE, ADMIN_PAGE) and facts["mains"] != 1:
        problems.append(f"has {facts['mains']} main landmarks, not one")
    # The admin's markup is Django's own: the site's rules for headings and labels are ours.
    if spec.kind == SITE:
        if not any(facts["headings"]):
            problems.append("has no h1")
        if facts["unlabelled"]:
            problems.append(f"has controls without a label: {facts['unlabelled']}")
        if facts["quickExits"] != [{"href": settings.VILLAGE_QUICK_EXIT_URL, "visible": True}]:
            problems.append(f"quick exit is not one visible link out: {facts['quickExits']}")
        if facts["language"] != language:
            problems.append(f"says it is in {facts['language']!r}, not {language!r}")
    # Chromium asks for /favicon.ico by itself, and reports a page's own error status as a
    # failed resource; neither is an error of the page.
    errors = [error for error in watch.errors if not error.endswith("/favicon.ico)")
              and not (spec.status >= 400 and f"status of {spec.status}" in error)]
    if errors:
        problems.append(f"logged errors: {errors}")
    if elsewhere := off_site(watch.requests, origin):
        problems.append(f"requested other sites: {elsewhere}")
    return problems


def download_problems(page, spec, url, world) -> list[str]:
    response = page.request.get(url)
    problems = []
    if response.status != 200:
        problems.append(f"answered {response.status}")
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith(spec.content_type):
        problems.append(f"is {content_type!r}, not {spec.content_type}")
    if spec.contains.format(w=world) not in response.text():
        problems.append(f"does not contain {spec.contains.format(w=world)!r}")
    return problems


def in_language(spec: Page, language: str) -> Page:
    """The same page in another language: its address, and where it lands, under that prefix."""
    if language == "en":
        return spec
    return replace(spec, path=spec.path.replace("/en/", f"/{language}/", 1),
                   lands_on=spec.lands_on.replace("/en/", f"/{language}/", 1))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("role", [ANONYMOUS, PARENT, COACH, MODERATOR, ADMIN])
def test_every_page_works_for_each_role_that_uses_it(role, language, world, browser, live_server,
                                                     client, subtests):
    person = None if role == ANONYMOUS else getattr(world, role)
    context = open_as(browser, live_server, client, person)
    page = context.new_page()
    watch = Watch(page)
    try:
        for spec in (in_language(spec, language) for spec in PAGES):
            if role in spec.roles:
                url = spec.path.format(w=world)
                with subtests.test(msg=f"{role} opens {url}"):
                    assert page_problems(page, watch, spec, url, live_server.url, language) == []
        for spec in DOWNLOADS if language == "en" else ():
            if role in spec.roles:
                url = spec.path.format(w=world)
                with subtests.test(msg=f"{role} downloads {url}"):
                    assert download_problems(page, spec, url, world) == []
    finally:
        context.close()


def routes(resolver=None, prefix=""):
    """Every URL pattern of the site outside the admin, as written (Django's or a regex)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if str(pattern.pattern) == settings.ADMIN_URL:
            continue
        if isinstance(pattern.pattern, LocalePrefixPattern):
            yield from routes(pattern, prefix)  # every page in each language; toured in English
        elif hasattr(pattern, "url_patterns"):
            yield from routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def route_regex(route):
    regex = re.sub(r"\(\?P<\w+>[^)]*\)", "[^/]+", route.replace("^", "").replace("$", ""))
    return re.sub(r"<(\w+:)?\w+>", "[^/]+", regex)


def test_every_url_a_person_can_reach_is_on_the_tour():
    """A new URL pattern fails here until it is on the tour or named as not a page of its own."""
    not_pages = {
        # Form targets that only take POST and redirect; their forms are on the tour.
        "meetings/<slug:slug>/verify/", "meetings/<slug:slug>/notes/add/",
        "coach-notes/<int:pk>/delete/",
        "meetings/<slug:slug>/history/undo/", "collections/add/",
        "collections/<str:token>/move/<slug:slug>/<str:direction>/",
        "collections/<str:token>/note/<slug:slug>/",
        "collections/<str:token>/new-link/", "collections/<str:token>/delete/",
        "collections/<str:token>/remove/<slug:slug>/", "api/v1/submissions/",
        "moderate/sources/<int:pk>/refresh/",
        "moderate/conflicts/<int:pk>/resolve/",
        # Signing in or reauthenticating by an emailed code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED,
        # ACCOUNT_REAUTHENTICATION_METHODS); allauth still routes them.
        "accounts/login/code/confirm/", "accounts/reauthenticate/code/",
        "accounts/reauthenticate/code/confirm/",
        # Answers 503 until a Celery worker is seen where a broker is set (tests/config/test_health.py).
        "health/ready/",
    }
    toured = [re.sub(r"\{w\.[\w.]+\}", "x-x", spec.path).split("?")[0].removeprefix("/").removeprefix("en/")
              for spec in [*PAGES, *DOWNLOADS]]
    missing = [route for route in routes() if route not in not_pages
               and not any(re.fullmatch(route_regex(route), path) for path in toured)]
    assert missing == []


# --- Pages a person meets when something is wrong --------------------------------------------

@pytest.mark.parametrize(("role", "path", "status"), [
    (ANONYMOUS, "/en/meetings/no-such-meeting/", 404),
    (PARENT, "/en/moderate/", 403),
])
def test_an_error_page_keeps_the_sites_frame_and_quick_exit(role, path, status, signed_in,
                                                             live_server):
    page = signed_in(UserFactory() if role == PARENT else None)

    spec = Page(path, (role,), status=status)
    assert page_problems(page, Watch(page), spec, path, live_server.url) == []


# --- Interactions no other browser test makes -----------------------------------------------

@pytest.fixture
def signed_in(browser, live_server, client):
    """A page of a browser signed in as the person given (the log-in page is on the tour)."""
    contexts = []

    def page_of(person):
        contexts.append(open_as(browser, live_server, client, person))
        return contexts[-1].new_page()

    yield page_of
    for context in contexts:
        context.close()


def test_a_coachs_edit_shows_on_the_meeting_page(signed_in):
    meeting = MeetingFactory(name="Family Hope")
    page = signed_in(CoachFactory())

    page.goto(f"/en/meetings/{meeting.slug}/edit/")
    page.get_by_label("Name", exact=True).fill("Family Hope on Tuesdays")
    page.get_by_role("button", name="Save listing").click()

    page.wait_for_url(f"**/meetings/{meeting.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Family Hope on Tuesdays"


def test_a_moderator_reverts_a_change_from_the_history_page(signed_in):
    meeting = MeetingFactory(name="Family Hope")
    meeting.name = "Family Hope (moved)"
    save_meeting(meeting, by=CoachFactory(), reason="Edited by a peer coach")
    page = signed_in(ModeratorFactory())

    page.goto(f"/en/meetings/{meeting.slug}/history/")
    page.get_by_role("link", name="Revert to this version").click()
    page.get_by_role("button", name="Revert these fields").click()

    page.wait_for_url(f"**/meetings/{meeting.slug}/history/")
    assert Meeting.objects.get(pk=meeting.pk).name == "Family Hope"
    assert page.locator(".history__entry").first.get_by_text("Reverted to the version of").count() == 1


def test_a_moderator_rejects_a_submission_with_a_reason(signed_in):
    submission = SubmissionFactory()
    page = signed_in(ModeratorFactory())

    page.goto(f"/en/moderate/{submission.pk}/")
    page.get_by_label("Reason").fill("This group already has a listing.")
    page.get_by_role("button", name="Reject", exact=True).click()

    page.wait_for_url("**/moderate/")
    submission.refresh_from_db()
    assert (submission.status, submission.decision_reason) == (
        "rejected", "This group already has a listing.")
    assert f"Submission {submission.pk} decided." in page.locator(".messages").inner_text()


def test_a_parent_signs_up_confirms_and_sees_their_request_under_their_account(page, mailoutbox,
                                                                               log_in):
    meeting = MeetingFactory(name="Family Hope")

    page.goto("/en/accounts/signup/")
    page.locator("input[name=email]").fill("jo@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group()
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/login/")
    log_in(page, SimpleNamespace(email="jo@example.org"))

    page.goto(f"/en/meetings/{meeting.slug}/report-closed/")
    page.get_by_label("How do you know it has closed?").fill("The church told us in May.")
    page.get_by_role("button", name="Report closed").click()
    page.wait_for_url("**/suggest/thanks/")
    page.goto("/en/accounts/profile/")

    request = page.locator("[data-submission]")
    assert request.count() == 1
    assert "Meeting closed, “Family Hope” – Waiting for review" in request.inner_text()
    assert Submission.objects.get().submitter.email == "jo@example.org"


def test_an_admin_opens_a_feed_source_in_the_django_admin(page):
    admin = UserFactory(is_staff=True, is_superuser=True)
    source = FeedSourceFactory(name="Pittsburgh AA")

    # The admin's log-in is the site's: by email, and back to the admin.
    page.goto("/admin/login/")
    page.locator("input[name=login]").fill(admin.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.get_by_role("link", name="Feed sources").click()
    page.get_by_role("link", name="Pittsburgh AA").click()

    page.wait_for_url(f"**/admin/feeds/feedsource/{source.pk}/change/")
    assert page.get_by_label("Name").input_value() == "Pittsburgh AA"
