"""Names admins give registry entries: kept by admins alone, checked, kept across reloads of the
registry, and read by the resolver at once."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.registry.models import RegistryName
from partnerships.search.index import clear_index
from partnerships.search.resolver import resolve
from tests.conftest import client_for

from .records import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(tmp_path, profile, monkeypatch):
    """Two real records loaded; the shipped curated names left out, so only the names added here count."""
    monkeypatch.setattr("partnerships.search.index.shipped_names", lambda: ())
    path = tmp_path / "ror.jsonl"
    path.write_text(
        "".join(json.dumps(record(name), ensure_ascii=False) + "\n" for name in ("SYSU", "BIRMINGHAM")),
        encoding="utf-8",
    )
    call_command("load_ror", str(path), stdout=io.StringIO())
    clear_index()
    yield path
    clear_index()


def add(client, **fields):
    return client.post(reverse("registry:registryname_add"), fields)


def test_an_admin_adds_a_chinese_name_from_the_entry_page_and_the_resolver_finds_it(registry, admin_user):
    assert resolve("伯明翰大学", registry_only=True).match is None
    admin = client_for(admin_user)
    page = admin.get(reverse("registry:registryentry_detail", args=["03angcq70"])).content.decode()
    assert f"{reverse('registry:registryname_add')}?ror_id=03angcq70" in page
    response = add(admin, ror_id="03angcq70", name="伯明翰大学", kind="name", language="zh-Hans", source="uob.edu")
    assert response.status_code == 302 and response["Location"] == reverse(
        "registry:registryentry_detail", args=["03angcq70"]
    )
    # The index notices the new name without being told (its signature counts the names).
    result = resolve("英国伯明翰大学", registry_only=True)
    assert result.match is not None and result.match.ror_id == "03angcq70"
    assert "伯明翰大学" in admin.get(reverse("registry:registryentry_detail", args=["03angcq70"])).content.decode()


def test_a_name_is_checked_and_only_admins_keep_names(registry, admin_user, editor_client, viewer_client):
    admin = client_for(admin_user)
    bad = add(admin, ror_id="not-an-id", name="x", kind="short")
    assert bad.status_code == 400 and "ror_id" in bad.context["form"].errors
    unknown = add(admin, ror_id="052gg0110", name="牛津", kind="short")
    assert unknown.status_code == 400 and "no entry" in str(unknown.context["form"].errors["ror_id"])
    assert add(editor_client, ror_id="0064kty71", name="中大", kind="short").status_code == 403
    assert viewer_client.get(reverse("registry:registryname_list")).status_code == 200
    api = editor_client.post("/api/registry-names/", {"ror_id": "0064kty71", "name": "中大", "kind": "short"})
    assert api.status_code == 403
    assert not RegistryName.objects.exists()


def test_a_wrong_name_is_set_aside_and_names_survive_a_reload(registry, admin_user):
    assert resolve("中山大学", registry_only=True).match.ror_id == "0064kty71"
    admin = client_for(admin_user)
    add(admin, ror_id="0064kty71", name="中山大学", kind="not", source="test")
    add(admin, ror_id="0064kty71", name="Zhongda", kind="short", language="en")
    assert resolve("中山大学", registry_only=True).match is None
    call_command("load_ror", str(registry), stdout=io.StringIO())  # the registry is loaded again
    assert RegistryName.objects.count() == 2
    assert resolve("Zhongda", registry_only=True).match.ror_id == "0064kty71"
