from django.utils.translation import gettext_lazy

from partnerships.core import views as generic
from partnerships.core.events import timeline_for
from partnerships.core.lifecycle import transition_view
from partnerships.core.panels import list_url, panel
from partnerships.core.permissions import has_model_permission

from . import filters, forms, services, tables
from .models import ExchangeRate, Funding, Project, ProjectMember, ProjectPartner

TAGS = ("strands", "colleges", "themes")


class ProjectListView(generic.ObjectListView):
    model = Project
    queryset = Project.objects.select_related("agreement")
    filterset_class = filters.ProjectFilterSet
    table_class = tables.ProjectTable


class ProjectDetailView(generic.ObjectDetailView):
    """A project, its partners, investigators and funding (in GBP too), and its lifecycle."""

    model = Project
    queryset = Project.objects.select_related("agreement", "initiative").prefetch_related(*TAGS, "objectives")

    def extra_context(self, request, obj):
        funding = panel(obj.funding.select_related("funder"), url=list_url("research:funding_list", project=obj.pk))
        return {
            "partners": panel(
                obj.partners.select_related("organisation"),
                url=list_url("research:projectpartner_list", project=obj.pk),
            ),
            "members": panel(
                obj.members.select_related("person", "organisation"),
                url=list_url("research:projectmember_list", project=obj.pk),
            ),
            "funding": funding,
            "outputs": panel(
                obj.outputs.restrict(request.user, "view").order_by("-year", "-pk"),
                url=list_url("research:output_list", project=obj.pk),
            ),
            # Summed over every award, not only those shown: a project has a handful.
            "totals": services.project_totals(obj),
            "timeline": timeline_for(obj),
            "transitions": [
                (value, label)
                for value, label in obj._meta.get_field("status").choices
                if value in services.allowed_transitions(obj)
            ]
            if has_model_permission(request.user, Project, "change")
            else [],
        }


class ProjectEditView(generic.ObjectEditView):
    model = Project
    form_class = forms.ProjectForm


class ProjectDeleteView(generic.ObjectDeleteView):
    model = Project


# A lifecycle button: move the project to another status, or say why it cannot.
project_transition = transition_view(
    Project, services.project_transition, record_arg="project", done=gettext_lazy("The project is now %(status)s.")
)


class SubRecordMixin:
    """Partners, members and funding are edited from, and return to, their project."""

    def get_success_url(self, request, obj):
        return obj.project.get_absolute_url()


class ProjectPartnerListView(generic.ObjectListView):
    model = ProjectPartner
    queryset = ProjectPartner.objects.select_related("project", "organisation")
    filterset_class = filters.ProjectPartnerFilterSet
    table_class = tables.ProjectPartnerTable


class ProjectPartnerDetailView(generic.ObjectDetailView):
    model = ProjectPartner
    template_name = "research/subrecord.html"


class ProjectPartnerEditView(SubRecordMixin, generic.ObjectEditView):
    model = ProjectPartner
    form_class = forms.ProjectPartnerForm


class ProjectPartnerDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = ProjectPartner


class ProjectMemberListView(generic.ObjectListView):
    model = ProjectMember
    queryset = ProjectMember.objects.select_related("project", "person", "organisation")
    filterset_class = filters.ProjectMemberFilterSet
    table_class = tables.ProjectMemberTable


class ProjectMemberDetailView(generic.ObjectDetailView):
    model = ProjectMember
    template_name = "research/subrecord.html"


class ProjectMemberEditView(SubRecordMixin, generic.ObjectEditView):
    model = ProjectMember
    form_class = forms.ProjectMemberForm


class ProjectMemberDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = ProjectMember


class FundingListView(generic.ObjectListView):
    model = Funding
    queryset = Funding.objects.select_related("project", "funder")
    filterset_class = filters.FundingFilterSet
    table_class = tables.FundingTable


class FundingDetailView(generic.ObjectDetailView):
    model = Funding
    template_name = "research/subrecord.html"


class FundingEditView(SubRecordMixin, generic.ObjectEditView):
    model = Funding
    form_class = forms.FundingForm


class FundingDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Funding


class ExchangeRateListView(generic.ObjectListView):
    model = ExchangeRate
    filterset_class = filters.ExchangeRateFilterSet
    table_class = tables.ExchangeRateTable


class ExchangeRateDetailView(generic.ObjectDetailView):
    model = ExchangeRate
    template_name = "research/subrecord.html"


class ExchangeRateEditView(generic.ObjectEditView):
    model = ExchangeRate
    form_class = forms.ExchangeRateForm


class ExchangeRateDeleteView(generic.ObjectDeleteView):
    model = ExchangeRate
