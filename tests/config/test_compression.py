"""Text responses go out compressed as the client asks: Brotli to one that accepts br, gzip to
one that accepts only gzip, as they were to one that accepts neither; every answer says it
varies with Accept-Encoding, and the feed's snapshot, gzipped already, is not compressed twice."""
import gzip
import json

import brotli
import pytest
from django.urls import reverse

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

# What Chromium sends, and Safari (no zstd).
CHROMIUM = "gzip, deflate, br, zstd"
SAFARI = "gzip, deflate, br"
PAGES = ["/en/", "/en/?near=15222", "/api/v1/search/?near=15222", "/api/v1/meetings/",
         "/en/privacy/"]


@pytest.fixture
def meetings():
    for number in range(5):
        MeetingFactory(name=f"Parents Together {number}", notes="Childcare in room 4, ask at the desk. " * 4)


def assert_same_body(path, body, plain):
    if path.startswith("/api/"):
        assert json.loads(body) == plain.json()
    else:
        assert body == plain.content
        assert b"</html>" in body


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("accept_encoding", [CHROMIUM, SAFARI, "gzip;q=1.0, br;q=0.5", "br"])
def test_a_text_response_is_brotli_compressed_for_a_client_that_accepts_br(
        client, meetings, path, accept_encoding):
    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING=accept_encoding)

    assert compressed.status_code == plain.status_code == 200
    assert compressed["Content-Encoding"] == "br"
    assert "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) / 2
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert_same_body(path, brotli.decompress(compressed.content), plain)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("accept_encoding", ["gzip", "gzip, deflate", "br;q=0, gzip"])
def test_a_text_response_is_gzipped_for_a_client_that_accepts_only_gzip(
        client, meetings, path, accept_encoding):
    plain = client.get(path)
    zipped = client.get(path, HTTP_ACCEPT_ENCODING=accept_encoding)

    assert zipped.status_code == plain.status_code == 200
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content) / 2
    assert_same_body(path, gzip.decompress(zipped.content), plain)


@pytest.mark.parametrize("accept_encoding", [None, "identity", "zstd", "deflate", "br;q=0"])
def test_a_client_that_accepts_neither_gets_the_body_as_it_is(client, meetings, accept_encoding):
    headers = {} if accept_encoding is None else {"HTTP_ACCEPT_ENCODING": accept_encoding}
    response = client.get("/en/", **headers)

    assert not response.has_header("Content-Encoding")
    assert b"</html>" in response.content
    # A cache in between keeps this answer for such clients only.
    assert "Accept-Encoding" in response["Vary"]


def test_brotli_answers_differ_in_length_at_random_against_breach(client, meetings):
    """An attacker who reflects guesses into a page and watches its compressed length (BREACH)
    sees it change at random: br answers carry 0 to 100 random characters of padding."""
    paddings = [client.get("/en/?near=15222", HTTP_ACCEPT_ENCODING="br")["Padding"]
                for _ in range(20)]

    assert all(len(padding) <= 100 for padding in paddings)
    assert len({len(padding) for padding in paddings}) > 1
    assert len(set(paddings)) > 1


def test_a_tiny_response_is_sent_as_it_is(client):
    response = client.get(reverse("health-live"), HTTP_ACCEPT_ENCODING=CHROMIUM)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize("accept_encoding", ["gzip", CHROMIUM])
def test_the_feeds_gzipped_snapshot_is_not_compressed_again(client, meetings, accept_encoding):
    zipped = client.get(reverse("api-meeting-guide-feed"), HTTP_ACCEPT_ENCODING=accept_encoding)

    assert zipped["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(zipped.content))) == 5


def test_the_feed_goes_in_brotli_to_a_client_that_takes_br_but_not_gzip(client, meetings):
    response = client.get(reverse("api-meeting-guide-feed"), HTTP_ACCEPT_ENCODING="br")

    assert response["Content-Encoding"] == "br"
    assert len(json.loads(brotli.decompress(response.content))) == 5
