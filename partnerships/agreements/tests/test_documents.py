"""Documents: the type is checked by content, the size by the setting, and a new version never overwrites."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.agreements import services
from partnerships.agreements.documents import DOCX, JPEG, PDF, PNG, XLSX
from partnerships.agreements.models import Document
from partnerships.core.models import TimelineEvent
from tests.conftest import client_for, make_user
from tests.factories import AgreementFactory

from .samples import DOCX_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, XLSX_BYTES


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def stored_files(agreement) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "agreements" / str(agreement.pk)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("mou-signed.pdf", PDF_BYTES, PDF),
        ("mou.docx", DOCX_BYTES, DOCX),
        ("budget.xlsx", XLSX_BYTES, XLSX),
        ("signature-page.png", PNG_BYTES, PNG),
        ("scan.JPG", JPEG_BYTES, JPEG),
        ("scan.jpeg", JPEG_BYTES, JPEG),
    ],
)
def test_accepted_types(name, content, content_type, editor):
    agreement = AgreementFactory()

    document = services.document_add(agreement=agreement, upload=upload(name, content), title="MoU", doc_type="signed")

    document.refresh_from_db()
    assert (document.content_type, document.original_name, document.size) == (content_type, name, len(content))
    assert document.version_number == 1
    with document.file.open("rb") as stored:
        assert stored.read() == content
    assert TimelineEvent.objects.filter(kind="agreement.document", object_id=str(agreement.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("mou.pdf", PNG_BYTES, "content is not a PDF file"),
        ("mou.pdf", b"Just some plain text, not a PDF at all.", "content is not a PDF file"),
        ("mou.docx", XLSX_BYTES, "content is not a DOCX file"),
        ("mou.docx", b"PK\x03\x04 but not really a zip", "content is not a DOCX file"),
        ("photo.png", JPEG_BYTES, "content is not a PNG file"),
        ("minutes.txt", b"plain text", "not accepted"),
        ("installer.exe", b"MZ\x90\x00", "not accepted"),
        ("no-extension", PDF_BYTES, "not accepted"),
    ],
)
def test_content_that_is_not_its_claimed_type_is_refused_and_nothing_stored(name, content, message):
    agreement = AgreementFactory()

    with pytest.raises(ValidationError, match=message):
        services.document_add(agreement=agreement, upload=upload(name, content), title="MoU", doc_type="signed")

    assert not Document.objects.exists()
    assert stored_files(agreement) == []


@pytest.mark.django_db
@override_settings(AGREEMENT_DOCUMENT_MAX_BYTES=100)
def test_an_oversized_file_is_refused_with_its_size_and_the_limit():
    agreement = AgreementFactory()
    big = PDF_BYTES + b"0" * 200

    with pytest.raises(ValidationError) as refused:
        services.document_add(agreement=agreement, upload=upload("big.pdf", big), title="MoU", doc_type="signed")

    assert refused.value.messages == [f"The file is {len(big)}\xa0bytes; the largest allowed is 100\xa0bytes."]
    assert not Document.objects.exists() and stored_files(agreement) == []


@pytest.mark.django_db
@override_settings(AGREEMENT_DOCUMENT_MAX_BYTES=1000)
def test_a_file_at_the_limit_is_accepted():
    content = PDF_BYTES.ljust(1000, b" ")
    document = services.document_add(
        agreement=AgreementFactory(), upload=upload("edge.pdf", content), title="MoU", doc_type="signed"
    )
    assert document.size == 1000


@pytest.mark.django_db
def test_the_same_title_twice_makes_a_second_version_and_keeps_the_first():
    agreement = AgreementFactory()
    first = services.document_add(
        agreement=agreement, upload=upload("mou.pdf", PDF_BYTES + b"%first"), title="Signed MoU", doc_type="signed"
    )
    second = services.document_add(
        agreement=agreement, upload=upload("mou.pdf", PDF_BYTES + b"%second"), title="Signed MoU", doc_type="signed"
    )
    other = services.document_add(
        agreement=agreement, upload=upload("annex.pdf", PDF_BYTES), title="Annex A", doc_type="annex"
    )

    assert (first.version_number, second.version_number, other.version_number) == (1, 2, 1)
    assert first.file.name != second.file.name
    with first.file.open("rb") as f1, second.file.open("rb") as f2:
        assert f1.read().endswith(b"%first") and f2.read().endswith(b"%second")
    assert len(stored_files(agreement)) == 3


@pytest.mark.django_db
def test_an_upload_locks_its_agreement_so_two_cannot_take_the_same_version():
    """Two simultaneous uploads under one title queue on the agreement's row instead of clashing."""
    if not connection.features.has_select_for_update:
        pytest.skip("SQLite serialises writers at BEGIN IMMEDIATE instead")
    agreement = AgreementFactory()
    with CaptureQueriesContext(connection) as queries:
        services.document_add(agreement=agreement, upload=upload("mou.pdf", PDF_BYTES), title="MoU", doc_type="signed")
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert len(locks) == 1 and '"agreements_agreement"' in locks[0]


# Through the pages


@pytest.mark.django_db
def test_upload_page_stores_the_document(profile, editor_client):
    agreement = AgreementFactory()
    url = reverse("agreements:agreement_upload", args=[agreement.pk])

    response = editor_client.post(
        url, {"title": "Signed MoU", "doc_type": "signed", "file": upload("mou.pdf", PDF_BYTES)}
    )

    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert "Signed MoU" in editor_client.get(response.url).content.decode()
    assert agreement.documents.get().version_number == 1


@pytest.mark.django_db
def test_upload_page_explains_a_wrong_type(profile, editor_client):
    agreement = AgreementFactory()

    response = editor_client.post(
        reverse("agreements:agreement_upload", args=[agreement.pk]),
        {"title": "Signed MoU", "doc_type": "signed", "file": upload("mou.pdf", b"hello")},
    )

    assert response.status_code == 400
    assert "content is not a PDF file, whatever its name says" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
@override_settings(AGREEMENT_DOCUMENT_MAX_BYTES=100)
def test_upload_page_explains_an_oversized_file(profile, editor_client):
    agreement = AgreementFactory()

    response = editor_client.post(
        reverse("agreements:agreement_upload", args=[agreement.pk]),
        {"title": "Signed MoU", "doc_type": "signed", "file": upload("mou.pdf", PDF_BYTES + b"0" * 200)},
    )

    assert response.status_code == 400
    assert "the largest allowed is 100" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_download_for_a_viewer_and_not_for_someone_without_a_role(profile, viewer_client):
    document = services.document_add(
        agreement=AgreementFactory(), upload=upload("mou.pdf", PDF_BYTES), title="MoU", doc_type="signed"
    )
    url = reverse("agreements:document_download", args=[document.pk])

    response = viewer_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == PDF
    assert 'filename="mou.pdf"' in response["Content-Disposition"]

    assert client_for(make_user("no-role")).get(url).status_code == 403
    assert viewer_client.get(reverse("agreements:document_download", args=[document.pk + 1000])).status_code == 404


@pytest.mark.django_db
def test_a_viewer_cannot_upload(profile, viewer_client):
    agreement = AgreementFactory()
    response = viewer_client.post(
        reverse("agreements:agreement_upload", args=[agreement.pk]),
        {"title": "MoU", "doc_type": "signed", "file": upload("mou.pdf", PDF_BYTES)},
    )
    assert response.status_code == 403 and not Document.objects.exists()
