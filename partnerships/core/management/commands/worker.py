"""`manage.py worker`: the background-job worker (django-q2's cluster) with the platform's timetable."""

import os
import signal
import time

from django.core.management.base import BaseCommand
from django.db import connections

from partnerships.core import jobs, schedules


class Command(BaseCommand):
    help = (
        "Run the background-job worker: bring the daily schedules in line with the settings, put back on "
        "the queue any job whose worker stopped, then work the queue until stopped (SIGTERM or Ctrl-C lets "
        "running jobs finish first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--run-once", action="store_true", help="start, then stop at once (for checks)")

    def handle(self, *args, run_once=False, **options):
        from django_q.cluster import Cluster

        names = schedules.sync()
        recovered = jobs.recover()
        self.stdout.write(f"Schedules: {', '.join(names)}. Jobs put back on the queue: {recovered}.")
        connections.close_all()  # the cluster's processes are forked: none may share this one's connections
        cluster = Cluster()
        stopping = []

        def stop(signum, frame):
            """Stop gracefully: running jobs finish. Unless the signal went to the whole process group
            (honcho, a terminal's process manager), which killed the cluster's processes with us: then
            django-q2's own stop would wait forever on them. Their jobs come back (core/jobs.py)."""
            if stopping:
                return
            stopping.append(signum)
            time.sleep(0.3)
            if cluster.sentinel is not None and not cluster.sentinel.is_alive():
                os._exit(0)
            cluster.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        cluster.start()
        if run_once:
            cluster.stop()
