"""'Did you mean…?' on the person form: the people that the names and e-mail being typed may already be.

The comparison is the duplicates page's (`people_matching`); what differs is where the candidates
come from. Not every pair in the register but one typed person, so the database is asked only for
the people who share the typed e-mail (in any case), the Chinese name (simplified or traditional),
or the Latin name run together in either order (the typed Chinese name's pinyin included), or who
are at the chosen organisation and share a name word; those few are then compared in Python.

Here an equal name counts anywhere, since the user is typing one particular person rather than
sifting the register; similar names count only at the chosen organisation.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, IntegerField, Q, Value, When
from django.db.models.functions import Concat, Lower, Replace
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from opencc import OpenCC

from partnerships.core.models import in_chinese
from partnerships.core.permissions import has_model_permission

from .duplicates import combined
from .models import Affiliation, Organisation, Person
from .people_matching import EMAIL, NAME_KINDS, PersonKeys, chinese_key, compare, describe, romanised

SUGGESTIONS = 5
MAX_CANDIDATES = 100  # people read and compared for one list; the best SUGGESTIONS are shown
MAX_END = 30  # longest family name looked for at either end of a typed name run together
FIELDS = ("family_name", "given_name", "name_zh", "email")
BOX_ID = "person-suggestions"
# Left out of names on both sides of the database comparison: "Yat-sen" is "yatsen", "Xiao Ming" "xiaoming".
SEPARATORS = (" ", "-", "'", "’", ".")
_S2T = OpenCC("s2t")


@dataclass
class PersonSuggestion:
    """An existing person the typed one may be, with the evidence; `confident` stops a save until confirmed."""

    person: Person
    reasons: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list, repr=False)
    confident: bool = False
    organisations: list[Organisation] = field(default_factory=list)  # where they are now, to recognise them by

    @property
    def score(self) -> float:
        return combined(self.weights)

    @property
    def other_name(self) -> str:
        """The name in the other script, shown beside the link."""
        person = self.person
        return person.latin_name if in_chinese() and person.name_zh else person.name_zh


def typed_person(data) -> Person:
    """An unsaved person from the form's cleaned data or the suggestion request's query string."""
    values = {name: str(data.get(name) or "").strip() for name in FIELDS}
    # A value longer than the field holds is no name (nor a reason to ask the database).
    values = {name: v if len(v) <= Person._meta.get_field(name).max_length else "" for name, v in values.items()}
    return Person(**values, family_name_first=bool(data.get("family_name_first")))


def person_suggestions(person: Person, user, *, organisation_id=None, exclude=None, limit=SUGGESTIONS):
    """Existing people `user` may view whom the typed `person` may be, best evidence first; never `exclude` (a pk)."""
    keys = PersonKeys.of(person)
    candidates = _candidates(person, keys, user, organisation_id, exclude)
    if not candidates:
        return []
    affiliations = defaultdict(list)
    visible = (
        Affiliation.objects.restrict(user, "view")
        .filter(person__in=candidates, organisation__in=Organisation.objects.restrict(user, "view"))
        .select_related("organisation")
    )
    for affiliation in visible:
        affiliations[affiliation.person_id].append(affiliation)

    found = []
    for candidate in candidates:
        theirs = affiliations[candidate.pk]
        at_organisation = next((str(a.organisation) for a in theirs if a.organisation_id == organisation_id), None)
        current = {a.organisation_id: a.organisation for a in theirs if a.is_current}
        suggestion = PersonSuggestion(candidate, organisations=list(current.values()))
        candidate_keys = PersonKeys.of(candidate)
        for match in compare(candidate_keys, keys):
            evidence = describe(match, candidate_keys, keys, at_organisation)
            if evidence is None:
                continue
            suggestion.reasons.append(evidence[0])
            suggestion.weights.append(evidence[1])
            # A name is the same person's only where the organisation agrees too, when one was chosen.
            if match.kind == EMAIL or (match.kind in NAME_KINDS and (organisation_id is None or at_organisation)):
                suggestion.confident = True
        if suggestion.reasons:
            found.append(suggestion)
    found.sort(key=lambda s: (not s.confident, -s.score, s.person.pk))
    return found[:limit] if limit else found


def existing_person(person: Person, user, *, organisation_id=None, exclude=None) -> PersonSuggestion | None:
    """The best confident match for the typed person (same e-mail, or same name), if the user may see one."""
    found = person_suggestions(person, user, organisation_id=organisation_id, exclude=exclude, limit=None)
    return found[0] if found and found[0].confident else None


def _squeezed(text: str) -> str:
    """A name as the database comparison spells it: lower case, without separators."""
    text = text.lower()
    for separator in SEPARATORS:
        text = text.replace(separator, "")
    return text


def _squeezed_column(name: str):
    expression = Lower(name)
    for separator in SEPARATORS:
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def _forms(text: str) -> set[str]:
    """A typed name as typed, with its Chinese characters in pinyin, and without accents."""
    plain = romanised(text)
    unaccented = "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))
    return {text, plain, unaccented}


def _chinese_forms(name_zh: str) -> set[str]:
    """A typed Chinese name as typed, in simplified and in traditional characters."""
    squeezed = "".join(name_zh.split())
    return {squeezed, chinese_key(squeezed), _S2T.convert(squeezed)} - {""}


def _candidates(person: Person, keys: PersonKeys, user, organisation_id, exclude) -> list[Person]:
    """The few people worth comparing, in one query: equal e-mail or names first, then colleagues.

    Squeezing a column (lower case, separators out) costs the database far more than lower case
    alone, so a name is squeezed only where its plain lower-case family name could be one end of a
    typed spelling: the families `ends`. A family name stored with a separator the typed one lacks
    ("O'Brien" for "OBrien") is missed by the name test; the e-mail and Chinese name still meet."""
    families = {_squeezed(f) for f in _forms(person.family_name)}
    givens = {_squeezed(g) for g in _forms(person.given_name)}
    spellings = {f + g for f in families for g in givens} | {g + f for f in families for g in givens}
    spellings |= keys.pinyin
    if keys.chinese:
        spellings |= _chinese_forms(person.name_zh)  # for Chinese typed into the Latin name fields
    spellings -= {""}
    typed = {form.lower().strip() for text in (person.family_name, person.given_name) for form in _forms(text)}
    ends = {s[:n] for s in spellings for n in range(1, MAX_END + 1)} | {
        s[-n:] for s in spellings for n in range(1, MAX_END + 1)
    }
    ends |= typed - {""}

    exact = Q()
    if "@" in keys.email:
        exact |= Q(email__iexact=person.email.strip())
    if keys.chinese:
        exact |= Q(_zh__in=_chinese_forms(person.name_zh))
    if spellings:
        exact |= Q(_family__in=ends) & (Q(_fg__in=spellings) | Q(_gf__in=spellings))
    wanted = exact
    if organisation_id:
        words = {_squeezed(w) for form in typed for w in form.split()} | families | givens | keys.words
        colleagues = Affiliation.objects.filter(organisation_id=organisation_id).values("person_id")
        wanted |= Q(pk__in=colleagues) & (Q(_f__in=words - {""}) | Q(_g__in=words - {""}))
    if not wanted:
        return []
    family, given = _squeezed_column("family_name"), _squeezed_column("given_name")
    queryset = (
        Person.objects.restrict(user, "view")
        .alias(
            _family=Lower("family_name"),
            _f=family,
            _g=given,
            _fg=Concat(family, given, output_field=CharField()),
            _gf=Concat(given, family, output_field=CharField()),
            _zh=Replace("name_zh", Value(" "), Value("")),
            _rank=Case(When(exact, then=0), default=1, output_field=IntegerField()) if exact else Value(1),
        )
        .filter(wanted)
        .order_by("_rank", "pk")
    )
    if exclude:
        queryset = queryset.exclude(pk=exclude)
    return list(queryset[:MAX_CANDIDATES])


@login_required
@require_GET
def person_suggest(request):
    """The HTMX partial under the person create form's e-mail field."""
    if not has_model_permission(request.user, Person, "view"):
        raise PermissionDenied
    organisation = request.GET.get("organisation", "")
    organisation_id = int(organisation) if organisation.isdigit() and len(organisation) < 19 else None
    suggestions = person_suggestions(typed_person(request.GET), request.user, organisation_id=organisation_id)
    # Without the request, so the page layout's context processors (three queries) stay out of every keystroke.
    return HttpResponse(render_to_string("organisations/_person_suggestions.html", {"suggestions": suggestions}))


class EmailWithSuggestions(forms.EmailInput):
    """The e-mail input with the box the suggestions appear in right under it."""

    template_name = "organisations/widgets/email_with_suggestions.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["suggestions_id"] = BOX_ID
        return context


def offer_person_suggestions(form, url: str) -> None:
    """Make the name, e-mail and organisation fields ask, as they change, which people they may be.

    Every such field is marked `data-person-match` and goes with each request, so the answer weighs
    the whole person; it lands in the one box under the e-mail field."""
    for name in (*FIELDS, "organisation"):
        if name not in form.fields:
            continue
        widget = form.fields[name].widget
        if name == "email":
            widget = form.fields[name].widget = EmailWithSuggestions(attrs=widget.attrs)
        is_select = isinstance(widget, forms.Select)
        widget.attrs.update(
            {
                "hx-get": url,
                "hx-trigger": "change" if is_select else "input changed delay:300ms",
                "hx-target": f"#{BOX_ID}",
                "hx-include": "[data-person-match]",
                "hx-sync": f"#{BOX_ID}:replace",
                "data-person-match": True,
            }
        )
        if not is_select:
            widget.attrs["autocomplete"] = "off"


def person_duplicate_warning(suggestion: PersonSuggestion) -> str:
    person = suggestion.person
    link = format_html('<a href="{}">{}</a>', person.get_absolute_url(), person)
    return format_html(
        _("This person may already be recorded: {link} — {evidence}. Save anyway?"),
        link=link,
        evidence="; ".join(suggestion.reasons),
    )
