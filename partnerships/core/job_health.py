"""What the outside sees of the job queue: a readiness check and the job metrics (core/observability.py,
core/metrics.py). Both read the jobs database, so every app server reports the same figures."""

from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Sum
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily, SummaryMetricFamily

from .models import Job


def check_queue() -> None:
    """The queue's database answers (the broker is a table there); raises when it does not."""
    from django_q.models import OrmQ

    OrmQ.objects.exists()


class JobCollector:
    """Jobs by kind and status, how long finished ones took, and how long the oldest queued one has waited."""

    def collect(self):
        counts = GaugeMetricFamily(
            "partnerships_jobs", "Background jobs by kind and status.", labels=["kind", "status"]
        )
        for row in Job.objects.values("kind", "status").annotate(n=Count("pk")).order_by():
            counts.add_metric([row["kind"], row["status"]], row["n"])
        yield counts
        took = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
        finished = Job.objects.filter(finished_at__isnull=False, started_at__isnull=False)
        durations = SummaryMetricFamily(
            "partnerships_job_duration_seconds", "How long finished jobs ran.", labels=["kind", "status"]
        )
        for row in finished.values("kind", "status").annotate(n=Count("pk"), took=Sum(took)).order_by():
            seconds = row["took"].total_seconds() if row["took"] is not None else 0.0
            durations.add_metric([row["kind"], row["status"]], count_value=row["n"], sum_value=seconds)
        yield durations
        oldest = Job.objects.filter(status=Job.Status.QUEUED).aggregate(first=Min("created_at"))["first"]
        waiting = GaugeMetricFamily("partnerships_job_queue_wait_seconds", "How long the oldest queued job has waited.")
        waiting.add_metric([], (timezone.now() - oldest).total_seconds() if oldest else 0)
        yield waiting
