from django import forms

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .models import Interaction, Relationship


class RelationshipForm(PlatformModelForm):
    class Meta:
        model = Relationship
        fields = ["organisation", "stage", "health", "manager", "summary", "strands", "colleges", "themes"]
        widgets = {**tag_widgets(), "summary": forms.Textarea(attrs={"rows": 4})}


class InteractionForm(PlatformModelForm):
    class Meta:
        model = Interaction
        fields = [
            "kind", "title", "date", "location", "organisations", "people", "notes",
            "follow_up_date", "follow_up_owner", "follow_up_done", "strands", "colleges", "themes",
        ]  # fmt: skip
        widgets = {
            **tag_widgets(),
            "date": DATE_WIDGET,
            "follow_up_date": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
