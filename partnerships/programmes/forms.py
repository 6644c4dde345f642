from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .models import Accreditation, AorCode, Cohort, Programme

DATES = ("uk_approval_date", "periodic_review_due", "prc_valid_from", "prc_valid_until")


class ProgrammeForm(PlatformModelForm):
    class Meta:
        model = Programme
        fields = [
            "title_en", "title_zh", "level", "subject", "hecos_code", "awards", "awarding_bodies", "partner",
            "delivery_model", "designed_by", "delivered_by", "accredited_by", "language", "location",
            "months_partner", "months_home", "agreement", "school", "lead_home", "lead_partner", *DATES,
            "prc_approval_number", "prc_approving_body", "colleges", "strands", "themes",
        ]  # fmt: skip
        widgets = {**tag_widgets(), **dict.fromkeys(DATES, DATE_WIDGET)}


class AccreditationForm(PlatformModelForm):
    class Meta:
        model = Accreditation
        fields = ["programme", "body", "expires_on", "notes"]
        widgets = {"expires_on": DATE_WIDGET}


class CohortForm(PlatformModelForm):
    class Meta:
        model = Cohort
        fields = [
            "programme", "academic_year", "applications", "offers", "intake", "year_1", "year_2", "year_3",
            "year_4", "year_5", "graduated", "withdrawn", "dormant",
        ]  # fmt: skip


class AorCodeForm(PlatformModelForm):
    class Meta:
        model = AorCode
        fields = ["field", "value", "code", "label"]


class CohortImportForm(forms.Form):
    file = forms.FileField(
        label=_("spreadsheet"),
        help_text=_(
            "XLSX or CSV, one cohort a row: programme, academic year, applications, offers, intake, year 1–5, graduated, withdrawn, dormant."
        ),
    )
