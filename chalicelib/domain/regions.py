"""The nations and regions of the UK (the 12 ITL1 areas). How support by region is shown is
domain.disclosure's; which supports count there, and from when, domain.regional_figures'.

A person may give their region on their profile (optional). Each support records the region
the supporter had when they supported, so a withdrawal or an erasure takes the count off the
same region, whatever the profile says by then.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.errors import InvalidValue


@dataclass(frozen=True)
class Region:
    """A region supporters are counted in."""

    id: str
    name: str


REGIONS: tuple[Region, ...] = (
    Region("north-east", "North East"),
    Region("north-west", "North West"),
    Region("yorkshire-humber", "Yorkshire and The Humber"),
    Region("east-midlands", "East Midlands"),
    Region("west-midlands", "West Midlands"),
    Region("east", "East of England"),
    Region("london", "London"),
    Region("south-east", "South East"),
    Region("south-west", "South West"),
    Region("wales", "Wales"),
    Region("scotland", "Scotland"),
    Region("northern-ireland", "Northern Ireland"),
)
REGION_IDS: tuple[str, ...] = tuple(r.id for r in REGIONS)
REGION_NAMES: dict[str, str] = {r.id: r.name for r in REGIONS}

# Supporters who gave no region are counted too, so the breakdown adds up to the total.
UNKNOWN = "unknown"
COUNTED_AS: tuple[str, ...] = (*REGION_IDS, UNKNOWN)
COUNTED_NAMES: dict[str, str] = {**REGION_NAMES, UNKNOWN: "Region not given"}

# A count below this is shown only as SUPPRESSED: a handful of supporters in a region could be
# people their neighbours can name (domain.disclosure).
SUPPRESS_BELOW = 10
SUPPRESSED = "<10"


def check_region(region_id: str) -> str:
    """A region id from REGION_IDS, or InvalidValue (a ValueError) naming them."""
    if region_id not in REGION_NAMES:
        raise InvalidValue("not_a_region", regions=", ".join(REGION_IDS))
    return region_id


def counted_region(region_id: str | None) -> str | None:
    """The region a support is counted in: the one the supporter gave, if it is in the list (none
    given, or one no longer listed: only the total counts it, and its share is UNKNOWN)."""
    return region_id if region_id in REGION_NAMES else None


def counted_as(region_id: str | None) -> str:
    """The cell a support is counted under: its region (`counted_region`), else UNKNOWN."""
    return counted_region(region_id) or UNKNOWN
