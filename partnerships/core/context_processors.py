from . import reference
from .models import Notification, Strand
from .panels import capped_count

# The unread badge on every page counts no further than this ("99+"), so it costs the same for
# someone who has not read their reminders in years.
UNREAD_CAP = 99


def platform(request):
    """The profile and strands every page's layout needs (kept by the process: `core.reference`)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"institution": reference.institution()}
    institution = reference.institution()
    strands = reference.rows(Strand)
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True)
    return {
        "institution": institution,
        "nav_strands": strands,
        # What the cached sidebar shows (templates/base.html): a new key whenever any of it changes.
        "nav_key": repr([institution.pk if institution else None, *((s.pk, s.name_en, s.name_zh) for s in strands)]),
        "unread_notifications": capped_count(unread, cap=UNREAD_CAP),
    }
