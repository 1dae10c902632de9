from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # The signals keep link bits and the cached vocabulary in step with the links.
        from . import signals  # noqa: F401
