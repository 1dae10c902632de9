"""Who a person is to Village beyond their login: a peer coach's area."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.schedule import validate_timezone


class CoachProfile(models.Model):
    """Where a peer coach works: a centre and radius for in-person meetings and a time zone
    for online ones. The weekly stale digest covers the listings in this area."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="coach_profile")
    area_name = models.CharField(
        max_length=120, blank=True,
        help_text=gettext_lazy("How the area is known, such as East End, Pittsburgh."))
    latitude = models.FloatField(null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    radius_km = models.PositiveIntegerField(default=25, validators=[MinValueValidator(1),
                                                                    MaxValueValidator(500)])
    timezone = models.CharField(
        max_length=64, blank=True, validators=[validate_timezone],
        help_text=gettext_lazy("Online meetings in this time zone count as in the area."))

    class Meta:
        permissions = [("manage_roles", "Can give people roles and set coach areas")]

    def __str__(self):
        return f"{self.user} ({self.area_name or _('no area')})"

    @property
    def has_area(self) -> bool:
        return (self.latitude is not None and self.longitude is not None) or bool(self.timezone)


class RoleGrant(models.Model):
    """A role given to a person: who gave it (None: from the console, such as add_moderator or
    the demo people) and when. Written by accounts.roles.set_role; read by moderators."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="role_grants")
    role = models.CharField(max_length=16)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="roles_granted")
    # Kept apart from granted_by, which empties when the giver's account is deleted.
    from_console = models.BooleanField(default=False)
    granted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]

    def __str__(self):
        return f"{self.person} → {self.role}"

    @property
    def role_label(self) -> str:
        from .roles import Role

        return Role(self.role).label if self.role in Role.values else self.role
