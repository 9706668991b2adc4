//! Seeded input sets for accuracy runs: random bit patterns (every exponent and sign), the
//! hard regions of each function, special values, and a uniform user range. The same seed
//! gives the same inputs on every machine.
//!
//! ```
//! use simdmath::{Func, ulp::inputs};
//! let a: Vec<f64> = inputs::hard(Func::Sin, 1000, 7);
//! assert_eq!(a, inputs::hard::<f64>(Func::Sin, 1000, 7));
//! assert_eq!(a.len(), 1000);
//! ```

use super::{Float, is_nan, ordinal, pow2};
use crate::Func;

/// `2^x` and `ln(x)` correctly rounded (core-math), for the inputs computed in `f64`: the same
/// on every machine, where the system libm's differ between x86-64 and aarch64 in the last bit
/// for some arguments (which changed every hard input set under `qemu-aarch64`).
trait CrMath {
    fn cr_exp2(self) -> f64;
    fn cr_ln(self) -> f64;
}
impl CrMath for f64 {
    fn cr_exp2(self) -> f64 {
        core_math::exp2(self)
    }
    fn cr_ln(self) -> f64 {
        core_math::log(self)
    }
}

/// SplitMix64: small, seedable, reproducible; good enough to spread test inputs.
///
/// ```
/// let mut r = simdmath::ulp::inputs::SplitMix(1);
/// let u = r.unit();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Clone, Debug)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 random bits.
    ///
    /// ```
    /// let mut r = simdmath::ulp::inputs::SplitMix(0);
    /// assert_ne!(r.next_u64(), r.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    ///
    /// ```
    /// let mut r = simdmath::ulp::inputs::SplitMix(3);
    /// assert!(r.unit() < 1.0);
    /// ```
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
}

/// The value `d` representable steps from `x` (through ±0, which counts once; saturates at
/// the infinities).
///
/// ```
/// use simdmath::ulp::inputs::step;
/// assert_eq!(step(1.0f64, 1), 1.0 + f64::EPSILON);
/// assert_eq!(step(0.0f32, -1), -f32::from_bits(1));
/// assert_eq!(step(f64::MAX, 5), f64::INFINITY);
/// ```
pub fn step<T: Float>(x: T, d: i64) -> T {
    let inf = ordinal(T::narrow(f64::INFINITY));
    let o = (ordinal(x) + d).clamp(-inf, inf);
    let sign = 1u64 << (T::BITS - 1);
    if o < 0 {
        T::from_bits(sign | o.unsigned_abs())
    } else {
        T::from_bits(o as u64)
    }
}

/// `x` and the `k` representable values on each side of it.
///
/// ```
/// let v = simdmath::ulp::inputs::around(1.0f32, 2);
/// assert_eq!(v.len(), 5);
/// assert_eq!(v[2], 1.0);
/// ```
pub fn around<T: Float>(x: T, k: i64) -> Vec<T> {
    (-k..=k).map(|d| step(x, d)).collect()
}

/// `n` random bit patterns: every exponent and both signs equally likely (NaNs and
/// infinities included, as they come).
///
/// ```
/// let v: Vec<f32> = simdmath::ulp::inputs::random_bits(10_000, 1);
/// assert!(v.iter().any(|x| *x < 0.0) && v.iter().any(|x| x.abs() > 1e30));
/// ```
pub fn random_bits<T: Float>(n: usize, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed);
    (0..n)
        .map(|_| T::from_bits(r.next_u64() >> (64 - T::BITS)))
        .collect()
}

/// `n` values uniform in `[lo, hi]` (computed in `f64`, then rounded to `T`).
///
/// ```
/// let v: Vec<f64> = simdmath::ulp::inputs::uniform(100, -2.0, 3.0, 9);
/// assert!(v.iter().all(|x| (-2.0..=3.0).contains(x)));
/// ```
pub fn uniform<T: Float>(n: usize, lo: f64, hi: f64, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed);
    (0..n)
        .map(|_| T::narrow(lo + (hi - lo) * r.unit()))
        .collect()
}

/// Thresholds of `exp` in `T`: (overflows above, rounds to +0 below, results subnormal below).
fn exp_thresholds<T: Float>() -> (f64, f64, f64) {
    if T::BITS == 64 {
        (709.782712893384, -745.1332191019412, -708.3964185322641)
    } else {
        (88.72284, -103.97208, -87.33655)
    }
}

/// Thresholds of the exp family and the hyperbolic functions in `T`: (results overflow above,
/// results round to +0 (exp2, exp10) / to -1 (expm1) / to ±1 (tanh) below or beyond, results
/// subnormal below). `None` for the others.
fn exp_family_thresholds<T: Float>(f: Func) -> Option<(f64, f64, f64)> {
    let f64mode = T::BITS == 64;
    let (over, sat, sub) = match (f, f64mode) {
        (Func::Exp2, true) => (1024.0, -1075.0, -1022.0),
        (Func::Exp2, false) => (128.0, -150.0, -126.0),
        (Func::Exp10, true) => (308.25471555991675, -323.6072453387798, -307.6526555685888),
        (Func::Exp10, false) => (38.53184, -45.1545, -37.92978),
        (Func::Expm1, true) => (709.782712893384, -37.42994775023705, f64::NAN),
        (Func::Expm1, false) => (88.72284, -17.32868, f64::NAN),
        (Func::Sinh | Func::Cosh, true) => (710.4758600739439, f64::NAN, f64::NAN),
        (Func::Sinh | Func::Cosh, false) => (89.4159862922329, f64::NAN, f64::NAN),
        (Func::Tanh, true) => (f64::NAN, 19.061547465398498, f64::NAN),
        (Func::Tanh, false) => (f64::NAN, 9.010913347279288, f64::NAN),
        _ => return None,
    };
    Some((over, sat, sub))
}

/// The special inputs of `f`, whose results must match libm bit for bit: ±0, ±∞, NaN, and the
/// inputs whose results are special (`exp` beyond its overflow and underflow thresholds,
/// `log` of negative numbers and of 1).
///
/// ```
/// let s: Vec<f64> = simdmath::ulp::inputs::specials(simdmath::Func::Log);
/// assert!(s.contains(&-1.0) && s.iter().any(|x| x.is_nan()));
/// ```
pub fn specials<T: Float>(f: Func) -> Vec<T> {
    let mut v: Vec<f64> = vec![
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
    ];
    match f {
        Func::Exp => {
            let (over, zero, _) = exp_thresholds::<T>();
            v.extend([over + 1.0, 1000.0, 1e30, zero - 1.0, -1000.0, -1e30]);
        }
        Func::Log => v.extend([1.0, -1.0, -1e-300, -1e30, -f64::MIN_POSITIVE]),
        Func::Exp2 | Func::Exp10 | Func::Expm1 => {
            v.extend([1e30, 5000.0, -5000.0, -1e30, f64::MAX, -f64::MAX]);
        }
        Func::Sinh | Func::Cosh | Func::Tanh => {
            v.extend([1000.0, -1000.0, 1e30, -1e30, f64::MAX, -f64::MAX]);
        }
        Func::Log2 | Func::Log10 => v.extend([1.0, -1.0, -1e-300, -1e30, -f64::MIN_POSITIVE]),
        Func::Log1p => v.extend([-1.0, -1.5, -2.0, -1e30, -f64::MAX]),
        Func::Acosh => v.extend([1.0, 0.5, -1.0, -1e30]),
        Func::Atanh => v.extend([1.0, -1.0, 2.0, -2.0, 1e30, -1e30]),
        Func::Atan => v.extend([1.0, -1.0, 1e300, -1e300, f64::MAX, -f64::MAX]),
        Func::Asin | Func::Acos => v.extend([1.0, -1.0, 2.0, -2.0, 1e30, -1e30, f64::MAX]),
        // Only ±0, ±inf and NaN are special for these (and the two-input functions have
        // `special_pairs`).
        Func::Sin
        | Func::Cos
        | Func::Tan
        | Func::Sincos
        | Func::Sinpi
        | Func::Cospi
        | Func::Asinh
        | Func::Cbrt
        | Func::Pow
        | Func::Atan2
        | Func::Hypot => {}
    }
    let mut out: Vec<T> = v.into_iter().map(T::narrow).collect();
    if matches!(f, Func::Asin | Func::Acos) {
        // Just outside the domain: NaN.
        out.extend([step(T::narrow(1.0), 1), step(T::narrow(-1.0), -1)]);
    }
    if f == Func::Exp {
        let (over, zero, _) = exp_thresholds::<T>();
        out.push(step(T::narrow(over), 2));
        out.push(step(T::narrow(zero), -2));
    }
    if let Some((over, sat, _)) = exp_family_thresholds::<T>(f) {
        // Results that overflow (both signs for sinh, cosh), underflow to +0 (exp2, exp10).
        if over.is_finite() {
            out.push(step(T::narrow(over), 2));
            if matches!(f, Func::Sinh | Func::Cosh) {
                out.push(step(T::narrow(-over), -2));
            }
        }
        if f == Func::Exp2 {
            out.push(step(T::narrow(sat), -2));
        }
        if f == Func::Exp10 {
            // Not the threshold's neighbours: glibc's exp10 gives 2^-1074 for the last few
            // doubles below it (-323.6072453387798 ...), where the exact result rounds to +0.
            out.push(T::narrow(sat - 0.01));
        }
    }
    out
}

/// `n` inputs from the hard regions of `f`, seeded:
///
/// * `exp`: `[-1, 1]`, tiny `|x|` (2^-60 … 2^-1), near multiples of ln2/2, the overflow and
///   underflow thresholds and the subnormal-result range;
/// * `log`: near 1 (1 ± 2^-k), subnormal and tiny inputs, neighbours of powers of two, huge
///   values up to `MAX`, `[0.5, 2]`;
/// * `exp2`, `exp10`: their finite range, tiny `|x|`, integers (exact results), the overflow
///   and underflow thresholds and the subnormal-result range;
/// * `expm1`: `|x|` from 2^-60 to 1 (where `e^x - 1` cancels), near multiples of ln2/16, the
///   overflow threshold and the saturation to -1, `[-40, 710]`;
/// * `sinh`, `cosh`: tiny `|x|`, `[-1, 1]`, around the polynomial's edge 1/4, the overflow
///   thresholds (both signs), `[-720, 720]`;
/// * `tanh`: tiny `|x|`, `[-1, 1]`, near the saturation to ±1, log-uniform 2^-10 … 2^5;
/// * `log2`, `log10`: as `log`, with the exact powers `10^k` for `log10`;
/// * `log1p`: tiny `|x|` (2^-60 … 2^-1), near -1, subnormals, `[-0.9, 10]`, huge values;
/// * `asinh`: small, moderate and huge `|x|` (around the `2^28` switch up to `MAX`), subnormals;
/// * `acosh`: near 1, `[1, 10]`, around `2^28`, huge values up to `MAX`;
/// * `atanh`: near ±1, small (2^-60 … 2^-1), tiny (down to the smallest normal), `(-1, 1)`;
/// * `cbrt`: exact cubes (integers and dyadic numbers), subnormals, every exponent, `[0.5, 8]`;
/// * `sin`, `cos`, `tan`, `sincos`: near multiples of π/2 (k up to 2^20), huge arguments (2^20 … `MAX`,
///   Payne–Hanek), tiny arguments, `[-π, π]`;
/// * `sinpi`, `cospi`: integers and half-integers (exact zeros and ±1), every size up to
///   beyond `2^MANT` (all integers there), subnormal and tiny arguments, near quarters.
/// * `atan`: tiny and subnormal arguments, near ±1, huge arguments up to `MAX`, the table's
///   subinterval ends (`2^k` and `1.5 * 2^k`, `k` in -4..=4), `[-20, 20]`;
/// * `asin`, `acos`: near ±1 (`1 - 2^-k`), near ±1/2 (the switch to the square root), tiny
///   and subnormal arguments, `[-1, 1]`.
///
/// Every one-input function has its arms here (the `match` is exhaustive: a new one does not
/// compile without them); [`hard_regions`] are the fixed point sets beside these draws.
///
/// # Panics
/// For a two-input function (its hard regions are [`hard_pairs`]).
///
/// ```
/// let v: Vec<f32> = simdmath::ulp::inputs::hard(simdmath::Func::Log, 500, 1);
/// assert!(v.iter().any(|x| (x - 1.0).abs() < 1e-3));
/// ```
pub fn hard<T: Float>(f: Func, n: usize, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed ^ 0x4a7d_0000 ^ f as u64);
    let mut out = Vec::with_capacity(n);
    let emax = T::EMAX as f64;
    let emin_sub = (T::EMIN - T::MANT as i32) as f64;
    while out.len() < n {
        let u = r.unit();
        let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
        let pow = |r: &mut SplitMix, lo: f64, hi: f64| (lo + (hi - lo) * r.unit()).cr_exp2();
        let x: f64 = match (f, r.below(5)) {
            (Func::Exp, 0) => 2.0 * u - 1.0,
            (Func::Exp, 1) => s * pow(&mut r, -60.0, -1.0),
            (Func::Exp, 2) => {
                let k = r.below(2 * 2048) as f64 - 2048.0;
                (k * std::f64::consts::LN_2 / 2.0).clamp(-800.0, 800.0)
            }
            (Func::Exp, 3) => {
                let (over, zero, _) = exp_thresholds::<T>();
                if s > 0.0 {
                    over - u * 2.0
                } else {
                    zero + u * 2.0
                }
            }
            (Func::Exp, _) => {
                let (_, zero, sub) = exp_thresholds::<T>();
                zero + (sub - zero) * u
            }
            (Func::Log, 0) => 1.0 + s * pow(&mut r, -(T::MANT as f64) - 8.0, -1.0),
            (Func::Log, 1) => pow(&mut r, emin_sub, T::EMIN as f64 + 4.0),
            (Func::Log, 2) => {
                ((r.below((T::EMAX - T::EMIN) as usize) as i32 + T::EMIN) as f64).cr_exp2()
            }
            (Func::Log, 3) => pow(&mut r, emax - 8.0, emax + 0.999),
            (Func::Log, _) => 0.5 + 1.5 * u,
            (Func::Sinpi | Func::Cospi, 0) => (r.below(1 << 20) as f64 - (1 << 19) as f64) * 0.5,
            (Func::Sinpi | Func::Cospi, 1) => s * pow(&mut r, 0.0, T::MANT as f64 + 4.0),
            (Func::Sinpi | Func::Cospi, 2) => s * pow(&mut r, emin_sub, -1.0),
            (Func::Sinpi | Func::Cospi, _) => (r.below(1 << 12) as f64) * 0.25 + s * u * 1e-3,
            (Func::Exp2 | Func::Exp10, k) => {
                let (over, zero, sub) = exp_family_thresholds::<T>(f).unwrap();
                match k {
                    0 => zero - 1.0 + (over - zero + 2.0) * u,
                    1 => s * pow(&mut r, -60.0, -1.0),
                    // Integers (exact results; the neighbours come from the step below).
                    2 => (zero + (over - zero) * u).round(),
                    3 if s > 0.0 => over - u * 2.0,
                    3 => zero + u * 2.0,
                    _ => zero + (sub - zero) * u,
                }
            }
            (Func::Expm1, k) => {
                let (over, sat, _) = exp_family_thresholds::<T>(f).unwrap();
                match k {
                    0 => s * pow(&mut r, -60.0, 0.0),
                    1 => 2.0 * u - 1.0,
                    2 => (r.below(64) as f64 - 32.0) * std::f64::consts::LN_2 / 16.0,
                    3 if s > 0.0 => over - u * 2.0,
                    3 => sat + (u - 0.5) * 4.0,
                    _ => -40.0 + 750.0 * u,
                }
            }
            (Func::Sinh | Func::Cosh, k) => {
                let (over, _, _) = exp_family_thresholds::<T>(f).unwrap();
                s * match k {
                    0 => pow(&mut r, -60.0, -2.0),
                    1 => u,
                    2 => 0.25 + (u - 0.5) * 0.02,
                    3 => over - u * 2.0,
                    _ => 720.0 * u,
                }
            }
            (Func::Tanh, k) => {
                let (_, sat, _) = exp_family_thresholds::<T>(f).unwrap();
                s * match k {
                    0 => pow(&mut r, -60.0, -2.0),
                    1 => u,
                    2 => sat + (u - 0.5) * 4.0,
                    3 => pow(&mut r, -10.0, 5.0),
                    _ => 25.0 * u,
                }
            }
            (Func::Log2 | Func::Log10, 0) => 1.0 + s * pow(&mut r, -(T::MANT as f64) - 8.0, -1.0),
            (Func::Log2 | Func::Log10, 1) => pow(&mut r, emin_sub, T::EMIN as f64 + 4.0),
            (Func::Log2, 2) => {
                ((r.below((T::EMAX - T::EMIN) as usize) as i32 + T::EMIN) as f64).cr_exp2()
            }
            (Func::Log10, 2) => {
                // 10^k, correctly rounded by the parser, over the whole range of T.
                let top = (T::EMAX as f64 * std::f64::consts::LOG10_2) as i32;
                let bot = (emin_sub * std::f64::consts::LOG10_2) as i32;
                let k = r.below((top - bot) as usize) as i32 + bot;
                format!("1e{k}").parse::<f64>().unwrap_or(1.0)
            }
            (Func::Log2 | Func::Log10, 3) => pow(&mut r, emax - 8.0, emax + 0.999),
            (Func::Log2 | Func::Log10, _) => 0.5 + 1.5 * u,
            (Func::Log1p, 0) => s * pow(&mut r, -60.0, -1.0),
            (Func::Log1p, 1) => -1.0 + pow(&mut r, -(T::MANT as f64) - 1.0, -1.0),
            (Func::Log1p, 2) => s * pow(&mut r, emin_sub, T::EMIN as f64 + 4.0),
            (Func::Log1p, 3) => -0.9 + 10.9 * u,
            (Func::Log1p, _) => pow(&mut r, 0.0, emax + 0.999),
            (Func::Asinh, 0) => s * pow(&mut r, -60.0, 0.0),
            (Func::Asinh, 1) => s * pow(&mut r, 0.0, 30.0),
            (Func::Asinh, 2) => s * pow(&mut r, 26.0, emax + 0.999),
            (Func::Asinh, 3) => s * pow(&mut r, emin_sub, T::EMIN as f64 + 4.0),
            (Func::Asinh, _) => s * 2.0 * u,
            (Func::Acosh, 0) => 1.0 + pow(&mut r, -(T::MANT as f64) - 4.0, -1.0),
            (Func::Acosh, 1) => pow(&mut r, 0.0, emax + 0.999),
            (Func::Acosh, 2) => 1.0 + 9.0 * u,
            (Func::Acosh, 3) => pow(&mut r, 26.0, 30.0),
            (Func::Acosh, _) => 1.0 + u * u,
            (Func::Atanh, 0) => s * (1.0 - pow(&mut r, -(T::MANT as f64) - 1.0, -1.0)),
            (Func::Atanh, 1) => s * pow(&mut r, -60.0, -1.0),
            (Func::Atanh, 2) => s * pow(&mut r, T::EMIN as f64, -60.0),
            (Func::Atanh, _) => s * u,
            (Func::Cbrt, 0) => {
                // Exact cubes of integers (exact in T up to 2^MANT).
                let k = (r.below(1 << 17) + 1) as f64;
                s * k * k * k
            }
            (Func::Cbrt, 1) => s * pow(&mut r, emin_sub, T::EMIN as f64),
            (Func::Cbrt, 2) => s * pow(&mut r, emin_sub, emax + 0.999),
            (Func::Cbrt, 3) => {
                // Exact cubes of dyadic numbers k * 2^j.
                let k = (r.below(1 << 8) + 1) as f64;
                let j = r.below(60) as i32 - 30;
                s * (k * 2f64.powi(j)).powi(3)
            }
            (Func::Cbrt, _) => s * (0.5 + 7.5 * u),
            (Func::Atan, 0) => s * pow(&mut r, emin_sub, -20.0),
            (Func::Atan, 1) => s * (1.0 + (2.0 * u - 1.0) * pow(&mut r, -(T::MANT as f64), -2.0)),
            (Func::Atan, 2) => s * pow(&mut r, 20.0, emax + 0.999),
            (Func::Atan, 3) => {
                let k = r.below(9) as f64 - 4.0;
                s * k.cr_exp2() * if u < 0.5 { 1.0 } else { 1.5 }
            }
            (Func::Atan, _) => s * 20.0 * u,
            (Func::Asin | Func::Acos, 0) => s * (1.0 - pow(&mut r, -(T::MANT as f64) - 1.0, -1.0)),
            (Func::Asin | Func::Acos, 1) => {
                s * (0.5 + (2.0 * u - 1.0) * pow(&mut r, -(T::MANT as f64), -2.0))
            }
            (Func::Asin | Func::Acos, 2) => s * pow(&mut r, emin_sub, -20.0),
            (Func::Asin | Func::Acos, 3) => s * u,
            (Func::Asin | Func::Acos, _) => s * pow(&mut r, -20.0, -1.0),
            (Func::Sin | Func::Cos | Func::Tan | Func::Sincos, 0) => {
                let k = r.below(1 << 20) as f64;
                s * k * std::f64::consts::FRAC_PI_2
            }
            (Func::Sin | Func::Cos | Func::Tan | Func::Sincos, 1) => {
                s * pow(&mut r, 20.0, emax + 0.999)
            }
            (Func::Sin | Func::Cos | Func::Tan | Func::Sincos, 2) => {
                s * pow(&mut r, emin_sub, -20.0)
            }
            (Func::Sin | Func::Cos | Func::Tan | Func::Sincos, _) => s * std::f64::consts::PI * u,
            (Func::Pow | Func::Atan2 | Func::Hypot, _) => {
                panic!("{f} takes two inputs: its hard regions are hard_pairs")
            }
        };
        let x = T::narrow(x.clamp(-f64::MAX, f64::MAX));
        // Powers of two (log, case 2) and multiples of π/2 are exact points: take neighbours.
        let d = (r.below(7) as i64) - 3;
        out.push(step(x, d));
    }
    out.truncate(n);
    out
}

/// The hard regions of a one-input function `f` as fixed point sets (each a few hundred
/// thousand inputs at most), seeded: the neighbours of its thresholds (overflow, underflow,
/// saturation, the reduction's switch points and table nodes), of its exact points (powers of
/// two and ten, integers and half-integers, exact cubes, ±1) and of `MAX` and the smallest
/// subnormal, dense uniform and log-uniform ranges where it cancels or is steep, and its
/// known hard cases (the double closest to a multiple of pi/2). The accuracy tests check
/// every function on these; `simdmath ulp`'s hard set adds them to [`hard`]'s random draws.
/// `sincos` has `sin`'s (and `cos`'s: the same set).
///
/// Every registered function has an arm here (the `match` is exhaustive: a new one-input
/// function does not compile without its regions). A few values go through the system
/// libm (`powf`, `exp2`), so they may differ in the last bit between machines.
///
/// # Panics
/// For a two-input function (its hard regions are [`hard_pairs`]).
///
/// ```
/// use simdmath::{Func, ulp::inputs};
/// let v: Vec<f64> = inputs::hard_regions(Func::Log, 1);
/// assert!(v.contains(&1.0) && v.contains(&f64::MAX) && v.contains(&f64::from_bits(1)));
/// assert_eq!(v, inputs::hard_regions::<f64>(Func::Log, 1)); // seeded
/// let s: Vec<f32> = inputs::hard_regions(Func::Sincos, 1);
/// assert_eq!(s, inputs::hard_regions::<f32>(Func::Sin, 1));
/// ```
pub fn hard_regions<T: Float>(f: Func, seed: u64) -> Vec<T> {
    let f64mode = T::BITS == 64;
    let c = |x: f64| T::narrow(x);
    let mut v: Vec<T> = Vec::new();
    match f {
        Func::Exp => {
            let (ovf, min_norm, zero, lo, hi) = if f64mode {
                (
                    709.782712893384,
                    -708.3964185322641,
                    -745.1332191019411,
                    -746.0,
                    710.0,
                )
            } else {
                (88.72284, -87.33655, -103.97208, -104.0, 89.0)
            };
            for x in [ovf, min_norm, zero, -ovf, 0.0] {
                v.extend(around(c(x), 2000));
            }
            v.extend(uniform::<T>(1 << 15, lo, hi, seed));
            v.extend(uniform::<T>(1 << 14, zero - 0.5, min_norm + 0.5, seed + 1)); // subnormal results
            v.extend(uniform::<T>(1 << 13, -1e-6, 1e-6, seed + 2));
            for k in -1100i32..1100 {
                v.extend(around(c(k as f64 * std::f64::consts::LN_2), 2));
                v.extend(around(c((k as f64 + 0.5) * std::f64::consts::LN_2), 2));
            }
        }
        Func::Log => {
            v.extend(around(c(1.0), 3000));
            v.extend(uniform::<T>(1 << 14, 0.5, 2.0, seed));
            // Subnormals: random mantissas with a zero exponent field.
            let mut r = SplitMix(seed + 3);
            let mant = if f64mode {
                (1u64 << 52) - 1
            } else {
                (1u64 << 23) - 1
            };
            v.extend((0..(1 << 14)).map(|_| T::from_bits(r.next_u64() & mant)));
            v.extend(around(T::from_bits(1), 100));
            v.extend(near_max::<T>(1.0, 1000));
            for e in -1074..1024 {
                v.extend(around(c(2f64.powi(e)), 2));
            }
            v.extend(around(c(std::f64::consts::E), 100));
        }
        Func::Sin | Func::Cos | Func::Tan | Func::Sincos => {
            let half_pi = std::f64::consts::FRAC_PI_2;
            // Floats nearest k*pi/2, for small k densely and large k sparsely.
            for k in 1..20_000i64 {
                v.extend(around(c(k as f64 * half_pi), 2));
            }
            let mut r = SplitMix(seed + 4);
            for _ in 0..20_000 {
                let k = (r.next_u64() >> 12) as f64; // up to 2^52
                let x = c(k * half_pi);
                v.extend(around(x, 1));
            }
            // Small arguments, subnormals.
            v.extend(uniform::<T>(1 << 13, -1e-5, 1e-5, seed + 5));
            v.extend(around(T::from_bits(1), 50));
            v.extend(uniform::<T>(1 << 14, -10.0, 10.0, seed + 6));
            // From 1e6 up to MAX, log-uniform, both signs.
            let top = if f64mode { 308.0 } else { 38.0 };
            v.extend(signed_draws::<T>(&mut r, 1 << 14, |u| {
                10f64.powf(6.0 + (top - 6.0) * u)
            }));
            v.extend(near_max::<T>(1.0, 50));
            // Known hard cases: the double closest to a multiple of pi/2 (Muller), 2^1023, 1e22.
            if f64mode {
                v.extend(around(c(6381956970095103.0 * 2f64.powi(797)), 3));
                v.extend(around(c(2f64.powi(1023)), 3));
                v.extend(around(c(1e22), 3));
            }
            // The fast/slow reduction boundaries.
            for b in [1048576.0, 268435456.0] {
                v.extend(around(c(b), 20));
                v.extend(around(c(-b), 20));
            }
        }
        Func::Sinpi | Func::Cospi => {
            // Integers and half-integers (exact zeros and ±1) and their neighbours, quarters,
            // tiny arguments, and every size up to beyond 2^52 (all integers there).
            for k in -4000i64..4000 {
                v.extend(around(c(k as f64 * 0.5), 3));
                v.extend(around(c(k as f64 * 0.25), 1));
            }
            v.extend(uniform::<T>(1 << 14, -10.0, 10.0, seed + 7));
            v.extend(uniform::<T>(1 << 12, -1e-6, 1e-6, seed + 8));
            v.extend(around(T::from_bits(1), 20));
            let mut r = SplitMix(seed + 9);
            let top = if f64mode { 60.0 } else { 30.0 };
            for _ in 0..(1 << 14) {
                let e = top * r.unit();
                let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
                v.extend(around(c(s * e.exp2()), 1));
            }
            for e in [23, 24, 25, 51, 52, 53] {
                v.extend(around(c(2f64.powi(e)), 5));
                v.extend(around(c(-(2f64.powi(e))), 5));
            }
        }
        Func::Exp2 | Func::Exp10 => {
            // (overflow above, results +0 below, results subnormal below, clamp lo, clamp hi)
            let (ovf, zero, min_norm, int_lo, int_hi) = match (f, f64mode) {
                (Func::Exp2, true) => (1024.0, -1075.0, -1022.0, -1080, 1030),
                (Func::Exp2, false) => (128.0, -150.0, -126.0, -155, 135),
                (_, true) => (
                    308.25471555991675,
                    -323.6072453387798,
                    -307.6526555685888,
                    -330,
                    315,
                ),
                (_, false) => (38.53184, -45.1545, -37.92978, -50, 45),
            };
            for x in [ovf, min_norm, zero, 0.0] {
                v.extend(around(c(x), 2000));
            }
            v.extend(uniform::<T>(1 << 15, zero - 1.0, ovf + 1.0, seed));
            v.extend(uniform::<T>(1 << 14, zero, min_norm, seed + 1)); // subnormal results
            v.extend(uniform::<T>(1 << 13, -1e-6, 1e-6, seed + 2));
            // Integers (exact powers of two; exact powers of ten up to 10^22 / 10^10) and
            // their neighbours, and the halves.
            for k in int_lo..int_hi {
                v.extend(around(c(k as f64), 3));
                v.extend(around(c(k as f64 + 0.5), 1));
            }
            // Near the table's nodes j/16 (exp2) or j*log10(2)/16 (exp10).
            let node = if f == Func::Exp2 {
                1.0 / 16.0
            } else {
                std::f64::consts::LOG10_2 / 16.0
            };
            for k in -400i32..400 {
                v.extend(around(c(k as f64 * node), 2));
                v.extend(around(c((k as f64 + 0.5) * node), 2));
            }
        }
        Func::Expm1 => {
            let (ovf, sat) = if f64mode {
                (709.782712893384, -37.42994775023705)
            } else {
                (88.72284, -17.32868)
            };
            for x in [ovf, sat, 0.0] {
                v.extend(around(c(x), 2000));
            }
            // |x| from 2^-60 to 1, log-uniform, both signs: where e^x - 1 cancels.
            let mut r = SplitMix(seed + 7);
            v.extend(signed_draws::<T>(&mut r, 1 << 15, |u| 2f64.powf(-60.0 * u)));
            v.extend(uniform::<T>(1 << 14, -1.0, 1.0, seed));
            v.extend(uniform::<T>(1 << 14, -40.0, 710.0, seed + 1));
            v.extend(around(T::from_bits(1), 50));
            // Near k*ln2/16 and (k + 1/2)*ln2/16, the reduction's switch points.
            for k in -600i32..600 {
                let l = std::f64::consts::LN_2 / 16.0;
                v.extend(around(c(k as f64 * l), 2));
                v.extend(around(c((k as f64 + 0.5) * l), 2));
            }
        }
        Func::Sinh | Func::Cosh => {
            let ovf = if f64mode {
                710.4758600739439
            } else {
                89.4159862922329
            };
            for x in [ovf, -ovf, 0.25, -0.25, 1.0 / 4096.0, -1.0 / 4096.0, 0.0] {
                v.extend(around(c(x), 2000));
            }
            let mut r = SplitMix(seed + 8);
            v.extend(signed_draws::<T>(&mut r, 1 << 14, |u| 2f64.powf(-60.0 * u)));
            v.extend(around(T::from_bits(1), 50));
            v.extend(around(c(-T::from_bits(1).widen()), 50));
            v.extend(uniform::<T>(1 << 14, -1.0, 1.0, seed));
            v.extend(uniform::<T>(1 << 14, -20.0, 20.0, seed + 1));
            v.extend(uniform::<T>(1 << 14, -ovf - 2.0, ovf + 2.0, seed + 2));
            for k in -600i32..600 {
                let l = std::f64::consts::LN_2 / 16.0;
                v.extend(around(c(k as f64 * l), 2));
                v.extend(around(c((k as f64 + 0.5) * l), 2));
            }
        }
        Func::Tanh => {
            let sat = if f64mode {
                19.061547465398498
            } else {
                9.010913347279288
            };
            // The kernels' seams: the polynomial's end (0.55) and the clamp past which the
            // result is the clamp's own (8.625 f32, 18.625 f64).
            let clamp = if f64mode { 18.625 } else { 8.625 };
            for x in [sat, -sat, 0.0, 0.55, -0.55, clamp, -clamp] {
                v.extend(around(c(x), 2000));
            }
            let mut r = SplitMix(seed + 9);
            v.extend(signed_draws::<T>(&mut r, 1 << 15, |u| {
                2f64.powf(-60.0 * u + 5.0)
            }));
            v.extend(around(T::from_bits(1), 50));
            v.extend(around(c(-T::from_bits(1).widen()), 50));
            v.extend(uniform::<T>(1 << 14, -1.0, 1.0, seed));
            v.extend(uniform::<T>(1 << 14, -sat - 2.0, sat + 2.0, seed + 1));
            v.extend(uniform::<T>(1 << 13, sat - 3.0, sat + 1.0, seed + 2));
        }
        Func::Log2 | Func::Log10 => {
            v.extend(around(c(1.0), 3000));
            v.extend(uniform::<T>(1 << 14, 0.5, 2.0, seed));
            let mut r = SplitMix(seed + 7);
            v.extend((0..(1 << 14)).map(|_| T::from_bits(r.next_u64() & mant_mask::<T>())));
            v.extend(around(T::from_bits(1), 100));
            v.extend(near_max::<T>(1.0, 1000));
            // Exact powers of two and of ten (log2(2^k) = k, log10(10^k) = k) and neighbours.
            for e in -1074..1024 {
                v.extend(around(c(pow2(e)), 2));
            }
            for k in -323..=308 {
                v.extend(around(c(format!("1e{k}").parse().unwrap()), 2));
            }
            // Every exponent, random mantissas.
            for e in -1022..1024 {
                v.push(c(2f64.powi(e) * (1.0 + r.unit())));
            }
        }
        Func::Log1p => {
            // Near 0 (both signs, down to the subnormals) and near -1 (from above).
            v.extend(around(c(0.0), 2000));
            v.extend(uniform::<T>(1 << 13, -1e-6, 1e-6, seed));
            v.extend(log_uniform::<T>(1 << 14, -70.0, 0.0, true, seed + 8));
            v.extend(
                around(c(-1.0), 3000)
                    .into_iter()
                    .filter(|x| x.widen() >= -1.0),
            );
            v.extend(uniform::<T>(1 << 14, -0.9, 10.0, seed + 9));
            v.extend(uniform::<T>(1 << 12, -1.0, -0.9, seed + 10));
            // 2^k - 1 (1 + x a power of two) and the switch at 2^-27.
            for e in -60..1024 {
                v.extend(around(c(2f64.powi(e) - 1.0), 2));
            }
            v.extend(around(c(7.450580596923828e-9), 20));
            v.extend(around(c(-7.450580596923828e-9), 20));
            v.extend(log_uniform::<T>(1 << 13, 0.0, 1023.9, false, seed + 11));
            v.extend(near_max::<T>(1.0, 100));
        }
        Func::Asinh => {
            v.extend(uniform::<T>(1 << 14, -2.0, 2.0, seed));
            v.extend(log_uniform::<T>(1 << 14, -70.0, 1023.9, true, seed + 12));
            v.extend(around(c(0.0), 200));
            // The switches at 2^-26 and 2^28.
            for b in [1.4901161193847656e-8, 268435456.0] {
                v.extend(around(c(b), 50));
                v.extend(around(c(-b), 50));
            }
            v.extend(near_max::<T>(1.0, 100));
            v.extend(near_max::<T>(-1.0, 100));
        }
        Func::Acosh => {
            v.extend(
                around(c(1.0), 5000)
                    .into_iter()
                    .filter(|x| x.widen() >= 1.0),
            );
            v.extend(uniform::<T>(1 << 14, 1.0, 2.0, seed));
            v.extend(uniform::<T>(1 << 12, 0.0, 1.0, seed + 13)); // NaN
            let mut r = SplitMix(seed + 14);
            for _ in 0..(1 << 14) {
                v.push(c(1.0 + (-60.0 * r.unit()).exp2()));
            }
            v.extend(around(c(268435456.0), 50));
            v.extend(log_uniform::<T>(1 << 14, 0.0, 1023.9, false, seed + 15));
            v.extend(near_max::<T>(1.0, 100));
        }
        Func::Atanh => {
            v.extend(around(c(1.0), 3000));
            v.extend(around(c(-1.0), 3000));
            v.extend(uniform::<T>(1 << 15, -1.0, 1.0, seed));
            v.extend(log_uniform::<T>(1 << 14, -70.0, 0.0, true, seed + 16));
            let mut r = SplitMix(seed + 17);
            for _ in 0..(1 << 14) {
                let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
                v.push(c(s * (1.0 - (-54.0 * r.unit()).exp2())));
            }
            v.extend(around(c(0.0), 200));
            v.extend(around(c(1.4901161193847656e-8), 50));
            v.extend(around(c(0.5), 50));
        }
        Func::Cbrt => {
            // Exact cubes (integers and dyadic numbers) and their neighbours, both signs.
            for k in 1..(1 << 14) {
                let k3 = (k as f64).powi(3);
                v.extend(around(c(k3), 1));
                v.extend(around(c(-k3), 1));
            }
            for j in -40..40 {
                for k in 1..64 {
                    v.extend(around(c((k as f64 * 2f64.powi(j)).powi(3)), 1));
                }
            }
            let mut r = SplitMix(seed + 18);
            v.extend((0..(1 << 14)).map(|_| T::from_bits(r.next_u64() & mant_mask::<T>())));
            let sign = 1u64 << (T::BITS - 1);
            v.extend(
                (0..(1 << 12)).map(|_| T::from_bits(sign | (r.next_u64() & mant_mask::<T>()))),
            );
            v.extend(around(T::from_bits(1), 100));
            for e in -1074..1024 {
                v.extend(around(c(pow2(e)), 2));
                v.extend(around(c(-pow2(e)), 1));
            }
            v.extend(uniform::<T>(1 << 14, -10.0, 10.0, seed));
            v.extend(near_max::<T>(1.0, 100));
        }
        Func::Atan => {
            let mut r = SplitMix(seed + 7);
            for x in [1.0, -1.0] {
                v.extend(around(c(x), 2000));
            }
            // The table's subinterval ends (2^k, 1.5*2^k) and the ends of the table (2^-4, 2^4).
            for k in -4..=4 {
                for m in [1.0, 1.5, -1.0, -1.5] {
                    v.extend(around(c(m * 2f64.powi(k)), 200));
                }
            }
            v.extend(uniform::<T>(1 << 15, -20.0, 20.0, seed));
            v.extend(uniform::<T>(1 << 13, -1e-5, 1e-5, seed + 1));
            v.extend(around(T::from_bits(1), 50));
            // Huge arguments, log-uniform up to MAX, both signs.
            let top = if f64mode { 308.0 } else { 38.0 };
            v.extend(signed_draws::<T>(&mut r, 1 << 14, |u| {
                10f64.powf(1.0 + (top - 1.0) * u)
            }));
            v.extend(near_max::<T>(1.0, 50));
        }
        Func::Asin | Func::Acos => {
            for x in [1.0, -1.0] {
                v.extend(
                    around(c(x), 3000)
                        .into_iter()
                        .filter(|y| y.widen().abs() <= 1.0),
                );
            }
            for x in [0.5, -0.5] {
                v.extend(around(c(x), 2000));
            }
            v.extend(uniform::<T>(1 << 16, -1.0, 1.0, seed));
            v.extend(uniform::<T>(1 << 13, -1e-5, 1e-5, seed + 1));
            v.extend(uniform::<T>(1 << 13, 0.999, 1.0, seed + 2));
            v.extend(uniform::<T>(1 << 13, -1.0, -0.999, seed + 3));
            v.extend(around(T::from_bits(1), 50));
        }
        Func::Pow | Func::Atan2 | Func::Hypot => {
            panic!("{f} takes two inputs: its hard regions are hard_pairs")
        }
    }
    v
}

/// `n` values `±g(u)`: for each, `u` uniform in `[0, 1)` and then the sign, drawn from `r`.
fn signed_draws<T: Float>(r: &mut SplitMix, n: usize, g: impl Fn(f64) -> f64) -> Vec<T> {
    (0..n)
        .map(|_| {
            let u = r.unit();
            let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
            T::narrow(s * g(u))
        })
        .collect()
}

/// `sign * MAX` of `T` and the `k` representable values on each side of it (the ones above
/// are `sign * inf`).
fn near_max<T: Float>(sign: f64, k: i64) -> Vec<T> {
    around(T::narrow(sign * max_of::<T>()), k)
        .into_iter()
        .filter(|x| !is_nan(*x))
        .collect()
}

/// The largest finite value of `T`, as `f64`.
fn max_of<T: Float>() -> f64 {
    if T::BITS == 64 {
        f64::MAX
    } else {
        f32::MAX as f64
    }
}

/// The mask of the mantissa bits of `T` (random subnormals).
fn mant_mask<T: Float>() -> u64 {
    (1u64 << T::MANT) - 1
}

/// `n` values `±2^u`, `u` uniform in `[lo, hi]` (random signs if `signed`), rounded to `T`.
fn log_uniform<T: Float>(n: usize, lo: f64, hi: f64, signed: bool, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed);
    (0..n)
        .map(|_| {
            let s = if signed && r.next_u64() & 1 == 1 {
                -1.0
            } else {
                1.0
            };
            T::narrow(s * (lo + (hi - lo) * r.unit()).exp2())
        })
        .collect()
}

/// `n` random pairs for a two-input function: half with both inputs random bit patterns
/// (every exponent and sign), half with `x` log-uniform over every positive exponent and `y`
/// uniform in `[-64, 64]` (results mostly finite).
///
/// ```
/// let (x, y): (Vec<f64>, Vec<f64>) = simdmath::ulp::inputs::random_pairs(1000, 3);
/// assert_eq!((x.len(), y.len()), (1000, 1000));
/// ```
pub fn random_pairs<T: Float>(n: usize, seed: u64) -> (Vec<T>, Vec<T>) {
    let mut r = SplitMix(seed ^ 0x9a11_5eed);
    let emin = (T::EMIN - T::MANT as i32) as f64;
    let emax = T::EMAX as f64 + 0.999;
    (0..n)
        .map(|i| {
            if i % 2 == 0 {
                let a = T::from_bits(r.next_u64() >> (64 - T::BITS));
                (a, T::from_bits(r.next_u64() >> (64 - T::BITS)))
            } else {
                let x = (emin + (emax - emin) * r.unit()).cr_exp2();
                (T::narrow(x), T::narrow(128.0 * r.unit() - 64.0))
            }
        })
        .unzip()
}

/// `n` pairs from the hard regions of a two-input function, seeded. `pow`: `x` near 1
/// (`1 ± 2^-k`) with large `|y|`, results near the overflow and underflow thresholds,
/// negative `x` with integer `y` (odd and even), huge and tiny `|y|`, subnormal `x`, small
/// integer powers (exact results). `hypot`: both arguments huge (squares overflow) or tiny
/// and subnormal (squares underflow), one argument zero, very different magnitudes, nearly
/// equal magnitudes, Pythagorean triples (exact results), moderate values, all signs.
/// `atan2` (first input `y`): all four quadrants, near the axes (`|y/x|` down to underflow)
/// and `|y/x|` overflowing, both inputs subnormal or huge, `|y| ~ |x|`, `x < 0` with small
/// `|y/x|` (results near ±pi).
///
/// # Panics
/// For a one-input function or a two-input function without hard regions.
///
/// ```
/// let (x, y): (Vec<f32>, Vec<f32>) = simdmath::ulp::inputs::hard_pairs(simdmath::Func::Pow, 500, 1);
/// assert!(x.iter().any(|v| (v - 1.0).abs() < 1e-3));
/// ```
pub fn hard_pairs<T: Float>(f: Func, n: usize, seed: u64) -> (Vec<T>, Vec<T>) {
    match f {
        Func::Pow => pow_hard_pairs(n, seed),
        Func::Hypot => hypot_hard_pairs(n, seed),
        Func::Atan2 => atan2_hard_pairs(n, seed),
        _ => panic!("no hard pairs for {f}"),
    }
}

/// The hard pairs of `atan2` (see [`hard_pairs`]); the first vector is `y`.
fn atan2_hard_pairs<T: Float>(n: usize, seed: u64) -> (Vec<T>, Vec<T>) {
    let mut r = SplitMix(seed ^ 0xa7a2_0000);
    let emax = T::EMAX as f64 + 0.999;
    let emin_sub = (T::EMIN - T::MANT as i32) as f64;
    let span = emax - emin_sub;
    let mut ys = Vec::with_capacity(n);
    let mut xs = Vec::with_capacity(n);
    while ys.len() < n {
        let u = r.unit();
        let sx = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
        let sy = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
        let pow = |r: &mut SplitMix, lo: f64, hi: f64| (lo + (hi - lo) * r.unit()).cr_exp2();
        let (y, x): (f64, f64) = match r.below(7) {
            0 => (20.0 * u - 10.0, 20.0 * r.unit() - 10.0),
            1 => {
                // Near the x axis, down to underflowing ratios.
                let x = pow(&mut r, -100.0, 100.0);
                (x * pow(&mut r, -span, 0.0), x)
            }
            2 => {
                // Near the y axis: y/x overflowing.
                let y = pow(&mut r, -100.0, emax);
                (y, y * pow(&mut r, -span, 0.0))
            }
            3 => {
                let hi = T::EMIN as f64 + 4.0;
                (pow(&mut r, emin_sub, hi), pow(&mut r, emin_sub, hi))
            }
            4 => (pow(&mut r, emax - 8.0, emax), pow(&mut r, emax - 8.0, emax)),
            5 => {
                let x = pow(&mut r, -60.0, 60.0);
                (
                    x * (1.0 + (2.0 * u - 1.0) * pow(&mut r, -(T::MANT as f64) - 2.0, -1.0)),
                    x,
                )
            }
            _ => {
                // x < 0, |y/x| small: results near ±pi.
                let x = pow(&mut r, -60.0, 60.0);
                (x * pow(&mut r, -60.0, -1.0), -x)
            }
        };
        ys.push(T::narrow((sy * y).clamp(-f64::MAX, f64::MAX)));
        xs.push(T::narrow((sx * x).clamp(-f64::MAX, f64::MAX)));
    }
    (ys, xs)
}

/// The hard pairs of `hypot` (see [`hard_pairs`]).
fn hypot_hard_pairs<T: Float>(n: usize, seed: u64) -> (Vec<T>, Vec<T>) {
    let mut r = SplitMix(seed ^ 0x4a90_7000);
    let emax = T::EMAX as f64 + 0.999;
    let emin_sub = (T::EMIN - T::MANT as i32) as f64;
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    while xs.len() < n {
        let u = r.unit();
        let sx = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
        let sy = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
        let pow = |r: &mut SplitMix, lo: f64, hi: f64| (lo + (hi - lo) * r.unit()).cr_exp2();
        let (x, y): (f64, f64) = match r.below(7) {
            0 => (
                pow(&mut r, emax - 40.0, emax),
                pow(&mut r, emax - 40.0, emax),
            ),
            1 => {
                let lo = emin_sub;
                let hi = T::EMIN as f64 + 30.0;
                (pow(&mut r, lo, hi), pow(&mut r, lo, hi))
            }
            2 => (pow(&mut r, emin_sub, emax), 0.0),
            3 => {
                let x = pow(&mut r, -200.0, 200.0);
                (x, x * pow(&mut r, -70.0, 0.0))
            }
            4 => {
                let x = pow(&mut r, -100.0, 100.0);
                (x, x * (1.0 + (2.0 * u - 1.0) * pow(&mut r, -30.0, -1.0)))
            }
            5 => {
                let k = (r.below(1 << 20) + 1) as f64;
                let (a, b) = [(3.0, 4.0), (5.0, 12.0), (8.0, 15.0), (20.0, 21.0)][r.below(4)];
                (a * k, b * k)
            }
            _ => (20.0 * u - 10.0, 20.0 * r.unit() - 10.0),
        };
        let (x, y) = if r.next_u64() & 1 == 0 {
            (x, y)
        } else {
            (y, x)
        };
        xs.push(T::narrow((sx * x).clamp(-f64::MAX, f64::MAX)));
        ys.push(T::narrow((sy * y).clamp(-f64::MAX, f64::MAX)));
    }
    (xs, ys)
}

/// The hard pairs of `pow` (see [`hard_pairs`]).
fn pow_hard_pairs<T: Float>(n: usize, seed: u64) -> (Vec<T>, Vec<T>) {
    let mut r = SplitMix(seed ^ 0x0b0e_2000);
    let mant = T::MANT as f64;
    let (max_ln, min_ln) = if T::BITS == 64 {
        (709.782712893384, -745.1332191019412)
    } else {
        (88.72284, -103.97208)
    };
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    while xs.len() < n {
        let u = r.unit();
        let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
        let (x, y): (f64, f64) = match r.below(7) {
            0 => {
                // x = 1 ± 2^-k, y large: y*log(x) moderate.
                let k = 1.0 + (mant + 8.0) * r.unit();
                let x = 1.0 + s * (-k).cr_exp2();
                (x, (2.0 * u - 1.0) * (k + 6.0).cr_exp2())
            }
            1 => {
                // Results near overflow / underflow: y = (threshold ± small) / ln(x).
                let x = (0.5 + 4.0 * u) * if r.next_u64() & 1 == 0 { 1.0 } else { 1e3 };
                let t = if s > 0.0 { max_ln } else { min_ln };
                let x = if x == 1.0 { 2.0 } else { x };
                (x, (t + 2.0 * r.unit() - 1.0) / x.cr_ln())
            }
            2 => {
                // Negative x with integer y (odd and even).
                let x = -(0.25 + 4.0 * u);
                (x, (r.below(120) as f64) - 60.0)
            }
            3 => {
                // Huge and tiny |y|.
                let e = if r.next_u64() & 1 == 0 {
                    30.0 + 300.0 * r.unit()
                } else {
                    -300.0 * r.unit() - 1.0
                };
                (0.5 + 1.5 * u, s * e.cr_exp2())
            }
            4 => {
                // Subnormal x.
                let e = T::EMIN as f64 - mant * r.unit();
                (e.cr_exp2(), s * (0.01 + r.unit()))
            }
            5 => {
                // Small integer powers of small integers: exact results.
                ((r.below(20) as f64 + 1.0) * s, r.below(30) as f64)
            }
            _ => {
                // Powers of two with integer and half-integer y.
                let k = r.below(40) as f64 - 20.0;
                (k.cr_exp2(), (r.below(60) as f64 - 30.0) * 0.5)
            }
        };
        let (x, y) = (
            T::narrow(x.clamp(-f64::MAX, f64::MAX)),
            T::narrow(y.clamp(-f64::MAX, f64::MAX)),
        );
        xs.push(x);
        ys.push(y);
    }
    (xs, ys)
}

/// The special pairs of a two-input function, whose results must match libm bit for bit: for
/// `pow` the cross product of the special bases and exponents of C99 Annex F (`±0`, `±1`,
/// `±inf`, NaN, negative bases, odd and even integers, non-integers, huge exponents); for
/// `hypot` and `atan2` the cross product of `±0`, `±inf`, NaN, `±MAX`, subnormals and small
/// values (for `atan2` the first vector is `y`). Each also pairs a signaling NaN (either
/// sign) with every value of the other list, both ways round: `pow(sNaN, 0)`, `pow(1, sNaN)`
/// and `hypot(inf, sNaN)` are NaN in glibc, where a quiet NaN gives 1 or `inf`.
///
/// # Panics
/// For a one-input function or a two-input function without special pairs.
///
/// ```
/// let (x, y): (Vec<f64>, Vec<f64>) = simdmath::ulp::inputs::special_pairs(simdmath::Func::Pow);
/// assert!(x.iter().zip(&y).any(|(a, b)| a.is_nan() && *b == 0.0));
/// // A signaling NaN (quiet bit clear) with 1 as the base.
/// assert!(x.iter().zip(&y).any(|(a, b)| *a == 1.0 && b.is_nan() && b.to_bits() & (1 << 51) == 0));
/// ```
pub fn special_pairs<T: Float>(f: Func) -> (Vec<T>, Vec<T>) {
    let (mut xs, mut ys) = special_pairs_quiet::<T>(f);
    // Signaling NaNs of either sign beside every other value, both ways round (built from
    // bits: a conversion from `f64` would quieten them).
    let snan_bits = if T::BITS == 64 {
        0x7ff4_0000_0000_0000
    } else {
        0x7fa0_0000
    };
    let sign = 1u64 << (T::BITS - 1);
    let mut others: Vec<T> = xs.iter().chain(&ys).copied().collect();
    others.sort_by_key(|v| v.bits());
    others.dedup_by_key(|v| v.bits());
    for s in [T::from_bits(snan_bits), T::from_bits(snan_bits | sign)] {
        for &o in others.iter().chain([&s]) {
            xs.push(s);
            ys.push(o);
            xs.push(o);
            ys.push(s);
        }
    }
    (xs, ys)
}

/// [`special_pairs`] without the signaling NaNs.
fn special_pairs_quiet<T: Float>(f: Func) -> (Vec<T>, Vec<T>) {
    match f {
        Func::Pow => pow_special_pairs(),
        Func::Hypot | Func::Atan2 => {
            let inf = f64::INFINITY;
            let v = [
                0.0,
                -0.0,
                inf,
                -inf,
                f64::NAN,
                -f64::NAN,
                1.0,
                -1.0,
                3.0,
                -4.0,
                f64::MAX,
                -f64::MAX,
                1e-310,
                -5e-324,
                1e-40,
                1e300,
                3e38,
            ];
            let mut xs = Vec::new();
            let mut ys = Vec::new();
            for &a in &v {
                for &b in &v {
                    xs.push(T::narrow(a));
                    ys.push(T::narrow(b));
                }
            }
            (xs, ys)
        }
        _ => panic!("no special pairs for {f}"),
    }
}

/// The special pairs of `pow` (see [`special_pairs`]).
fn pow_special_pairs<T: Float>() -> (Vec<T>, Vec<T>) {
    let inf = f64::INFINITY;
    let bases = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        -0.5,
        2.0,
        -2.0,
        -3.0,
        inf,
        -inf,
        f64::NAN,
        1e-310,
        -1e-310,
        f64::MAX,
        -f64::MAX,
        1e300,
    ];
    let exps = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        2.0,
        -2.0,
        3.0,
        -3.0,
        0.5,
        -0.5,
        2.5,
        inf,
        -inf,
        f64::NAN,
        1e300,
        -1e300,
        9007199254740993.0,
        16777217.0,
        1025.0,
        -1025.0,
        4503599627370497.0,
    ];
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for &b in &bases {
        for &e in &exps {
            xs.push(T::narrow(b));
            ys.push(T::narrow(e));
        }
    }
    (xs, ys)
}
