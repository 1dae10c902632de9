"""Static files go out under names that change with their content, so a browser keeps them for
a year without asking again, and compressed ahead of time: Brotli or gzip as the browser asks."""
import gzip
import re

import brotli
import pytest
from django.core.management import call_command

from config import settings as site_settings

pytestmark = pytest.mark.django_db

YEAR_SECONDS = 365 * 24 * 60 * 60
HASHED = r"/static/{name}\.[0-9a-f]{{12}}\.{extension}"


@pytest.fixture
def collected(settings, tmp_path):
    """The project's own static files collected as a deployment collects them (its storage,
    with a manifest of hashed names), into a folder of the test's own."""
    settings.STORAGES = site_settings.STORAGES
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)


def stylesheet_url(client) -> str:
    page = client.get("/en/").content.decode()
    return re.search(HASHED.format(name="css/village", extension="css"), page).group()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_page_names_its_style_sheet_and_script_by_their_content(client, collected):
    page = client.get("/en/").content.decode()

    assert re.search(HASHED.format(name="css/village", extension="css"), page)
    assert re.search(HASHED.format(name="js/village", extension="js"), page)
    assert 'href="/static/css/village.css"' not in page


def test_a_static_file_under_its_hashed_name_is_kept_a_year_without_asking_again(
        client, collected):
    response = client.get(stylesheet_url(client))

    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= YEAR_SECONDS


def test_a_static_file_under_its_own_name_is_kept_only_briefly(client, collected):
    """An old page may still ask for it by that name, and its content may have changed."""
    response = client.get("/static/css/village.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) < YEAR_SECONDS


@pytest.mark.parametrize(("accept_encoding", "coding", "decompress"), [
    ("gzip, deflate, br, zstd", "br", brotli.decompress),
    ("gzip", "gzip", gzip.decompress),
    ("", None, lambda content: content),
])
def test_a_static_file_goes_compressed_as_the_browser_asks(
        client, collected, accept_encoding, coding, decompress):
    url = stylesheet_url(client)
    plain = body(client.get(url))

    response = client.get(url, HTTP_ACCEPT_ENCODING=accept_encoding)

    assert response.get("Content-Encoding") == coding
    assert "Accept-Encoding" in response["Vary"]
    assert decompress(body(response)) == plain
    assert b".site-header" in plain
