from django.urls import path

from . import calendar_views, views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("search.ics", calendar_views.search_calendar, name="search-calendar"),
    path("soon/", views.starting_soon, name="starting-soon"),
]
