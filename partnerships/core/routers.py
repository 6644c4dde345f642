"""Where background jobs' rows live: the queue (django-q2) and the platform's Job records.

On SQLite they have a file of their own (settings: the "jobs" alias), so that a job's progress can be
committed while the job's own transaction holds the register's write lock. On PostgreSQL the "jobs"
alias is a second connection to the same database: the tables are created by the default alias's
migrations and nothing is ever migrated through the second one.
"""

from django.conf import settings
from django.db import connections

JOB_APPS = {"django_q"}
JOB_MODELS = {("core", "job")}


def is_job_model(app_label: str, model_name: str | None) -> bool:
    return app_label in JOB_APPS or (app_label, (model_name or "").lower()) in JOB_MODELS


def separate_jobs_database() -> bool:
    """Whether the jobs alias is a database of its own (SQLite's second file), not a second connection."""
    alias = settings.JOBS_DATABASE
    if alias == "default":
        return False
    ours, theirs = connections.settings[alias], connections.settings["default"]
    return any(ours.get(key) != theirs.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT"))


class JobsRouter:
    def db_for_read(self, model, **hints):
        if is_job_model(model._meta.app_label, model._meta.model_name):
            return settings.JOBS_DATABASE
        return None

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if settings.JOBS_DATABASE == "default":
            return None
        if db == settings.JOBS_DATABASE:
            return separate_jobs_database() and is_job_model(app_label, model_name)
        if db == "default" and separate_jobs_database() and is_job_model(app_label, model_name):
            return False
        return None
