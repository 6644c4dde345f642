from django.urls import path

from . import views

app_name = "postgraduate"

urlpatterns = [
    path("postgraduate/", views.TrainingRecordListView.as_view(), name="trainingrecord_list"),
    path("postgraduate/add/", views.TrainingRecordEditView.as_view(), name="trainingrecord_add"),
    path("postgraduate/<int:pk>/", views.TrainingRecordDetailView.as_view(), name="trainingrecord_detail"),
    path("postgraduate/<int:pk>/edit/", views.TrainingRecordEditView.as_view(), name="trainingrecord_edit"),
    path("postgraduate/<int:pk>/delete/", views.TrainingRecordDeleteView.as_view(), name="trainingrecord_delete"),
    path("supervisions/", views.SupervisionListView.as_view(), name="supervision_list"),
    path("supervisions/add/", views.SupervisionEditView.as_view(), name="supervision_add"),
    path("supervisions/<int:pk>/", views.SupervisionDetailView.as_view(), name="supervision_detail"),
    path("supervisions/<int:pk>/edit/", views.SupervisionEditView.as_view(), name="supervision_edit"),
    path("supervisions/<int:pk>/delete/", views.SupervisionDeleteView.as_view(), name="supervision_delete"),
]
