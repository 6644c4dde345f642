from django import forms
from django.utils.translation import gettext
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


COUNT_FIELDS = [
    "applications", "offers", "intake", "year_1", "year_2", "year_3", "year_4", "year_5",
    "graduated", "withdrawn", "dormant",
]  # fmt: skip
# Column heads, short enough for fourteen columns; each input's accessible name is the field's full name.
HEADS = {
    "applications": _("Applications"),
    "offers": _("Offers"),
    "intake": _("Intake"),
    "year_1": _("Y1"),
    "year_2": _("Y2"),
    "year_3": _("Y3"),
    "year_4": _("Y4"),
    "year_5": _("Y5+"),
    "graduated": _("Graduated"),
    "withdrawn": _("Withdrawn"),
    "dormant": _("Dormant"),
}
FORM_ID = "cohort-row-form"


class CohortRowForm(PlatformModelForm):
    """One year of a programme's cohorts; the programme is the page's, the year fixed once saved."""

    class Meta:
        model = Cohort
        fields = ["academic_year", *COUNT_FIELDS]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        if self.instance.pk:
            self.fields["academic_year"].disabled = True
        for name, field in self.fields.items():
            field.widget.attrs.update({"form": FORM_ID, "aria-label": str(field.label)})
            if name in COUNT_FIELDS or name == "academic_year":
                field.widget.attrs.update({"min": "0", "class": "grid-number"})
        self.fields["academic_year"].widget.attrs["min"] = "1990"
        for name in COUNT_FIELDS:
            self.fields[name].required = False  # blank is 0 for headcounts, "not recorded" for the funnel

    def clean(self):
        cleaned = super().clean()
        for name in COUNT_FIELDS:
            if cleaned.get(name) is None and self.instance._meta.get_field(name).default == 0:
                cleaned[name] = 0
        year = cleaned.get("academic_year")
        if (
            not self.instance.pk
            and year
            and Cohort.objects.filter(programme=self.instance.programme, academic_year=year).exists()
        ):
            self.add_error(
                "academic_year",
                gettext("%(year)s is already recorded: edit its row.") % {"year": f"{year}/{(year + 1) % 100:02d}"},
            )
        return cleaned
