"""The first moderator from `make superuser` (add_moderator), and the demo coach and moderator
that `seed_demo` adds while DEBUG is on, all logging in by email at once."""
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.people import DEMO_COACH_AREA, DEMO_PEOPLE
from accounts.roles import Role, role_of

pytestmark = pytest.mark.django_db
User = get_user_model()
STRONG = "kettle-harbour-violet-93"


def logs_in(client, email, password) -> bool:
    client.post(reverse("account_login"), {"login": email, "password": password})
    return client.get(reverse("account-profile")).status_code == 200


def test_add_moderator_makes_a_moderator_who_logs_in_by_email_at_once(client, monkeypatch):
    monkeypatch.setenv("VILLAGE_MODERATOR_PASSWORD", STRONG)
    out = StringIO()

    call_command("add_moderator", email="first.mod@example.org", stdout=out)

    user = User.objects.get(email="first.mod@example.org")
    assert role_of(user) == Role.MODERATOR and user.is_staff
    assert "first.mod@example.org" in out.getvalue()
    assert logs_in(client, "first.mod@example.org", STRONG)


def test_add_moderator_asks_for_the_address_and_the_password_twice(client, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "asked@example.org")
    answers = iter([STRONG, STRONG])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    call_command("add_moderator", stdout=StringIO())

    assert logs_in(client, "asked@example.org", STRONG)


@pytest.mark.parametrize(("email", "password", "says"), [
    ("not an address", STRONG, "not an email address"),
    ("weak@example.org", "123", "password"),
])
def test_add_moderator_refuses_bad_answers_and_stores_nobody(monkeypatch, email, password, says):
    monkeypatch.setenv("VILLAGE_MODERATOR_PASSWORD", password)

    with pytest.raises(CommandError, match=says):
        call_command("add_moderator", email=email, stdout=StringIO())

    assert not User.objects.exists()


def test_add_moderator_refuses_an_address_someone_logs_in_with(monkeypatch):
    monkeypatch.setenv("VILLAGE_MODERATOR_PASSWORD", STRONG)
    call_command("add_moderator", email="taken@example.org", stdout=StringIO())

    with pytest.raises(CommandError, match="already"):
        call_command("add_moderator", email="Taken@example.org", stdout=StringIO())

    assert User.objects.count() == 1


def test_seed_demo_adds_a_demo_coach_with_an_area_and_a_demo_moderator_while_debug(client, settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("seed_demo", count=5, stdout=out)
    call_command("seed_demo", count=5, stdout=StringIO())

    coach, moderator = DEMO_PEOPLE
    assert User.objects.count() == 2
    assert role_of(User.objects.get(email=coach.email)) == Role.COACH
    assert role_of(User.objects.get(email=moderator.email)) == Role.MODERATOR
    profile = User.objects.get(email=coach.email).coach_profile
    assert (profile.area_name, profile.radius_km) == (DEMO_COACH_AREA["area_name"], 25)
    for person in DEMO_PEOPLE:
        assert f"{person.email} with the password {person.password}" in out.getvalue()
    assert logs_in(client, coach.email, coach.password)


def test_seed_demo_adds_no_demo_people_without_debug(settings):
    settings.DEBUG = False
    out = StringIO()

    call_command("seed_demo", count=5, stdout=out)

    assert not User.objects.exists()
    assert "password" not in out.getvalue()
