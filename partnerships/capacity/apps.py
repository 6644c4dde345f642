from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "partnerships.capacity"
    verbose_name = _("Capacity building")

    def ready(self):
        import django_filters

        from partnerships.core import autocomplete, roles
        from partnerships.core.filters import register_filter
        from partnerships.organisations.models import Person

        from . import demo, panels
        from .filters import ActivityFilterSet
        from .models import Activity

        roles.register_app("capacity")
        autocomplete.register(Activity, filterset_class=ActivityFilterSet)
        # An activity's "All named participants": the people list filtered to the activity.
        register_filter(
            Person,
            "activity",
            django_filters.ModelChoiceFilter(
                field_name="capacity_activities", queryset=Activity.objects.all(), label=_("Capacity-building activity")
            ),
        )
        panels.register()
        demo.register()
