"""The lifecycle button shared by records whose status moves only through their app's service
(agreements, research projects, and the programmes and deals of later apps).

`transition_view(Model, service, record_arg=…, done=…)` makes the POST view: it checks the change
permission and the row (`restrict`), reads the target status, the optimistic-locking version and an
optional reason, calls the service, and comes back to the record's page with the service's refusal,
a stale-version message, or `done` (a message with `%(status)s`).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .locking import StaleVersion
from .permissions import has_model_permission


class TransitionForm(forms.Form):
    to = forms.CharField()
    version = forms.IntegerField()
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=500, required=False)


def transition_view(model, service, *, record_arg: str, done, status_field: str = "status"):
    """A POST view moving a `model` record along its lifecycle with `service(<record_arg>=…, to=…,
    user=…, reason=…, version=…)`; `done` is the success message, with `%(status)s` (the new value of
    `status_field`: a deal's stage)."""

    @require_POST
    def view(request, pk):
        if not has_model_permission(request.user, model, "change"):
            raise PermissionDenied
        record = get_object_or_404(model.objects.restrict(request.user, "change"), pk=pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The request was incomplete; nothing changed."))
            return redirect(record)
        try:
            service(
                **{record_arg: record},
                to=form.cleaned_data["to"],
                user=request.user,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except StaleVersion as exc:
            messages.error(request, exc.message)
        else:
            record.refresh_from_db()
            status = getattr(record, f"get_{status_field}_display")()
            messages.success(request, str(done) % {"status": status})
        return redirect(record)

    return view
