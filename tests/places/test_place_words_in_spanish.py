"""What the places app says to a parent reads in Spanish when Spanish is active (distances,
a place not found, a name several places share) and as before in English."""
import pytest
from django.utils import translation

from places.geocoding import (
    AmbiguousPlace,
    CoordinatesOutOfRange,
    GeocodingUnavailable,
    PlaceNotFound,
    locate,
)
from places.geometry import KILOMETRES, KM_PER_MILE, MILES, distance_words
from places.models import GeocodeStatus


def test_distances_read_in_spanish_with_plural_miles():
    with translation.override("es"):
        words = (distance_words(KM_PER_MILE, MILES), distance_words(50, MILES),
                 distance_words(50, KILOMETRES))

    assert words == ("1 milla", "31 millas", "50 km")


def test_distances_still_read_in_english():
    with translation.override("en"):
        words = (distance_words(KM_PER_MILE, MILES), distance_words(50, MILES),
                 distance_words(50, KILOMETRES))

    assert words == ("1 mile", "31 miles", "50 km")


def test_a_place_not_found_is_said_in_spanish_with_what_was_typed():
    with pytest.raises(PlaceNotFound) as raised:
        locate("Xyzzy")
    with translation.override("es"):
        message = raised.value.message

    assert message == (
        "No encontramos 'Xyzzy'. Prueba con un código postal (ZIP) de EE. UU. como 15222, una "
        'ciudad y un estado como "Pittsburgh, PA" o unas coordenadas como 40.44,-79.99.')


def test_no_place_at_all_asks_in_spanish_where_the_parent_is():
    with translation.override("es"):
        assert PlaceNotFound("").message.startswith("Dinos dónde estás: ")


def test_a_shared_name_asks_which_in_spanish_listing_the_places_as_they_are_spelled():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Springfield")
    with translation.override("es"):
        question, message = raised.value.question, raised.value.message

    assert question == "¿Cuál Springfield?"
    assert message.startswith("¿Cuál Springfield? Springfield, MO; Springfield, MA; ")
    assert message.endswith(
        ". Agrega el estado o el país para elegir, como en 'Springfield, MO'.")


def test_the_same_shared_name_still_asks_in_english():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Springfield")
    with translation.override("en"):
        question, message = raised.value.question, raised.value.message

    assert question == "Which Springfield?"
    assert message.endswith(
        ". Add the state or country to choose, as in 'Springfield, MO'.")


def test_coordinates_off_the_globe_are_refused_in_spanish():
    with translation.override("es"), pytest.raises(CoordinatesOutOfRange) as raised:
        locate("95,10")

    # The exception's text is said in the language active when it was raised.
    assert str(raised.value).startswith("'95,10' no es un lugar de la Tierra: ")


def test_a_geocoder_outage_is_explained_in_spanish():
    with translation.override("es"):
        assert GeocodingUnavailable("timed out").message == (
            "La búsqueda de lugares no funciona en este momento. Vuelve a intentarlo en un minuto.")


def test_what_the_geocoder_said_is_named_in_spanish():
    with translation.override("es"):
        assert str(GeocodeStatus.NOT_FOUND.label) == "No existe ese lugar"
