from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("objectives/", views.ObjectiveListView.as_view(), name="objective_list"),
    path("objectives/add/", views.ObjectiveEditView.as_view(), name="objective_add"),
    path("objectives/import/", views.objective_import, name="objective_import"),
    path("objectives/<int:pk>/", views.ObjectiveDetailView.as_view(), name="objective_detail"),
    path("objectives/<int:pk>/edit/", views.ObjectiveEditView.as_view(), name="objective_edit"),
    path("objectives/<int:pk>/delete/", views.ObjectiveDeleteView.as_view(), name="objective_delete"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatives/add/", views.InitiativeEditView.as_view(), name="initiative_add"),
    path("initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.InitiativeEditView.as_view(), name="initiative_edit"),
    path("initiatives/<int:pk>/delete/", views.InitiativeDeleteView.as_view(), name="initiative_delete"),
]
