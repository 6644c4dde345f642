from django.urls import path

from . import suggest_people, views

app_name = "organisations"

urlpatterns = [
    path("duplicates/", views.DuplicateListView.as_view(), name="duplicate_list"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/add/", views.OrganisationEditView.as_view(), name="organisation_add"),
    path(
        "organisations/from-registry/<str:ror_id>/",
        views.organisation_from_registry_view,
        name="organisation_from_registry",
    ),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("organisations/<int:pk>/delete/", views.OrganisationDeleteView.as_view(), name="organisation_delete"),
    path("organisations/<int:pk>/merge/", views.OrganisationMergeView.as_view(), name="organisation_merge"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/add/", views.PersonEditView.as_view(), name="person_add"),
    path("people/suggest/", suggest_people.person_suggest, name="person_suggest"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("people/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person_delete"),
    path("people/<int:pk>/merge/", views.PersonMergeView.as_view(), name="person_merge"),
    path("affiliations/", views.AffiliationListView.as_view(), name="affiliation_list"),
    path("affiliations/add/", views.AffiliationEditView.as_view(), name="affiliation_add"),
    path("affiliations/<int:pk>/", views.AffiliationDetailView.as_view(), name="affiliation_detail"),
    path("affiliations/<int:pk>/edit/", views.AffiliationEditView.as_view(), name="affiliation_edit"),
    path("affiliations/<int:pk>/delete/", views.AffiliationDeleteView.as_view(), name="affiliation_delete"),
]
