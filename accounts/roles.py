"""The roles people have in Village, kept as Django auth groups with their permissions.

A parent is any signed-in person without a role group; a moderator can do all a coach can.
"""
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

COACH_PERMISSIONS = (
    "meetings.change_meeting",
    "meetings.verify_meeting",
    "meetings.view_historicalmeeting",
    "curation.add_coachnote",
    "curation.add_collection",
)
MODERATOR_PERMISSIONS = COACH_PERMISSIONS + (
    "curation.moderate_submission",
    "curation.delete_coachnote",
    "accounts.manage_roles",
    # Feed sources and import conflicts, on the site (/moderate/sources/) and in the admin.
    "feeds.view_feedsource",
    "feeds.add_feedsource",
    "feeds.change_feedsource",
    "feeds.delete_feedsource",
    "feeds.view_importconflict",
    "feeds.change_importconflict",
)


class Role(models.TextChoices):
    PARENT = "parent", gettext_lazy("Parent")
    COACH = "coach", gettext_lazy("Peer coach")
    MODERATOR = "moderator", gettext_lazy("Moderator")


# The auth groups' names are data that code looks up, not words shown; they stay English.
GROUP_NAMES = {Role.COACH: "Peer coaches", Role.MODERATOR: "Moderators"}
GROUP_PERMISSIONS = {Role.COACH: COACH_PERMISSIONS, Role.MODERATOR: MODERATOR_PERMISSIONS}


def _permissions(names):
    # Filtered rather than fetched one by one: after migrating the first apps, the later
    # apps' permissions do not exist yet; the run after the last app completes the groups.
    wanted = models.Q()
    for name in names:
        app_label, codename = name.split(".")
        wanted |= models.Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(wanted)


def role_group(role: Role) -> Group:
    """The group for a role, created with exactly its permissions if missing."""
    group, created = Group.objects.get_or_create(name=GROUP_NAMES[role])
    if created:
        group.permissions.set(_permissions(GROUP_PERMISSIONS[role]))
    return group


def sync_role_groups(**kwargs):
    """Make every role group hold its permissions; runs after each migrate."""
    for role in GROUP_NAMES:
        role_group(role).permissions.set(_permissions(GROUP_PERMISSIONS[role]))


def role_of(user) -> Role | None:
    """The highest role of a person; None for an anonymous visitor."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.MODERATOR
    names = set(user.groups.values_list("name", flat=True))
    if GROUP_NAMES[Role.MODERATOR] in names:
        return Role.MODERATOR
    if GROUP_NAMES[Role.COACH] in names:
        return Role.COACH
    return Role.PARENT


class RoleRefused(Exception):
    """A role change that may not be made; the message is fit to show the moderator."""


@transaction.atomic
def set_role(user, role: Role, *, by=None):
    """Give a person exactly one role; a coach or moderator gets a profile for their area.

    `by` is the moderator giving it, who may not take away their own moderator role (the
    site would be left with nobody to give it back); None is the console. A change of role is
    recorded as a RoleGrant. A moderator is staff, so that the admin opens for them with the
    permissions of their role; any other role is not (a superuser stays as they are)."""
    from .models import CoachProfile, RoleGrant

    role = Role(role)
    if by is not None and user.pk == by.pk and role != Role.MODERATOR:
        raise RoleRefused(_("You cannot take away your own moderator role."))
    role_groups = Group.objects.filter(name__in=GROUP_NAMES.values())
    before = set(user.groups.filter(pk__in=role_groups).values_list("name", flat=True))
    user.groups.remove(*role_groups)
    if role in GROUP_NAMES:
        user.groups.add(role_group(role))
        CoachProfile.objects.get_or_create(user=user)
    if not user.is_superuser and user.is_staff != (role == Role.MODERATOR):
        user.is_staff = role == Role.MODERATOR
        user.save(update_fields=["is_staff"])
    # Setting the role a person already holds gives nothing, and is not recorded.
    if before != ({GROUP_NAMES[role]} if role in GROUP_NAMES else set()):
        RoleGrant.objects.create(person=user, role=role, granted_by=by, from_console=by is None)
    # Django caches permissions on the user object.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
