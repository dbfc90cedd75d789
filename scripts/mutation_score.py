"""Print the mutation score of the last `mutmut run` and fail below a threshold.

    python scripts/mutation_score.py [THRESHOLD] [--modules] [--survivors] [--exclude REGEX] [--checked]

Reads mutants/mutmut-cicd-stats.json (written by `mutmut export-cicd-stats`) and prints killed,
survived, timeout, no tests, suspicious and the rest, with the score killed / total in percent.
Exits 1 if the score is below THRESHOLD (default 85), 2 if there are no results. With --checked the
score is taken over the mutants that have a result (for a run limited to some modules).

Mutants that no run has checked yet (a run limited to some modules, or one stopped early) are
counted in mutmut's total; they are reported, and the score is also given over the checked ones.
With --modules it adds one line per module, and with --survivors the surviving mutants grouped by
function (from the per-file results mutmut keeps next to the mutated copies, mutants/**/*.py.meta).
With --exclude REGEX it also prints the score without the functions whose name matches REGEX, e.g.
--exclude '^(plot_|_draw_)' for the plotting code that is to move out of the analysis modules.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

MUTANTS = Path("mutants")
STATS = MUTANTS / "mutmut-cicd-stats.json"
# mutmut 3's exit-code meanings (mutmut/stats.py), for the per-module lines.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 35: "suspicious",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "caught by type check",
          2: "check was interrupted by user", -11: "segfault", -9: "segfault", None: "not checked"}
COLUMNS = ("killed", "survived", "timeout", "no tests", "suspicious", "segfault", "skipped", "not checked")


def score(killed: int, total: int) -> float:
    return 100.0 * killed / total if total else 0.0


def per_file() -> dict[str, dict[str, int | None]]:
    """``{module: {mutant: exit code}}`` from mutmut's .meta files."""
    results = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(MUTANTS).with_suffix("").with_suffix("").parts)
        results[module.removeprefix("src.")] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return results


def print_modules(results: dict[str, dict[str, int | None]]) -> None:
    print(f"{'module':32} " + " ".join(f"{c[:9]:>9}" for c in COLUMNS) + "    total  score")
    for module, codes in results.items():
        counts = Counter(STATUS.get(code, "suspicious") for code in codes.values())
        print(f"{module:32} " + " ".join(f"{counts[c]:9d}" for c in COLUMNS)
              + f" {len(codes):8d} {score(counts['killed'], len(codes)):5.1f}%")


def print_survivors(results: dict[str, dict[str, int | None]]) -> None:
    by_function: dict[str, list[str]] = defaultdict(list)
    for codes in results.values():
        for mutant, code in codes.items():
            if STATUS.get(code) == "survived":
                function, _, number = mutant.rpartition("__mutmut_")
                by_function[function].append(number)
    for function, numbers in sorted(by_function.items()):
        print(f"{len(numbers):4d}  {function}  ({', '.join(sorted(numbers, key=int))})")
    print("see one with: mutmut show <function>__mutmut_<n>")


def function_name(mutant: str) -> str:
    """'asian_nato.answer.x_plot_statements_by_year__mutmut_3' -> 'plot_statements_by_year' (methods: 'Class.method')."""
    mangled = mutant.rpartition("__mutmut_")[0].rpartition(".")[2]
    return mangled.removeprefix("x_").removeprefix("x\u01c1").replace("\u01c1", ".")


def print_excluded(results: dict[str, dict[str, int | None]], pattern: str) -> None:
    regex = re.compile(pattern)
    kept = Counter()
    dropped = 0
    for codes in results.values():
        for mutant, code in codes.items():
            if regex.search(function_name(mutant)):
                dropped += 1
            else:
                kept[STATUS.get(code, "suspicious")] += 1
    total = sum(kept.values())
    checked = total - kept["not checked"]
    print(f"without functions matching {pattern!r} ({dropped} mutants): {kept['killed']}/{total} killed = "
          f"{score(kept['killed'], total):.1f}%" + (f"; {score(kept['killed'], checked):.1f}% of the {checked} checked" if kept["not checked"] else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("threshold", nargs="?", type=float, default=85.0, help="lowest passing score in percent (default 85)")
    parser.add_argument("--modules", action="store_true", help="one line per module")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants by function")
    parser.add_argument("--exclude", metavar="REGEX", help="also score without the functions whose name matches REGEX")
    parser.add_argument("--checked", action="store_true",
                        help="judge the score over the checked mutants only (for a run limited to some modules)")
    args = parser.parse_args(argv)

    if not STATS.exists():
        print(f"no {STATS}: run `mutmut run` and `mutmut export-cicd-stats` first", file=sys.stderr)
        return 2
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    total = int(stats["total"])
    counted = {
        "killed": stats["killed"], "survived": stats["survived"], "timeout": stats["timeout"],
        "no tests": stats["no_tests"], "suspicious": stats["suspicious"], "segfault": stats.get("segfault", 0),
        "skipped": stats.get("skipped", 0), "interrupted": stats.get("check_was_interrupted_by_user", 0),
        "caught by type check": stats.get("caught_by_type_check", 0),
    }
    not_checked = total - sum(counted.values())
    checked = total - not_checked
    if args.modules:
        print_modules(per_file())
        print()
    if args.survivors:
        print_survivors(per_file())
        print()
    print("  ".join(f"{name}: {n}" for name, n in counted.items() if n or name in ("killed", "survived", "timeout", "no tests", "suspicious")))
    print(f"total: {total}" + (f" ({not_checked} not checked yet; {score(stats['killed'], checked):.1f}% of the {checked} checked)" if not_checked else ""))
    if args.exclude:
        print_excluded(per_file(), args.exclude)
    denominator = checked if args.checked else total
    result = score(stats["killed"], denominator)
    print(f"mutation score: {stats['killed']}/{denominator} killed = {result:.1f}% (threshold {args.threshold:g}%"
          + (", checked mutants only)" if args.checked else ")"))
    if checked == 0:
        return 2
    return 0 if result >= args.threshold else 1


if __name__ == "__main__":
    sys.exit(main())
