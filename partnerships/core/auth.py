"""Authentication: Django's model backend, with fewer queries on every request."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PlatformBackend(ModelBackend):
    """Django's model backend, which every page asks twice a request (the user and their permissions):
    the user comes with their saved language (UserLanguageMiddleware reads it), and the permissions
    of the user and of their groups (roles) in one query instead of two."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            granted = Permission.objects.all()
            if not user_obj.is_superuser:
                granted = granted.filter(Q(user=user_obj) | Q(group__user=user_obj))
            pairs = granted.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in pairs}
        return user_obj._perm_cache

    def get_user(self, user_id):
        user = self.user_model_queryset().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_model_queryset(self):
        from django.contrib.auth import get_user_model

        return get_user_model()._default_manager.select_related("preference")
