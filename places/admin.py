"""The geocoding cache in the admin: what the geocoder said about each address."""
from django.contrib import admin

from .models import GeocodedAddress


@admin.register(GeocodedAddress)
class GeocodedAddressAdmin(admin.ModelAdmin):
    list_display = ["query", "status", "approximate", "latitude", "longitude", "timezone",
                    "geocoder", "attempts", "looked_up_at"]
    list_filter = ["status", "geocoder", "approximate"]
    search_fields = ["query", "label"]
    readonly_fields = ["looked_up_at"]
