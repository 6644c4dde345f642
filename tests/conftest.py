"""Shared fixtures: the profile, one client per role, and the browser."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from partnerships.core.roles import ADMIN, EDITOR, VIEWER

PROFILE = Path(__file__).resolve().parent.parent / "profiles" / "birmingham-guangzhou.yaml"


@pytest.fixture
def profile(db):
    call_command("load_profile", str(PROFILE), stdout=io.StringIO())


def make_user(username: str, role: str | None = None):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def nobody(db):
    return make_user("nobody")


@pytest.fixture
def viewer(db):
    return make_user("viewer", VIEWER)


@pytest.fixture
def editor(db):
    return make_user("editor", EDITOR)


@pytest.fixture
def admin_user(db):
    return make_user("administrator", ADMIN)


@pytest.fixture
def viewer_client(viewer):
    return client_for(viewer)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


# The team that sees every confidential business-engagement record (business.choices.TEAM).
BUSINESS_TEAM = "business-engagement"


def join_business_team(user):
    """`user` also holds the business-engagement team role: every need, IP asset, match and deal."""
    user.groups.add(Group.objects.get(name=BUSINESS_TEAM))
    return user
