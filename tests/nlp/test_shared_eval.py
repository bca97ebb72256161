"""Entity F1 on the team's gold articles (../shared/eval seed + dev), scored by its score.py."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kgraph.articles import iter_articles
from kgraph.nlp import NlpCache


@pytest.mark.shared
def test_entity_f1_on_seed_and_dev(shared_eval, tmp_path):
    files = sorted(shared_eval.glob("seed/*.txt")) + sorted(shared_eval.glob("dev/*.txt"))
    cache = NlpCache(relations=False)
    rows = []
    for article in iter_articles(files):
        assert not isinstance(article, Exception), article
        doc = cache.get(article.lang or "en")(article.text)
        rows += [{"article": article.id, "entity": n, "type": e.type} for n, e in doc._.kg_entities.items()]
        rows += [{"article": article.id, "entity": a, "type": "Person"} for a in article.authors]
        if article.publisher:
            rows.append({"article": article.id, "entity": article.publisher, "type": "Organization"})
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join((shared_eval / d / "gold.jsonl").read_text(encoding="utf-8") for d in ("seed", "dev")))
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared_eval / "score.py"), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out[:out.rindex("}") + 1])
    assert report["entities"]["f1"] >= 0.90, report["entities"]
