"""The layout's navigation is rendered once per process and language and kept in memory; what it
shows (the strands, the institution) is part of the key, so a change shows on the next page."""

import pytest

from partnerships.core.models import Strand


@pytest.mark.django_db
def test_a_renamed_strand_shows_in_the_sidebar_at_once(profile, editor_client):
    strand = Strand.objects.order_by("pk").first()
    assert strand.name_en in editor_client.get("/notifications/").content.decode()

    strand.name_en = "Renamed strand for the layout test"
    strand.save()

    assert "Renamed strand for the layout test" in editor_client.get("/notifications/").content.decode()


@pytest.mark.django_db
def test_the_navigation_follows_the_language(profile, editor_client):
    english = editor_client.get("/notifications/").content.decode()
    editor_client.post("/preferences/language/", {"language": "zh-hans", "next": "/"})
    chinese = editor_client.get("/notifications/").content.decode()

    assert ">Organisations</a>" in english and ">Organisations</a>" not in chinese
    assert Strand.objects.order_by("pk").first().name_zh in chinese
