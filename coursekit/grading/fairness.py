"""``python -m coursekit fairness <module> [--second sheet.csv]``: is the grading fair?

- Drift: for each prompt, the scores in the order they were graded (the imported sheet's row
  order), first third against last third. A grader who grows tired or stricter shows here.
- Agreement: on answers marked by two graders (a second grader's sheet of some of the same
  answers), per criterion, exact agreement and Cohen's kappa with quadratic weights. Criteria
  with weak agreement are named: their levels need sharper wording. A criterion with fewer
  than AGREEMENT_MIN double-marked answers gets no verdict, only how many more it needs: from
  a handful of answers, chance alone makes two graders look alike or apart.
"""

from __future__ import annotations

from pathlib import Path

from .common import GradingError, load_module
from .sheets import load_scores

DRIFT_SHARE = 0.10  # a change of a tenth of the prompt's points between first and last third
KAPPA_WEAK = 0.6
DRIFT_MIN = 6
AGREEMENT_MIN = 10


def weighted_kappa(a: list[int], b: list[int], top: int) -> float | None:
    """Cohen's kappa with quadratic weights for two graders' levels 0..top."""
    n = len(a)
    if n == 0 or top == 0:
        return None
    k = top + 1
    weight = lambda i, j: (i - j) ** 2 / (k - 1) ** 2
    observed = sum(weight(x, y) for x, y in zip(a, b, strict=True)) / n
    pa = [a.count(i) / n for i in range(k)]
    pb = [b.count(j) / n for j in range(k)]
    expected = sum(weight(i, j) * pa[i] * pb[j] for i in range(k) for j in range(k))
    if expected == 0:
        return 1.0 if observed == 0 else None
    return 1 - observed / expected


def drift(root: Path, module: str) -> list[str]:
    prompts = load_module(root, module).prompts
    given = load_scores(root, module)
    lines = []
    for p in prompts:
        graded = sorted(
            (e["order"], sum(e["scores"]))
            for s in given.values()
            if (e := s.get(p.id)) and "order" in e
        )
        if len(graded) < DRIFT_MIN:
            lines.append(
                f"  {p.id}: {len(graded)} answers graded; drift needs at least {DRIFT_MIN}"
            )
            continue
        third = len(graded) // 3
        first = sum(x for _, x in graded[:third]) / third
        last = sum(x for _, x in graded[-third:]) / third
        change = last - first
        verdict = (
            "DRIFT: re-read the first and last answers side by side"
            if abs(change) >= DRIFT_SHARE * p.points
            else "steady"
        )
        lines.append(
            f"  {p.id}: first third {first:.1f}, last third {last:.1f} of {p.points} "
            f"({change:+.1f}) over {len(graded)} answers: {verdict}"
        )
    return lines


def agreement(root: Path, module: str, second: Path) -> list[str]:
    from .anonymous import key_for_sheet
    from .feedback_text import load_bank
    from .sheets import read_sheet

    prompts = {p.id: p for p in load_module(root, module).prompts}
    first = load_scores(root, module)
    other = read_sheet(
        root, module, second, names=key_for_sheet(root, module, second), bank=load_bank(root)
    )
    pairs: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for row in other:
        mine = first.get(row.student, {}).get(row.prompt)
        if not mine:
            continue
        for i, (x, y) in enumerate(zip(mine["scores"], row.scores, strict=True)):
            a, b = pairs.setdefault((row.prompt, i), ([], []))
            a.append(x)
            b.append(y)
    if not pairs:
        raise GradingError(
            f"{second}: file: no answer scored in both this sheet and the imported one"
        )
    lines, weak, judged, short = [], [], 0, 0
    for (pid, i), (a, b) in sorted(pairs.items()):
        criterion = prompts[pid].rubric[i]
        n = len(a)
        exact = sum(x == y for x, y in zip(a, b, strict=True)) / n
        head = f"  {pid}: {criterion.criterion}: {n} answer{'s' if n != 1 else ''} marked by both"
        if n < AGREEMENT_MIN:
            short += 1
            lines.append(
                f"{head}; too few to judge: needs {AGREEMENT_MIN - n} more (at least "
                f"{AGREEMENT_MIN})"
            )
            continue
        judged += 1
        kappa = weighted_kappa(a, b, criterion.max)
        shown = "n/a" if kappa is None else f"{kappa:.2f}"
        lines.append(f"{head}, exact agreement {exact:.0%}, weighted kappa {shown}")
        if kappa is not None and kappa < KAPPA_WEAK or exact < 0.5:
            weak.append(f"{pid}: {criterion.criterion}")
    if weak:
        lines.append(
            "Levels that need sharper wording (graders read them differently): " + "; ".join(weak)
        )
    elif judged:
        lines.append("Every criterion judged had its levels read alike by both graders.")
    if short:
        lines.append(
            f"{short} criteri{'a have' if short != 1 else 'on has'} too few answers marked by both "
            f"graders to say anything about their wording: have the second grader mark at least "
            f"{AGREEMENT_MIN} of the same answers."
        )
    return lines


def print_fairness(root: Path, module: str, second: Path | None) -> int:
    print(f"{module}: drift of scores over grading order, per prompt")
    print("\n".join(drift(root, module)))
    if second:
        print(f"{module}: agreement between two graders, per criterion ({second})")
        print("\n".join(agreement(root, module, second)))
    return 0
