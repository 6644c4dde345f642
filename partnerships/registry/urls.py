from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("registry/", views.RegistryEntryListView.as_view(), name="registryentry_list"),
    path("registry/<str:pk>/", views.RegistryEntryDetailView.as_view(), name="registryentry_detail"),
]
