from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.core import views as generic
from partnerships.core.events import timeline_for
from partnerships.core.lifecycle import transition_view
from partnerships.core.panels import PANEL_SIZE, Panel, before_param, list_url, panel
from partnerships.core.permissions import has_model_permission

from . import filters, forms, queries, services, tables
from .choices import IN_FORCE
from .models import Agreement, AgreementKind, Document, Obligation, Party, Signatory

ONE_DAY = timedelta(days=1)
TAGS = ("strands", "colleges", "themes")
LIST_QUERYSET = Agreement.objects.select_related("kind", "responsible")


class AgreementListView(generic.ObjectListView):
    model = Agreement
    queryset = LIST_QUERYSET
    filterset_class = filters.AgreementFilterSet
    table_class = tables.AgreementTable
    template_name = "agreements/agreement_list.html"


class AgreementDetailView(generic.ObjectDetailView):
    """An agreement, its lifecycle, and the latest of each of its parts; each panel links to the rest."""

    model = Agreement
    queryset = Agreement.objects.select_related("kind", "responsible", "parent", "predecessor").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        user = request.user
        return {
            "ancestors": obj.ancestors(),
            "children": panel(
                Agreement.objects.restrict(user, "view").filter(parent=obj).select_related("kind").order_by("-pk"),
                url=list_url("agreements:agreement_list", parent=obj.pk),
            ),
            "renewals": obj.renewal_chain(),
            "successor": Agreement.objects.restrict(user, "view").filter(predecessor=obj).first(),
            "parties": _parties(obj),
            "documents": panel(
                obj.documents.order_by("-created_at", "-pk"), url=list_url("agreements:document_list", agreement=obj.pk)
            ),
            # Open obligations first, the soonest due at the top: what the panel is for.
            "obligations": panel(
                obj.obligations.select_related("owner"), url=list_url("agreements:obligation_list", agreement=obj.pk)
            ),
            "interactions": panel(
                obj.interactions.restrict(user, "view").prefetch_related("organisations"),
                url=list_url("relationships:interaction_list", agreement=obj.pk),
            ),
            "timeline": timeline_for(obj),
            "transitions": [(s, s.label) for s in services.allowed_transitions(obj)]
            if has_model_permission(user, Agreement, "change")
            else [],
            "can_renew": obj.status in ("active", "expired") and has_model_permission(user, Agreement, "add"),
            "today": timezone.localdate(),
            "in_force": obj.status in IN_FORCE,
        }


def _parties(agreement):
    """The parties in the order they were added, each with its first signatories (one query for all)."""
    signatories = Prefetch(
        "signatories", Signatory.objects.select_related("person")[: PANEL_SIZE + 1], to_attr="first_signatories"
    )
    parties = panel(
        agreement.parties.select_related("organisation").prefetch_related(signatories),
        url=list_url("agreements:party_list", agreement=agreement.pk),
    )
    for party in parties:
        rows = party.first_signatories
        party.signatory_panel = Panel(
            rows=rows[:PANEL_SIZE],
            more=len(rows) > PANEL_SIZE,
            url=list_url("agreements:signatory_list", party=party.pk),
        )
    return parties


def agreement_timeline(request, pk):
    """The agreement's earlier events, older than ?before=<event id>: the items alone for the
    "Earlier events" button (htmx), a page of their own for a plain link."""
    if not has_model_permission(request.user, Agreement, "view"):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement.objects.restrict(request.user, "view"), pk=pk)
    context = {"object": agreement, "timeline": timeline_for(agreement, before=before_param(request))}
    partial = request.htmx and not request.htmx.boosted
    response = render(request, "agreements/_timeline_items.html" if partial else "agreements/timeline.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


class AgreementEditView(generic.ObjectEditView):
    model = Agreement
    form_class = forms.AgreementForm


class AgreementDeleteView(generic.ObjectDeleteView):
    model = Agreement


# A lifecycle button: move the agreement to another status, or say why it cannot.
agreement_transition = transition_view(
    Agreement,
    services.agreement_transition,
    record_arg="agreement",
    done=gettext_lazy("The agreement is now %(status)s."),
)


def agreement_renew(request, pk):
    if not has_model_permission(request.user, Agreement, "add"):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement.objects.restrict(request.user, "change"), pk=pk)
    form = forms.RenewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            successor = services.agreement_renew(agreement=agreement, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Renewal drafted. Add signatures and move it through to active."))
            return redirect(successor)
    return render(
        request, "agreements/renew.html", {"object": agreement, "form": form}, status=400 if form.errors else 200
    )


def document_upload(request, pk):
    if not has_model_permission(request.user, Document, "add"):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement.objects.restrict(request.user, "change"), pk=pk)
    form = forms.DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                agreement=agreement,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                doc_type=form.cleaned_data["doc_type"],
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect(agreement)
    return render(
        request,
        "agreements/document_upload.html",
        {"object": agreement, "form": form},
        status=400 if form.errors else 200,
    )


def document_download(request, pk):
    if not has_model_permission(request.user, Document, "view"):
        raise PermissionDenied
    document = get_object_or_404(
        Document.objects.restrict(request.user, "view").filter(
            agreement__in=Agreement.objects.restrict(request.user, "view")
        ),
        pk=pk,
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


class AgreementCalendarView(generic.ObjectView):
    """What ends, and when notice must be given, in a window of months (?month=YYYY-MM, this month by
    default; the links step a window back or on), for the agreements the filters select.

    Only agreements with a date in the window are read, so a window costs the same however many
    agreements the register holds.
    """

    model = Agreement
    window_months = 3
    month_size = 15  # entries shown a month; the rest are on the list of agreements ending that month

    def get(self, request):
        self.require(request, "view")
        today = timezone.localdate()
        first = _month(request.GET.get("month", "")) or today.replace(day=1)
        months = [_add_months(first, i) for i in range(self.window_months)]
        end = _add_months(first, self.window_months)
        queryset = queries.due_between(
            Agreement.objects.restrict(request.user, "view").filter(status__in=IN_FORCE), first, end
        )
        filterset = filters.AgreementFilterSet(request.GET or None, queryset=queryset, request=request)
        by_month = {m: [] for m in months}
        # Only what a date needs is read for every agreement in the window; names for those shown.
        for agreement in filterset.qs.only("pk", "end_date", "notice_period_days"):
            for when, what in ((agreement.notice_deadline, "notice"), (agreement.end_date, "end")):
                if when and first <= when < end:
                    by_month[when.replace(day=1)].append((when, what, agreement.pk))
        calendar, shown = [], set()
        for month, entries in by_month.items():
            entries.sort()
            calendar.append((month, entries[: self.month_size], len(entries) - self.month_size))
            shown.update(pk for _when, _what, pk in entries[: self.month_size])
        agreements = Agreement.objects.select_related("kind").prefetch_related("parties__organisation").in_bulk(shown)
        calendar = [
            (month, [(when, what, agreements[pk]) for when, what, pk in entries], more, _add_months(month, 1) - ONE_DAY)
            for month, entries, more in calendar
        ]
        context = {
            **self.base_context(request),
            "filterset": filterset,
            "calendar": calendar,
            "today": today,
            "window": (first, months[-1]),
            "previous_month": f"{_add_months(first, -self.window_months):%Y-%m}",
            "next_month": f"{end:%Y-%m}",
            "this_month": None if first == today.replace(day=1) else f"{today:%Y-%m}",
        }
        return render(request, "agreements/calendar.html", context)


def _month(value: str) -> date | None:
    """The first day of the month in ?month=YYYY-MM, or None when it is missing or not a month."""
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None


def _add_months(first: date, months: int) -> date:
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1)


class PartyListView(generic.ObjectListView):
    model = Party
    queryset = Party.objects.select_related("agreement", "organisation")
    filterset_class = filters.PartyFilterSet
    table_class = tables.PartyTable


class SignatoryListView(generic.ObjectListView):
    model = Signatory
    queryset = Signatory.objects.select_related("person", "party__organisation", "party__agreement")
    filterset_class = filters.SignatoryFilterSet
    table_class = tables.SignatoryTable


class ObligationListView(generic.ObjectListView):
    model = Obligation
    queryset = Obligation.objects.select_related("agreement", "owner")
    filterset_class = filters.ObligationFilterSet
    table_class = tables.ObligationTable


class DocumentListView(generic.ObjectListView):
    model = Document
    filterset_class = filters.DocumentFilterSet
    table_class = tables.DocumentTable

    def get_queryset(self, request):
        # As for a download: a document shows only with an agreement the user may see.
        visible = Agreement.objects.restrict(request.user, "view")
        return Document.objects.filter(agreement__in=visible).select_related("agreement")

    def base_context(self, request):
        # Uploads start from the agreement's page (a new version of a title, or a first one).
        return {**super().base_context(request), "can_add": False}


class SubRecordMixin:
    """Parties, signatories, documents and obligations are edited from, and return to, their agreement."""

    def get_success_url(self, request, obj):
        return _agreement_of(obj).get_absolute_url()


def _agreement_of(obj):
    return obj.party.agreement if isinstance(obj, Signatory) else obj.agreement


class AgreementKindListView(generic.ObjectListView):
    model = AgreementKind
    filterset_class = filters.AgreementKindFilterSet
    table_class = tables.AgreementKindTable


class AgreementKindDetailView(generic.ObjectDetailView):
    model = AgreementKind
    template_name = "core/term.html"


class AgreementKindEditView(generic.ObjectEditView):
    model = AgreementKind
    form_class = forms.AgreementKindForm


class AgreementKindDeleteView(generic.ObjectDeleteView):
    model = AgreementKind


class PartyDetailView(generic.ObjectDetailView):
    model = Party
    template_name = "agreements/subrecord.html"


class PartyEditView(SubRecordMixin, generic.ObjectEditView):
    model = Party
    form_class = forms.PartyForm


class PartyDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Party


class SignatoryDetailView(generic.ObjectDetailView):
    model = Signatory
    template_name = "agreements/subrecord.html"


class SignatoryEditView(SubRecordMixin, generic.ObjectEditView):
    model = Signatory
    form_class = forms.SignatoryForm

    def save_form(self, request, form):
        signatory = form.save(commit=False)
        if "signed_on" in form.changed_data and signatory.signed_on:
            return services.signatory_sign(signatory=signatory, signed_on=signatory.signed_on, user=request.user)
        signatory.save()
        return signatory


class SignatoryDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Signatory


class ObligationDetailView(generic.ObjectDetailView):
    model = Obligation
    template_name = "agreements/subrecord.html"


class ObligationEditView(SubRecordMixin, generic.ObjectEditView):
    model = Obligation
    form_class = forms.ObligationForm


class ObligationDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Obligation


class DocumentDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Document
