"""Suite-wide: the slowest data-set tests (each loads the whole demo, registry included: about 27 s on
PostgreSQL) run on SQLite only, marked `one_database`; their loaders write through the ORM alone, and
a representative of each (unmarked) still runs on PostgreSQL. Keeps a CI run on both databases short."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    skip = pytest.mark.skip(reason="slow data-set test, run on SQLite only (a representative runs here)")
    for item in items:
        if item.get_closest_marker("one_database"):
            item.add_marker(skip)
