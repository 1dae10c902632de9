"""People made from the console: the first moderator, and the demo coach and moderator that a
development site (DEBUG) gets with its demo meetings."""
from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import CoachProfile
from .roles import Role, set_role


@dataclass(frozen=True)
class DemoPerson:
    role: Role
    email: str
    password: str


# Known to everyone who reads the README, so made only while DEBUG is on.
DEMO_PEOPLE = (
    DemoPerson(Role.COACH, "coach@demo.village.example", "demo-coach-password"),
    DemoPerson(Role.MODERATOR, "moderator@demo.village.example", "demo-moderator-password"),
)
# The demo coach works in Pittsburgh, where the demo meetings are thickest.
DEMO_COACH_AREA = {"area_name": "Pittsburgh, PA", "latitude": 40.4406, "longitude": -79.9959,
                   "radius_km": 25, "timezone": "America/New_York"}


class PersonExists(Exception):
    """Someone already logs in with that email address."""


@transaction.atomic
def add_person(email: str, password: str, *, superuser: bool = False):
    """A person who logs in by `email` (already confirmed: whoever runs the console vouches
    for it) with `password`; the username Django requires is the address itself."""
    users = get_user_model()
    if users.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(
            email__iexact=email).exists():
        raise PersonExists(email)
    user = users(username=email, email=email, is_staff=superuser, is_superuser=superuser)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def add_demo_people(**kwargs) -> list[str]:
    """The demo coach (with an area) and the demo moderator, when DEBUG is on and they are not
    there yet; lines saying how to log in as each. Answers `meetings.demo.demo_seeded`."""
    if not settings.DEBUG:
        return []
    lines = []
    for person in DEMO_PEOPLE:
        try:
            user = add_person(person.email, person.password)
        except PersonExists:
            pass
        else:
            set_role(user, person.role)
            if person.role == Role.COACH:
                CoachProfile.objects.filter(user=user).update(**DEMO_COACH_AREA)
        lines.append(f"Demo {person.role.label.lower()}: log in as {person.email} "
                     f"with the password {person.password}")
    return lines
