from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from meetings.demo import demo_seeded

        from .people import add_demo_people
        from .roles import sync_role_groups

        # After every app's permissions exist (they are made post_migrate too, by auth).
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        demo_seeded.connect(add_demo_people, dispatch_uid="accounts.add_demo_people")

