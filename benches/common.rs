//! Shared by the bench binaries (`#[path]`-included): sizes, the criterion settings, and THE
//! table of input ranges per function ([`ranges`]), with their seeded, reproducible inputs.

#![allow(dead_code)] // each bench binary uses its own part

use simdmath::{Arity, Func, Isa, Pool, ulp::Float, ulp::inputs::SplitMix};

/// The sizes to run: `SIMDMATH_BENCH_SIZES` (comma list) or L1, L2, L3-ish and memory.
pub fn sizes() -> Vec<usize> {
    match std::env::var("SIMDMATH_BENCH_SIZES") {
        Ok(s) if !s.trim().is_empty() => s
            .split(',')
            .map(|t| {
                t.trim()
                    .parse()
                    .expect("SIMDMATH_BENCH_SIZES: comma list of sizes")
            })
            .collect(),
        _ => vec![4096, 32768, 1 << 20, 1 << 24],
    }
}

/// The size every range runs at (the others run only on the ordinary range of a function).
pub const N_ALL_RANGES: usize = 4096;

/// The criterion settings of both bench binaries: short warm-up and measurement, no plots
/// (report.py writes its own tables); the sample count is set per size ([`sampling`]).
pub fn config() -> criterion::Criterion {
    criterion::Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(1))
        .sample_size(10)
        .without_plots()
}

/// The sampling of a benchmark at size `n`: in cache, 30 short samples (the fastest of them is
/// what report.py reads, and on a shared machine short samples are the ones that other
/// processes leave alone); from 2^20 up, 10 samples of a fixed iteration count.
pub fn sampling(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    if n >= 1 << 20 {
        g.sampling_mode(criterion::SamplingMode::Flat)
            .sample_size(10);
    } else {
        g.sampling_mode(criterion::SamplingMode::Auto)
            .sample_size(30);
    }
}

/// How a range is sampled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    /// Uniform in `[lo, hi]`.
    Linear,
    /// `|x| = 2^u`, `u` uniform in `[log2 lo, log2 hi]` (every binade equally likely);
    /// `signed`: each sign with probability 1/2, else positive only. `lo > 0`.
    Log { signed: bool },
}

/// Bounds in one type: `[lo, hi]`, or for [`Dist::Log`] the magnitudes `lo <= |x| <= hi`
/// (`hi` above the type's largest finite value is clamped to it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub lo: f64,
    pub hi: f64,
}

/// One input range of a function: a short label (in the criterion group name
/// `<func>_<type>@<label>`), its bounds in `f64` and in `f32`, and how it is sampled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub label: &'static str,
    pub f64: Span,
    pub f32: Span,
    pub dist: Dist,
    /// The function's ordinary range: the one that gets the size sweep and the pool.
    pub ordinary: bool,
    /// A two-input function's second input, uniform in these bounds in both types; `None`:
    /// drawn from the same range as the first ([`Range::second`]).
    pub y: Option<Span>,
}

impl Range {
    const fn new(label: &'static str, lo: f64, hi: f64, dist: Dist) -> Range {
        let s = Span { lo, hi };
        Range {
            label,
            f64: s,
            f32: s,
            dist,
            ordinary: false,
            y: None,
        }
    }
    /// Other bounds in `f32`.
    const fn f32(mut self, lo: f64, hi: f64) -> Range {
        self.f32 = Span { lo, hi };
        self
    }
    /// Marks the ordinary range.
    const fn ordinary(mut self) -> Range {
        self.ordinary = true;
        self
    }
    /// Other bounds for the second input of a two-input function (uniform, both types).
    const fn y(mut self, lo: f64, hi: f64) -> Range {
        self.y = Some(Span { lo, hi });
        self
    }
    /// The range of a two-input function's second input: [`Range::y`] (uniform) where set,
    /// else this range itself.
    pub fn second(&self) -> Range {
        match self.y {
            Some(s) => Range {
                f64: s,
                f32: s,
                dist: LIN,
                y: None,
                ..*self
            },
            None => *self,
        }
    }
    /// The bounds in `T`.
    pub fn span<T: Float>(&self) -> Span {
        if T::BITS == 64 { self.f64 } else { self.f32 }
    }
    /// The largest `|x|` of the range in `T`.
    pub fn max_abs<T: Float>(&self) -> f64 {
        let s = self.span::<T>();
        s.lo.abs().max(s.hi.abs()).min(max_finite::<T>())
    }
    /// One line for the report: `U[-3, 3]`, `±2^U[-1022, 1024)`.
    pub fn describe<T: Float>(&self) -> String {
        let s = self.span::<T>();
        match self.dist {
            Dist::Linear => format!("U[{}, {})", g(s.lo), g(s.hi)),
            Dist::Log { signed } => format!(
                "{}2^U[{}, {}]",
                if signed { "±" } else { "" },
                g((s.lo.log2() * 100.0).round() / 100.0),
                g((s.hi.min(max_finite::<T>()).log2() * 100.0).round() / 100.0)
            ),
        }
    }

    /// `n` inputs in `T`, reproducible from `seed`; independent draws, so a window of them
    /// has no pattern a branch predictor could learn (see [`windows`]).
    pub fn inputs<T: Float>(&self, n: usize, seed: u64) -> Vec<T> {
        let s = self.span::<T>();
        let max = max_finite::<T>();
        let mut r = SplitMix(seed ^ 0x005e_ed0f_5eed);
        let v: Vec<T> = (0..n)
            .map(|_| {
                let v = match self.dist {
                    Dist::Linear => s.lo + (s.hi - s.lo) * r.unit(),
                    Dist::Log { signed } => {
                        let (a, b) = (s.lo.log2(), s.hi.min(max).log2());
                        let u = a + (b - a) * r.unit();
                        let m = (u - u.floor()).exp2() * 2f64.powi(u.floor() as i32);
                        if signed && r.next_u64() >> 63 == 1 {
                            -m
                        } else {
                            m
                        }
                    }
                };
                let t = T::narrow(v.clamp(-max, max));
                // Rounding to `T` may reach the infinities at the very top: clamp in `T`.
                if t.widen().is_finite() {
                    t
                } else {
                    T::narrow(max.copysign(v))
                }
            })
            .collect();
        // A table mistake (bounds swapped, NaN, a range beyond the type) fails here, not as a
        // silently meaningless benchmark.
        let (lo, hi) = match self.dist {
            Dist::Linear => (s.lo, s.hi),
            Dist::Log { .. } => (-s.hi, s.hi),
        };
        assert!(
            v.iter()
                .all(|x| x.widen().is_finite() && (lo..=hi).contains(&x.widen())),
            "range {}: inputs outside [{lo}, {hi}]",
            self.label
        );
        v
    }
}

fn g(v: f64) -> String {
    let a = v.abs();
    if a >= 1e5 && a.log2().fract() == 0.0 {
        return format!("{}2^{}", if v < 0.0 { "-" } else { "" }, a.log2());
    }
    if v != 0.0 && (v.abs() >= 1e5 || v.abs() < 1e-3) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// The largest finite value of `T`, widened.
pub fn max_finite<T: Float>() -> f64 {
    T::from_bits(((1u64 << (T::BITS - 1)) - 1) - (1u64 << T::MANT)).widen()
}

const LIN: Dist = Dist::Linear;
const LOG_POS: Dist = Dist::Log { signed: false };
const LOG_BOTH: Dist = Dist::Log { signed: true };
const UNIT: Range = Range::new("unit", 0.0, 1.0, LIN);
/// 2^-1022 and 2^-126: the smallest normal values.
const MIN64: f64 = f64::MIN_POSITIVE;
const MIN32: f64 = f32::MIN_POSITIVE as f64;
/// Every normal exponent, positive.
const ALL_POS: Range = Range::new("all", MIN64, f64::MAX, LOG_POS).f32(MIN32, f32::MAX as f64);
/// Every normal exponent, both signs.
const ALL_BOTH: Range = Range::new("all", MIN64, f64::MAX, LOG_BOTH).f32(MIN32, f32::MAX as f64);
const TRIG: [Range; 4] = [
    Range::new("small", -3.0, 3.0, LIN),
    // The table: phases up to thousands of radians.
    Range::new("phase", -1e4, 1e4, LIN).ordinary(),
    // The edge of the Cody–Waite reduction in f64.
    Range::new("2p20", -1048576.0, 1048576.0, LIN),
    // Log-uniform from 2^20 to the largest finite value.
    Range::new("huge", 1048576.0, f64::MAX, LOG_BOTH),
];

/// The input ranges of `f`: `unit` (U[0,1), as in earlier figures and ../shared/peers) and the
/// ranges users pass, the ordinary one marked. One arm per registered function, no default:
/// a function without its ranges panics here, naming it (tests/faces.rs calls this for every
/// function, so a new one fails the tests until it has its line).
pub fn ranges(f: Func) -> Vec<Range> {
    let one = |label, lo, hi| vec![UNIT, Range::new(label, lo, hi, LIN).ordinary()];
    match f {
        Func::Exp | Func::Expm1 => vec![
            UNIT,
            Range::new("finite", -708.0, 709.0, LIN)
                .f32(-87.0, 88.0)
                .ordinary(),
        ],
        Func::Exp2 => vec![
            UNIT,
            Range::new("finite", -1022.0, 1023.0, LIN)
                .f32(-126.0, 127.0)
                .ordinary(),
        ],
        Func::Exp10 => vec![
            UNIT,
            Range::new("finite", -307.0, 308.0, LIN)
                .f32(-37.0, 38.0)
                .ordinary(),
        ],
        Func::Sinh | Func::Cosh => vec![
            UNIT,
            // Moderate arguments: sinh f32's polynomial (|x| < 1.04) and exponential lanes
            // mixed in most vectors.
            Range::new("mid", -5.0, 5.0, LIN),
            Range::new("finite", -709.0, 709.0, LIN)
                .f32(-88.0, 88.0)
                .ordinary(),
        ],
        Func::Tanh => one("active", -20.0, 20.0),
        Func::Log | Func::Log2 | Func::Log10 | Func::Log1p | Func::Cbrt => {
            let all = if f == Func::Cbrt { ALL_BOTH } else { ALL_POS };
            vec![UNIT, all.ordinary()]
        }
        Func::Asinh | Func::Atan => vec![UNIT, ALL_BOTH.ordinary()],
        Func::Acosh => vec![
            Range::new("all", 1.0, f64::MAX, LOG_POS)
                .f32(1.0, f32::MAX as f64)
                .ordinary(),
        ],
        Func::Atanh | Func::Asin | Func::Acos => one("domain", -1.0, 1.0),
        // Two inputs: pow x in [0, 10), y in [-20, 20) (issue text: x in (0, 10), y in (-20, 20));
        // atan2(y, x) and hypot: both inputs U[-1e3, 1e3).
        Func::Pow => vec![
            UNIT,
            Range::new("moderate", 0.0, 10.0, LIN)
                .y(-20.0, 20.0)
                .ordinary(),
        ],
        Func::Atan2 | Func::Hypot => one("moderate", -1e3, 1e3),
        Func::Sin | Func::Cos | Func::Tan | Func::Sinpi | Func::Cospi => {
            let mut v = vec![UNIT];
            v.extend(TRIG);
            v
        }
        // The range every function without its own got before this table was complete.
        Func::Sincos => one("default", -1.0, 1.0),
        _ => panic!("no bench ranges for {f}: give it its line in benches/common.rs's ranges()"),
    }
}

/// The ranges of `f` that this run keeps: `SIMDMATH_BENCH_RANGES` (comma list of labels, e.g.
/// `small,phase`) or all.
pub fn selected_ranges(f: Func) -> Vec<Range> {
    let keep: Option<Vec<String>> = std::env::var("SIMDMATH_BENCH_RANGES")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.split(',').map(|t| t.trim().to_string()).collect());
    ranges(f)
        .into_iter()
        .filter(|r| keep.as_ref().is_none_or(|k| k.iter().any(|l| l == r.label)))
        .collect()
}

/// The sizes a range runs at: every size for the ordinary range, only [`N_ALL_RANGES`]
/// (where selected) for the others.
pub fn sizes_for(r: &Range) -> Vec<usize> {
    sizes()
        .into_iter()
        .filter(|&n| r.ordinary || n == N_ALL_RANGES)
        .collect()
}

/// Distinct inputs each benchmark cycles through: at least this many, so that at n = 4096 a
/// call never sees the inputs of the previous one (a branch predictor learns 4096 replayed
/// inputs: glibc's scalar `sinf` measured 2.6 ns at n = 4096 against 4.8 at 1e6 in
/// ../shared/peers). 64 Ki elements are 512 KiB in `f64`: in L2.
pub const DISTINCT: usize = 1 << 16;

/// How many windows of `n` inputs a benchmark at size `n` cycles through.
pub fn windows(n: usize) -> usize {
    DISTINCT.div_ceil(n).max(1)
}

/// The group name report.py parses: `<func>_<type>@<range>`.
pub fn group<T: Float>(f: Func, r: &Range) -> String {
    format!("{f}_{}@{}", T::NAME, r.label)
}

/// The seed of a range's inputs (the same in both bench binaries, so ours and the peers see
/// the same values).
pub fn seed(f: Func, r: &Range) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in f.name().bytes().chain(r.label.bytes()) {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// The second input of a two-input function `f` on range `r` (`len` values from
/// [`Range::second`], seeded apart from the first), empty for the other functions: the same
/// in both bench binaries.
pub fn second_inputs<T: Float>(f: Func, r: &Range, len: usize) -> Vec<T> {
    if f.arity() == Arity::Binary {
        r.second().inputs(len, seed(f, r) ^ 0x5eed)
    } else {
        Vec::new()
    }
}

/// Writes the ranges of every registered function to `target/criterion/ranges.json`, for
/// report.py and benches/numpy_peer.py (so this table stays the only one).
pub fn write_ranges_json() {
    let mut s = String::from("[\n");
    let mut first = true;
    for &f in Func::ALL {
        for r in ranges(f) {
            // A two-input function's second input: its bounds, and both in `describe`.
            let y = (f.arity() == Arity::Binary).then(|| r.second());
            for (t, span, max_abs, mut desc) in [
                ("f64", r.f64, r.max_abs::<f64>(), r.describe::<f64>()),
                ("f32", r.f32, r.max_abs::<f32>(), r.describe::<f32>()),
            ] {
                let mut second = String::new();
                if let Some(y) = &y {
                    let (ys, yd) = if t == "f64" {
                        (y.f64, y.describe::<f64>())
                    } else {
                        (y.f32, y.describe::<f32>())
                    };
                    desc = format!("{desc} × {yd}");
                    second = format!(", \"y_lo\": {:e}, \"y_hi\": {:e}", ys.lo, ys.hi);
                }
                let (dist, signed) = match r.dist {
                    Dist::Linear => ("linear", false),
                    Dist::Log { signed } => ("log", signed),
                };
                let cap = if t == "f64" {
                    f64::MAX
                } else {
                    f32::MAX as f64
                };
                if !first {
                    s.push_str(",\n");
                }
                first = false;
                s.push_str(&format!(
                    "  {{\"func\": \"{f}\", \"type\": \"{t}\", \"label\": \"{}\", \"lo\": {:e}, \
                     \"hi\": {:e}, \"dist\": \"{dist}\", \"signed\": {signed}, \
                     \"max_abs\": {max_abs:e}, \"ordinary\": {}, \"describe\": \"{desc}\"{second}}}",
                    r.label,
                    span.lo,
                    span.hi.min(cap),
                    r.ordinary
                ));
            }
        }
    }
    s.push_str("\n]\n");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("criterion");
    if std::fs::create_dir_all(&dir).is_ok() {
        // Best effort: the benches run without it.
        let _ = std::fs::write(dir.join("ranges.json"), s);
    }
}

/// One call of `f` on the given backend, whatever its arity: `y` is the second input of a
/// two-input function (ignored otherwise), `out2` the second output of a two-output one.
pub fn eval_any<T: Float>(isa: Isa, f: Func, x: &[T], y: &[T], out: &mut [T], out2: &mut [T]) {
    match f.arity() {
        Arity::Binary => simdmath::eval2_with(isa, f, x, y, out),
        Arity::UnaryPair => simdmath::eval_pair_with(isa, f, x, out, out2),
        _ => simdmath::eval_with(isa, f, x, out),
    }
}

/// [`eval_any`] on the pool with the best instruction set.
pub fn pool_eval_any<T: Float>(p: &Pool, f: Func, x: &[T], y: &[T], out: &mut [T], out2: &mut [T]) {
    match f.arity() {
        Arity::Binary => p.eval2(f, x, y, out),
        Arity::UnaryPair => p.eval_pair(f, x, out, out2),
        _ => p.eval(f, x, out),
    }
}
