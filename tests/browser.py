"""Steps that several browser tests take."""
from tests.factories import PASSWORD


def log_in(page, person):
    """Log in through the real log-in page, landing on the account page."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/profile/")
