"""The source policy: which sources a row may rest on.

Every data file that cites sources carries a ``source_quality`` label per
source (``official``, ``major_outlet`` or ``secondary``). Two kinds of source
may never be a row's only support:

* **blocked domains**: wiki mirrors, content farms, aggregator networks,
  personal blogs and mirrors of other sites (:data:`BLOCKED_DOMAINS`);
* **another government's state media**: a state-run outlet may record its own
  government's words (TASS for Russia's foreign minister), but not be the only
  record of what a third government said (Sputnik for a US official).

Both rules are checked by ``make validate`` (see :mod:`asian_nato.data.schemas`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

SOURCE_QUALITIES: dict[str, str] = {
    "official": "A government, treaty depositary or international-organisation record.",
    "major_outlet": "A wire service or newspaper of record.",
    "secondary": "Anything else: research institutes, regional or trade media, state media reporting on another government.",
}

# Registrable domains (a source matches the domain or any sub-domain of it).
BLOCKED_DOMAINS: dict[str, str] = {
    # wiki mirrors and reference copies of other sites
    "en-academic.com": "wiki mirror", "academic.ru": "wiki mirror", "wikiwand.com": "wiki mirror",
    "friendlywiki.com": "wiki mirror", "everybodywiki.com": "wiki mirror", "dbpedia.org": "wiki mirror",
    "wikizero.com": "wiki mirror", "justapedia.org": "wiki mirror", "alchetron.com": "wiki mirror",
    "self.gutenberg.org": "wiki mirror", "amansaja.com": "mirror", "datapacrat.com": "personal mirror",
    "studyres.com": "document mirror", "everycrsreport.com": "document mirror", "pubt.io": "mirror",
    # content farms and aggregator networks
    "news-pravda.com": "aggregator network", "einnews.com": "aggregator", "devdiscourse.com": "aggregator",
    "latestly.com": "aggregator", "newsrescue.com": "aggregator", "nexusnews.pro": "aggregator",
    "myglobalnews.net": "aggregator", "forexvolumes.com": "content farm", "activinvesting.net": "content farm",
    "today90.com": "content farm", "todayschronic.com": "content farm", "worldcdn.net": "mirror host",
    "workers.dev": "mirror host", "mooo.com": "mirror host", "merdeka.org": "content farm",
    "suryaa.com": "content farm", "cnzjfc.com": "content farm", "wilayah.com.my": "content farm",
    "fa.news": "aggregator", "smarteconomy24.com": "content farm", "factcheckednews.com": "content farm",
    "theedgymind.com": "content farm", "international-military.com": "content farm",
    "indoconnectsingapore.com": "content farm", "menafn.com": "aggregator", "newsbite.mooo.com": "mirror host",
    # personal blogs and personal sites
    "blogspot.com": "personal blog", "wordpress.com": "personal blog", "kinaforum.com": "personal blog",
    "senatorpaterson.com.au": "personal site", "larouchepub.com": "advocacy newsletter",
}

# State-run media, by the government that runs them.
STATE_MEDIA: dict[str, str] = {
    "tass.com": "RUS", "tass.ru": "RUS", "ria.ru": "RUS", "rt.com": "RUS", "sputniknews.com": "RUS",
    "sputnikglobe.com": "RUS", "sputniknews.cn": "RUS",
    "globaltimes.cn": "CHN", "chinadaily.com.cn": "CHN", "chinadailyhk.com": "CHN", "people.cn": "CHN",
    "cgtn.com": "CHN", "xinhuanet.com": "CHN", "news.cn": "CHN", "china.org.cn": "CHN", "chinagate.cn": "CHN",
    "kcna.kp": "PRK", "kcnawatch.org": "PRK",
    "vietnamplus.vn": "VNM", "vov.vn": "VNM", "vietnamnews.vn": "VNM", "qdnd.vn": "VNM",
    "antaranews.com": "IDN", "bernama.com": "MYS", "pna.gov.ph": "PHL", "irna.ir": "IRN",
    "presstv.ir": "IRN", "anews.com.tr": "TUR", "aa.com.tr": "TUR",
}


def domain_of(source: str) -> str:
    """The host of a URL, lower case without ``www.``; empty for a bibliography key."""
    if "://" not in source:
        return ""
    host = (urlsplit(source).hostname or "").lower()
    return host.removeprefix("www.")


def _match(host: str, table: dict[str, str]) -> str | None:
    """The entry of ``table`` whose domain is ``host`` or a parent of it."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in table:
            return candidate
    return None


def blocked_reason(source: str) -> str | None:
    """Why a source may not stand alone (e.g. 'wiki mirror'), or None if it may."""
    hit = _match(domain_of(source), BLOCKED_DOMAINS)
    return BLOCKED_DOMAINS[hit] if hit else None


def state_media_of(source: str) -> str | None:
    """The ISO3 code of the government that runs the outlet, or None."""
    hit = _match(domain_of(source), STATE_MEDIA)
    return STATE_MEDIA[hit] if hit else None


def split_sources(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def rests_only_on_blocked(cell: str) -> bool:
    """Every source in the ';'-separated cell is on the blocked list."""
    parts = split_sources(cell)
    return bool(parts) and all(blocked_reason(p) for p in parts)


def rests_only_on_foreign_state_media(cell: str, speaker_iso3: str) -> bool:
    """Every usable source is state media of a government other than the speaker's.

    Blocked sources do not count as support either way, so a row that cites a
    blog and Sputnik for a US official rests only on foreign state media.
    """
    usable = [p for p in split_sources(cell) if not blocked_reason(p)]
    owners = [state_media_of(p) for p in usable]
    return bool(usable) and all(owner is not None and owner != speaker_iso3 for owner in owners)
