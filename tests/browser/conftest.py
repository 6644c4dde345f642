"""Browser fixtures: one headless Chromium per session, a loaded profile, an editor, a logged-in page.

The tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright against pytest-django's
``live_server``. Without that browser they are skipped, unless ``REQUIRE_BROWSER=1`` (set in CI),
which turns the skip into a failure so a broken CI image cannot pass silently.
"""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from partnerships.core.roles import EDITOR, ensure_roles

# Playwright's sync API runs an asyncio loop in this thread; Django would refuse ORM calls from
# the tests (fixtures, assertions on the database) as "async-unsafe" without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
PROFILE = REPO_ROOT / "profiles" / "birmingham-guangzhou.yaml"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "a-browser-test-password"
# Playwright's default of 30 s hides a hang for too long; every page here answers in well under a second.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed; the browser tests need Debian's chromium package."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the institution profile and the role groups in place."""
    if not Group.objects.filter(name=EDITOR).exists():
        ensure_roles()  # a transactional test's flush may have removed the groups
    call_command("load_profile", str(PROFILE), stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def editor_user(site):
    user = get_user_model().objects.create_user(username="browser-editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def new_context(browser, site):
    """Make fresh browser contexts (separate cookies: separate sessions) that are closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(base_url=site, locale="en-GB", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def login(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form and wait for the home page."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("nav.main-nav")).to_be_visible()


@pytest.fixture
def editor_page(new_context, editor_user):
    """A page logged in as an editor through the login form."""
    page = new_context().new_page()
    login(page, editor_user.get_username())
    return page
