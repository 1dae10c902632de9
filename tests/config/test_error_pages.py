"""Error pages keep the quick exit and say what to do next."""
import pytest
from django.test import Client, RequestFactory

from config.error_views import server_error

pytestmark = pytest.mark.django_db


def test_server_error_page_keeps_the_quick_exit(settings):
    settings.VILLAGE_QUICK_EXIT_URL = "https://neutral.example/"

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert 'href="https://neutral.example/"' in page and "Something went wrong" in page


def test_refused_form_asks_to_try_again_and_keeps_the_quick_exit(settings):
    settings.VILLAGE_QUICK_EXIT_URL = "https://neutral.example/"

    response = Client(enforce_csrf_checks=True).post("/en/suggest/", {"name": "A group"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Please try again" in page and 'href="https://neutral.example/"' in page


def test_refused_page_keeps_the_sites_frame(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("parent", "p@example.org", "pw"))

    response = client.get("/en/moderate/")

    assert response.status_code == 403
    assert "This page isn't open to you" in response.content.decode()


def test_an_api_address_that_matches_no_route_answers_json(client):
    response = client.get("/api/v1/meetings/a%08b./")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_page_address_that_matches_no_route_answers_the_sites_404_page(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()
