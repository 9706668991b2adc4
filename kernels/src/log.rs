//! `log` (natural logarithm) for `f64` and `f32`: `f64` after fdlibm's `e_log.c`, `f32` by the
//! native `f32` table logarithm of `log_family.rs` (no division).
//!
//! # `f64`
//! **Range reduction.** Subnormal inputs are first scaled by `2^54`. Then
//! `x = 2^e * m` with `m` in `[sqrt(2)/2, sqrt(2))`, obtained with integer operations on the bits
//! (adding `1.0 - sqrt(2)/2` in bit space moves the binade boundary to `sqrt(2)/2`), and
//! `f = m - 1`, `s = f/(2 + f)`, `z = s^2`.
//!
//! **Polynomial.** `log(1 + f) = 2s + s*R(z)` where `R(z) = z*(Lg1 + Lg2*z + ...)` (7
//! coefficients) is a minimax fit on `s` in `[0, 0.1716]` by Sollya's `fpminimax`
//! (`kernels/gen/coeffs.sollya`). As in fdlibm the result is assembled as
//! `e*ln2_hi - ((hfsq - (s*(hfsq + R) + e*ln2_lo)) - f)` with `hfsq = f^2/2`, where `ln2_hi` has
//! 32 significant bits so that `e*ln2_hi` is exact: the large terms are added last.
//!
//! **Error bound.** Stated: at most 1 ulp integer distance from the correctly rounded result
//! on every backend (fdlibm's analysis: below 1 ulp); measured maxima in `docs/ACCURACY.md`.
//!
//! # `f32`, in native `f32` lanes without a division (issue 17)
//! Subnormal inputs are scaled by `2^25`. `x = 2^e m`, `m` in `[0.75, 1.5)`, and `r = m/c - 1`
//! **exact** from the 8-entry `1/c` table of the native `f32` log2 (`logf_reduce`,
//! `LOGF_INVC`, `kernels/gen/f32_log2_table.py`), `r` in `[-1/16, 1/8)`; then `log(x) = T + P`
//! with `T = e LN2_HI + ln(c)_hi` exact (both multiples of `2^-15`, `|T| < 2^7` for `-149 <= e
//! <= 128`) and `P = r + (e LN2_LO + ln(c)_lo + r^2 q(r))`, `q` of degree 5 (Sollya fpminimax,
//! single coefficients, `r + r^2 q` within `2^-31.6` relative of `ln(1 + r)`): the tables and
//! fit of the native `f32` atanh (`LNF_C_HI`, `LNF_C_LO`, `LNF_P`,
//! `kernels/gen/f32_atanh_table.py`). It replaced fdlibm's `e_logf.c` form, whose `f/(2 + f)`
//! division cost as much as the rest (Zen 4, n = 4096, ns/element, avx2 0.77 -> 0.60, avx512
//! 0.34 -> 0.28; docs/PERFORMANCE.md). Until 2026-12-06 the table had 16 entries, `|r| < 1/16`
//! and `q` degree 4; 8 entries take one `vpermps` per table on AVX2 where 16 took two and a
//! select (Zen 3, n = 4096, avx2 0.83 -> 0.64 ns/element).
//!
//! **Error bound**: the case analysis of the native log2 (`log_family.rs`, "`f32`: log2 and
//! log10") with `ln` for `log_b`: `P` within 0.75 ulp(P) of `ln(x) - T` (0.64 where `c !=
//! 1`); `T = 0` (`x` in `[0.9375, 1.125)`): within 0.75 ulp; `e = 0`, `c != 1`: `|ln(m)| >=
//! |P|/2` (checked by the table script), below 1.28 ulp; `e != 0`: `|ln(x)| >= 0.41 ln2`, `|P| <= 0.17 ln2` (`|P| <=
//! 0.09 ln2` unless `T = e ln2`, `|ln(x)| >= 0.83 ln2`), ulp(P) <= ulp(result)/4, below 0.69
//! ulp. Under 1.5 ulp of the exact value, so the result is the correctly rounded one or a
//! neighbour; the exhaustive test of all 2^32 inputs finds at most 1 ulp on every backend and
//! 2,472,265 (0.058 %) not correctly rounded on the FMA backends, 2,474,209 on the portable
//! one (16 entries: 1,448,893 and 1,450,507; fdlibm's
//! form: 13,449,542, 0.31 %). `log(1) = +0` (`r = 0`, `T = 0`).
//!
//! **Fast path.** When every lane of a vector is a positive normal finite number (the usual
//! data), the subnormal scaling and the special-value selects are skipped by one predictable
//! branch; the result bits are the same either way.
//!
//! **Special values** as libm: `log(±0) = -inf`, `log(+inf) = +inf`, `log(x < 0) = NaN`,
//! `log(NaN) = NaN`, `log(1) = +0`.

use crate::coeffs::LOG_F64_LG;
use crate::common::{all_set, horner};
use crate::f32_atanh_table::LNF_P;
use crate::lanes::{Lanes, Scalar, Widen};
use crate::log_family::{LogfReduced, lnf_table_terms, logf_reduce};
use crate::pio2_table::{LN2_F64_HI, LN2_F64_LO};

/// Whether every lane of `x` takes the usual path of [`log_f64`] (and of `log2_f64`,
/// `log10_f64`, whose test it is too): every lane positive, normal and finite. Every result
/// there is a normal number but the exact zero at `x = 1` (`|log(x)| >= 2^-53` elsewhere), which
/// needs no floating-point flag: the checked entry loops skip their test of the results on such
/// a vector (the registry's `usual`; see [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::log::log_f64_usual;
/// use wide::f64x4;
/// assert!(log_f64_usual(f64x4::from([1.0, 2.0, 1e-300, f64::MAX])));
/// assert!(!log_f64_usual(f64x4::from([1.0, 0.0, 2.0, 3.0])));
/// ```
#[inline(always)]
pub fn log_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    x.all_positive_normal()
}

/// `ln(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log::log_f64;
/// use wide::f64x4;
/// let y = log_f64(f64x4::from([1.0, 0.0, -1.0, f64::INFINITY])).to_array();
/// assert_eq!(y[0], 0.0);
/// assert_eq!(y[1], f64::NEG_INFINITY);
/// assert!(y[2].is_nan());
/// assert_eq!(y[3], f64::INFINITY);
/// ```
#[inline(always)]
pub fn log_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let min = V::splat(f64::MIN_POSITIVE);
    if log_f64_usual(x) {
        return log_core_f64(x, None);
    }
    let sub = x.lt(min);
    let xs = V::select(sub, x * V::splat(f64::from_bits(0x4350_0000_0000_0000)), x); // 2^54
    let y = log_core_f64(xs, Some(V::select(sub, V::splat(54.0), V::splat(0.0))));
    specials(x, y)
}

/// `ln(x)` for positive normal finite lanes; `e_adjust` is subtracted from the exponent
/// (the scaling of subnormal inputs).
#[inline(always)]
fn log_core_f64<V: Lanes<Scalar = f64>>(xs: V, e_adjust: Option<V>) -> V {
    let (e, f) = reduce_f64(xs);
    let e = e_adjust.map_or(e, |a| e - a);
    let hfsq = V::splat(0.5) * f * f;
    let s = f / (V::splat(2.0) + f);
    let z = s * s;
    let r = z * horner(z, &LOG_F64_LG);
    e.mul_add(
        V::splat(LN2_F64_HI),
        -((hfsq - s.mul_add(hfsq + r, e * V::splat(LN2_F64_LO))) - f),
    )
}

/// `xs = 2^e * (1 + f)` with `1 + f` in `[sqrt(2)/2, sqrt(2))`, for positive normal finite
/// lanes: `(e, f)`, both exact (`e` an integer-valued float, `f = m - 1` exact by Sterbenz).
/// Shared by the log family (`log_family.rs`).
#[inline(always)]
pub(crate) fn reduce_f64<V: Lanes<Scalar = f64>>(xs: V) -> (V, V) {
    // Bits of sqrt(2)/2 rounded down; adding 1.0 - that in bit space puts m in [sqrt2/2, sqrt2).
    const SQRT_HALF: u64 = 0x3fe6_a09e_667f_3bcd;
    let ix = V::to_bits(xs) + V::splat_bits(0x3ff0_0000_0000_0000 - SQRT_HALF);
    let eb = V::shr(ix, 52);
    let m = V::from_bits((ix & V::splat_bits(0x000f_ffff_ffff_ffff)) + V::splat_bits(SQRT_HALF));
    // Biased exponent -> float without an int conversion: 2^52 + eb, minus 2^52 + 1023.
    let e = V::from_bits(eb | V::splat_bits(0x4330_0000_0000_0000)) - V::splat(4503599627371519.0);
    (e, m - V::splat(1.0))
}

/// Whether every lane of `x` takes the usual path of [`log_f32`] (and of `log2_f32`,
/// `log10_f32`, whose test it is too): every lane positive, normal and finite. Every result
/// there is a normal number but the exact zero at `x = 1` (`|log(x)| >= 2^-24` elsewhere), which
/// needs no floating-point flag: the checked entry loops skip their test of the results on such
/// a vector (the registry's `usual`; see [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::log::log_f32_usual;
/// use wide::f32x8;
/// assert!(log_f32_usual(f32x8::from([1.0, 2.0, 1e-37, f32::MAX, 3.0, 4.0, 5.0, 6.0])));
/// assert!(!log_f32_usual(f32x8::from([1.0, -2.0, 1.0, 1.0, 3.0, 4.0, 5.0, 6.0])));
/// ```
#[inline(always)]
pub fn log_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    x.all_positive_normal()
}

/// `ln(x)` on every lane of an `f32` vector.
///
/// ```
/// use simdmath_kernels::log::log_f32;
/// use wide::f32x8;
/// assert_eq!(log_f32(f32x8::splat(1.0)).to_array(), [0.0; 8]);
/// ```
#[inline(always)]
pub fn log_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let min = V::splat(f32::MIN_POSITIVE);
    if log_f32_usual(x) {
        return log_core_f32(x, None);
    }
    let sub = x.lt(min);
    let xs = V::select(sub, x * V::splat(f32::from_bits(0x4c00_0000)), x); // 2^25
    let y = log_core_f32(xs, Some(V::select(sub, V::splat(25.0), V::splat(0.0))));
    specials(x, y)
}

/// `ln(x)` for positive normal finite `f32` lanes, `e_adjust` subtracted from the exponent:
/// the table logarithm `T + P` of `log_family.rs` (see the module docs, "`f32`").
#[inline(always)]
fn log_core_f32<V: Lanes<Scalar = f32>>(xs: V, e_adjust: Option<V>) -> V {
    let LogfReduced { e, j, r, .. } = logf_reduce(xs);
    let e = e_adjust.map_or(e, |a| e - a);
    let (hi, lo) = lnf_table_terms(e, j);
    hi + (r + (r * r).mul_add(horner(r, &LNF_P), lo))
}

/// True when every lane is a positive normal finite number (`min <= x < inf`; NaN fails both
/// comparisons): then the subnormal scaling and the special-value selects can be skipped, a
/// predictable branch for the usual data that leaves every result bit unchanged (subtracting
/// a zero exponent adjustment and selecting the computed value are identities there).
#[inline(always)]
pub(crate) fn all_normal<V: Lanes>(x: V, min: V) -> bool {
    let ok = min.le(x) & x.lt(V::splat(V::Scalar::INFINITY));
    all_set::<V>(ok)
}

/// libm's special values: `log(±0) = -inf`, `log(x<0) = NaN`, `log(+inf) = +inf`, NaN stays NaN.
#[inline(always)]
pub(crate) fn specials<V: Lanes>(x: V, y: V) -> V {
    let zero = V::splat(V::Scalar::ZERO);
    let inf = V::splat(V::Scalar::INFINITY);
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.eq(zero), -inf, y);
    let y = V::select(x.lt(zero), V::splat(V::Scalar::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// Correctly rounded `log` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// table-driven logarithm of `log_family.rs` without a division (`logw`, base e: 16 intervals,
/// `r = z/c - 1` exact, degree-5 polynomial; relative error below `2^-37`, plus `2^-52`
/// absolute that stays below `2^-44` relative because the interval around 1 has `c = 1` and
/// `log(c) = 0`), with the rounding test at `d = 2^-35`, then, for the vectors with a lane it
/// leaves open (about `2^-10` of lanes), [`log_f64`] with the tier's `2^-50` test and the
/// exceptions list `cr_exceptions::LOG` (derived and checked on all 2^32 inputs by
/// `kernels/gen/cr_exceptions.sh`; counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::log::log_f32_cr;
/// use wide::f32x8;
/// assert_eq!(log_f32_cr(f32x8::splat(1.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn log_f32_cr<V: Widen>(x: V) -> V {
    use crate::log_family::{Base, logw_f64_lanes};
    // f32 subnormals are normal in f64: only x <= 0, inf and NaN need the specials.
    let ok = all_normal(x, V::splat(f32::from_bits(1)));
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            logw_f64_lanes(lo, Base::E, ok),
            logw_f64_lanes(hi, Base::E, ok)
        ),
        crate::common::pow2(-35),
        log_f64,
        crate::cr_exceptions::LOG
    )
}
