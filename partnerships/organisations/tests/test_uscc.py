"""A unified social credit code is checked by its check character (GB 32100-2015), on every channel."""

import json

import pytest
from django.core.exceptions import ValidationError

from partnerships.organisations.models import Organisation, uscc_check_character

# Codes as published by the companies (their business licences); the check character is the last.
REAL = ["91110108551385082Q", "91440300708461136T", "914403001922038216"]


@pytest.mark.parametrize("code", REAL)
def test_published_codes_pass(code):
    assert uscc_check_character(code) == code[17]


@pytest.mark.django_db
@pytest.mark.parametrize("code", REAL)
def test_one_mistyped_character_is_refused_with_the_expected_check(code):
    wrong = code[:5] + ("1" if code[5] != "1" else "2") + code[6:]
    org = Organisation(name_en="A company", kind="company", uscc=wrong)
    with pytest.raises(ValidationError) as refused:
        org.full_clean()
    assert "check character" in str(refused.value.message_dict["uscc"])
    Organisation(name_en="A company", kind="company", uscc=code.lower()).full_clean()  # normalised, then valid


@pytest.mark.django_db
def test_the_api_refuses_a_bad_check_character_with_a_field_error(editor_client):
    response = editor_client.post(
        "/api/organisations/",
        json.dumps({"name_en": "Mistyped Co.", "kind": "company", "uscc": "91110108551385082R"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "uscc" in response.json()
    assert not Organisation.objects.filter(name_en="Mistyped Co.").exists()
