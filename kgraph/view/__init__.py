"""The view stage: the knowledge graph as networkx (:mod:`.network`), laid out (:mod:`.layout`)
and drawn as one offline HTML page (:mod:`.render`); :mod:`.render_bench` times that page in
Chromium. Import the submodules themselves: this package imports nothing heavy.
"""
