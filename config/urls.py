"""Top-level URL map: the pages, the versioned API and the admin."""
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", include("search.urls")),
    path("", include("meetings.urls")),
    # "Staying private on this device", linked beside the quick exit on every page.
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("api/v1/", include("config.api_urls")),
    path("", include("curation.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "config.error_views.server_error"
