"""Names of the unit's world (tên gọi theo đơn vị): province words, village term, unit facts.

A plan uses the words of the unit that issues it (DESIGN.md, "Names of the unit's world"):

- the six centrally-run cities (thành phố trực thuộc trung ương: Hà Nội, Hải Phòng, Huế,
  Đà Nẵng, TP. Hồ Chí Minh, Cần Thơ) have a Thành ủy, an Ủy ban nhân dân Thành phố and
  Sở … Thành phố — never "tỉnh" (Luật Tổ chức chính quyền địa phương 2025, Điều 2);
- the self-governing villages (thôn, tổ dân phố; Thông tư 04/2012/TT-BNV, now Thông tư
  05/2022/TT-BNV) are called thôn, xóm, bản, ấp, làng, buôn in a xã and tổ dân phố, khu phố,
  khóm, khu vực in a phường, by province (``profiles/regions.yaml``);
- public facts decide some sectors: a phường is urban, a đặc khu is an island (all thirteen
  were island districts before 1/7/2025), a xã of a province that is all highland is highland.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import NqgenError
from ..models import Profile, Sector, UnitKind
from ..units import REGISTRY_DIR, ProvinceInfo, find_province
from ..yamlio import read_yaml

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


def province_info(profile: Profile) -> ProvinceInfo | None:
    """The official province of the profile, or None when the name is not in the list."""
    try:
        return find_province(profile.unit.province)
    except NqgenError:
        return None


def facts(province: ProvinceInfo | None) -> ProvinceFacts | None:
    """The public facts of a province (None for a province the registry does not know)."""
    if province is None:
        return None
    return _regions()[0].get(province.name)


def village_terms(kind: UnitKind, province: ProvinceInfo | None, code: int | None = None) -> list[str]:
    """Village terms of a unit kind in a province, most common first (``profiles/regions.yaml``);
    a đặc khu may have its own (``units``). Falls back to thôn / tổ dân phố."""
    own = _regions()[1].get(code or -1)
    if own is not None and "village" in own:
        return list(own["village"])
    found = facts(province)
    if found and kind.value in found.village:
        return list(found.village[kind.value])
    if kind == UnitKind.dac_khu and found and "xã" in found.village:
        return list(found.village["xã"])
    return ["tổ dân phố"] if kind == UnitKind.phuong else ["thôn"]


def village_term(profile: Profile) -> str:
    """The profile's village term (``village_term``), else the most common one of its kind and
    province; "khu dân cư" for a unit without villages (Hoàng Sa, Trường Sa)."""
    if profile.village_term:
        return profile.village_term
    terms = village_terms(profile.unit.kind, province_info(profile), profile.unit.code)
    return terms[0] if terms else "khu dân cư"


def province_words(profile: Profile) -> dict[str, str]:
    """How the plan names the province (Jinja ``province``; clauses/README.md §6):

    ``kind`` — "tỉnh" or "Thành phố" (a centrally-run city names itself with a capital T, as
    Hà Nội's own documents do: "Ủy ban nhân dân Thành phố"); ``full`` — "tỉnh Quảng Ngãi",
    "thành phố Hà Nội"; ``committee`` — "Tỉnh ủy" or "Thành ủy"; ``name``.
    """
    info = province_info(profile)
    city = bool(info and info.city)
    name = info.name if info else profile.unit.province
    return {
        "name": name,
        "kind": "Thành phố" if city else "tỉnh",
        "full": f"thành phố {name}" if city else f"tỉnh {name}",
        "committee": "Thành ủy" if city else "Tỉnh ủy",
    }


def public_sectors(kind: UnitKind, province: ProvinceInfo | None) -> list[Sector]:
    """Sectors that public data decides for a unit (DESIGN.md; issue 10 point 4):
    phường → đô thị; đặc khu → biển, đảo; xã → nông nghiệp, and miền núi where the whole
    province is highland. Border and coastal communes cannot be told from the province alone:
    the wizard asks."""
    if kind == UnitKind.phuong:
        return [Sector.urban]
    if kind == UnitKind.dac_khu:
        return [Sector.maritime]
    out = [Sector.agriculture]
    found = facts(province)
    if found and found.highland == "all":
        out.append(Sector.highland)
    return out
