# TEMPORARY stub until the registry helper lands its version.
from pypinyin import lazy_pinyin


def pinyin_for(text: str) -> str:
    return " ".join(lazy_pinyin(text)) if text else ""


def organisation_from_registry(*, entry, user=None):
    from partnerships.organisations.models import Organisation

    return Organisation.objects.create(name_en=entry.name, name_zh=entry.name_zh, ror_id=entry.ror_id)
