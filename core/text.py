"""Text people and feeds give is stored as plain text: markup is taken out on the way in, and
the pages escape the text on the way out as they always have.

nh3 (the Rust sanitizer ammonia, which follows the HTML standard's parser) reads the markup:
with no tag allowed it keeps the words of every element but drops whatever is inside
<script> and <style>, and comments. Django's strip_tags would keep a script's code as words.
"""
from __future__ import annotations

import html
import re

import nh3

# Elements whose content is code, never words a person reads.
CODE_ELEMENTS = {"script", "style"}
# Markup that breaks a line, so that "a<br>b" reads "a b" (or two lines), not "ab".
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr)\s*>", re.IGNORECASE)
# Entities can hide markup ("&lt;b&gt;"): reading again until nothing changes takes out each
# layer; real text is stable after one reading.
_MOST_READINGS = 4
# What the HTML parser reads otherwise than as the characters written: markup, entities,
# carriage returns and NULs (which it normalises) and a leading byte order mark (which it
# drops). Text with none of them, most of what feeds hold, is its own reading, so the parser
# is not asked: an import reads a dozen text fields of every record.
_READ_AS_HTML = re.compile(r"[<&\r\0]|^\ufeff")


def plain_text(value: str, *, multiline: bool = False) -> str:
    """`value` without markup and with its entities read ("&amp;" is "&"): one line of single
    spaces, or (`multiline`) its lines as they were, a <br> or </p> starting a new one."""
    if not value:
        return ""
    text = value
    if _READ_AS_HTML.search(text):
        for _ in range(_MOST_READINGS):
            read = html.unescape(nh3.clean(_BREAKS.sub("\n", text), tags=set(),
                                           clean_content_tags=CODE_ELEMENTS))
            if read == text:
                break
            text = read
    return text.strip() if multiline else " ".join(text.split())

