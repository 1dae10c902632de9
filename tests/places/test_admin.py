"""The geocoding cache is browsable in the Django admin, failed addresses among them."""
import pytest
from django.urls import reverse

from places.models import GeocodedAddress

pytestmark = pytest.mark.django_db


def test_the_geocoding_cache_is_browsable(admin_client):
    GeocodedAddress.objects.create(query="1 main st", status="failed", error="Timeout", attempts=6)
    page = admin_client.get(reverse("admin:places_geocodedaddress_changelist") + "?status=failed")
    assert "1 main st" in page.content.decode()
