"""Authentication: Django's model backend, loading the user's saved preferences with the user."""

from django.contrib.auth.backends import ModelBackend


class PlatformBackend(ModelBackend):
    """Every page needs the user's saved language (UserLanguageMiddleware): one query for both."""

    def get_user(self, user_id):
        user = self.user_model_queryset().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_model_queryset(self):
        from django.contrib.auth import get_user_model

        return get_user_model()._default_manager.select_related("preference")
