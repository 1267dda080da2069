"""The legal layer, read side: laws, their provision trees, citations, delegations and what they govern.

Plain functions over ``Service`` (its bounded in-process SELECTs), shared by the HTTP API
(/api/laws, /api/laws/<id>, /api/provisions, /api/links), the provision entity pages and
``python -m kg links``. Every relation comes with the passage and span that state it, read from the
document text so an evidence sentence that runs past a passage boundary is still whole.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from ingest.legal.lawnum import egov_url, parse_law_number
from ingest.legal.numbers import parse_path_slug
from ingest.legal.structure import display_text
from kg.errors import BadRequest, NotFound
from kg.service import Service, _iri

PROVISION_TYPES = ("Article", "Paragraph", "Item", "SubItem")
# The number printed before a provision's words: 「(title)\n第四条 」, 「2 」, 「一 」, 「イ 」.
_MARKER = re.compile(r"^\s*(?:[(（][^()（）\n]*[)）]\s*)?(?:第\S+?条(?:の\S+?)*|[0-9]+|[一二三四五六七八九十]+|[ァ-ヺ])[ \u3000]")
# The reified statement that gives a governedBy link its passage and span.
_EVIDENCE = """OPTIONAL {{ GRAPH ?g {{ ?st rdf:subject {s} ; rdf:predicate stip:governedBy ; rdf:object {o} ;
    prov:wasDerivedFrom ?passage ; stip:startOffset ?start ; stip:endOffset ?end ; stip:extractedBy ?by }} }}"""
_PROVISION_REF = re.compile(r"/?(?:law/)?[^/\s]+/(?:suppl[\w\-]*/)?(?:art|para)_[\w\-]+")
_DOC_PASSAGE = re.compile(r"/doc/(?P<doc>[^/#]+)#p(?P<n>\d+)$")


def _labels(rows: list[dict[str, Any]], key: str = "l") -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows:
        if r.get(key):
            out.setdefault(r[key]["lang"] or "", r[key]["value"])
    return out


def _value(row: dict[str, Any], key: str) -> Any:
    term = row.get(key)
    return term["value"] if term else None


def _sort_key(iri: str) -> tuple[Any, ...]:
    """Provisions in statute order: by law, then by the numbers of their path."""
    law, _, slug = iri.rpartition("/")
    try:
        path = parse_path_slug(slug)
    except ValueError:
        return (law, ())
    return (law, tuple((s.number, s.branch) for s in path))


def _division_key(iri: str) -> tuple[int, ...]:
    """Divisions in order: chap_2__sec_10 after chap_2__sec_9."""
    return tuple(int(n) for n in re.findall(r"\d+", iri.rsplit("/", 1)[-1]))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", _MARKER.sub("", text, count=1))


def _differences(quoted: str, official: str) -> list[dict[str, str]]:
    """Where a document's quotation of a provision and the official text differ (spacing ignored)."""
    a, b = _squeezed(quoted), _squeezed(official)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [{"op": op, "quoted": a[i1:i2], "official": b[j1:j2], "at": str(i1)} for op, i1, i2, j1, j2 in ops if op != "equal"]


class Legal:
    """Queries of the legal layer over one Service."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.iris = service.iris
        self._texts: dict[str, str] = {}

    # ------------------------------------------------------------ identifiers

    def law_iri(self, ident: str) -> str:
        """A law from its slug (iur-act), its e-Gov law ID (504AC0000000051) or its IRI."""
        ident = ident.strip()
        if not ident:
            raise BadRequest("empty law identifier", "give a slug such as iur-act or an e-Gov law ID")
        if ident.startswith(("http://", "https://")):
            candidates = [_iri(ident)]
        elif re.fullmatch(r"[\w\-.~\u3040-\u30ff\u3400-\u9fff]+", ident):
            candidates = [self.iris.entity("Law", ident)]
            found = self.service.select(f"SELECT ?l WHERE {{ ?l stip:egovLawId {json.dumps(ident)} }} LIMIT 1")
            candidates += [r["l"]["value"] for r in found]
        else:
            raise BadRequest(f"not a law identifier: {ident!r}", "give a slug such as iur-act or an e-Gov law ID")
        for iri in candidates:
            if self._is_law(iri):
                return iri
        raise NotFound(f"no law {ident!r}", "list laws with GET /api/laws")

    def _is_law(self, iri: str) -> bool:
        rows = self.service.select(f"SELECT ?t WHERE {{ <{iri}> a ?t . VALUES ?t {{ stip:Law stip:Ordinance }} }} LIMIT 1")
        return bool(rows)

    def provision_iri(self, ref: str) -> str:
        """A provision from its IRI, its path under this service (/law/504AC…/art_4) or law/path
        (iur-act/art_4__para_4, 504AC0000000051/art_4__para_4)."""
        ref = ref.strip()
        if ref.startswith(("http://", "https://")):
            return _iri(ref)
        m = re.fullmatch(r"/?(?:law/)?(?P<law>[^/\s]+)/(?P<part>suppl[\w\-]*/)?(?P<path>(?:art|para)_[\w\-]+)", ref)
        if not m:
            raise BadRequest(f"not a provision: {ref!r}", "give a provision IRI or law/path such as iur-act/art_4__para_4")
        try:
            parse_path_slug(m.group("path"))
        except ValueError as exc:
            raise BadRequest(str(exc), "paths look like art_4__para_3__item_1") from None
        law = self.law_iri(m.group("law"))
        key = self._law_key(law)
        return f"{self.iris.base}/law/{key}/{m.group('part') or ''}{m.group('path')}"

    def _law_key(self, law: str) -> str:
        rows = self.service.select(f"SELECT ?id WHERE {{ <{law}> stip:egovLawId ?id }} LIMIT 1")
        return rows[0]["id"]["value"] if rows else law.rsplit("/", 1)[-1]

    # ------------------------------------------------------------ laws

    def laws(self) -> list[dict[str, Any]]:
        """Every law and ordinance the graph knows, with numbers, e-Gov ID and how much of it is quoted."""
        rows = self.service.select(
            """SELECT ?law ?type ?l ?num ?egov ?based WHERE {
                 VALUES ?type { stip:Law stip:Ordinance } ?law a ?type .
                 OPTIONAL { ?law skos:prefLabel ?l } OPTIONAL { ?law stip:lawNumber ?num }
                 OPTIONAL { ?law stip:egovLawId ?egov } OPTIONAL { ?law eli:based_on ?based } }"""
        )
        counts = {
            r["law"]["value"]: (int(r["q"]["value"]), int(r["c"]["value"]), int(r["f"]["value"]))
            for r in self.service.select(
                """SELECT ?law (COUNT(DISTINCT ?q) AS ?q) (COUNT(DISTINCT ?c) AS ?c) (COUNT(DISTINCT ?f) AS ?f) WHERE {
                     ?p eli:is_part_of+ ?law . ?law a ?t . VALUES ?t { stip:Law stip:Ordinance }
                     OPTIONAL { ?p stip:text ?any . BIND(?p AS ?q) }
                     OPTIONAL { ?p stip:officialText ?o ; stip:provisionNumber ?pn . BIND(?p AS ?f) }
                     OPTIONAL { ?src eli:cites|eli:based_on ?p . BIND(?p AS ?c) } } GROUP BY ?law"""
            )
        }
        by_law: dict[str, dict[str, Any]] = {}
        for r in rows:
            iri = r["law"]["value"]
            law = by_law.setdefault(iri, self._law_summary(iri, r))
            if r.get("l"):
                law["labels"].setdefault(r["l"]["lang"] or "", r["l"]["value"])
        for iri, law in by_law.items():
            law["quotedProvisions"], law["citedProvisions"], law["officialProvisions"] = counts.get(iri, (0, 0, 0))
        return sorted(by_law.values(), key=lambda x: (-x["quotedProvisions"], -x["citedProvisions"], x["id"]))

    def _law_summary(self, iri: str, row: dict[str, Any]) -> dict[str, Any]:
        number = _value(row, "num")
        parsed = parse_law_number(number) if number else None
        egov = _value(row, "egov")
        return {
            "iri": iri,
            "id": iri.rsplit("/", 1)[-1],
            "type": row["type"]["value"].rsplit("#", 1)[-1],
            "labels": {},
            "lawNumber": {"ja": number, "en": parsed.english(self._ministry_en) if parsed else None} if number else None,
            "egovLawId": egov,
            "egovUrl": egov_url(egov) if egov else None,
            "basedOn": _value(row, "based"),
        }

    def _ministry_en(self, ministry: str) -> str | None:
        rows = self.service.select(
            f"""SELECT ?en WHERE {{ ?a a stip:Agency ; skos:prefLabel|skos:altLabel {json.dumps(ministry)}@ja ;
                 skos:prefLabel ?en FILTER(LANG(?en) = "en") }} LIMIT 1"""
        )
        return rows[0]["en"]["value"] if rows else None

    def law(self, ident: str) -> dict[str, Any]:
        """One law with its provision tree (texts included): as quoted or cited in the documents, and the
        whole law with its table of contents, 附則, tables and defined terms when its e-Gov XML was loaded."""
        iri = self.law_iri(ident)
        summary = next(x for x in self.laws() if x["iri"] == iri)
        nodes = self._provisions_under(iri)
        for n in nodes.values():
            parent = nodes.get(n["parent"])
            if parent is not None:
                parent["children"].append(n)
        for n in nodes.values():
            n["children"].sort(key=lambda c: _sort_key(c["iri"]))
            n["wording"] = self._wording(n)
        parts = self._parts(iri)
        for part in parts["supplementaryProvisions"]:
            under = (n for n in nodes.values() if n["parent"] == part["iri"])
            part["articles"] = sorted(under, key=lambda c: _sort_key(c["iri"]))
        articles = sorted((n for n in nodes.values() if n["parent"] == iri), key=lambda c: _sort_key(c["iri"]))
        return {**summary, **parts, "articles": articles, "contents": self._contents(iri, articles)}

    def _parts(self, law: str) -> dict[str, Any]:
        """What e-Gov XML gives beyond provisions: version, 附則, appended tables, defined terms."""
        version = self.service.select(
            f"""SELECT ?doc ?type ?asof ?amend WHERE {{ <{law}> stip:officialTextIn ?doc .
                 OPTIONAL {{ <{law}> stip:lawType ?type }} OPTIONAL {{ <{law}> stip:versionDate ?asof }}
                 OPTIONAL {{ <{law}> stip:lastAmendedBy ?amend }} }} LIMIT 1"""
        )
        v = version[0] if version else {}
        suppl = self.service.select(
            f"""SELECT ?s ?num WHERE {{ ?s a stip:SupplementaryProvision ; eli:is_part_of <{law}> .
                 OPTIONAL {{ ?s stip:amendLawNumber ?num }} }}"""
        )
        tables = self.service.select(
            f"""SELECT ?t ?text WHERE {{ ?t a stip:AppendixTable ; eli:is_part_of <{law}> ; stip:officialText ?text }}"""
        )
        terms = self.service.select(
            f"""SELECT ?t ?l ?d ?p WHERE {{ ?t a stip:DefinedTerm ; stip:definedIn ?p ; skos:prefLabel ?l ; skos:definition ?d .
                 ?p eli:is_part_of+ <{law}> }}"""
        )
        return {
            "fullText": {
                "document": _value(v, "doc"),
                "lawType": _value(v, "type"),
                "asOf": _value(v, "asof"),
                "lastAmendedBy": _value(v, "amend"),
            }
            if v
            else None,  # fmt: skip
            "supplementaryProvisions": [
                {"iri": r["s"]["value"], "labels": self.service.labels(r["s"]["value"]), "amendLawNumber": _value(r, "num")}
                for r in sorted(suppl, key=lambda r: (r.get("num") is not None, r["s"]["value"]))
            ],
            "tables": [
                {"iri": r["t"]["value"], "labels": self.service.labels(r["t"]["value"]), "text": r["text"]["value"]}
                for r in sorted(tables, key=lambda r: r["t"]["value"])
            ],  # fmt: skip
            "terms": [
                {
                    "iri": r["t"]["value"],
                    "term": r["l"]["value"],
                    "definition": r["d"]["value"],
                    "definedIn": r["p"]["value"],
                    "usedBy": self._used_by(r["t"]["value"]),
                }
                for r in sorted(terms, key=lambda r: _sort_key(r["p"]["value"]))
            ],  # fmt: skip
        }

    def _used_by(self, term: str) -> list[dict[str, Any]]:
        rows = self.service.select(f"SELECT DISTINCT ?p WHERE {{ ?p stip:usesTerm <{term}> }}")
        return [{"iri": i, "labels": self.service.labels(i)} for i in sorted((r["p"]["value"] for r in rows), key=_sort_key)]

    def _contents(self, law: str, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The table of contents: parts, chapters, sections … each with its sub-divisions and articles."""
        rows = self.service.select(
            f"""SELECT ?d ?parent ?l WHERE {{ ?d a stip:LawDivision ; eli:is_part_of ?parent ; eli:is_part_of* <{law}> ;
                 skos:prefLabel ?l }}"""
        )
        divisions: dict[str, dict[str, Any]] = {}
        for r in rows:
            d = divisions.setdefault(r["d"]["value"], {"iri": r["d"]["value"], "parent": r["parent"]["value"], "labels": {},
                                                       "divisions": [], "articles": []})  # fmt: skip
            d["labels"].setdefault(r["l"]["lang"] or "", r["l"]["value"])
        placed = self.service.select(f"""SELECT ?a ?d WHERE {{ ?a stip:inDivision ?d ; eli:is_part_of <{law}> }}""")
        by_iri = {a["iri"]: a for a in articles}
        for r in placed:
            a, d = by_iri.get(r["a"]["value"]), divisions.get(r["d"]["value"])
            if a is not None and d is not None:
                d["articles"].append({"iri": a["iri"], "labels": a["labels"], "title": a["title"]})
        roots = []
        for d in divisions.values():
            d["articles"].sort(key=lambda a: _sort_key(a["iri"]))
            (divisions[d["parent"]]["divisions"] if d["parent"] in divisions else roots).append(d)
        for d in divisions.values():
            d["divisions"].sort(key=lambda x: _division_key(x["iri"]))
        return sorted(roots, key=lambda x: _division_key(x["iri"]))

    def _provisions_under(self, law: str) -> dict[str, dict[str, Any]]:
        rows = self.service.select(
            f"""SELECT DISTINCT ?p ?type ?parent ?num ?numtext ?l ?title ?text ?start ?end ?doc ?otext ?own WHERE {{
                  ?p eli:is_part_of+ <{law}> ; a ?type ; eli:is_part_of ?parent ; stip:provisionNumber ?num ;
                     eli:number ?numtext ; skos:prefLabel ?l .
                  OPTIONAL {{ ?p eli:title ?title }}
                  OPTIONAL {{ ?p stip:officialText ?otext }} OPTIONAL {{ ?p stip:officialWording ?own }}
                  OPTIONAL {{ GRAPH ?g {{ ?p stip:text ?text ; stip:startOffset ?start ; stip:endOffset ?end ;
                                         dcterms:source ?doc }} }} }}"""  # one document's quotation per row
        )
        nodes: dict[str, dict[str, Any]] = {}
        for r in rows:
            iri = r["p"]["value"]
            n = nodes.setdefault(iri, self._node(r))
            n["labels"].setdefault(r["l"]["lang"] or "", r["l"]["value"])
        self._add_relations(nodes)
        return nodes

    def _node(self, r: dict[str, Any]) -> dict[str, Any]:
        text, official = _value(r, "text"), _value(r, "otext")
        differences = _differences(text, official) if text is not None and official is not None else []
        return {
            "iri": r["p"]["value"],
            "type": r["type"]["value"].rsplit("#", 1)[-1],
            "number": int(r["num"]["value"]),
            "numberText": r["numtext"]["value"],
            "labels": {},
            "title": _value(r, "title"),
            "parent": r["parent"]["value"],
            "text": text,
            "displayText": display_text(_MARKER.sub("", text, count=1)) if text else None,
            "start": int(r["start"]["value"]) if r.get("start") else None,
            "end": int(r["end"]["value"]) if r.get("end") else None,
            "document": _value(r, "doc"),
            "quoted": text is not None,
            "officialText": display_text(_MARKER.sub("", official, count=1)) if official else None,
            "officialWording": display_text(_value(r, "own") or "") or None,
            "official": official is not None,
            "textDiffers": bool(differences),
            "differences": differences,
            "children": [],
        }

    def _wording(self, n: dict[str, Any]) -> str | None:
        """The provision's own words: the official ones when its law's XML was loaded, else its quoted text
        up to its first child, without the number printed before it."""
        if n.get("officialWording"):
            return n["officialWording"]
        if n["text"] is None:
            return None
        own = n["text"]
        first = next((c for c in n["children"] if c["start"] is not None), None)
        if first is not None and n["start"] is not None:
            own = own[: first["start"] - n["start"]]
        return display_text(_MARKER.sub("", own, count=1))

    def _add_relations(self, nodes: dict[str, dict[str, Any]]) -> None:
        for n in nodes.values():
            n.update({"cites": [], "citedBy": [], "basedOn": [], "implementedBy": [], "governs": [], "usesTerms": [],
                      "defines": []})  # fmt: skip
        if not nodes:
            return
        values = " ".join(f"<{i}>" for i in nodes)
        queries = (
            ("cites", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?a eli:cites ?b }}", "a", "b"),
            ("citedBy", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?b eli:cites ?a }}", "a", "b"),
            ("basedOn", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?a eli:based_on ?b }}", "a", "b"),
            ("implementedBy", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?b eli:based_on ?a }}", "a", "b"),
            ("governs", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?b stip:governedBy ?a }}", "a", "b"),
            ("usesTerms", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?a stip:usesTerm ?b }}", "a", "b"),
            ("defines", f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?b stip:definedIn ?a }}", "a", "b"),
        )
        for key, query, a, b in queries:
            for r in self.service.select(query):
                other = r[b]["value"]
                nodes[r[a]["value"]][key].append({"iri": other, "labels": self.full_labels(other)})

    # ------------------------------------------------------------ labels

    def full_labels(self, iri: str) -> dict[str, str]:
        """Labels that stand alone: a provision's with its law's short name (国際卓越研究大学法第四条第四項 /
        Article 4(4) of the Act on …); other entities their own labels."""
        own = self.service.labels(iri)
        if "/law/" not in iri.removeprefix(self.iris.base):
            return own
        law = self._law_of(iri)
        if law is None:
            return own
        names = self._law_names(law)
        return {
            "ja": f"{names.get('ja', '')}{own.get('ja', '')}",
            "en": f"{own.get('en', '')} of the {names['en']}" if names.get("en") else own.get("en", ""),
        }

    def _law_of(self, provision: str) -> str | None:
        rows = self.service.select(
            f"""SELECT ?law WHERE {{ <{provision}> eli:is_part_of+ ?law . ?law a ?t .
                 VALUES ?t {{ stip:Law stip:Ordinance }} }} LIMIT 1"""
        )
        return rows[0]["law"]["value"] if rows else None

    def _law_names(self, law: str) -> dict[str, str]:
        """Short names where the vocabulary has them (国際卓越研究大学法), else the titles."""
        rows = self.service.select(
            f"SELECT ?l ?alt WHERE {{ <{law}> skos:prefLabel ?l . OPTIONAL {{ <{law}> skos:altLabel ?alt }} }}"
        )
        names = _labels(rows)
        short = sorted({r["alt"]["value"] for r in rows if r.get("alt") and r["alt"]["lang"] == "ja"}, key=len)
        if short and "ja" in names and len(short[0]) < len(names["ja"]) and short[0].endswith(("法", "規則", "令")):
            names["ja"] = short[0]
        return names

    # ------------------------------------------------------------ provisions and links

    def provisions(self, cites: str | None = None, based_on: str | None = None, law: str | None = None,
                   limit: int = 500) -> list[dict[str, Any]]:  # fmt: skip
        """Provisions that cite a provision, are based on one, and/or belong to a law."""
        if not 1 <= limit <= 5000:
            raise BadRequest("limit must be between 1 and 5000")
        filters = []
        if cites:
            filters.append(f"?p eli:cites <{self.provision_iri(cites)}> .")
        if based_on:
            filters.append(f"?p eli:based_on <{self.provision_iri(based_on)}> .")
        if law:
            filters.append(f"?p eli:is_part_of+ <{self.law_iri(law)}> .")
        types = " ".join(f"stip:{t}" for t in PROVISION_TYPES)
        rows = self.service.select(
            f"""SELECT DISTINCT ?p ?text WHERE {{ VALUES ?type {{ {types} }} ?p a ?type . {" ".join(filters)}
                 OPTIONAL {{ ?p stip:text ?text }} }} LIMIT {limit}"""
        )
        out = []
        for r in sorted(rows, key=lambda r: _sort_key(r["p"]["value"])):
            iri = r["p"]["value"]
            law_iri = self._law_of(iri)
            text = display_text(r["text"]["value"]) if r.get("text") else None
            item: dict[str, Any] = {"iri": iri, "labels": self.service.labels(iri), "fullLabels": self.full_labels(iri),
                                    "law": law_iri, "text": text}  # fmt: skip
            for key, pred in (("cites", "eli:cites"), ("basedOn", "eli:based_on")):
                item[key] = [x["o"]["value"] for x in self.service.select(f"SELECT ?o WHERE {{ <{iri}> {pred} ?o }}")]
            out.append(item)
        return out

    def find_subject(self, subject: str) -> str:
        """An entity IRI from an IRI, a provision reference or a name (exact label first, then a part of one)."""
        subject = subject.strip()
        if not subject:
            raise BadRequest("missing subject", "give an entity IRI or a name, e.g. 国際卓越研究大学制度")
        if subject.startswith(("http://", "https://")) or _PROVISION_REF.fullmatch(subject):
            iri = _iri(subject) if subject.startswith(("http://", "https://")) else self.provision_iri(subject)
            if not self.service.select(f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1"):
                raise NotFound(f"no entity {iri}", "search for it with GET /api/entities?q=…")
            return iri
        needle = json.dumps(subject.lower(), ensure_ascii=False)
        for filt in (f"LCASE(STR(?l)) = {needle}", f"CONTAINS(LCASE(STR(?l)), {needle})"):
            rows = self.service.select(
                f"""SELECT ?e (COUNT(?m) AS ?n) WHERE {{ ?e skos:prefLabel|skos:altLabel ?l . FILTER({filt})
                     ?e a ?t . VALUES ?t {{ stip:Program stip:Event stip:Law stip:Ordinance stip:DefinedTerm }}
                     OPTIONAL {{ ?e stip:mentionedIn ?m }} }} GROUP BY ?e ORDER BY DESC(?n) LIMIT 1"""
            )
            if rows:
                return rows[0]["e"]["value"]
        if re.fullmatch(r"[\w\-]+", subject):  # a law's slug or e-Gov law ID (iur-act, 504AC0000000051)
            try:
                return self.law_iri(subject)
            except NotFound:
                pass
        raise NotFound(f"nothing named {subject!r}", "try a program name such as 国際卓越研究大学制度, or a provision IRI")

    def links(self, subject: str) -> dict[str, Any]:
        """What governs a program, system or event (provisions and laws, with evidence), or — for a provision
        or a law — what it (or a provision under it) governs."""
        iri = self.find_subject(subject)
        types = [r["t"]["value"].rsplit("#", 1)[-1] for r in self.service.select(f"SELECT ?t WHERE {{ <{iri}> a ?t }}")]
        result: dict[str, Any] = {"subject": {"iri": iri, "types": types, "labels": self.full_labels(iri)}}
        result["governedBy"] = self._governing(iri)
        if set(types) & {*PROVISION_TYPES, "Law", "Ordinance"}:
            result["governs"] = self._governed(iri)
        if set(types) & set(PROVISION_TYPES):  # the law's own links: references and defined terms
            for key, query in (("cites", f"<{iri}> eli:cites ?o"), ("citedBy", f"?o eli:cites <{iri}>"),
                               ("usesTerms", f"<{iri}> stip:usesTerm ?o"),
                               ("defines", f"?o stip:definedIn <{iri}>")):  # fmt: skip
                rows = self.service.select(f"SELECT DISTINCT ?o WHERE {{ {query} }}")
                found = sorted((r["o"]["value"] for r in rows), key=_sort_key)
                result[key] = [{"iri": o, "fullLabels": self.full_labels(o)} for o in found]
        if "DefinedTerm" in types:
            rows = self.service.select(f"SELECT ?p ?d WHERE {{ <{iri}> stip:definedIn ?p ; skos:definition ?d }} LIMIT 1")
            result["definition"] = rows[0]["d"]["value"] if rows else None
            result["definedIn"] = [{"iri": r["p"]["value"], "fullLabels": self.full_labels(r["p"]["value"])} for r in rows]
            result["usedBy"] = [{**u, "fullLabels": self.full_labels(u["iri"])} for u in self._used_by(iri)]
            return result
        else:  # events about a program (its certifications, approvals) and what governs them
            events = self.service.select(f"SELECT DISTINCT ?e WHERE {{ ?e a stip:Event ; stip:about <{iri}> }}")
            result["events"] = [
                {"iri": e, "labels": self.service.labels(e), "governedBy": self._governing(e)}
                for e in sorted(r["e"]["value"] for r in events)
            ]
        return result

    def _governing(self, iri: str) -> list[dict[str, Any]]:
        rows = self.service.select(
            f"""SELECT ?target ?g ?passage ?start ?end ?by WHERE {{
                  GRAPH ?g {{ <{iri}> stip:governedBy ?target }} {_EVIDENCE.format(s=f"<{iri}>", o="?target")} }}"""
        )
        return self._grouped(rows, "target")

    def _governed(self, iri: str) -> list[dict[str, Any]]:
        rows = self.service.select(
            f"""SELECT ?subject ?target ?g ?passage ?start ?end ?by WHERE {{
                  {{ BIND(<{iri}> AS ?target) }} UNION {{ ?target eli:is_part_of+ <{iri}> }}
                  GRAPH ?g {{ ?subject stip:governedBy ?target }} {_EVIDENCE.format(s="?subject", o="?target")} }}"""
        )
        return self._grouped(rows, "subject", via="target")

    def _grouped(self, rows: list[dict[str, Any]], key: str, via: str | None = None) -> list[dict[str, Any]]:
        """One entry per linked entity, with every piece of evidence for it."""
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            other = r[key]["value"]
            if other not in out:
                out[other] = {"iri": other, "labels": self.service.labels(other), "fullLabels": self.full_labels(other),
                              "curated": False, "evidence": []}  # fmt: skip
            entry = out[other]
            if via:
                entry.setdefault("via", [])
                if r[via]["value"] not in [v["iri"] for v in entry["via"]]:
                    entry["via"].append({"iri": r[via]["value"], "labels": self.full_labels(r[via]["value"])})
            if r["g"]["value"] == self.iris.vocab_graph():
                entry["curated"] = True
            if r.get("passage"):
                ev = self._evidence(r["passage"]["value"], int(r["start"]["value"]), int(r["end"]["value"]), r["by"]["value"])
                if ev not in entry["evidence"]:
                    entry["evidence"].append(ev)
        return sorted(out.values(), key=lambda e: (not e["evidence"], _sort_key(e["iri"])))

    def _evidence(self, passage: str, start: int, end: int, rule: str) -> dict[str, Any]:
        m = _DOC_PASSAGE.search(passage)
        text = None
        if m:
            doc = m.group("doc")
            if doc not in self._texts:
                self._texts[doc] = self.service.document_text(doc)
            text = display_text(self._texts[doc][start:end])
        return {"passage": passage, "document": passage.split("#", 1)[0], "start": start, "end": end, "rule": rule, "text": text}

    def provision(self, iri: str) -> dict[str, Any] | None:
        """A provision's page data: law, parent, wording, children, citations, delegations, what it governs."""
        law = self._law_of(iri)
        if law is None:
            return None
        nodes = self._provisions_under(law)
        node = nodes.get(iri)
        if node is None:
            return None
        for n in nodes.values():
            parent = nodes.get(n["parent"])
            if parent is not None and n not in parent["children"]:
                parent["children"].append(n)
        node["children"].sort(key=lambda c: _sort_key(c["iri"]))
        node["wording"] = self._wording(node)
        parent_iri = node["parent"]
        return {
            **{k: v for k, v in node.items() if k != "children"},
            "children": [
                {"iri": c["iri"], "labels": c["labels"], "title": c["title"], "wording": self._wording(c)}
                for c in node["children"]
            ],  # fmt: skip
            "law": {"iri": law, "labels": self.service.labels(law)},
            "parentLabels": self.full_labels(parent_iri),
            "fullLabels": self.full_labels(iri),
            "governs": self._governed(iri),
        }
