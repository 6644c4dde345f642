"""PostgreSQL: the entries' tsvector becomes a stored generated column with its own GIN index, replacing
the index over the expression (a scan rebuilt every entry's tsvector). `install` is idempotent and also
drops the old index; new databases get the column from 0002 already. Nothing to do on SQLite.
A later migration that changes the type of `document` must drop the column first (PostgreSQL refuses
to alter a column a generated one is made from) and run `install` again after.
See partnerships/search/backends.py."""

from django.db import migrations


def install(apps, schema_editor):
    from partnerships.search.backends import get_backend

    get_backend(schema_editor.connection).install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
