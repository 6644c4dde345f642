from django import forms

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .models import Deal, Expertise, IPAsset, Need, Sector

TEXT = forms.Textarea(attrs={"rows": 4})


class IPAssetForm(PlatformModelForm):
    class Meta:
        model = IPAsset
        fields = [
            "title_en", "title_zh", "summary_en", "summary_zh", "kind", "status", "inventors", "owner", "trl",
            "sectors", "jurisdictions", "patent_numbers", "projects", "commercial_notes", "colleges", "strands",
            "themes",
        ]  # fmt: skip
        widgets = {**tag_widgets(), "summary_en": TEXT, "summary_zh": TEXT, "commercial_notes": TEXT}


class NeedForm(PlatformModelForm):
    class Meta:
        model = Need
        fields = [
            "title_zh", "title_en", "company", "sector", "problem_zh", "problem_en", "requirements_zh",
            "requirements_en", "budget_min", "budget_max", "currency", "deadline", "trl_min", "contact", "owner",
            "source", "status", "received_on", "colleges", "strands", "themes",
        ]  # fmt: skip
        widgets = {
            **tag_widgets(),
            "deadline": DATE_WIDGET,
            "received_on": DATE_WIDGET,
            **dict.fromkeys(("problem_en", "problem_zh", "requirements_en", "requirements_zh"), TEXT),
        }


class ExpertiseForm(PlatformModelForm):
    class Meta:
        model = Expertise
        fields = ["person", "keywords", "statement_en", "statement_zh", "sectors", "available", "colleges", "themes"]
        widgets = {**tag_widgets(), "statement_en": TEXT, "statement_zh": TEXT}


class DealForm(PlatformModelForm):
    class Meta:
        model = Deal
        fields = [
            "title", "kind", "company", "need", "ip_assets", "agreement", "value", "currency", "probability",
            "expected_close", "owner", "team", "next_action", "next_action_date", "notes", "colleges", "strands",
            "themes",
        ]  # fmt: skip
        widgets = {**tag_widgets(), "expected_close": DATE_WIDGET, "next_action_date": DATE_WIDGET, "notes": TEXT}


class SectorForm(PlatformModelForm):
    class Meta:
        model = Sector
        fields = ["code", "name_en", "name_zh", "order"]
