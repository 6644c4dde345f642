"""Form pieces every model's form reuses."""

from django import forms

from . import reference
from .widgets import use_autocomplete


class LinesField(forms.CharField):
    """A list of short strings (aliases, acronyms) edited as one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        seen, out = set(), []
        for line in text.splitlines():
            line = line.strip()
            if line and line.casefold() not in seen:
                seen.add(line.casefold())
                out.append(line)
        return out


class PlatformModelForm(forms.ModelForm):
    """A ModelForm that carries the record's version so a stale edit can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            restrict_choices(self.fields.values(), user)
        use_autocomplete(self.fields.values())
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"
            if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(
                field.widget, forms.CheckboxSelectMultiple
            ):
                field.widget.attrs.setdefault("size", 5)


def tag_widgets():
    """Strands, colleges and themes are few: checkboxes read better than a multi-select."""
    return dict.fromkeys(("strands", "colleges", "themes"), forms.CheckboxSelectMultiple)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def restrict_choices(fields, user) -> None:
    """Offer only records the user may see in every choice list (the one choke point, again); the
    profile's strands, colleges and themes come from the process's copy (`core.reference`)."""
    for field in fields:
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset, "restrict"):
            field.queryset = queryset.restrict(user, "view")
            if reference.is_whole_table(field.queryset):
                reference.use_reference_rows(field)
