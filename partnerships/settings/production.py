"""Production settings: what `make run` serves and what a deployment uses (docs/deployment.md).

DEBUG off, hashed and compressed static files (WhiteNoise; `collectstatic` is part of the set-up), and
a secret key from the environment or, on a single machine, one generated on first start and kept in
`var/secret_key`, readable by its owner only. Several machines must share one: set SECRET_KEY.
"""

import os

from .base import *  # noqa: F403
from .base import DEFAULT_STORAGE, VAR_DIR, env_bool, logging_config, secret_key

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or secret_key(VAR_DIR / "secret_key")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)  # noqa: F405
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO"), env_bool("JSON_LOGS", True))
