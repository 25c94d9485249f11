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

from ..errors import NqgenError
from ..models import Profile
from ..units import ProvinceInfo, find_province, village_terms


def province_info(profile: Profile) -> ProvinceInfo | None:
    """The official province of the profile, or None when the name is not in the list."""
    try:
        return find_province(profile.unit.province)
    except NqgenError:
        return None


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
