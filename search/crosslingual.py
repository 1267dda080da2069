"""English ↔ the corpus's Japanese words, so keyword search can take part in cross-lingual search.

The lexicon is built from JMdict (the jamdict-data package, read with one SQL query) restricted to the
words the corpus actually uses: every Japanese BM25 token that is a JMdict headword contributes its
English glosses, and each gloss word (and whole multi-word gloss) points back to the token. A question
word then expands to the corpus words that mean it (budget → 予算, invitation → 招へい's 招聘, university
→ 大学), weighted towards headwords whose first sense carries that gloss. The other way, each token keeps
the English words of its first sense, from which search/hybrid.py reads every passage in English.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from functools import lru_cache

_WORD = re.compile(r"[a-z][a-z\-]+")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_STOP = frozenset(
    """a an the of in on at to for from by with and or is are was were be been being do does did has have had
    what which who whom whose when where why how many much that this these those it its as than then there
    their they them we our you your i me my he she his her not no can could would should will shall may
    might must about into over under between during after before also any some each all most more other
    such only same so very one two three s t""".split()
)
_MAX_PER_WORD = 3  # an English word with many Japanese renderings keeps its most likely ones


def english_words(query: str) -> list[str]:
    """Content words of an English query, lower-cased, in order."""
    return [w for w in _WORD.findall(query.lower()) if w not in _STOP and len(w) > 1]


def _lemmas(word: str) -> list[str]:
    """The word and the base forms it may inflect (invitees → invitee, invited → invite, certified → certify):
    a query word expands to the renderings of each form the lexicon knows."""
    out = [word]
    if word.endswith(("ies", "ied")) and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith(("s", "d")) and len(word) > 3:
        out.append(word[:-1])
    if word.endswith(("es", "ed")) and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("ing") and len(word) > 5:
        out += [word[:-3], word[:-3] + "e"]
    return out


class Lexicon:
    """Both ways between English words and the Japanese words of the corpus."""

    def __init__(self, entries: dict[str, list[str]], reverse: dict[str, list[str]] | None = None) -> None:
        self.entries = entries  # English word or two-word phrase → Japanese corpus tokens
        self.reverse = reverse or {}  # Japanese corpus token → the English words of its first sense

    @classmethod
    def build(cls, vocabulary: set[str]) -> Lexicon:
        japanese = sorted(t for t in vocabulary if _JAPANESE.search(t) and len(t) >= 2)
        if not japanese:
            return cls({})
        # english → token → (0 if the whole gloss is the word else 1, sense rank): 「budget」 is 予算's gloss, a
        # word of 予算案's ("draft budget"); earlier senses are the likelier meaning.
        ranked: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        reverse: dict[str, list[str]] = defaultdict(list)
        for token, sense_rank, gloss in _glosses(tuple(japanese)):
            if sense_rank == 0:
                reverse[token] += [w for w in english_words(re.sub(r"\([^)]*\)", "", gloss)) if w not in reverse[token]]
            gloss = re.sub(r"\([^)]*\)|^to ", "", gloss).strip()
            for key in {gloss} | set(english_words(gloss)):
                if key and key not in _STOP:
                    rank = (0 if key == gloss else 1, sense_rank)
                    best = ranked[key].get(token)
                    ranked[key][token] = rank if best is None else min(best, rank)
        entries = {
            key: [t for t, _ in sorted(tokens.items(), key=lambda kv: (kv[1], len(kv[0])))][:_MAX_PER_WORD]
            for key, tokens in ranked.items()
        }
        return cls(entries, {t: ws[:6] for t, ws in reverse.items()})

    def translate(self, query: str) -> list[str]:
        """Japanese tokens for the English words and two-word phrases of a query."""
        words = english_words(query)
        out: list[str] = []
        for phrase in (" ".join(words[i : i + 2]) for i in range(len(words) - 1)):
            out += self.entries.get(phrase, [])
        # 「per-faculty」「private-sector-funded」: the parts of a hyphenated word, which JMdict glosses alone
        parts = [p for w in words if "-" in w for p in w.split("-") if len(p) > 1 and p not in _STOP]
        for word in words + parts:  # 「papers」: the plural's own glosses (文書) and the singular's (論文)
            out += [t for w in _lemmas(word) for t in self.entries.get(w, [])]
        return list(dict.fromkeys(out))


def _glosses(tokens: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(token, sense rank, English gloss) for every JMdict entry whose headword is one of the tokens."""
    from jamdict import Jamdict

    db = sqlite3.connect(f"file:{Jamdict().db_file}?mode=ro", uri=True)
    try:
        db.execute("CREATE TEMP TABLE q (text TEXT PRIMARY KEY)")
        db.executemany("INSERT OR IGNORE INTO q VALUES (?)", [(t,) for t in tokens])
        rows = db.execute(
            """
            WITH heads AS (
                SELECT q.text AS token, k.idseq FROM q JOIN Kanji k ON k.text = q.text
                UNION SELECT q.text, n.idseq FROM q JOIN Kana n ON n.text = q.text
            )
            SELECT heads.token, s.ID - (SELECT MIN(ID) FROM Sense WHERE idseq = s.idseq) AS sense_rank, g.text
            FROM heads JOIN Sense s ON s.idseq = heads.idseq JOIN SenseGloss g ON g.sid = s.ID
            WHERE g.lang IS NULL OR g.lang = 'eng'
            """
        ).fetchall()
    finally:
        db.close()
    return [(token, int(rank), gloss.lower()) for token, rank, gloss in rows]


@lru_cache(maxsize=4)
def lexicon_for(vocabulary: frozenset[str]) -> Lexicon:
    return Lexicon.build(set(vocabulary))
