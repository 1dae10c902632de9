"""django-allauth's pages as pages of this site: its layout, style and quick exit, a label for
every field, our error summary, and the word that searching needs no account."""
import pytest
from django.urls import reverse

from tests.pages import soup

pytestmark = pytest.mark.django_db



# ---- django-allauth's pages ------------------------------------------------------------------

@pytest.mark.parametrize("route", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_site_layout_and_style(client, settings, route):
    page = soup(client.get(reverse(route)))
    exit_link = page.select_one("header.site-header a.quick-exit")
    assert exit_link["href"] == settings.VILLAGE_QUICK_EXIT_URL
    assert "Quick exit" in exit_link.get_text()
    assert page.select_one("nav.site-nav") is not None
    assert page.select_one("main#main h1") is not None
    assert page.find("link", rel="stylesheet")["href"].endswith("css/village.css")
    assert page.title.get_text().endswith("– Village")
    submit = page.select_one("main form button[type=submit]")
    assert "button" in submit["class"]


@pytest.mark.parametrize("route", ["account_login", "account_signup", "account_reset_password"])
def test_every_account_form_field_has_a_label_and_our_input_style(client, route):
    page = soup(client.get(reverse(route)))
    fields = [field for field in page.select("main form input, main form select, main form textarea")
              if field.get("type") not in ("hidden", "submit")]
    assert fields
    for field in fields:
        label = page.find("label", attrs={"for": field["id"]})
        assert label is not None and label.get_text(strip=True), field
        if field.get("type") != "checkbox":
            assert "input" in field["class"], field


def test_a_failed_log_in_shows_our_error_summary(client):
    response = client.post(reverse("account_login"), {"login": "nobody@example.org",
                                                      "password": "wrong"})
    summary = soup(response).select_one(".error-summary")
    assert summary is not None and "not correct" in summary.get_text()


def test_the_log_in_page_says_no_account_is_needed_to_search(client):
    page = soup(client.get(reverse("account_login")))
    assert page.select_one("main h1").get_text(strip=True) == "Log in"
    assert "never need one to find a meeting" in page.select_one("main .lead").get_text()
