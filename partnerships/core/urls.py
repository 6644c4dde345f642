from django.urls import path

from . import autocomplete, job_views, profile

app_name = "core"

urlpatterns = [
    path("autocomplete/<str:model>/", autocomplete.autocomplete, name="autocomplete"),
    path("jobs/", job_views.job_list, name="jobs"),
    path("jobs/start/", job_views.job_start, name="job_start"),
    path("jobs/<int:pk>/", job_views.job_detail, name="job"),
    path("colleges/", profile.CollegeListView.as_view(), name="college_list"),
    path("colleges/add/", profile.CollegeEditView.as_view(), name="college_add"),
    path("colleges/<int:pk>/", profile.CollegeDetailView.as_view(), name="college_detail"),
    path("colleges/<int:pk>/edit/", profile.CollegeEditView.as_view(), name="college_edit"),
    path("colleges/<int:pk>/delete/", profile.CollegeDeleteView.as_view(), name="college_delete"),
    path("strands/", profile.StrandListView.as_view(), name="strand_list"),
    path("strands/add/", profile.StrandEditView.as_view(), name="strand_add"),
    path("strands/<int:pk>/", profile.StrandDetailView.as_view(), name="strand_detail"),
    path("strands/<int:pk>/edit/", profile.StrandEditView.as_view(), name="strand_edit"),
    path("strands/<int:pk>/delete/", profile.StrandDeleteView.as_view(), name="strand_delete"),
    path("themes/", profile.ThemeListView.as_view(), name="theme_list"),
    path("themes/add/", profile.ThemeEditView.as_view(), name="theme_add"),
    path("themes/<int:pk>/", profile.ThemeDetailView.as_view(), name="theme_detail"),
    path("themes/<int:pk>/edit/", profile.ThemeEditView.as_view(), name="theme_edit"),
    path("themes/<int:pk>/delete/", profile.ThemeDeleteView.as_view(), name="theme_delete"),
    path("profile/<int:pk>/", profile.InstitutionDetailView.as_view(), name="institution_detail"),
    path("profile/<int:pk>/edit/", profile.InstitutionEditView.as_view(), name="institution_edit"),
]
