//! Shared helpers of the accuracy tests: ULP distance, the correctly rounded reference
//! (`core-math`), seeded input sets.
#![allow(dead_code)]

use simdmath::{Func, Isa, Real};

/// Element types under test, with their reference and bit tricks.
pub trait TestReal: Real {
    fn reference(f: Func, x: Self) -> Self;
    fn libm(f: Func, x: Self) -> Self;
    /// Signed position of `self` on the number line of representable values (±0 both 0).
    fn ord(self) -> i64;
    fn is_nan_(self) -> bool;
    fn bits_(self) -> u64;
    fn from_bits_(b: u64) -> Self;
    const TOTAL_BITS: u32;
}

impl TestReal for f64 {
    fn reference(f: Func, x: f64) -> f64 {
        match f {
            Func::Exp => core_math::exp(x),
            Func::Log => core_math::log(x),
            Func::Sin => core_math::sin(x),
            Func::Cos => core_math::cos(x),
            _ => unimplemented!("no reference for {f}"),
        }
    }
    fn libm(f: Func, x: f64) -> f64 {
        match f {
            Func::Exp => x.exp(),
            Func::Log => x.ln(),
            Func::Sin => x.sin(),
            Func::Cos => x.cos(),
            _ => unimplemented!("no libm for {f}"),
        }
    }
    fn ord(self) -> i64 {
        let b = self.to_bits() as i64;
        if b < 0 { -(b & i64::MAX) } else { b }
    }
    fn is_nan_(self) -> bool {
        self.is_nan()
    }
    fn bits_(self) -> u64 {
        self.to_bits()
    }
    fn from_bits_(b: u64) -> f64 {
        f64::from_bits(b)
    }
    const TOTAL_BITS: u32 = 64;
}

impl TestReal for f32 {
    fn reference(f: Func, x: f32) -> f32 {
        match f {
            Func::Exp => core_math::expf(x),
            Func::Log => core_math::logf(x),
            Func::Sin => core_math::sinf(x),
            Func::Cos => core_math::cosf(x),
            _ => unimplemented!("no reference for {f}"),
        }
    }
    fn libm(f: Func, x: f32) -> f32 {
        match f {
            Func::Exp => x.exp(),
            Func::Log => x.ln(),
            Func::Sin => x.sin(),
            Func::Cos => x.cos(),
            _ => unimplemented!("no libm for {f}"),
        }
    }
    fn ord(self) -> i64 {
        let b = self.to_bits() as i32;
        (if b < 0 { -(b & i32::MAX) } else { b }) as i64
    }
    fn is_nan_(self) -> bool {
        self.is_nan()
    }
    fn bits_(self) -> u64 {
        self.to_bits() as u64
    }
    fn from_bits_(b: u64) -> f32 {
        f32::from_bits(b as u32)
    }
    const TOTAL_BITS: u32 = 32;
}

/// Integer distance in representable values between `got` and the correctly rounded `want`:
/// 0 when both are NaN or equal (±0 count as equal here; signs of zero are checked with the
/// special values), `u64::MAX` when exactly one is NaN.
pub fn ulp_distance<T: TestReal>(got: T, want: T) -> u64 {
    match (got.is_nan_(), want.is_nan_()) {
        (true, true) => 0,
        (false, false) => got.ord().abs_diff(want.ord()),
        _ => u64::MAX,
    }
}

/// SplitMix64: small, seedable, good enough to spread test inputs.
pub struct SplitMix(pub u64);
impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The seed used by a test: `SIMDMATH_TEST_SEED` if set, else a fixed default.
pub fn seed() -> u64 {
    std::env::var("SIMDMATH_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026)
}

/// Random bit patterns: every exponent and both signs equally likely (NaNs included).
pub fn random_bits<T: TestReal>(n: usize, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed);
    (0..n)
        .map(|_| T::from_bits_(r.next() >> (64 - T::TOTAL_BITS)))
        .collect()
}

/// `n` values uniformly spread in `[lo, hi]`, plus their neighbours in representable values.
pub fn uniform<T: TestReal>(n: usize, lo: f64, hi: f64, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed);
    (0..n)
        .map(|_| T::from_f64(lo + (hi - lo) * r.unit()))
        .collect()
}

/// `x` and the `k` representable values on each side of it.
pub fn around<T: TestReal>(x: T, k: i64) -> Vec<T> {
    let b = x.bits_() as i64;
    (-k..=k).map(|d| T::from_bits_((b + d) as u64)).collect()
}

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
