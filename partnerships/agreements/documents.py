"""Upload checks by content, not by name: a PDF must start like a PDF, a DOCX must be a Word package."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF, DOCX, XLSX, PNG, JPEG = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "image/jpeg",
)
TYPE_BY_EXTENSION = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
ALLOWED = ", ".join(sorted(TYPE_BY_EXTENSION))


def max_bytes() -> int:
    return getattr(settings, "AGREEMENT_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)


def sniff(upload) -> str | None:
    """The type the bytes say the file is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


def inspect_upload(upload) -> str:
    """Refuse an oversized file or one whose content is not what its name claims; return its type."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())}
        )
    name = upload.name.lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    claimed = TYPE_BY_EXTENSION.get(extension)
    if claimed is None:
        raise ValidationError(_("Files of this type are not accepted. Accepted: %(types)s.") % {"types": ALLOWED})
    actual = sniff(upload)
    if actual != claimed:
        raise ValidationError(
            _("The file's content is not a %(ext)s file, whatever its name says.")
            % {"ext": extension.lstrip(".").upper()}
        )
    return actual
