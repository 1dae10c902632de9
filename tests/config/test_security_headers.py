"""The security headers and cookies every page and the API answer with (Content-Security-Policy,
Permissions-Policy, Cross-Origin-Opener-Policy, HTTPS behind the proxy), what the production
environment turns on, and the main pages running in Chromium with no CSP violation."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, FeedSourceFactory, MeetingFactory, UserFactory
from tests.pages import NEAR, soup

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as its directives and their sources."""
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


@pytest.fixture
def meeting(db):
    return MeetingFactory(name="Family Hope")


def pages(meeting):
    """The main pages a person opens, and the API, as addresses."""
    return [
        f"/en/?near={NEAR}",
        f"/en/meetings/{meeting.slug}/",
        reverse("submission-new"),
        "/en/accounts/login/",
        "/en/accounts/password/reset/",
        # (The admin's log-in is the site's own, above: reverse("admin:login") redirects there.)
        "/api/v1/docs/",
        f"/api/v1/search/?near={NEAR}",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{meeting.slug}/",
    ]


# --- Headers on real pages --------------------------------------------------------------------

def test_every_page_and_the_api_allow_scripts_and_styles_only_from_the_site(client, meeting):
    for url in pages(meeting):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], url
        assert directives["script-src"] == ["'self'"], url
        # DRF's pages give their one inline style the request's nonce.
        assert [source for source in directives["style-src"]
                if not source.startswith("'nonce-")] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["base-uri"] == ["'none'"], url
        assert directives["form-action"] == ["'self'"], url
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header, url


def test_no_site_may_frame_a_page(client, meeting):
    for url in pages(meeting):
        response = client.get(url)
        assert policy(response)["frame-ancestors"] == ["'none'"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_only_the_site_itself_may_ask_for_the_location_and_nothing_for_camera_or_payment(
        client, meeting):
    for url in pages(meeting):
        features = dict(feature.strip().split("=") for feature in
                        client.get(url)["Permissions-Policy"].split(","))
        assert features["geolocation"] == "(self)", url
        for denied in ("camera", "microphone", "payment", "usb", "display-capture"):
            assert features[denied] == "()", (url, denied)


def test_pages_share_no_window_with_other_sites(client, meeting):
    for url in pages(meeting):
        response = client.get(url)
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url


def test_pages_carry_no_inline_script_or_style(client, meeting):
    for url in pages(meeting)[:7]:
        page = soup(client.get(url))
        assert [str(tag)[:80] for tag in page.find_all("script")
                if not tag.get("src") and tag.get("type") != "application/json"] == [], url
        assert page.find_all("style") == [], url
        assert [str(tag)[:80] for tag in page.find_all(style=True)] == [], url


def test_the_api_docs_load_their_start_up_script_from_the_site(client):
    page = soup(client.get("/api/v1/docs/"))
    start_up = page.find_all("script")[-1]["src"]

    response = client.get(start_up)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


def test_the_session_and_csrf_cookies_are_out_of_reach_of_scripts_and_other_sites(client, db):
    user = UserFactory()
    client.get("/en/accounts/login/")

    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        cookie = client.cookies[name]
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name


def test_static_javascript_never_reads_a_cookie():
    """The CSRF cookie is HttpOnly, which would break a script reading it for the token."""
    for script in (ROOT / "static").rglob("*.js"):
        assert "document.cookie" not in script.read_text(), script


# --- What the environment turns on (settings read by a fresh process) ------------------------

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "a-production-key-made-for-this-test-only-" + "x7Qp" * 8,
              "ALLOWED_HOSTS": "village.example.org"}
BEHIND_THE_PROXY = {**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO"}
HTTPS_SETTINGS = ("SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT",
                  "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")


def run_with(environment: dict, *command: str) -> subprocess.CompletedProcess:
    """A fresh Python in the project with only this environment (no DATABASE_URL, no REDIS_URL)."""
    bare = {key: value for key, value in os.environ.items()
            if key in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    return subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True,
                          env={**bare, "DJANGO_SETTINGS_MODULE": "config.settings", **environment})


def settings_under(environment: dict, *names: str) -> dict:
    code = ("import json, sys; from django.conf import settings; "
            "print(json.dumps({name: getattr(settings, name, None) for name in sys.argv[1:]}))")
    result = run_with(environment, "-c", code, *names)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production_https():
    return settings_under(BEHIND_THE_PROXY, *HTTPS_SETTINGS)


def test_the_proxy_header_setting_turns_on_the_https_redirect_and_hsts(production_https):
    assert production_https == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True, "SECURE_REDIRECT_EXEMPT": [r"^health/"],
        "SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True}


def test_without_the_proxy_header_setting_neither_redirect_nor_hsts_is_on():
    found = settings_under(PRODUCTION, "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT",
                           "SECURE_HSTS_SECONDS")

    assert found == {"SECURE_PROXY_SSL_HEADER": None, "SECURE_SSL_REDIRECT": False,
                     "SECURE_HSTS_SECONDS": 0}


def test_production_cookies_travel_over_https_only():
    found = settings_under(PRODUCTION, "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")

    assert found == {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True}


def test_allauth_counts_clients_by_the_address_header_the_proxy_sends():
    found = settings_under({**PRODUCTION, "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP"},
                           "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")

    assert found == {"ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-Ip"}


def test_the_admin_address_comes_from_the_environment():
    assert settings_under({"ADMIN_URL": "/staff-door"}, "ADMIN_URL") == {"ADMIN_URL": "staff-door/"}
    assert settings_under({}, "ADMIN_URL") == {"ADMIN_URL": "admin/"}


def test_production_settings_pass_the_deploy_checks_of_security():
    """The security part of what `make check-deploy` runs in CI, where any warning fails."""
    result = run_with(BEHIND_THE_PROXY, "manage.py", "check", "--deploy", "--tag", "security",
                      "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr


# --- HTTPS behind the proxy, with the settings production reads ------------------------------

@pytest.fixture
def behind_the_proxy(settings, production_https):
    for name, value in production_https.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)


def test_behind_the_proxy_a_plain_http_request_is_sent_to_https(behind_the_proxy, client, db):
    response = client.get("/en/privacy/", HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/privacy/"


def test_behind_the_proxy_an_https_page_tells_the_browser_to_stay_on_https(behind_the_proxy,
                                                                          client, db):
    response = client.get("/en/privacy/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_behind_the_proxy_the_health_checks_answer_over_plain_http(behind_the_proxy, client, db):
    response = client.get(reverse("health-live"), HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 200


def test_without_the_proxy_header_a_request_is_served_as_it_came(client, db):
    response = client.get("/en/privacy/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


# --- In the browser ---------------------------------------------------------------------------

# Every violation of the policy on a page, gathered from the moment the page starts.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
  + ` (${event.sourceFile}:${event.lineNumber})`));
"""


@pytest.mark.browser
def test_the_main_pages_and_the_admin_run_with_no_csp_violation(browser, live_server, client,
                                                                 meeting):
    admin = UserFactory(is_staff=True, is_superuser=True)
    source = FeedSourceFactory()
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    reported = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and reported.append(message.text))
    anonymous = [(url, "networkidle" if "docs" in url else "load") for url in pages(meeting)]
    as_admin = [(reverse(name, args=args), "load") for name, args in [
        ("admin:index", ()), ("admin:meetings_meeting_changelist", ()),
        ("admin:meetings_meeting_add", ()), ("admin:meetings_meeting_change", (meeting.pk,)),
        ("admin:meetings_meeting_history", (meeting.pk,)), ("admin:auth_user_changelist", ()),
        ("admin:feeds_feedsource_add", ()), ("admin:feeds_feedsource_change", (source.pk,)),
    ]]
    try:
        violations = {}
        for url, wait_until in anonymous:
            page.goto(url, wait_until=wait_until)
            violations[url] = page.evaluate("window.__violations")
        client.force_login(admin)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        for url, wait_until in as_admin:
            page.goto(url, wait_until=wait_until)
            assert "/login/" not in page.url, url  # the admin itself, not its log-in
            violations[url] = page.evaluate("window.__violations")
    finally:
        context.close()

    assert {url: found for url, found in violations.items() if found} == {}
    assert reported == []
