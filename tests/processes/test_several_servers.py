"""Two app servers and a worker against one database, as a deployment that outgrew one machine runs:
no lost update under concurrent edits through both, a session good on either, a job queued through
one run by the worker and seen through the other, and an edit made on one found by the other's
search and resolution. Then `make run`'s own pair (the Procfile under honcho) stops as one."""

import contextlib
import json
import os
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest

from .harness import ROOT, VENV_BIN, Web, free_port, wait_for

pytestmark = [pytest.mark.processes, pytest.mark.xdist_group("processes")]

WRITERS, EDITS_EACH = 6, 4

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from partnerships.organisations.models import Organisation
user = get_user_model().objects.create_user("ops", password="ops-password-1")
user.groups.add(Group.objects.get(name="admin"))
organisation = Organisation.objects.create(name_en="Harbour Polytechnic", country="CN", city="Guangzhou")
from partnerships.agreements.models import Agreement, AgreementKind
agreement = Agreement.objects.create(title_en="Shared storage MoU", kind=AgreementKind.objects.get(code="mou"))
print(Token.objects.create(user=user).key, organisation.pk, agreement.pk)
"""
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def multipart(fields: dict, name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "----processes-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def append_marker(web: Web, path: str, marker: str) -> int:
    """Read-modify-write through the API with If-Match, as any careful client does; returns the
    number of 412s (someone else wrote first) it met before its write went through."""
    refused = 0
    while True:
        record, headers = web.get_json(path)
        text = (record["description"] + " " + marker).strip()
        status, _headers, body = web.request(
            "PATCH", path, json_body={"description": text}, headers={"If-Match": headers["ETag"]}
        )
        if status == 200:
            return refused
        assert status == 412, f"{status}: {body[:300]}"
        refused += 1


def test_two_app_servers_and_a_worker_behave_as_one(deployment):
    token, organisation_id, agreement_id = deployment.shell(SETUP).split()
    a = deployment.start_web("web-a")
    b = deployment.start_web("web-b")
    deployment.start_worker("worker")
    path = f"/api/organisations/{organisation_id}/"

    # A session made on one server is good on the other.
    browser_a = Web(a.base)
    browser_a.login("ops", "ops-password-1")
    browser_b = Web(b.base).with_session_of(browser_a)
    status, _headers, page = browser_b.request("GET", "/")
    assert status == 200 and 'id="global-search"' in page

    # Bounded concurrent edits through both servers, with searches going on: no update lost.
    api = [Web(a.base, token), Web(b.base, token)]
    markers = [f"m{writer}-{edit}" for writer in range(WRITERS) for edit in range(EDITS_EACH)]
    before = api[1].get_json(f"/api/resolve/?q={quote('Harbour Polytechnic')}")[0]
    with ThreadPoolExecutor(max_workers=WRITERS + 2) as pool:
        edits = [pool.submit(append_marker, api[i % 2], path, marker) for i, marker in enumerate(markers)]
        searches = [pool.submit(api[i % 2].get_json, "/api/search/?q=Harbour") for i in range(20)]
        refused = sum(edit.result() for edit in edits)
        assert all(search.result()[0]["query"] == "Harbour" for search in searches)
    final = api[0].get_json(path)[0]["description"].split()
    assert sorted(final) == sorted(markers), f"lost: {set(markers) - set(final)}"
    assert refused > 0  # the writers did collide, and the collisions were refused rather than lost

    # A document uploaded through one server is downloaded through the other (a shared folder here;
    # S3-compatible storage in the same way through DOCUMENT_STORAGE=s3).
    body, content_type = multipart({"agreement": agreement_id, "title": "Signed copy"}, "file", "mou.pdf", PDF)
    status, _headers, answer = api[0].request(
        "POST", "/api/agreement-documents/", data=body, headers={"Content-Type": content_type}
    )
    assert status == 201, answer
    document_id = json.loads(answer)["id"]
    status, headers, downloaded = browser_b.request("GET", f"/agreement-documents/{document_id}/")
    assert status == 200 and downloaded.encode() == PDF and "attachment" in headers["Content-Disposition"]

    # A job queued through one server is run by the worker and seen through the other.
    status, _headers, _page = browser_a.post_form("/jobs/start/", {"kind": "search.rebuild_index"})
    assert status == 200
    job_id = deployment.database.value("SELECT MAX(id) FROM core_job", jobs=True)
    done = wait_for(
        lambda: (page := browser_b.request("GET", f"/jobs/{job_id}/")[2])
        and 'data-status="succeeded"' in page
        and page,
        timeout=120,
        what="the index rebuild to finish",
    )
    assert "indexed" in done
    assert deployment.job(job_id)["result"]["indexed"] >= 1

    # An organisation renamed through one server is found by the other's search and resolution,
    # whose in-memory resolver index was built before the rename.
    assert before["match"] and str(before["match"]["organisation_id"]) == organisation_id
    new_name = "Lingnan Institute of Marine Robotics"
    assert api[1].get_json(f"/api/resolve/?q={quote(new_name)}")[0]["match"] is None
    _record, headers = api[0].get_json(path)
    status, _headers, body = api[0].request(
        "PATCH", path, json_body={"name_en": new_name}, headers={"If-Match": headers["ETag"]}
    )
    assert status == 200, body
    found = api[1].get_json(f"/api/search/?q={quote('Marine Robotics')}")[0]
    assert new_name in json.dumps(found, ensure_ascii=False)
    resolved = api[1].get_json(f"/api/resolve/?q={quote(new_name)}")[0]
    assert resolved["match"] and str(resolved["match"]["organisation_id"]) == organisation_id


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc: Linux)."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            found += [int(c) for c in children]
            queue += [int(c) for c in children]
    return found


def test_make_run_s_procfile_serves_with_a_worker_and_stops_as_one(deployment):
    """`make run` starts the Procfile under honcho: gunicorn and the worker; an interrupt stops both."""
    port = free_port()
    env = {**deployment.env, "PORT": str(port), "PROMETHEUS_MULTIPROC_DIR": str(deployment.folder / "prometheus-run")}
    log = open(deployment.folder / "honcho.log", "ab")  # noqa: SIM115 - closed below
    honcho = subprocess.Popen(
        [str(VENV_BIN / "honcho"), "--no-prefix", "--procfile", "Procfile", "start", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    started: list[int] = []
    try:
        web = Web(f"http://127.0.0.1:{port}")
        wait_for(web.alive, timeout=60, what="the Procfile's web server")
        ready, _headers = web.get_json("/ready/")
        assert ready["status"] == "ok" and ready["checks"]["queue"] == "ok"
        job_id = int(deployment.shell("from partnerships.core import jobs; print(jobs.enqueue('agreements.daily').pk)"))
        wait_for(lambda: deployment.job(job_id)["status"] == "succeeded", timeout=60, what="the Procfile's worker")
        started += descendants(honcho.pid)
        assert len(started) >= 5  # gunicorn's master and worker, the job worker and its cluster's processes
        os.killpg(honcho.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
        honcho.wait(timeout=60)
        wait_for(
            lambda: not any(Path(f"/proc/{pid}").exists() for pid in started),
            timeout=30,
            what="every process of make run to stop",
        )
        assert not web.alive()
    finally:
        # honcho runs each process in a group of its own: if the test failed half-way, kill them all.
        for pid in [honcho.pid, *started, *descendants(honcho.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        honcho.wait()
        log.close()
