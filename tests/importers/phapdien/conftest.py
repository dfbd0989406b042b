"""The fixture package: a folder written by hand (2 đề mục), zipped on demand."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent / "package"


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return target


@pytest.fixture
def package_dir(tmp_path) -> Path:
    """A writable copy of the fixture package (tests add broken files to it)."""
    target = tmp_path / "BoPhapDienDienTu"
    shutil.copytree(PACKAGE, target)
    return target


@pytest.fixture
def package_zip(tmp_path) -> Path:
    return zip_folder(PACKAGE, tmp_path / "BoPhapDienDienTu.zip")
