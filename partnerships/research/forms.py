from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, restrict_choices, tag_widgets
from partnerships.core.widgets import use_autocomplete
from partnerships.organisations.models import Organisation

from .models import ExchangeRate, Funding, Output, Project, ProjectMember, ProjectPartner


class ProjectForm(PlatformModelForm):
    class Meta:
        model = Project
        fields = [
            "title_en", "title_zh", "abstract_en", "abstract_zh", "start_date", "end_date", "agreement",
            "initiative", "objectives", "themes", "colleges", "strands",
        ]  # fmt: skip
        widgets = {
            **tag_widgets(),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "abstract_en": forms.Textarea(attrs={"rows": 4}),
            "abstract_zh": forms.Textarea(attrs={"rows": 4}),
        }


class ProjectPartnerForm(PlatformModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["project", "organisation", "role"]


class ProjectMemberForm(PlatformModelForm):
    class Meta:
        model = ProjectMember
        fields = ["project", "person", "role", "organisation"]


class FundingForm(PlatformModelForm):
    class Meta:
        model = Funding
        fields = ["project", "funder", "scheme", "award_reference", "amount", "currency", "home_share", "awarded_on"]
        widgets = {"awarded_on": DATE_WIDGET}


class ExchangeRateForm(PlatformModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "valid_from", "gbp_per_unit"]
        widgets = {"valid_from": DATE_WIDGET}


class OutputForm(PlatformModelForm):
    class Meta:
        model = Output
        fields = ["kind", "title", "authors", "year", "venue", "doi", "url", "projects", "partners"]
        widgets = {"authors": forms.Textarea(attrs={"rows": 2})}


class OutputImportForm(forms.Form):
    file = forms.FileField(
        label=_("RIS or BibTeX file"),
        help_text=_("As exported by EndNote, Zotero, Mendeley or a publisher (.ris, .bib)."),
    )
    projects = forms.ModelMultipleChoiceField(Project.objects.all(), label=_("projects"), required=False)
    partners = forms.ModelMultipleChoiceField(Organisation.objects.all(), label=_("partner co-authors"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            restrict_choices(self.fields.values(), user)
        use_autocomplete(self.fields.values())
