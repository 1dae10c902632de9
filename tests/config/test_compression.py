"""Text responses go out gzipped to a client that accepts it, and as they were to one that
does not; the feed's snapshot, gzipped already, is not gzipped twice."""
import gzip
import json

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    for number in range(5):
        MeetingFactory(name=f"Parents Together {number}", notes="Childcare in room 4, ask at the desk. " * 4)


@pytest.mark.parametrize("path", ["/en/", "/en/?near=15222", "/api/v1/search/?near=15222",
                                  "/api/v1/meetings/", "/en/privacy/"])
def test_a_text_response_is_gzipped_for_a_client_that_accepts_it(client, meetings, path):
    plain = client.get(path)
    zipped = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert zipped.status_code == plain.status_code == 200
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content) / 2
    body = gzip.decompress(zipped.content)
    if path.startswith("/api/"):
        assert json.loads(body) == plain.json()
    else:
        assert b"</html>" in body


def test_a_client_that_does_not_accept_gzip_gets_the_body_as_it_is(client, meetings):
    response = client.get("/en/")

    assert not response.has_header("Content-Encoding")
    assert b"</html>" in response.content


def test_the_feeds_gzipped_snapshot_is_not_gzipped_again(client, meetings):
    zipped = client.get(reverse("api-meeting-guide-feed"), HTTP_ACCEPT_ENCODING="gzip")

    assert zipped["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(zipped.content))) == 5
