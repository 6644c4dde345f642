"""`resolve_organisations`: JSON lines from standard input or a file, against everything or the registry alone."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerships.organisations.models import Organisation


def run(*args, stdin: str | None = None) -> list[dict]:
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("resolve_organisations", *args, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_stdin_one_json_object_a_line(small_registry):
    """Each non-empty line gets one object; Chinese stays Chinese; no match is null."""
    results = run(stdin="中山大學\n\nAcme Widgets Ltd, Ohio\nSCUT\n")
    assert [r["query"] for r in results] == ["中山大學", "Acme Widgets Ltd, Ohio", "SCUT"]
    first = results[0]
    assert first["match"] == {"ror_id": "0064kty71", "organisation_id": None, "name": "Sun Yat-sen University"}
    assert first["candidates"][0]["ror_id"] == "0064kty71" and 0 < first["score"] <= 1
    assert results[1]["match"] is None
    assert results[2]["match"]["ror_id"] == "0530pts50"


def test_input_file(small_registry, tmp_path):
    path = tmp_path / "strings.txt"
    path.write_text("Zhongshan Univ\nUniversity of Birmingham, UK\n", encoding="utf-8")
    results = run("--input", str(path))
    assert [r["match"]["ror_id"] for r in results] == ["0064kty71", "03angcq70"]


def test_output_keeps_chinese_unescaped(small_registry):
    out = io.StringIO()
    call_command("resolve_organisations", stdin=io.StringIO("暨南大学\n"), stdout=out)
    assert "暨南大学" in out.getvalue()


def test_registry_only_ignores_the_centres_records(small_registry):
    """--registry-only answers from the registry alone: no organisation IDs, no centre-only names."""
    organisation = Organisation.objects.create(
        name_en="Sun Yat-sen University", ror_id="0064kty71", aliases=["Da Zhong"]
    )
    assert run(stdin="SYSU\n")[0]["match"]["organisation_id"] == organisation.pk
    assert run("--registry-only", stdin="SYSU\n")[0]["match"]["organisation_id"] is None
    assert run(stdin="Da Zhong\n")[0]["match"]["organisation_id"] == organisation.pk
    assert run("--registry-only", stdin="Da Zhong\n")[0]["match"] is None


def test_missing_file_is_a_clear_error(small_registry, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("--input", str(tmp_path / "nope.txt"))
