"""The database's own full-text index over search entries: FTS5 on SQLite, GIN/tsvector (and pg_trgm
where it can be created) on PostgreSQL. See partnerships/search/backends.py."""

from django.db import migrations


def install(apps, schema_editor):
    from partnerships.search.backends import get_backend

    get_backend(schema_editor.connection).install(schema_editor)


def uninstall(apps, schema_editor):
    from partnerships.search.backends import get_backend

    get_backend(schema_editor.connection).uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
