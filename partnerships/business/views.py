from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partnerships.core import views as generic
from partnerships.core.events import timeline_for
from partnerships.core.lifecycle import TransitionForm, transition_view
from partnerships.core.locking import StaleVersion
from partnerships.core.panels import list_url, panel
from partnerships.core.permissions import has_model_permission

from . import filters, forms, services, tables
from .choices import MatchStatus
from .models import Deal, Expertise, IPAsset, Match, Need, Sector

TAGS = ("strands", "colleges", "themes")


class OwnedByMeMixin:
    """A new need, IP asset or deal names its author as owner, so that they can see what they wrote
    (confidential records are seen only by the team and the people they name)."""

    def get(self, request, pk=None):
        if pk is None and "owner" not in request.GET and getattr(request.user, "person", None) is not None:
            request.GET = request.GET.copy()
            request.GET["owner"] = str(request.user.person.pk)
        return super().get(request, pk)


class IPAssetListView(generic.ObjectListView):
    model = IPAsset
    queryset = IPAsset.objects.all()
    filterset_class = filters.IPAssetFilterSet
    table_class = tables.IPAssetTable


class IPAssetDetailView(generic.ObjectDetailView):
    model = IPAsset
    queryset = IPAsset.objects.select_related("owner").prefetch_related(*TAGS, "inventors", "sectors", "projects")

    def extra_context(self, request, obj):
        ranked_needs = services.ranked_needs(ip_asset=obj, user=request.user)
        # The page names each need's company: one query for them all, not one a need.
        prefetch_related_objects([need for need, _candidate in ranked_needs], "company")
        return {
            "matches": panel(
                obj.matches.restrict(request.user, "view").select_related("need__company").order_by("-score", "pk"),
                url=list_url("business:match_list", ip_asset=obj.pk),
            ),
            "ranked_needs": ranked_needs,
            "deals": panel(
                obj.deals.restrict(request.user, "view"), url=list_url("business:deal_list", ip_asset=obj.pk)
            ),
        }


class IPAssetEditView(OwnedByMeMixin, generic.ObjectEditView):
    model = IPAsset
    form_class = forms.IPAssetForm


class IPAssetDeleteView(generic.ObjectDeleteView):
    model = IPAsset


class NeedListView(generic.ObjectListView):
    model = Need
    queryset = Need.objects.select_related("company", "sector", "owner")
    filterset_class = filters.NeedFilterSet
    table_class = tables.NeedTable


class NeedDetailView(generic.ObjectDetailView):
    """A need, the IP and experts proposed for it with their reasons, and its deals."""

    model = Need
    queryset = Need.objects.select_related("company", "sector", "contact", "owner").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        matches = obj.matches.restrict(request.user, "view").select_related("ip_asset", "expert__person")
        return {
            "ip_matches": panel(
                matches.filter(ip_asset__isnull=False)
                .exclude(status=MatchStatus.NOT_RELEVANT)
                .order_by("-score", "pk"),
                url=list_url("business:match_list", need=obj.pk, has_ip="true"),
            ),
            "expert_matches": panel(
                matches.filter(expert__isnull=False).exclude(status=MatchStatus.NOT_RELEVANT).order_by("-score", "pk"),
                url=list_url("business:match_list", need=obj.pk, has_ip="false"),
            ),
            "declined": panel(
                matches.filter(status=MatchStatus.NOT_RELEVANT).order_by("-updated_at", "pk"),
                url=list_url("business:match_list", need=obj.pk, status=MatchStatus.NOT_RELEVANT),
                size=5,
            ),
            "deals": panel(obj.deals.restrict(request.user, "view"), url=list_url("business:deal_list", need=obj.pk)),
            "can_match": has_model_permission(request.user, Match, "add"),
        }


class NeedEditView(OwnedByMeMixin, generic.ObjectEditView):
    model = Need
    form_class = forms.NeedForm

    def save_form(self, request, form):
        need = super().save_form(request, form)
        # A new need is matched at once, so its page opens with the IP and experts proposed.
        if need.version == 1 and has_model_permission(request.user, Match, "add"):
            services.suggest_matches(need=need)
        return need


class NeedDeleteView(generic.ObjectDeleteView):
    model = Need


@require_POST
def need_rematch(request, pk):
    """Rank IP and experts for the need again (after new IP was recorded, for example)."""
    if not has_model_permission(request.user, Match, "add"):
        raise PermissionDenied
    need = get_object_or_404(Need.objects.restrict(request.user, "change"), pk=pk)
    found = services.suggest_matches(need=need)
    messages.success(request, _("%(count)s matches proposed.") % {"count": len(found)})
    return redirect(need)


class ExpertiseListView(generic.ObjectListView):
    model = Expertise
    queryset = Expertise.objects.select_related("person")
    filterset_class = filters.ExpertiseFilterSet
    table_class = tables.ExpertiseTable


class ExpertiseDetailView(generic.ObjectDetailView):
    model = Expertise
    queryset = Expertise.objects.select_related("person").prefetch_related(*TAGS, "sectors")

    def extra_context(self, request, obj):
        return {
            "matches": panel(
                obj.matches.restrict(request.user, "view").select_related("need__company").order_by("-score", "pk"),
                url=list_url("business:match_list", expert=obj.pk),
            )
        }


class ExpertiseEditView(generic.ObjectEditView):
    model = Expertise
    form_class = forms.ExpertiseForm


class ExpertiseDeleteView(generic.ObjectDeleteView):
    model = Expertise


class MatchListView(generic.ObjectListView):
    model = Match
    queryset = Match.objects.select_related("need", "ip_asset", "expert__person")
    filterset_class = filters.MatchFilterSet
    table_class = tables.MatchTable

    def base_context(self, request):
        # Matches are proposed from a need's page ("Match again"), not added by hand.
        return {**super().base_context(request), "can_add": False}


class MatchDetailView(generic.ObjectDetailView):
    model = Match
    queryset = Match.objects.select_related("need__company", "ip_asset", "expert__person")

    def base_context(self, request):
        return {**super().base_context(request), "can_change": False}

    def extra_context(self, request, obj):
        can_change = has_model_permission(request.user, Match, "change")
        return {
            "decisions": [c for c in MatchStatus.choices if c[0] not in (MatchStatus.SUGGESTED, obj.status)]
            if can_change
            else [],
            "can_start_deal": can_change
            and has_model_permission(request.user, Deal, "add")
            and obj.status != MatchStatus.NOT_RELEVANT,
            "timeline": timeline_for(obj),
        }


class MatchDeleteView(generic.ObjectDeleteView):
    model = Match

    def get_success_url(self, request, obj):
        return obj.need.get_absolute_url()


@require_POST
def match_decide(request, pk):
    """Contacted, interested or not relevant (with the reason, remembered so it is never suggested again)."""
    if not has_model_permission(request.user, Match, "change"):
        raise PermissionDenied
    match = get_object_or_404(Match.objects.restrict(request.user, "change"), pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete; nothing changed."))
        return redirect(match)
    try:
        services.match_decide(match=match, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(match)
    except StaleVersion as exc:
        messages.error(request, exc.message)
        return redirect(match)
    match.refresh_from_db()
    messages.success(request, _("The match is now %(status)s.") % {"status": match.get_status_display()})
    return redirect(match.need)


@require_POST
def match_start_deal(request, pk):
    """Accept the match: a deal starts with the company, the need and the IP (or expert) filled in."""
    if not (has_model_permission(request.user, Match, "change") and has_model_permission(request.user, Deal, "add")):
        raise PermissionDenied
    match = get_object_or_404(Match.objects.restrict(request.user, "change"), pk=pk)
    owner = getattr(request.user, "person", None)
    try:
        deal = services.deal_from_match(match=match, user=request.user, owner=owner)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(match)
    messages.success(request, _("Deal started: %(deal)s.") % {"deal": deal})
    return redirect(deal)


class DealListView(generic.ObjectListView):
    model = Deal
    queryset = Deal.objects.select_related("company", "owner")
    filterset_class = filters.DealFilterSet
    table_class = tables.DealTable


class DealDetailView(generic.ObjectDetailView):
    model = Deal
    # The need and the IP are read through restrict() below, not here.
    queryset = Deal.objects.select_related("company", "agreement", "owner").prefetch_related(*TAGS, "team")

    def extra_context(self, request, obj):
        can_move = has_model_permission(request.user, Deal, "change")
        return {
            "ip_assets_visible": list(obj.ip_assets.restrict(request.user, "view")),
            "need_visible": Need.objects.restrict(request.user, "view").filter(pk=obj.need_id).first()
            if obj.need_id
            else None,
            "stages": [
                (v, label) for v, label in Deal._meta.get_field("stage").choices if v in services.allowed_stages(obj)
            ]
            if can_move
            else [],
            "timeline": timeline_for(obj),
        }


class DealEditView(OwnedByMeMixin, generic.ObjectEditView):
    model = Deal
    form_class = forms.DealForm


class DealDeleteView(generic.ObjectDeleteView):
    model = Deal


deal_move = transition_view(
    Deal,
    services.deal_move,
    record_arg="deal",
    done=gettext_lazy("The deal is now at %(status)s."),
    status_field="stage",
)


class SectorListView(generic.ObjectListView):
    model = Sector
    queryset = Sector.objects.all()
    filterset_class = filters.SectorFilterSet
    table_class = tables.SectorTable


class SectorDetailView(generic.ObjectDetailView):
    model = Sector
    template_name = "business/sector.html"


class SectorEditView(generic.ObjectEditView):
    model = Sector
    form_class = forms.SectorForm


class SectorDeleteView(generic.ObjectDeleteView):
    model = Sector
