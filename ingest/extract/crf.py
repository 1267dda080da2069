"""Training a CRFsuite model and writing it atomically, and opening a trained one: what the name tagger and the
budget-subject ranker share."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def train(sequences: Iterable[tuple[list[dict[str, Any]], list[str]]], params: dict[str, Any], path: Path, empty: str) -> int:
    """Train on (features, labels) sequences with ``params`` and write the model to ``path`` atomically; returns the
    number of sequences. ``empty`` is the ValueError's message when there are none (and no file is written)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for x, y in sequences:
        trainer.append(x, y)
        n += 1
    if not n:
        raise ValueError(empty)
    trainer.set_params(params)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        trainer.train(tmp)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the model from other users of the checkout
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return n


def open_tagger(path: Path, missing: str) -> Any:
    """A CRFsuite tagger on the model at ``path``; FileNotFoundError with ``missing`` when there is none."""
    import pycrfsuite

    if not path.exists():
        raise FileNotFoundError(missing)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger
