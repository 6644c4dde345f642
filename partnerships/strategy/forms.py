from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .models import Initiative, Objective


class ObjectiveForm(PlatformModelForm):
    class Meta:
        model = Objective
        fields = ["code", "title_en", "title_zh", "college", "owner", "period_start", "period_end", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class InitiativeForm(PlatformModelForm):
    class Meta:
        model = Initiative
        fields = [
            "name_en", "name_zh", "kind", "status", "lead", "aims", "start_date", "objectives", "agreements",
            "strands", "colleges", "themes",
        ]  # fmt: skip
        widgets = {**tag_widgets(), "start_date": DATE_WIDGET, "aims": forms.Textarea(attrs={"rows": 4})}


class ObjectiveImportForm(forms.Form):
    file = forms.FileField(
        label=_("spreadsheet"),
        help_text=_(
            "XLSX or CSV with the columns code, title_en, title_zh, college, owner_email, period_start, period_end, description."
        ),
    )
