"""What the geocoder said about each address, kept so that no address is looked up twice."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class GeocodeStatus(models.TextChoices):
    # Translators: what the geocoder said about an address.
    FOUND = "found", _("Found")
    NOT_FOUND = "not_found", _("No such place")
    FAILED = "failed", _("Geocoder failed")


class GeocodedAddress(models.Model):
    """What the geocoder said about an address, so that no address is looked up twice."""

    query = models.CharField(max_length=300, unique=True,
                             help_text=_("The address as looked up, normalized."))
    status = models.CharField(max_length=16, choices=GeocodeStatus.choices)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    timezone = models.CharField(max_length=64, blank=True)
    approximate = models.BooleanField(
        default=False, help_text=_("Only the centre of the ZIP code or city, not the building."))
    label = models.CharField(max_length=300, blank=True, help_text=_("The geocoder's name for it."))
    geocoder = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    looked_up_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Created as a meetings table before places had an app of its own.
        db_table = "meetings_geocodedaddress"
        verbose_name_plural = _("geocoded addresses")

    def __str__(self):
        return f"{self.query} ({self.get_status_display()})"

    @staticmethod
    def normalize(address: str) -> str:
        return " ".join(address.replace(" ,", ",").casefold().split())[:300]
