from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
]
