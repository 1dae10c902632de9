"""The admin lives at ADMIN_URL: moving it moves every admin page and leaves nothing at /admin/."""
import importlib

import pytest
from django.urls import clear_url_caches, reverse

import config.urls


def reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def move_admin(settings):
    """move_admin("staff-door/") puts the admin there for the test; it is back at the end."""
    original = settings.ADMIN_URL

    def move(path):
        settings.ADMIN_URL = path
        reload_urls()

    yield move
    settings.ADMIN_URL = original
    reload_urls()


def test_the_admin_is_at_admin_unless_moved(admin_client):
    assert reverse("admin:index") == "/admin/"
    assert admin_client.get("/admin/").status_code == 200


def test_a_moved_admin_answers_at_its_new_address(move_admin, admin_client):
    move_admin("staff-door/")

    assert reverse("admin:index") == "/staff-door/"
    assert admin_client.get("/staff-door/meetings/meeting/").status_code == 200


def test_a_moved_admin_leaves_nothing_at_the_old_address(move_admin, client, db):
    move_admin("staff-door/")

    assert client.get("/admin/login/").status_code == 404
    # Its log-in is the site's own, by email.
    response = client.get("/staff-door/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_moved_admin_sends_people_to_its_own_log_in(move_admin, client, db):
    move_admin("staff-door/")

    response = client.get("/staff-door/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff-door/login/")

