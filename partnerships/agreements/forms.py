from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .choices import DocumentType
from .models import Agreement, AgreementKind, Obligation, Party, Signatory


class AgreementForm(PlatformModelForm):
    class Meta:
        model = Agreement
        fields = [
            "kind", "title_en", "title_zh", "reference", "controlling_language", "parent", "unit", "responsible",
            "start_date", "end_date", "notice_period_days", "auto_renew", "summary", "interactions",
            "colleges", "strands", "themes",
        ]  # fmt: skip
        widgets = {
            **tag_widgets(),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }


class AgreementKindForm(PlatformModelForm):
    class Meta:
        model = AgreementKind
        fields = ["code", "name_en", "name_zh", "order"]


class PartyForm(PlatformModelForm):
    class Meta:
        model = Party
        fields = ["agreement", "organisation", "role"]


class SignatoryForm(PlatformModelForm):
    class Meta:
        model = Signatory
        fields = ["party", "person", "capacity", "signed_on"]
        widgets = {"signed_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agreement = self.initial.get("agreement") or (
            self.instance.party.agreement_id if self.instance.party_id else None
        )
        if agreement:
            self.fields["party"].queryset = Party.objects.filter(agreement=agreement).select_related("organisation")


class ObligationForm(PlatformModelForm):
    class Meta:
        model = Obligation
        fields = ["agreement", "description", "side", "due_date", "owner", "done"]
        widgets = {"due_date": DATE_WIDGET}


class DocumentUploadForm(forms.Form):
    title = forms.CharField(
        label=_("title"), max_length=200, help_text=_("Uploading under an existing title adds a new version.")
    )
    doc_type = forms.ChoiceField(label=_("type"), choices=DocumentType.choices, initial=DocumentType.SIGNED)
    file = forms.FileField(label=_("file"))


class RenewForm(forms.Form):
    start_date = forms.DateField(label=_("start"), required=False, widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("end"), required=False, widget=DATE_WIDGET)
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)
