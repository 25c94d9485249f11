"""The official unit list (danh mục đơn vị hành chính) and default profiles per unit.

Since 1/7/2025 Việt Nam has 34 provinces and 3,321 commune-level units (xã, phường, đặc khu);
the list comes from the PyPI package ``vietnam-provinces`` (DESIGN.md: never hand-copied).
A default profile for any unit combines that list, the province registry of parent documents
(``profiles/provinces/*.yaml``, national documents in ``_national.yaml``) and the unit-kind
defaults of ``profiles/defaults.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LibraryError, UnitError

if TYPE_CHECKING:
    from .models import ParentDocument, Profile, Sector, UnitKind

# The models (pydantic) and the library are imported inside the functions that need them, so
# that the province list — the wizard's first question — does not wait for them (issue 6).
REGISTRY_DIR = Path(__file__).resolve().parent.parent / "profiles" / "provinces"

_KIND_PREFIX = {"Xã ": "xã", "Phường ": "phường", "Đặc khu ": "đặc khu"}  # UnitKind values


def slugify(text: str) -> str:
    """ASCII slug: ``Quảng Ngãi`` -> ``quang-ngai`` (đ -> d, tone marks dropped)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class ProvinceInfo:
    """A province-level unit: ``name`` without the kind word (``Hà Nội``), ``city`` for a
    centrally-run city (thành phố trực thuộc trung ương)."""

    code: int
    name: str
    city: bool

    @property
    def official(self) -> str:
        """``Thành phố Hà Nội`` or ``Tỉnh Quảng Ngãi``."""
        return f"{'Thành phố' if self.city else 'Tỉnh'} {self.name}"

    @property
    def party_committee(self) -> str:
        """Superior line of a commune party committee (HD 05 2.1.2c): ``ĐẢNG BỘ TỈNH ...``."""
        return f"ĐẢNG BỘ {self.official.upper()}"

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class UnitInfo:
    """A commune-level unit from the official list: code, kind, name without the kind word."""

    code: int
    kind: UnitKind
    name: str
    province: ProvinceInfo

    @property
    def official(self) -> str:
        """``Xã Xốp``, ``Phường Ba Đình``, ``Đặc khu Phú Quốc``."""
        return f"{self.kind.value.capitalize()} {self.name}"

    @property
    def slug(self) -> str:
        """Safe, unique ASCII file name: ``xa-xop-23356`` (the official code avoids collisions
        such as the two "Tân Khánh")."""
        return f"{slugify(self.official)}-{self.code:05d}"


@lru_cache(maxsize=1)
def provinces() -> tuple[ProvinceInfo, ...]:
    """The 34 provinces in the official order."""
    from vietnam_provinces import Province

    out = []
    for p in Province.iter_all():
        city = p.name.startswith("Thành phố ")
        out.append(ProvinceInfo(p.code.value, p.name.removeprefix("Thành phố "), city))
    return tuple(out)


@lru_cache(maxsize=1)
def all_units() -> tuple[UnitInfo, ...]:
    """All 3,321 commune-level units, in the package's order."""
    from vietnam_provinces import Ward

    from .models import UnitKind

    by_code = {p.code: p for p in provinces()}
    out = []
    for w in Ward.iter_all():
        for prefix, kind in _KIND_PREFIX.items():
            if w.name.startswith(prefix):
                out.append(
                    UnitInfo(
                        w.code.value,
                        UnitKind(kind),
                        w.name[len(prefix) :],
                        by_code[w.province_code.value],
                    )
                )
                break
        else:  # pragma: no cover - the official list only has these three kinds
            raise LibraryError(f"Không nhận ra loại đơn vị của '{w.name}'.")
    return tuple(out)


def find_province(name: str) -> ProvinceInfo:
    """A province by name, with or without accents/kind word (``Quảng Ngãi``, ``quang ngai``).

    Raises NqgenError (Vietnamese) when none matches.
    """
    key = slugify(name.removeprefix("Tỉnh ").removeprefix("Thành phố ").removeprefix("tỉnh "))
    for p in provinces():
        if p.slug == key:
            return p
    raise UnitError(f"Không có tỉnh, thành phố tên '{name}' trong danh mục 34 đơn vị cấp tỉnh.")


def units_of(province: ProvinceInfo) -> list[UnitInfo]:
    """The province's commune-level units."""
    return [u for u in all_units() if u.province.code == province.code]


def find_unit(province: ProvinceInfo, name: str) -> UnitInfo:
    """A unit of ``province`` by name (``Xốp``, ``Xã Xốp``, ``xa xop``) or official code.

    Raises NqgenError when there is no such unit, or when the name is ambiguous (then the
    message lists the candidates with their kinds).
    """
    units = units_of(province)
    if name.strip().isdigit():
        for u in units:
            if u.code == int(name):
                return u
    # Exact spelling first: some units differ only by tone marks (Xã Sơn Hà / Xã Sơn Hạ).
    typed = unicodedata.normalize("NFC", name).strip().casefold()
    for u in units:
        if u.official.casefold() == typed:
            return u
    named = [u for u in units if u.name.casefold() == typed]
    if len(named) == 1:
        return named[0]
    key = slugify(name)
    exact = [u for u in units if slugify(u.official) == key]
    if exact:
        return exact[0]
    matches = [u for u in units if slugify(u.name) == key]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(u.official for u in matches)
        raise UnitError(f"Tên '{name}' trùng nhiều đơn vị của {province.official}: {names}.")
    raise UnitError(f"{province.official} không có xã, phường, đặc khu tên '{name}'.")


def official_unit(kind: UnitKind, name: str, province: str, code: int | None) -> UnitInfo | None:
    """The official unit a profile names: by ``code`` when given, else by province, kind and
    name; None when the name is not in the list (or names several units).

    Raises NqgenError (Vietnamese) for an unknown province, a code that is not in the list,
    or a code that belongs to another unit than the kind and name (a mistyped code would
    otherwise give some other commune's plan).
    """
    home = find_province(province)
    if code is not None:
        found = next((u for u in all_units() if u.code == code), None)
        if found is None:
            raise UnitError(f"mã đơn vị {code} không có trong danh mục 3.321 đơn vị cấp xã")
        if found.kind != kind or slugify(found.name) != slugify(name) or found.province != home:
            raise UnitError(
                f"mã đơn vị {found.code} là của {found.official} ({found.province.official}), "
                f"không phải {kind.value} {name} ({home.official})"
            )
        return found
    key = slugify(name)
    named = [u for u in units_of(home) if u.kind == kind and slugify(u.name) == key]
    return named[0] if len(named) == 1 else None


# --------------------------------------------------------------------------- public facts

REGIONS_FILE = REGISTRY_DIR.parent / "regions.yaml"


@dataclass(frozen=True)
class ProvinceFacts:
    """Public facts of a province (``profiles/regions.yaml``)."""

    coastal: bool
    border: tuple[str, ...]
    highland: str  # all, part, none
    village: dict[str, tuple[str, ...]]  # unit kind -> village terms, most common first


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, ProvinceFacts], dict[int, dict[str, Any]]]:
    from .yamlio import read_yaml

    data, _ = read_yaml(REGIONS_FILE)
    provinces = {
        name: ProvinceFacts(
            coastal=bool(v["coastal"]),
            border=tuple(v.get("border", [])),
            highland=str(v["highland"]),
            village={k: tuple(terms) for k, terms in v["village"].items()},
        )
        for name, v in data["provinces"].items()
    }
    units = {int(code): dict(v) for code, v in (data.get("units") or {}).items()}
    return provinces, units


def facts(province: ProvinceInfo | None) -> ProvinceFacts | None:
    """The public facts of a province (None for a province the registry does not know)."""
    if province is None:
        return None
    return _regions()[0].get(province.name)


def village_terms(
    kind: UnitKind, province: ProvinceInfo | None, code: int | None = None
) -> list[str]:
    """Village terms of a unit kind in a province, most common first (``profiles/regions.yaml``);
    a đặc khu may have its own (``units``). Falls back to thôn / tổ dân phố."""
    from .models import UnitKind

    own = _regions()[1].get(code or -1)
    if own is not None and "village" in own:
        return list(own["village"])
    found = facts(province)
    if found and kind.value in found.village:
        return list(found.village[kind.value])
    if kind == UnitKind.dac_khu and found and "xã" in found.village:
        return list(found.village["xã"])
    return ["tổ dân phố"] if kind == UnitKind.phuong else ["thôn"]


def public_sectors(kind: UnitKind, province: ProvinceInfo | None) -> list[Sector]:
    """Sectors that public data decides for a unit (DESIGN.md; issue 10 point 4), from
    ``profiles/regions.yaml``: a phường is urban (đô thị), a đặc khu an island (biển, đảo);
    a xã farms (nông nghiệp). In a province that is highland throughout (``highland: all``:
    the mountainous border provinces of the north, where most people belong to ethnic
    minorities), a xã is also miền núi and đồng bào dân tộc thiểu số, and biên giới when the
    province has a land border. Elsewhere a border or coastal commune cannot be told from the
    province alone: the wizard asks."""
    from .models import Sector, UnitKind

    if kind == UnitKind.phuong:
        return [Sector.urban]
    if kind == UnitKind.dac_khu:
        return [Sector.maritime]
    out = [Sector.agriculture]
    found = facts(province)
    if found and found.highland == "all":
        out += [Sector.highland, Sector.ethnic_minority]
        if found.border:
            out.append(Sector.border)
    return out


# --------------------------------------------------------------------------- registry


@lru_cache(maxsize=64)
def _parents_in(path: Path) -> tuple[ParentDocument, ...]:
    """A registry file's parents, read once per process (a batch builds thousands of profiles)."""
    from .models import ParentDocument
    from .yamlio import read_yaml

    if not path.exists():
        return ()
    data, _ = read_yaml(path)
    return tuple(ParentDocument.model_validate(p) for p in (data or {}).get("parents", []))


def national_parents() -> list[ParentDocument]:
    """Central documents every commune plan cites (NQ 57, NQ 03, NQ 71, KH 02-KH/BCĐTW)."""
    return list(_parents_in(REGISTRY_DIR / "_national.yaml"))


def province_parents(province: ProvinceInfo) -> list[ParentDocument]:
    """The province's own NQ 57 implementation documents; empty when the registry has none."""
    return list(_parents_in(REGISTRY_DIR / f"{province.slug}.yaml"))


def has_registry(province: ProvinceInfo) -> bool:
    """Whether ``profiles/provinces/`` holds documents of this province."""
    return (REGISTRY_DIR / f"{province.slug}.yaml").exists()


def default_profile(unit: UnitInfo) -> Profile:
    """A complete profile for any official unit: registry parents, default bodies and
    recipients, the village term and the sectors that public data decides
    (:mod:`nqgen.compose.world`: tổ dân phố/khu phố… in a phường, thôn/bản/ấp… in a xã by
    province; đô thị for a phường, biển, đảo for a đặc khu, nông nghiệp and miền núi for a xã),
    the provincial party committee as superior; number, date and signer left blank."""
    from .models import PartyCommittee, Profile, Unit

    terms = village_terms(unit.kind, unit.province, unit.code)
    return Profile(
        unit=Unit(kind=unit.kind, name=unit.name, province=unit.province.name, code=unit.code),
        village_term=terms[0] if terms else "khu dân cư",
        sectors=public_sectors(unit.kind, unit.province),
        parents=national_parents() + province_parents(unit.province),
        party=PartyCommittee(superior=unit.province.party_committee),
    )
