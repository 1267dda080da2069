"""Screenshots of the main pages for reviewers: ``make screenshots`` (or ``python -m web.screenshots``).

Serves the store in KG_HOME (ingesting the default corpus first if nothing is there) on a free loopback
port, drives headless Chromium over the pages and saves full-page PNGs in screenshots/, desktop width and
phone width, in Japanese and English.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
MAX_HEIGHT = 5000  # px: a long document page is cut here; the top shows what it looks like

# name, path, language, width
PAGES: list[tuple[str, str, str, int]] = [
    ("01-home", "/", "en", 1280),
    ("02-answer-en", "/?q=" + quote("Who runs the Sakura Science Program?"), "en", 1280),
    ("03-answer-budget-ja", "/?q=" + quote("SATREPSの令和4年度の予算は？"), "ja", 1280),
    ("04-search-filtered", "/?q=" + quote("国際共同研究") + "&agency=jst", "ja", 1280),
    ("05-program-sakura", "/id/program/sakura-science", "en", 1280),
    ("06-program-iur", "/id/program/iur-system", "ja", 1280),
    ("07-law", "/id/law/iur-act", "en", 1280),
    ("08-provision", "/law/504AC0000000051/art_4", "ja", 1280),
    ("09-document", "/doc/{doc}", "ja", 1280),
    ("10-browse", "/browse", "en", 1280),
    ("11-sparql", "/sparql", "en", 1280),
    ("12-phone-answer", "/?q=" + quote("国際卓越研究大学制度の根拠条文は？"), "ja", 390),
    ("13-phone-program", "/id/program/sakura-science", "en", 390),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(home: Path | None) -> str:
    """The app on a free loopback port in this process; its base IRI stays the store's, links are paths."""
    from waitress.server import create_server

    from kg.settings import load_settings
    from server import create_app

    settings = load_settings(**({"home": home} if home else {}))
    from kg.home import Home

    if Home(settings.home).current() is None:
        from ingest.run import ingest

        print(f"nothing ingested in {settings.home}: ingesting {settings.corpus} first")
        ingest([settings.corpus], settings, progress=False)
    port = _free_port()
    server = create_server(create_app(settings), host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{port}"


# Navigation Timing of the page as loaded (before the window is resized for the full-page shot), in ms.
_TIMING = """const n = performance.getEntriesByType('navigation')[0];
return {response: n.responseEnd - n.startTime, dom_ready: n.domContentLoadedEventEnd - n.startTime,
        load: n.loadEventEnd - n.startTime, bytes: n.transferSize};"""


def japanese_font_missing() -> bool:
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True, check=False).stdout
    return not listed.strip()


def capture(base: str, out: Path) -> list[Path]:
    from selenium.webdriver.common.by import By

    from web.browser import chromium

    out.mkdir(parents=True, exist_ok=True)
    import requests

    docs = requests.get(f"{base}/api/documents", timeout=30).json()["documents"]
    doc = next((d["doc_id"] for d in docs if d["source"].startswith("000")), docs[0]["doc_id"])
    saved, timings = [], {}
    drivers: dict[int, object] = {}
    try:
        for name, path, lang, width in PAGES:
            driver = drivers.get(width)
            if driver is None:
                driver = drivers[width] = chromium(width=width, height=900, lang=lang)
            path = path.format(doc=doc)
            driver.get(f"{base}/lang/{lang}?next=" + quote(path, safe=""))  # type: ignore[attr-defined]
            started = time.perf_counter()
            while not driver.execute_script("return performance.timing.loadEventEnd") and time.perf_counter() - started < 10:  # type: ignore[attr-defined]
                time.sleep(0.05)
            timings[name] = {k: round(v) for k, v in driver.execute_script(_TIMING).items()}  # type: ignore[attr-defined]
            if driver.find_elements(By.ID, "cy"):  # type: ignore[attr-defined]
                while not driver.find_elements(By.CSS_SELECTOR, "#cy[data-ready]") and time.perf_counter() - started < 10:  # type: ignore[attr-defined]
                    time.sleep(0.1)
                time.sleep(0.3)
            height = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
            driver.set_window_size(width, min(int(height), MAX_HEIGHT))  # type: ignore[attr-defined]
            time.sleep(0.2)
            target = out / f"{name}.png"
            driver.save_screenshot(str(target))  # type: ignore[attr-defined]
            driver.set_window_size(width, 900)  # type: ignore[attr-defined]
            saved.append(target)
            t = timings[name]
            print(f"{target.name:28} load {t['load']:4d} ms (response {t['response']:3d} ms, {t['bytes'] // 1024} KiB)  {path}")
    finally:
        for driver in drivers.values():
            driver.quit()  # type: ignore[attr-defined]
    (out / "timings.json").write_text(json.dumps(timings, indent=1))
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m web.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="folder for the PNGs (default screenshots/)")
    parser.add_argument("--home", help="KG_HOME to serve (default: the KG_HOME setting)")
    parser.add_argument("--url", help="screenshot an already running server at this URL instead of starting one")
    args = parser.parse_args()
    if japanese_font_missing():
        print("warning: no Japanese font installed, Japanese text will show as boxes: apt-get install -y fonts-noto-cjk")
    base = args.url.rstrip("/") if args.url else serve(Path(args.home).resolve() if args.home else None)
    saved = capture(base, Path(args.out))
    print(f"{len(saved)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
