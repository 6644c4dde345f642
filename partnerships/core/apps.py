from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "partnerships.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import backup_job, changelog, job_health, metrics, observability, profile_terms, reference, roles
        from .models import College, Institution, Strand, Theme

        changelog.connect()
        backup_job.register()
        observability.register_ready_check("queue", job_health.check_queue)
        metrics.register_metrics_collector(job_health.JobCollector())
        reference.register(Institution, College, Strand, Theme)
        for section, model in (("colleges", College), ("strands", Strand), ("themes", Theme)):
            profile_terms.register(section, model)
        # After every app, not just this one: permissions of later apps exist only once they migrate.
        post_migrate.connect(roles.ensure_roles, dispatch_uid="ensure_roles")
        post_migrate.connect(migrate_jobs_database, sender=self, dispatch_uid="migrate_jobs_database")


def migrate_jobs_database(using="default", **kwargs):
    """`migrate` brings the jobs' own SQLite file along (core/routers.py), so set-up and upgrades stay
    one command; with PostgreSQL the jobs' tables are in the one database and this does nothing."""
    from django.conf import settings
    from django.core.management import call_command

    from .routers import separate_jobs_database

    if using == "default" and separate_jobs_database():
        call_command("migrate", database=settings.JOBS_DATABASE, verbosity=0, interactive=False)
