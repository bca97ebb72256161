"""The learned relation candidate scorer: a linear model over :mod:`kgraph.extract.candidates`
features, one logistic regression per label, stored as plain JSON weights.

The model is trained by ``kgraph train scorer`` (:mod:`kgraph.training.scorer`) on the corpus's
dev half and the team's other gold articles (never on the blind half) and ships as
``kgraph/models/relation_scorer.json``. Inference is a sum of weights, with no machine-learning
library at run time.

>>> model = RelationScorer(labels=("fired>",), bias={"fired>": -1.0},
...                        weights={"t:fired:between": {"fired>": 3.0}}, thresholds={"fired>": 0.5})
>>> round(model.probabilities(["t:fired:between"], ["fired>"])["fired>"], 3)
0.881
>>> model.accepted(["types=x"], ["fired>"])
[]
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

from kgraph.errors import ExtractionError

__all__ = ["RelationScorer", "load_scorer", "SHIPPED_MODEL"]

#: The shipped model, inside the package.
SHIPPED_MODEL = "relation_scorer.json"


@dataclass(frozen=True)
class RelationScorer:
    """Weights per feature and label, a bias and an acceptance threshold per label."""

    labels: tuple[str, ...]
    bias: Mapping[str, float]
    weights: Mapping[str, Mapping[str, float]]
    thresholds: Mapping[str, float]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probabilities(self, features: Iterable[str], labels: Iterable[str]) -> dict[str, float]:
        """The probability of each of ``labels`` (those the model knows) for these features."""
        wanted = [label for label in labels if label in self.bias]
        logits = {label: self.bias[label] for label in wanted}
        for feature in set(features):
            row = self.weights.get(feature)
            if row:
                for label in wanted:
                    logits[label] += row.get(label, 0.0)
        return {label: 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) for label, z in logits.items()}

    def accepted(self, features: Iterable[str], labels: Iterable[str], lang: str = "") -> list[tuple[str, float]]:
        """(label, probability) of the labels whose probability reaches their threshold: the
        language's own (``"id:fired>"``) where training chose one, else the label's."""
        probs = self.probabilities(features, labels)
        return sorted(((label, p) for label, p in probs.items()
                       if p >= self.thresholds.get(f"{lang}:{label}", self.thresholds.get(label, 0.5))),
                      key=lambda lp: -lp[1])

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "labels": list(self.labels), "bias": dict(self.bias),
                "thresholds": dict(self.thresholds), "meta": dict(self.meta),
                "weights": {f: dict(row) for f, row in sorted(self.weights.items())}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str) -> "RelationScorer":
        try:
            labels = tuple(data["labels"])
            return cls(labels, dict(data["bias"]), {f: dict(r) for f, r in data["weights"].items()},
                       dict(data["thresholds"]), dict(data.get("meta", {})))
        except (KeyError, TypeError, AttributeError) as error:
            raise ExtractionError(f"{source}: not a kgraph relation scorer ({error})") from None


def load_scorer(path: Path | None = None) -> RelationScorer | None:
    """The model at ``path``, else the shipped one; None when no model ships."""
    if path is None:
        entry = resources.files("kgraph").joinpath("models", SHIPPED_MODEL)  # a data folder
        if not entry.is_file():
            return None
        text, source = entry.read_text(encoding="utf-8"), f"kgraph/models/{SHIPPED_MODEL}"
    else:
        try:
            text, source = Path(path).read_text(encoding="utf-8"), str(path)
        except OSError as error:
            raise ExtractionError(f"{path}: cannot read the relation scorer ({error.strerror or error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExtractionError(f"{source}: not valid JSON ({error.msg})") from None
    return RelationScorer.from_dict(data, source)
