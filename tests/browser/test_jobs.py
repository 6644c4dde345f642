"""A background job's page in a real browser: an admin starts a job from the jobs page, and a running
job's progress and end appear on its page without a reload (HTMX polling), then the polling stops."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from partnerships.core.models import Job
from partnerships.core.roles import ADMIN

from .conftest import PASSWORD, login

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(new_context, site):
    user = get_user_model().objects.create_user(username="browser-admin", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ADMIN))
    page = new_context().new_page()
    login(page, user.get_username())
    return page, user


def test_a_running_job_s_page_follows_it_to_the_end_without_a_reload(admin_page):
    page, user = admin_page
    job = Job.objects.create(kind="search.rebuild_index", status="running", done=10, total=40, user_id=user.pk)
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator("#job-progress")).to_have_attribute("value", "10")
    page.evaluate("window.notReloaded = true")  # gone if the browser loads a new document

    # The worker reports progress: the page shows it within a poll or two.
    Job.objects.filter(pk=job.pk).update(done=30, message="organisations")
    expect(page.locator("#job-progress")).to_have_attribute("value", "30")
    expect(page.locator("#job-status")).to_contain_text("organisations")
    Job.objects.filter(pk=job.pk).update(status="succeeded", done=40, result={"indexed": 40})
    expect(page.locator("#job-status")).to_have_attribute("data-status", "succeeded")
    expect(page.locator("#job-result")).to_contain_text("40")
    assert page.evaluate("window.notReloaded") is True

    # Finished: the status block no longer asks for itself.
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.wait_for_timeout(2500)
    assert not [url for url in requests if f"/jobs/{job.pk}/" in url]


def test_an_admin_starts_a_job_and_lands_on_its_page(admin_page):
    page, _user = admin_page
    page.goto("/jobs/")
    page.locator("#job-kind").select_option("agreements.daily")
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("h1")).to_have_text("Expire ended agreements and send the day's reminders")
    # The queue runs jobs as they are queued in the test settings; a worker would take a moment.
    expect(page.locator("#job-status")).to_have_attribute("data-status", "succeeded")
    page.get_by_role("link", name="All background jobs").click()
    expect(page.locator("#job-list")).to_contain_text("Expire ended agreements")
