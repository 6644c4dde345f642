"""Back up and restore the whole register, the database and every uploaded document, as one archive.

Why one `.tar.gz`: it is a single file that `tar -xzf` opens on any machine, so nothing of ours is
needed to get the data out. Both directions read it from start to end (a restore twice: to check,
then to apply), so the random access of a `.tar` of separately compressed members would buy nothing;
and gzip's CRC-32 catches damage on top of each member's SHA-256. Level 6, not 9: the SQLite file
compresses well at any level, while PDFs, Office files and `pg_dump -Fc` are compressed already.

    database.sqlite3 | database.pgdump   first
    documents/<name in default_storage>  every stored file
    manifest.json                        last, once every member's SHA-256 is known

The database is dumped before the documents are listed: documents are only ever added, each under a
fresh name (`agreements.models.document_path`), so every document row in the dump has its file in the
archive, and a file uploaded after the dump is at worst an orphan. See docs/backup.md.
"""

import datetime
import gzip
import hashlib
import io
import itertools
import json
import os
import re
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from .backup_database import BackupError, dump_database, restore_database

FORMAT = 1
MANIFEST = "manifest.json"
DOCUMENTS = "documents/"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Retention touches only files with this command's own names (a UTC stamp, then a counter for a second
# archive in the same second), so a folder shared with anything else is safe.
ARCHIVE_NAME = re.compile(r"^partnerships-backup-(\d{8}-\d{6})(?:-(\d+))?\.tar\.gz$")
CHUNK = 1024 * 1024
SPOOL_BYTES = 8 * 1024 * 1024  # a document up to this size is staged in memory, a larger one on disk

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Member:
    """One file in the archive, as the manifest records it."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What an archive holds and what it was made from: read before anything is restored."""

    created_at: str
    vendor: str
    django_version: str
    migrations: list[str]
    members: list[Member]
    format: int = FORMAT

    @property
    def database(self) -> Member | None:
        return next((m for m in self.members if m.path == DATABASE_MEMBER.get(self.vendor)), None)

    @property
    def documents(self) -> list[Member]:
        return [m for m in self.members if m.path.startswith(DOCUMENTS)]

    def to_json(self) -> bytes:
        return json.dumps({"format": self.format, **asdict(self)}, indent=2, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise BackupError(f"its manifest.json is not valid JSON ({exc}).") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, dict) else None
            raise BackupError(f"its manifest is format {found!r}; this code reads format {FORMAT}.")
        try:
            members = [Member(str(m["path"]), int(m["size"]), str(m["sha256"])) for m in data["members"]]
            fields = {key: str(data[key]) for key in ("created_at", "vendor", "django_version")}
            return cls(**fields, migrations=sorted(map(str, data["migrations"])), members=members)
        except (KeyError, TypeError, ValueError) as exc:
            raise BackupError(f"its manifest.json is incomplete (missing or wrong {exc}).") from exc


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the archive's manifest, the documents written and deleted, the migrations run."""

    manifest: Manifest
    documents_written: int
    documents_deleted: int
    migrated: list[str] = field(default_factory=list)


def _report(progress: Progress | None, done: int, total: int, message: str) -> None:
    if progress is not None:
        progress(done, total, message)


def _copy_hashing(source, target=None) -> tuple[int, str]:
    """Copy a file object (or only read it, without a target); return its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return size, digest.hexdigest()


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    if connection.in_atomic_block:
        # A backup holds committed data only; a restore replaces the database under any open transaction.
        raise BackupError("Backups and restores run outside a transaction.")
    return connection.vendor


def applied_migrations() -> list[str]:
    """The migrations recorded in the database, as sorted "app.name"."""
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def known_migrations() -> set[str]:
    """Every migration this code has, including those a squashed migration replaces."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    for migration in loader.disk_migrations.values():
        known.update(f"{app}.{name}" for app, name in migration.replaces)
    return known


def stored_documents() -> list[str]:
    """Every file name in default_storage, walked with listdir so that S3-compatible storage works too."""
    names, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:  # MEDIA_ROOT not made yet: nothing uploaded
            continue
        names += [f"{folder}{name}" for name in files]
        folders += [f"{folder}{name}/" for name in dirs]
    return sorted(names)


def _destination(destination: Path | str | None) -> tuple[Path, Path | None]:
    """The folder to write into and, when a file name (ending in .tar.gz) was given, that name."""
    if destination is None:
        return Path(getattr(settings, "BACKUP_DIR", Path(settings.VAR_DIR) / "backups")), None
    path = Path(destination)
    if path.is_dir() or not path.name.endswith((".tar.gz", ".tgz")):
        return path, None
    if path.exists():
        raise BackupError(f"{path} already exists; a backup never overwrites a file.")
    return path.parent, path


def _add(tar: tarfile.TarFile, name: str, fileobj, size: int, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o600
    tar.addfile(info, fileobj)


def _write_members(tar: tarfile.TarFile, scratch: Path, vendor: str, mtime: float, progress) -> Iterator[Member]:
    dump = scratch / DATABASE_MEMBER[vendor]
    _report(progress, 0, 1, "Dumping the database")
    dump_database(vendor, dump)
    names = stored_documents()
    with dump.open("rb") as f:
        size, sha = _copy_hashing(f)
        f.seek(0)
        _add(tar, dump.name, f, size, mtime)
    yield Member(dump.name, size, sha)
    _report(progress, 1, len(names) + 2, "Database dumped")
    for done, name in enumerate(names, 2):
        try:
            stored = default_storage.open(name, "rb")
        except FileNotFoundError:  # deleted since it was listed (a readiness probe's file, say)
            continue
        # Staged first, so that the size in the tar header is the size of what was read.
        with stored, tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, dir=scratch) as staged:
            size, sha = _copy_hashing(stored, staged)
            staged.seek(0)
            _add(tar, DOCUMENTS + name, staged, size, mtime)
        yield Member(DOCUMENTS + name, size, sha)
        _report(progress, done, len(names) + 2, name)


def create_backup(
    destination: Path | str | None = None, *, keep: int | None = None, progress: Progress | None = None
) -> Path:
    """Write one archive of the database and every stored document; return its path.

    `destination` is a folder (default: the BACKUP_DIR setting) or a new file's name ending in .tar.gz.
    `keep` is how many of this command's archives that folder keeps, the new one included (default:
    BACKUP_KEEP; 0 keeps all). The archive is written under a hidden temporary name in the same folder
    and only then linked to its name, so a half-written archive never looks like a backup; it is
    readable by its owner only (mode 0600), since it holds personal data.
    """
    vendor = _vendor()
    keep = int(getattr(settings, "BACKUP_KEEP", 14)) if keep is None else keep
    if keep < 0:
        raise BackupError("--keep cannot be negative.")
    directory, final = _destination(destination)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    created, migrations = datetime.datetime.now(datetime.UTC), applied_migrations()
    fd, partial = tempfile.mkstemp(dir=directory, prefix=".partnerships-backup-", suffix=".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="partnerships-backup-") as scratch, os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
                members = list(_write_members(tar, Path(scratch), vendor, created.timestamp(), progress))
                if applied_migrations() != migrations:
                    raise BackupError("Migrations were applied while the backup ran; run it again.")
                stamp, version = created.isoformat(timespec="seconds"), django.get_version()
                data = Manifest(stamp, vendor, version, migrations, members).to_json()
                _add(tar, MANIFEST, io.BytesIO(data), len(data), created.timestamp())
            raw.flush()
            os.fsync(raw.fileno())
        path = _publish(Path(partial), directory, final, created)
    finally:
        Path(partial).unlink(missing_ok=True)
    if keep:
        prune(directory, keep)
    _report(progress, len(members) + 1, len(members) + 1, f"Backup written: {path.name}")
    return path


def _publish(partial: Path, directory: Path, final: Path | None, created: datetime.datetime) -> Path:
    """Give the finished archive its name atomically (a hard link), never replacing an existing file."""
    for n in itertools.count():
        target = final or directory / f"partnerships-backup-{created:%Y%m%d-%H%M%S}{f'-{n}' if n else ''}.tar.gz"
        try:
            os.link(partial, target)
        except FileExistsError:
            if final:
                raise BackupError(f"{final} already exists; a backup never overwrites a file.") from None
            continue
        fd = os.open(directory, os.O_RDONLY)
        os.fsync(fd)  # the new name survives a power cut
        os.close(fd)
        return target


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete this command's oldest archives in `directory` beyond the newest `keep`; nothing else."""
    ours = []
    for entry in os.scandir(directory):
        if (match := ARCHIVE_NAME.match(entry.name)) and entry.is_file(follow_symlinks=False):
            ours.append(((match[1], int(match[2] or 0)), Path(entry.path)))
    removed = [path for _, path in sorted(ours, reverse=True)[keep:]]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@contextmanager
def _open_archive(archive: Path):
    """The archive as a stream of members: gzip checks its CRC, tar reads members in order."""
    with (
        archive.open("rb") as raw,
        gzip.GzipFile(fileobj=raw, mode="rb") as unzipped,
        tarfile.open(fileobj=unzipped, mode="r|") as tar,
    ):
        yield tar, raw  # raw.tell(): how far through the file, for the progress report
        while unzipped.read(CHUNK):  # to the very end, where gzip checks its CRC: a damaged tar header
            pass  # in the middle would otherwise look like the end of the archive


def verify_archive(archive: Path | str, *, progress: Progress | None = None) -> Manifest:
    """Read the whole archive and check that it can be restored here; raise BackupError saying why not.

    In order: a readable .tar.gz, a manifest, every member present with its size and SHA-256 and
    nothing else, the database vendor, and migrations all known to this code (an archive from a newer
    version is refused; an older one is fine: `restore_backup` migrates it forward).
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist or is not a file.")
    name, found, raw_manifest = archive.name, {}, None
    try:
        with _open_archive(archive) as (tar, raw):
            for info in tar:
                if not info.isfile():
                    raise BackupError(f"{name} is not one of our backups: {info.name} is not a regular file.")
                if info.name == MANIFEST:
                    raw_manifest = tar.extractfile(info).read()
                else:
                    found[info.name] = _copy_hashing(tar.extractfile(info))
                _report(progress, raw.tell(), archive.stat().st_size, f"Checking {info.name}")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(
            f"{name} is not a readable backup archive (damaged, truncated or not a .tar.gz: {exc})."
        ) from exc
    if raw_manifest is None:
        raise BackupError(f"{name} has no manifest.json, so it is not one of our backups.")
    try:
        manifest = Manifest.from_json(raw_manifest)
    except BackupError as exc:
        raise BackupError(f"{name}: {exc}") from exc
    listed = {m.path: m for m in manifest.members}
    if missing := sorted(set(listed) - set(found)):
        raise BackupError(f"{name} lacks {len(missing)} member(s) its manifest lists, e.g. {missing[0]}.")
    if extra := sorted(set(found) - set(listed)):
        raise BackupError(f"{name} holds {len(extra)} member(s) its manifest does not list, e.g. {extra[0]}.")
    if damaged := [m.path for m in manifest.members if found[m.path] != (m.size, m.sha256)]:
        raise BackupError(f"{name}: {damaged[0]} does not match its SHA-256 in the manifest (damaged or altered).")
    if manifest.vendor != connection.vendor:
        raise BackupError(f"{name} holds a {manifest.vendor} database; this site runs on {connection.vendor}.")
    database = manifest.database
    if database is None or any(
        ".." in PurePosixPath(m.path).parts or (m is not database and not m.path.startswith(DOCUMENTS))
        for m in manifest.members
    ):
        raise BackupError(f"{name}: its manifest names no database, or a member outside the archive's layout.")
    if unknown := sorted(set(manifest.migrations) - known_migrations()):
        raise BackupError(
            f"{name} comes from a newer version: this code lacks {len(unknown)} of its migrations, "
            f"e.g. {unknown[0]}; upgrade the code first."
        )
    return manifest


def _put_document(name: str, content) -> None:
    if default_storage.exists(name):  # FileSystemStorage would save under a new name rather than overwrite
        default_storage.delete(name)
    if (saved := default_storage.save(name, File(content, name=PurePosixPath(name).name))) != name:
        raise BackupError(f"The storage saved {name} as {saved}; the restore stopped there.")


def _staging(path: Path | None, scratch: str):
    return path.open("wb") if path else tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, dir=scratch)


def restore_backup(
    archive: Path | str, *, progress: Progress | None = None, confirm: Callable[[Manifest], bool] | None = None
) -> RestoreResult:
    """Replace the database and every stored document with an archive's, after checking all of it.

    The archive is checked whole before anything is touched (`verify_archive`), then `confirm`, if
    given, is asked. Documents are written back first, then the database is replaced, and only then
    are documents that are not in the archive deleted: a restore that fails half way leaves the old
    database with all its files. An archive older than the code is migrated forward at the end.
    """
    archive = Path(archive)
    try:
        vendor = _vendor()
        manifest = verify_archive(archive, progress=progress)
    except BackupError as exc:
        raise BackupError(f"Not restored: {exc} Nothing was changed.") from exc
    if confirm is not None and not confirm(manifest):
        raise BackupError("Restore cancelled. Nothing was changed.")
    existing, listed, total = set(stored_documents()), {m.path: m for m in manifest.members}, len(manifest.members) + 2
    with tempfile.TemporaryDirectory(prefix="partnerships-restore-") as scratch:
        database = Path(scratch) / manifest.database.path
        with _open_archive(archive) as (tar, _raw):
            for done, info in enumerate((i for i in tar if i.name != MANIFEST), 1):
                expected, is_database = listed[info.name], info.name == manifest.database.path
                with _staging(database if is_database else None, scratch) as staged:
                    if _copy_hashing(tar.extractfile(info), staged) != (expected.size, expected.sha256):
                        raise BackupError(f"{archive.name} changed during the restore; stopped at {info.name}.")
                    if not is_database:
                        staged.seek(0)
                        _put_document(info.name.removeprefix(DOCUMENTS), staged)
                _report(progress, done, total, f"Restoring {info.name}")
        _report(progress, total - 2, total, "Replacing the database")
        restore_database(vendor, database)
    archived = {m.path.removeprefix(DOCUMENTS) for m in manifest.documents}
    for name in sorted(existing - archived):
        default_storage.delete(name)
    _report(progress, total - 1, total, "Migrating")
    migrated = _catch_up()
    _forget_cached_rows()
    _report(progress, total, total, "Restored")
    return RestoreResult(manifest, len(archived), len(existing - archived), migrated)


def _catch_up() -> list[str]:
    """Migrate a database restored from an older archive up to this code; a current one has nothing to do."""
    executor = MigrationExecutor(connection)
    if not (plan := executor.migration_plan(executor.loader.graph.leaf_nodes())):
        return []
    call_command("migrate", interactive=False, verbosity=0)
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _forget_cached_rows() -> None:
    """This process's caches of rows describe the replaced database (other processes: restart them)."""
    from django.contrib.contenttypes.models import ContentType

    from partnerships.core import reference

    ContentType.objects.clear_cache()
    reference.clear()
