"""Pages that belong to no single model: home, health, language, the user's API token, reminders,
and the older part of any record's history."""

from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from .models import BaseModel, Notification, UserPreference
from .panels import HOME, before_param, capped_count, home_counts, page_panels, panel
from .permissions import has_model_permission
from .queries import history_for

NOTIFICATIONS_PAGE = 25
# The front page says how big the register is; counting stops here, so it costs the same at any size.
HOME_COUNT_CAP = 10_000


def home(request):
    """The register's front page: how big it is, and the sections the apps register for it (what
    changed lately and what needs doing)."""
    counted = home_counts()
    context = {
        "counts": [
            (model._meta, capped_count(model.objects.restrict(request.user, "view"), cap=HOME_COUNT_CAP))
            for model in counted
        ],
        # Demo data starts with the first counted model's records (the demo partners).
        "demo": bool(counted) and counted[0].objects.filter(is_demo=True).exists(),
        "panels": page_panels(HOME, request, None),
    }
    return render(request, "core/home.html", context)


@login_not_required
def health(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@require_POST
def set_language(request):
    """Switch the UI language; saved on the user so it follows them, and in a cookie for the login page."""
    from django.conf import settings

    language = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            UserPreference.objects.update_or_create(user=request.user, defaults={"language": language})
        translation.activate(language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def api_token(request):
    """Show the user's API token; POST makes a new one (the old one stops working)."""
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        return redirect("api_token")
    token, _ = Token.objects.get_or_create(user=request.user)
    return render(request, "core/api_token.html", {"token": token})


def notifications(request):
    """The signed-in user's reminders, newest first, a page at a time (?before=<id>); POST marks them all read."""
    mine = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications")
    before = before_param(request)
    if before is not None:
        mine = mine.filter(pk__lt=before)
    page = panel(mine.order_by("-pk"), size=NOTIFICATIONS_PAGE)
    return render(request, "core/notifications.html", {"notifications": page})


def history(request, label: str, pk: int):
    """The next changes of a record's history, older than ?before=<change id>: the rows alone for
    the "Older changes" button (htmx), a page of its own for a plain link."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not issubclass(model, BaseModel):
        raise Http404
    if not has_model_permission(request.user, model, "view"):
        raise PermissionDenied
    obj = get_object_or_404(model.objects.restrict(request.user, "view"), pk=pk)
    context = {
        "object": obj,
        "model_meta": model._meta,
        "history": history_for(obj, request.user, before=before_param(request)),
    }
    partial = request.htmx and not request.htmx.boosted
    response = render(request, "includes/history_rows.html" if partial else "core/history.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
