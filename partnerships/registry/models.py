"""ROR registry entries: reference data about organisations, kept apart from the centre's own records."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnerships.core.links import record_url
from partnerships.core.models import RestrictedQuerySet, UnicodeJSONEncoder, in_chinese


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
