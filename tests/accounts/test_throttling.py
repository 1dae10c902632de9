"""Logging in and resetting a password are throttled per account and per client (allauth's
ACCOUNT_RATE_LIMITS, counted in the cache): the try past a limit is refused with a clear message
in the site's frame, and nothing more is sent."""
import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

# allauth's own message on the log-in form (translated in allauth's catalogue).
TOO_MANY_FAILED = "Too many failed login attempts. Try again later."
PROXY = "10.0.0.2"


def clients(count):
    """Addresses of as many different clients."""
    return [f"198.51.100.{n}" for n in range(1, count + 1)]


def log_in(client, email, password="not the password", ip="203.0.113.7", **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password},
                       REMOTE_ADDR=ip, **headers)


def reset(client, email, ip="203.0.113.7"):
    return client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR=ip)


def form_problems(response):
    summary = soup(response).select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def assert_throttled_page(response):
    """The 429 page: says what happened, inside the site's frame with the quick exit."""
    assert response.status_code == 429
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Too many tries"
    assert "Wait a while, up to an hour, then try again." in page.main.get_text(" ", strip=True)
    assert len(page.select("a[data-quick-exit]")) == 1
    assert page.select_one("nav.site-nav") is not None


# --- Logging in -------------------------------------------------------------------------------

def test_the_sixth_failed_log_in_to_one_account_is_refused_even_with_the_right_password(client):
    user = UserFactory()
    for ip in clients(5):
        assert TOO_MANY_FAILED not in form_problems(log_in(client, user.email, ip=ip))

    response = log_in(client, user.email, PASSWORD, ip="198.51.100.99")

    assert response.status_code == 200
    assert TOO_MANY_FAILED in form_problems(response)
    assert client.get(reverse("account-profile")).status_code == 302


def test_one_accounts_failed_log_ins_leave_other_accounts_open(client):
    locked, other = UserFactory(), UserFactory()
    for ip in clients(5):
        log_in(client, locked.email, ip=ip)

    response = log_in(client, other.email, PASSWORD, ip="198.51.100.99")

    assert response.status_code == 302


def test_one_client_failing_to_log_in_to_many_accounts_is_stopped_after_ten(client):
    for n in range(10):
        log_in(client, f"guess{n}@example.org")

    response = log_in(client, UserFactory().email, PASSWORD)

    assert TOO_MANY_FAILED in form_problems(response)


def test_behind_the_proxy_clients_are_told_apart_by_the_address_it_sends(client, settings):
    """As config.settings sets it from RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP."""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-Ip"
    for n in range(10):
        log_in(client, f"guess{n}@example.org", ip=PROXY, HTTP_X_REAL_IP="198.51.100.1")

    response = log_in(client, UserFactory().email, PASSWORD, ip=PROXY,
                      HTTP_X_REAL_IP="198.51.100.2")

    assert response.status_code == 302


def test_a_client_sending_log_ins_past_thirty_a_minute_gets_the_throttled_page(client):
    user = UserFactory()
    for _ in range(30):
        log_in(client, user.email, PASSWORD)
        client.logout()

    assert_throttled_page(log_in(client, user.email, PASSWORD))


# --- Resetting a password ---------------------------------------------------------------------

def test_one_account_gets_at_most_three_reset_emails_an_hour(client):
    user = UserFactory()
    for ip in clients(3):
        assert reset(client, user.email, ip=ip).status_code == 302
    assert len(mail.outbox) == 3

    response = reset(client, user.email, ip="198.51.100.99")

    assert_throttled_page(response)
    assert len(mail.outbox) == 3


def test_one_client_asking_resets_for_many_accounts_is_stopped_after_twenty(client):
    for n in range(20):
        assert reset(client, f"someone{n}@example.org").status_code == 302
    sent = len(mail.outbox)

    response = reset(client, UserFactory().email)

    assert_throttled_page(response)
    assert len(mail.outbox) == sent


def test_one_client_setting_new_passwords_is_stopped_after_twenty_an_hour(client):
    set_password = reverse("account_reset_password_from_key",
                           kwargs={"uidb36": "x", "key": "set-password"})
    for _ in range(20):
        assert client.post(set_password, REMOTE_ADDR="203.0.113.7").status_code != 429

    assert_throttled_page(client.post(set_password, REMOTE_ADDR="203.0.113.7"))


def test_the_throttled_page_stays_in_the_language_of_the_page_asked_for(client):
    user = UserFactory()
    for ip in clients(3):
        client.post("/es/accounts/password/reset/", {"email": user.email}, REMOTE_ADDR=ip)

    response = client.post("/es/accounts/password/reset/", {"email": user.email})

    assert response.status_code == 429
    assert soup(response).html["lang"] == "es"
    assert len(soup(response).select("a[data-quick-exit]")) == 1
