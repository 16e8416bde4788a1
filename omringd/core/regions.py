"""The regions a regional team serves: the five Flemish provinces and Brussels, defined once.

Each region has a stable id (used in data files and markers), the province name the Belgian
postal list uses, its official area name (for JSON-LD), and its bpost postcode ranges (the
fallback when a postcode is not in the list of places).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """One region: its id, its name in the postal list, its area name and postcode ranges."""

    id: str
    province: str
    area: str
    postcodes: tuple[tuple[int, int], ...]


REGION_LIST: tuple[Region, ...] = (
    Region("antwerpen", "Antwerpen", "Provincie Antwerpen", ((2000, 2999),)),
    Region("limburg", "Limburg", "Provincie Limburg", ((3500, 3999),)),
    Region("oost-vlaanderen", "Oost-Vlaanderen", "Provincie Oost-Vlaanderen", ((9000, 9999),)),
    Region(
        "vlaams-brabant", "Vlaams-Brabant", "Provincie Vlaams-Brabant", ((1500, 1999), (3000, 3499))
    ),
    Region("brussel", "Brussel", "Brussels Hoofdstedelijk Gewest", ((1000, 1299),)),
    Region("west-vlaanderen", "West-Vlaanderen", "Provincie West-Vlaanderen", ((8000, 8999),)),
)
#: Region ids in their usual order.
REGIONS: tuple[str, ...] = tuple(r.id for r in REGION_LIST)
BY_ID = {r.id: r for r in REGION_LIST}


def region_for_postcode(postcode: int) -> str | None:
    """The region whose bpost range holds `postcode`, or None (Wallonia, abroad)."""
    for region in REGION_LIST:
        if any(low <= postcode <= high for low, high in region.postcodes):
            return region.id
    return None
