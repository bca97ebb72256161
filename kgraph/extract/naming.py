"""Relations that names state by themselves: a product named with its maker's name, a unit
named with its parent's.

"Google Drive", "Apple TV+", "BSI Mobile", "Microsoft Office 365", and the one-word compounds
"JioTV", "GrabFood": a product whose name opens with the name (or a printed alias) of an
organization of the same article is that organization's product, whether or not a sentence says
who made it. "Grab Indonesia", "Amazon Web Services", "Maersk Line": an organization whose name
is another organization's name followed by words naming a part of it
(:func:`kgraph.nlp.aliases.names_a_part`: a unit word, a place, a word of the language, an
acronym) is that organization's unit. Pure functions over the article's entities, so they can be
tested with hand-made ones.

>>> google = Entity("Google", "Organization", aliases=("Google LLC",))
>>> drive = Entity("Google Drive", "Product")
>>> brand_products([google, drive, Entity("Android", "Product")])
[('Google', 'Google Drive')]
>>> brand_products([Entity("Jio", "Organization"), Entity("JioTV", "Product"), Entity("Jiomart", "Product")])
[('Jio', 'JioTV')]
"""
from __future__ import annotations

from typing import Iterable

from kgraph.models import Entity
from kgraph.nlp.aliases import names_a_part
from kgraph.nlp.cues import opens_with_name
from kgraph.nlp.lexicon import NamesLexicon

__all__ = ["brand_products", "brand_units"]


def _forms(entity: Entity) -> list[str]:
    forms = [entity.name, *entity.aliases]
    if entity.known_as:
        forms.append(entity.known_as)
    return [f for f in forms if f]


def brand_products(entities: Iterable[Entity]) -> list[tuple[str, str]]:
    """(organization, product) for every product whose name starts with an organization's
    name or alias followed by more words ("Google Drive") or a capitalized part ("JioTV"; not
    "Googleplex", not "Google" itself).
    The longest organization name that opens the product's name wins ("Amazon Web Services
    Console": Amazon Web Services, not Amazon)."""
    entities = list(entities)
    orgs = sorted(((form, e.name) for e in entities if e.type == "Organization" for form in _forms(e)),
                  key=lambda pair: -len(pair[0]))
    out = []
    for product in (e for e in entities if e.type == "Product"):
        for org_form, org in orgs:
            if any(opens_with_name(form, org_form) for form in _forms(product)):
                out.append((org, product.name))
                break
    return out


def brand_units(entities: Iterable[Entity], lex: NamesLexicon) -> list[tuple[str, str]]:
    """(parent, unit) for every organization whose name (or alias) is another organization's
    name or alias followed by words naming a part of it ("Grab Indonesia", "Alibaba Cloud";
    :func:`kgraph.nlp.aliases.names_a_part`), not by its corporate form or trade ("Grab
    Holdings", "Uber Technologies"); the longest parent name wins.

    >>> lex = NamesLexicon(unit_words=frozenset({"cloud"}), places=(("indonesia",),))
    >>> orgs = [Entity(n, "Organization") for n in ("Grab", "Grab Indonesia", "Grab Cloud", "Grab Chuxing")]
    >>> brand_units(orgs + [Entity("Grab Pay", "Product")], lex)
    [('Grab', 'Grab Indonesia'), ('Grab', 'Grab Cloud')]
    """
    entities = [e for e in entities if e.type == "Organization"]
    parents = sorted(((form, e) for e in entities for form in _forms(e)), key=lambda pair: -len(pair[0]))
    out = []
    for unit in entities:
        for form, parent in parents:
            if parent is not unit and any(names_a_part(form, f, lex) for f in _forms(unit)):
                out.append((parent.name, unit.name))
                break
    return out
