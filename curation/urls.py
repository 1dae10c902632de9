"""Routes for suggestions, moderation, coaches' tools, collections and history."""
from django.urls import path

from . import views

urlpatterns = [
    path("suggest/", views.suggest_meeting, name="submission-new"),
    path("suggest/thanks/", views.submission_thanks, name="submission-thanks"),
    path("meetings/<slug:slug>/suggest-change/", views.request_change, name="submission-change"),
    path("meetings/<slug:slug>/report-closed/", views.report_closed, name="submission-closure"),
    path("moderate/", views.moderation_queue, name="moderation-queue"),
    path("moderate/<int:pk>/", views.submission_review, name="submission-review"),
    path("coach/area/", views.my_area, name="coach-area"),
    path("meetings/<slug:slug>/edit/", views.edit_meeting, name="meeting-edit"),
    path("meetings/<slug:slug>/verify/", views.verify_meeting, name="meeting-verify"),
    path("meetings/<slug:slug>/notes/", views.coach_note_form, name="coach-note-form"),
    path("meetings/<slug:slug>/notes/add/", views.add_coach_note, name="coach-note-add"),
    path("coach-notes/<int:pk>/delete/", views.delete_coach_note, name="coach-note-delete"),
    path("meetings/<slug:slug>/history/", views.meeting_history, name="meeting-history"),
    path("meetings/<slug:slug>/history/undo/", views.undo_own_change, name="meeting-undo"),
    path("meetings/<slug:slug>/history/<int:history_id>/revert/", views.revert_meeting,
         name="meeting-revert"),
    path("meetings/<slug:slug>/collect/", views.add_to_collection, name="meeting-collect"),
    path("collections/", views.collection_list, name="collection-list"),
    path("collections/add/", views.collection_add_many, name="collection-add-many"),
    path("collections/<str:token>.ics", views.collection_calendar, name="collection-calendar"),
    path("collections/<str:token>.csv", views.collection_csv, name="collection-csv"),
    path("collections/<str:token>.json", views.collection_feed, name="collection-feed"),
    path("collections/<str:token>/", views.collection_detail, name="collection-detail"),
    path("collections/<str:token>/edit/", views.edit_collection, name="collection-edit"),
    path("collections/<str:token>/flyer/", views.collection_flyer, name="collection-flyer"),
    path("collections/<str:token>/new-link/", views.collection_new_link, name="collection-new-link"),
    path("collections/<str:token>/delete/", views.delete_collection, name="collection-delete"),
    path("collections/<str:token>/remove/<slug:slug>/", views.remove_from_collection,
         name="collection-remove"),
    path("collections/<str:token>/move/<slug:slug>/<str:direction>/", views.collection_move,
         name="collection-move"),
    path("collections/<str:token>/note/<slug:slug>/", views.collection_note, name="collection-note"),
]
