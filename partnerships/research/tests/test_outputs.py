"""Outputs from RIS and BibTeX files, de-duplicated by DOI, all entries or none."""

import io

import pytest

from partnerships.core.imports import ImportRefused
from partnerships.research.models import Output, normalise_doi
from partnerships.research.outputs_import import outputs_import, read_entries
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

RIS = """TY  - JOUR
TI  - Long-term PM2.5 exposure and heart failure in Guangzhou
AU  - Li, Na
AU  - Whitfield, Catherine
PY  - 2025///
T2  - Environment International
DO  - https://doi.org/10.5555/Demo.2025.PM25
ER  -

TY  - DATA
TI  - Air-quality monitoring records, Pearl River Delta 2020-2024
AU  - Huang, Zhiqiang
PY  - 2024
PB  - Zenodo
DO  - 10.5555/demo.2024.aq
UR  - https://zenodo.org/records/1
ER  -
"""

BIBTEX = r"""@article{li2025,
  title = {Long-term {PM2.5} exposure and heart failure in Guangzhou},
  author = {Li, Na and Whitfield, Catherine},
  journal = {Environment International},
  year = {2025},
  doi = {10.5555/demo.2025.pm25}
}
@software{inspect2026,
  title = {Inspection toolkit},
  author = {Liu, Jianguo},
  year = {2026},
  url = {https://example.org/toolkit}
}
"""


def test_a_ris_file_makes_its_outputs_linked_to_the_project_and_partner():
    project, partner = ProjectFactory(), OrganisationFactory()
    result = outputs_import(read_entries("refs.ris", RIS.encode()), projects=[project], partners=[partner])

    assert len(result.created) == 2 and not result.linked
    article = Output.objects.get(kind="publication")
    assert article.doi == "10.5555/demo.2025.pm25"  # the resolver prefix dropped, lower-cased
    assert (article.year, article.venue) == (2025, "Environment International")
    assert article.authors == "Li, Na; Whitfield, Catherine"
    dataset = Output.objects.get(kind="dataset")
    assert dataset.url == "https://zenodo.org/records/1" and dataset.venue == "Zenodo"
    assert set(project.outputs.all()) == {article, dataset}
    assert set(partner.research_outputs.all()) == {article, dataset}


def test_a_doi_already_recorded_is_linked_not_made_again():
    first, second = ProjectFactory(), ProjectFactory()
    outputs_import(read_entries("refs.ris", RIS.encode()), projects=[first])

    result = outputs_import(read_entries("refs.bib", BIBTEX.encode()), projects=[second])

    assert [o.doi for o in result.linked] == ["10.5555/demo.2025.pm25"]
    assert [o.kind for o in result.created] == ["software"]
    assert Output.objects.filter(doi="10.5555/demo.2025.pm25").count() == 1
    assert set(Output.objects.get(doi="10.5555/demo.2025.pm25").projects.all()) == {first, second}


def test_the_same_doi_twice_in_a_file_is_one_output():
    doubled = RIS + RIS.replace("Environment International", "Env Int")
    result = outputs_import(read_entries("refs.ris", doubled.encode()))
    assert len(result.created) == 2 and Output.objects.count() == 2


def test_a_bad_entry_writes_nothing_and_is_named():
    bad = RIS.replace("TI  - Air-quality monitoring records, Pearl River Delta 2020-2024\n", "").replace(
        "DO  - https://doi.org/10.5555/Demo.2025.PM25", "DO  - not-a-doi"
    )
    with pytest.raises(ImportRefused) as refused:
        outputs_import(read_entries("refs.ris", bad.encode()))
    assert {(e.row, e.column) for e in refused.value.errors} == {(1, "doi"), (2, "title")}
    assert not Output.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("refs.pdf", b"%PDF", "Upload a .ris or .bib"),
        ("refs.ris", b"nothing here", "no entries"),
        ("refs.bib", b"@article{broken, title={x}", "Unreadable BibTeX near line 1"),
        ("refs.ris", "TY  - JOUR\nTI  - caf\xe9\nER  - \n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ImportRefused) as refused:
        read_entries(name, content)
    assert message in refused.value.errors[0].message


def test_normalise_doi():
    assert normalise_doi(" doi:10.1000/ABC ") == "10.1000/abc"
    assert normalise_doi("https://dx.doi.org/10.1000/x") == "10.1000/x"


def test_the_import_page_reports_and_links(profile, editor_client, viewer_client):
    project = ProjectFactory()
    upload = io.BytesIO(RIS.encode())
    upload.name = "refs.ris"
    response = editor_client.post("/outputs/import/", {"file": upload, "projects": [project.pk]})
    assert response.status_code == 200 and "2 new outputs" in response.content.decode()
    from django.contrib.contenttypes.models import ContentType

    from partnerships.core.models import ObjectChange

    sources = ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(Output), action="create")
    assert sorted(sources.values_list("source", flat=True)) == ["import", "import"]
    html = viewer_client.get(project.get_absolute_url()).content.decode()
    assert "Long-term PM2.5 exposure" in html[html.index('id="outputs"') :]
    assert viewer_client.post("/outputs/import/", {}).status_code == 403

    bad = io.BytesIO(b"@article{broken, title={x}")
    bad.name = "refs.bib"
    refused = editor_client.post("/outputs/import/", {"file": bad})
    assert refused.status_code == 400 and "Nothing was imported" in refused.content.decode()
