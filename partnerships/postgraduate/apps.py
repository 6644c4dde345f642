from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostgraduateConfig(AppConfig):
    name = "partnerships.postgraduate"
    verbose_name = _("Postgraduate training")

    def ready(self):
        from partnerships.core import autocomplete, roles

        from . import demo, panels
        from .filters import TrainingRecordFilterSet
        from .models import TrainingRecord

        roles.register_app("postgraduate")
        autocomplete.register(TrainingRecord, filterset_class=TrainingRecordFilterSet, select_related=("student",))
        panels.register()
        demo.register()
