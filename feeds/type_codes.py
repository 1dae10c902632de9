"""What Meeting Guide type codes mean in Village, per fellowship, read from data/type_codes.json.

A code's meaning depends on the fellowship (Al-Anon `POA` is "parents of alcoholics", AA `POA`
is "proof of attendance"), so every code set is its own table; this module only reads them.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "type_codes.json"


@dataclass(frozen=True)
class TypeMeaning:
    """One code of one code set and what it says about a meeting."""

    code: str
    name: str
    children: str | None = None
    focus: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    wheelchair: bool = False
    location_closed: bool = False
    retired: bool = False
    preferred: bool = False

    @classmethod
    def from_data(cls, code: str, meaning: dict) -> TypeMeaning:
        """A code's meaning as a data file (data/type_codes.json, data/bmlt.json) writes it."""
        return cls(
            code=code,
            name=meaning["name"],
            children=meaning.get("children"),
            focus=tuple(meaning.get("focus", ())),
            languages=tuple(meaning.get("languages", ())),
            wheelchair=bool(meaning.get("wheelchair")),
            location_closed=bool(meaning.get("location_closed")),
            retired=bool(meaning.get("retired")),
            preferred=bool(meaning.get("preferred")),
        )

    @property
    def modelled(self) -> bool:
        """Whether Village keeps this meaning in a field of its own (not only as a raw code)."""
        return bool(self.children or self.focus or self.languages or self.wheelchair)


@dataclass(frozen=True)
class MeetingTraits:
    """What a meeting's codes say, in Village's terms."""

    children: str | None = None
    focus: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    wheelchair_accessible: bool | None = None
    location_closed: bool = False
    unknown_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeSet:
    name: str
    label: str
    fellowship: str
    meanings: dict[str, TypeMeaning]
    children_precedence: tuple[str, ...]
    _by_upper: dict[str, TypeMeaning] = field(default_factory=dict, repr=False)
    _by_name: dict[str, TypeMeaning] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for meaning in self.meanings.values():
            self._by_upper.setdefault(meaning.code.upper(), meaning)
            self._by_name.setdefault(meaning.name.casefold(), meaning)

    def meaning(self, code: str) -> TypeMeaning | None:
        """The meaning of a code; feeds are not always careful with case (`o` for `O`)."""
        return self.meanings.get(code) or self._by_upper.get(code.upper())

    def code_for_text(self, text: str) -> str:
        """A code given as itself or by its English name ("Child-Friendly"), as spreadsheets do."""
        text = text.strip()
        meaning = self.meaning(text) or self._by_name.get(text.casefold())
        return meaning.code if meaning else text

    def read(self, codes: Iterable[str]) -> MeetingTraits:
        children: list[str] = []
        focus: set[str] = set()
        languages: set[str] = set()
        wheelchair = None
        closed = False
        unknown = []
        for code in codes:
            meaning = self.meaning(code)
            if meaning is None:
                unknown.append(code)
                continue
            if meaning.children:
                children.append(meaning.children)
            focus.update(meaning.focus)
            languages.update(meaning.languages)
            wheelchair = True if meaning.wheelchair else wheelchair
            closed = closed or meaning.location_closed
        return MeetingTraits(
            children=min(children, key=self.children_precedence.index) if children else None,
            focus=frozenset(focus),
            languages=frozenset(languages),
            wheelchair_accessible=wheelchair,
            location_closed=closed,
            unknown_codes=tuple(unknown),
        )

    def codes_for(self, raw_codes: Iterable[str], *, children: str | None,
                  focus: Iterable[str] = (), languages: Iterable[str] = (),
                  wheelchair_accessible: bool | None = None) -> list[str]:
        """A meeting's codes for a feed: its raw codes, less those that no longer hold for it,
        plus a code for each of its children policy, focuses, languages and access that no
        kept code already says.

        A kept raw code wins over the preferred one, so `N` (Native American) stays `N` rather
        than turning into `POC` on a round trip.
        """
        focus, languages = set(focus), set(languages)
        kept: list[str] = []
        for code in dict.fromkeys(raw_codes):
            meaning = self.meaning(code)
            if meaning is not None and meaning.modelled and not _holds(
                    meaning, children, focus, languages, wheelchair_accessible):
                continue
            kept.append(code)
        said = self.read(kept)
        wanted: list[TypeMeaning | None] = []
        if children and children != said.children and children in self.children_precedence:
            wanted.append(self._writer("children", children))
        wanted += [self._writer("focus", slug) for slug in sorted(focus - said.focus)]
        wanted += [self._writer("languages", code) for code in sorted(languages - said.languages)]
        if wheelchair_accessible and not said.wheelchair_accessible:
            wanted.append(self._writer("wheelchair", True))
        for meaning in wanted:
            if meaning is not None and meaning.code not in kept:
                kept.append(meaning.code)
        return kept

    def _writer(self, kind: str, value) -> TypeMeaning | None:
        return _writers(self.name).get((kind, value))


def _holds(meaning: TypeMeaning, children, focus, languages, wheelchair) -> bool:
    if meaning.children and meaning.children != children:
        return False
    if not set(meaning.focus) <= focus or not set(meaning.languages) <= languages:
        return False
    return not (meaning.wheelchair and not wheelchair)


@cache
def _writers(set_name: str) -> dict[tuple[str, object], TypeMeaning]:
    """For each Village value, the code that says it: the preferred code, else the first."""
    writers: dict[tuple[str, object], TypeMeaning] = {}
    for meaning in code_sets()[set_name].meanings.values():
        keys = [("children", meaning.children)] if meaning.children else []
        # A code that says more than one thing (`S`: Spanish-speaking focus and Spanish
        # language) is a fine way to say either.
        keys += [("focus", slug) for slug in meaning.focus]
        keys += [("languages", code) for code in meaning.languages]
        keys += [("wheelchair", True)] if meaning.wheelchair else []
        for key in keys:
            if key not in writers or (meaning.preferred and not writers[key].preferred):
                writers[key] = meaning
    return writers


@cache
def _data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as file:
        return json.load(file)


@cache
def code_sets() -> dict[str, CodeSet]:
    data = _data()
    precedence = tuple(data["children_precedence"])
    sets = {}
    for name, entry in data["code_sets"].items():
        meanings = {
            code: TypeMeaning.from_data(code, meaning) for code, meaning in entry["types"].items()
        }
        sets[name] = CodeSet(name, entry["label"], entry["fellowship"], meanings, precedence)
    return sets


def code_set(name: str) -> CodeSet:
    """The code set called `name`; KeyError names the known ones."""
    sets = code_sets()
    if name not in sets:
        raise KeyError(f"'{name}' is not a code set; known: {', '.join(sorted(sets))}.")
    return sets[name]


def code_set_for_fellowship(fellowship: str) -> CodeSet:
    """The code set a fellowship's feeds use; fellowships without their own use the spec's."""
    sets = code_sets()
    if fellowship in sets and sets[fellowship].fellowship == fellowship:
        return sets[fellowship]
    return sets[_data()["default_code_set"]]
