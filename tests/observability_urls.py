"""The project's URLs plus /ready/ and /metrics/, for tests/test_observability.py until partnerships/urls.py
routes them (the same lines go there)."""

from django.urls import path

from partnerships.core import metrics, observability
from partnerships.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("ready/", observability.ready, name="ready"),
    path("metrics/", metrics.metrics, name="metrics"),
    *project_urlpatterns,
]
