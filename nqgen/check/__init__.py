"""Format checker (kiểm tra thể thức) for plan DOCX files: NĐ 30/2020 and the Party guidelines.

Public API: :func:`check_docx` returns a :class:`Report` of :class:`Finding` items;
:class:`CheckError` is raised for files that are not readable DOCX. ``nqgen check`` is wired in
:mod:`nqgen.check.cli`.
"""

from nqgen.check.engine import check_docx, detect_standard
from nqgen.check.findings import CheckError, Finding, Location, Report
from nqgen.check.specs import STANDARDS

__all__ = [
    "STANDARDS",
    "CheckError",
    "Finding",
    "Location",
    "Report",
    "check_docx",
    "detect_standard",
]
