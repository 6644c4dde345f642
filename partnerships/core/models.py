"""Cross-cutting models: the base every record inherits, the institution profile, the change log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .links import record_url


def in_chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Store JSON text with characters as they are (中山大学, not \\u4e2d…), so that a plain
    `icontains` finds Chinese in alias lists on SQLite, where JSON is stored as text."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows who may see which rows; `restrict` is the one choke point."""

    def restrict(self, user, action: str = "view"):
        from .permissions import restrict

        return restrict(self, user, action)


class BaseModel(models.Model):
    """What every register record has: timestamps, a version for optimistic locking, a demo flag."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return record_url(f"{self._meta.app_label}:{self._meta.model_name}_detail", self.pk)

    def changelog_related(self) -> list[models.Model]:
        """Records whose history should show this record's changes too (e.g. an affiliation's organisation)."""
        return []


class NamedTerm(BaseModel):
    """A profile term with an English and a Chinese name, shown in the user's language."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return (self.name_zh if in_chinese() and self.name_zh else self.name_en) or self.code


class College(NamedTerm):
    """One of the home institution's colleges; every record can be tied to the ones involved."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("college")
        verbose_name_plural = _("colleges")


class Strand(NamedTerm):
    """One of the centre's strands of work (research alliance, postgraduate, …)."""

    description = models.TextField(_("description"), blank=True)

    class Meta(NamedTerm.Meta):
        verbose_name = _("strand")
        verbose_name_plural = _("strands")


class Theme(NamedTerm):
    """A research theme (medicine, environmental protection, …); more can be added."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Institution(BaseModel):
    """The institution profile: who the home institution is and which city its centre serves."""

    name_en = models.CharField(_("home institution (English)"), max_length=200)
    name_zh = models.CharField(_("home institution (Chinese)"), max_length=200, blank=True)
    ror_id = models.CharField(_("ROR ID"), max_length=20, blank=True)
    centre_name_en = models.CharField(_("centre (English)"), max_length=200, blank=True)
    centre_name_zh = models.CharField(_("centre (Chinese)"), max_length=200, blank=True)
    host_city = models.CharField(_("host city"), max_length=100)
    host_city_zh = models.CharField(_("host city (Chinese)"), max_length=100, blank=True)
    host_province = models.CharField(_("host province"), max_length=100, blank=True)
    host_country = models.CharField(_("host country code"), max_length=2)

    class Meta:
        verbose_name = _("institution profile")
        verbose_name_plural = _("institution profiles")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_zh if in_chinese() and self.name_zh else self.name_en

    @property
    def centre_name(self) -> str:
        return (self.centre_name_zh if in_chinese() and self.centre_name_zh else self.centre_name_en) or self.name

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first()


class Tagged(models.Model):
    """Ties a record to the profile's strands, colleges and themes, for reports and navigation."""

    strands = models.ManyToManyField(
        Strand, blank=True, related_name="%(app_label)s_%(class)s_set", verbose_name=_("strands")
    )
    colleges = models.ManyToManyField(
        College, blank=True, related_name="%(app_label)s_%(class)s_set", verbose_name=_("colleges")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="%(app_label)s_%(class)s_set", verbose_name=_("themes")
    )

    class Meta:
        abstract = True


class UserPreference(models.Model):
    """Per-user settings that follow the person across browsers (the UI language)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    def __str__(self):
        return f"{self.user}: {self.language}"


class ObjectChange(models.Model):
    """One create, update or delete of a record, from any interface, with the data before and after."""

    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("change action", "created")
        UPDATE = "update", pgettext_lazy("change action", "updated")
        DELETE = "delete", pgettext_lazy("change action", "deleted")

    class Source(models.TextChoices):
        WEB = "web", _("web page")
        API = "api", _("API")
        COMMAND = "command", _("command")
        IMPORT = "import", _("import")
        JOB = "job", _("background job")
        SHELL = "shell", _("shell")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(_("user"), max_length=150, blank=True)
    request_id = models.UUIDField(null=True, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=20, blank=True, choices=Source.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("record"), max_length=300)
    prechange_data = models.JSONField(null=True, blank=True)
    postchange_data = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        # A record's history is read newest first by id, a few changes at a time: the id ends the
        # index so that ORDER BY id DESC LIMIT walks it (PostgreSQL needs it spelt out; SQLite keeps
        # the rowid in every index anyway).
        indexes = [models.Index(fields=["content_type", "object_id", "id"], name="core_change_object_id_idx")]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"

    def diff(self) -> list[tuple[str, object, object]]:
        """The fields that differ between before and after, as (field, before, after)."""
        before, after = self.prechange_data or {}, self.postchange_data or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def labelled_diff(self) -> list[tuple[str, object, object]]:
        """The diff with each field's label in the reader's language instead of its column name."""
        model = self.content_type.model_class()
        labels = (
            {f.name: f.verbose_name for f in model._meta.get_fields() if hasattr(f, "verbose_name")} if model else {}
        )
        return [(labels.get(field, field), before, after) for field, before, after in self.diff()]


class ChangeRelation(models.Model):
    """Another record whose history shows this change (an interaction on each organisation's page)."""

    change = models.ForeignKey(ObjectChange, on_delete=models.CASCADE, related_name="relations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)

    class Meta:
        # The changes tied to a record, newest first: see ObjectChange's indexes.
        indexes = [models.Index(fields=["content_type", "object_id", "change"], name="core_relation_object_idx")]
        constraints = [
            models.UniqueConstraint(fields=["change", "content_type", "object_id"], name="unique_change_relation")
        ]

    def __str__(self):
        return f"{self.change} → {self.content_type_id}:{self.object_id}"


class TimelineEvent(models.Model):
    """A domain event in a record's life, in words people use: "agreement signed", "visit held"."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    kind = models.CharField(_("event"), max_length=50)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        # A record's timeline is read newest first by (time, id), a few events at a time.
        indexes = [models.Index(fields=["content_type", "object_id", "time", "id"], name="core_event_object_time_idx")]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self):
        return f"{self.kind} {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """A reminder sent to someone, by e-mail and in the app; `key` makes each one go out once."""

    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The reminders page, newest first a page at a time, and the unread badge on every page.
            models.Index(fields=["user", "id"], name="core_notification_user_idx"),
            models.Index(
                fields=["user"], condition=models.Q(read_at__isnull=True), name="core_notification_unread_idx"
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.subject


class Job(models.Model):
    """One run of long work by the queue's worker: what, for whom, how far it has got, and how it ended.

    Lives in the jobs database (core/routers.py), so it refers to its user by id rather than by a
    foreign key. The queue delivers; this row decides: a delivery runs the job only if it can claim
    the row (queued, or running with no sign of life for JOB_STALE_AFTER seconds), so a redelivery
    after a worker was killed runs it again, and one that comes after it finished does nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("job"), max_length=100)
    arguments = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    user_id = models.PositiveIntegerField(null=True, blank=True)
    user_name = models.CharField(_("started by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(_("progress"), max_length=300, blank=True)
    result = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="core_job_status_idx")]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
