from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # Registers the feed refresh tasks, which Celery's autodiscovery (tasks.py only) misses,
        # and the feed admin pages (kept apart from the meetings admin of other changes).
        # The signals keep link bits in step with links.
        from . import curation_admin, feeds_admin, import_tasks, signals  # noqa: F401
