"""Postal codes in an address, read as codes: a Canadian postal code ("T6E 4E8"), a UK postcode
("SW1A 1AA") or a number beside a city ("06700 Ciudad de México", "Sydney NSW 2000") is not
a word of the city's name, and a US ZIP code is kept apart for the ZIP data."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Canada Post's letters: never D, F, I, O, Q or U, and W and Z never first.
CANADIAN_POSTAL_CODE = re.compile(
    r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b", re.IGNORECASE)
# Royal Mail's shapes: A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA.
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", re.IGNORECASE)
POSTCODE_COUNTRIES = ((CANADIAN_POSTAL_CODE, "CA"), (UK_POSTCODE, "GB"))
# A US ZIP code closes its part of the address ("PA 15222"); a street number opens it.
TRAILING_ZIP_CODE = re.compile(r"(?:^|\s)(\d{5})(?:-\d{4})?$")
# Other countries' codes are numbers before or after the city: "06700", "2000", "00-950".
NUMERIC_POSTCODE = re.compile(r"^\d[\d-]{2,9}\s+|\s+\d[\d-]{2,9}$")


@dataclass(frozen=True)
class AddressParts:
    """An address split at its commas, with its postal codes taken out of the parts."""

    parts: tuple[str, ...]
    zip_codes: tuple[str, ...] = ()  # five-digit codes that close a part, as US ZIP codes do
    postcode_country: str = ""  # "CA" or "GB" when a Canadian or UK postcode is in it


def read_address(text: str) -> AddressParts:
    """The parts of an address, without postal codes, and what its codes say."""
    parts, zip_codes, country = [], [], ""
    for position, part in enumerate(" ".join(text.split()).split(",")):
        for pattern, code_country in POSTCODE_COUNTRIES:
            part, found = pattern.subn(" ", part)
            if found:
                country = country or code_country
        part = part.strip()
        if match := TRAILING_ZIP_CODE.search(part):
            zip_codes.append(match[1])
            part = part[:match.start()].strip()
        elif position:  # the first part is the street, whose number stays
            part = NUMERIC_POSTCODE.sub("", part).strip()
        if part:
            parts.append(part)
    return AddressParts(tuple(parts), tuple(zip_codes), country)


def without_street(text: str) -> str:
    """The address from its first comma on, when its first part is a street (a number, and no
    postal code): the parts that name the city, which the meetings on its streets share."""
    street, comma, rest = text.partition(",")
    if (comma and any(letter.isdigit() for letter in street) and not TRAILING_ZIP_CODE.search(
            street.strip()) and not any(pattern.search(street) for pattern, _ in POSTCODE_COUNTRIES)):
        return comma + rest  # an empty first part: what follows is read as after a street
    return text
