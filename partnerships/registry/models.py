"""ROR registry entries: reference data about organisations, kept apart from the centre's own records."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnerships.core.links import record_url
from partnerships.core.models import BaseModel, RestrictedQuerySet, UnicodeJSONEncoder, in_chinese

ROR_ID = re.compile(r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$")


class RegistryEntry(models.Model):
    """One ROR record, normalised from schema v1 or v2; `record` keeps the original JSON."""

    ror_id = models.CharField(_("ROR ID"), max_length=20, primary_key=True)
    name = models.CharField(_("name"), max_length=300, db_index=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    acronyms = models.JSONField(_("acronyms"), default=list, blank=True, encoder=UnicodeJSONEncoder)
    labels = models.JSONField(
        _("labels in other languages"),
        default=list,
        blank=True,
        help_text='[{"lang": "zh", "value": "…"}]',
        encoder=UnicodeJSONEncoder,
    )
    types = models.JSONField(_("types"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, default="active")
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province / region"), max_length=100, blank=True)
    country = models.CharField(_("country code"), max_length=2, blank=True, db_index=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    established = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)
    relationships = models.JSONField(
        pgettext_lazy("ROR links to other organisations", "relationships"),
        default=list,
        blank=True,
        help_text='[{"type": "parent", "id": "…", "label": "…"}]',
    )
    schema_version = models.CharField(_("schema"), max_length=5)
    record = models.JSONField(_("original record"))
    # When `load_ror` last wrote the entry: running processes compare it to know their resolver index is stale.
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")
        # Running processes ask for the latest load on every search to know their resolver index is stale.
        indexes = [models.Index(fields=["loaded_at"], name="registry_entry_loaded")]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return record_url("registry:registryentry_detail", self.ror_id)

    @property
    def display_name(self) -> str:
        return self.name_zh if in_chinese() and self.name_zh else self.name

    @property
    def url(self) -> str:
        return f"https://ror.org/{self.ror_id}"

    def related_ids(self, kind: str) -> list[str]:
        return [r["id"] for r in self.relationships if r.get("type") == kind]


class RegistryName(BaseModel):
    """A name an admin gives a registry entry — a short form people use, a name in a script the record
    lacks, a former name — or sets aside as another organisation's. Held by ROR ID, not by a link to
    the entry, so it survives every reload of the registry; the resolver reads it with the names
    shipped in `search/data/names.csv` (docs/matching.md, "Names as data")."""

    class Kind(models.TextChoices):
        SHORT = "short", _("short form people use")
        NAME = "name", _("name in another language or script")
        FORMER = "former", _("former name")
        ABBREV = "abbrev", _("abbreviation in publications")
        NOT = "not", _("not this organisation's name")

    class Language(models.TextChoices):
        SIMPLIFIED = "zh-Hans", _("Chinese (simplified)")
        TRADITIONAL = "zh-Hant", _("Chinese (traditional)")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other")

    ror_id = models.CharField(_("ROR ID"), max_length=20, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SHORT)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the name is written: a web page, a document.")
    )

    class Meta:
        ordering = ["ror_id", "name"]
        verbose_name = _("registry name")
        verbose_name_plural = _("registry names")
        constraints = [models.UniqueConstraint(fields=["ror_id", "name", "kind"], name="unique_registry_name")]
        # Running processes read the latest edit on every lookup to know their resolver index is stale.
        indexes = [models.Index(fields=["updated_at"], name="registry_name_updated")]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()}) → {self.ror_id}"

    def clean(self):
        self.ror_id = (self.ror_id or "").strip().removeprefix("https://ror.org/")
        self.name = (self.name or "").strip()
        if not ROR_ID.match(self.ror_id):
            raise ValidationError({"ror_id": _("A ROR ID has nine characters, such as 03angcq70.")})
        if not RegistryEntry.objects.filter(pk=self.ror_id).exists():
            raise ValidationError({"ror_id": _("The registry holds no entry with this ROR ID.")})

    @property
    def entry(self) -> RegistryEntry | None:
        return RegistryEntry.objects.filter(pk=self.ror_id).first()
