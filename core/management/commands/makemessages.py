"""Django's makemessages, reading what Village translates: its code, HTML pages and plain-text
emails, but not the tests, benchmarks or lock files. `make messages` runs it."""
from django.core.management.commands import makemessages


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["extensions"] = options["extensions"] or ["html", "txt", "py"]
        options["ignore_patterns"] = [*options["ignore_patterns"], "tests/*", "bench/*",
                                      "requirements/*", "staticfiles/*", "var/*"]
        super().handle(*args, **options)
