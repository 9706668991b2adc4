//! `simdmath run`'s report: the aligned table and the JSON object, from the derived values
//! of each mode computed once.

use super::measure::ModeResult;
use super::{Config, Mode, footprint};
use simdmath::{Accuracy, Isa, Real, Topology};
use std::fmt::Write as _;

/// The values of one mode that the table and the JSON both report, derived once from its
/// measurements (`None` where a value does not apply: no sequential mode, no limit passes,
/// the fused pass).
struct Derived {
    /// Elements per nanosecond over the total.
    per_ns: f64,
    /// Sequential total / total, and compute / compute.
    speedup: Option<f64>,
    speedup_compute: Option<f64>,
    /// Whether either speed-up is [`implausible`] for the mode's threads.
    implausible: bool,
    /// The fill (the fused pass as a whole) over its own page faults.
    fill_over_touch: Option<f64>,
    floor: Option<f64>,
    math: Option<f64>,
    compute_over_floor: Option<f64>,
    /// Compute over the larger of the two limits, floor and math.
    compute_over_bound: Option<f64>,
}

impl Derived {
    /// Of mode `r` over `n` elements (`fused`: one pass), against the sequential mode `seq`.
    fn of(n: usize, fused: bool, r: &ModeResult, seq: Option<&ModeResult>) -> Derived {
        let div = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a / b);
        let speedup = seq.map(|q| q.total / r.total);
        let speedup_compute = seq.and_then(|q| div(q.compute, r.compute));
        let floor = r.limits.and_then(|l| l.floor);
        let math = r.limits.map(|l| l.math);
        // The fill's bound is the touch; the fused pass (no split) is compared as a whole.
        let filled = r.fill.or(fused.then_some(r.total));
        Derived {
            per_ns: n as f64 / (r.total * 1e9),
            speedup,
            speedup_compute,
            implausible: [speedup, speedup_compute]
                .iter()
                .flatten()
                .any(|&v| implausible(v, r.threads)),
            fill_over_touch: div(filled, Some(r.touch)),
            floor,
            math,
            compute_over_floor: div(r.compute, floor),
            compute_over_bound: div(r.compute, floor.zip(math).map(|(f, m)| f.max(m))),
        }
    }
}

/// Whether a speed-up over sequential is above what `threads` threads can give (with 5 %
/// for the noise of two timings): then the modes did not pay the same costs, and the figure is
/// marked, not reported as a result.
fn implausible(speedup: f64, threads: usize) -> bool {
    speedup > 1.05 * threads as f64
}

fn list(v: &[usize]) -> String {
    v.iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn bytes_moved<T>(n: usize) -> f64 {
    2.0 * n as f64 * std::mem::size_of::<T>() as f64
}

/// `v` with `prec` decimals, or `-` for `None`, right-aligned in `width`.
fn cell(v: Option<f64>, width: usize, prec: usize) -> String {
    match v {
        Some(v) => format!("{v:>width$.prec$}"),
        None => format!("{:>width$}", "-"),
    }
}

/// A speed-up over sequential as `1.23x`, marked `1.23x!` where it is [`implausible`] for
/// `threads` threads, or `-`.
fn speedup(v: Option<f64>, threads: usize, width: usize) -> String {
    match v {
        Some(v) => {
            let mark = if implausible(v, threads) { "!" } else { "" };
            format!("{:>width$}", format!("{v:.2}x{mark}"))
        }
        None => format!("{:>width$}", "-"),
    }
}

/// A ratio as `1.23x`, or `-`.
fn ratio(v: Option<f64>, width: usize) -> String {
    match v {
        Some(v) => format!("{:>width$}", format!("{v:.2}x")),
        None => format!("{:>width$}", "-"),
    }
}

/// Whether the sampled outputs of every mode are the same (`None` with `--quick`).
fn identical(rs: &[ModeResult]) -> Option<bool> {
    let d: Option<Vec<u64>> = rs.iter().map(|r| r.accuracy.map(|a| a.2)).collect();
    d.map(|d| d.windows(2).all(|w| w[0] == w[1]))
}

/// Seconds the command spent on the work, the limits and the accuracy check.
fn spent(rs: &[ModeResult]) -> (f64, f64, f64) {
    rs.iter().fold((0.0, 0.0, 0.0), |(w, l, a), r| {
        (w + r.spent_work, l + r.spent_limits, a + r.spent_accuracy)
    })
}

pub(super) fn table<T: Real>(
    cfg: &Config,
    topo: &Topology,
    rs: &[ModeResult],
    warm: Option<f64>,
    wall: f64,
) -> String {
    let mut s = String::new();
    let mb = cfg.n as f64 * std::mem::size_of::<T>() as f64 / 1e6;
    let _ = writeln!(
        s,
        "simdmath run: {} on n = {} {} ({mb:.1} MB per array), {}, {}, seed {}, best of {}",
        cfg.what(),
        cfg.n,
        T::NAME,
        if cfg.in_place {
            "in place"
        } else {
            "out of place"
        },
        if cfg.fused {
            "fused (fill and function in one pass)"
        } else {
            "two passes (fill, then function)"
        },
        cfg.seed,
        cfg.repeat
    );
    let avail: Vec<_> = Isa::available().iter().map(|i| i.name()).collect();
    let _ = writeln!(
        s,
        "ISA: {} (available: {}); accuracy tier: {}",
        cfg.isa,
        avail.join(", "),
        match cfg.accuracy {
            Accuracy::Faithful => "faithful (within 1 ulp)",
            _ => "correctly rounded (0 ulp)",
        }
    );
    let _ = writeln!(
        s,
        "CPUs: {} physical cores, {} logical CPUs (allowed: {}){}",
        topo.physical(),
        topo.logical(),
        list(topo.allowed_cpus()),
        topo.note().map(|n| format!("; {n}")).unwrap_or_default()
    );
    let seq = rs.iter().find(|r| r.mode == Mode::Sequential);
    let mut marked = false;
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<10} {:>7} {:<8} | {:>8} {:>9} {:>8} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "", "", "", "work:", "", "", "", "", "", "limits:", "", "", "", "", ""
    );
    let _ = writeln!(
        s,
        "{:<10} {:>7} {:<8} | {:>8} {:>9} {:>8} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "mode",
        "threads",
        "cpus",
        "fill s",
        "compute s",
        "total s",
        "elem/ns",
        "speed-up",
        "(compute)",
        "touch s",
        "fill/tch",
        "floor s",
        "cmp/flr",
        "math s",
        "cmp/bnd"
    );
    for r in rs {
        let cpus = match (&r.cpus, r.mode) {
            (_, Mode::Sequential) => "main".to_string(),
            (Some(c), _) => list(c),
            (None, _) => "unpinned".to_string(),
        };
        let d = Derived::of(cfg.n, cfg.fused, r, seq);
        marked |= d.implausible;
        let _ = writeln!(
            s,
            "{:<10} {:>7} {:<8} | {} {} {} {:>8.3} {} {} | {} {} {} {} {} {}",
            r.mode.name(),
            r.threads,
            cpus,
            cell(r.fill, 8, 4),
            cell(r.compute, 9, 4),
            cell(Some(r.total), 8, 4),
            d.per_ns,
            speedup(d.speedup, r.threads, 8),
            speedup(d.speedup_compute, r.threads, 9),
            cell(Some(r.touch), 8, 4),
            ratio(d.fill_over_touch, 8),
            cell(d.floor, 8, 4),
            ratio(d.compute_over_floor, 8),
            cell(d.math, 8, 4),
            ratio(d.compute_over_bound, 8),
        );
    }
    let _ = writeln!(s);
    if marked {
        let _ = writeln!(
            s,
            "!: a speed-up above the mode's thread count (more than 5 % above it) is not a result: \
             the modes did not pay the same costs ({}); rerun with --repeat 3",
            if warm.is_some() {
                "another load on the machine, the clock, or a small n whose data fit the caches \
                 of all the threads but not of one"
            } else {
                "with --cold the first mode timed pays the machine's first touch of the memory: \
                 rerun without --cold"
            }
        );
    }
    let _ = writeln!(
        s,
        "{}",
        match warm {
            Some(w) => format!(
                "warm-up: {:.1} MB allocated, touched on every allowed CPU and freed before any \
                 mode was timed ({w:.3} s), so no mode pays the machine's first touch of the \
                 memory (--cold skips it)",
                (footprint(cfg) * std::mem::size_of::<T>()) as f64 / 1e6
            ),
            None => "warm-up: skipped (--cold): the first mode timed pays the machine's first \
                     touch of the memory"
                .to_owned(),
        }
    );
    let _ = writeln!(
        s,
        "work: what the tutorial times, fresh arrays (page faults included); fill = allocation + \
         random fill{}, compute = the function {}, total = {}; elem/ns = n / total; speed-up = \
         sequential total / total (and compute / compute)",
        if cfg.in_place {
            ""
        } else {
            " (+ first touch of out)"
        },
        if cfg.in_place { "in place" } else { "x -> out" },
        if cfg.fused {
            "the fused pass (fill and function per 16 KiB piece in L1)"
        } else {
            "fill + compute"
        }
    );
    let _ = writeln!(
        s,
        "touch s: the fill's own page faults, measured inside it (each thread times its first \
         touch of a chunk's pages just before filling them; the largest thread's total{}): a \
         lower bound of the {} by construction; fill/tch = {} / touch",
        if cfg.in_place {
            ""
        } else {
            ", plus the output's first touch"
        },
        if cfg.fused { "fused pass" } else { "fill" },
        if cfg.fused { "total" } else { "fill" },
    );
    if cfg.limits {
        let _ = writeln!(
            s,
            "limit passes (--limits), same threads and chunking, on the work's own pages:\n  \
             floor s: {} of the work's {mb:.1} MB right after the function, no math; cmp/flr = \
             compute / floor{}\n  math s: the function alone with its inputs and outputs in \
             L1, its memory untouched; cmp/bnd = compute / max(floor, math)",
            if cfg.in_place {
                "read + write-back in place through the functions' entry loop".to_owned()
            } else {
                format!(
                    "copy x -> out through the functions' entry loop ({} stores, as the function's: \
                     non-temporal from {} MB of input and output)",
                    if simdmath::streams::<T>(cfg.n) {
                        "non-temporal"
                    } else {
                        "ordinary"
                    },
                    simdmath::streaming_threshold() as f64 / 1e6
                )
            },
            if cfg.fused {
                " (two-pass only: the fused pass reads nothing back)"
            } else {
                ""
            }
        );
    } else {
        let _ = writeln!(
            s,
            "limit passes: not run (add --limits for the memory floor and the math in cache)"
        );
    }
    match (
        rs.iter().map(|r| r.accuracy).collect::<Option<Vec<_>>>(),
        identical(rs),
    ) {
        (Some(acc), Some(same)) => {
            let max = acc.iter().map(|a| a.0).max().unwrap_or(0);
            let _ = writeln!(
                s,
                "accuracy: max {max} ulp from {} over {} sampled elements per mode; outputs identical across modes: {}",
                if cfg.expr.is_some() {
                    "the expression in f64 with the system libm's functions"
                } else if cfg.accuracy == Accuracy::Faithful {
                    "the system libm"
                } else {
                    "core-math (correctly rounded)"
                },
                acc.first().map_or(0, |a| a.1),
                if same { "yes" } else { "NO" }
            );
        }
        _ => {
            let _ = writeln!(s, "accuracy: not checked (--quick)");
        }
    }
    let (w, l, a) = spent(rs);
    let _ = writeln!(
        s,
        "wall time: {wall:.3} s for this command = warm-up {:.3} s + work {w:.3} s (every \
         repetition) + limits {l:.3} s + accuracy check {a:.3} s + other {:.3} s (start, pools, \
         freeing memory)",
        warm.unwrap_or(0.0),
        (wall - warm.unwrap_or(0.0) - w - l - a).max(0.0)
    );
    s
}

fn opt(v: Option<f64>) -> String {
    v.map_or("null".to_string(), |v| v.to_string())
}

pub(super) fn json<T: Real>(
    cfg: &Config,
    topo: &Topology,
    rs: &[ModeResult],
    warm: Option<f64>,
    wall: f64,
) -> String {
    let mut s = String::from("{");
    let _ = write!(
        s,
        "\"func\":{},\"expr\":{},\"dtype\":\"{}\",\"n\":{},\"in_place\":{},\"fused\":{},\"limits\":{},\"quick\":{},\"seed\":{},\"repeat\":{},\"isa\":\"{}\",\"accuracy\":\"{}\",",
        crate::cli::ulp::json_str(&cfg.what()),
        cfg.expr.is_some(),
        T::NAME,
        cfg.n,
        cfg.in_place,
        cfg.fused,
        cfg.limits,
        cfg.quick,
        cfg.seed,
        cfg.repeat,
        cfg.isa,
        cfg.accuracy
    );
    let _ = write!(
        s,
        "\"physical_cores\":{},\"logical_cpus\":{},\"allowed_cpus\":[{}],\"bytes_per_pass\":{},\"modes\":[",
        topo.physical(),
        topo.logical(),
        list(topo.allowed_cpus()),
        bytes_moved::<T>(cfg.n)
    );
    let seq = rs.iter().find(|r| r.mode == Mode::Sequential);
    for (i, r) in rs.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let cpus = r
            .cpus
            .as_ref()
            .map_or("null".to_string(), |c| format!("[{}]", list(c)));
        let masks: Vec<String> = r.masks.iter().map(|m| format!("[{}]", list(m))).collect();
        let d = Derived::of(cfg.n, cfg.fused, r, seq);
        let plausible = seq.map_or("null".to_string(), |_| (!d.implausible).to_string());
        let (max_ulp, samples, digest) = match r.accuracy {
            Some((m, c, d)) => (m.to_string(), c.to_string(), format!("\"{d:016x}\"")),
            None => ("null".into(), "null".into(), "null".into()),
        };
        let _ = write!(
            s,
            "{{\"mode\":\"{}\",\"threads\":{},\"cpus\":{cpus},\"worker_masks\":[{}],\"fill_s\":{},\"compute_s\":{},\"total_s\":{},\"elements_per_ns\":{},\"gb_per_s\":{},\"speedup\":{},\"speedup_plausible\":{plausible},\"first_touch_s\":{},\"fill_over_touch\":{},\"floor_s\":{},\"compute_over_floor\":{},\"math_in_cache_s\":{},\"compute_over_bound\":{},\"max_ulp\":{max_ulp},\"samples\":{samples},\"digest\":{digest}}}",
            r.mode.name(),
            r.threads,
            masks.join(","),
            opt(r.fill),
            opt(r.compute),
            r.total,
            d.per_ns,
            opt(r.compute.map(|c| bytes_moved::<T>(cfg.n) / c / 1e9)),
            opt(d.speedup),
            opt(Some(r.touch)),
            opt(d.fill_over_touch),
            opt(d.floor),
            opt(d.compute_over_floor),
            opt(d.math),
            opt(d.compute_over_bound),
        );
    }
    let (w, l, a) = spent(rs);
    let same = identical(rs).map_or("null".to_string(), |b| b.to_string());
    let _ = write!(
        s,
        "],\"identical_across_modes\":{same},\"warm_up_s\":{},\"wall_s\":{wall},\"work_s\":{w},\"limits_s\":{l},\"accuracy_s\":{a}}}",
        opt(warm)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::run::measure::Limits;

    fn mode(mode: Mode, threads: usize, fill: f64, compute: f64) -> ModeResult {
        ModeResult {
            mode,
            threads,
            cpus: None,
            masks: Vec::new(),
            fill: Some(fill),
            compute: Some(compute),
            total: fill + compute,
            touch: fill / 2.0,
            limits: Some(Limits {
                floor: Some(compute / 2.0),
                math: compute / 4.0,
            }),
            accuracy: None,
            spent_work: 0.0,
            spent_limits: 0.0,
            spent_accuracy: 0.0,
        }
    }

    #[test]
    fn a_speedup_above_the_thread_count_is_marked() {
        assert_eq!(speedup(Some(2.0), 2, 8), "   2.00x");
        // 5 % above the count is noise; beyond it, not a result.
        assert_eq!(speedup(Some(2.1), 2, 8), "   2.10x");
        assert_eq!(speedup(Some(32.95), 2, 8), " 32.95x!");
        assert_eq!(speedup(None, 2, 9), "        -");
        assert_eq!(speedup(Some(1.5), 1, 9), "   1.50x!");
    }

    #[test]
    fn derived_values_once_for_table_and_json() {
        // The artefact of a fresh VM: the first mode paid the host's first touch.
        let seq = mode(Mode::Sequential, 1, 2.4, 0.07);
        let phys = mode(Mode::Physical, 2, 0.07, 0.035);
        let d = Derived::of(100, false, &phys, Some(&seq));
        assert!(d.implausible);
        assert!((d.speedup.unwrap() - 2.47 / 0.105).abs() < 1e-9);
        assert!((d.speedup_compute.unwrap() - 2.0).abs() < 1e-9);
        assert_eq!(d.fill_over_touch, Some(2.0));
        assert_eq!(d.compute_over_floor, Some(2.0));
        assert_eq!(d.compute_over_bound, Some(2.0));
        let warm = mode(Mode::Sequential, 1, 0.14, 0.07);
        let d = Derived::of(100, false, &phys, Some(&warm));
        assert!(!d.implausible);
        assert!(Derived::of(100, false, &phys, None).speedup.is_none());
    }
}
