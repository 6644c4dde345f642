"""The shared fixtures of tests/conftest.py, plus ways to put an agreement in a given state."""

import datetime

import pytest
from django.utils import timezone

from partnerships.agreements.models import Agreement
from tests.conftest import (  # noqa: F401  (fixtures, found by name)
    admin_user,
    editor,
    editor_client,
    nobody,
    profile,
    viewer,
    viewer_client,
)
from tests.factories import PartyFactory, SignatoryFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test stores uploads in a folder of its own, so "nothing stored" means just that."""
    settings.MEDIA_ROOT = str(tmp_path)


def put_in(agreement: Agreement, status: str, **fields) -> Agreement:
    """Set the status (and any dates) directly, as if the agreement had got there by the lifecycle."""
    Agreement.objects.filter(pk=agreement.pk).update(status=status, **fields)
    agreement.refresh_from_db()
    return agreement


def sign_by_two_parties(agreement: Agreement, *dates: datetime.date) -> list:
    """Two parties (or one per date given), each with a signatory who signed on that date."""
    today = timezone.localdate()
    dates = dates or (today - datetime.timedelta(days=3), today - datetime.timedelta(days=1))
    return [SignatoryFactory(party=PartyFactory(agreement=agreement), signed_on=day) for day in dates]
