#!/usr/bin/env bash
# The measurements of docs/PERFORMANCE.md's "n = 1e8 and 1e9 end to end" section: simdmath run
# at n = 1e8 (all modes, two-pass and fused, with --limits), the default command's wall time at
# 1e9, and the tutorial side by side at 1e8 and 1e9. Raw output under docs/measurements/.
# Needs a release build and numpy; about 3 minutes on the 2-core VM. Runs one thing at a time
# (n = 1e9 needs 8 GB in place, the tutorial's sequential program 16 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-docs/measurements/vm-2core-issue13.txt}
bin=target/release/simdmath
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $cpu, $(nproc) CPUs, kernel $(uname -r)"
    for f in "" "--fused"; do
        echo; echo "## load $(cut -d' ' -f1-3 /proc/loadavg): $bin run --n 1e8 --limits --repeat 5 $f"
        $bin run --n 1e8 --limits --repeat 5 $f
    done
    echo; echo "## load $(cut -d' ' -f1-3 /proc/loadavg): SIMDMATH_ISA=avx2 $bin run --n 1e8 --modes sequential,physical --limits --repeat 5 (the AVX2 fill)"
    SIMDMATH_ISA=avx2 $bin run --n 1e8 --modes sequential,physical --limits --repeat 5
    echo; echo "## load $(cut -d' ' -f1-3 /proc/loadavg): time $bin run --n 1e9 --modes physical (the default: no limits)"
    /usr/bin/time -f 'process wall %e s, max RSS %M KB' $bin run --n 1e9 --modes physical 2>&1
    echo; echo "## load $(cut -d' ' -f1-3 /proc/loadavg): time $bin run --n 1e9 --modes physical --fused --quick"
    /usr/bin/time -f 'process wall %e s, max RSS %M KB' $bin run --n 1e9 --modes physical --fused --quick 2>&1
    echo; echo "## load $(cut -d' ' -f1-3 /proc/loadavg): python3 scripts/tutorial_side_by_side.py --sizes 1e8,1e9 --repeat ${REPEAT:-3}"
    python3 scripts/tutorial_side_by_side.py --sizes 1e8,1e9 --repeat "${REPEAT:-3}" --out "${out%.txt}-table.md"
    echo; echo "## load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$out"
