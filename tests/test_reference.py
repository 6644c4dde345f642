"""The profile's strands, colleges, themes and institution are read once a process (core.reference)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from partnerships.core import reference
from partnerships.core.models import Strand


@pytest.fixture
def fresh():
    reference.clear()
    yield
    reference.clear()


@pytest.mark.django_db(transaction=True)
def test_rows_are_read_once_then_kept(profile, fresh):
    first = reference.rows(Strand)
    with CaptureQueriesContext(connection) as queries:
        again = reference.rows(Strand)
        institution = reference.institution()
        reference.institution()
    assert [s.pk for s in again] == [s.pk for s in first] == list(Strand.objects.values_list("pk", flat=True))
    assert institution is not None
    assert len(queries) == 1  # the institution, once


@pytest.mark.django_db(transaction=True)
def test_a_change_in_this_process_shows_at_once(profile, fresh):
    reference.rows(Strand)
    Strand.objects.create(code="new-strand", name_en="A new strand", order=99)
    assert "new-strand" in [s.code for s in reference.rows(Strand)]
    Strand.objects.get(code="new-strand").delete()
    assert "new-strand" not in [s.code for s in reference.rows(Strand)]


@pytest.mark.django_db(transaction=True)
def test_another_process_change_shows_within_the_ttl(profile, fresh, monkeypatch):
    reference.rows(Strand)
    Strand.objects.filter(code=Strand.objects.first().code).update(name_en="Renamed elsewhere")  # no signal
    assert "Renamed elsewhere" not in [s.name_en for s in reference.rows(Strand)]
    now = reference.time.monotonic()
    monkeypatch.setattr(reference.time, "monotonic", lambda: now + reference.TTL + 1)
    assert "Renamed elsewhere" in [s.name_en for s in reference.rows(Strand)]


@pytest.mark.django_db(transaction=True)
def test_rows_read_inside_a_transaction_are_not_kept(profile, fresh):
    with transaction.atomic():
        Strand.objects.create(code="rolled-back", name_en="Rolled back", order=98)
        assert "rolled-back" in [s.code for s in reference.rows(Strand)]
        transaction.set_rollback(True)
    assert "rolled-back" not in [s.code for s in reference.rows(Strand)]


@pytest.mark.django_db(transaction=True)
def test_filter_and_record_forms_offer_the_kept_rows_without_reading_them(profile, fresh, editor_client):
    editor_client.get("/interactions/")
    editor_client.get("/organisations/add/")
    with CaptureQueriesContext(connection) as queries:
        listing = editor_client.get("/interactions/").content.decode()
        form = editor_client.get("/organisations/add/").content.decode()
    assert not [q["sql"] for q in queries if 'FROM "core_strand"' in q["sql"] and "INNER JOIN" not in q["sql"]]
    for strand in Strand.objects.all():
        assert f'value="{strand.code}"' in listing  # the filter offers codes
        assert f'value="{strand.pk}"' in form  # the record's form, keys
