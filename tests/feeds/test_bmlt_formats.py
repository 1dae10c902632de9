"""What BMLT's formats mean in Village is data (feeds/data/bmlt.json), read by NAWS world id."""
import json

import pytest

from feeds.bmlt import Format
from feeds.bmlt_formats import DATA_FILE, code_set
from meetings.models import ChildrenPolicy, Focus, Language

NA = code_set("na")


@pytest.mark.parametrize("world_id, children", [
    ("CW", ChildrenPolicy.WELCOME), ("CS", ChildrenPolicy.WELCOME),
    ("NC", ChildrenPolicy.ADULTS_ONLY), ("OPEN", None),
])
def test_the_three_children_formats_keep_their_meaning(world_id, children):
    assert NA.read([world_id]).children == children


def test_children_under_supervision_is_welcome_with_its_description_in_the_notes():
    data = json.loads(DATA_FILE.read_text())
    assert data["formats"]["CS"] == {"name": "Children under Supervision",
                                     "children": "welcome", "note": True}


@pytest.mark.parametrize("code, focus", [
    ("W", "women"), ("M", "men"), ("GL", "lgbtq"), ("Y", "young-people"), ("YP", "young-people"),
    ("LGBTQ+", "lgbtq"),
])
def test_identity_formats_become_focus(code, focus):
    assert NA.read([code]).focus == {focus}


def test_wheelchair_and_temporarily_closed():
    traits = NA.read(["WCHR", "TC"])
    assert traits.wheelchair_accessible is True and traits.location_closed


@pytest.mark.parametrize("key, name, code", [
    ("ES", "Español", "LANG:es"), ("SPA", "Spanish", "LANG:es"), ("Esp", "Español", "LANG:es"),
    ("FR", "French", "LANG:fr"), ("SL", "ASL", "LANG:ase"), ("FIN", "Finnish", "FIN"),
])
def test_a_language_format_is_read_by_its_key_or_its_name(key, name, code):
    assert Format(key=key, world_id="LANG", kind="LANG", name=name).code == code


def test_spanish_is_the_language_and_the_focus_as_in_meeting_guide():
    traits = NA.read(["LANG:es"])
    assert traits.languages == {"es"} and traits.focus == {"spanish-speaking"}


def test_a_format_is_read_by_its_world_id_not_the_servers_own_key():
    assert Format(key="WC", world_id="WCHR").code == "WCHR"
    assert Format(key="YP", world_id="Y").code == "Y"


def test_a_format_without_a_world_id_is_read_by_its_key():
    assert Format(key="CS", world_id="").code == "CS"
    assert Format(key="Pi", world_id="").code == "Pi"
    assert NA.read(["Pi"]).unknown_codes == ("Pi",)


def test_the_code_set_takes_the_sources_fellowship():
    assert code_set("na").fellowship == "na"
    assert code_set("ca").fellowship == "ca"


@pytest.mark.django_db
def test_every_focus_and_language_the_formats_name_exists():
    focus = set(Focus.objects.values_list("slug", flat=True))
    languages = set(Language.objects.values_list("code", flat=True))
    for meaning in NA.meanings.values():
        assert set(meaning.focus) <= focus, meaning.code
        assert set(meaning.languages) <= languages, meaning.code
