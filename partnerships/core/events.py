"""Domain events and notifications: called explicitly by the services that cause them."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification, TimelineEvent


def record_event(obj, kind: str, *, user=None, message: str = "") -> TimelineEvent:
    """Put a domain event on the record's timeline."""
    return TimelineEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        kind=kind,
        message=message,
        user=user if user is not None and user.is_authenticated else None,
    )


def timeline_for(obj, limit: int = 100):
    ct = ContentType.objects.get_for_model(obj)
    return TimelineEvent.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("user")[:limit]


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
