"""Request-wide behaviour: login everywhere, the user's language, and who made each change."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils import translation

from .changelog import change_context


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's login-required default, except for API views: DRF authenticates those itself
    (by token too) and answers 401/403 in JSON instead of redirecting to a login page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "cls", None) is not None and hasattr(view_func.cls, "authentication_classes"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's; it follows them between devices."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Loaded with the user (core.auth.PlatformBackend); no row means no saved language.
            pref = getattr(user, "preference", None)
            if pref is not None and pref.language:
                translation.activate(pref.language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class ChangeContextMiddleware:
    """Attribute every change made while serving a request to its user (resolved lazily, so token
    users authenticated later by DRF are seen too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path_info.startswith("/api/") else "web"
        with change_context(request=request, source=source):
            return self.get_response(request)
