"""Background jobs in one process: claiming, progress, results and errors, recovery, schedules, pages.

The queue itself runs synchronously here (test settings); tests/processes/ start real workers.
"""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from partnerships.core import jobs, schedules
from partnerships.core.job_health import JobCollector
from partnerships.core.models import Job, ObjectChange
from partnerships.core.progress import terminal_bar
from partnerships.registry.models import RegistryEntry

from .conftest import client_for, make_user
from .factories import OrganisationFactory


@pytest.fixture
def kinds():
    """Test job kinds, removed afterwards."""
    added = []

    def add(name, run, **options):
        added.append(name)
        return jobs.register_job(name, run, label=name, **options)

    yield add
    for name in added:
        jobs._kinds.pop(name, None)


def counting(progress, *, to=10, fail=False):
    for step in range(1, to + 1):
        progress(step, to, f"step {step}")
    if fail:
        raise ValidationError("Row 3: the date 2026-02-30 does not exist.")
    return {"counted": to}


@pytest.mark.django_db
def test_a_queued_job_runs_once_the_caller_commits_and_records_its_result(kinds, django_capture_on_commit_callbacks):
    kinds("test.count", counting)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.enqueue("test.count", to=7)
        assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()  # the queue (synchronous in tests) runs it
    job.refresh_from_db()
    assert (job.status, job.result, job.attempts, job.error) == ("succeeded", {"counted": 7}, 1, "")
    assert job.done == 7 and job.total == 7
    assert job.started_at <= job.finished_at


@pytest.mark.django_db
def test_a_failing_job_is_marked_failed_with_the_message_a_user_can_act_on(kinds):
    kinds("test.fail", counting)
    job = Job.objects.create(kind="test.fail", arguments={"fail": True})
    assert jobs.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "Row 3: the date 2026-02-30 does not exist."


@pytest.mark.django_db
def test_a_job_runs_at_most_once_a_second_delivery_of_a_finished_or_live_one_does_nothing(kinds):
    calls = []
    kinds("test.once", lambda progress: calls.append(1))
    job = Job.objects.create(kind="test.once")
    assert jobs.execute(job.pk) == "succeeded"
    assert jobs.execute(job.pk) == "skipped"
    live = Job.objects.create(kind="test.once", status="running", heartbeat_at=timezone.now(), attempts=1)
    assert jobs.execute(live.pk) == "skipped"
    assert calls == [1]


@pytest.mark.django_db
@override_settings(JOB_STALE_AFTER=30, JOB_MAX_ATTEMPTS=3)
def test_a_job_whose_worker_stopped_is_queued_again_and_fails_after_the_last_attempt(kinds):
    calls = []
    kinds("test.retry", lambda progress: calls.append(1) or "done")
    silent = timezone.now() - timedelta(seconds=60)
    lost = Job.objects.create(kind="test.retry", status="running", heartbeat_at=silent, attempts=1)
    alive = Job.objects.create(kind="test.retry", status="running", heartbeat_at=timezone.now(), attempts=1)
    spent = Job.objects.create(kind="test.retry", status="running", heartbeat_at=silent, attempts=3)
    assert jobs.recover() == 2
    lost.refresh_from_db(), alive.refresh_from_db(), spent.refresh_from_db()
    # Handed back to the queue, which (synchronous here) ran it again at once.
    assert (lost.status, lost.attempts, lost.result) == ("succeeded", 2, "done")
    assert alive.status == "running"
    assert spent.status == "failed" and "3 attempts" in spent.error
    assert calls == [1]


@pytest.mark.django_db
def test_a_redelivered_job_whose_worker_stopped_is_claimed_again(kinds, settings):
    settings.JOB_STALE_AFTER = 30
    kinds("test.redeliver", counting)
    job = Job.objects.create(
        kind="test.redeliver", status="running", heartbeat_at=timezone.now() - timedelta(minutes=5), attempts=1
    )
    assert jobs.execute(job.pk) == "succeeded"
    job.refresh_from_db()
    assert job.attempts == 2


@pytest.mark.django_db
def test_a_job_of_a_kind_this_version_lacks_fails_with_a_message():
    job = Job.objects.create(kind="gone.kind")
    assert jobs.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert "gone.kind" in job.error


@pytest.mark.django_db
def test_changes_a_job_makes_are_logged_as_the_job_s_for_its_user(profile, kinds):
    from partnerships.core.models import Theme

    user = make_user("starter")
    kinds("test.write", lambda progress: Theme.objects.create(name_en="Job-made theme", code="job") and None)
    job = jobs.enqueue("test.write", user=user)
    jobs.execute(job.pk)
    change = ObjectChange.objects.filter(object_repr__contains="Job-made theme").get()
    assert (change.source, change.user_id) == ("job", user.pk)


@pytest.mark.django_db
def test_the_registry_load_job_reports_progress_and_loads_all_or_nothing(tmp_path):
    source = tmp_path / "bad.jsonl"
    good = (
        '{"id": "https://ror.org/0abcdef12", "names": [{"value": "Test University", "types": ["ror_display"]}],'
        ' "locations": [], "status": "active", "types": ["education"]}\n'
    )
    source.write_text(good * 1 + "not json\n")
    job = Job.objects.create(kind="registry.load", arguments={"path": str(source), "batch_size": 1})
    assert jobs.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert "Record 2" in job.error or "line 2" in job.error.lower()
    assert not RegistryEntry.objects.exists()


@pytest.mark.django_db
def test_schedules_follow_the_settings(settings):
    settings.DAILY_JOBS_AT = "06:30"
    now = datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))
    names = schedules.sync(now=now)
    assert "platform:agreements.daily" in names and "platform:recover" in names
    daily = Schedule.objects.get(name="platform:agreements.daily")
    local = timezone.localtime(daily.next_run)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-12-02", 6, 30)  # 06:30 has passed today
    assert daily.func == "partnerships.core.jobs.run_scheduled"
    settings.DAILY_JOBS_AT = "21:15"
    schedules.sync(now=now)
    local = timezone.localtime(Schedule.objects.get(name="platform:agreements.daily").next_run)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-12-01", 21, 15)
    Schedule.objects.create(name="platform:retired", func="x.y", schedule_type=Schedule.DAILY)
    Schedule.objects.create(name="someone else's", func="x.y", schedule_type=Schedule.DAILY)
    schedules.sync(now=now)
    assert not Schedule.objects.filter(name="platform:retired").exists()
    assert Schedule.objects.filter(name="someone else's").exists()
    settings.DAILY_JOBS_AT = "6 am"
    with pytest.raises(Exception, match="DAILY_JOBS_AT"):
        schedules.sync(now=now)


@pytest.mark.django_db
def test_a_scheduled_run_is_recorded_like_any_job(profile):
    assert jobs.run_scheduled("agreements.daily") == "succeeded"
    job = Job.objects.get(kind="agreements.daily")
    assert job.result == {"expired": 0, "sent": 0, "already_sent": 0, "no_recipient": 0}


@pytest.mark.django_db
def test_job_pages_show_each_user_their_own_and_admins_everything(profile, kinds, admin_user, viewer):
    kinds("test.count", counting)
    mine = Job.objects.create(kind="test.count", user_id=viewer.pk, user_name=viewer.username)
    theirs = Job.objects.create(kind="test.count", user_id=admin_user.pk, user_name=admin_user.username)
    viewer_client, admin_client = client_for(viewer), client_for(admin_user)
    listing = viewer_client.get(reverse("core:jobs")).content.decode()
    assert mine.get_absolute_url() in listing and theirs.get_absolute_url() not in listing
    assert "Start a job" not in listing
    assert viewer_client.get(theirs.get_absolute_url()).status_code == 404
    listing = admin_client.get(reverse("core:jobs")).content.decode()
    assert mine.get_absolute_url() in listing and theirs.get_absolute_url() in listing
    assert "Start a job" in listing and 'value="registry.load"' in listing


@pytest.mark.django_db
def test_only_admins_start_jobs_and_only_startable_ones(
    profile, admin_user, viewer, django_capture_on_commit_callbacks
):
    OrganisationFactory.create_batch(3)
    assert client_for(viewer).post(reverse("core:job_start"), {"kind": "search.rebuild_index"}).status_code == 403
    admin = client_for(admin_user)
    assert admin.post(reverse("core:job_start"), {"kind": "nope"}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("core:job_start"), {"kind": "search.rebuild_index"})
    job = Job.objects.get(kind="search.rebuild_index")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.user_id == admin_user.pk
    assert job.result["indexed"] >= 3


@pytest.mark.django_db
def test_a_running_job_s_status_polls_itself_until_it_finishes(profile, kinds, admin_user):
    kinds("test.count", counting)
    job = Job.objects.create(kind="test.count", status="running", done=3, total=12, message="people")
    client = client_for(admin_user)
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'max="12" value="3"' in fragment and "people" in fragment
    assert "<html" not in fragment
    Job.objects.filter(pk=job.pk).update(status="failed", error="Row 3 is wrong.")
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Row 3 is wrong." in fragment


@pytest.mark.django_db
def test_job_metrics_count_by_kind_and_status_and_sum_durations():
    start = timezone.now() - timedelta(seconds=10)
    Job.objects.create(kind="a", status="succeeded", started_at=start, finished_at=start + timedelta(seconds=4))
    Job.objects.create(kind="a", status="succeeded", started_at=start, finished_at=start + timedelta(seconds=2))
    Job.objects.create(kind="a", status="queued")
    families = {family.name: family for family in JobCollector().collect()}
    counts = {tuple(s.labels.values()): s.value for s in families["partnerships_jobs"].samples}
    assert counts == {("a", "succeeded"): 2, ("a", "queued"): 1}
    samples = {s.name: s.value for s in families["partnerships_job_duration_seconds"].samples}
    assert samples["partnerships_job_duration_seconds_count"] == 2
    assert samples["partnerships_job_duration_seconds_sum"] == pytest.approx(6)
    assert families["partnerships_job_queue_wait_seconds"].samples[0].value >= 0


@pytest.mark.django_db
def test_job_pages_ask_an_anonymous_visitor_to_log_in(client):
    job = Job.objects.create(kind="registry.load")
    for url in (reverse("core:jobs"), job.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(reverse("core:job_start"), {"kind": "registry.load"}).status_code == 302
    assert Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_nightly_backup_runs_as_a_job_and_keeps_the_newest(profile, settings, tmp_path):
    settings.BACKUP_DIR, settings.BACKUP_KEEP = tmp_path, 2
    names = schedules.sync()
    assert "platform:core.backup" in names
    assert timezone.localtime(Schedule.objects.get(name="platform:core.backup").next_run).strftime("%H:%M") == "02:30"
    for _ in range(3):
        assert jobs.run_scheduled("core.backup") == "succeeded"
    archives = sorted(tmp_path.glob("partnerships-backup-*.tar.gz"))
    assert len(archives) == 2
    latest = Job.objects.filter(kind="core.backup").order_by("-pk").first()
    assert latest.result["archive"] in {str(a) for a in archives} and latest.result["bytes"] > 0
    assert latest.done == latest.total > 0


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_commands_draw_a_progress_bar_on_a_terminal_and_nothing_in_a_pipe():
    terminal, pipe = Terminal(), io.StringIO()
    with terminal_bar(terminal) as bar:
        jobs.Progress(bar=bar)(40, 100, "registry entries")
    with terminal_bar(pipe) as none:
        assert none is None
    assert "40/100" in terminal.getvalue() and "registry entries" in terminal.getvalue()
    assert pipe.getvalue() == ""


@pytest.mark.django_db
def test_load_ror_runs_the_registry_job_in_the_command_s_own_process(tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(
        '{"id": "https://ror.org/0abcdef12", "names": [{"value": "Test University", "types": ["ror_display"]}],'
        ' "locations": [], "status": "active", "types": ["education"]}\n'
    )
    out = io.StringIO()
    call_command("load_ror", str(source), stdout=out)
    assert "1 created" in out.getvalue() and RegistryEntry.objects.count() == 1
    assert not Job.objects.exists()  # by hand: no job row, no queue


@pytest.mark.django_db
def test_the_jobs_page_costs_the_same_with_three_jobs_or_forty(profile, admin_user, django_assert_max_num_queries):
    client = client_for(admin_user)
    client.get(reverse("core:jobs"))  # sessions, the profile's rows
    Job.objects.bulk_create([Job(kind="registry.load", user_name="x") for _ in range(3)])
    with django_assert_max_num_queries(8) as few:
        small = client.get(reverse("core:jobs")).content
    Job.objects.bulk_create([Job(kind="registry.load", user_name="x") for _ in range(37)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = client.get(reverse("core:jobs")).content
    links = re.compile(rb'href="/jobs/\d+/"')
    assert len(links.findall(large)) == 25 and len(links.findall(small)) == 3
    assert b"Older jobs" in large and b"Older jobs" not in small
