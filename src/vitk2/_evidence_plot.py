"""A picture of an evidence answer: each trial result at its dose, marked by what it found.

Trials report their outcomes in different units (Agatston units, m/s, a PET ratio), so their
effects cannot share one axis.  The upper panel therefore places every result at its arm's
daily dose (log scale, µg/day), marked by its direction and labelled with its vitamer and the
effect as published; the lower panel is a forest plot of the meta-analyses' pooled ratios
(OR, RR) for the outcome, with their confidence intervals and the line of no effect.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from vitk2._errors import EvidenceQueryError
from vitk2._evidence import EvidenceAnswer, EvidenceRow, area_of
from vitk2._optional import require
from vitk2._trials import MetaAnalysis, PooledEstimate

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_evidence"]

_RATIOS: Final = frozenset({"OR", "RR", "HR"})
#: Marker and colour for each direction; colour-blind-safe (Okabe–Ito) and told apart by shape.
_STYLE: Final = {
    "benefit": ("^", "#009E73"),
    "no significant difference": ("o", "#7F7F7F"),
    "harm": ("v", "#D55E00"),
    "mixed": ("D", "#E69F00"),
    "not tested": ("s", "#FFFFFF"),
}


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _effect_text(row: EvidenceRow) -> str:
    r = row.result
    if r.estimate is not None:
        text = r.estimate + (f" {r.unit}" if r.unit else "")
        if r.ci_low is not None and r.ci_high is not None:
            text += f" [{r.ci_low}, {r.ci_high}]"
    else:
        text = r.direction
    return text + (f", p={r.p}" if r.p is not None else "")


def _pooled(answer: EvidenceAnswer) -> list[tuple[MetaAnalysis, PooledEstimate]]:
    """The pooled estimates with an interval for the answer's area, of one kind of metric."""
    area = area_of(answer.query.outcome)
    pooled = [
        (m, p)
        for m in answer.meta_analyses
        for p in m.pooled
        if (area is None or p.area == area) and p.ci_low is not None and p.ci_high is not None
    ]
    # One axis holds one kind of estimate: ratios if there are any, else differences.
    if any(p.metric in _RATIOS for _, p in pooled):
        pooled = [(m, p) for m, p in pooled if p.metric in _RATIOS]
    return pooled


def _draw_results(ax: Axes, answer: EvidenceAnswer, rows: list[EvidenceRow]) -> None:
    doses = [float(r.arm.daily_dose.micrograms_per_day) for r in rows if r.arm.daily_dose]
    floor = min(doses) / 3 if doses else 1.0
    for y, row in enumerate(reversed(rows)):
        marker, colour = _STYLE[row.result.direction]
        d = row.arm.daily_dose
        x = float(d.micrograms_per_day) if d is not None else floor
        ax.scatter([x], [y], marker=marker, s=70, color=colour, edgecolors="black", zorder=3)
        label = _effect_text(row) if d is not None else f"dose not stated; {_effect_text(row)}"
        ax.annotate(label, (x, y), xytext=(8, -3), textcoords="offset points", fontsize=7)
    names = [
        _short(
            f"{r.trial.title_short} · {r.arm.vitamer.key if r.arm.vitamer else 'vitamer not named'}"
            f" · {_short(r.result.measure)}",
            52,
        )
        + {True: "", False: " (secondary)", None: " (primary not stated)"}[r.result.primary]
        for r in reversed(rows)
    ]
    ax.set_yticks(range(len(rows)), names, fontsize=7)
    ax.set_xscale("log")
    ax.set_xlim(floor / 1.5, (max(doses) if doses else floor) * 12)
    ax.set_xlabel("daily dose (µg/day, log scale)")
    ax.grid(axis="x", alpha=0.3)
    title = answer.query.outcome or "all outcomes"
    tally = answer.primary_tally
    ax.set_title(
        f"{title}: {answer.n_trials} trials, {answer.n_participants} participants\nprimary "
        f"outcome: benefit {tally['benefit']}, no significant difference "
        f"{tally['no significant difference']}, harm {tally['harm']}",
        fontsize=9,
    )
    for direction, (marker, colour) in _STYLE.items():
        ax.scatter([], [], marker=marker, color=colour, edgecolors="black", label=direction)
    ax.legend(fontsize=7, loc="lower right")


def _draw_pooled(ax: Axes, pooled: list[tuple[MetaAnalysis, PooledEstimate]]) -> None:
    for y, (_, p) in enumerate(reversed(pooled)):
        est, lo, hi = float(p.estimate), float(p.ci_low or 0), float(p.ci_high or 0)
        ax.plot([lo, hi], [y, y], color="black")
        ax.scatter([est], [y], marker="D", color="black", zorder=3)
    ax.set_yticks(
        range(len(pooled)),
        [f"{m.title_short}: {p.measure} ({p.metric})" for m, p in reversed(pooled)],
        fontsize=7,
    )
    if pooled[0][1].metric in _RATIOS:
        ax.set_xscale("log")
        ax.axvline(1, color="grey", linestyle="--")
        ax.set_xlabel("pooled ratio with confidence interval (1 = no effect)")
    else:
        ax.axvline(0, color="grey", linestyle="--")
        ax.set_xlabel("pooled difference with confidence interval (0 = no effect)")
    ax.set_title("meta-analyses", fontsize=9)


def plot_evidence(answer: EvidenceAnswer, path: str | Path) -> Path:
    """Plot an :func:`evidence` answer to a PNG file: results by dose, meta-analyses below.

    Each row is one trial arm and result; its marker says what the result found (▲ benefit,
    ● no significant difference, ▼ harm, □ not tested) and sits at the arm's daily dose.  Rows
    whose dose is not stated as a mass of a named vitamer sit at the left edge, marked so.
    Needs matplotlib (``pip install 'vitk2[plot]'``); pyplot's global state is not touched.
    Returns the path written.
    """
    if not isinstance(answer, EvidenceAnswer):
        msg = f"plot_evidence() takes the answer of vitk2.evidence(...), not {answer!r}"
        raise EvidenceQueryError(msg)
    if not answer.rows:
        msg = f"nothing to plot: {answer!r} has no trial results"
        raise EvidenceQueryError(msg)
    require("matplotlib", "plot", "plot_evidence()")
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    rows = sorted(answer.rows, key=lambda r: (not r.result.primary, r.trial.title_short))
    pooled = _pooled(answer)
    height = 1.6 + 0.32 * len(rows) + (1.2 + 0.32 * len(pooled) if pooled else 0)
    fig = Figure(figsize=(12, height))
    FigureCanvasAgg(fig)
    ratios = [len(rows) + 1, len(pooled) + 1] if pooled else [1]
    axes = fig.subplots(len(ratios), 1, gridspec_kw={"height_ratios": ratios}, squeeze=False)
    _draw_results(axes[0][0], answer, rows)
    if pooled:
        _draw_pooled(axes[1][0], pooled)
    fig.text(0.01, 0.005, "vitk2 is not medical advice.", fontsize=6)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, format="png", dpi=110)
    return out
