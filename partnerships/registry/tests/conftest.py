"""The shared fixtures of tests/conftest.py."""

from tests.conftest import (  # noqa: F401  (fixtures, found by name)
    admin_user,
    editor,
    editor_client,
    profile,
    viewer,
    viewer_client,
)
