"""`manage.py worker`: the background-job worker (django-q2's cluster) with the platform's timetable."""

from django.core.management.base import BaseCommand

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
        cluster = Cluster()
        cluster.start()
        if run_once:
            cluster.stop()
