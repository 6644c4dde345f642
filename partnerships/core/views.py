"""A small generic base for the register's pages: list, detail, edit, delete.

Every view reads input, calls the form (or a service through `save_form`), and renders.
A user without the model permission gets 403; every queryset goes through `restrict`, so a
record hidden from a user who has it answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from .deletion import delete_record
from .export import EXPORT_FORMATS, export_response
from .locking import StaleVersion, claim_version
from .panels import page_panels
from .permissions import has_model_permission
from .queries import history_for

PER_PAGE = 25
# A list counts its rows up to here and says "more than" beyond: an exact count of a hundred thousand
# rows costs milliseconds that grow with the register (PostgreSQL counts row by row; a filtered count
# checks row after row), and no one pages through forty pages rather than filter. Panels cap alike.
COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """Django's paginator over a table's rows, counting no further than COUNT_CAP (`more` says so)."""

    cap = COUNT_CAP
    more = False

    @cached_property
    def count(self):
        queryset = getattr(getattr(self.object_list, "data", None), "data", None)
        if not isinstance(queryset, QuerySet):
            return super().count
        counted = queryset.order_by()[: self.cap + 1].count()
        self.more = counted > self.cap
        return min(counted, self.cap)


class ObjectView(View):
    model = None
    queryset = None

    def get_queryset(self, request):
        return self.queryset if self.queryset is not None else self.model.objects.all()

    def require(self, request, action: str):
        if not has_model_permission(request.user, self.model, action):
            raise PermissionDenied

    def url_name(self, action: str) -> str:
        return f"{self.model._meta.app_label}:{self.model._meta.model_name}_{action}"

    def list_url(self):
        try:
            return reverse(self.url_name("list"))
        except NoReverseMatch:  # singletons such as the institution profile have no list
            return reverse("home")

    def base_context(self, request):
        return {
            "model_meta": self.model._meta,
            "can_add": has_model_permission(request.user, self.model, "add"),
            "can_change": has_model_permission(request.user, self.model, "change"),
            "can_delete": has_model_permission(request.user, self.model, "delete"),
            "list_url": self.list_url(),
            "add_url_name": self.url_name("add"),
            "edit_url_name": self.url_name("edit"),
            "delete_url_name": self.url_name("delete"),
        }


class ObjectListView(ObjectView):
    """Filter, sort, paginate; HTMX asks for just the results; ?export=csv|xlsx downloads them all."""

    filterset_class = None
    table_class = None
    template_name = "generic/object_list.html"
    results_template_name = "generic/_object_list_results.html"

    def get(self, request):
        self.require(request, "view")
        queryset = self.get_queryset(request).restrict(request.user, "view")
        filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            table = self.table_class(filterset.qs)
            RequestConfig(request, paginate=False).configure(table)
            return export_response(table, export, str(self.model._meta.verbose_name_plural).replace(" ", "-"))
        table = self.table_class(filterset.qs)
        RequestConfig(request, paginate={"per_page": PER_PAGE, "paginator_class": CappedPaginator}).configure(table)
        context = {**self.base_context(request), "filterset": filterset, "table": table, **self.extra_context(request)}
        template = self.results_template_name if request.htmx and not request.htmx.boosted else self.template_name
        return render(request, template, context)

    def extra_context(self, request):
        return {}


class ObjectDetailView(ObjectView):
    template_name = None
    show_history = True

    def get(self, request, pk):
        self.require(request, "view")
        obj = get_object_or_404(self.get_queryset(request).restrict(request.user, "view"), pk=pk)
        context = {
            **self.base_context(request),
            "object": obj,
            "history": history_for(obj, request.user) if self.show_history else None,
            # What other apps add to this page (core.panels.register_page_panel).
            "panels": page_panels(self.model, request, obj),
        }
        context.update(self.extra_context(request, obj))
        return render(
            request, self.template_name or f"{self.model._meta.app_label}/{self.model._meta.model_name}.html", context
        )

    def extra_context(self, request, obj):
        return {}


class ObjectEditView(ObjectView):
    """Create (no pk) or edit (pk); a stale version is refused with 409 and a message, nothing saved."""

    form_class = None
    template_name = "generic/object_edit.html"

    def get_object(self, request, pk):
        if pk is None:
            self.require(request, "add")
            return self.model()
        self.require(request, "change")
        return get_object_or_404(self.get_queryset(request).restrict(request.user, "change"), pk=pk)

    def get_form_kwargs(self, request, obj):
        return {"instance": obj, "user": request.user}

    def get(self, request, pk=None):
        obj = self.get_object(request, pk)
        initial = request.GET.dict() if pk is None else None
        form = self.form_class(initial=initial, **self.get_form_kwargs(request, obj))
        return self.render_form(request, obj, form)

    def post(self, request, pk=None):
        obj = self.get_object(request, pk)
        form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs(request, obj))
        if not form.is_valid():
            return self.render_form(request, obj, form, status=400)
        try:
            with transaction.atomic():
                if obj.pk:
                    claim_version(obj, form.cleaned_data["version"])
                obj = self.save_form(request, form)
        except StaleVersion as exc:
            form.add_error(None, exc.message)
            return self.render_form(request, obj, form, status=409)
        messages.success(request, _("Saved %(record)s.") % {"record": obj})
        return redirect(self.get_success_url(request, obj))

    def save_form(self, request, form):
        return form.save()

    def get_success_url(self, request, obj):
        return request.GET.get("next") if _safe_next(request) else obj.get_absolute_url()

    def render_form(self, request, obj, form, status=200):
        context = {**self.base_context(request), "object": obj, "form": form}
        return render(request, self.template_name, context, status=status)


class ObjectDeleteView(ObjectView):
    template_name = "generic/object_delete.html"

    def get_object(self, request, pk):
        self.require(request, "delete")
        return get_object_or_404(self.get_queryset(request).restrict(request.user, "delete"), pk=pk)

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        return render(request, self.template_name, {**self.base_context(request), "object": obj})

    def post(self, request, pk):
        obj = self.get_object(request, pk)
        version = request.POST.get("version", "")
        try:
            with transaction.atomic():
                delete_record(obj, version=int(version) if version.isdigit() else None)
        except ProtectedError:
            messages.error(
                request,
                _("%(record)s is still referred to by other records; remove those links first.") % {"record": obj},
            )
            return redirect(obj.get_absolute_url())
        except StaleVersion as exc:
            messages.error(request, exc.message)
            return redirect(obj.get_absolute_url())
        messages.success(request, _("Deleted %(record)s.") % {"record": obj})
        return redirect(self.get_success_url(request, obj))

    def get_success_url(self, request, obj):
        return self.list_url()


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
