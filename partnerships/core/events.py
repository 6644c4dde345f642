"""Domain events and notifications: called explicitly by the services that cause them."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification, TimelineEvent
from .panels import Panel

TIMELINE_PAGE = 10


def record_event(obj, kind: str, *, user=None, message: str = "") -> TimelineEvent:
    """Put a domain event on the record's timeline."""
    return TimelineEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        kind=kind,
        message=message,
        user=user if user is not None and user.is_authenticated else None,
    )


def timeline_for(obj, *, before: int | None = None, limit: int = TIMELINE_PAGE) -> Panel:
    """The record's domain events, newest first by when they happened, `limit` at a time, older than event `before`.

    Ordered by time, not id: an event can be dated to when it happened in the story (the demo data
    back-dates its agreements' steps). The index (content_type, object_id, time, id) serves each page
    whatever the length of the timeline: `time <= cursor` bounds the walk, the exclusion drops the
    few events at the cursor's own time that came before it.
    """
    ct = ContentType.objects.get_for_model(obj)
    events = TimelineEvent.objects.filter(content_type=ct, object_id=str(obj.pk))
    if before is not None:
        cursor = events.filter(pk=before).values_list("time", flat=True).first()
        if cursor is None:
            return Panel(rows=[], more=False)
        events = events.filter(time__lte=cursor).exclude(time=cursor, pk__gte=before)
    rows = list(events.select_related("user").order_by("-time", "-pk")[: limit + 1])
    return Panel(rows=rows[:limit], more=len(rows) > limit)


def notify(*, key: str, subject: str, body: str, url: str = "", user=None, email: str = "") -> Notification | None:
    """Send one notification (in-app, and by e-mail when there is an address) unless `key` went out before.

    Returns None when it had already been sent: running a reminder job twice sends nothing twice.
    """
    if Notification.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                key=key, user=user, email=email, subject=subject, body=body, url=url
            )
            # Inside the transaction: if the mail server refuses, the key is not used up and the
            # next run tries again.
            if email:
                send_mail(subject, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [email])
    except IntegrityError:  # a concurrent run sent it first
        return None
    return notification
