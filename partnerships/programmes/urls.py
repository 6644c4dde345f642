from django.urls import path

from . import views

app_name = "programmes"


def crud(prefix: str, model: str, view_prefix: str):
    return [
        path(f"{prefix}/", getattr(views, f"{view_prefix}ListView").as_view(), name=f"{model}_list"),
        path(f"{prefix}/add/", getattr(views, f"{view_prefix}EditView").as_view(), name=f"{model}_add"),
        path(f"{prefix}/<int:pk>/", getattr(views, f"{view_prefix}DetailView").as_view(), name=f"{model}_detail"),
        path(f"{prefix}/<int:pk>/edit/", getattr(views, f"{view_prefix}EditView").as_view(), name=f"{model}_edit"),
        path(
            f"{prefix}/<int:pk>/delete/", getattr(views, f"{view_prefix}DeleteView").as_view(), name=f"{model}_delete"
        ),
    ]


urlpatterns = [
    path("programmes/offshore-return/", views.OffshoreReturnView.as_view(), name="offshore_return"),
    *crud("programmes", "programme", "Programme"),
    path("programmes/<int:pk>/transition/", views.programme_transition, name="programme_transition"),
    *crud("accreditations", "accreditation", "Accreditation"),
    path("cohorts/import/", views.cohort_import, name="cohort_import"),
    path("programmes/<int:pk>/cohorts/import/", views.cohort_import, name="programme_cohort_import"),
    *crud("cohorts", "cohort", "Cohort"),
    *crud("offshore-return-codes", "aorcode", "AorCode"),
]
