"""The global search index: one row per registered record, and the vocabulary typos are matched against."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable text of one record, written by `indexing` whenever the record or its text changes.

    `document` is the analysed text, one token a word and a space on each side (" 中山 zhongshan sysu ");
    `names` holds the record's names and acronyms in compact form, one a line, for ranking exact and
    prefix matches first. The database's full-text index is made from both and the type (see `backends`).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    names = models.TextField(blank=True)
    document = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_entry")]
        # A type's entries in id order: the order the candidate reads take them in (`backends`).
        indexes = [models.Index(fields=["content_type", "id"], name="search_entry_type_order")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class SearchTerm(models.Model):
    """A Latin-script word that occurs in some indexed record: what a mistyped query word is compared with.

    Only ever added to (a rebuild starts it afresh): a stale word can only widen a fuzzy query, never
    hide a record.
    """

    term = models.CharField(max_length=100, unique=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term
