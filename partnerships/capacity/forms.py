from django import forms

from partnerships.core.forms import DATE_WIDGET, PlatformModelForm, tag_widgets

from .models import Activity, ParticipantCount


class ActivityForm(PlatformModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind", "title_en", "title_zh", "partners", "start_date", "end_date", "place", "lead", "participants",
            "outcomes", "feedback_score", "agreement", "initiative", "objectives", "colleges", "strands", "themes",
        ]  # fmt: skip
        widgets = {
            **tag_widgets(),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "outcomes": forms.Textarea(attrs={"rows": 4}),
        }


class ParticipantCountForm(PlatformModelForm):
    class Meta:
        model = ParticipantCount
        fields = ["activity", "category", "count"]
