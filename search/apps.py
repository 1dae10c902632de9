from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # Registers the geocoding tasks and the post-save hook that queues them.
        from . import geocoding_tasks  # noqa: F401
