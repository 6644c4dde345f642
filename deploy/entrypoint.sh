#!/bin/sh
# The image's entry point (deploy/Dockerfile). One image, several roles:
#
#   web      gunicorn with gunicorn.conf.py (BIND=0.0.0.0:8000 in the image; WEB_WORKERS, WEB_THREADS,
#            WEB_TIMEOUT from the environment). SIGTERM stops it gracefully.
#   worker   the background-job worker (django-q2 cluster, schedules, nightly backup). SIGTERM lets
#            running jobs finish; a job cut off by a kill is put back on the queue and run again.
#   migrate  what runs before web and worker start, and again after each upgrade: migrate,
#            createcachetable, load_ror (the shipped registry). Each step is safe to repeat. It
#            does NOT load the institution profile or create the administrator: those are
#            first-install steps (docs/deployment.md), because load_profile would overwrite
#            changes admins have made to the profile in the app since.
#   anything else is run as a command, e.g. `python manage.py backup`.
#
# `exec` keeps gunicorn or the worker as the process that receives the container's stop signal.
set -eu

case "${1:-web}" in
  web)
    shift $(( $# > 0 ? 1 : 0 ))
    exec gunicorn --config /app/gunicorn.conf.py "$@"
    ;;
  worker)
    shift $(( $# > 0 ? 1 : 0 ))
    exec python manage.py worker "$@"
    ;;
  migrate)
    python manage.py migrate --no-input
    python manage.py createcachetable
    python manage.py load_ror
    ;;
  *)
    exec "$@"
    ;;
esac
