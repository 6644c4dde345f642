"""Uploaded documents in S3-compatible object storage (DOCUMENT_STORAGE=s3, django-storages): the
same upload, download and backup as on a local folder, against a real S3 endpoint on loopback (moto's
server speaks the S3 protocol, so boto3 and django-storages run unchanged)."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.agreements import services
from partnerships.agreements.models import Document
from partnerships.settings.base import document_storage

from .conftest import client_for
from .factories import PDF_BYTES, AgreementFactory
from .processes.harness import free_port

BUCKET = "partnership-documents"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    """The settings DOCUMENT_STORAGE=s3 produces (partnerships/settings/base.py), at the test endpoint."""
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    )
    client.create_bucket(Bucket=BUCKET)
    environment = {
        "DOCUMENT_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
    }
    settings.STORAGES = {**settings.STORAGES, "default": document_storage(environment)}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.mark.django_db
def test_a_document_goes_to_the_bucket_and_comes_back_through_the_download(s3_storage, profile, editor, settings):
    from pathlib import Path

    agreement = AgreementFactory()
    upload = SimpleUploadedFile("signed.pdf", PDF_BYTES, content_type="application/pdf")
    document = services.document_add(agreement=agreement, upload=upload, title="Signed MoU", doc_type="signed")
    keys = [item["Key"] for item in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"documents/{document.file.name}"]
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()  # not on the local disk

    response = client_for(editor).get(reverse("agreements:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES

    # A second version of the same title never overwrites the first object.
    again = services.document_add(
        agreement=agreement, upload=SimpleUploadedFile("signed.pdf", PDF_BYTES), title="Signed MoU", doc_type="signed"
    )
    assert again.file.name != document.file.name
    assert len(s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]) == 2
    assert Document.objects.count() == 2
