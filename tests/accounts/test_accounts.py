"""Accounts are optional: sign-up with email confirmation, log-in, log-out, password reset,
and the roles moderators give."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.models import CoachProfile
from accounts.roles import COACH_PERMISSIONS, MODERATOR_PERMISSIONS, Role, RoleRefused, role_of, set_role
from tests.factories import PASSWORD, CoachFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_sign_up_sends_a_confirmation_email_and_confirming_lets_you_in(client):
    response = client.post(reverse("account_signup"), {
        "email": "new.parent@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="new.parent@example.org")
    assert role_of(user) == Role.PARENT
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)

    client.post(link)
    assert client.post(reverse("account_login"), {
        "login": "new.parent@example.org", "password": PASSWORD}).status_code == 302
    assert client.get(reverse("account-profile")).status_code == 200


def test_an_unconfirmed_email_cannot_log_in(client):
    client.post(reverse("account_signup"), {
        "email": "new.parent@example.org", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    client.post(reverse("account_login"), {"login": "new.parent@example.org", "password": PASSWORD})
    assert client.get(reverse("account-profile")).status_code == 302


def test_a_weak_password_is_refused_with_a_reason(client):
    response = client.post(reverse("account_signup"), {
        "email": "x@example.org", "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.exists()


def test_log_in_and_log_out(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.url == reverse("account-profile")
    client.post(reverse("account_logout"))
    assert client.get(reverse("account-profile")).status_code == 302


def test_password_reset_emails_a_link(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    (message,) = mail.outbox
    assert "/en/accounts/password/reset/key/" in message.body


def test_role_groups_hold_their_permissions_after_migrate():
    def names(group_name):
        group = Group.objects.get(name=group_name)
        return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}

    assert names("Peer coaches") == set(COACH_PERMISSIONS)
    assert names("Moderators") == set(MODERATOR_PERMISSIONS)


def test_a_person_has_exactly_one_role():
    user = UserFactory()
    set_role(user, Role.COACH)
    assert role_of(user) == Role.COACH and user.has_perm("meetings.verify_meeting")
    assert CoachProfile.objects.filter(user=user).exists()
    set_role(user, Role.MODERATOR)
    assert role_of(user) == Role.MODERATOR and user.groups.count() == 1
    set_role(user, Role.PARENT)
    assert role_of(user) == Role.PARENT and not user.has_perm("meetings.verify_meeting")


def test_moderators_give_roles_on_the_roles_page(client):
    client.force_login(ModeratorFactory())
    parent = UserFactory()
    response = client.post(reverse("account-roles"), {"user": parent.pk, "role": "coach"})
    assert response.status_code == 302
    assert role_of(User.objects.get(pk=parent.pk)) == Role.COACH


@pytest.mark.parametrize("data, problem", [
    ({"user": 99999, "role": "coach"}, "does not exist"),
    ({"user": "", "role": "coach"}, "required"),
    ({"role": "king"}, "valid choice"),
])
def test_bad_role_changes_are_refused(client, data, problem):
    client.force_login(ModeratorFactory())
    parent = UserFactory()
    response = client.post(reverse("account-roles"), {"user": parent.pk, **data})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert role_of(parent) == Role.PARENT


def test_a_moderator_cannot_demote_themself(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    response = client.post(reverse("account-roles"), {"user": moderator.pk, "role": "parent"})
    assert response.status_code == 400
    assert role_of(moderator) == Role.MODERATOR


def test_a_coach_sets_their_area_by_a_zip_code_and_a_radius(client):
    coach = CoachFactory()
    client.force_login(coach)
    response = client.post(reverse("account-profile"), {"place": "15222", "radius_km": "15"})
    assert response.status_code == 302
    profile = CoachProfile.objects.get(user=coach)
    assert (profile.area_name, profile.radius_km) == ("15222 Pittsburgh, PA", 15)
    assert (round(profile.latitude, 1), round(profile.longitude, 1)) == (40.4, -80.0)
    # Online meetings on her own clock, unless she says another zone.
    assert profile.timezone == "America/New_York"
    assert "15222 Pittsburgh, PA" in client.get(reverse("account-profile")).content.decode()


def test_emptying_the_place_leaves_online_meetings_only(client):
    coach = CoachFactory()
    client.force_login(coach)
    client.post(reverse("account-profile"), {"place": "Squirrel Hill, Pittsburgh", "radius_km": "5"})
    client.post(reverse("account-profile"), {"place": "", "radius_km": "5",
                                              "timezone": "America/Chicago"})
    profile = CoachProfile.objects.get(user=coach)
    assert (profile.area_name, profile.latitude, profile.timezone) == ("", None, "America/Chicago")


@pytest.mark.parametrize("data, field", [
    ({"place": "Nowhere At All, ZZ", "radius_km": "15"}, "place"),
    ({"place": "Springfield", "radius_km": "15"}, "place"),
    ({"place": "15222", "radius_km": "0"}, "radius_km"),
    ({"place": "15222", "radius_km": "501"}, "radius_km"),
    ({"radius_km": "10", "timezone": "Moon/Base"}, "timezone"),
    ({"place": "x" * 201, "radius_km": "10"}, "place"),
])
def test_a_bad_area_is_refused_naming_the_field(client, data, field):
    coach = CoachFactory()
    client.force_login(coach)
    response = client.post(reverse("account-profile"), data)
    assert response.status_code == 400
    assert field in response.context["area_form"].errors
    assert not CoachProfile.objects.get(user=coach).area_name


def test_a_moderator_cannot_take_away_their_own_role_but_can_give_others_any():
    moderator, other = ModeratorFactory(), ModeratorFactory()
    with pytest.raises(RoleRefused, match="own moderator role"):
        set_role(moderator, Role.COACH, by=moderator)
    assert role_of(moderator) == Role.MODERATOR
    set_role(other, Role.COACH, by=moderator)
    assert role_of(other) == Role.COACH
