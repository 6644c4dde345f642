"""The authentication backend reads a user's permissions, their own and their roles', in one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core.auth import PlatformBackend

from .conftest import make_user


@pytest.mark.django_db
def test_own_and_role_permissions_come_in_one_query(profile):
    user = make_user("someone", "viewer")
    user.user_permissions.add(Permission.objects.get(codename="add_organisation"))
    user = get_user_model().objects.get(pk=user.pk)  # no cached permissions
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("organisations.add_organisation")  # its own
        assert user.has_perm("relationships.view_interaction")  # the viewer role's
        assert not user.has_perm("organisations.delete_organisation")
    assert len(queries) == 1
    assert PlatformBackend().get_all_permissions(user) == ModelBackendPermissions(user)


def ModelBackendPermissions(user):  # noqa: N802 - Django's own answer, for comparison
    from django.contrib.auth.backends import ModelBackend

    fresh = get_user_model().objects.get(pk=user.pk)
    return ModelBackend().get_all_permissions(fresh)


@pytest.mark.django_db
def test_an_inactive_user_has_no_permissions(profile):
    user = make_user("gone", "editor")
    user.is_active = False
    assert PlatformBackend().get_all_permissions(user) == set()
