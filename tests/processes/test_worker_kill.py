"""A worker killed in the middle of a job loses nothing: the job's writes roll back with the killed
transaction, the job is queued again when a worker comes back, and the retry does the whole work."""

import time

import pytest

from .harness import wait_for

pytestmark = [pytest.mark.processes, pytest.mark.xdist_group("processes")]


def test_a_worker_killed_mid_job_leaves_nothing_half_done_and_the_job_is_retried(deployment):
    db = deployment.database
    assert db.value("SELECT COUNT(*) FROM registry_registryentry") == 0
    worker = deployment.start_worker("worker-killed")
    # Small batches: the load takes long enough to be caught half-way, reporting after every batch.
    job_id = int(
        deployment.shell("from partnerships.core import jobs; print(jobs.enqueue('registry.load', batch_size=5).pk)")
    )

    def half_way():
        job = deployment.job(job_id)
        return job if job["status"] == "running" and 0 < job["done"] < (job["total"] or 0) // 2 else None

    caught = wait_for(half_way, timeout=120, interval=0.05, what="the registry load to be running")
    deployment.kill(worker)  # SIGKILL to the whole process group: sentinel, pusher, monitor, worker
    after_kill = deployment.job(job_id)
    assert after_kill["status"] == "running" and after_kill["done"] < after_kill["total"]
    assert after_kill["attempts"] == 1
    # The killed transaction wrote nothing the database kept.
    assert db.value("SELECT COUNT(*) FROM registry_registryentry") == 0

    time.sleep(float(deployment.env["JOB_STALE_AFTER"]) + 1)  # its heartbeat goes stale
    deployment.start_worker("worker-after")
    finished = wait_for(
        lambda: (job := deployment.job(job_id))["status"] in ("succeeded", "failed") and job,
        timeout=240,
        interval=0.5,
        what="the retried registry load to finish",
    )
    assert finished["status"] == "succeeded", finished["error"]
    assert finished["attempts"] == 2
    assert finished["result"]["read"] == caught["total"]
    entries = db.value("SELECT COUNT(*) FROM registry_registryentry")
    assert entries == finished["result"]["entries"] == finished["result"]["created"] > 0
