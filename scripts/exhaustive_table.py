#!/usr/bin/env python3
"""docs/ACCURACY.md's table of the exhaustive f32 test, function x tier x backend, from the
test's log:

    SIMDMATH_TEST_ALL_ISAS=1 cargo test --release --test accuracy -- --ignored --nocapture \
        exhaustive_f32 2>&1 | tee exhaustive.log
    python3 scripts/exhaustive_table.py exhaustive.log
"""
import re
import sys

FAITH = re.compile(r"exhaustive (\w+) f32 (\w+)\s*: max (\d+) ulp .*?, (\d+) of 2\^32 not correctly rounded \(([\d.]+) %\), (\d+) over bound")
CR = re.compile(r"exhaustive (\w+) f32 (\w+)\s* correctly rounded tier: (\d+) of 2\^32 differ from core-math \((\d+) exceptions listed\)")


def main():
    text = open(sys.argv[1]).read()
    rows = {}
    order = []
    for m in FAITH.finditer(text):
        f, isa, mx, notcr, pct, over = m.groups()
        if f not in order:
            order.append(f)
        rows.setdefault(f, {}).setdefault("faithful", {})[isa] = (mx, notcr, 100 - float(pct), over, "–")
    for m in CR.finditer(text):
        f, isa, wrong, ex = m.groups()
        share = 100.0 * (1 - int(wrong) / 2**32)
        rows.setdefault(f, {}).setdefault("cr", {})[isa] = ("0" if wrong == "0" else "≥1", wrong, share, wrong, ex)
    print("| function | tier | backend | max dist | not correctly rounded (of 2^32) | correctly rounded | over the tier's bound | exceptions listed |")
    print("|---|---|---|--:|--:|--:|--:|--:|")
    for f in order:
        for tier in ("faithful", "cr"):
            for isa, (mx, notcr, share, over, ex) in rows[f].get(tier, {}).items():
                print(f"| {f} | {tier} | {isa} | {mx} | {notcr} | {share:.5f} % | {over} | {ex} |")


if __name__ == "__main__":
    main()
