"""Reading untrusted containers safely: zip archives with size limits, XML without entities or network.

Every limit is checked *before* a member is decompressed (from the sizes the
zip directory declares) and again while it is read (a lying directory cannot
get past the byte count), so a zip bomb costs at most the limit in memory.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from align.core.errors import InputError

MAX_MEMBER_BYTES = 128 * 1024 * 1024  # one XML part of a document
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all parts read from one archive
MAX_RATIO = 200  # deflate reaches ~1000:1 only on crafted data; real XML is 5-20:1
MAX_MEMBERS = 20000


def zip_names(data: bytes) -> frozenset[str] | None:
    """Member names when ``data`` is a readable zip archive, else None (never raises)."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return frozenset(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


class SafeZip:
    """A zip archive in memory whose members are read under size and ratio limits."""

    def __init__(self, data: bytes, source: str, kind: str):
        self.source = source
        self.kind = kind
        self._read_total = 0
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise InputError(f"{source}: not a readable {kind} file (corrupt zip: {error})") from None
        infos = self.archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"{source}: {len(infos)} parts in one {kind} file is over the {MAX_MEMBERS} limit; refusing")
        self._infos = {info.filename: info for info in infos}

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"{self.source}: {self.kind} file has no {name}; the file is damaged or not a {self.kind}")
        if info.flag_bits & 0x1:
            raise InputError(f"{self.source}: {self.kind} file is encrypted; save it without a password and try again")
        if info.file_size > MAX_MEMBER_BYTES or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20):
            raise InputError(f"{self.source}: {name} would unpack to {info.file_size / 2**20:.0f} MB (a zip bomb?); refusing")
        try:
            with self.archive.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
            raise InputError(f"{self.source}: cannot unpack {name} ({error}); the {self.kind} file is damaged") from None
        if len(data) > MAX_MEMBER_BYTES:
            raise InputError(f"{self.source}: {name} unpacks to more than {MAX_MEMBER_BYTES / 2**20:.0f} MB (a zip bomb?); refusing")
        self._read_total += len(data)
        if self._read_total > MAX_TOTAL_BYTES:
            raise InputError(f"{self.source}: unpacks to more than {MAX_TOTAL_BYTES / 2**20:.0f} MB; refusing")
        return data

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), f"{self.source}: {name}")


def _parser() -> etree.XMLParser:
    # No entity expansion (billion laughs), no DTD or external files, no network: markup is data here.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_pis=True)


def parse_xml(data: bytes, where: str) -> etree._Element:
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(f"{where}: malformed XML ({error.msg})") from None
    if root is None:
        raise InputError(f"{where}: empty XML")
    return root
