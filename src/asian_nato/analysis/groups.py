"""Country groups used across chapters: candidates, adversaries, ASEAN, named scenarios.

Scenarios are defined from the arrangements in ``data/organizations.csv``
wherever possible, so they follow the data: a new Quad member would change
the "Quad alliance" scenario without any code change.
"""

from __future__ import annotations

import pandas as pd

from asian_nato.analysis.memberships import runs_on

# Governments that a NATO-like Asian alliance could plausibly include: the US,
# its treaty allies and Quad/AUKUS partners, and the ASEAN states that have
# discussed defence ties with them. Taiwan is left out of coalitions because
# no government that recognises Beijing could sign a treaty with it, and it
# has no UN voting record; it stays in the descriptive chapters.
CANDIDATES: tuple[str, ...] = (
    "USA", "JPN", "KOR", "AUS", "NZL", "PHL", "THA", "IND", "GBR", "SGP", "IDN", "MYS", "VNM",
)
ADVERSARIES: tuple[str, ...] = ("CHN", "RUS", "PRK")
US = "USA"
CHINA = "CHN"

# The US treaty allies in the region (ANZUS, Japan, ROK, Philippines, Thailand).
US_TREATY_ORGS: tuple[str, ...] = ("anzus", "us_jpn_treaty", "us_kor_mdt", "us_phl_mdt", "thanat_rusk")


def current_members(
    memberships: pd.DataFrame,
    org_ids: tuple[str, ...] | list[str],
    on: pd.Timestamp,
    status: str = "member",
) -> set[str]:
    """ISO3 codes whose spell with ``status`` (default full members) in any of ``org_ids`` covers ``on``.

    ``on`` has no default: the book observes every membership on the data's
    as-of date (:func:`asian_nato.analysis.memberships.snapshot_date`), never on the
    day it happens to be built.
    """
    active = (
        memberships["org_id"].isin(list(org_ids))
        & (memberships["status"] == status)
        & runs_on(memberships["joined_date"], memberships["left_date"], on)
    )
    return set(memberships.loc[active, "iso3"])


def scenarios(memberships: pd.DataFrame, on: pd.Timestamp) -> dict[str, tuple[str, ...]]:
    """Named coalitions as their memberships stand on ``on``, each restricted to :data:`CANDIDATES` and sorted.

    * Ishiba's Asian NATO: the US, its regional treaty allies, and the Quad
      and AUKUS members, the pacts his proposal would have knitted together
      (Chakravarti 2024).
    * Quad alliance: the Quad's members.
    * US–Japan–Australia–Philippines: the "Squad".
    * US–Japan–ROK: the trilateral.
    * ASEAN-inclusive: Ishiba's version plus the ASEAN members among the candidates.
    """
    def pick(codes: set[str]) -> tuple[str, ...]:
        return tuple(sorted(codes & set(CANDIDATES)))

    quad = current_members(memberships, ["quad"], on)
    aukus = current_members(memberships, ["aukus"], on)
    treaty = current_members(memberships, list(US_TREATY_ORGS), on)
    asean = current_members(memberships, ["asean"], on)
    ishiba = quad | aukus | treaty | {US}
    return {
        "Ishiba's Asian NATO": pick(ishiba),
        "Quad alliance": pick(quad),
        "US–Japan–Australia–Philippines": pick(current_members(memberships, ["squad"], on)),
        "US–Japan–ROK": pick(current_members(memberships, ["us_jpn_kor_trilateral"], on)),
        "ASEAN-inclusive": pick(ishiba | asean),
    }
