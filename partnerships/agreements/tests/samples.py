"""Small but genuine files of each accepted type, built in memory."""

import io
import struct
import zipfile
import zlib

from partnerships.agreements.demo import demo_pdf


def _pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table (the demo data's generator)."""
    return demo_pdf("Sample")


def _png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def office_package(*parts: str) -> bytes:
    """An Office Open XML package (zip) holding [Content_Types].xml and the given parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        # A fixed date inside the zip: the same bytes in every process (pytest-xdist's workers compare
        # the parametrised test ids, which hold these bytes).
        package.writestr(
            zipfile.ZipInfo("[Content_Types].xml", FIXED_DATE),
            '<?xml version="1.0" encoding="UTF-8"?><Types/>',
            zipfile.ZIP_DEFLATED,
        )
        for part in parts:
            package.writestr(
                zipfile.ZipInfo(part, FIXED_DATE),
                '<?xml version="1.0" encoding="UTF-8"?><document/>',
                zipfile.ZIP_DEFLATED,
            )
    return buffer.getvalue()


PDF_BYTES = _pdf()
PNG_BYTES = _png()
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"
DOCX_BYTES = office_package("word/document.xml")
XLSX_BYTES = office_package("xl/workbook.xml")
