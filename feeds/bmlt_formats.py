"""What a BMLT root server's formats mean in Village, read from data/bmlt.json: a code set
(type_codes.CodeSet) whose codes are NAWS world ids, so that BMLT meetings are read by the
same code as Meeting Guide types."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .type_codes import CodeSet, TypeMeaning

DATA_FILE = Path(__file__).with_name("data") / "bmlt.json"
LANGUAGE_WORLD_ID = "LANG"


@cache
def _data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as file:
        return json.load(file)


def language_code(language: str) -> str:
    """The code a language format is kept as: its world id and the language, `LANG:es`."""
    return f"{LANGUAGE_WORLD_ID}:{language}"


@cache
def code_set(fellowship: str) -> CodeSet:
    data = _data()
    meanings = {code: TypeMeaning.from_data(code, meaning)
                for code, meaning in data["formats"].items()}
    for language, entry in data["languages"].items():
        code = language_code(language)
        meanings[code] = TypeMeaning(code=code, name=entry["names"][0], languages=(language,),
                                     focus=tuple(entry.get("focus", ())))
    return CodeSet("bmlt", "BMLT formats (NAWS world ids)", fellowship, meanings,
                   tuple(data["children_precedence"]))


def is_noted(code: str) -> bool:
    """Whether a format's description goes into the meeting's notes (data/bmlt.json)."""
    return bool(_data()["formats"].get(code, {}).get("note"))


@cache
def _languages_by_word() -> tuple[dict[str, str], dict[str, str]]:
    keys, names = {}, {}
    for language, entry in _data()["languages"].items():
        keys.update((key.upper(), language) for key in entry["keys"])
        names.update((name.casefold(), language) for name in entry["names"])
    return keys, names


def language_of(key_string: str, name_string: str) -> str | None:
    """The language a language format names, by its key string or its name; None if neither
    is one data/bmlt.json knows."""
    keys, names = _languages_by_word()
    return keys.get(key_string.strip().upper()) or names.get(name_string.strip().casefold())


def meeting_guide_codes(codes) -> list[str]:
    """A BMLT meeting's codes as Meeting Guide (NA) codes, for the export: those with one in
    data/bmlt.json, and none of the rest (what they set is written from Village's fields)."""
    formats = _data()["formats"]
    return list(dict.fromkeys(formats[code]["meeting_guide"] for code in codes
                              if "meeting_guide" in formats.get(code, {})))
