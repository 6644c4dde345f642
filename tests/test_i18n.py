"""The Simplified Chinese catalogue: complete, compiled, and actually used by the pages.

The .po and the compiled .mo are both committed, so a machine without gettext still gets Chinese;
these tests check that the two agree, that nothing is left untranslated or fuzzy, that the
catalogue covers every string marked in the code, and that the language switch follows the user.
"""

import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from partnerships.core.models import UserPreference

from .conftest import client_for

PACKAGE = Path(settings.PACKAGE_DIR)
LC_MESSAGES = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr / msgstr[n], flags.

    Enough of the format for what makemessages writes; obsolete (#~) entries are skipped.
    """
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            if not line:
                entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line):
            key = match.group(1)
            entry[key] = _unquote(match.group(2))
        elif match := re.match(r'^"(.*)"$', line):
            entry[key] += _unquote(match.group(1))
        else:
            raise AssertionError(f"{path}: cannot read line {raw!r}")
    return entries


def entry_key(entry: dict) -> tuple:
    return entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")


def translations_of(entry: dict) -> list[str]:
    if "msgid_plural" in entry:
        return [value for key, value in entry.items() if key.startswith("msgstr[")]
    return [entry.get("msgstr", "")]


@pytest.fixture(autouse=True)
def _reset_language():
    """Requests here switch the thread's language to Chinese; leave the next test in the default."""
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def po_entries():
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l zh_Hans in partnerships/"
    return parse_po(PO_FILE)


# --- (a) the catalogue itself -------------------------------------------------------------------


def test_header_declares_chinese_with_one_plural_form(po_entries):
    header = next(e for e in po_entries if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"]
    assert "charset=UTF-8" in header["msgstr"]


def test_every_entry_is_translated_and_none_is_fuzzy(po_entries):
    messages = [e for e in po_entries if e["msgid"] != ""]
    assert len(messages) > 200  # the catalogue is the real one, not an empty shell
    untranslated = [entry_key(e) for e in messages if not all(t.strip() for t in translations_of(e))]
    fuzzy = [entry_key(e) for e in messages if "fuzzy" in e["flags"]]
    assert not untranslated, f"untranslated entries: {untranslated}"
    assert not fuzzy, f"fuzzy entries (check them, then remove the flag): {fuzzy}"
    for entry in messages:
        if "msgid_plural" in entry:
            assert {k for k in entry if k.startswith("msgstr[")} == {"msgstr[0]"}, entry_key(entry)


def test_translations_keep_every_placeholder(po_entries):
    for entry in po_entries:
        if not entry["msgid"]:
            continue
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for text in translations_of(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry_key(entry)


def test_compiled_catalogue_matches_the_po(po_entries):
    """The committed .mo is what Django reads; it must say what the .po says (recompile after edits)."""
    assert MO_FILE.exists(), "run compilemessages -l zh_Hans in partnerships/"
    with MO_FILE.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    for entry in po_entries:
        if not entry["msgid"]:
            continue
        context, msgid, plural = entry_key(entry)
        if plural:
            got = compiled.npgettext(context, msgid, plural, 1) if context else compiled.ngettext(msgid, plural, 1)
            want = entry["msgstr[0]"]
        else:
            got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            want = entry["msgstr"]
        assert got == want, f"{entry_key(entry)}: the .mo says {got!r}, the .po {want!r}"


# --- (b) the pages in Chinese -------------------------------------------------------------------


def test_organisation_list_in_chinese_for_a_viewer(profile, viewer_client):
    viewer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = viewer_client.get(reverse("organisations:organisation_list"))
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("zh-hans"):
        organisations = translation.gettext("Organisations")
        log_out = translation.gettext("Log out")
    assert organisations == "机构"
    assert '<html lang="zh-hans">' in html
    assert f">{organisations}</a>" in html  # the navigation
    assert log_out in html
    assert ">Organisations</a>" not in html


# --- (c) the language switch follows the user ---------------------------------------------------


def _page_language(client, **headers) -> str:
    html = client.get(reverse("organisations:organisation_list"), headers=headers).content.decode()
    match = re.search(r'<html lang="([^"]+)">', html)
    assert match, "the page has no <html lang>"
    return match.group(1)


def test_language_switch_is_saved_on_the_user(profile, viewer, viewer_client):
    target = reverse("organisations:organisation_list")
    response = viewer_client.post(reverse("set_language"), {"language": "zh-hans", "next": target})
    assert response.status_code == 302
    assert response["Location"] == target
    assert UserPreference.objects.get(user=viewer).language == "zh-hans"

    # A new session (another browser, no language cookie) still gets Chinese.
    fresh = client_for(viewer)
    assert _page_language(fresh) == "zh-hans"
    assert ">机构</a>" in fresh.get(target).content.decode()

    # The saved preference wins over the browser's Accept-Language.
    assert _page_language(fresh, accept_language="en-GB,en") == "zh-hans"

    # Switching back is saved too.
    response = fresh.post(reverse("set_language"), {"language": "en-gb", "next": target})
    assert response.status_code == 302
    assert UserPreference.objects.get(user=viewer).language == "en-gb"
    again = client_for(viewer)
    assert _page_language(again) == "en-gb"
    assert ">Organisations</a>" in again.get(target).content.decode()


def test_unknown_language_is_ignored(profile, viewer, viewer_client):
    response = viewer_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert not UserPreference.objects.filter(user=viewer).exists()


def test_login_page_follows_the_language_cookie(db, client):
    client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("login")})
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "登录" in html


# --- (d) the catalogue covers every marked string -----------------------------------------------


@pytest.mark.skipif(shutil.which("xgettext") is None or shutil.which("msguniq") is None, reason="needs gettext")
def test_catalogue_is_complete_for_the_code(tmp_path, monkeypatch, po_entries):
    """Extract the strings again from a copy of the package and compare: a string marked since the
    last makemessages (or one no longer used) fails here until the catalogue is regenerated."""
    source = tmp_path / "partnerships"
    shutil.copytree(
        PACKAGE,
        source,
        ignore=shutil.ignore_patterns("locale", "static", "data", "__pycache__", "*.pyc", "*.mo", "*.po"),
    )
    out = tmp_path / "locale"
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[out]):
        call_command("makemessages", locale=["zh_Hans"], no_location=True, no_obsolete=True, verbosity=0)
    extracted = {entry_key(e) for e in parse_po(out / "zh_Hans" / "LC_MESSAGES" / "django.po") if e["msgid"]}
    catalogue = {entry_key(e) for e in po_entries if e["msgid"]}
    missing, stale = extracted - catalogue, catalogue - extracted
    hint = "run makemessages -l zh_Hans --no-obsolete --no-location in partnerships/, translate, compilemessages"
    assert not missing, f"strings missing from the catalogue ({hint}): {sorted(missing, key=str)}"
    assert not stale, f"strings no longer in the code ({hint}): {sorted(stale, key=str)}"
