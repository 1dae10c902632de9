from django.urls import path

from . import calendar_views, views

urlpatterns = [
    path("my-meetings/", views.shortlist_page, name="shortlist"),
    path("my-meetings.ics", calendar_views.shortlist_calendar, name="shortlist-calendar"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<slug:slug>.ics", calendar_views.meeting_calendar, name="meeting-calendar"),
]
