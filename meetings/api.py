"""Meetings API."""
from rest_framework import viewsets

from .models import Meeting


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Meeting.objects.published()
    lookup_field = "slug"
