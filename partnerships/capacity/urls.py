from django.urls import path

from . import views

app_name = "capacity"

urlpatterns = [
    path("capacity-building/", views.ActivityListView.as_view(), name="activity_list"),
    path("capacity-building/add/", views.ActivityEditView.as_view(), name="activity_add"),
    path("capacity-building/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("capacity-building/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("capacity-building/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("headcounts/", views.ParticipantCountListView.as_view(), name="participantcount_list"),
    path("headcounts/add/", views.ParticipantCountEditView.as_view(), name="participantcount_add"),
    path("headcounts/<int:pk>/", views.ParticipantCountDetailView.as_view(), name="participantcount_detail"),
    path("headcounts/<int:pk>/edit/", views.ParticipantCountEditView.as_view(), name="participantcount_edit"),
    path("headcounts/<int:pk>/delete/", views.ParticipantCountDeleteView.as_view(), name="participantcount_delete"),
]
