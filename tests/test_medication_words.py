"""The medication-reading vocabulary is data: the word file drives normalisation."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vitk2 import Vitk2Error, all_citations, normalize_medication_name
from vitk2 import _medication_names as names_module
from vitk2._medication_names import _sound_key, _words, _words_from


def _packaged() -> dict[str, Any]:
    text = resources.files("vitk2").joinpath("data", "medication-words.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return raw


def test_cited_words_cite_known_sources() -> None:
    known = {c.key for c in all_citations()}
    cited = [k for w in _packaged()["salt_words"] for k in w.get("sources", [])]
    assert cited, "no cited words: the check below would pass vacuously"
    assert set(cited) <= known, sorted(set(cited) - known)


def test_the_file_is_what_the_reader_uses() -> None:
    raw = _packaged()
    words = _words()
    assert words.form == frozenset(raw["form_words"])
    assert words.salts == frozenset(w["word"] for w in raw["salt_words"])
    assert words.sounds_alike == tuple(tuple(p) for p in raw["sounds_alike"])
    assert not words.form & words.salts  # a word is dropped one way, not two


@given(st.sampled_from(sorted(_words().form)))
def test_every_form_word_is_dropped(word: str) -> None:
    assert normalize_medication_name(f"warfarin {word}") == "warfarin"


@given(st.sampled_from(sorted(_words().salts)))
def test_every_salt_word_is_dropped_beside_a_name_and_kept_alone(word: str) -> None:
    assert normalize_medication_name(f"warfarin {word}") == "warfarin"
    assert normalize_medication_name(word) == word


def test_a_word_added_to_the_data_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalize_medication_name("warfarin blister") == "warfarin blister"
    extended = names_module._Words(
        form=_words().form | {"blister"},
        salts=_words().salts,
        sounds_alike=(*_words().sounds_alike, ("w", "v")),
    )
    monkeypatch.setattr(names_module, "_words", lambda: extended)
    assert normalize_medication_name("warfarin blister") == "warfarin"
    assert _sound_key("warfarin") == _sound_key("varfarin")


@pytest.mark.parametrize(
    "bad",
    [
        {"form_words": ["Tablet"]},
        {"form_words": ["film coated"]},
        {"form_words": "tablet"},
        {"salt_words": [{"word": 5}]},
        {"salt_words": "sodium"},
        {"sounds_alike": [["ph"]]},
    ],
)
def test_an_unreadable_word_file_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(Vitk2Error, match=r"medication-words\.json"):
        _words_from({**_packaged(), **bad})
