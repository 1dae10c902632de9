"""Top-level URL map: the pages under a language prefix (/en/, /es/), the versioned API and the
admin without one."""
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from accounts.views import admin_login
from core import health

# A page's address says its language, so a shared link opens in the language it was sent in;
# "/" and any address without a prefix go to the browser's language (Accept-Language).
urlpatterns = i18n_patterns(
    path("", include("search.urls")),
    path("", include("meetings.urls")),
    # "Staying private on this device", linked beside the quick exit on every page.
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("", include("curation.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
)

urlpatterns += [
    # Machines read the API in any language; its messages follow Accept-Language.
    path("api/v1/", include("config.api_urls")),
    # For the container runtime and load balancer: no language, never throttled (core/health.py).
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    # ADMIN_URL, admin/ unless the site moves it. Its log-in is the site's, by email.
    path(f"{settings.ADMIN_URL}login/", admin_login, name="admin-login"),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler404 = "config.error_views.page_not_found"
handler500 = "config.error_views.server_error"
