from django import forms
from django.core.exceptions import ValidationError

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .models import Supervision, TrainingRecord
from .rules import check_projects


class TrainingRecordForm(PlatformModelForm):
    class Meta:
        model = TrainingRecord
        fields = [
            "kind", "student", "partner", "status", "projects", "intake", "expected_completion", "actual_completion",
            "months_home_planned", "months_partner_planned", "months_home_actual", "months_partner_actual",
            "funder", "funding", "agreement", "initiative", "objectives", "strands", "colleges", "themes", "notes",
        ]  # fmt: skip
        widgets = {
            **tag_widgets(),
            "intake": DATE_WIDGET,
            "expected_completion": DATE_WIDGET,
            "actual_completion": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned and "projects" in cleaned:
            try:
                check_projects(cleaned["status"], cleaned["projects"])
            except ValidationError as exc:
                self.add_error(None, exc)  # the error names its field: shown on `projects`
        return cleaned


class SupervisionForm(PlatformModelForm):
    class Meta:
        model = Supervision
        fields = ["record", "person", "organisation", "role"]
