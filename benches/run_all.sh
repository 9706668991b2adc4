#!/bin/sh
# The whole benchmark run, with its conditions, in one log:
#   benches/run_all.sh [report.py options]    e.g. --section before --title "..."
# prints the date, commit, CPU model, load average before / during (sampled every 15 s) / after,
# runs `cargo bench --features sleef`, benches/numpy_peer.py and benches/report.py, and the
# total time. SIMDMATH_BENCH_SIZES / SIMDMATH_BENCH_RANGES (benches/kernels.rs) apply.
# Exit status: report.py's (1 if a check fails).
cd "$(dirname "$0")/.." || exit 2
start=$(date +%s)
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "commit: $(git rev-parse --short HEAD) ($(git log -1 --format=%s | cut -c1-80))"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(grep -o -m1 -w avx512f /proc/cpuinfo || echo 'no avx512f')"
echo "rustc: $(rustc --version); gcc: $(gcc -dumpfullversion); glibc: $(ldd --version | head -1 | awk '{print $NF}'); libsleef: $(dpkg-query -W -f '${Version}' libsleef-dev 2>/dev/null || echo '?')"
echo "load before: $(cat /proc/loadavg)"
loads=$(mktemp)
( while :; do cut -d' ' -f1 /proc/loadavg >> "$loads"; sleep 15; done ) &
mon=$!
cargo bench --features sleef 2>&1 | grep -v -E '^(Benchmarking|Gnuplot|Found|  [0-9]+ \(|Warning: Unable)' 
python3 benches/numpy_peer.py --numexpr
kill "$mon"
during="min $(sort -n "$loads" | head -1), max $(sort -n "$loads" | tail -1), mean $(awk '{s+=$1} END {printf "%.2f", s/NR}' "$loads")"
echo "load during the benches (1-min load average every 15 s, $(wc -l < "$loads") samples): $during"
rm -f "$loads"
echo "load after: $(cat /proc/loadavg)"
secs=$(( $(date +%s) - start ))
echo "bench time: $secs s"
python3 benches/report.py --note "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), 1-min load average during the run $during on $(nproc) CPUs (shared with other developers), $secs s for cargo bench + numpy_peer.py." "$@"
