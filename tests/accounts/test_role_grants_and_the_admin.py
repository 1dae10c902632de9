"""Role grants are recorded (who gave which role to whom, when) and listed for moderators; a
moderator is staff and opens the admin, logging in by email on the site's own log-in page."""
import os
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.models import RoleGrant
from accounts.roles import Role, set_role
from tests.factories import PASSWORD, CoachFactory, ModeratorFactory, UserFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db


def grants_on_the_log(client, **params):
    page = soup(client.get(reverse("account-role-log"), params))
    return [[cell.get_text(strip=True) for cell in row.select("td")[1:]]
            for row in page.select("[data-grant]")]


def test_giving_a_role_on_the_roles_page_records_who_gave_it(client):
    moderator, parent = ModeratorFactory(email="boss@example.org"), UserFactory(email="jo@example.org")
    client.force_login(moderator)

    client.post(reverse("account-roles"), {"user": parent.pk, "role": "coach"})

    grant = RoleGrant.objects.get(person=parent)
    assert (grant.role, grant.granted_by, grant.from_console) == ("coach", moderator, False)
    assert grants_on_the_log(client)[0] == ["jo@example.org", "Peer coach", "boss@example.org"]


def test_setting_the_role_a_person_holds_records_nothing():
    coach = CoachFactory()

    set_role(coach, Role.COACH, by=ModeratorFactory())

    assert RoleGrant.objects.filter(person=coach).count() == 1


def test_the_add_moderator_command_records_its_grant_as_the_consoles(client, monkeypatch):
    monkeypatch.setitem(os.environ, "VILLAGE_MODERATOR_PASSWORD", PASSWORD)

    call_command("add_moderator", email="first@example.org", stdout=StringIO())

    grant = RoleGrant.objects.get(person__email="first@example.org")
    assert (grant.role, grant.granted_by, grant.from_console) == ("moderator", None, True)
    client.force_login(grant.person)
    assert grants_on_the_log(client)[0] == ["first@example.org", "Moderator", "the console"]


def test_the_role_log_is_newest_first_and_paginated(client):
    moderator = ModeratorFactory()
    people = [UserFactory() for _ in range(55)]
    for person in people:
        set_role(person, Role.COACH, by=moderator)
    client.force_login(moderator)

    first, second = grants_on_the_log(client), grants_on_the_log(client, page=2)

    assert len(first) == 50
    assert first[0][0] == people[-1].email
    # 55 coaches and the moderator's own (console) grant.
    assert len(second) == 6
    assert second[-1][0] == moderator.email


@pytest.mark.parametrize("who", ["coach", "parent"])
def test_the_role_log_is_not_open_to_coaches_or_parents(client, who):
    client.force_login({"coach": CoachFactory, "parent": UserFactory}[who]())

    assert client.get(reverse("account-role-log")).status_code == 403


def test_the_role_log_sends_a_visitor_to_log_in(client):
    response = client.get(reverse("account-role-log"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Staff and the admin ----------------------------------------------------------------------

def test_a_moderator_is_staff_and_stops_being_when_the_role_goes():
    person = UserFactory()

    set_role(person, Role.MODERATOR)
    staff_as_moderator = get_user_model().objects.get(pk=person.pk).is_staff
    set_role(person, Role.COACH)

    assert staff_as_moderator
    assert not get_user_model().objects.get(pk=person.pk).is_staff


def test_a_superuser_stays_staff_whatever_role_they_are_given():
    admin = UserFactory(is_staff=True, is_superuser=True)

    set_role(admin, Role.PARENT)

    assert get_user_model().objects.get(pk=admin.pk).is_staff


def test_a_moderator_logs_into_the_admin_by_email(client):
    moderator = ModeratorFactory(email="mod@example.org", username="not-the-email")

    to_log_in = client.get("/admin/login/", {"next": "/admin/meetings/meeting/"})
    logged_in = client.post(to_log_in["Location"], {"login": "mod@example.org", "password": PASSWORD})

    assert to_log_in.status_code == 302
    assert logged_in.status_code == 302
    assert logged_in["Location"] == "/admin/meetings/meeting/"
    assert client.get("/admin/meetings/meeting/").status_code == 200
    assert client.session["_auth_user_id"] == str(moderator.pk)


def test_the_admin_log_in_keeps_only_this_sites_addresses_to_return_to(client):
    response = client.get("/admin/login/", {"next": "https://evil.example.com/"})

    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_someone_logged_in_without_admin_access_is_refused_not_sent_round(client):
    client.force_login(CoachFactory())

    assert client.get("/admin/login/", {"next": "/admin/"}).status_code == 403


def test_a_logged_in_moderator_at_the_admin_log_in_goes_on_to_the_admin(client):
    client.force_login(ModeratorFactory())

    response = client.get("/admin/login/", {"next": "/admin/meetings/meeting/"})

    assert response["Location"] == "/admin/meetings/meeting/"


@pytest.mark.parametrize(("who", "linked"), [("moderator", True), ("coach", False), ("parent", False)])
def test_the_header_links_to_the_admin_for_staff(client, who, linked):
    client.force_login({"moderator": ModeratorFactory, "coach": CoachFactory, "parent": UserFactory}[who]())

    link = soup(client.get(reverse("account-profile"))).select_one("[data-admin-link]")

    assert (link is not None) == linked
    if linked:
        assert link["href"] == reverse("admin:index")
