"""The agreements API: create, transitions (with If-Match), renewal, document upload."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from partnerships.agreements.choices import Status
from partnerships.agreements.models import Agreement, AgreementKind, Document
from tests.factories import AgreementFactory

from .conftest import put_in
from .samples import PDF_BYTES, PNG_BYTES


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


def transition_url(agreement) -> str:
    return f"/api/agreements/{agreement.pk}/transition/"


@pytest.mark.django_db
def test_create_an_agreement_in_draft(profile, editor_client):
    kind = AgreementKind.objects.get(code="mou")

    response = post_json(
        editor_client,
        "/api/agreements/",
        {
            "kind": kind.pk,
            "title_en": "MoU with Jinan University",
            "title_zh": "与暨南大学的合作备忘录",
            "status": "active",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"  # status is read-only: it changes only through transitions
    assert Agreement.objects.get(pk=body["id"]).title_zh == "与暨南大学的合作备忘录"


@pytest.mark.django_db
def test_an_allowed_transition(profile, editor_client):
    agreement = AgreementFactory()

    response = post_json(editor_client, transition_url(agreement), {"to": "negotiation", "reason": "Draft sent"})

    assert response.status_code == 200
    assert response.json()["status"] == "negotiation" and response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    agreement.refresh_from_db()
    assert agreement.status == Status.NEGOTIATION


@pytest.mark.django_db
def test_a_forbidden_transition_is_a_400_that_changes_nothing(profile, editor_client):
    agreement = AgreementFactory()

    response = post_json(editor_client, transition_url(agreement), {"to": "active"})

    assert response.status_code == 400
    assert response.json() == {"to": ["An agreement that is Draft cannot become Active."]}
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (Status.DRAFT, 1)


@pytest.mark.django_db
def test_an_unknown_status_is_a_400(profile, editor_client):
    agreement = AgreementFactory()
    assert post_json(editor_client, transition_url(agreement), {"to": "celebrated"}).status_code == 400


@pytest.mark.django_db
def test_a_stale_if_match_is_a_412_that_changes_nothing(profile, editor_client):
    agreement = AgreementFactory()
    etag = editor_client.get(f"/api/agreements/{agreement.pk}/")["ETag"]
    moved = post_json(editor_client, transition_url(agreement), {"to": "negotiation"}, **{"If-Match": etag})
    assert moved.status_code == 200

    response = post_json(editor_client, transition_url(agreement), {"to": "legal_review"}, **{"If-Match": etag})

    assert response.status_code == 412
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (Status.NEGOTIATION, 2)


@pytest.mark.django_db
def test_a_viewer_cannot_move_an_agreement(profile, viewer_client):
    agreement = AgreementFactory()
    assert post_json(viewer_client, transition_url(agreement), {"to": "negotiation"}).status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT


@pytest.mark.django_db
def test_renew(profile, editor_client):
    agreement = put_in(AgreementFactory(), Status.ACTIVE)

    response = post_json(editor_client, f"/api/agreements/{agreement.pk}/renew/", {"end_date": "2033-06-30"})

    assert response.status_code == 201
    body = response.json()
    assert (body["predecessor"], body["status"], body["end_date"]) == (agreement.pk, "draft", "2033-06-30")

    again = post_json(editor_client, f"/api/agreements/{agreement.pk}/renew/", {})
    assert again.status_code == 400 and "already been renewed" in again.json()["non_field_errors"][0]


@pytest.mark.django_db
def test_a_draft_cannot_be_renewed(profile, editor_client):
    agreement = AgreementFactory()
    response = post_json(editor_client, f"/api/agreements/{agreement.pk}/renew/", {})
    assert response.status_code == 400
    assert not Agreement.objects.filter(predecessor=agreement).exists()


@pytest.mark.django_db
def test_document_upload_makes_versions(profile, editor_client):
    agreement = AgreementFactory()

    for expected in (1, 2):
        response = editor_client.post(
            "/api/agreement-documents/",
            {"agreement": agreement.pk, "title": "Signed MoU", "file": SimpleUploadedFile("mou.pdf", PDF_BYTES)},
        )
        assert response.status_code == 201, response.content
        assert response.json()["version_number"] == expected
        assert response.json()["content_type"] == "application/pdf"

    listed = editor_client.get(f"/api/agreement-documents/?agreement={agreement.pk}").json()["results"]
    assert sorted(d["version_number"] for d in listed) == [1, 2]


@pytest.mark.django_db
def test_document_upload_of_the_wrong_type_is_a_400(profile, editor_client):
    agreement = AgreementFactory()

    response = editor_client.post(
        "/api/agreement-documents/",
        {"agreement": agreement.pk, "title": "Signed MoU", "file": SimpleUploadedFile("mou.pdf", PNG_BYTES)},
    )

    assert response.status_code == 400
    assert "not a PDF file" in response.json()["file"][0]
    assert not Document.objects.exists()


@pytest.mark.django_db
@override_settings(AGREEMENT_DOCUMENT_MAX_BYTES=100)
def test_document_upload_too_large_is_a_400(profile, editor_client):
    agreement = AgreementFactory()

    response = editor_client.post(
        "/api/agreement-documents/",
        {"agreement": agreement.pk, "title": "MoU", "file": SimpleUploadedFile("mou.pdf", PDF_BYTES + b"0" * 200)},
    )

    assert response.status_code == 400 and "largest allowed" in response.json()["file"][0]
    assert not Document.objects.exists()
