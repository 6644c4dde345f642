"""Whether a name typed on a create form is a record already: "did you mean…?" as the user types, and a
warning before a likely duplicate is saved.

The answer comes from the search app's resolver, which sits above the apps whose forms ask: it
registers a matcher for a model here (`register`), and the form of that model asks `for_model`
(docs/architecture.md). Without a registered matcher a form simply offers no suggestions.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class NameMatcher:
    """`suggest_url`: the URL name of the view that answers, as the user types, with the records a name may
    be (an HTML fragment); `existing(names, user)`: the record one of the names confidently is, that
    the user may see, or None."""

    suggest_url: str
    existing: Callable[[Iterable[str], object], object | None]


MATCHERS: dict[type, NameMatcher] = {}


def register(model: type, *, suggest_url: str, existing: Callable[[Iterable[str], object], object | None]) -> None:
    MATCHERS[model] = NameMatcher(suggest_url, existing)


def for_model(model: type) -> NameMatcher | None:
    return MATCHERS.get(model)


class SuggestInput(forms.TextInput):
    """A text input that asks the server, as the user types, which existing records the text may be;
    the answer appears in a box right under the field."""

    template_name = "core/widgets/suggest_input.html"

    def __init__(self, url: str, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        box = f"suggestions-{context['widget']['attrs'].get('id') or name}"
        context["widget"]["attrs"].update(
            {
                "hx-get": self.url,
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{box}",
                "hx-sync": "this:replace",
            }
        )
        context["widget"]["suggestions_id"] = box
        return context


def offer_suggestions(form, fields, url: str) -> None:
    """Turn the form's name fields into suggesting inputs (on create forms only: an edit is no duplicate)."""
    for name in fields:
        form.fields[name].widget = SuggestInput(url, attrs=form.fields[name].widget.attrs)
