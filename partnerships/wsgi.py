"""WSGI entry point; stateless, so any number can run behind a load balancer."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings.production")
application = get_wsgi_application()
