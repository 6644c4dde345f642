from django.urls import path

from . import views

app_name = "programmes"


urlpatterns = [
    path("programmes/offshore-return/", views.OffshoreReturnView.as_view(), name="offshore_return"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/add/", views.ProgrammeEditView.as_view(), name="programme_add"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeEditView.as_view(), name="programme_edit"),
    path("programmes/<int:pk>/delete/", views.ProgrammeDeleteView.as_view(), name="programme_delete"),
    path("programmes/<int:pk>/transition/", views.programme_transition, name="programme_transition"),
    path("accreditations/", views.AccreditationListView.as_view(), name="accreditation_list"),
    path("accreditations/add/", views.AccreditationEditView.as_view(), name="accreditation_add"),
    path("accreditations/<int:pk>/", views.AccreditationDetailView.as_view(), name="accreditation_detail"),
    path("accreditations/<int:pk>/edit/", views.AccreditationEditView.as_view(), name="accreditation_edit"),
    path("accreditations/<int:pk>/delete/", views.AccreditationDeleteView.as_view(), name="accreditation_delete"),
    path("programmes/<int:pk>/cohorts/grid/", views.cohort_grid, name="cohort_grid"),
    path("cohorts/import/", views.cohort_import, name="cohort_import"),
    path("programmes/<int:pk>/cohorts/import/", views.cohort_import, name="programme_cohort_import"),
    path("cohorts/", views.CohortListView.as_view(), name="cohort_list"),
    path("cohorts/add/", views.CohortEditView.as_view(), name="cohort_add"),
    path("cohorts/<int:pk>/", views.CohortDetailView.as_view(), name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", views.CohortEditView.as_view(), name="cohort_edit"),
    path("cohorts/<int:pk>/delete/", views.CohortDeleteView.as_view(), name="cohort_delete"),
    path("offshore-return-codes/", views.AorCodeListView.as_view(), name="aorcode_list"),
    path("offshore-return-codes/add/", views.AorCodeEditView.as_view(), name="aorcode_add"),
    path("offshore-return-codes/<int:pk>/", views.AorCodeDetailView.as_view(), name="aorcode_detail"),
    path("offshore-return-codes/<int:pk>/edit/", views.AorCodeEditView.as_view(), name="aorcode_edit"),
    path("offshore-return-codes/<int:pk>/delete/", views.AorCodeDeleteView.as_view(), name="aorcode_delete"),
]
