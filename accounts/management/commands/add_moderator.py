"""The first moderator (or another), made from the console: asks for an email address and a
password, and the person logs in with that address at once."""
import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from accounts.people import PersonExists, add_person
from accounts.roles import Role, set_role

PASSWORD_VARIABLE = "VILLAGE_MODERATOR_PASSWORD"


class Command(BaseCommand):
    help = ("Add a moderator (a superuser) who logs in by email address. Asks for the address "
            f"and the password; --email and {PASSWORD_VARIABLE} answer them for scripts.")

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The moderator's email address.")

    def handle(self, *args, email=None, **options):
        email = (email or input("Email address: ")).strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask_password()
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("The password: " + " ".join(error.messages)) from None
        try:
            user = add_person(email, password, superuser=True)
        except PersonExists:
            raise CommandError(f"Someone already logs in as {email}.") from None
        # In the moderators' group too, so the role log shows who gave it: the console.
        set_role(user, Role.MODERATOR)
        self.stdout.write(self.style.SUCCESS(
            f"Moderator {email} added: log in at /accounts/login/ with that address."))

    def _ask_password(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
