"""Settings for the app as `make bench` serves it: production settings (DEBUG off, hashed static files)
plus a header with the number of queries each response took and two reference views (bench/urls.py)."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("SECURE_COOKIES", "0")  # the bench talks plain HTTP on loopback

from partnerships.settings.production import *  # noqa: E402, F403
from partnerships.settings.production import MIDDLEWARE  # noqa: E402

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.urls.QueryCountMiddleware", *MIDDLEWARE]
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
WHITENOISE_USE_FINDERS = False
