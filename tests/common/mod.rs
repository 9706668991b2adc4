//! Shared helpers of the accuracy tests: ULP distance, the correctly rounded reference
//! (`core-math`), seeded input sets.
#![allow(dead_code, unused_imports)]

use simdmath::{Func, Isa};

/// Element types under test: the library's own [`simdmath::ulp::Float`] (reference =
/// core-math, libm = glibc through `std`), with the short names these tests use.
pub trait TestReal: simdmath::ulp::Float {
    const TOTAL_BITS: u32 = Self::BITS;
    fn is_nan_(self) -> bool {
        simdmath::ulp::is_nan(self)
    }
    fn bits_(self) -> u64 {
        self.bits()
    }
    fn from_bits_(b: u64) -> Self {
        Self::from_bits(b)
    }
}
impl<T: simdmath::ulp::Float> TestReal for T {}

pub use simdmath::ulp::Float;
/// Integer distance in representable values between `got` and the correctly rounded `want`
/// (`simdmath::ulp::distance`: ±0 equal, NaN/NaN 0, one NaN `u64::MAX`).
pub use simdmath::ulp::distance as ulp_distance;
pub use simdmath::ulp::inputs::SplitMix;

/// The seed used by a test: `SIMDMATH_TEST_SEED` if set, else a fixed default.
pub fn seed() -> u64 {
    std::env::var("SIMDMATH_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026)
}

/// Input generators shared with `simdmath ulp`: random bit patterns over every exponent,
/// uniform ranges, and the representable neighbours of a value.
pub use simdmath::ulp::inputs::{around, random_bits, uniform};

/// Result of checking one input set.
pub struct Report<T> {
    pub max: u64,
    pub worst_x: T,
    pub worst_got: T,
    pub worst_want: T,
    pub over: usize,
    pub n: usize,
}

/// Runs `f` on `xs` with `isa` and compares every result with the reference.
pub fn check<T: TestReal>(isa: Isa, f: Func, xs: &[T], bound: u64) -> Report<T> {
    let mut out = vec![T::default(); xs.len()];
    simdmath::eval_with(isa, f, xs, &mut out);
    compare(f, xs, &out, bound)
}

/// Compares given results with the reference.
pub fn compare<T: TestReal>(f: Func, xs: &[T], out: &[T], bound: u64) -> Report<T> {
    let mut rep = Report {
        max: 0,
        worst_x: T::default(),
        worst_got: T::default(),
        worst_want: T::default(),
        over: 0,
        n: xs.len(),
    };
    for (&x, &y) in xs.iter().zip(out) {
        let want = T::reference(f, x);
        let d = ulp_distance(y, want);
        if d > bound {
            rep.over += 1;
        }
        if d > rep.max || (rep.over == 1 && d > bound && rep.max <= bound) {
            rep.max = rep.max.max(d);
            rep.worst_x = x;
            rep.worst_got = y;
            rep.worst_want = want;
        }
    }
    rep
}

/// Panics with everything needed to reproduce when the report exceeds the bound.
pub fn assert_report<T: TestReal>(
    what: &str,
    isa: Isa,
    f: Func,
    rep: &Report<T>,
    bound: u64,
    seed: u64,
) {
    assert!(
        rep.max <= bound,
        "{what}: {f} {} on {isa}: {} of {} inputs over the bound of {bound} ulp, max {} ulp at x = {:e} \
         (bits {:#x}): got {:e} ({:#x}), correctly rounded {:e} ({:#x}); seed {seed} \
         (rerun with SIMDMATH_TEST_SEED={seed})",
        T::NAME,
        rep.over,
        rep.n,
        rep.max,
        rep.worst_x.to_f64(),
        rep.worst_x.bits_(),
        rep.worst_got.to_f64(),
        rep.worst_got.bits_(),
        rep.worst_want.to_f64(),
        rep.worst_want.bits_(),
    );
}

/// The registry's bound for `f` and `T`.
pub fn bound<T: TestReal>(f: Func) -> u64 {
    let info = f.info();
    (if T::TOTAL_BITS == 64 {
        info.max_ulp_f64
    } else {
        info.max_ulp_f32
    }) as u64
}

/// The registered functions of one input (the tests of `eval`).
pub fn unary() -> impl Iterator<Item = Func> {
    Func::ALL
        .iter()
        .copied()
        .filter(|f| f.arity() == simdmath::Arity::Unary)
}

/// The registered functions of two inputs (the tests of `eval2`).
pub fn binary() -> impl Iterator<Item = Func> {
    Func::ALL
        .iter()
        .copied()
        .filter(|f| f.arity() == simdmath::Arity::Binary)
}
