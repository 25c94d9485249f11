"""The committed templates are what templates/build.py writes (issue 13, point 8): rebuilt
into a temporary folder, every template has the same parts, byte for byte, so a template
edited by hand, or the script changed without rebuilding, shows here."""

from __future__ import annotations

import importlib
import zipfile

from nqgen.paths import TEMPLATES_DIR


def test_build_py_rebuilds_the_committed_templates(tmp_path, monkeypatch):
    build = importlib.import_module("nqgen.templates.build")  # templates/build.py
    monkeypatch.setattr(build, "HERE", tmp_path)
    assert build.main() == 0
    built = sorted(tmp_path.glob("*.docx"))
    assert [p.name for p in built] == sorted(p.name for p in TEMPLATES_DIR.glob("*.docx"))
    for path in built:
        with zipfile.ZipFile(path) as new, zipfile.ZipFile(TEMPLATES_DIR / path.name) as old:
            assert new.namelist() == old.namelist(), path.name
            for part in old.namelist():
                assert new.read(part) == old.read(part), f"{path.name}: {part}"
