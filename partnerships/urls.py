from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships.core import metrics, observability, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", pages.health, name="health"),
    path("ready/", observability.ready, name="ready"),
    path("metrics/", metrics.metrics, name="metrics"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("preferences/language/", pages.set_language, name="set_language"),
    path("preferences/api-token/", pages.api_token, name="api_token"),
    path("notifications/", pages.notifications, name="notifications"),
    path("history/<str:label>/<int:pk>/", pages.history, name="history"),
    path("api/", include("partnerships.api_urls")),
    path("admin/", admin.site.urls),
    path("", include("partnerships.core.urls")),
    path("", include("partnerships.registry.urls")),
    path("", include("partnerships.organisations.urls")),
    path("", include("partnerships.relationships.urls")),
    path("", include("partnerships.agreements.urls")),
    path("", include("partnerships.strategy.urls")),
    path("", include("partnerships.research.urls")),
    path("", include("partnerships.postgraduate.urls")),
    path("", include("partnerships.capacity.urls")),
    path("", include("partnerships.business.urls")),
    path("", include("partnerships.programmes.urls")),
    path("", include("partnerships.search.urls")),
]
