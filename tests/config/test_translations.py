"""The Spanish catalogue is complete, compiled and current, and no template holds words a person
reads outside Django's translation machinery."""
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
TEMPLATES = ROOT / "templates"
# Names and symbols that read the same in every language.
SAME_IN_EVERY_LANGUAGE = {"Village", "GeoNames", "CC BY 4.0", "km", "mi", "UTC"}
# Attributes whose values a person reads or hears.
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
WORD = re.compile(r"[^\W\d_]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def entries(catalogue):
    return {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
            for entry in catalogue if not entry.obsolete}


def test_every_spanish_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(CATALOGUE)
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_spanish_entries_keep_their_placeholders():
    for entry in polib.pofile(CATALOGUE).translated_entries():
        placeholders = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for translation in entry.msgstr_plural.values() if entry.msgstr_plural else [entry.msgstr]:
            assert set(PLACEHOLDER.findall(translation)) == placeholders, entry.msgid


def test_the_compiled_catalogue_is_the_one_in_its_source():
    source = polib.pofile(CATALOGUE)
    compiled = polib.mofile(CATALOGUE.with_suffix(".mo"))
    assert entries(compiled) == {key: value for key, value in entries(source).items() if key[1]}


def test_the_catalogue_holds_every_text_the_code_and_templates_mark(tmp_path):
    """What `make messages` would gather today is what the catalogue holds: a new text that
    was never gathered (and so never translated) fails here."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check the catalogue, but GNU gettext (xgettext) is not installed.")
        pytest.skip("GNU gettext is not installed (apt-get install gettext).")
    copy = tmp_path / "village"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "var", "staticfiles", "node_modules", "*.sqlite3"))
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    subprocess.run([sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-obsolete"],
                   cwd=copy, env=environment, check=True, capture_output=True)
    gathered = polib.pofile(copy / CATALOGUE.relative_to(ROOT))
    assert set(entries(gathered)) == set(entries(polib.pofile(CATALOGUE)))


class ReadText(HTMLParser):
    """The words a person would read in a template, once Django's tags are taken out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = []

    def handle_starttag(self, tag, attrs):
        readable = set(READ_ATTRIBUTES)
        if tag == "input" and dict(attrs).get("type") in {"submit", "button", "reset"}:
            readable.add("value")
        self.words += [value for name, value in attrs if name in readable and value]

    def handle_data(self, data):
        self.words.append(data)


def untranslated_words(path: Path) -> list[str]:
    """Text outside {% translate %} and {% blocktranslate %} (and outside comments); each
    variable and tag becomes a mark with no letters, so only the template's own words stay."""
    skeleton, inside = [], None
    for token in Lexer(path.read_text()).tokenize():
        contents = token.contents.split()
        if token.token_type == TokenType.BLOCK and contents:
            if inside is None and contents[0] in {"blocktranslate", "blocktrans", "comment"}:
                inside = "end" + contents[0]
            elif contents[0] == inside:
                inside = None
            skeleton.append("\x00")
        elif inside is None:
            skeleton.append(token.contents if token.token_type == TokenType.TEXT else "\x00")
    text = "".join(skeleton)
    if path.suffix == ".html":
        parser = ReadText()
        parser.feed(text)
        pieces = parser.words
    else:
        pieces = [text]
    found = []
    for piece in pieces:
        for word in piece.replace("\x00", " ").split():
            if WORD.search(word) and word.strip(".,:;()–·") not in SAME_IN_EVERY_LANGUAGE:
                found.append(word)
    return found


@pytest.mark.parametrize("path", sorted(p.relative_to(TEMPLATES).as_posix()
                                        for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt"}))
def test_a_template_holds_no_words_outside_the_translation_machinery(path):
    assert untranslated_words(TEMPLATES / path) == []


def test_the_template_check_finds_words_in_text_and_attributes(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('{% load i18n %}<p title="Hello">{% translate "Hi" %} there {{ name }}</p>'
                    '{% blocktranslate %}Fine {{ x }}{% endblocktranslate %}<img alt="{{ a }}">')
    assert untranslated_words(page) == ["Hello", "there"]
