"""Looking a food up by id or exact description, across every food table."""

from __future__ import annotations

import difflib

from vitk2._errors import UnknownFoodError
from vitk2._food_names import fold_name, name_words
from vitk2._food_records import Food
from vitk2._food_search import search_foods, search_index
from vitk2._food_tables import Catalogue, catalogue

__all__ = ["all_food_ids", "food"]


def all_food_ids() -> tuple[str, ...]:
    """The id of every food vitk2 knows, sorted (SR28 NDB numbers, then namespaced ids).

    >>> ids = all_food_ids()
    >>> len(ids) > 5000, ids[0]
    (True, '01001')
    """
    return catalogue().ids


def food(key: str | int) -> Food:
    """Look a food up by id (``"11233"``, ``11233``, ``"sr28:11233"``, ``"vk2:…"``) or description.

    Descriptions match ignoring case, accents and runs of whitespace.  Anything else raises
    :class:`UnknownFoodError` with close matches; use :func:`search_foods` to search by words.

    >>> food(1009)
    <Food 01009 Cheese, cheddar>
    >>> food("sr28:01009") is food("01009")
    True
    >>> food("  kale,   RAW ")
    <Food 11233 Kale, raw>
    >>> food("kale")
    Traceback (most recent call last):
    ...
    vitk2.UnknownFoodError: no food with id or description 'kale'; ...

    The error's ``suggestions`` are strings that look the suggested foods up again:

    >>> try:
    ...     food("kale")
    ... except UnknownFoodError as err:
    ...     [food(s) for s in err.suggestions][:2]
    [<Food 11233 Kale, raw>, <Food 11234 Kale, cooked, boiled, drained, without salt>]
    """
    cat = catalogue()
    if isinstance(key, int) and not isinstance(key, bool) and 0 < key < 100_000:
        key = f"{key:05d}"
    if not isinstance(key, str):
        msg = f"{key!r} is not a food id or description; give e.g. '11233' or 'Kale, raw'"
        raise UnknownFoodError(msg)
    text = key.strip()
    found = cat.resolve(text)
    if found is not None:
        return cat.food(found)
    fid = cat.names.get(fold_name(text))
    if fid is not None:
        return cat.food(fid)
    ids = [f.id for f in search_foods(text, limit=3)] if text else []
    if not ids and text:
        # misspelt words: search again with each word replaced by its closest known word
        vocab = search_index().vocab
        fixed = [(difflib.get_close_matches(w, vocab, n=1, cutoff=0.75) or [w])[0]
                 for w in name_words(text)]
        ids = [f.id for f in search_foods(" ".join(fixed), limit=3)]
    if not ids:
        close = difflib.get_close_matches(fold_name(text), list(cat.names), n=3)
        ids = [cat.names[n] for n in close]
    suggestions = tuple(_suggestion(cat, fid) for fid in ids)
    shown = [
        repr(s) if s != fid else f"{s!r} ({cat.food(fid).description})"
        for s, fid in zip(suggestions, ids, strict=True)
    ]
    hint = f"did you mean {', '.join(shown)}? " if shown else ""
    msg = (
        f"no food with id or description {key!r}; {hint}"
        "give an SR28 NDB number such as '11233', an exact description such as 'Kale, raw', "
        "or use search_foods()"
    )
    raise UnknownFoodError(msg, suggestions=suggestions, suggested_ids=tuple(ids))


def _suggestion(cat: Catalogue, fid: str) -> str:
    """A string :func:`food` resolves to this food: its unique description, else its id."""
    description = cat.food(fid).description
    if cat.names.get(fold_name(description)) == fid and cat.resolve(description.strip()) is None:
        return description
    return fid

