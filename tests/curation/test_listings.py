"""A listing form is bound to data in which the meeting was placed from its address first."""
import pytest

from curation.forms import ListingForm
from curation.listings import bind_listing_form
from tests.factories import MeetingFactory, change_data

pytestmark = pytest.mark.django_db


def test_a_new_address_without_coordinates_is_placed_near_it_and_marked_approximate():
    meeting = MeetingFactory(latitude=10.0, longitude=10.0)
    form = bind_listing_form(ListingForm, change_data(meeting, address="1 Main St, Denver, CO 80202",
                                                      latitude="10.0", longitude="10.0"),
                             instance=meeting)
    assert form.is_valid(), form.errors
    assert form.position_found and form.instance.location_approximate
    assert form.cleaned_data["latitude"] == pytest.approx(39.75, abs=0.1)


def test_a_new_address_with_new_coordinates_keeps_them_as_exact():
    meeting = MeetingFactory(latitude=10.0, longitude=10.0, location_approximate=True)
    form = bind_listing_form(ListingForm, change_data(meeting, address="1 Main St, Denver, CO 80202",
                                                      latitude="39.7392", longitude="-104.9903"),
                             instance=meeting)
    assert form.is_valid(), form.errors
    assert not form.position_found and not form.instance.location_approximate
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (39.7392, -104.9903)


def test_an_address_no_one_can_place_drops_the_old_coordinates_and_needs_a_zone():
    meeting = MeetingFactory(latitude=10.0, longitude=10.0, location_approximate=True)
    form = bind_listing_form(ListingForm, change_data(meeting, address="Behind the old mill",
                                                      timezone=""), instance=meeting)
    assert not form.is_valid()
    assert "timezone" in form.errors
    assert form.cleaned_data["latitude"] is None and form.cleaned_data["longitude"] is None
    # Coordinates dropped by placing are not the person's own edit of them.
    assert form.instance.location_approximate


def test_an_online_meeting_is_never_placed():
    meeting = MeetingFactory(online=True)
    form = bind_listing_form(ListingForm, change_data(meeting, latitude="", longitude="",
                                                      conference_url="https://zoom.us/j/1"),
                             instance=meeting)
    assert form.is_valid(), form.errors
    assert not form.position_found and form.placed_fields == set()
