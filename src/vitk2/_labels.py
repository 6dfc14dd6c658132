"""Supplement Facts and nutrition panels: read a whole panel (:func:`read_label`).

A panel is read the way people copy it: one line per row, columns separated by tabs, pipes or
runs of spaces (single spaces work too when the row ends in an amount and a percent).  Every
non-blank line ends up in the report (``vitk2._label_report``).

A vitamin K line keeps its exact mass.  Its form is taken from the line's own words
("Vitamin K2 (as MK-7)"); a line that says only "Vitamin K" or "Vitamin K2" has an undeclared
form, and vitk2 never guesses one.  The declared %DV or %NRV is checked against the amount
(``vitk2._label_check``) with the reference value and rounding rule the panel uses
(``vitk2._label_rules``): the region and kind of panel are read from its own words unless
the caller says.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final, NamedTuple

import attrs

from vitk2._errors import (
    AmbiguousNameError,
    ConflictingVitamerNamesError,
    LabelError,
    NotFoundError,
    Vitk2Error,
)
from vitk2._label_check import (
    DeclaredPercent,
    Marks,
    Rules,
    check_decimal,
    check_flag,
    check_printed,
    read_amount,
    read_percent,
)
from vitk2._label_report import (
    FormStatus,
    LabelReport,
    OtherKind,
    OtherLine,
    UnreadLine,
    VitaminKLine,
)
from vitk2._label_rules import (
    DEFAULT_REFERENCE,
    LABEL_REFERENCES,
    PERCENT_ROUNDINGS,
    LabelReference,
    Region,
    label_reference,
)
from vitk2._units import Decimal_
from vitk2._vitamers import Vitamer, read_vitamer_phrase, vitamer

__all__ = [
    "read_label",
]

MAX_PANEL_LENGTH: Final = 100_000
"""The longest text :func:`read_label` reads (a real panel is a few thousand characters)."""

_COLUMNS: Final = re.compile(r"\t+|\s*\|\s*|\s{2,}")

_K_WORDS: Final = re.compile(
    r"vitamin\s*k|\bvit\.?\s*k|phyllo|phyto(?:na|me)dione|menaquinon|menatetrenon|menadion"
    r"|\bmk[\s-]?\d|\bk[\s-]?[123]\b",
    re.IGNORECASE,
)

_K_FAMILY: Final = re.compile(r"vitamin\s*k[\s-]?([123])\b|\bk[\s-]?([123])\b", re.IGNORECASE)

_PARENS: Final = re.compile(r"\(([^()]*)\)")

_TITLE: Final = re.compile(
    r"^\s*(supplement\s+facts|nutrition\s+facts|nutrition(?:al)?\s+information"
    r"|nutrition\s+declaration|nährwert\w*|valeurs?\s+nutritionnelles?)\b",
    re.IGNORECASE,
)

_US_MARK: Final = re.compile(r"daily\s+value|%\s*dv\b|supplement\s+facts|nutrition\s+facts",
                             re.IGNORECASE)

_EU_MARK: Final = re.compile(
    r"\bnrv\b|nutrient\s+reference\s+value|reference\s+intake|%\s*ri\b|\bri\s*%|typical\s+values"
    r"|per\s+100\s*(?:g|ml)\b|nutrition(?:al)?\s+information",
    re.IGNORECASE,
)

_SERVING: Final = re.compile(
    r"^\s*(serving\s+size|servings\s+per\s+container|per\s+serving"
    r"|per\s+(?:\d+\s+)?(?:capsule|tablet|softgel|caplet|gummy|daily\s+dose|portion|drop)s?\b)",
    re.IGNORECASE,
)

_FOOTNOTE: Final = re.compile(
    r"^\s*(?:[*†‡]|daily\s+value\s+not\s+established|percent\s+daily\s+values?\s+are\s+based"
    r"|nrv\s*=|ri\s*=|reference\s+intake\s+of\s+an\s+average)",
    re.IGNORECASE,
)

_INGREDIENTS: Final = re.compile(r"^\s*(?:other\s+)?ingredients\b", re.IGNORECASE)

_HAS_DIGIT: Final = re.compile(r"\d")

_BARE_NUMBER: Final = re.compile(r"^\d[\d.,]*$")

_PERCENT_COLUMN: Final = re.compile(
    r"%\s*(?:dv|nrv|ri|daily\s+value|rda)\b|\b(?:nrv|ri|rda)\s*%|%\s*of\s+(?:nrv|ri)",
    re.IGNORECASE,
)


class _Row(NamedTuple):
    name: str
    amounts: list[str]
    percent: DeclaredPercent | None
    problem: str | None = None


def _split_columns(line: str, marks: Marks, *, percent_column: bool = False) -> _Row:
    """Name cell, amount cells, and the percent (if any) of one row.

    With *percent_column* (the panel heads a column ``%NRV``, ``% DV`` …), a bare number after
    the amount is that column's percent, as UK and EU tables print it (``100µg  133``).
    """
    try:
        return _split(line, marks, percent_column=percent_column)
    except LabelError as exc:
        cells = [c.strip() for c in _COLUMNS.split(line.strip().strip("|")) if c.strip()]
        return _Row(cells[0] if cells else line, [], None, str(exc))


def _bare_percent(text: str, marks: Marks) -> DeclaredPercent | None:
    """A bare number in a percent column, read as that percent (``133`` under ``%NRV``)."""
    if not _BARE_NUMBER.match(text.strip()):
        return None
    found = read_percent(f"{text.strip()}%", marks=marks)
    return None if found is None else attrs.evolve(found, text=text.strip())


def _split(line: str, marks: Marks, *, percent_column: bool) -> _Row:
    cells = [c.strip() for c in _COLUMNS.split(line.strip().strip("|")) if c.strip()]
    percent = read_percent(cells[-1], marks=marks) if len(cells) >= 2 else None
    if percent is None and percent_column and len(cells) >= 2:
        percent = _bare_percent(cells[-1], marks)
    if percent is not None:
        cells = cells[:-1]
    elif len(cells) >= 2 and "%" in cells[-1]:
        msg = f"{cells[-1]!r} is not a percentage vitk2 can read (expected e.g. '83%' or '<1%')"
        raise LabelError(msg)
    if len(cells) >= 2:
        return _Row(cells[0], cells[1:], percent)
    # One cell left: words separated by single spaces; peel a percent, then an amount, off
    # the end, asking vitk2's own parser which trailing words are an amount.
    words = cells[0].split() if cells else []
    if percent is None:
        for take in (3, 2, 1):
            if len(words) > take:
                p = read_percent(" ".join(words[-take:]), marks=marks)
                if p is not None:
                    percent, words = p, words[:-take]
                    break
    if percent is None and percent_column and len(words) > 2:
        p = _bare_percent(words[-1], marks)
        if p is not None and _amount_at_end(words[:-1], marks):
            percent, words = p, words[:-1]
    take = _amount_at_end(words, marks)
    if take:
        return _Row(" ".join(words[:-take]), [" ".join(words[-take:])], percent)
    return _Row(" ".join(words), [], percent, _unread_amount(words, marks))


_STARTS_NUMERIC: Final = re.compile(r"^[+\-\u2212]?[\d.,]*\d")


def _unread_amount(words: list[str], marks: Marks) -> str | None:
    """Why the number at the end of a row is not an amount (``100 Mg``, ``-100 mcg``).

    ``None`` when the row does not end in something shaped like an amount: the caller then
    says that no amount was found.
    """
    for take in (2, 1):
        if len(words) > take and _STARTS_NUMERIC.match(words[-take]):
            try:
                read_amount(" ".join(words[-take:]), marks)
            except Vitk2Error as exc:
                return str(exc)
    return None


def _amount_at_end(words: list[str], marks: Marks) -> int:
    """How many trailing words are an amount by vitk2's own parser (0 if none)."""
    for take in (2, 1, 3):
        if len(words) > take:
            try:
                read_amount(" ".join(words[-take:]), marks)
            except Vitk2Error:
                continue
            return take
    return 0


class _Form(NamedTuple):
    vitamer: Vitamer | None
    status: FormStatus
    text: str | None = None
    problem: str | None = None
    """Set when the line contradicts itself (two different forms): it is not read."""
    sources: tuple[str, ...] = ()
    mixture: tuple[Vitamer, ...] = ()


_LIST_SEPARATOR: Final = re.compile(r"\s*(?:,|&|\+|/|\band\b)\s*", re.IGNORECASE)


def _mixture(name: str) -> _Form | None:
    """``Vitamin K (as phylloquinone, menaquinone-4, menaquinone-7)``: a declared mixture.

    Only a list of forms under a heading that covers them all is a mixture; "Vitamin K1 (as
    MK-7)" names two forms that contradict each other, and is not read.
    """
    candidates = [*_PARENS.findall(name)]
    head = _PARENS.sub(" ", name)
    as_part = re.search(r"\bas\s+(.+)$", head, re.IGNORECASE)
    if as_part is not None:
        candidates.append(as_part.group(1))
        head = head[: as_part.start()]
    family_m = _K_FAMILY.search(head)
    family = f"K{family_m.group(1) or family_m.group(2)}" if family_m else None
    for cand in candidates:
        text = re.sub(r"^\s*as\s+", "", cand.strip(), flags=re.IGNORECASE)
        items = [i.strip(" .;®™") for i in _LIST_SEPARATOR.split(text) if i.strip(" .;®™")]
        if len(items) < 2:
            continue
        try:
            found = [vitamer(i) for i in items]
        except NotFoundError:
            continue
        forms = tuple(dict.fromkeys(found))
        if len(forms) < 2 or (family is not None and any(v.family != family for v in forms)):
            continue
        return _Form(None, "mixture", ", ".join(v.key for v in forms), mixture=forms)
    return None


@lru_cache(maxsize=1024)
def _resolve_form(name: str) -> _Form:
    """The form a line's name cell declares, read by :func:`vitk2.read_vitamer_phrase`.

    "Vitamin K" and "Vitamin K2" name no form (never guessed); a phrase that names two forms
    is a contradiction; a form word vitk2 does not know is reported as not recognised.
    """
    try:
        phrase = read_vitamer_phrase(name)
    except ConflictingVitamerNamesError as exc:
        return _mixture(name) or _Form(None, "not recognised", None, str(exc))
    except AmbiguousNameError:
        return _Form(None, "not declared")
    except NotFoundError:
        return _unknown_form(name)
    return _Form(phrase.vitamer, "declared", phrase.form_words[-1], None, phrase.sources)


def _unknown_form(name: str) -> _Form:
    """Name the form word vitk2 does not know, or say that none is declared."""
    candidates: list[str] = list(_PARENS.findall(name))
    head = _PARENS.sub(" ", name)
    as_part = re.search(r"\bas\s+(.+)$", head, re.IGNORECASE)
    if as_part is not None:
        candidates.append(as_part.group(1))
    for cand in candidates:
        if re.match(r"^\s*from\s", cand, re.IGNORECASE):
            continue  # "(from natto)" names a source, not a form
        text = re.sub(r"^\s*as\s+", "", cand.strip(), flags=re.IGNORECASE)
        text = re.sub(r"\s+from\s+.*$", "", text, flags=re.IGNORECASE).strip(" ,;.®™")
        if text:
            return _Form(None, "not recognised", text)
    return _Form(None, "not declared")


def _classify_other(line: str) -> OtherKind:
    if _TITLE.match(line):
        return "title"
    if _FOOTNOTE.match(line):
        return "footnote"
    if _SERVING.match(line):
        return "serving"
    if _INGREDIENTS.match(line):
        return "ingredients"
    if _US_MARK.search(line) or _EU_MARK.search(line) or re.search(r"^\s*amount\b", line, re.I):
        return "header"
    if _HAS_DIGIT.search(line):
        return "nutrient"
    return "text"


def _check_region(region: object) -> Region | None:
    if region is None:
        return None
    if region == "us":
        return "us"
    if region == "eu":
        return "eu"
    msg = f"region={region!r}: choose 'us' (Supplement/Nutrition Facts, %DV) or 'eu' (EU/UK, %NRV)"
    raise LabelError(msg)


class _Settings(NamedTuple):
    region: Region | None
    marks: Marks
    rules: Rules | None


def _settings(
    lines: list[str],
    panel: str | None,
    region: object,
    decimal: object,
    reference: str | LabelReference | None,
) -> _Settings:
    """Region, decimal mark, reference value and rounding rule for a panel."""
    chosen = _check_region(region)
    mark = check_decimal(decimal)
    if chosen is None:
        us = any(_US_MARK.search(line) for line in lines)
        eu = any(_EU_MARK.search(line) for line in lines)
        if us and eu:
            msg = (
                "the panel mentions both a US Daily Value and an EU/UK reference intake "
                "(NRV/RI); say which applies: region 'us' or 'eu' (--region us or --region eu "
                "on the command line)"
            )
            raise LabelError(msg)
        chosen = "us" if us else "eu" if eu else None
    if reference is not None:
        ref: LabelReference | None = label_reference(reference)
        assert ref is not None
        chosen = chosen or ref.region
    else:
        ref = None if chosen is None else LABEL_REFERENCES[DEFAULT_REFERENCE[chosen]]
    marks = Marks(mark, explicit=mark is not None)
    if mark is None and chosen is not None:
        marks = Marks("." if chosen == "us" else ",", explicit=False)
    if ref is None:
        return _Settings(chosen, marks, None)
    if ref.region == "eu":
        key = "printed-precision"
    elif panel is not None and re.match(r"\s*nutrition\s+facts", panel, re.IGNORECASE):
        key = "fda-food-steps"
    else:
        key = "fda-supplement-whole-percent"
    return _Settings(chosen, marks, Rules(ref, PERCENT_ROUNDINGS[key]))


def read_label(
    text: str,
    *,
    region: Region | None = None,
    decimal: Decimal_ | None = None,
    reference: str | LabelReference | None = None,
    require_primary: bool = False,
) -> LabelReport:
    """Read a Supplement Facts or nutrition panel and cross-check every vitamin K percent.

    *region* is ``"us"`` (%DV) or ``"eu"`` (EU/UK, %NRV); by default it is read from the
    panel's own words (``% Daily Value``, ``NRV``, ``per 100 g`` …).  *decimal* is the decimal
    mark of the panel's numbers (``","`` for ``12,5%``); by default ``","`` on EU panels and
    ``"."`` on US ones.  *reference* overrides the reference value (a key of
    :data:`LABEL_REFERENCES`, e.g. ``"fda-rdi-1995"`` for a label made before the 2016 rule).
    With *require_primary*, a reference value or rounding rule read only in secondary copies
    is not used: its lines are ``unchecked`` (neither passed nor flagged) and the report is
    not ``ok``.

    >>> panel = '''
    ... Supplement Facts
    ... Serving Size 1 Softgel
    ... Amount Per Serving            % Daily Value
    ... Vitamin K2 (as MK-7)   100 mcg   83%
    ... Vitamin K              100 mcg   125%
    ... '''
    >>> r = read_label(panel)
    >>> [(k.describe_form(), k.flagged) for k in r.vitamin_k]
    [('MK-7', False), ('form not declared', True)]
    >>> r.vitamin_k[1].check.fits
    ('the pre-2016 FDA Daily Value (1995 rule), 80 µg, instead of 120 µg',)
    >>> strict = read_label(panel, require_primary=True)
    >>> strict.ok, [k.check.status for k in strict.vitamin_k]
    (False, ['unchecked: reference is secondary', 'unchecked: reference is secondary'])
    """
    check_flag(require_primary)
    if not isinstance(text, str):
        msg = f"read_label() takes the panel as text, not {type(text).__name__}"
        raise LabelError(msg)
    if len(text) > MAX_PANEL_LENGTH:
        msg = (
            f"the label text is {len(text):,} characters long; a panel is at most "
            f"{MAX_PANEL_LENGTH:,} characters (give one panel at a time)"
        )
        raise LabelError(msg)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        msg = (
            "the label text is empty; give the panel's lines, "
            "e.g. 'Vitamin K2 (as MK-7)  100 mcg  83%'"
        )
        raise LabelError(msg)
    titles = (_TITLE.match(line) for line in lines)
    panel = next((m.group(1).strip() for m in titles if m is not None), None)
    settings = _settings(lines, panel, region, decimal, reference)
    serving = next(
        (line.strip() for line in lines if re.match(r"\s*serving\s+size", line, re.IGNORECASE)),
        None,
    )
    percent_column = any(_PERCENT_COLUMN.search(line) for line in lines)
    k_lines: list[VitaminKLine] = []
    other: list[OtherLine] = []
    unread: list[UnreadLine] = []
    for number, raw in enumerate(lines, start=1):
        line = unicodedata.normalize("NFKC", raw)
        if not line.strip():
            continue
        # Cells keep the label's own characters (µ stays µ); matching uses the folded line.
        row = _split_columns(raw, settings.marks, percent_column=percent_column)
        structural = _FOOTNOTE.match(line) or _TITLE.match(line) or _INGREDIENTS.match(line)
        if structural or not _K_WORDS.search(row.name):
            other.append(OtherLine(line_number=number, raw=raw, kind=_classify_other(line)))
            continue
        result = _read_k_line(number, raw, row, settings, require_primary=require_primary)
        if isinstance(result, UnreadLine):
            unread.append(result)
        else:
            k_lines.append(result)
    if settings.rules is None and any(k.percent is not None for k in k_lines):
        msg = (
            "the panel has vitamin K percentages but does not say whether they are US %DV or "
            "EU/UK %NRV; say which: region 'us' or 'eu' (--region us or --region eu on the "
            "command line)"
        )
        raise LabelError(msg)
    rules = settings.rules
    return LabelReport(
        region=settings.region, panel=panel, serving=serving, decimal=settings.marks.decimal,
        reference=None if rules is None else rules.reference,
        rounding=None if rules is None else rules.rounding,
        vitamin_k=tuple(k_lines), other=tuple(other), unread=tuple(unread),
        require_primary=require_primary,
    )


def _read_k_line(
    number: int, raw: str, row: _Row, settings: _Settings, *, require_primary: bool
) -> VitaminKLine | UnreadLine:
    name, amounts, percent, problem = row
    rules = settings.rules
    if problem is not None:
        return UnreadLine(line_number=number, raw=raw, reason=problem)
    form = _resolve_form(name)
    if form.problem is not None:
        return UnreadLine(line_number=number, raw=raw, reason=form.problem)
    if not amounts:
        return UnreadLine(line_number=number, raw=raw,
                          reason="no amount found (expected e.g. '100 mcg' after the name)")
    # The percent belongs to the amount printed just before it (per serving after per 100 g),
    # and that cell must be an amount: a cell vitk2 cannot read is never skipped silently.
    cell = amounts[-1]
    try:
        printed = read_amount(cell, settings.marks)
    except Vitk2Error as exc:
        return UnreadLine(line_number=number, raw=raw, reason=str(exc))
    check = None
    if percent is not None and rules is not None:
        check = check_printed(printed, percent, rules, require_primary=require_primary)
    return VitaminKLine(
        line_number=number, raw=raw, name=name, amount_text=cell,
        micrograms=printed.micrograms, vitamer=form.vitamer, form_status=form.status,
        form_text=form.text, percent=percent, check=check, sources=form.sources,
        mixture=form.mixture,
    )

