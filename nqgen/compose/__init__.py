"""Composition (soạn kế hoạch): profile + clause library → Plan.

``compose`` is pure: the same profile, library and day give the same Plan. The package keeps
one shared core and one module per document kind (the pipeline in docs/architecture.md):

- :mod:`~nqgen.compose.core` — bodies, plan year, targets resolved once, the Jinja variables
  of clause texts, citations and date checks;
- :mod:`~nqgen.compose.world` — the words of the unit's world (province, village term,
  sectors public data decides);
- :mod:`~nqgen.compose.select` — which clauses a plan takes, and why (scope, evidence, focus);
- :mod:`~nqgen.compose.rows` — selected clauses as section III paragraphs and appendix rows;
- :mod:`~nqgen.compose.ubnd`, :mod:`~nqgen.compose.party` — the skeleton of each document kind;
- :mod:`~nqgen.compose.files` — Plan and profile files (YAML);
- :mod:`~nqgen.compose.basis` — what each text was composed from (for ``nqgen update``).
"""

from __future__ import annotations

from datetime import date

from ..library import load_library
from ..models import DocKind, Library, Plan, Profile
from . import core
from .basis import stamp
from .core import cite, party_plan_parent, resolve_bodies
from .files import load_plan, load_profile, load_source, plan_to_yaml
from .party import compose_party
from .ubnd import compose_ubnd


def compose(
    profile: Profile,
    library: Library | None = None,
    kind: DocKind | None = None,
    profile_path: str | None = None,
    today: date | None = None,
) -> Plan:
    """Compose the Plan of ``profile`` for ``kind`` (default: the profile's kind) from
    ``library`` (default: the shipped clause library, :func:`nqgen.library.load_library`).

    ``profile_path`` names the profile in messages and in the Plan's provenance. ``today``
    fixes the plan year of a profile without year or date (default: the real day).
    The profile's ``type`` chooses the implementation plan or the annual plan of its year.
    The plan is stamped with what each text was composed from
    (:func:`nqgen.compose.basis.stamp`) when it is first written as YAML (:func:`plan_to_yaml`;
    a batch that only renders DOCX does not pay for it).
    Raises InputError (file, field) for a profile the plan cannot be made from, LibraryError
    when a clause names a role the commune has no body for.
    """
    kind = kind or profile.kind
    ctx = core.context(profile, library or load_library(), kind, profile_path, today)
    if kind == DocKind.kh_du:
        return compose_party(ctx)
    return compose_ubnd(ctx)


__all__ = [
    "compose",
    "stamp",
    "plan_to_yaml",
    "load_plan",
    "load_profile",
    "load_source",
    "cite",
    "party_plan_parent",
    "resolve_bodies",
]
