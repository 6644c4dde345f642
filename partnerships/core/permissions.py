"""The one place that decides who may see or change which records.

Model-level: Django permissions granted through roles (see roles.py).
Row-level: a model may define `restrict_rows(queryset, user, action)` to hide rows
(confidential deals, for example); pages, API, exports and search all go through `restrict`.
"""

ACTIONS = ("view", "add", "change", "delete")


def permission_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def has_model_permission(user, model, action: str = "view") -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(permission_name(model, action)))


def restrict(queryset, user, action: str = "view"):
    """The rows of `queryset` that `user` may perform `action` on; none for a user without the permission."""
    model = queryset.model
    if not has_model_permission(user, model, action):
        return queryset.none()
    row_filter = getattr(model, "restrict_rows", None)
    return row_filter(queryset, user, action) if row_filter else queryset
