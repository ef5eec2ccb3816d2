"""The ``<prop type="...">`` names bitext writes into a TMX and reads back."""

from __future__ import annotations

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Unit props with a meaning of their own; a Bead.meta key of the same name goes out as ``x-meta-KEY``.
RESERVED = {"confidence", "reasons", "zh-ids", "en-ids", "zh-document", "en-document"}

SIGNATURE = "x-bitext-signature"  # the whole signature on one line, for people and grep
SIGNATURE_ENTRY = "x-signature-"  # + key: one prop per entry, read back exactly
DETAIL = "x-detail-"  # + key: Bitext.details, one prop per fact
DOCUMENT_PROPS = ("x-zh-document", "x-en-document", "x-document-score", "x-export")
HEADER_PROPS = {SIGNATURE, *DOCUMENT_PROPS}  # with SIGNATURE_ENTRY* and DETAIL*: the header props bitext reads into fields
