from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from .roles import sync_role_groups

        # After every app's permissions exist (they are made post_migrate too, by auth).
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")

