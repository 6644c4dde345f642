"""The app's routes plus the bench's two reference points, measured in the same run as every page:
a bare view (no query, no template) and a view that makes one query."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

from partnerships.core.models import Strand


class QueryCountMiddleware:
    """Count the queries a request makes and say so in `X-Queries` (bench settings only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response


@login_not_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def one_query(request):
    return HttpResponse(str(Strand.objects.count()), content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/one-query/", one_query),
    path("", include("partnerships.urls")),
]
