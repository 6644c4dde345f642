"""Which profile YAML sections load into which term models.

Core owns colleges, strands and themes; other apps register theirs in `AppConfig.ready()`
(agreements: `agreement_kinds`), so `load_profile` needs no change when an app adds a term list.
"""

SECTIONS: dict[str, type] = {}


def register(section: str, model: type) -> None:
    SECTIONS[section] = model
