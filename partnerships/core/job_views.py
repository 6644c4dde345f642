"""The jobs pages: what ran in the background, how far a running job has got (HTMX polling), and,
for admins, the jobs anyone may start by hand (a registry reload, an index rebuild, a backup)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import jobs
from .models import Job
from .roles import is_admin

JOBS_PAGE = 25


def _visible(request, admin: bool):
    queryset = Job.objects.all()
    return queryset if admin else queryset.filter(user_id=request.user.pk)


def job_list(request):
    """The latest jobs (everyone's for admins, one's own for others), newest first, a page at a time."""
    admin = is_admin(request.user)
    queryset = _visible(request, admin)
    before = request.GET.get("before", "")
    if before.isdigit():
        queryset = queryset.filter(pk__lt=int(before))
    rows = list(queryset.order_by("-pk")[: JOBS_PAGE + 1])
    context = {
        "jobs": [(job, jobs.label(job)) for job in rows[:JOBS_PAGE]],
        "older": rows[JOBS_PAGE - 1].pk if len(rows) > JOBS_PAGE else None,
        "startable": [kind for kind in jobs.kinds() if kind.startable] if admin else [],
    }
    return render(request, "core/jobs.html", context)


@require_POST
def job_start(request):
    if not is_admin(request.user):
        raise PermissionDenied
    kind = jobs.get_kind(request.POST.get("kind", ""))
    if kind is None or not kind.startable:
        raise Http404
    job = jobs.enqueue(kind.name, user=request.user)
    messages.success(request, _("%(job)s: queued.") % {"job": kind.label})
    return redirect(job)


def job_detail(request, pk: int):
    """A job's page; while it runs, its status block asks for itself again every second (HTMX) and the
    page stops asking once the job has finished."""
    job = get_object_or_404(_visible(request, is_admin(request.user)), pk=pk)
    template = "core/_job_status.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job, "label": jobs.label(job)})
