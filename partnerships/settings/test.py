"""Test settings: fast hashing, in-memory e-mail; the database still comes from DATABASE_URL."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Uploaded files go to a throwaway folder, never into var/.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="partnerships-test-media-")

# Jobs share the test's connection (and so its rolled-back transaction), and run as they are queued:
# the tests of real worker processes (tests/processes/) start them with the production settings.
DATABASES.pop("jobs", None)  # noqa: F405
JOBS_DATABASE = "default"
Q_CLUSTER = {**Q_CLUSTER, "orm": "default", "sync": True}  # noqa: F405

# Access lines would drown the test output; the observability tests install their own handlers.
LOGGING = logging_config("WARNING", json_logs=False)  # noqa: F405
