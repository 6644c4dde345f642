"""The REST API: one router, every model, explicit registrations."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from partnerships.agreements import api as agreements
from partnerships.business import api as business
from partnerships.capacity import api as capacity
from partnerships.core import profile
from partnerships.organisations import api as organisations
from partnerships.postgraduate import api as postgraduate
from partnerships.programmes import api as programmes
from partnerships.registry import api as registry
from partnerships.relationships import api as relationships
from partnerships.research import api as research
from partnerships.search import api as search
from partnerships.search.views import SearchAPIView
from partnerships.strategy import api as strategy

router = DefaultRouter()
router.register("colleges", profile.CollegeViewSet)
router.register("strands", profile.StrandViewSet)
router.register("themes", profile.ThemeViewSet)
router.register("profile", profile.InstitutionViewSet)
router.register("registry-entries", registry.RegistryEntryViewSet)
router.register("registry-names", registry.RegistryNameViewSet)
router.register("organisations", organisations.OrganisationViewSet)
router.register("people", organisations.PersonViewSet)
router.register("affiliations", organisations.AffiliationViewSet)
router.register("relationships", relationships.RelationshipViewSet)
router.register("interactions", relationships.InteractionViewSet)
router.register("agreement-kinds", agreements.AgreementKindViewSet)
router.register("agreements", agreements.AgreementViewSet)
router.register("agreement-parties", agreements.PartyViewSet)
router.register("agreement-signatories", agreements.SignatoryViewSet)
router.register("agreement-obligations", agreements.ObligationViewSet)
router.register("agreement-documents", agreements.DocumentViewSet)
router.register("objectives", strategy.ObjectiveViewSet)
router.register("initiatives", strategy.InitiativeViewSet)
router.register("projects", research.ProjectViewSet)
router.register("project-partners", research.ProjectPartnerViewSet)
router.register("project-members", research.ProjectMemberViewSet)
router.register("project-funding", research.FundingViewSet)
router.register("exchange-rates", research.ExchangeRateViewSet)
router.register("research-outputs", research.OutputViewSet)
router.register("training-records", postgraduate.TrainingRecordViewSet)
router.register("supervisions", postgraduate.SupervisionViewSet)
router.register("capacity-activities", capacity.ActivityViewSet)
router.register("capacity-headcounts", capacity.ParticipantCountViewSet)
router.register("ip-assets", business.IPAssetViewSet)
router.register("business-needs", business.NeedViewSet)
router.register("expertise", business.ExpertiseViewSet)
router.register("matches", business.MatchViewSet)
router.register("deals", business.DealViewSet)
router.register("sectors", business.SectorViewSet)
router.register("programmes", programmes.ProgrammeViewSet)
router.register("programme-accreditations", programmes.AccreditationViewSet)
router.register("programme-cohorts", programmes.CohortViewSet)
router.register("offshore-return-codes", programmes.AorCodeViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
    # The docs page is for people: send them to the login page rather than answer 401.
    path("docs/", login_required(SpectacularSwaggerView.as_view(url_name="schema")), name="api_docs"),
    path("search/", SearchAPIView.as_view(), name="api_search"),
    path("resolve/", search.ResolveView.as_view(), name="resolve"),
    path("", include(router.urls)),
]
