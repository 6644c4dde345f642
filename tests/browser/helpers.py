"""Small helpers shared by the browser tests."""

from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry


def registry_entry(ror_id: str, name: str, name_zh: str = "", **fields) -> RegistryEntry:
    """A normalised ROR record, as `load_ror` would store it."""
    fields.setdefault("country", "CN")
    fields.setdefault("types", ["education"])
    return RegistryEntry.objects.create(
        ror_id=ror_id,
        name=name,
        name_zh=name_zh,
        labels=[{"lang": "zh", "value": name_zh}] if name_zh else [],
        status="active",
        schema_version="2",
        record={"id": f"https://ror.org/{ror_id}", "names": [{"value": name, "types": ["ror_display"]}]},
        **fields,
    )


def scut_entry() -> RegistryEntry:
    return registry_entry(
        "0530pts50",
        "South China University of Technology",
        "华南理工大学",
        acronyms=["SCUT"],
        city="Guangzhou",
        province="Guangdong",
        website="https://www.scut.edu.cn",
    )


def organisation(name_en: str, name_zh: str = "", **fields) -> Organisation:
    fields.setdefault("kind", "university")
    fields.setdefault("country", "CN")
    return Organisation.objects.create(name_en=name_en, name_zh=name_zh, **fields)


def choose(page, select_id: str, typed: str, name: str) -> None:
    """Pick a record in an autocomplete choice list: type part of it, then click it in the dropdown."""
    page.locator(f"#{select_id}-ts-control").fill(typed)
    page.locator(f"#{select_id}-ts-dropdown").get_by_role("option", name=name, exact=True).click()
