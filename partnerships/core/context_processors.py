from .models import Institution, Notification, Strand


def platform(request):
    """The profile and strands every page's layout needs (two small queries)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"institution": Institution.current()}
    return {
        "institution": Institution.current(),
        "nav_strands": list(Strand.objects.all()),
        "unread_notifications": Notification.objects.filter(user=request.user, read_at__isnull=True).count(),
    }
