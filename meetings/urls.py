from django.urls import path

from . import calendar_views, views

urlpatterns = [
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<slug:slug>.ics", calendar_views.meeting_calendar, name="meeting-calendar"),
]
