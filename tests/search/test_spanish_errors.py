"""A bad search is answered in the reader's language: the API's 400s follow Accept-Language and
the Spanish search page says what is wrong in Spanish; parameter names and the values they
take stay as written, since they go in the address."""
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import PITTSBURGH, MeetingFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"
NEAR = f"{PITTSBURGH[0]},{PITTSBURGH[1]}"


def errors(client, reader="es", **params):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE=reader)
    assert response.status_code == 400
    return response.json()


@pytest.mark.parametrize(("params", "field", "spanish", "english"), [
    ({"near": NEAR, "days": "funday"}, "days",
     "'funday' no es un día; usa una lista separada por comas de sun, mon, tue, wed, thu, fri, sat.",
     "'funday' is not a day; use a comma list of sun, mon, tue, wed, thu, fri, sat."),
    ({"near": NEAR, "children": "lots"}, "children",
     "'lots' no es válido; usa uno de estos: welcome, childcare.",
     "'lots' is not allowed; use one of: welcome, childcare."),
    ({"near": NEAR, "radius_km": "far"}, "radius_km",
     "Escribe la distancia en km como un número, 500 como máximo.",
     "Give the radius in km as a number, at most 500."),
    ({"near": NEAR, "radius_km": "600"}, "radius_km",
     "La distancia puede ser de 500 km como máximo.", "The radius can be at most 500 km."),
    ({"near": NEAR, "radius_km": "0"}, "radius_km",
     "La distancia debe ser de más de 0 km.", "The radius must be more than 0 km."),
    ({"near": NEAR, "wheelchair": "perhaps"}, "wheelchair",
     "Usa wheelchair=true para pedir acceso sin escalones.",
     "Use wheelchair=true to ask for step-free access."),
    ({"near": NEAR, "tz": "Mars/Olympus"}, "tz",
     "'Mars/Olympus' no es una zona horaria IANA; usa un nombre como America/New_York.",
     "'Mars/Olympus' is not an IANA time zone; use a name such as America/New_York."),
    ({"near": NEAR, "language": "klingon"}, "language",
     "'klingon' no es un idioma; usa uno de estos: ", "'klingon' is not a language; use one of: "),
    ({"near": NEAR, "focus": "astronauts"}, "focus",
     "'astronauts' no es un enfoque; usa uno de estos: ",
     "'astronauts' is not a focus; use one of: "),
    ({}, "near",
     "Dinos dónde estás: un código postal de EE. UU., una ciudad como 'Pittsburgh, PA', o lat,lng. "
     "Solo una búsqueda de reuniones en línea puede dejarlo en blanco.",
     "Say where you are: a US ZIP code, a city such as 'Pittsburgh, PA', or lat,lng. "
     "Only a search for online meetings can leave it out."),
    ({"attendance": "online"}, "tz",
     "Indica tu zona horaria (como America/Chicago) o dinos dónde estás, para mostrar los "
     "horarios de las reuniones en tu hora.",
     "Give your time zone (such as America/Chicago) or say where you are, so that meeting "
     "times are shown on your clock."),
    ({"near": NEAR, "page": "9"}, "page",
     "No existe la página '9'; las páginas van de la 1 a la 1.",
     "There is no page '9'; pages run from 1 to 1."),
])
def test_each_bad_parameter_is_said_in_the_language_asked_for(client, params, field, spanish,
                                                              english):
    MeetingFactory()
    [in_spanish] = errors(client, "es", **params)[field]
    [in_english] = errors(client, "en", **params)[field]

    assert in_spanish.startswith(spanish) and in_spanish.endswith(".")
    assert in_english.startswith(english) and in_english.endswith(".")
    if spanish.endswith("."):
        assert (in_spanish, in_english) == (spanish, english)


def test_too_many_windows_is_said_in_spanish_with_the_forms_kept(client):
    windows = [f"{hour:02d}:00-{hour:02d}:30" for hour in range(15)]

    [message] = errors(client, near=NEAR, avoid=windows, free=windows)["free"]

    assert message.startswith("Como máximo 28 franjas horarias en una búsqueda (avoid y free en "
                              "total); una franja puede abarcar varios días, como en ")
    assert "sat@08:00-12:00" in message


def test_the_spanish_search_page_says_there_is_no_such_page_in_spanish(client):
    MeetingFactory()
    with translation.override("es"):
        path = reverse("search")

    response = client.get(path, {"near": NEAR, "page": "7"})

    assert response.status_code == 400
    assert ("No existe la página '7' de estos resultados: las páginas van de la 1 a la 1."
            in soup(response).select_one(".results").text)
    assert "'funday' no es un día" in soup(client.get(path, {"near": NEAR, "day": "funday"})).find(
        id="days-error").text
