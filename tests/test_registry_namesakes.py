"""Creating an organisation from a registry entry when the register already has it by name, without a ROR ID."""

import pytest
from django.urls import reverse

from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysu_entry():
    return RegistryEntry.objects.create(
        ror_id="0064kty71",
        name="Sun Yat-sen University",
        name_zh="中山大学",
        acronyms=["SYSU"],
        types=["education"],
        city="Guangzhou",
        country="CN",
        schema_version="2",
        record={},
    )


def create(client, confirm=False):
    data = {"confirm_new": "1"} if confirm else {}
    return client.post(reverse("organisations:organisation_from_registry", args=["0064kty71"]), data)


@pytest.mark.parametrize(
    "names",
    [{"name_en": "Sun Yat-sen University"}, {"name_en": "Zhongshan U", "name_zh": "中山大學"}],
    ids=["english", "traditional-chinese"],
)
def test_namesake_without_ror_id_is_offered_instead(profile, editor_client, sysu_entry, names):
    hand_made = Organisation.objects.create(**names)
    response = create(editor_client)
    assert response.status_code == 302 and response["Location"] == sysu_entry.get_absolute_url()
    assert Organisation.objects.count() == 1  # nothing made

    page = editor_client.get(sysu_entry.get_absolute_url()).content.decode()
    assert hand_made.get_absolute_url() in page
    assert 'name="confirm_new"' in page

    assert create(editor_client, confirm=True).status_code == 302
    assert Organisation.objects.filter(ror_id="0064kty71").count() == 1


def test_no_namesake_creates_at_once(profile, editor_client, sysu_entry):
    Organisation.objects.create(name_en="South China University of Technology")
    # A record of the same name that carries another ROR ID is another organisation, not a namesake.
    Organisation.objects.create(name_en="Sun Yat-sen University", ror_id="01cqwmh55")
    assert create(editor_client).status_code == 302
    assert Organisation.objects.filter(ror_id="0064kty71").count() == 1
    page = editor_client.get(sysu_entry.get_absolute_url()).content.decode()
    assert 'name="confirm_new"' not in page
