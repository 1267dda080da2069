"""Cold ingest of the corpus by this tree and by a baseline commit, back to back on this machine.

Each run is `python -m kg ingest CORPUS` in a subprocess with a fresh KG_HOME (so a cold embedding cache)
and the same environment; the baseline's code is taken from git (`git archive`), the venv is shared.
The ratio new/baseline is the figure to read: absolute times move with whatever else the machine runs,
and on a machine whose cores are busy with other work, parallel workers cannot go faster (CPU seconds,
summed over all processes of a run, show the work done whatever the load).

    python -m bench.throughput --baseline e7f980a [--corpus DIR] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def cold_ingest(tree: Path, corpus: Path, home: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (all its processes) of one cold `kg ingest` of ``corpus`` by the code in ``tree``."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "ingest", str(corpus)],
        cwd=tree,
        env={**env, "KG_HOME": str(home)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="git revision whose ingest is the baseline")
    parser.add_argument("--corpus", type=Path, default=(ROOT / "../shared/corpus").resolve())
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "throughput.json")
    args = parser.parse_args()
    env = {**os.environ, "KG_THREADS": os.environ.get("KG_THREADS", "1"), "HF_HUB_OFFLINE": "1"}
    runs: dict[str, list[float]] = {"baseline": [], "new": []}
    cpu: dict[str, list[float]] = {"baseline": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = checkout(args.baseline, Path(tmp) / "baseline")
        for r in range(args.rounds):
            order = (("baseline", base), ("new", ROOT))
            for name, tree in order if r % 2 == 0 else order[::-1]:  # alternate, so neither always runs first
                seconds, used = cold_ingest(tree, args.corpus, Path(tmp) / f"home-{name}-{r}", env)
                runs[name].append(round(seconds, 1))
                cpu[name].append(round(used, 1))
                print(f"{name}: {seconds:.1f} s wall, {used:.1f} s CPU, load {os.getloadavg()[0]:.1f}", flush=True)
    result = {
        "baseline_rev": args.baseline,
        "cpus": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "seconds": runs,
        "cpu_seconds": cpu,
        "ratio_new_over_baseline": round(min(runs["new"]) / min(runs["baseline"]), 3),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
