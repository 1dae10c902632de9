"""The database a bench script runs on: a fresh SQLite file in a temporary folder, or the
database a URL names, with Django set up and every migration applied."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager


@contextmanager
def bench_database(database_url: str | None):
    """Set Django up on `database_url` (a temporary SQLite file when None), migrated; the
    temporary file goes when the block ends."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield
