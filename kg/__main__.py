"""Command line: ``python -m kg <command>``. Each command parses its arguments and calls a plain function.

Errors print one line and a fix hint to stderr and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from kg.errors import BadRequest, KGError
from kg.settings import Settings, load_settings, settings_table


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.run import ingest

    paths = [Path(p) for p in args.paths] or [settings.corpus]
    report = ingest(paths, settings, progress=not args.quiet, force=args.force)
    if args.json:
        _print_json(report.to_json())
    else:
        print(
            f"ingested {len(report.ingested)}, unchanged {len(report.skipped)}, "
            f"removed {len(report.removed)}, failed {len(report.failed)}"
        )
        for name, secs in report.seconds.items():
            print(f"  {name}: {secs:.1f} s, {report.problems.get(name, 0)} extraction problems")
        for name, legal in report.legal.items():
            if legal["references"] or legal["problems"]:
                print(f"  {name}: {legal['provisions']} provisions quoted, {legal['references']} provision references, "
                      f"{legal['resolved']} resolved, {legal['unresolved']} unresolved")  # fmt: skip
            for problem in legal["problems"]:
                print(f"  {name}: legal: {problem}", file=sys.stderr)
        for name, problems in report.violations.items():
            print(f"  {name}: {len(problems)} SHACL violations, e.g. {problems[0]}", file=sys.stderr)
        for path, message in report.failed:
            print(f"  failed: {path}: {message}", file=sys.stderr)
        if report.generation is None:
            print("nothing changed; store and index left as they were")
    return 1 if report.failed and not report.ingested and not report.skipped else 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.run import remove

    report = remove(args.doc, settings, progress=not args.quiet)
    print(f"removed {', '.join(report.removed)}")
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.run import reindex

    report = reindex(settings, progress=not args.quiet)
    print(f"rebuilt {report.generation}")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import os

    if args.host:
        os.environ["KG_HOST"] = args.host
    if args.port:
        os.environ["KG_PORT"] = str(args.port)
    from server import main

    main()
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from kg.service import Service

    service = Service(settings)
    filters = service.filters(doc=args.doc, entity=args.entity, type=args.type, fiscal_year=args.fiscal_year,
                              country=args.country, agency=args.agency)  # fmt: skip
    result = service.search(args.query, args.k, filters)
    if args.json:
        _print_json(result)
        return 0
    for i, hit in enumerate(result["hits"], 1):
        text = hit["text"].replace("\n", " ")
        print(
            f"{i:2d}. {hit['score']:.4f} {hit['passage_id']} [{hit['start']}-{hit['end']}] "
            f"{hit['title']} ({'+'.join(hit['components'])})"
        )
        print(f"    {text[:200]}")
    if args.facets:
        _print_facets(result["facets"])
    return 0


def _print_facets(facets: dict[str, Any]) -> None:
    print(f"facets over the top {facets['depth']} passages:")
    for name in ("doc", "type", "fiscal_year", "country", "agency"):
        values = [f"{v.get('title') or (v.get('labels') or {}).get('en') or v['value']} ({v['count']})" for v in facets[name]]
        if values:
            print(f"  {name}: " + "; ".join(values))


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from kg.ask import Answerer
    from kg.service import Service

    answer = Answerer(Service(settings)).ask(args.question).to_json()
    if args.json:
        _print_json(answer)
        return 0
    if not answer["answered"]:
        print("No answer: nothing in the documents supports one.")
        return 0
    print(answer["answer"])
    if answer["sparql"]:
        print(f"\n(from the graph)\n{answer['sparql']}")
    for c in answer["citations"][:5]:
        print(f"\n[{c['passage_id']} {c['start']}-{c['end']}] {c['title'] or ''}\n  {c['text'].strip()[:300]}")
    return 0


def cmd_sparql(args: argparse.Namespace, settings: Settings) -> int:
    from kg.service import Service

    query = args.query
    if query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise BadRequest(f"cannot read query file {query[1:]}: {exc.strerror}") from None
    fmt = {"turtle": "ttl", "ntriples": "nt"}.get(args.format, args.format)
    service = Service(settings)
    try:
        result = service.sparql(query, fmt)
    finally:
        service.close()
    sys.stdout.buffer.write(result.body)
    if not result.body.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from kg.export import export
    from kg.service import Service

    service = Service(settings)
    store = service.store()
    if args.output:
        out = Path(args.output)
        tmp = out.with_name(f".{out.name}.tmp")
        with open(tmp, "wb") as fh:
            n = export(store, args.format, fh, service.iris)
        tmp.replace(out)
        print(f"wrote {n} statements to {out}", file=sys.stderr)
    else:
        n = export(store, args.format, sys.stdout.buffer, service.iris)
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from kg.service import Service

    service = Service(settings)
    stats = service.stats()
    stats["documents_detail"] = [
        {k: d[k] for k in ("doc_id", "source", "title", "issued", "counts")}
        | {
            "publishers": [p["labels"].get("en") or p["labels"].get("ja") for p in d["publishers"]],
            "shacl_violations": len(d["shacl_violations"]),
        }  # fmt: skip
        for d in service.documents()
    ]
    if args.json:
        _print_json(stats)
        return 0
    print(f"generation {stats['generation']}: {stats['documents']} documents, {stats['triples']} triples, "
          f"{stats['named_graphs']} named graphs, {stats['passages']} passages ({stats['embedding_model']})")  # fmt: skip
    print("instances per class:")
    for cls, n in stats["classes"].items():
        print(f"  {cls:20s} {n}")
    print("documents:")
    for d in stats["documents_detail"]:
        print(f"  {d['doc_id']} {d['issued']} {', '.join(d['publishers'])} | {d['title']} | violations {d['shacl_violations']}")
    return 0


def cmd_links(args: argparse.Namespace, settings: Settings) -> int:
    from kg.legal import Legal
    from kg.service import Service

    result = Legal(Service(settings)).links(args.text)
    if args.json:
        _print_json(result)
        return 0
    subject = result["subject"]
    print(f"{subject['labels'].get('ja', '')} / {subject['labels'].get('en', '')}  <{subject['iri']}>")
    for title, key in (("governed by", "governedBy"), ("governs", "governs")):
        entries = result.get(key) or []
        if key in result:
            print(f"{title} ({len(entries)}):")
        for e in entries:
            labels = e["fullLabels"] or e["labels"]
            print(f"  {labels.get('ja', '')}  |  {labels.get('en', '')}{'  (curated)' if e['curated'] else ''}")
            print(f"    <{e['iri']}>")
            for ev in e["evidence"]:
                print(f"    [{ev['rule']}] {ev['passage']} [{ev['start']}-{ev['end']}]: {ev['text'][:160]}")
    if result.get("definition"):  # a term a law defines
        print(f"definition: {result['definition']}")
    for title, key in (("cites", "cites"), ("cited by", "citedBy"), ("uses terms", "usesTerms"), ("defines", "defines"),
                       ("defined in", "definedIn"), ("used by", "usedBy")):  # fmt: skip
        if result.get(key):
            print(f"{title} ({len(result[key])}):")
            for e in result[key]:
                print(f"  {e['fullLabels'].get('ja', '')}  |  {e['fullLabels'].get('en', '')}  <{e['iri']}>")
    for event in result.get("events", []):
        print(f"event {event['labels'].get('ja', '')} / {event['labels'].get('en', '')} <{event['iri']}>, governed by:")
        for e in event["governedBy"]:
            print(f"  {e['fullLabels'].get('ja', '')}  |  {e['fullLabels'].get('en', '')}")
            for ev in e["evidence"]:
                print(f"    [{ev['rule']}] {ev['passage']} [{ev['start']}-{ev['end']}]: {ev['text'][:160]}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.what in ("ask", "search") and args.set not in ("corpus", *UNSEEN_SETS):
        raise BadRequest(f"unknown question set {args.set!r}", "ask and search take --set dev, --set test or --set corpus")
    if args.what == "extraction":
        return _eval_extraction(args, settings)
    if args.what == "legal":
        return _eval_legal(args, settings)
    if args.what == "subjects":
        return _eval_subjects(args)
    if args.what == "ask":
        return _eval_ask(args, settings)
    from kg.service import Service
    from search.evaluate import evaluate

    if args.set in UNSEEN_SETS:
        settings, questions = _unseen_set(args, settings)
    else:
        questions = _questions(args)
    results = evaluate(Service(settings), questions)
    if args.json:
        _print_json(results)
        return 0
    print(f"{'lang':4s} {'system':8s} {'R@1':>6s} {'R@5':>6s} {'R@10':>6s} {'MRR':>6s}   n")
    for lang, systems in results.items():
        for name, m in systems.items():
            print(
                f"{lang:4s} {name:8s} {m['recall@1']:6.3f} {m['recall@5']:6.3f} {m['recall@10']:6.3f} {m['mrr']:6.3f} {m['n']:4d}"
            )
    print("oracle: not a system; each question's best rank among the retrievers, which fusing their rankings seldom beats")
    return 0


def _eval_subjects(args: argparse.Namespace) -> int:
    """Budget subjects by the rules and with the ranker: the shipped model on ``--set`` (comma-separated sets), or
    with ``--cv`` two-fold cross-validation on the opened sets."""
    from ingest.extract import evaluate_subjects as ev
    from ingest.extract import name_model
    from ingest.extract.subject_model import SubjectModel, default_model

    if args.cv:
        if args.model:
            raise BadRequest("--cv trains its own models on each half", hint="leave out --model, or --cv")
        sets = list(name_model.TRAINING_SETS)
        tally = ev.cross_validate(_subject_cases(sets), sets)
        print(ev.report([(f"{len(sets)} opened sets, 2-fold CV", tally)]))
        return 0
    try:
        model = SubjectModel(Path(args.model)) if args.model else default_model()
    except (OSError, ValueError) as exc:  # missing, unreadable, or not a CRFsuite model
        raise BadRequest(f"cannot load the model {args.model}: {exc}", hint="give a file `kg train subjects` wrote") from exc
    sets = [s for s in args.set.split(",") if s]
    if not sets or args.set == "corpus":  # (the corpus's gold is not per document: it has no budget cases)
        raise BadRequest("give the development sets to score", hint="e.g. --set dev58,dev59, or --cv")
    by_set = _subject_cases(sets)
    trained_on = set() if args.model else set(name_model.TRAINING_SETS)
    rows = [(s + (" (trained on)" if s in trained_on else ""), ev.score(model, by_set.get(s, []))) for s in sets]
    if len(rows) > 1:
        total = ev.Tally()
        for _, t in rows:
            total.add(t)
        rows.append(("all", total))
    print(ev.report(rows))
    return 0


def _subject_cases(sets: list[str]) -> dict[str, list[Any]]:
    from ingest.extract import evaluate_subjects as ev

    try:
        return ev.collect(sets)
    except FileNotFoundError as exc:
        raise BadRequest(str(exc), hint="a set is a folder of .txt and .gold.json under tests/data/unseen") from exc


def _questions(args: argparse.Namespace) -> list[dict[str, Any]]:
    from search.evaluate import load_questions

    try:
        return load_questions(Path(args.questions))
    except (OSError, ValueError) as exc:
        raise BadRequest(f"cannot read questions {args.questions}: {exc}") from None


def _eval_ask(args: argparse.Namespace, settings: Settings) -> int:
    from kg.service import Service
    from search.evaluate import evaluate_ask

    if args.set in UNSEEN_SETS:
        settings, questions = _unseen_set(args, settings)
    else:
        questions = _questions(args)
    results = evaluate_ask(Service(settings), questions)
    if args.json:
        _print_json(results)
        return 0
    head = f"{'lang':4s} {'type':12s} {'answered':>8s} {'stated':>7s} {'cited':>6s} {'quoted':>6s} {'english':>7s} {'graph':>6s}"
    print(f"{head} {'p50 ms':>7s} {'p95 ms':>7s} {'÷search':>7s}   n")
    for lang, m in results["by_language"].items():
        for name, r in [("all", m), *results["by_type"][lang].items()]:
            english = "      -" if r["english"] is None else f"{r['english']:7.3f}"
            rates = f"{r['answered']:8.3f} {r['stated']:7.3f} {r['cited']:6.3f} {r['quoted']:6.3f} {english} {r['graph']:6.3f}"
            print(f"{lang:4s} {name:12s} {rates} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f} {r['p95_vs_search']:7.2f} {r['n']:4d}")
    print("stated: the answer line or a structured item states the gold answer; cited: a citation holds the evidence;"
          " quoted: the answer's own citation does; english: answered English questions with an English answer line;"
          " ÷search: ask's p95 over search's p95 on the same questions in this run (the machine may be shared)")  # fmt: skip
    if args.verbose:
        for miss in results["misses"]:
            print(f"  miss [{miss['lang']} {miss['type']}] {miss['question']}  gold {miss['gold']!r}  →  {miss['answer'][:90]!r}")
    return 0


def _unseen_set(args: argparse.Namespace, settings: Settings) -> tuple[Settings, list[dict[str, Any]]]:
    """The questions of an unseen-documents split and a home holding only its documents (ingested into
    --home-dir when given, kept for the next run; else into a temporary directory)."""
    import dataclasses
    import tempfile

    from ingest.run import ingest
    from search.evaluate import load_questions

    folder = Path(__file__).resolve().parent.parent / "tests/data/unseen" / args.set
    files = sorted(folder.glob("questions*.jsonl"))
    if not files:
        raise BadRequest(f"no questions*.jsonl in {folder}")
    questions = [q for f in files for q in load_questions(f)]
    home = Path(args.home_dir) if args.home_dir else Path(tempfile.mkdtemp(prefix=f"kg-{args.set}-"))
    settings = dataclasses.replace(settings, home=home.resolve())
    ingest(sorted(folder.glob("*.txt")), settings, progress=False)
    return settings, questions


def _eval_extraction(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.extract.evaluate import ablate, ablation_report, evaluate_set, load_set, report
    from ingest.vocab import load_vocabulary
    from kg.iris import Iris

    if args.set in (*UNSEEN_SETS, *UNSEEN_EXTRACTION_ONLY):  # documents nobody tuned to: metadata, people, places too
        return _eval_unseen(args, settings)
    gold = Path(args.gold)
    if args.set == "corpus":
        needed = ("entities.jsonl", "budgets.jsonl", "relations.jsonl", "heldout.txt", "heldout_gold.json")
        missing = [n for n in needed if not (gold / n).is_file()]
        if missing:
            raise BadRequest(f"gold folder {gold} lacks {', '.join(missing)}", "point --gold at tests/data/extraction")
    sets = load_set(args.set, gold, settings.corpus)  # a wrong set name fails before the vocabularies load
    iris = Iris(settings.base_iri)
    vocab = load_vocabulary(settings.ontology_dir, iris)
    for s in sets:
        if args.ablate:
            full, ablated = ablate(s, vocab, iris)
            print(ablation_report(s.title, full, ablated, len(s.documents)))
        else:
            print(s.title if s.name != "heldout" else "held-out fixture (tests/data/extraction/heldout.txt)")
            print(report(evaluate_set(s, vocab, iris), verbose=args.verbose))
        print()
    return 0


UNSEEN_SETS = ("dev", "test")
# Development sets written later, with gold but no questions.
UNSEEN_EXTRACTION_ONLY = tuple(f"dev{n}" for n in range(2, 89))  # dev2 … dev88


def _eval_unseen(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.extract.evaluate_sets import ablate_set, evaluate_set, format_report
    from ingest.vocab import load_vocabulary
    from kg.iris import Iris

    iris = Iris(settings.base_iri)
    vocab = load_vocabulary(settings.ontology_dir, iris)
    if args.ablate:
        print(ablate_set(args.set, vocab, iris))
    else:
        print(format_report(evaluate_set(args.set, vocab, iris), verbose=args.verbose))
    return 0


def _eval_legal(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.legal.evaluate import evaluate, load_gold
    from ingest.vocab import load_vocabulary
    from kg.iris import Iris

    folder = Path(args.gold).parent / "legal" if Path(args.gold).name == "extraction" else Path(args.gold)
    if not (folder / "references.jsonl").is_file():
        raise BadRequest(f"no references.jsonl in {folder}", "point --gold at tests/data/legal")
    iris = Iris(settings.base_iri)
    results = evaluate(settings.corpus, load_gold(folder), load_vocabulary(settings.ontology_dir, iris), iris)
    if args.json:
        _print_json({name: score.to_json() for name, score in results.items()})
        return 0
    print(f"provision references in {settings.corpus} against {folder / 'references.jsonl'}")
    for name, score in results.items():
        share = score.correct / score.total if score.total else 0.0
        print(f"  {name:34s} {score.correct:3d}/{score.total:<3d} {share:6.1%}  unlabelled found: {len(score.extra)}")
        if args.verbose:
            for line in score.misses + [f"unlabelled: {x}" for x in score.extra]:
                print(f"      {line}")
    return 0


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    """Retrain a statistical model (the name tagger or the budget-subject ranker) on the opened development sets
    (or ``--set``) and write it in place."""
    from ingest.extract import name_model, subject_model

    model = {"names": name_model, "subjects": subject_model}[args.what]
    sets = args.set or list(name_model.TRAINING_SETS)
    out = Path(args.out) if args.out else model.MODEL_PATH
    if held := [s for s in sets if s in name_model.HELD_OUT]:
        raise BadRequest(
            f"{', '.join(held)} is held out: a model trained on it would be measured on what it learned",
            hint="train only on opened development sets",
        )
    if out.is_dir():
        raise BadRequest(f"--out {out} is a folder", hint=f"give the model file's path, e.g. {model.MODEL_PATH.name}")
    hint = "a set is a folder of .txt and .gold.json under tests/data/unseen"
    try:
        n = model.train(model.training_data(sets), out)
    except FileNotFoundError as exc:
        raise BadRequest(str(exc), hint=hint) from exc
    except ValueError as exc:  # the sets hold no document with gold
        raise BadRequest(f"{exc} in {', '.join(sets)}", hint=hint) from exc
    except OSError as exc:  # the model's folder cannot be written; the model already there is untouched
        raise BadRequest(f"cannot write {out}: {exc.strerror or exc}", hint="choose a writable --out") from exc
    print(f"trained on {n} {'lines' if args.what == 'names' else 'candidates'} of {len(sets)} sets → {out}")
    return 0


def cmd_settings(args: argparse.Namespace, settings: Settings) -> int:
    print(settings_table())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kg", description="Knowledge graph and bilingual search over Japanese S&T policy documents."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="ingest files or folders (default: KG_CORPUS)")
    p.add_argument("paths", nargs="*", help=".txt, .md, .html or .pdf files, or folders of them")
    p.add_argument("--force", action="store_true", help="re-process documents even when unchanged")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="drop a document's graph, passages and vectors")
    p.add_argument("doc", help="document id, id prefix, file name or path")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("reindex", help="rebuild store and index from stored documents (after changing the model)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("serve", help="run the HTTP server")
    p.add_argument("--host", help="bind address (default KG_HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default KG_PORT, 8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("search", help="hybrid passage search")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10, help="number of passages (1-100)")
    p.add_argument("--doc", help="only this document (id or file name)")
    p.add_argument("--type", help="only passages mentioning an entity of this class (Program, Agency, ...)")
    p.add_argument("--entity", help="only passages mentioning this entity IRI")
    p.add_argument("--fiscal-year", help="only passages stating a budget of this fiscal year (2022 or FY2022)")
    p.add_argument("--country", help="only passages mentioning this country or region (IRI or name: India, インド, IN)")
    p.add_argument("--agency", help="only passages mentioning this agency (IRI or name: JST, 文部科学省)")
    p.add_argument("--facets", action="store_true", help="also print counts per document, type, fiscal year, country, agency")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="answer a question (Japanese or English) from the graph or a cited passage")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("sparql", help="run a read-only SPARQL query")
    p.add_argument("query", help="the query, or @file.rq")
    p.add_argument("--format", default="json", choices=["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "trig"])
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("export", help="export the whole graph")
    p.add_argument("--format", default="trig", choices=["trig", "nquads", "turtle", "ntriples", "jsonld"])
    p.add_argument("--output", "-o", help="file to write (default: stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="counts per class and per document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("links", help="provisions governing a program/system/event, or what a provision or law governs")
    p.add_argument("text", help="a name (国際卓越研究大学制度), an entity IRI, or a provision (iur-act/art_4__para_4)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("eval", help="quality on labelled data: search (recall@k, MRR, naive baseline), ask (answered, "
                       "cited, latency), extraction (P/R per type), legal (provision references, ours vs jlawcite), "
                       "subjects (budget lines' subjects by the rules and with the ranker; --set a,b or --cv)")  # fmt: skip
    p.add_argument("what", choices=["search", "ask", "extraction", "legal", "subjects"])
    p.add_argument("--questions", default=str(Path(__file__).resolve().parent.parent / "bench/data/questions.jsonl"))
    p.add_argument(
        "--gold",
        default=str(Path(__file__).resolve().parent.parent / "tests/data/extraction"),
        help="labelled data: tests/data/extraction (legal: its sibling tests/data/legal)",
    )
    p.add_argument("--home-dir", help="ask/search with --set: where to ingest the split (kept, reused); default a temp dir")
    p.add_argument("--verbose", action="store_true", help="list every miss and every wrong extraction")
    p.add_argument(
        "--set",
        default="corpus",
        help="the labelled set. `dev` or `test`: the unseen documents in tests/data/unseen (ask and search ingest "
        "them into a home of their own; extraction adds metadata, people, places, junk, label sources); `dev2`, "
        "`dev3`..`dev88`: later unseen development sets (extraction only). "
        "Extraction also takes `corpus` (default: the five documents and the held-out fixture), a folder name "
        "under <gold>/sets/, or a path to a folder of documents with <stem>_gold.json files",
    )
    p.add_argument(
        "--ablate",
        action="store_true",
        help="extraction: the figures with each optional pipeline component disabled in turn, and their deltas",
    )
    p.add_argument("--cv", action="store_true", help="subjects: two-fold cross-validation on the opened sets")
    p.add_argument("--model", help="subjects: a ranker `kg train subjects --out` wrote, instead of the shipped one")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("train", help="retrain a statistical model (names, budget subjects) on the opened development sets")
    p.add_argument("what", choices=["names", "subjects"], help="the model to train: the name tagger or the budget-subject ranker")
    p.add_argument("--set", action="append", help="a development set to train on (repeatable; default: the opened sets)")
    p.add_argument("--out", help="where to write the model, atomically (default: the shipped one)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("settings", help="print the configuration table (environment variables)")
    p.set_defaults(func=cmd_settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        return int(args.func(args, settings))
    except KGError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the published store is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kg search … | head` closed the pipe: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
