"""Places as a Spanish-speaking parent types them: the Spanish names of US cities and states,
of the world's cities (GeoNames' other names for them), of countries and Canadian provinces,
with or without accents; a place's own name still comes first."""
import pytest

from places import geocoding
from places.geocoding import AmbiguousPlace, PlaceNotFound, locate


@pytest.mark.parametrize(("text", "label"), [
    ("Los Ángeles, California", "Los Angeles, CA"),
    ("Filadelfia", "Philadelphia, PA"),
    ("Nueva York", "New York, NY"),
    ("Ciudad de Nueva York", "New York, NY"),
    ("Nueva Orleans", "New Orleans, LA"),
    ("Miami", "Miami, FL"),
    ("San Luis, Misuri", "Saint Louis, MO"),
    ("San Luis, MO", "Saint Louis, MO"),
    ("Washington D. C.", "Washington, DC"),
    ("Washington, Distrito de Columbia", "Washington, DC"),
    ("Nueva York, EE. UU.", "New York, NY"),
])
def test_spanish_names_of_us_cities_are_found(text, label):
    assert locate(text).label == label


@pytest.mark.parametrize(("text", "label"), [
    ("Filadelfia, Pensilvania", "Philadelphia, PA"),
    ("Nueva York, Nueva York", "New York, NY"),
    ("Charlotte, Carolina del Norte", "Charlotte, NC"),
    ("Columbia, Carolina del Sur", "Columbia, SC"),
    ("Albuquerque, Nuevo México", "Albuquerque, NM"),
    ("Baton Rouge, Luisiana", "Baton Rouge, LA"),
    ("Jackson, Misisipi", "Jackson, MS"),
    ("Kansas City, Misuri", "Kansas City, MO"),
    ("Pittsburgh, Pensilvania", "Pittsburgh, PA"),
    ("Charleston, Virginia Occidental", "Charleston, WV"),
    ("Sioux Falls, Dakota del Sur", "Sioux Falls, SD"),
    ("Fargo, Dakota del Norte", "Fargo, ND"),
    ("Honolulu, Hawái", "Honolulu, HI"),
    ("Miami, Florida", "Miami, FL"),
    ("Houston, Texas", "Houston, TX"),
    ("El Paso, Tejas", "El Paso, TX"),
    ("Trenton, Nueva Jersey", "Trenton, NJ"),
    ("Manchester, Nuevo Hampshire", "Manchester, NH"),
    ("Detroit, Míchigan", "Detroit, MI"),
    ("Portland, Oregón", "Portland, OR"),
])
def test_spanish_names_of_us_states_after_a_city_are_found(text, label):
    assert locate(text).label == label


@pytest.mark.parametrize(("text", "label"), [
    ("Londres", "London, United Kingdom"),
    ("Ciudad de México", "Mexico City, Mexico"),
    ("CDMX", "Mexico City, Mexico"),
    ("Ciudad de Guatemala", "Guatemala City, Guatemala"),
    ("Ciudad de Panamá", "Panama City, Panama"),
    ("La Habana", "Havana, Cuba"),
    ("Moscú", "Moscow, Russia"),
    ("Múnich", "Munich, Germany"),
    ("Ginebra", "Geneva, Switzerland"),
    ("Nueva Delhi", "New Delhi, India"),
    ("Santiago de Chile", "Santiago, Chile"),
    ("Toronto", "Toronto, ON, Canada"),
])
def test_spanish_names_of_the_worlds_cities_are_found(text, label):
    assert locate(text).label == label


@pytest.mark.parametrize(("text", "label"), [
    ("Londres, Reino Unido", "London, United Kingdom"),
    ("Londres, Inglaterra", "London, United Kingdom"),
    ("Glasgow, Escocia", "Glasgow, United Kingdom"),
    ("Moscú, Rusia", "Moscow, Russia"),
    ("Pekín, China", "Beijing, China"),
    ("Tokio, Japón", "Tokyo, Japan"),
    ("Roma, Italia", "Rome, Italy"),
    ("Ámsterdam, Países Bajos", "Amsterdam, The Netherlands"),
    ("Santo Domingo, República Dominicana", "Santo Domingo, Dominican Republic"),
    ("Vancouver, Columbia Británica", "Vancouver, BC, Canada"),
    ("Halifax, Nueva Escocia", "Halifax, NS, Canada"),
])
def test_a_spanish_country_or_province_chooses_the_city(text, label):
    assert locate(text).label == label


@pytest.mark.parametrize("text", ["LONDRES", "londres", "Moscu", "ciudad de mexico", "CIUDAD DE MÉXICO"])
def test_spanish_names_ignore_accents_and_case(text):
    spelled = {"londres": "Londres", "moscu": "Moscú", "ciudad de mexico": "Ciudad de México"}
    assert locate(text) == locate(spelled[geocoding._key(text)])


def test_a_bare_spanish_name_other_places_bear_asks_which_with_the_us_city_first():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("San Luis")

    labels = [candidate.label for candidate in raised.value.candidates]
    assert labels[0] == "Saint Louis, MO"
    assert {"San Luis, AZ", "San Luis, Argentina"} <= set(labels)
    assert raised.value.question == "Which San Luis?"
    for candidate in raised.value.candidates:
        assert locate(candidate.query).label == candidate.label


def test_a_short_name_in_the_meant_citys_state_is_that_city():
    assert locate("New York City").label == "New York, NY"


def test_a_places_own_name_comes_before_another_citys_other_name():
    # "Roma" is Roma, TX's own name and only another name of Rome; said with its country it is Rome.
    assert locate("Roma").label == "Roma, TX"
    assert locate("Roma, Italia").label == "Rome, Italy"
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Pekín")
    assert all(candidate.label.startswith("Pekin, ") for candidate in raised.value.candidates)


def test_an_english_word_among_a_small_citys_other_names_finds_nothing():
    # GeoNames lists "Downtown" for Warsaw's Śródmieście (99,950 people).
    with pytest.raises(PlaceNotFound):
        locate("Downtown")


def record(name, alternates, *, country="GB", population=500_000):
    return {"name": name, "alternatenames": alternates, "countrycode": country,
            "admin1code": "ENG", "latitude": 51.5, "longitude": -0.1, "population": population}


def test_only_the_other_names_a_parent_would_type_are_read():
    others = geocoding._build_other_world_names({"1": record(
        "London", ["Londres", "Londra", "LON", "lun dun", "Лондон", "London", "Lo"])})

    assert sorted(others) == ["londra", "londres"]
    assert [city.name for city in others["londres"]] == ["London"]


def test_small_cities_and_us_cities_give_no_other_names():
    others = geocoding._build_other_world_names({
        "1": record("Śródmieście", ["Downtown"], country="PL", population=99_950),
        "2": record("St. Louis", ["San Luis"], country="US"),
    })

    assert others == {}
