"""The shared fixtures of tests/conftest.py, found by name."""

from tests.conftest import (  # noqa: F401
    admin_user,
    editor,
    editor_client,
    nobody,
    profile,
    viewer,
    viewer_client,
)
