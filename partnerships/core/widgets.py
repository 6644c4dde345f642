"""Choice widgets for large models: only the chosen records are rendered; the rest are searched for.

`use_autocomplete` gives them to every form field and filter over a model registered in
`autocomplete.py`; `static/js/autocomplete.js` turns each into a search-as-you-type box.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.utils import get_model_field

from .autocomplete import is_registered


class AutocompleteMixin:
    """Render the selected options only, fetched in one query, as Django admin's AutocompleteMixin does."""

    def __init__(self, model, params=None, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.model = model
        # The field's own narrowing (limit_choices_to), as FilterSet parameters for the endpoint.
        self.params = dict(params or {})

    @property
    def url(self) -> str:
        url = reverse("core:autocomplete", args=[self.model._meta.label_lower])
        return f"{url}?{urlencode(self.params, doseq=True)}" if self.params else url

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-autocomplete-url"] = self.url
        # The script's words, in the page's language (it has no catalogue of its own).
        attrs.setdefault("data-placeholder", _("Type to search…"))
        attrs.setdefault("data-no-results", _("Nothing found."))
        attrs.setdefault("data-more", _("More match: type more to narrow the list."))
        attrs.setdefault("data-remove", _("Remove"))
        attrs.setdefault("data-clear", _("Clear"))
        return attrs

    def optgroups(self, name, value, attrs=None):
        field = self.choices.field
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", field.empty_label or "", False, 0))
        chosen = self._valid_pks(value)
        if chosen:
            for index, obj in enumerate(self.choices.queryset.filter(pk__in=chosen), start=len(options)):
                options.append(
                    self.create_option(name, field.prepare_value(obj), field.label_from_instance(obj), True, index)
                )
        return [(None, options, 0)]

    def _valid_pks(self, value) -> list:
        # Re-rendering a refused form shows what was sent; a malformed id is no record, not an error.
        pk = self.model._meta.pk
        valid = []
        for raw in value:
            if raw in ("", None):
                continue
            try:
                valid.append(pk.to_python(raw))
            except ValidationError:
                continue
        return valid


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass


def use_autocomplete(fields) -> None:
    """Give every choice list over a registered model (form fields and FilterSet filters) the autocomplete
    widget. Filters must be walked before their form is built: the widget goes into the field they make."""
    for field in fields:
        if isinstance(field, forms.ModelChoiceField):
            _form_field(field)
        elif isinstance(field, (ModelChoiceFilter, ModelMultipleChoiceFilter)):
            _filter(field)


def _autocomplete_widget(model, multiple: bool, params, attrs=None):
    widget_class = AutocompleteSelectMultiple if multiple else AutocompleteSelect
    return widget_class(model, params=params, attrs=attrs)


def _form_field(field) -> None:
    model = field.queryset.model if field.queryset is not None else None
    if model is None or not is_registered(model) or field.to_field_name not in (None, model._meta.pk.name):
        return
    if not isinstance(field.widget, forms.Select) or isinstance(field.widget, AutocompleteMixin):
        return  # hidden inputs, radio buttons and checkboxes were chosen on purpose
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = _autocomplete_widget(model, multiple, simple_params(field.get_limit_choices_to()), field.widget.attrs)
    # What forms.Field.__init__ and the queryset setter do for a widget given at construction.
    widget.is_required = field.required
    widget.is_localized = field.localize
    widget.choices = field.choices
    field.widget = widget


def _filter(filter_) -> None:
    model = getattr(filter_.queryset, "model", None)  # a callable queryset is left alone
    if (
        model is None
        or not is_registered(model)
        or filter_.extra.get("to_field_name") not in (None, model._meta.pk.name)
    ):
        return
    if "widget" in filter_.extra:
        return
    model_field = get_model_field(filter_.model, filter_.field_name) if hasattr(filter_, "model") else None
    limit = None
    if model_field is not None and model_field.is_relation and not model_field.auto_created:
        limit = model_field.remote_field.limit_choices_to
    filter_.extra["widget"] = _autocomplete_widget(
        model, isinstance(filter_, ModelMultipleChoiceFilter), simple_params(limit)
    )
    filter_.__dict__.pop("_field", None)  # a field built before this would keep the plain widget


def simple_params(limit) -> dict:
    """A `limit_choices_to` dict as query parameters; a Q object or callable cannot be sent, so none are."""
    if not isinstance(limit, dict):
        return {}
    return {
        key: [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value) for key, value in limit.items()
    }
