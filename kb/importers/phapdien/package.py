"""Reading the Bộ pháp điển package as published: the .zip as downloaded or its folder.

The package holds ``BoPhapDien.html`` (the viewer), ``demuc/<id>.html`` (one file per đề
mục) and, in the full download, ``jsonData.js`` (the tree: chủ đề, đề mục). Files may sit
under one top folder. Members are read one at a time, each under a size cap, so memory
stays bounded by the largest đề mục, not the package.

A zip cut short (a download that stopped) has lost its central directory: its members are
then recovered from their local headers, and the one cut in the middle is reported.
"""
from __future__ import annotations

import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from kb.errors import KbError

# A đề mục file is at most a few MB (the largest in 2026: 4 MB); 50 MB means something is wrong.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024

VIEWER = "BoPhapDien.html"
TREE = "jsonData.js"
DEMUC_DIR = "demuc"


@dataclass
class Member:
    """One đề mục file of the package: its name, and its bytes or why they cannot be read."""

    name: str  # "demuc/<id>.html" relative to the package root
    data: bytes | None = None
    error: str | None = None

    @property
    def demuc_id(self) -> str:
        return Path(self.name).stem


@dataclass
class Package:
    """An opened package: its đề mục members (listed, read lazily) and the optional files."""

    path: Path
    kind: str  # "zip" or "folder"
    demuc_names: list[str]
    viewer: bytes | None = None
    tree: bytes | None = None
    warnings: list[str] = field(default_factory=list)
    _reader: object = None

    def members(self) -> Iterator[Member]:
        """The đề mục files in name order, one at a time."""
        for name in self.demuc_names:
            yield self._reader(name)

    def close(self) -> None:
        closer = getattr(self._reader, "close", None)
        if closer:
            closer()


def _root_prefix(names: list[str]) -> str | None:
    """The folder the package's files sit in ("" at the top), or None if this is no package."""
    for name in names:
        parts = name.replace("\\", "/").split("/")
        if parts[-1] == VIEWER:
            return "/".join(parts[:-1] + [""]) if len(parts) > 1 else ""
    for name in names:
        parts = name.replace("\\", "/").split("/")
        if len(parts) >= 2 and parts[-2] == DEMUC_DIR and parts[-1].lower().endswith(".html"):
            return "/".join(parts[:-2] + [""]) if len(parts) > 2 else ""
    return None


def is_package(path: str | os.PathLike) -> bool:
    """A .zip or folder holding ``BoPhapDien.html`` or ``demuc/*.html`` (checked cheaply)."""
    path = Path(path)
    if path.is_dir():
        if (path / VIEWER).is_file() or (path / DEMUC_DIR).is_dir():
            return True
        subs = [p for p in path.iterdir() if p.is_dir()][:3]
        return any((p / VIEWER).is_file() or (p / DEMUC_DIR).is_dir() for p in subs)
    if path.is_file() and path.suffix.lower() == ".zip":
        names = _zip_names(path)
        return names is not None and _root_prefix(names) is not None
    return False


def _zip_names(path: Path) -> list[str] | None:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.namelist()[:MAX_MEMBERS]
    except zipfile.BadZipFile:
        return [name for name, _, _ in _scan_local_headers(path, names_only=True)]
    except OSError:
        return None


def open_package(path: str | os.PathLike) -> Package:
    """Open a package; :class:`KbError` with the reason when it is none or unreadable."""
    path = Path(path)
    if not path.exists():
        raise KbError(f"Không tìm thấy gói pháp điển: {path}")
    if path.is_dir():
        return _open_folder(path)
    return _open_zip(path)


def _open_folder(path: Path) -> Package:
    root = path
    if not ((root / VIEWER).is_file() or (root / DEMUC_DIR).is_dir()):
        subs = [p for p in sorted(path.iterdir()) if p.is_dir() and ((p / VIEWER).is_file() or (p / DEMUC_DIR).is_dir())]
        if not subs:
            raise KbError(f"Thư mục không phải gói Bộ pháp điển (thiếu {VIEWER} và {DEMUC_DIR}/): {path}")
        root = subs[0]
    demuc = root / DEMUC_DIR
    names = sorted(f"{DEMUC_DIR}/{p.name}" for p in demuc.glob("*.html")) if demuc.is_dir() else []
    if len(names) > MAX_MEMBERS:
        raise KbError(f"Gói có quá nhiều tệp đề mục ({len(names)}; giới hạn {MAX_MEMBERS}).")

    def read(name: str) -> Member:
        return Member(name, *_read_file(root / name))

    pkg = Package(path=path, kind="folder", demuc_names=names, _reader=read)
    pkg.viewer = _read_file(root / VIEWER)[0] if (root / VIEWER).is_file() else None
    pkg.tree = _read_file(root / TREE)[0] if (root / TREE).is_file() else None
    return pkg


def _read_file(path: Path) -> tuple[bytes | None, str | None]:
    try:
        size = path.stat().st_size
        if size > MAX_MEMBER_BYTES:
            return None, f"tệp quá lớn ({size / 1048576:.0f} MB, giới hạn {MAX_MEMBER_BYTES // 1048576} MB)"
        return path.read_bytes(), None
    except OSError as exc:
        return None, f"không đọc được tệp ({exc.strerror or exc})"


def _open_zip(path: Path) -> Package:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return _open_truncated_zip(path)
    except OSError as exc:
        raise KbError(f"Không đọc được tệp zip {path}: {exc.strerror or exc}") from None
    infos = {i.filename: i for i in zf.infolist()[: MAX_MEMBERS + 1]}
    if len(infos) > MAX_MEMBERS:
        zf.close()
        raise KbError(f"Gói có quá nhiều tệp ({len(infos)}+; giới hạn {MAX_MEMBERS}).")
    prefix = _root_prefix(list(infos))
    if prefix is None:
        zf.close()
        raise KbError(f"Tệp zip không phải gói Bộ pháp điển (thiếu {VIEWER} và {DEMUC_DIR}/*.html): {path}")
    total = sum(i.file_size for i in infos.values())
    if total > MAX_TOTAL_BYTES:
        zf.close()
        raise KbError(f"Gói giải nén quá lớn ({total / 1073741824:.1f} GB).")

    def read_member(full: str) -> tuple[bytes | None, str | None]:
        info = infos[full]
        if info.file_size > MAX_MEMBER_BYTES:
            return None, f"tệp quá lớn ({info.file_size / 1048576:.0f} MB)"
        try:
            with zf.open(info) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)  # the header's size may lie
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            return None, f"tệp trong zip bị hỏng ({exc})"
        if len(data) > MAX_MEMBER_BYTES:
            return None, "tệp quá lớn"
        return data, None

    demuc_prefix = prefix + DEMUC_DIR + "/"
    names = sorted(n[len(prefix):] for n in infos if n.startswith(demuc_prefix) and n.lower().endswith(".html")
                   and "/" not in n[len(demuc_prefix):])

    class Reader:
        def __call__(self, name: str) -> Member:
            return Member(name, *read_member(prefix + name))

        def close(self) -> None:
            zf.close()

    pkg = Package(path=path, kind="zip", demuc_names=names, _reader=Reader())
    if prefix + VIEWER in infos:
        pkg.viewer = read_member(prefix + VIEWER)[0]
    if prefix + TREE in infos:
        pkg.tree, error = read_member(prefix + TREE)
        if error:
            pkg.warnings.append(f"{TREE}: {error}")
    return pkg


# --- a zip without its central directory ----------------------------------------------------
_LOCAL = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


def _scan_local_headers(path: Path, names_only: bool = False) -> Iterator[tuple[str, bytes | None, str | None]]:
    """(name, data, error) for each member found from its local header, in file order."""
    try:
        size = path.stat().st_size
        fh = open(path, "rb")
    except OSError:
        return
    with fh:
        offset, count = 0, 0
        while offset + _LOCAL_HEADER.size <= size and count < MAX_MEMBERS:
            fh.seek(offset)
            head = fh.read(_LOCAL_HEADER.size)
            if len(head) < _LOCAL_HEADER.size or head[:4] != _LOCAL:
                break
            (_, _, flags, method, _, _, _, csize, usize, name_len, extra_len) = _LOCAL_HEADER.unpack(head)
            raw_name = fh.read(name_len)
            fh.read(extra_len)
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
            start = offset + _LOCAL_HEADER.size + name_len + extra_len
            count += 1
            if names_only:
                yield name, None, None
                if csize == 0 and flags & 0x08:
                    break  # sizes only in a trailing descriptor: cannot skip ahead without inflating
                offset = start + csize
                continue
            data, error, used = _inflate_at(fh, start, method, csize, usize, flags)
            yield name, data, error
            if used is None:
                break
            offset = start + used + (16 if flags & 0x08 else 0)


def _inflate_at(fh, start: int, method: int, csize: int, usize: int, flags: int) -> tuple[bytes | None, str | None, int | None]:
    """A member's bytes from its local data; ``used`` = compressed bytes consumed (None: stop)."""
    fh.seek(start)
    if method == 0:
        data = fh.read(csize)
        if len(data) < csize:
            return None, "tệp bị cắt cụt (zip không đầy đủ)", None
        return data, None, csize
    if method != 8:
        return None, f"phương thức nén {method} không hỗ trợ", None
    inflater = zlib.decompressobj(-15)
    out, used = [], 0
    total = 0
    while not inflater.eof:
        chunk = fh.read(1 << 16)
        if not chunk:
            return None, "tệp bị cắt cụt (zip không đầy đủ)", None
        try:
            piece = inflater.decompress(chunk, MAX_MEMBER_BYTES + 1 - total)
        except zlib.error as exc:
            return None, f"dữ liệu nén hỏng ({exc})", None
        total += len(piece)
        out.append(piece)
        if total > MAX_MEMBER_BYTES:
            return None, "tệp quá lớn", None
        used += len(chunk) - len(inflater.unused_data)
        if inflater.unconsumed_tail:
            return None, "tệp quá lớn", None
    return b"".join(out), None, used


def _open_truncated_zip(path: Path) -> Package:
    found = {name: (data, error) for name, data, error in _scan_local_headers(path)}
    prefix = _root_prefix(list(found))
    if prefix is None:
        raise KbError(f"Tệp zip hỏng hoặc không phải gói Bộ pháp điển: {path}")
    demuc_prefix = prefix + DEMUC_DIR + "/"
    names = sorted(n[len(prefix):] for n in found if n.startswith(demuc_prefix) and n.lower().endswith(".html"))

    def read(name: str) -> Member:
        return Member(name, *found[prefix + name])

    pkg = Package(path=path, kind="zip", demuc_names=names, _reader=read)
    pkg.warnings.append(
        f"Tệp zip không đầy đủ (mất mục lục cuối tệp): đọc được {len(names)} tệp đề mục từ phần còn lại."
    )
    pkg.viewer = found.get(prefix + VIEWER, (None, None))[0]
    pkg.tree = found.get(prefix + TREE, (None, None))[0]
    return pkg
