"""The database half of a backup: SQLite through the online backup API, PostgreSQL through pg_dump and
pg_restore (core/backup.py puts it in the archive with the documents and the manifest)."""

import os
import re
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections, router

PG_SSL_ENV = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}


class BackupError(ValueError):
    """Why a backup could not be made or an archive was refused, in one line."""


def pg_run(tool: str, *args: str, connect: bool = True, trailing: tuple[str, ...] = ()) -> str:
    """Run a PostgreSQL client tool on Django's database; the password goes in the environment, not argv."""
    db, command, env = connection.settings_dict, [tool, *args], dict(os.environ)
    if connect:
        for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER"), ("-d", "NAME")):
            command += [flag, str(db[key])] if db.get(key) else []
        env |= {"PGPASSWORD": str(db["PASSWORD"])} if db.get("PASSWORD") else {}
        env |= {var: str(db["OPTIONS"][opt]) for opt, var in PG_SSL_ENV.items() if (db.get("OPTIONS") or {}).get(opt)}
    try:
        result = subprocess.run([*command, *trailing], env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{tool} is not installed or not on the PATH.") from exc
    if result.returncode:
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        raise BackupError(f"{tool} failed: {next((line for line in lines if 'error' in line), lines[-1])}")
    return result.stdout


def job_tables() -> list[str]:
    """Tables of the models the database router sends to another alias: the job queue, not the register."""
    models = apps.get_models(include_auto_created=True)
    return sorted({m._meta.db_table for m in models if router.db_for_write(m) != DEFAULT_DB_ALIAS})


def dump_database(vendor: str, target: Path) -> None:
    if vendor == "postgresql":
        # One snapshot (a repeatable-read transaction) while writers go on. The job queue's tables keep
        # their definitions, so a restore into an empty database is complete, but not their rows.
        skip = [f"--exclude-table-data={table}" for table in job_tables()]
        pg_run("pg_dump", "-Fc", "--no-owner", "--no-privileges", *skip, "-f", str(target))
        return
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # In one step the copy is one read transaction: a consistent snapshot that writers go on beside
        # (WAL). In several steps it would start over whenever another connection wrote, and on a busy
        # server might never finish.
        connection.connection.backup(copy, pages=-1)
    finally:
        copy.close()


def restore_database(vendor: str, source: Path) -> None:
    connections.close_all()  # every connection of this process (Django keeps an in-memory database open)
    if vendor == "sqlite":
        # The archive's pages are copied over the live file through Django's own connection, in one step:
        # one write transaction, so the live database is never half replaced.
        connection.ensure_connection()
        archived = sqlite3.connect(source)
        try:
            archived.backup(connection.connection, pages=-1)
        except sqlite3.Error as exc:
            raise BackupError(f"The database could not be restored ({exc}); it was left as it was.") from exc
        finally:
            archived.close()
        return
    listing = pg_run("pg_restore", "-l", connect=False, trailing=(str(source),))
    archived = set(re.findall(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", listing, re.MULTILINE))
    newer = set(connection.introspection.django_table_names(only_existing=True, include_views=False)) - archived
    connections.close_all()
    options = ("--clean", "--if-exists", "--no-owner", "--no-privileges")
    if not newer:
        pg_run("pg_restore", *options, "--single-transaction", trailing=(str(source),))
        return
    # An older archive over a newer database: --clean drops only what the archive has, and the tables of
    # the migrations it predates hold foreign keys into those. They must go first, in the restore's own
    # transaction, which `pg_restore -d` cannot do: pg_restore writes its script, psql runs both as one.
    drops, script = source.with_suffix(".drop.sql"), source.with_suffix(".sql")
    drops.write_text("".join(f"DROP TABLE IF EXISTS {connection.ops.quote_name(t)} CASCADE;\n" for t in sorted(newer)))
    pg_run("pg_restore", *options, "-f", str(script), connect=False, trailing=(str(source),))
    pg_run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", str(drops), "-f", str(script))
