"""Top-level URL map: the pages, the versioned API and the admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("search.urls")),
    path("", include("meetings.urls")),
    path("api/v1/", include("config.api_urls")),
    path("", include("curation.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "config.error_views.server_error"
