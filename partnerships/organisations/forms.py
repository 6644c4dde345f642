from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.core.forms import DATE_WIDGET, LinesField, PlatformModelForm, tag_widgets
from partnerships.core.name_matching import for_model as name_matcher
from partnerships.core.name_matching import offer_suggestions
from partnerships.core.pinyin import pinyin_for

from .models import Affiliation, Organisation, Person
from .suggest_people import FIELDS as IDENTITY_FIELDS
from .suggest_people import existing_person, offer_person_suggestions, person_duplicate_warning, typed_person


class OrganisationForm(PlatformModelForm):
    acronyms = LinesField(label=_("acronyms"), required=False, help_text=_("One per line."))
    former_names = LinesField(label=_("former names"), required=False, help_text=_("One per line."))
    aliases = LinesField(label=_("other names"), required=False, help_text=_("One per line, in any language."))

    class Meta:
        model = Organisation
        fields = [
            "name_en", "name_zh", "pinyin", "acronyms", "former_names", "aliases", "kind", "parent",
            "city", "province", "country", "ror_id", "uscc", "website", "description",
            "strands", "colleges", "themes",
        ]  # fmt: skip
        widgets = {**tag_widgets(), "description": forms.Textarea(attrs={"rows": 4})}

    # Shown only once a new organisation's name looks like an existing one.
    confirm_new = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label=_("Yes, this is a different organisation: save it")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        if self.instance.pk:
            del self.fields["confirm_new"]
        elif user is not None:
            self.order_fields(["confirm_new"])  # right under the warning, when shown
            if matcher := name_matcher(Organisation):
                offer_suggestions(self, ("name_en", "name_zh"), reverse(matcher.suggest_url))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name_zh") and not cleaned.get("pinyin"):
            cleaned["pinyin"] = pinyin_for(cleaned["name_zh"])
        matcher = name_matcher(Organisation)
        if matcher and "confirm_new" in self.fields and self.user is not None and not cleaned.get("confirm_new"):
            existing = matcher.existing((cleaned.get("name_en"), cleaned.get("name_zh")), self.user)
            if existing is not None:
                self.fields["confirm_new"].widget = forms.CheckboxInput()
                raise ValidationError(duplicate_warning(existing), code="may_exist")
        return cleaned


class PersonForm(PlatformModelForm):
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(), required=False, label=_("organisation"), help_text=_("Adds a current affiliation.")
    )
    role = forms.CharField(max_length=200, required=False, label=_("role at the organisation"))

    class Meta:
        model = Person
        # The e-mail sits with the names: together they say who the person is (and whether we have them already).
        fields = [
            "title", "family_name", "given_name", "name_zh", "family_name_first", "email", "kind", "college",
            "phone", "wechat_id", "preferred_language",
            "purpose", "lawful_basis", "data_origin", "retain_until", "notes",
            "strands", "colleges", "themes",
        ]  # fmt: skip
        widgets = {**tag_widgets(), "retain_until": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    # Shown only once the names or e-mail look like an existing person's.
    confirm_new = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label=_("Yes, this is a different person: save it")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        if self.instance.pk:
            # Affiliations of an existing person are managed on their own form.
            del self.fields["organisation"], self.fields["role"]
        if user is None:
            del self.fields["confirm_new"]
            return
        self.order_fields(["confirm_new"])  # right under the warning, when shown
        if not self.instance.pk:
            offer_person_suggestions(self, reverse("organisations:person_suggest"))

    def clean(self):
        cleaned = super().clean()
        if "confirm_new" not in self.fields or cleaned.get("confirm_new"):
            return cleaned
        # An edit that leaves the names and e-mail alone is no new duplicate, whatever the register holds.
        if self.instance.pk and not set(self.changed_data) & set(IDENTITY_FIELDS):
            return cleaned
        organisation = cleaned.get("organisation")
        existing = existing_person(
            typed_person(cleaned),
            self.user,
            organisation_id=organisation.pk if organisation else None,
            exclude=self.instance.pk,
        )
        if existing is not None:
            self.fields["confirm_new"].widget = forms.CheckboxInput()
            raise ValidationError(person_duplicate_warning(existing), code="may_exist")
        return cleaned


class AffiliationForm(PlatformModelForm):
    class Meta:
        model = Affiliation
        fields = ["person", "organisation", "role", "department", "start_date", "end_date"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}


def duplicate_warning(organisation: Organisation) -> str:
    link = format_html('<a href="{}">{}</a>', organisation.get_absolute_url(), organisation)
    return format_html(gettext("An organisation with this name may already exist: {link}. Save anyway?"), link=link)
