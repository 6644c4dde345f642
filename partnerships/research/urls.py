from django.urls import path

from . import outputs_views, views

app_name = "research"

urlpatterns = [
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/add/", views.ProjectEditView.as_view(), name="project_add"),
    path("projects/<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("projects/<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("projects/<int:pk>/transition/", views.project_transition, name="project_transition"),
    path("project-partners/", views.ProjectPartnerListView.as_view(), name="projectpartner_list"),
    path("project-partners/add/", views.ProjectPartnerEditView.as_view(), name="projectpartner_add"),
    path("project-partners/<int:pk>/", views.ProjectPartnerDetailView.as_view(), name="projectpartner_detail"),
    path("project-partners/<int:pk>/edit/", views.ProjectPartnerEditView.as_view(), name="projectpartner_edit"),
    path("project-partners/<int:pk>/delete/", views.ProjectPartnerDeleteView.as_view(), name="projectpartner_delete"),
    path("project-members/", views.ProjectMemberListView.as_view(), name="projectmember_list"),
    path("project-members/add/", views.ProjectMemberEditView.as_view(), name="projectmember_add"),
    path("project-members/<int:pk>/", views.ProjectMemberDetailView.as_view(), name="projectmember_detail"),
    path("project-members/<int:pk>/edit/", views.ProjectMemberEditView.as_view(), name="projectmember_edit"),
    path("project-members/<int:pk>/delete/", views.ProjectMemberDeleteView.as_view(), name="projectmember_delete"),
    path("project-funding/", views.FundingListView.as_view(), name="funding_list"),
    path("project-funding/add/", views.FundingEditView.as_view(), name="funding_add"),
    path("project-funding/<int:pk>/", views.FundingDetailView.as_view(), name="funding_detail"),
    path("project-funding/<int:pk>/edit/", views.FundingEditView.as_view(), name="funding_edit"),
    path("project-funding/<int:pk>/delete/", views.FundingDeleteView.as_view(), name="funding_delete"),
    path("exchange-rates/", views.ExchangeRateListView.as_view(), name="exchangerate_list"),
    path("exchange-rates/add/", views.ExchangeRateEditView.as_view(), name="exchangerate_add"),
    path("exchange-rates/<int:pk>/", views.ExchangeRateDetailView.as_view(), name="exchangerate_detail"),
    path("exchange-rates/<int:pk>/edit/", views.ExchangeRateEditView.as_view(), name="exchangerate_edit"),
    path("exchange-rates/<int:pk>/delete/", views.ExchangeRateDeleteView.as_view(), name="exchangerate_delete"),
    path("outputs/", outputs_views.OutputListView.as_view(), name="output_list"),
    path("outputs/add/", outputs_views.OutputEditView.as_view(), name="output_add"),
    path("outputs/import/", outputs_views.output_import, name="output_import"),
    path("outputs/<int:pk>/", outputs_views.OutputDetailView.as_view(), name="output_detail"),
    path("outputs/<int:pk>/edit/", outputs_views.OutputEditView.as_view(), name="output_edit"),
    path("outputs/<int:pk>/delete/", outputs_views.OutputDeleteView.as_view(), name="output_delete"),
]
