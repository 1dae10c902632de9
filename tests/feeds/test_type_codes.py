"""Meeting Guide type codes mean different things per fellowship; the mapping is data."""
import json

import pytest

from feeds.type_codes import DATA_FILE, code_set, code_set_for_fellowship, code_sets
from meetings.models import ChildrenPolicy, Fellowship, Focus, Language


def test_aa_child_friendly_means_children_welcome_and_babysitting_means_childcare():
    aa = code_set("aa")
    assert aa.read(["CF"]).children == ChildrenPolicy.WELCOME
    assert aa.read(["BA"]).children == ChildrenPolicy.CHILDCARE


def test_childcare_wins_when_a_meeting_says_both():
    assert code_set("aa").read(["CF", "BA"]).children == ChildrenPolicy.CHILDCARE


def test_na_children_welcome_and_dharma_and_aca_childcare():
    assert code_set("na").read(["CW"]).children == ChildrenPolicy.WELCOME
    assert code_set("recovery-dharma").read(["CC"]).children == ChildrenPolicy.CHILDCARE
    assert code_set("aca").read(["CC"]).children == ChildrenPolicy.CHILDCARE


def test_al_anon_poa_is_parents_of_alcoholics_not_proof_of_attendance():
    assert code_set("al-anon").read(["POA"]).focus == {"parents"}
    assert code_set("aa").read(["POA"]).focus == frozenset()
    assert code_set("aa").meaning("POA").name == "Proof of Attendance"


def test_the_same_letter_means_spanish_in_aa_and_speaker_in_aca():
    assert code_set("aa").read(["S"]).languages == {"es"}
    assert code_set("aa").read(["S"]).focus == {"spanish-speaking"}
    assert code_set("aca").read(["S"]).languages == frozenset()
    assert code_set("aca").read(["SP"]).languages == {"es"}


@pytest.mark.parametrize("code, focus", [
    ("W", "women"), ("M", "men"), ("LGBTQ", "lgbtq"), ("POC", "bipoc"), ("Y", "young-people"),
])
def test_identity_codes_become_focus(code, focus):
    assert code_set("aa").read([code]).focus == {focus}


def test_x_is_step_free_access_and_its_absence_is_unknown_not_no():
    assert code_set("aa").read(["X"]).wheelchair_accessible is True
    assert code_set("aa").read(["O"]).wheelchair_accessible is None


def test_tc_says_the_location_is_closed_and_onl_says_nothing_about_attendance():
    traits = code_set("aa").read(["TC", "ONL"])
    assert traits.location_closed
    assert traits.unknown_codes == ()


def test_unknown_codes_are_reported_not_dropped():
    assert code_set("aa").read(["O", "WHATEVER"]).unknown_codes == ("WHATEVER",)


def test_codes_are_matched_regardless_of_case():
    assert code_set("aa").read(["cf"]).children == ChildrenPolicy.WELCOME


def test_spreadsheet_type_names_read_as_codes():
    assert code_set("aa").code_for_text("Child-Friendly") == "CF"
    assert code_set("aa").code_for_text("babysitting available") == "BA"
    assert code_set("aa").code_for_text("Made Up") == "Made Up"


def test_fellowships_without_their_own_codes_use_the_spec_list():
    assert code_set_for_fellowship(Fellowship.SMART_RECOVERY).name == "aa"
    assert code_set_for_fellowship(Fellowship.NA).name == "na"


def test_writing_back_keeps_raw_codes_that_still_hold_and_adds_what_village_knows():
    codes = code_set("aa").codes_for(
        ["O", "N", "CF"], children=ChildrenPolicy.CHILDCARE, focus=["bipoc", "mothers"],
        languages=[], wheelchair_accessible=True)
    # CF no longer holds (now childcare), N still says bipoc, mothers has no code.
    assert codes == ["O", "N", "BA", "X"]


def test_writing_back_uses_the_fellowships_own_code():
    assert code_set("na").codes_for([], children=ChildrenPolicy.WELCOME) == ["CW"]
    assert code_set("al-anon").codes_for([], children=None, focus=["lgbtq"]) == ["LGBTQIA"]


def test_mapping_is_data_every_code_set_names_a_real_fellowship():
    data = json.loads(DATA_FILE.read_text())
    assert set(data["code_sets"]) == set(code_sets())
    for codes in code_sets().values():
        assert codes.fellowship in Fellowship.values


@pytest.mark.django_db
def test_every_focus_and_language_the_codes_name_exists():
    focus = set(Focus.objects.values_list("slug", flat=True))
    languages = set(Language.objects.values_list("code", flat=True))
    for codes in code_sets().values():
        for meaning in codes.meanings.values():
            assert set(meaning.focus) <= focus, (codes.name, meaning.code)
            assert set(meaning.languages) <= languages, (codes.name, meaning.code)
            assert meaning.children in (None, *ChildrenPolicy.values), (codes.name, meaning.code)
