"""Text for the XML inside DOCX and XLSX files.

XML 1.0 cannot hold the C0 control characters other than tab, line feed and carriage return, and
python-docx and openpyxl refuse them, failing the whole document. Citizens' text is stored as received
(pasted text sometimes carries such characters); it is cleaned only where it is written into a file.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    """`text` with every character XML cannot hold replaced by a space (same length)."""
    return CONTROL.sub(" ", text)
