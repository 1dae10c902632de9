"""A collection's flyer as Chromium prints it: one page on A4 and on US Letter, holding every
meeting's address, and a QR code that reads back as the collection's link."""
import io

import numpy
import png
import pytest
import zxingcpp
from pypdf import PdfReader

from curation import collecting
from tests.factories import CoachNoteFactory, CollectionFactory, MeetingFactory

pytestmark = pytest.mark.browser

ADDRESSES = [f"{100 + n} Forbes Ave, Pittsburgh, PA 15213" for n in range(8)]


def qr_text(screenshot: bytes) -> str:
    """The text of the one QR code in a PNG screenshot."""
    width, height, rows, _info = png.Reader(bytes=screenshot).asRGBA8()
    pixels = numpy.array([list(row) for row in rows], dtype=numpy.uint8).reshape(height, width, 4)
    (found,) = zxingcpp.read_barcodes(pixels[:, :, :3].copy())
    return found.text


def test_the_flyer_prints_on_one_page_with_every_address_and_a_qr_code_of_its_link(page, live_server):
    collection = CollectionFactory(name="Evening meetings that welcome kids", visibility="link")
    for n, address in enumerate(ADDRESSES):
        meeting = MeetingFactory(name=f"Group {n}", address=address, children="childcare")
        collecting.add_meeting(collection, meeting)
        collecting.set_note(collection, meeting, "Ask for Maria at the door.")
    CoachNoteFactory(meeting=meeting, text="Childcare room is downstairs.")

    page.goto(f"/en/collections/{collection.token}/flyer/")

    assert qr_text(page.locator(".flyer__qr svg").screenshot()) == (
        f"{live_server.url}/en/collections/{collection.token}/")
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper)))
        assert len(pdf.pages) == 1, paper
        text = " ".join(pdf.pages[0].extract_text().split())
        for address in ADDRESSES:
            assert address in text, (paper, address)
        assert "Ask for Maria at the door." in text and "Childcare room is downstairs." in text
