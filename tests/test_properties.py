"""Property (issue 11, acceptance): any string, number or date in any profile field gives
exit 0 with a valid DOCX, or exit 2 with a Vietnamese message naming the file and the field —
never a traceback, an internal error or a changed input file.

The command runs in this process (``cli.run``, the one place errors become exit codes); the
examples are bounded so that the test takes seconds, and fixed in CI (``derandomize``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqgen import cli
from nqgen.yamlio import read_yaml

from .test_inputs import XOP, english_in

BASE, _ = read_yaml(XOP)  # dates stay text, as nqgen reads them


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every field of the profile: leaves and the lists and tables that hold them."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


FIELDS = _paths(BASE) + [
    ("unit", "code"),
    ("year",),
    ("exclude",),
    ("party", "appendix"),
    ("ubnd", "number"),
    ("ubnd", "date", "day"),
    ("party", "title"),
    ("ubnd", "signer", "authority"),
    ("library_version",),
]


class Raw(str):
    """A token written into the YAML as it is (an unquoted, impossible date)."""


VALUES = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Zs", "Po", "Sm"])),
    st.sampled_from(["", " ", "{{ 7*7 }}", "{% if %}", "{_{", "None", "Đ" * 300, "١٢", "²"]),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["2025-02-30", "2024-13-45", "2025-00-10", "9999-12-31"]).map(Raw),
    st.none(),
    st.booleans(),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2),
)


def _with(value: Any, path: tuple[Any, ...]) -> str:
    data = yaml.safe_load(yaml.safe_dump(BASE))  # a deep copy
    node = data
    for part in path[:-1]:
        node = node[part]
    raw = None
    if isinstance(value, Raw):
        raw, value = str(value), "RAW_VALUE_TOKEN"
    node[path[-1]] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text.replace("RAW_VALUE_TOKEN", raw) if raw else text


@settings(
    max_examples=int(os.environ.get("NQGEN_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(path=st.sampled_from(FIELDS), value=VALUES)
def test_any_value_in_any_field_is_a_plan_or_a_vietnamese_error(path, value):
    text = _with(value, path)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ho-so.yaml"
        source.write_text(text, encoding="utf-8")
        before = hashlib.sha256(source.read_bytes()).hexdigest()
        out, err = io.StringIO(), io.StringIO()
        output = Path(tmp) / "ke-hoach.docx"
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.run(["render", str(source), "-o", str(output), "--no-check"])
        message = err.getvalue()
        assert hashlib.sha256(source.read_bytes()).hexdigest() == before
        assert "Traceback" not in message and "Lỗi nội bộ" not in message, message
        assert not english_in(message), message
        if code == 0:
            assert output.read_bytes()[:2] == b"PK"
            assert Document(str(output)).paragraphs  # a DOCX python-docx reads
            return
        assert code == 2, message
        assert not output.exists()
        if "trường '" in message:  # file, line and field
            assert f"Lỗi trong tệp {source}" in message, message
        else:  # compose names the role it misses ('police' of bodies.police)
            assert f"'{path[-1]}'" in message, message
