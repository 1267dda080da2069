"""Optional models, off by default: a cross-encoder reranker and a ja→en translator.

Each is a local model directory (loaded with sentence-transformers' CrossEncoder or transformers'
seq2seq classes, never fetched from a hub) or the URL of a service on the network. Nothing here is
downloaded at run time; with neither setting the answerer uses only the typed spans and the graph's labels.

Service protocols (JSON over HTTP POST):
- reranker: ``{"query": str, "texts": [str]}`` → ``{"scores": [float]}``
- translator: ``{"text": str, "source": "ja", "target": "en"}`` → ``{"text": str}``
"""

from __future__ import annotations

import json
import urllib.request
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from kg.errors import ConfigError

TIMEOUT = 5.0  # seconds a service may take before the answer goes without it


class Reranker(Protocol):
    def scores(self, query: str, texts: list[str]) -> list[float]: ...


class Translator(Protocol):
    def translate(self, text: str) -> str: ...


def _post(url: str, payload: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read())


class LocalReranker:
    def __init__(self, path: Path) -> None:
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(str(path), local_files_only=True, device="cpu")

    def scores(self, query: str, texts: list[str]) -> list[float]:
        if not texts:
            return []
        return [float(s) for s in self.model.predict([(query, t) for t in texts], show_progress_bar=False)]


class ServiceReranker:
    def __init__(self, url: str) -> None:
        self.url = url

    def scores(self, query: str, texts: list[str]) -> list[float]:
        scores = _post(self.url, {"query": query, "texts": texts}).get("scores")
        if not isinstance(scores, list) or len(scores) != len(texts):
            raise ValueError(f"reranker service {self.url} returned no score per text")
        return [float(s) for s in scores]


class LocalTranslator:
    def __init__(self, path: Path) -> None:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(str(path), local_files_only=True).eval()

    def translate(self, text: str) -> str:
        import torch

        inputs = self.tokenizer(text, return_tensors="pt", truncation=True, max_length=256)
        with torch.no_grad():  # BERT-style tokenizers add token_type_ids, which seq2seq models do not take
            out = self.model.generate(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"], max_new_tokens=64)
        return str(self.tokenizer.decode(out[0], skip_special_tokens=True)).strip()


class ServiceTranslator:
    def __init__(self, url: str) -> None:
        self.url = url

    def translate(self, text: str) -> str:
        out = _post(self.url, {"text": text, "source": "ja", "target": "en"}).get("text")
        if not isinstance(out, str):
            raise ValueError(f"translator service {self.url} returned no text")
        return out


def _where(setting: str, value: str) -> str | Path:
    if value.startswith(("http://", "https://")):
        return value
    path = Path(value).expanduser()
    if not path.is_dir():
        raise ConfigError(f"{setting}={value!r} is neither an http(s) URL nor a model directory")
    return path


@lru_cache(maxsize=4)
def reranker(value: str) -> Reranker | None:
    """The reranker KG_RERANKER names, loaded once; None when it is empty."""
    if not value:
        return None
    where = _where("KG_RERANKER", value)
    return ServiceReranker(where) if isinstance(where, str) else LocalReranker(where)


@lru_cache(maxsize=4)
def translator(value: str) -> Translator | None:
    """The translator KG_TRANSLATOR names, loaded once; None when it is empty."""
    if not value:
        return None
    where = _where("KG_TRANSLATOR", value)
    return ServiceTranslator(where) if isinstance(where, str) else LocalTranslator(where)
