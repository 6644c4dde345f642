from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/calendar/", views.AgreementCalendarView.as_view(), name="agreement_calendar"),
    path("agreements/add/", views.AgreementEditView.as_view(), name="agreement_add"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.AgreementEditView.as_view(), name="agreement_edit"),
    path("agreements/<int:pk>/delete/", views.AgreementDeleteView.as_view(), name="agreement_delete"),
    path("agreements/<int:pk>/transition/", views.agreement_transition, name="agreement_transition"),
    path("agreements/<int:pk>/renew/", views.agreement_renew, name="agreement_renew"),
    path("agreements/<int:pk>/timeline/", views.agreement_timeline, name="agreement_timeline"),
    path("agreements/<int:pk>/documents/add/", views.document_upload, name="agreement_upload"),
    path("agreement-documents/", views.DocumentListView.as_view(), name="document_list"),
    path("agreement-documents/<int:pk>/", views.document_download, name="document_download"),
    path("agreement-documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("agreement-kinds/", views.AgreementKindListView.as_view(), name="agreementkind_list"),
    path("agreement-kinds/add/", views.AgreementKindEditView.as_view(), name="agreementkind_add"),
    path("agreement-kinds/<int:pk>/", views.AgreementKindDetailView.as_view(), name="agreementkind_detail"),
    path("agreement-kinds/<int:pk>/edit/", views.AgreementKindEditView.as_view(), name="agreementkind_edit"),
    path("agreement-kinds/<int:pk>/delete/", views.AgreementKindDeleteView.as_view(), name="agreementkind_delete"),
    path("agreement-parties/", views.PartyListView.as_view(), name="party_list"),
    path("agreement-parties/add/", views.PartyEditView.as_view(), name="party_add"),
    path("agreement-parties/<int:pk>/", views.PartyDetailView.as_view(), name="party_detail"),
    path("agreement-parties/<int:pk>/edit/", views.PartyEditView.as_view(), name="party_edit"),
    path("agreement-parties/<int:pk>/delete/", views.PartyDeleteView.as_view(), name="party_delete"),
    path("agreement-signatories/", views.SignatoryListView.as_view(), name="signatory_list"),
    path("agreement-signatories/add/", views.SignatoryEditView.as_view(), name="signatory_add"),
    path("agreement-signatories/<int:pk>/", views.SignatoryDetailView.as_view(), name="signatory_detail"),
    path("agreement-signatories/<int:pk>/edit/", views.SignatoryEditView.as_view(), name="signatory_edit"),
    path("agreement-signatories/<int:pk>/delete/", views.SignatoryDeleteView.as_view(), name="signatory_delete"),
    path("agreement-obligations/", views.ObligationListView.as_view(), name="obligation_list"),
    path("agreement-obligations/add/", views.ObligationEditView.as_view(), name="obligation_add"),
    path("agreement-obligations/<int:pk>/", views.ObligationDetailView.as_view(), name="obligation_detail"),
    path("agreement-obligations/<int:pk>/edit/", views.ObligationEditView.as_view(), name="obligation_edit"),
    path("agreement-obligations/<int:pk>/delete/", views.ObligationDeleteView.as_view(), name="obligation_delete"),
]
