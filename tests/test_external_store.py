"""The service over an external SPARQL 1.1 store (KG_STORE=http://…): Oxigraph's own server (`oxigraph
serve`, from the `oxigraph` package) started here on a loopback port. The API, SPARQL endpoint and Linked
Data tests of test_server, test_sparql and test_linked_data run again in this module against it (their
`service`, `app` and `client` fixtures are overridden below), and publishing is checked to be atomic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from conftest import free_port

# The same tests, collected a second time in this module, so they see this module's fixtures.
from test_linked_data import *  # noqa: F403
from test_server import *  # noqa: F403
from test_sparql import *  # noqa: F403

from kg.errors import KGError
from kg.home import Home
from kg.service import Service
from kg.settings import Settings
from kg.store import RemoteStore, publish_external

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port, its default graph the union of its named graphs; or the server
    KG_TEST_STORE names (e.g. Virtuoso's http://127.0.0.1:8890/sparql, see the README's "Scale")."""
    if os.environ.get("KG_TEST_STORE"):
        url = os.environ["KG_TEST_STORE"]
        yield url
        return
    assert OXIGRAPH.is_file(), "the oxigraph server is missing: pip install -r requirements.txt"
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    args = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*args, "--union-default-graph", "--timeout-s", "10"], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
        time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def external_settings(settings: Settings, ingested, oxigraph_url: str, tmp_path_factory) -> Settings:  # type: ignore[no-untyped-def]
    """A copy of the session's KG_HOME pointed at the server, and rebuilt: the rebuild publishes to it
    (the embedding cache is copied too, so no passage is embedded again)."""
    from ingest.run import reindex

    home = tmp_path_factory.mktemp("kg_home_external") / "home"
    shutil.copytree(settings.home, home, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    external = replace(settings, home=home, store=oxigraph_url)
    reindex(external, progress=False)
    return external


@pytest.fixture(scope="module")
def service(external_settings: Settings) -> Iterator[Service]:
    svc = Service(external_settings)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def app(external_settings: Settings):  # type: ignore[no-untyped-def]
    from server import create_app

    application = create_app(external_settings)
    application.config["TESTING"] = True
    yield application
    application.extensions["kg"].close()


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def test_the_service_reads_the_external_store(service: Service, settings: Settings, ingested) -> None:  # type: ignore[no-untyped-def]
    embedded = Service(settings)
    try:
        assert isinstance(service.store(), RemoteStore)
        assert service.stats()["triples"] == embedded.stats()["triples"]
        assert service.stats()["classes"] == embedded.stats()["classes"]
    finally:
        embedded.close()


def test_a_failed_publish_leaves_the_store_unchanged(service: Service, external_settings: Settings, tmp_path: Path) -> None:
    before = len(RemoteStore(external_settings.store))
    good, bad = tmp_path / "good.nt", tmp_path / "bad.nt"
    good.write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    bad.write_text("<http://x/a> <http://x/b> this is not RDF .\n", encoding="utf-8")
    graphs = [(f"{external_settings.base_iri}/doc/new", good), (f"{external_settings.base_iri}/doc/broken", bad)]
    with pytest.raises(KGError, match="refused the update"):
        publish_external(external_settings.store, external_settings.base_iri, graphs)
    assert len(RemoteStore(external_settings.store)) == before
    assert service.stats()["documents"] == 5


def test_an_unreachable_store_fails_the_ingest_and_publishes_nothing(external_settings: Settings) -> None:
    from ingest.run import reindex

    home = Home(external_settings.home)
    before = home.current()
    down = replace(external_settings, store=f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(KGError, match="unreachable"):
        reindex(down, progress=False)
    assert home.current() == before
