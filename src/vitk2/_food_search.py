"""Food search: every word of a query starts a word of the food's description or common names.

Ranked so that the plain food a person means comes first (see :func:`search_foods`).  A query
word that starts no word is read as a misspelling: it matches the words of the foods within a
small edit distance (optimal string alignment: an insertion, deletion, substitution or swap of
two neighbouring letters is one edit), so ``brocolli``, ``kael`` and ``chedar`` find broccoli,
kale and cheddar.  The distance is computed by ``rapidfuzz`` when it is installed (the
``fuzzy`` extra) and in pure Python otherwise, with the same results.
"""

from __future__ import annotations

import bisect
import importlib.util
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Final

from vitk2._errors import InvalidAmountError, UnitParseError
from vitk2._food_names import name_words
from vitk2._food_records import Food
from vitk2._food_tables import Catalogue, catalogue

__all__ = ["corrected_words", "edit_distance", "search_foods"]

FUZZY_MIN_LENGTH: Final = 3
"""Query words shorter than this are never read as misspellings (too many words are close)."""


def max_edits(word: str) -> int:
    """The edits a misspelt query word may be from a food's word: 1 up to 4 letters, else 2."""
    if len(word) < FUZZY_MIN_LENGTH:
        return 0
    return 1 if len(word) <= 4 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of *a* and *b*, or ``limit + 1`` if it is larger.

    Counts insertions, deletions, substitutions and swaps of two neighbouring letters.

    >>> edit_distance("kael", "kale", 2), edit_distance("brocolli", "broccoli", 2)
    (1, 2)
    >>> edit_distance("chedar", "cottage", 2)
    3
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            row[j] = best
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[len(b)], limit + 1)


def _close_words_python(word: str, vocab: Sequence[str], limit: int) -> dict[str, int]:
    letters = set(word)
    found = {}
    for w in vocab:
        # an edit changes the set of letters by at most two (a substitution), so words whose
        # letters differ by more than 2 x limit are too far, without the full computation
        if abs(len(w) - len(word)) > limit or len(letters.symmetric_difference(w)) > 2 * limit:
            continue
        d = edit_distance(word, w, limit)
        if d <= limit:
            found[w] = d
    return found


def _close_words_rapidfuzz(word: str, vocab: Sequence[str], limit: int) -> dict[str, int]:
    from rapidfuzz import process  # noqa: PLC0415 - optional, loaded on first fuzzy search
    from rapidfuzz.distance import OSA  # noqa: PLC0415

    hits = process.extract(word, vocab, scorer=OSA.distance, score_cutoff=limit, limit=None)
    return {w: int(d) for w, d, _ in hits}


def close_words(
    word: str, vocab: Sequence[str], *, accelerated: bool | None = None
) -> dict[str, int]:
    """The words of *vocab* within :func:`max_edits` of *word*, with their distances.

    *accelerated* chooses rapidfuzz (True) or pure Python (False); by default rapidfuzz when
    it is installed.  Both give the same answer.
    """
    limit = max_edits(word)
    if limit == 0:
        return {}
    if accelerated is None:
        accelerated = _HAVE_RAPIDFUZZ
    if accelerated:
        return _close_words_rapidfuzz(word, vocab, limit)
    return _close_words_python(word, vocab, limit)


_HAVE_RAPIDFUZZ: Final = importlib.util.find_spec("rapidfuzz") is not None


class _SearchIndex:
    """Postings from each word to the foods (by position in the catalogue's ids) holding it."""

    __slots__ = (
        "by_length", "first", "ids", "postings", "prepared", "raw", "sizes", "vocab", "words",
    )

    def __init__(self, cat: Catalogue) -> None:
        self.ids = cat.ids
        postings: dict[str, set[int]] = {}
        self.words: list[frozenset[str]] = []
        self.sizes: list[int] = []
        self.first: list[str] = []
        self.raw: list[bool] = []
        self.prepared: list[bool] = []
        for i, fid in enumerate(self.ids):
            listing = cat.listings[fid]
            desc, common = listing.description, listing.common_names
            self.prepared.append(listing.prepared)
            desc_words = name_words(desc)
            every = frozenset(desc_words + name_words(common or ""))
            self.words.append(every)
            self.sizes.append(len(set(desc_words)))
            self.first.append(desc_words[0] if desc_words else "")
            self.raw.append("raw" in desc_words)
            for w in every:
                postings.setdefault(w, set()).add(i)
        self.vocab = sorted(postings)
        self.by_length: dict[int, list[str]] = {}
        """The words by length: a misspelling is compared only with words near its length."""
        for word in self.vocab:
            self.by_length.setdefault(len(word), []).append(word)
        self.postings = postings

    def _matching_words(self, w: str) -> set[str]:
        found = set()
        start = bisect.bisect_left(self.vocab, w)
        for word in self.vocab[start:]:
            if not word.startswith(w):
                break
            found.add(word)
        # plural query words: "eggs" finds "egg", "tomatoes" finds "tomato"
        for cut in (1, 2):
            if len(w) - cut >= 3 and w.endswith("s") and w[:-cut] in self.postings:
                found.add(w[:-cut])
        return found

    def corrections(self, terms: Sequence[str]) -> list[dict[str, int]]:
        """Per term, the words it may mean with their edit distances (0 when it matches)."""
        out: list[dict[str, int]] = []
        for t in terms:
            words = self._matching_words(t)
            if words:
                out.append(dict.fromkeys(words, 0))
                continue
            reach = max_edits(t)
            near = [
                w for n in range(len(t) - reach, len(t) + reach + 1)
                for w in self.by_length.get(n, ())
            ]
            out.append(close_words(t, near))
        return out

    def search(self, query: str, limit: int, *, fuzzy: bool = True) -> list[str]:
        terms = list(dict.fromkeys(name_words(query)))
        if not terms:
            return []
        if fuzzy:
            meant = self.corrections(terms)
        else:
            meant = [dict.fromkeys(self._matching_words(t), 0) for t in terms]
        matched: list[set[str]] = [set(m) for m in meant]
        fuzzed: list[Mapping[str, int]] = [m for m in meant if any(m.values())]
        candidates: set[int] | None = None
        for words in matched:
            hits: set[int] = set()
            for w in words:
                hits |= self.postings[w]
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                return []
        assert candidates is not None
        # a term matches a whole word if the word is the term or, for plurals, its singular
        exact_forms = [
            {t} | {w for w in ws if len(w) < len(t) or m[w]}
            for t, ws, m in zip(terms, matched, meant, strict=True)
        ]

        def rank(i: int) -> tuple[int, int, bool, bool, bool, Fraction, int, str]:
            own = self.words[i]
            edits = sum(min(d for w, d in m.items() if w in own) for m in fuzzed)
            exact = sum(1 for forms in exact_forms if forms & own)
            covered = sum(1 for ws in matched for w in ws if w in own)
            coverage = Fraction(min(covered, self.sizes[i]), max(self.sizes[i], 1))
            head = any(self.first[i] in ws for ws in matched)
            return (
                edits,
                -exact,
                self.prepared[i],
                not head,
                not self.raw[i],
                -coverage,
                self.sizes[i],
                self.ids[i],
            )

        return [self.ids[i] for i in sorted(candidates, key=rank)[:limit]]


def search_index() -> _SearchIndex:
    """The word index of every table's foods, built on first search."""
    return catalogue().derive("search", _SearchIndex)  # type: ignore[no-any-return]


def corrected_words(query: str) -> dict[str, tuple[str, ...]]:
    """The query words that start no food's word, each with the words it is read as.

    Closest first (then alphabetically); a word with no close word maps to ``()``.

    >>> corrected_words("brocolli raw")
    {'brocolli': ('broccoli',)}
    >>> corrected_words("chedar")["chedar"][0]
    'cheddar'
    """
    if not isinstance(query, str):
        msg = f"{query!r} is not a search text; give words such as 'chicken breast roasted'"
        raise UnitParseError(msg)
    index = search_index()
    terms = list(dict.fromkeys(name_words(query)))
    out = {}
    for t, meant in zip(terms, index.corrections(terms), strict=True):
        if not meant or any(meant.values()):
            out[t] = tuple(sorted(meant, key=lambda w: (meant[w], w)))
    return out


def search_foods(query: str, *, limit: int = 10, fuzzy: bool = True) -> tuple[Food, ...]:
    """Foods whose description or common names contain every word of the query, best first.

    Each query word must be the start of a word of the food (``"ched"`` finds cheddar; case,
    accents and punctuation are ignored; a plural finds its singular).  A word that starts no
    food's word is read as a misspelling (unless ``fuzzy=False``): it matches the words within
    one edit (words of up to 4 letters) or two (longer words; none below 3 letters), where an
    edit inserts, deletes or changes a letter or swaps two neighbours.  Every table is
    searched.  Ranking, in order:

    0. fewer edits (so ``"chedar"`` lists cheddar before Caesar dressing);
    1. more query words matching whole words (``"egg"`` before ``"eggplant"``);
    2. plain foods before prepared, branded or composite ones (SR28 groups such as baby
       foods, sausages and luncheon meats, baked products, sweets, fast foods, meals,
       snacks, restaurant foods, soups and sauces);
    3. foods whose first word is matched (``"Chicken, …, breast, …, roasted"`` for
       ``"chicken breast roasted"``);
    4. raw forms (``"Kale, raw"`` before ``"Kale, frozen, …"``);
    5. the larger share of the description's words covered by the query (so
       ``"Cheese, cheddar"`` comes before ``"Cheese, cheddar, sharp, sliced"``);
    6. shorter descriptions; 7. the id.

    >>> [f.description for f in search_foods("cheddar", limit=2)]
    ['Cheese, cheddar', 'Cheese, cheddar, reduced fat']
    >>> search_foods("natto")[0]
    <Food 16113 Natto>
    >>> search_foods("zzzz")
    ()
    >>> [f.description for f in search_foods("kael", limit=1)]
    ['Kale, raw']
    >>> search_foods("kael", fuzzy=False)
    ()
    """
    if not isinstance(query, str):
        msg = f"{query!r} is not a search text; give words such as 'chicken breast roasted'"
        raise UnitParseError(msg)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        msg = f"limit={limit!r}: give a whole number of results, at least 1"
        raise InvalidAmountError(msg)
    cat = catalogue()
    return tuple(cat.food(fid) for fid in search_index().search(query, limit, fuzzy=fuzzy))


