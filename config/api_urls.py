"""The versioned API, /api/v1/."""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from curation.api import SubmissionCreateView
from feeds.api import MeetingGuideFeedView
from meetings.api import MeetingViewSet
from search.api import SearchView

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="api-meeting")

urlpatterns = [
    path("search/", SearchView.as_view(), name="api-search"),
    path("submissions/", SubmissionCreateView.as_view(), name="api-submissions"),
    path("feeds/meeting-guide.json", MeetingGuideFeedView.as_view(), name="api-meeting-guide-feed"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI from the sidecar package; drf-spectacular's Redoc page loads web fonts remotely.
    # The split view serves its start-up script from docs/?script, not inline, for the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema",
                                                      template_name="api/swagger_ui.html"),
         name="api-docs"),
    *router.urls,
]
