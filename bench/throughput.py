"""Cold ingest of the corpus by this tree and by a baseline commit, back to back on this machine.

Each run is `python -m kg ingest CORPUS` in a subprocess with a fresh KG_HOME (so a cold embedding cache)
and the same environment; the baseline's code is taken from git (`git archive`), the venv is shared.
The ratio new/baseline is the figure to read: absolute times move with whatever else the machine runs.

    python -m bench.throughput --baseline e7f980a [--corpus DIR] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout(rev: str, into: Path) -> Path:
    """The tree of ``rev`` extracted into a folder (no worktree, nothing in the repo changes)."""
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def cold_ingest(tree: Path, corpus: Path, home: Path, env: dict[str, str]) -> float:
    """Wall seconds of one cold `kg ingest` of ``corpus`` by the code in ``tree``."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "ingest", str(corpus)],
        cwd=tree,
        env={**env, "KG_HOME": str(home)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="git revision whose ingest is the baseline")
    parser.add_argument("--corpus", type=Path, default=(ROOT / "../shared/corpus").resolve())
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "throughput.json")
    args = parser.parse_args()
    env = {**os.environ, "KG_THREADS": os.environ.get("KG_THREADS", "1"), "HF_HUB_OFFLINE": "1"}
    runs: dict[str, list[float]] = {"baseline": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = checkout(args.baseline, Path(tmp) / "baseline")
        for r in range(args.rounds):
            for name, tree in (("baseline", base), ("new", ROOT)):
                seconds = cold_ingest(tree, args.corpus, Path(tmp) / f"home-{name}-{r}", env)
                runs[name].append(round(seconds, 1))
                print(f"{name}: {seconds:.1f} s", flush=True)
    result = {
        "baseline_rev": args.baseline,
        "cpus": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "seconds": runs,
        "ratio_new_over_baseline": round(min(runs["new"]) / min(runs["baseline"]), 3),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
