"""Reproducible training and data-building steps (``kgraph train STEP``).

Each step reads public data installed by pip at training time only (never at run time) and
writes a small artifact shipped inside the package:

- ``names``: the given-name lexicon ``kgraph/lexicons/given_names.txt`` (:mod:`.names`);
- ``scorer``: the relation candidate scorer ``kgraph/models/relation_scorer.json`` (:mod:`.scorer`).
- ``tagger``: the Indonesian part-of-speech tagger ``kgraph/models/id_tagger/`` (:mod:`.tagger`;
  its data comes from ``pip install --no-deps nlp-id``).

Install the training extras first: ``pip install '.[train]'``.
"""
