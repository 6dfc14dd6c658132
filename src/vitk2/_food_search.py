"""Food search: every word of a query starts a word of the food's description or common names.

Ranked so that the plain food a person means comes first (see :func:`search_foods`).
"""

from __future__ import annotations

import bisect
from fractions import Fraction

from vitk2._errors import InvalidAmountError, UnitParseError
from vitk2._food_names import name_words
from vitk2._food_records import Food
from vitk2._food_tables import Catalogue, catalogue

__all__ = ["search_foods"]


class _SearchIndex:
    """Postings from each word to the foods (by position in the catalogue's ids) holding it."""

    __slots__ = ("first", "ids", "postings", "prepared", "raw", "sizes", "vocab", "words")

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

    def search(self, query: str, limit: int) -> list[str]:
        terms = list(dict.fromkeys(name_words(query)))
        if not terms:
            return []
        matched: list[set[str]] = [self._matching_words(t) for t in terms]
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
            {t} | {w for w in ws if len(w) < len(t)} for t, ws in zip(terms, matched, strict=True)
        ]

        def rank(i: int) -> tuple[int, bool, bool, bool, Fraction, int, str]:
            own = self.words[i]
            exact = sum(1 for forms in exact_forms if forms & own)
            covered = sum(1 for ws in matched for w in ws if w in own)
            coverage = Fraction(min(covered, self.sizes[i]), max(self.sizes[i], 1))
            head = any(self.first[i] in ws for ws in matched)
            return (
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


def search_foods(query: str, *, limit: int = 10) -> tuple[Food, ...]:
    """Foods whose description or common names contain every word of the query, best first.

    Each query word must be the start of a word of the food (``"ched"`` finds cheddar; case,
    accents and punctuation are ignored; a plural finds its singular).  Ranking, in order:

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
    """
    if not isinstance(query, str):
        msg = f"{query!r} is not a search text; give words such as 'chicken breast roasted'"
        raise UnitParseError(msg)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        msg = f"limit={limit!r}: give a whole number of results, at least 1"
        raise InvalidAmountError(msg)
    cat = catalogue()
    return tuple(cat.food(fid) for fid in search_index().search(query, limit))


