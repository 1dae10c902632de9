"""The versioned API, /api/v1/."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from meetings.api import MeetingViewSet
from search.api import SearchView

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="api-meeting")

urlpatterns = [
    path("search/", SearchView.as_view(), name="api-search"),
    *router.urls,
]
