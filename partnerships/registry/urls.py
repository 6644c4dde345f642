from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("registry/", views.RegistryEntryListView.as_view(), name="registryentry_list"),
    path("registry/names/", views.RegistryNameListView.as_view(), name="registryname_list"),
    path("registry/names/add/", views.RegistryNameEditView.as_view(), name="registryname_add"),
    path("registry/names/<int:pk>/", views.RegistryNameDetailView.as_view(), name="registryname_detail"),
    path("registry/names/<int:pk>/edit/", views.RegistryNameEditView.as_view(), name="registryname_edit"),
    path("registry/names/<int:pk>/delete/", views.RegistryNameDeleteView.as_view(), name="registryname_delete"),
    path("registry/<str:pk>/", views.RegistryEntryDetailView.as_view(), name="registryentry_detail"),
]
