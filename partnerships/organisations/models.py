"""Organisations (the centre's own partner records) and people, with their affiliations."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnerships.core.models import BaseModel, College, Tagged, UnicodeJSONEncoder, in_chinese

from .choices import DataOrigin, DuplicateKind, LawfulBasis, OrganisationKind, PersonKind, PreferredLanguage

# GB 32100-2015: 18 characters from the digits and the capital letters other than I, O, S, V, Z.
USCC_PATTERN = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
# GB 32100-2015: each character's value is its place here; the 18th is a check character.
USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(code: str) -> str:
    """The check character (GB 32100-2015) the first 17 characters of a unified social credit code call for."""
    total = sum(USCC_CHARACTERS.index(c) * w for c, w in zip(code[:17], USCC_WEIGHTS, strict=True))
    return USCC_CHARACTERS[(31 - total % 31) % 31]


def unique_names(names) -> list[str]:
    """Trimmed, without blanks or repeats (ignoring case), in the order given."""
    seen, out = set(), []
    for name in names:
        name = str(name).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


class Organisation(BaseModel, Tagged):
    """A partner or any other organisation the centre deals with, in both scripts."""

    name_en = models.CharField(_("name (English)"), max_length=300)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    pinyin = models.CharField(_("pinyin"), max_length=500, blank=True)
    acronyms = models.JSONField(_("acronyms"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    former_names = models.JSONField(_("former names"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    aliases = models.JSONField(_("other names"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province / region"), max_length=100, blank=True)
    country = models.CharField(
        _("country code"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. CN, GB, HK.")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    ror_id = models.CharField(
        _("ROR ID"), max_length=20, blank=True, help_text=_("The nine-character ID, e.g. 0064kty71.")
    )
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        help_text=_("For companies registered in mainland China."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name_en"]
        # Every list is read in its default order, a page at a time: the index gives the page without a sort.
        indexes = [
            models.Index(fields=["name_en", "id"], name="organisation_name_order"),
            # The resolver's cache asks for the latest edit on every search (search/index.py).
            models.Index(fields=["updated_at"], name="organisation_updated"),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["ror_id"], condition=~Q(ror_id=""), name="unique_organisation_ror_id"),
            models.UniqueConstraint(fields=["uscc"], condition=~Q(uscc=""), name="unique_organisation_uscc"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_zh if in_chinese() and self.name_zh else self.name_en

    @property
    def other_name(self) -> str:
        """The name in the other script, shown beside the main one."""
        return self.name_en if in_chinese() and self.name_zh else self.name_zh

    def clean(self):
        # Normalised here, not in a form, so pages, API and imports store the same thing.
        self.country = (self.country or "").strip().upper()
        self.uscc = (self.uscc or "").strip().upper()
        for field in ("acronyms", "former_names", "aliases"):
            setattr(self, field, unique_names(getattr(self, field) or []))
        if self.uscc and not USCC_PATTERN.fullmatch(self.uscc):
            raise ValidationError(
                {
                    "uscc": _(
                        "A unified social credit code has 18 characters: digits and capital letters except I, O, S, V and Z."
                    )
                }
            )
        elif self.uscc and uscc_check_character(self.uscc) != self.uscc[17]:
            raise ValidationError(
                {
                    "uscc": _(
                        "This unified social credit code's check character is wrong (%(given)s; the other "
                        "characters call for %(expected)s): look for a mistyped character."
                    )
                    % {"given": self.uscc[17], "expected": uscc_check_character(self.uscc)}
                }
            )
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("That would make the organisation its own ancestor.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Person(BaseModel, Tagged):
    """A contact at a partner or a member of home staff; carries personal-data accountability fields."""

    family_name = models.CharField(_("family name"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    family_name_first = models.BooleanField(
        _("family name first"), default=False, help_text=_("Write the family name first, as in Chinese convention.")
    )
    title = models.CharField(
        pgettext_lazy("form of address", "title"), max_length=50, blank=True, help_text=_("e.g. Prof., Dr, Ms")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PersonKind.choices, default=PersonKind.CONTACT)
    college = models.ForeignKey(
        College, null=True, blank=True, on_delete=models.PROTECT, related_name="staff", verbose_name=_("college")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    wechat_id = models.CharField(_("WeChat ID"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=PreferredLanguage.choices, blank=True
    )
    # Personal data: why we hold it, on what basis, where it came from, and until when.
    purpose = models.CharField(_("purpose of holding the data"), max_length=300, blank=True)
    lawful_basis = models.CharField(_("lawful basis"), max_length=30, choices=LawfulBasis.choices, blank=True)
    data_origin = models.CharField(_("data collected in"), max_length=10, choices=DataOrigin.choices, blank=True)
    retain_until = models.DateField(_("retain until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("login account"),
        help_text=_("For home staff who use the platform: where their in-app reminders go."),
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"], name="person_name_order")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    @property
    def latin_name(self) -> str:
        parts = [self.family_name.upper() if self.family_name_first else self.family_name, self.given_name]
        if not self.family_name_first:
            parts.reverse()
        return " ".join(p for p in parts if p)

    @property
    def name(self) -> str:
        if in_chinese() and self.name_zh:
            return self.name_zh
        return " ".join(p for p in (self.title, self.latin_name) if p)

    def clean(self):
        if self.kind == PersonKind.STAFF and not self.college_id:
            raise ValidationError({"college": _("Home staff belong to a college.")})
        if self.kind == PersonKind.CONTACT and self.college_id:
            raise ValidationError({"college": _("Only home staff have a college.")})


class Affiliation(BaseModel):
    """A person's position at an organisation over a period; a person may hold several."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="affiliations", verbose_name=_("organisation")
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. Vice-President, International Office")
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [
            models.Index(fields=["start_date"], name="affiliation_start_order"),
            # An organisation's and a person's people, latest first (their pages' panels).
            models.Index(fields=["organisation", "start_date"], name="affiliation_organisation_order"),
            models.Index(fields=["person", "start_date"], name="affiliation_person_order"),
        ]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.person} – {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def changelog_related(self):
        return [self.person, self.organisation]


# The likely duplicates, kept current on every write (see duplicate_index.py). Records are referred to by
# ID, not by foreign key, so that merges and deletion pages, which follow every link, never see them.


class DuplicateKey(models.Model):
    """One blocking key of an organisation or a person: only records that share a key are compared."""

    kind = models.CharField(max_length=12, choices=DuplicateKind.choices)
    key = models.TextField()
    record_id = models.BigIntegerField()

    class Meta:
        default_permissions = ()  # written by the platform only
        constraints = [models.UniqueConstraint(fields=["kind", "key", "record_id"], name="unique_duplicate_key")]
        # A record's own keys are read from this index alone (SQLite, without statistics, would otherwise
        # prefer the unique index and read every key of the kind).
        indexes = [models.Index(fields=["kind", "record_id", "key"], name="duplicate_key_record")]

    def __str__(self):
        return f"{self.kind} {self.record_id}: {self.key}"


class DuplicatePair(models.Model):
    """Two records that are probably one, with how sure and why (codes and parameters, put into words when shown)."""

    kind = models.CharField(max_length=12, choices=DuplicateKind.choices)
    first_id = models.BigIntegerField()  # the older record, shown as the one to keep
    second_id = models.BigIntegerField()
    score = models.FloatField()
    # The first record's name in the site's language: ties in score are listed by it, as they always were.
    sort_name = models.CharField(max_length=300)
    evidence = models.JSONField(default=list, encoder=UnicodeJSONEncoder)  # [[code, {parameter: value}], …]

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["kind", "first_id", "second_id"], name="unique_duplicate_pair"),
            models.CheckConstraint(condition=Q(first_id__lt=models.F("second_id")), name="duplicate_pair_in_order"),
        ]
        indexes = [
            # The page reads a kind's pairs best first, a page at a time, from this index.
            models.Index(fields=["kind", "-score", "sort_name", "first_id", "second_id"], name="duplicate_pair_order"),
            models.Index(fields=["kind", "second_id"], name="duplicate_pair_second"),
        ]

    def __str__(self):
        return f"{self.kind} {self.first_id} / {self.second_id} ({self.score})"
