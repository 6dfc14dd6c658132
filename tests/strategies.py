"""Hypothesis strategies shared by every vitk2 test module (one module, as in attrs).

Quantities are built through vitk2's own registry accessor (pint's application registry); no test
builds a second ``UnitRegistry`` except the one foreign-registry test in ``test_units.py``.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from hypothesis import strategies as st

from vitk2 import Amount, DailyDose, Vitamer, all_vitamers
from vitk2._units import unit_spec

if TYPE_CHECKING:
    from vitk2 import Comparison, DoseEvent, MealAnchor, Schedule

# --- foundation: units, vitamers, amounts ------------------------------------------------

MASS_UNITS = ("pg", "ng", "ug", "mg", "g", "kg")
SUBSTANCE_UNITS = ("pmol", "nmol", "umol", "mmol", "mol")

#: Every spelling of a mass unit a label or paper uses, with the unit code it means.
MASS_SPELLINGS = (
    ("µg", "ug"),  # U+00B5 micro sign
    ("μg", "ug"),  # U+03BC Greek mu
    ("ug", "ug"),
    ("mcg", "ug"),
    ("MCG", "ug"),
    ("microgram", "ug"),
    ("micrograms", "ug"),
    ("Micrograms", "ug"),
    ("ng", "ng"),
    ("nanograms", "ng"),
    ("mg", "mg"),
    ("MG", "mg"),
    ("milligram", "mg"),
    ("g", "g"),
    ("grams", "g"),
)
SUBSTANCE_SPELLINGS = (
    ("nmol", "nmol"),
    ("µmol", "umol"),
    ("μmol", "umol"),
    ("umol", "umol"),
    ("pmol", "pmol"),
    ("nanomoles", "nmol"),
)
PER_DAY_SPELLINGS = ("/day", "/d", " per day", "/ day", " a day", " daily", "/DAY")

vitamers: st.SearchStrategy[Vitamer] = st.sampled_from(all_vitamers())
mass_units = st.sampled_from(MASS_UNITS)

#: Exact, non-negative microgram values from a nanogram to a few grams, as a dose can be.
micrograms: st.SearchStrategy[Fraction] = st.one_of(
    st.integers(min_value=0, max_value=5_000_000).map(Fraction),
    st.fractions(min_value=0, max_value=5_000_000, max_denominator=10**6),
    st.decimals(min_value=0, max_value=5_000_000, places=3, allow_nan=False).map(Fraction),
)
positive_micrograms = micrograms.filter(lambda x: x > 0)


@st.composite
def amounts(draw: st.DrawFn, vitamer: Vitamer | None = None) -> Amount:
    """Any Amount, of a given vitamer or of any."""
    v = vitamer if vitamer is not None else draw(vitamers)
    return Amount.from_micrograms(v, draw(micrograms))


@st.composite
def daily_doses(draw: st.DrawFn, vitamer: Vitamer | None = None) -> DailyDose:
    """Any DailyDose, of a given vitamer or of any."""
    v = vitamer if vitamer is not None else draw(vitamers)
    return DailyDose.from_micrograms_per_day(v, draw(micrograms))


def decimal_text(value: Fraction, code: str) -> str:
    """Exact text for *value* µg in unit *code*, as a decimal or a/b."""
    from vitk2._units import format_number

    return format_number(value / unit_spec(code).factor)


#: Names people use for vitamers, with the key they mean.
VITAMER_NAMES = (
    ("MK-7", "MK-7"),
    ("mk7", "MK-7"),
    ("MK 7", "MK-7"),
    ("menaquinone-7", "MK-7"),
    ("K2 (MK-7)", "MK-7"),
    ("vitamin K2 (MK-7)", "MK-7"),
    ("Vitamin K2(35)", "MK-7"),
    ("menatetrenone", "MK-4"),
    ("MK-4", "MK-4"),
    ("vitamin K2(20)", "MK-4"),
    ("vitamin K1", "K1"),
    ("phylloquinone", "K1"),
    ("phytonadione", "K1"),
    ("Phytomenadione", "K1"),
    ("menadione", "K3"),
    ("vitamin K3", "K3"),
    ("MK-9", "MK-9"),
    ("menaquinone 13", "MK-13"),
    ("dihydrophylloquinone", "dihydro-K1"),
)


#: Templates a label or paper wraps around any vitamer's name, whatever its family.
PHRASE_TEMPLATES = (
    "{n}",
    "({n})",
    "as {n}",
    "(as {n})",
    "Vitamin K (as {n})",
    "{n} from natto",
    "{n} from chickpea",
    "{n} (from natto extract)",
    "{n} derived from Bacillus subtilis natto",
)
#: Templates that name the K2 family first, or the side chain's isomer: menaquinones only.
K2_PHRASE_TEMPLATES = (
    "Vitamin K2 (as {n})",
    "Vitamin K2 as {n}",
    "K2 as {n}",
    "Vitamin K-2 (as {n})",
    "K2 {n}",
    "vitamin K2 {n}",
    "all-trans {n}",
    "{n} (all-trans)",
    "Vitamin K2 (as all-trans {n}) from natto",
)
#: Templates that name vitamin K1 first: phylloquinone only.
K1_PHRASE_TEMPLATES = ("Vitamin K1 (as {n})", "K1 ({n})", "Vitamin K1 {n}")
#: Ways to write two names in one phrase; with two different vitamers, each is a contradiction.
TWO_NAME_TEMPLATES = ("{a} (as {b})", "{a} as {b}", "{a} ({b})", "{a}, {b}", "{a} and {b}")


def vitamer_spellings(v: Vitamer) -> tuple[str, ...]:
    """Every name vitk2 lists for *v*: its key, its name and its synonyms."""
    return (v.key, v.name, *v.synonyms)


@st.composite
def vitamer_phrases(draw: st.DrawFn) -> tuple[str, Vitamer]:
    """A label phrase naming one vitamer by any of its names, with the vitamer it names."""
    v = draw(vitamers)
    templates: tuple[str, ...] = PHRASE_TEMPLATES
    if v.family == "K2":
        templates += K2_PHRASE_TEMPLATES
    if v.key == "K1":
        templates += K1_PHRASE_TEMPLATES
    name = draw(st.sampled_from(vitamer_spellings(v)))
    return draw(st.sampled_from(templates)).format(n=name), v


#: Characters with a numeric value that are not the ASCII digits 0-9: other scripts' digits,
#: fullwidth, superscript, circled, parenthesised and Roman numerals, fractions, CJK numerals.
non_ascii_numerals: st.SearchStrategy[str] = st.one_of(
    st.characters(categories=["Nd", "No", "Nl"], min_codepoint=0x80),
    st.sampled_from("\u0663\u0661\u0967\uff11\u00b2\u2460\u2488\u2166\u00bd\u4e03\U0001d7d5"),
)

# --- intakes and studies ---------------------------------------------------------------------

#: Spellings of authority names a user may type, with the key each means.
AUTHORITY_SPELLINGS = (
    ("IOM", "IOM"),
    ("us", "IOM"),
    ("EFSA", "EFSA"),
    ("D-A-CH", "D-A-CH"),
    ("dach", "D-A-CH"),
    ("UK", "UK"),
    ("nhs", "UK"),
    ("WHO/FAO", "WHO/FAO"),
    ("NHMRC", "NHMRC"),
    ("Japan", "Japan"),
    ("mhlw", "Japan"),
    ("NNR", "NNR"),
    ("nordic", "NNR"),
    ("Korea", "Korea"),
    ("kdri", "Korea"),
)


@st.composite
def authority_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """An authority name with random case and surrounding/inner whitespace, and its key."""
    text, key = draw(st.sampled_from(AUTHORITY_SPELLINGS))
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    mixed = "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=True))
    pad = st.sampled_from(["", " ", "  ", "\t"])
    return f"{draw(pad)}{mixed}{draw(pad)}", key


def daily_doses_of(vitamer_key: str, max_ug: int = 10**6) -> st.SearchStrategy[DailyDose]:
    """Exact daily doses of one vitamer, from 1/1000 µg to *max_ug* µg per day."""
    return st.fractions(min_value=Fraction(1, 1000), max_value=max_ug, max_denominator=1000).map(
        lambda ug: DailyDose.from_micrograms_per_day(vitamer_key, ug)
    )


#: Adult ages in years for lookups (IOM, EFSA, D-A-CH and UK all cover them).
adult_ages = st.fractions(min_value=19, max_value=100, max_denominator=12)
# --- interactions ---------------------------------------------------------------------------

#: Medication names the interaction catalogue knows, written as a person might.
KNOWN_MEDICATION_NAMES = (
    "warfarin",
    "Coumadin 5 mg tablet",
    "Jantoven",
    "warfarin sodium",
    "acenocoumarol",
    "Sinthrome 1 mg",
    "phenprocoumon",
    "fluindione",
    "apixaban",
    "rivaroxaban",
    "dabigatran etexilate",
    "edoxaban",
    "cefotetan",
    "colestyramine",
    "orlistat",
    "mineral oil",
    "vitamin E",
    "vitamin D3",
    "calcium carbonate",
    "B01AA03",
)


def medication_items() -> st.SearchStrategy[object]:
    """Items a caller might put in a medication list: known names, noise, numbers.

    Each is text that is not blank or a whole number, which vitk2 assesses (an unknown one as
    UNKNOWN); :func:`refused_medication_items` are refused instead.
    """
    return st.one_of(
        st.sampled_from(KNOWN_MEDICATION_NAMES),
        st.text(max_size=40).filter(lambda t: bool(t.strip())),
        st.integers(min_value=-5, max_value=2_000_000),
    )


def refused_medication_items() -> st.SearchStrategy[object]:
    """Items that name no medication: not text or a whole number, or blank text."""
    return st.one_of(
        st.none(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.text(alphabet=" \t\n\u00a0\u3000", max_size=5),
        st.binary(max_size=5),
    )


def unknown_names() -> st.SearchStrategy[str]:
    """Lowercase made-up names that cannot collide with the catalogue (they carry a 'q' prefix)."""
    return st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=3, max_size=12).map(
        lambda s: f"qz{s}"
    )


# --- foods: food ids, gram weights, diaries ------------------------------------------------


def food_ids() -> st.SearchStrategy[str]:
    """Ids of packaged foods (the table is read when the strategy is first built)."""
    from vitk2 import all_food_ids

    return st.sampled_from(all_food_ids())


def gram_weights(max_grams: int = 2000) -> st.SearchStrategy[Fraction]:
    """Exact, non-negative portion weights in grams."""
    return st.fractions(min_value=0, max_value=max_grams, max_denominator=1000)


def diary_entries(max_size: int = 8) -> st.SearchStrategy[list[tuple[str, Fraction]]]:
    """(food id, grams) pairs for a meal or diary."""
    return st.lists(st.tuples(food_ids(), gram_weights()), max_size=max_size)

# --- schedules, pharmacokinetics, exports ------------------------------------------------

#: Daily doses that are a whole number of nanograms, 1 ng to 200 mg, of the modelled vitamers.
SCHEDULE_VITAMER_KEYS = ("K1", "MK-4", "MK-7")


@st.composite
def whole_ng_daily_doses(draw: st.DrawFn, vitamer: str | None = None) -> DailyDose:
    """A DailyDose that is a whole number of nanograms (what labels and studies give)."""
    from vitk2 import vitamer as lookup

    key = vitamer if vitamer is not None else draw(st.sampled_from(SCHEDULE_VITAMER_KEYS))
    ng = draw(st.integers(min_value=1, max_value=200_000_000))
    return DailyDose.from_micrograms_per_day(lookup(key), Fraction(ng, 1000))


#: Administrations a day, as `divide(times=...)` accepts.
times_per_day: st.SearchStrategy[int] = st.integers(min_value=1, max_value=24)

#: Unit strengths in micrograms as labels print them (100 µg tablets, 15 mg capsules …).
unit_strength_micrograms: st.SearchStrategy[Fraction] = st.sampled_from(
    [Fraction(v) for v in (10, 25, 45, 50, 90, 100, 180, 200, 500, 1000, 5000, 15000)]
)

#: Dates from 2024 to 2030, which include every European and US daylight-saving change.
schedule_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))

#: IANA time zones with and without daylight saving, north and south.
time_zones = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "UTC"]
)


# --- serialisation: one strategy per public value type ---------------------------------------


def json_values() -> st.SearchStrategy[object]:
    """Any JSON value (what json.loads can return), for fuzzing readers."""
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
        ),
        max_leaves=12,
    )


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    """A Comparison of two amounts or two daily doses of any vitamers, by mass or by moles."""
    from vitk2 import compare

    by: Literal["mass", "moles"] = draw(st.sampled_from(["mass", "moles"]))
    if draw(st.booleans()):
        return compare(draw(amounts()), draw(amounts().filter(bool)), by=by)
    return compare(draw(daily_doses()), draw(daily_doses().filter(bool)), by=by)


@st.composite
def meal_anchors(draw: st.DrawFn) -> MealAnchor:
    """A MealAnchor: a meal (or any meal), a relation, fat-containing or not."""
    from vitk2 import MealAnchor

    return MealAnchor(
        draw(st.sampled_from([None, "breakfast", "lunch", "dinner"])),
        draw(st.sampled_from(["before", "with", "after"])),
        fat_containing=draw(st.booleans()),
    )


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    """A Schedule from divide(): default anchors, or drawn meal and clock anchors."""
    from vitk2 import divide

    times = draw(st.integers(min_value=1, max_value=4))
    dose = draw(whole_ng_daily_doses().filter(lambda d: d.micrograms * 1000 >= times))
    anchors = draw(
        st.one_of(
            st.none(),
            st.lists(st.one_of(meal_anchors(), st.times()), min_size=times, max_size=times),
        )
    )
    return divide(dose, times, anchors=anchors)


@st.composite
def dose_events(draw: st.DrawFn) -> DoseEvent:
    """A DoseEvent from expanding a schedule, in an IANA zone or at a fixed UTC offset."""
    from datetime import timedelta, timezone

    schedule = draw(schedules())
    tz = draw(
        st.one_of(
            time_zones,
            st.integers(min_value=-12 * 4, max_value=14 * 4).map(
                lambda q: timezone(timedelta(minutes=15 * q))
            ),
        )
    )
    events = schedule.expand(draw(schedule_dates), days=2, tz=tz)
    return draw(st.sampled_from(events))


# --- command line ----------------------------------------------------------------------------


@st.composite
def dose_texts(draw: st.DrawFn) -> str:
    """Text of an amount or a daily dose, as labels write them (any spelling, any unit)."""
    x: Amount | DailyDose = draw(st.one_of(amounts(), daily_doses()))
    code = draw(mass_units)
    spelling = draw(st.sampled_from([s for s, c in MASS_SPELLINGS if c == code] or [code]))
    name = draw(st.sampled_from([n for n, key in VITAMER_NAMES if key == x.vitamer.key]
                                or [x.vitamer.key]))
    per_day = draw(st.sampled_from(PER_DAY_SPELLINGS)) if isinstance(x, DailyDose) else ""
    return f"{decimal_text(x.micrograms, code)} {spelling}{per_day} {name}"


#: Inputs that are not an amount or a daily dose, each for a different reason.
BAD_DOSE_TEXTS = (
    "100 IU MK-7",
    "90",
    "garbage",
    "100 mcg K2",
    "-5 mg MK-7",
    "1 mg/week MK-7",
    "nan mg K1",
    "100 Mg MK-7",
    "30 ml MK-7",
    "100 µg",
)
