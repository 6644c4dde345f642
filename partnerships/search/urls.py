from django.urls import path

from . import suggest, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    # "Did you mean…?" under the organisation create form's name fields (core.name_matching).
    path("organisations/suggest/", suggest.organisation_suggest, name="organisation_suggest"),
]
