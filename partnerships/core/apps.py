from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "partnerships.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import changelog, profile_terms, reference, roles
        from .models import College, Institution, Strand, Theme

        changelog.connect()
        reference.register(Institution, College, Strand, Theme)
        for section, model in (("colleges", College), ("strands", Strand), ("themes", Theme)):
            profile_terms.register(section, model)
        # After every app, not just this one: permissions of later apps exist only once they migrate.
        post_migrate.connect(roles.ensure_roles, dispatch_uid="ensure_roles")
