"""The embedded database is configured for several users at once."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_sqlite_runs_in_wal_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific settings; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.transaction_mode == "IMMEDIATE"
    # The test database is in memory, where WAL does not apply; the setting itself is checked instead.
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
    assert connection.settings_dict["OPTIONS"]["timeout"] >= 5


def test_a_secret_key_is_made_once_readable_by_its_owner_only_and_kept(tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from partnerships.settings.base import secret_key

    path = tmp_path / "var" / "secret_key"
    first = secret_key(path)
    assert len(first) >= 50 and path.stat().st_mode & 0o777 == 0o600
    assert secret_key(path) == first  # the next start, or a second process, reads the same key
    path.write_text("short")
    with pytest.raises(ImproperlyConfigured, match="no usable secret key"):
        secret_key(path)
