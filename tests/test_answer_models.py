"""The optional reranker and translator: the real loading code on tiny models this test builds and saves
itself (no hub download), and the service protocol over a loopback HTTP server."""

from __future__ import annotations

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from kg.answer import models
from kg.errors import ConfigError

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "予", "算", "億", "円", "の", "は", "budget", "yen", "what", "is"]


def _tokenizer(path: Path):  # type: ignore[no-untyped-def]
    from transformers import BertTokenizer

    (path / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    return BertTokenizer(str(path / "vocab.txt"))


def _bert(**extra: object):  # type: ignore[no-untyped-def]
    from transformers import BertConfig

    return BertConfig(vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                      intermediate_size=32, max_position_embeddings=64, **extra)  # fmt: skip


def test_local_cross_encoder_reranker(tmp_path: Path) -> None:
    import torch
    from transformers import BertForSequenceClassification

    torch.manual_seed(0)
    _tokenizer(tmp_path).save_pretrained(tmp_path)
    BertForSequenceClassification(_bert(num_labels=1)).save_pretrained(tmp_path)
    reranker = models.reranker(str(tmp_path))
    assert isinstance(reranker, models.LocalReranker)
    scores = reranker.scores("what is the budget", ["予算は億円", "yen"])
    assert len(scores) == 2 and all(math.isfinite(s) for s in scores)
    assert reranker.scores("what is the budget", ["予算は億円"]) == pytest.approx(scores[:1])  # deterministic
    assert models.reranker(str(tmp_path)) is reranker  # loaded once


def test_local_seq2seq_translator(tmp_path: Path) -> None:
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    torch.manual_seed(0)
    tokenizer = _tokenizer(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    ids = {"pad_token_id": tokenizer.pad_token_id, "bos_token_id": tokenizer.cls_token_id,
           "eos_token_id": tokenizer.sep_token_id, "decoder_start_token_id": tokenizer.cls_token_id}  # fmt: skip
    config = BartConfig(vocab_size=len(VOCAB), d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=64,
                        forced_eos_token_id=None, **ids)  # fmt: skip
    BartForConditionalGeneration(config).save_pretrained(tmp_path)
    translator = models.translator(str(tmp_path))
    assert isinstance(translator, models.LocalTranslator)
    out = translator.translate("予算は億円")
    assert isinstance(out, str) and set(out.split()) <= set(VOCAB)  # a random tiny model: only its own words


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        out = {"scores": [float(len(t)) for t in body["texts"]]} if "texts" in body else {"text": f"EN<{body['text']}>"}
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_services_over_loopback() -> None:
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        assert models.reranker(url).scores("q", ["a", "abc"]) == [1.0, 3.0]  # type: ignore[union-attr]
        assert models.translator(url).translate("予算") == "EN<予算>"  # type: ignore[union-attr]
    finally:
        server.shutdown()


def test_off_by_default_and_bad_values_refused(tmp_path: Path) -> None:
    assert models.reranker("") is None and models.translator("") is None
    with pytest.raises(ConfigError):
        models.reranker(str(tmp_path / "missing"))
