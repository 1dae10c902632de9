"""Account pages of our own; sign-up, log-in and the rest are django-allauth's, under /accounts/."""
from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="account-profile"),
    path("roles/", views.roles, name="account-roles"),
    path("roles/log/", views.role_log, name="account-role-log"),
]
