"""Format checker (kiểm tra thể thức) for plan DOCX files: NĐ 30/2020 and the Party guidelines.

Public API: :func:`check_docx` returns a :class:`Report` of :class:`Finding` items;
:class:`CheckError` is raised for files that are not readable DOCX. :func:`fix_docx` returns a
:class:`FixResult` (the safe corrections of ``nqgen fix`` on a copy). ``nqgen check`` and
``nqgen fix`` are wired in :mod:`nqgen.check.cli`.
"""

from nqgen.check.engine import check_docx, detect_standard
from nqgen.check.findings import CheckError, Finding, Location, Report
from nqgen.check.fix import FixResult, fix_docx
from nqgen.check.specs import STANDARDS

__all__ = [
    "STANDARDS",
    "CheckError",
    "Finding",
    "FixResult",
    "Location",
    "Report",
    "check_docx",
    "detect_standard",
    "fix_docx",
]
