"""Backups and restores (docs/backup.md): the drill, every refusal, an older archive, retention, the commands.

Every test commits (transaction=True): a backup holds committed data only, and a restore replaces the
database under the test as it would under the site.
"""

import hashlib
import io
import os
import sqlite3
import subprocess
import tarfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

from partnerships.agreements.models import Document
from partnerships.core.backup import BackupError, applied_migrations, create_backup, restore_backup, verify_archive
from partnerships.organisations.models import Organisation
from partnerships.research.models import Output
from tests.factories import (
    PDF_BYTES,
    AffiliationFactory,
    DocumentFactory,
    InteractionFactory,
    ObligationFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    """Documents in a folder of this test's own, so that "every document" means this test's."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document(name: str, content: bytes) -> Document:
    return DocumentFactory(file=ContentFile(content, name=name), original_name=name, size=len(content))


def stored_files(media: Path) -> dict[str, str]:
    """Every file under MEDIA_ROOT, read from the disk itself: name → SHA-256."""
    files = media.rglob("*") if media.exists() else []
    return {p.relative_to(media).as_posix(): sha256(p.read_bytes()) for p in files if p.is_file()}


def archived_files(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {info.name: tar.extractfile(info).read() for info in tar if info.isfile()}


def write_archive(target: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


# ---- Every row of a database: the live one and the archive's ---------------------------------------


def rows(dbapi, tables: list[str], keys: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by its primary key (by all its columns when it has none),
    and every sequence's position: after a restore the next id must be the archive's next id."""
    cursor, result = dbapi.cursor(), {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}" WHERE 1 = 0')
        order = ", ".join(f'"{c}"' for c in keys[table]) or ", ".join(map(str, range(1, len(cursor.description) + 1)))
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY {order}')
        result[table] = [tuple(row) for row in cursor.fetchall()]
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
    else:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1"
        )
    result["(sequences)"] = [tuple(row) for row in cursor.fetchall()]
    return result


def primary_keys(tables: list[str]) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        return {t: connection.introspection.get_primary_key_columns(cursor, t) or [] for t in tables}


def pg_params(dbname: str) -> dict:
    db = connection.settings_dict
    params = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"], "dbname": dbname}
    return {key: str(value) for key, value in params.items() if value}


@contextmanager
def live_database():
    """The live database through a plain DB-API connection, as the archive's is read."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        yield connection.connection  # an in-memory database cannot be opened a second time by name
        return
    import psycopg

    with psycopg.connect(**pg_params(connection.settings_dict["NAME"])) as live:
        yield live


@contextmanager
def archived_database(archive: Path, scratch: Path):
    """The archive's database and its tables, read in a scratch place: the SQLite file itself, or a
    scratch PostgreSQL database that pg_restore fills from the dump."""
    members = archived_files(archive)
    if connection.vendor == "sqlite":
        (scratch / "archived.sqlite3").write_bytes(members["database.sqlite3"])
        copy = sqlite3.connect(
            scratch / "archived.sqlite3", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        )
        # The tables Django's introspection lists: all but sqlite_sequence (compared as the sequences).
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
        try:
            yield copy, [table for (table,) in copy.execute(query)]
        finally:
            copy.close()
        return
    import psycopg
    from psycopg.conninfo import make_conninfo

    dump, name = scratch / "archived.pgdump", f"{connection.settings_dict['NAME']}_drill"
    dump.write_bytes(members["database.pgdump"])
    params = pg_params(name)
    with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        target = make_conninfo(**{key: value for key, value in params.items() if key != "password"})
        env = {**os.environ, **({"PGPASSWORD": params["password"]} if "password" in params else {})}
        subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "-d", target, str(dump)], env=env, check=True)
        query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        with psycopg.connect(**params) as copy:
            yield copy, [table for (table,) in copy.execute(query)]
    finally:
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---- The drill -------------------------------------------------------------------------------------


def fill() -> None:
    """A few hundred rows across organisations, people, relationships and agreements, and five documents."""
    organisations = OrganisationFactory.create_batch(60)
    for i, person in enumerate(PersonFactory.create_batch(60)):
        AffiliationFactory(person=person, organisation=organisations[i])
    for i in range(30):
        InteractionFactory(organisations=[organisations[i], organisations[i + 1]])
    agreements = [PartyFactory(organisation=organisations[i]).agreement for i in range(20)]
    for agreement in agreements[:10]:
        ObligationFactory(agreement=agreement)
    for i in range(5):
        DocumentFactory(agreement=agreements[i], file=ContentFile(PDF_BYTES + b"%" * i, name=f"signed-{i}.pdf"))


class Writer(threading.Thread):
    """Another user, on a connection of its own, adding organisations and now and then a document."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopped, self.wrote, self.names, self.error = threading.Event(), threading.Condition(), [], None

    def run(self):
        try:
            while not self.stopped.is_set():
                name = f"Written meanwhile {len(self.names)}"
                try:  # all of a write or none of it, as a page's save
                    with transaction.atomic():
                        OrganisationFactory(name_en=name)
                        if len(self.names) % 5 == 0:
                            document(f"meanwhile-{len(self.names)}.pdf", PDF_BYTES + name.encode())
                except OperationalError as exc:
                    # The test database is SQLite in memory with a shared cache, where a reader locks
                    # whole tables (the site's WAL file never does): try again, as a user would.
                    if "locked" not in str(exc):
                        raise
                    continue
                with self.wrote:
                    self.names.append(name)
                    self.wrote.notify_all()
        except Exception as exc:  # noqa: BLE001 - the test reports it
            self.error = exc
        finally:
            if connection.vendor == "sqlite":  # Django never closes an in-memory database: this is a second handle
                BaseDatabaseWrapper.close(connection)
            else:
                connection.close()

    def wait_for(self, more: int) -> None:
        with self.wrote:
            target = len(self.names) + more
            assert self.wrote.wait_for(lambda: len(self.names) >= target or self.error, timeout=30)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=30)


def test_drill(profile, media, tmp_path):
    """Fill the register, back up while another connection keeps writing, destroy everything, restore:
    every table's rows and every document are exactly what the archive captured.

    The restore is compared with the archive's own database read in a scratch place (the extracted
    SQLite file; for PostgreSQL a scratch database that pg_restore fills) and with the documents as the
    archive holds them. Rows recorded after the backup, even with the writer paused, would not do: the
    writer commits between the instant the dump takes its snapshot and the instant it can be paused,
    and those rows are rightly not in the archive. The backup's progress callback waits for the writer
    to commit just before the dump and again just after, so the archive must hold some of its rows and
    lack others. No table is left out of the comparison.
    """
    fill()
    writer = Writer()
    writer.start()
    writer.wait_for(3)

    def progress(done, total, message):
        if done in (0, 1):  # just before the database is dumped, and just after
            writer.wait_for(3)

    try:
        archive = create_backup(tmp_path / "backups", keep=0, progress=progress)
    finally:
        writer.stop()
    assert writer.error is None
    tables = connection.introspection.table_names()
    keys = primary_keys(tables)
    with archived_database(archive, tmp_path) as (copy, archived_tables):
        assert sorted(archived_tables) == sorted(tables)
        archived_rows = rows(copy, tables, keys)
    members = archived_files(archive)
    archived_documents = {
        n.removeprefix("documents/"): sha256(d) for n, d in members.items() if n.startswith("documents/")
    }
    assert len(archived_documents) >= 5

    # Disaster: every table emptied, every document gone, then rows and files that must not survive.
    call_command("flush", interactive=False, verbosity=0)
    for path in [p for p in media.rglob("*") if p.is_file()]:
        path.unlink()
    OrganisationFactory(name_en="Made after the disaster")
    document("after-the-disaster.pdf", PDF_BYTES + b"after")
    default_storage.save("stray/notes.txt", ContentFile(b"not in the archive"))

    calls = []
    result = restore_backup(archive, progress=lambda *call: calls.append(call))

    assert result.migrated == [] and calls[-1][0] == calls[-1][1]
    with live_database() as live:
        restored_rows = rows(live, connection.introspection.table_names(), keys)
    assert set(restored_rows) == set(archived_rows)
    for table, archived in archived_rows.items():
        assert restored_rows[table] == archived, f"{table}: the restored rows differ from the archive's"
    assert stored_files(media) == archived_documents
    # The writer's rows straddle the snapshot: those before it came back, those after it did not.
    restored = set(
        Organisation.objects.filter(name_en__startswith="Written meanwhile").values_list("name_en", flat=True)
    )
    assert restored and restored < set(writer.names)
    assert not Organisation.objects.filter(name_en="Made after the disaster").exists()
    # Every document row has its file: the database is dumped before the documents are listed.
    assert all(default_storage.exists(d.file.name) for d in Document.objects.all())
    highest = Organisation.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert OrganisationFactory().pk > highest


# ---- Refusals --------------------------------------------------------------------------------------


def flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def edit_manifest(old: bytes, new: bytes):
    return lambda members: {**members, "manifest.json": members["manifest.json"].replace(old, new, 1)}


def other_vendor(members):
    ours = connection.vendor.encode()
    return edit_manifest(b'"vendor": "' + ours, b'"vendor": "' + (b"postgresql" if ours == b"sqlite" else b"sqlite"))(
        members
    )


# What is done to a good archive, to its members or to its bytes, and what the refusal says.
DAMAGES = {
    "a document's bytes flipped": (
        "members",
        lambda m: {n: flip(d) if n.startswith("documents/") else d for n, d in m.items()},
        "documents/agreements/",
    ),
    "the database's bytes flipped": (
        "members",
        lambda m: {n: flip(d) if n.startswith("database") else d for n, d in m.items()},
        "does not match its SHA-256 in the manifest (damaged or altered)",
    ),
    "no manifest": ("members", lambda m: {n: d for n, d in m.items() if n != "manifest.json"}, "has no manifest.json"),
    "a member the manifest does not list": ("members", lambda m: {**m, "documents/x.pdf": b"%PDF"}, "does not list"),
    "another database vendor": ("members", other_vendor, "database; this site runs on"),
    "a migration this code lacks": (
        "members",
        edit_manifest(b'"migrations": [', b'"migrations": [\n    "research.0099_from_a_newer_version",'),
        "comes from a newer version: this code lacks 1 of its migrations, e.g. research.0099_from_a_newer_version",
    ),
    "bytes flipped in the compressed file": ("bytes", flip, "not a readable backup archive"),
    "truncated": ("bytes", lambda raw: raw[: len(raw) // 2], "not a readable backup archive"),
    "not an archive": ("bytes", lambda raw: b"name,city\nSYSU,Guangzhou\n", "not a readable backup archive"),
    "no such file": ("nothing", None, "does not exist or is not a file"),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_bad_archive_is_refused_and_nothing_changes(damage, media, tmp_path):
    """A damaged, truncated, foreign or newer archive is refused in one line, and nothing is changed."""
    OrganisationFactory(name_en="In the archive")
    document("in-the-archive.pdf", PDF_BYTES + b"in")
    archive = create_backup(tmp_path / "backups", keep=0)
    OrganisationFactory(name_en="Sentinel")
    document("sentinel.pdf", PDF_BYTES + b"sentinel")
    rows_before, files_before = (
        sorted(Organisation.objects.values_list("pk", "name_en", "version")),
        stored_files(media),
    )
    what, change, message = DAMAGES[damage]
    bad = tmp_path / "bad.tar.gz"
    if what == "members":
        write_archive(bad, change(archived_files(archive)))
    elif what == "bytes":
        bad.write_bytes(change(archive.read_bytes()))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(bad), "--yes", stdout=io.StringIO())

    text = str(refused.value)
    assert message in text and text.endswith("Nothing was changed.") and "\n" not in text, text
    assert sorted(Organisation.objects.values_list("pk", "name_en", "version")) == rows_before
    assert stored_files(media) == files_before
    assert Organisation.objects.filter(name_en="Sentinel").exists() and any(
        n.endswith("sentinel.pdf") for n in files_before
    )


def test_nothing_is_restored_inside_a_transaction(media, tmp_path):
    """A restore replaces the database, so it never runs inside a transaction (it would be half of one)."""
    archive = create_backup(tmp_path, keep=0)
    with transaction.atomic(), pytest.raises(BackupError, match="outside a transaction. Nothing was changed"):
        restore_backup(archive)


# ---- An older archive ------------------------------------------------------------------------------


def test_an_older_archive_is_restored_then_migrated_forward(media, tmp_path):
    """An archive made before research's latest migration (the outputs tables) is restored as it was,
    then migrated up to this code. Made honestly: the migration is really unapplied, the backup taken,
    and the migration applied again, so the live database is newer than the archive. (Unapplied through
    the executor: `migrate`'s post_migrate handlers expect every model's table to be there.)"""
    executor = MigrationExecutor(connection)
    # Unapplying it unapplies what depends on it (business engagement's tables) too.
    unapplied = sorted(f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan([("research", "0001_initial")]))
    executor.migrate([("research", "0001_initial")])
    try:
        # Saved without signals: the search index would look at the business tables, not there now.
        Organisation.objects.bulk_create([Organisation(name_en="In the older archive")])
        archive = create_backup(tmp_path, keep=0)
    finally:
        call_command("migrate", verbosity=0)
    assert "research.0002_output" in unapplied
    assert not set(unapplied) & set(verify_archive(archive).migrations)
    Output.objects.create(title="Made after the backup")

    result = restore_backup(archive)

    assert sorted(result.migrated) == unapplied
    assert set(unapplied) <= set(applied_migrations())
    assert Organisation.objects.filter(name_en="In the older archive").exists()
    assert not Output.objects.exists()
    Output.objects.create(title="The outputs table works again")


# ---- Retention and the archive file ----------------------------------------------------------------


def test_keep_leaves_the_newest_and_nothing_else_is_touched(media, tmp_path):
    """--keep 2 after three backups leaves the newest two; other files in the folder stay."""
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "partnerships-backup-before-the-move.tar.gz").write_bytes(b"not this command's name")
    first = create_backup(tmp_path, keep=2)
    second = create_backup(tmp_path, keep=2)
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), "--keep", "2", stdout=out)
    third = Path(out.getvalue().strip().removeprefix("Backup written to "))

    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "media") == sorted(
        [second.name, third.name, "notes.txt", "partnerships-backup-before-the-move.tar.gz"]
    )
    assert not first.exists() and third.exists()


def test_the_archive_is_private_complete_and_never_overwritten(media, tmp_path):
    """Mode 0600, no half-written file beside it, a manifest of what it holds, and no file replaced."""
    document("mou.pdf", PDF_BYTES)
    target, calls = tmp_path / "nightly.tar.gz", []

    path = create_backup(target, keep=0, progress=lambda *call: calls.append(call))

    assert path == target and target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name != "media"] == ["nightly.tar.gz"]
    manifest = verify_archive(target)
    assert manifest.vendor == connection.vendor and manifest.migrations == applied_migrations()
    assert [m.path.removeprefix("documents/") for m in manifest.documents] == list(stored_files(media))
    assert all(done <= total for done, total, _ in calls) and calls[-1][0] == calls[-1][1]
    with pytest.raises(BackupError, match="already exists"):
        create_backup(target, keep=0)


# ---- The commands ----------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_commands(media, tmp_path, monkeypatch):
    """backup and restore --yes round-trip; without --yes, restore asks, and refuses when it cannot ask."""
    terminal = Terminal()
    call_command("backup", "--output", str(tmp_path / "manual.tar.gz"), stdout=terminal)
    archive = tmp_path / "manual.tar.gz"
    assert "Database dumped" in terminal.getvalue() and f"Backup written to {archive}" in terminal.getvalue()
    OrganisationFactory(name_en="After the backup")
    out = io.StringIO()

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="pass --yes.*Nothing was changed"):
        call_command("restore", str(archive), stdout=out)
    monkeypatch.setattr("sys.stdin", Terminal("no\n"))
    with pytest.raises(CommandError, match="cancelled. Nothing was changed"):
        call_command("restore", str(archive), stdout=out)
    assert Organisation.objects.filter(name_en="After the backup").exists()

    call_command("restore", str(archive), "--check", stdout=out)
    assert "can be restored here" in out.getvalue()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert not Organisation.objects.filter(name_en="After the backup").exists()
