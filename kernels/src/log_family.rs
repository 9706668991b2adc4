//! `log2`, `log10` and `log1p` for `f64` and `f32`, and the double-double logarithm they share
//! with `asinh`, `acosh`, `atanh` (`inv_hyperbolic.rs`).
//!
//! # The double-double core (`f64`)
//! **Range reduction** as in `log` ([`crate::log`]): subnormal inputs scaled by `2^54`, then
//! `x = 2^e * (1 + f)` with `1 + f` in `[sqrt(2)/2, sqrt(2))` by integer operations on the bits;
//! `e` and `f` are exact.
//!
//! **`log(1 + f)` as `hi + lo`** ([`log1p_dd_f64`]), fdlibm's form
//! `log(1 + f) = f - f^2/2 + s*(f^2/2 + R(z))`, `s = f/(2 + f)`, `z = s^2`, with `R` the degree-7
//! (in `z`) minimax polynomial of `log` (`LOG_F64_LG`, Sollya, `kernels/gen/coeffs.sollya`;
//! approximation error of `2s + s*R` below `2^-58.4` relative), but kept in double-double:
//! `f^2` is split exactly ([`two_prod`]), `f - f^2/2` exactly ([`fast_two_sum`],
//! `|f| > f^2/2`), so `hi = fl(f - f^2/2)` and `lo` collects the rounding error, the low half of
//! `f^2/2` and `s*(f^2/2 + R)`. The only rounding errors left are in `lo`'s terms, each below
//! `2^-53 |s*(f^2/2 + R)| <= 2^-53 * 0.05 |f|`, and in `s` and `R` (relative `2^-52` of a term
//! below `0.07 |log(1 + f)|`): `hi + lo` is `log(1 + f)` to about `2^-56` relative.
//!
//! **A double-double argument** `y = yh + yl` ([`log_dd_f64`], used by `log1p`, `asinh`,
//! `acosh`, `atanh`): `yh` is reduced as above and `log(y) = e*ln2 + log(1 + f) + c/(1 + f)`
//! with `c = yl*2^-e`, `|c| <= 2^-52`; the last term is `c*(1 - f + f^2 - f^3)` (error
//! `c*f^4/(1 + f) < 2^-57`).
//!
//! **Assembly.** `log_b(x) = e*log_b(2) + (hi + lo)/ln(b)`:
//! - `log2`: `hi*(1/ln2)_hi` split exactly (`two_prod`), the cross terms `hi*(1/ln2)_lo +
//!   lo*(1/ln2)_hi` added to the low part, then `e + ...` by a [`fast_two_sum`]
//!   (`|e| >= 1 > |hi/ln2|` when `e != 0`); the large terms are added last.
//! - `log10`: the same with `1/ln10`, and `e*log10(2)` with `log10(2)_hi` of 42 bits so that
//!   `e*log10(2)_hi` is exact for every exponent (`|e| <= 1128`).
//! - natural log (`log1p` and the inverse hyperbolics): `e*ln2_hi` (32 bits, exact) `+ hi` by
//!   a `fast_two_sum`, `e*ln2_lo + lo` to the low part.
//!
//! The constants (`1/ln2`, `1/ln10`, `log10(2)` as double-doubles) come from Sollya
//! (`kernels/gen/log_family.sollya`, `kernels/src/coeffs_log_family.rs`).
//!
//! **Error bound.** The sum before the last rounding is within about `2^-55` relative of the
//! exact value, so the result is within `0.5 + 2^-2` ulp (in practice `0.5 + 2^-4`): stated at
//! most 1 ulp integer distance from the correctly rounded result on every backend. Exact values
//! are returned exactly: `log2(2^k) = k` (`f = 0`), `log10(10^k) = k` and `log1p(0) = 0` (a
//! real error below 1 ulp leaves no other float to round to).
//!
//! # `log1p`
//! `1 + x = yh + yl` by a [`two_sum`] (exact), then the double-double log above. For
//! `|x| < 2^-27` the result is `x - x^2/2` (the next term, `x^3/3`, is below `2^-54 |x|`); for
//! `-1 < x < inf` `yh >= 2^-53` is normal, so `log1p` needs no subnormal scaling.
//!
//! # `f32`, evaluated in `f64` lanes
//! Each `f32` vector is widened to two `f64` vectors ([`Widen`]) and the `f64` kernel runs on
//! them; the `f64` result is within `0.5 + 2^-2` ulp of `f64`, i.e. `2^-30` ulp of `f32`, so the
//! `f32` result, rounded once more, is correctly rounded except within `2^-30` ulp of a halfway
//! point and at most 1 ulp away everywhere (exhaustive counts in `docs/ACCURACY.md`).
//!
//! **Special values** as libm: `log2(±0) = log10(±0) = -inf`, `log2(1) = log10(1) = +0`,
//! `(+inf) = +inf`, `(x < 0) = NaN`; `log1p(±0) = ±0`, `log1p(-1) = -inf`, `log1p(x < -1) =
//! NaN`, `log1p(+inf) = +inf`; NaN stays NaN.

use crate::coeffs::LOG_F64_LG;
use crate::coeffs_log_family::{INV_LN2_DD, INV_LN10_DD, LOG10_2_DD};
use crate::common::{fast_two_sum, horner, two_prod, two_sum};
use crate::lanes::{Lanes, Widen};
use crate::log::{all_normal, reduce_f64, specials};
use crate::pio2_table::{LN2_F64_HI, LN2_F64_LO};

/// The base of a logarithm (a constant after inlining).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// Natural logarithm.
    E,
    /// `log2`.
    Two,
    /// `log10`.
    Ten,
}

/// `log(1 + f) = hi + lo` for the reduced argument `f` (`1 + f` in `[sqrt(2)/2, sqrt(2)]`), to
/// about `2^-56` relative (see the module docs): `|lo| <= 2^-52 |hi|` roughly, `hi = 0` and
/// `lo = 0` for `f = 0`. A reusable core (pow's `log(x)` in extended precision).
#[inline(always)]
pub(crate) fn log1p_dd_f64<V: Lanes<Scalar = f64>>(f: V) -> (V, V) {
    let half = V::splat(0.5);
    let (p, pe) = two_prod(f, f);
    let hfsq = half * p;
    let s = f / (V::splat(2.0) + f);
    let z = s * s;
    let r = z * horner(z, &LOG_F64_LG);
    // |f| > f^2/2 on the whole range: hi + e1 = f - f^2/2 exactly.
    let (hi, e1) = fast_two_sum(f, -hfsq);
    let lo = s.mul_add(hfsq + r, pe.mul_add(-half, e1));
    (hi, lo)
}

/// `ln(yh + yl) = e*ln2 + hi + lo` for a double-double argument: `yh` positive, normal and
/// finite, `|yl| <= ulp(yh)`; returns `(e, hi, lo)`, `e` integer-valued. The low part enters as
/// `c/(1 + f)`, `c = yl*2^-e` (the scale is clamped at `2^-1022`: for `yh >= 2^1022` the error
/// that leaves, at most `3*2^-53`, is below `2^-62` of the result).
#[inline(always)]
pub(crate) fn log_dd_f64<V: Lanes<Scalar = f64>>(yh: V, yl: V) -> (V, V, V) {
    let (e, f) = reduce_f64(yh);
    let (hi, lo) = log1p_dd_f64(f);
    let c = yl.mul_exp2(-e.min(V::splat(1022.0)));
    let corr = c * horner(f, &[1.0, -1.0, 1.0, -1.0]);
    (e, hi, lo + corr)
}

/// `e*log_b(2) + (hi + lo)/ln(b)`, rounded once at the end (see the module docs); `|hi| <=
/// ln(sqrt(2))` and `e` integer-valued with `|e| < 2^11`.
#[inline(always)]
pub(crate) fn assemble<V: Lanes<Scalar = f64>>(e: V, hi: V, lo: V, base: Base) -> V {
    match base {
        Base::E => {
            let (s, se) = fast_two_sum(e * V::splat(LN2_F64_HI), hi);
            s + e.mul_add(V::splat(LN2_F64_LO), lo + se)
        }
        Base::Two | Base::Ten => {
            let d = if base == Base::Two {
                INV_LN2_DD
            } else {
                INV_LN10_DD
            };
            let (ph, pl) = two_prod(hi, V::splat(d[0]));
            let mut t = hi.mul_add(V::splat(d[1]), lo.mul_add(V::splat(d[0]), pl));
            let eh = if base == Base::Two {
                e
            } else {
                t = e.mul_add(V::splat(LOG10_2_DD[1]), t);
                e * V::splat(LOG10_2_DD[0])
            };
            let (s, se) = fast_two_sum(eh, ph);
            s + (se + t)
        }
    }
}

/// `log_b(x)` for positive normal finite lanes; `e_adjust` is subtracted from the exponent.
#[inline(always)]
fn log_b_core<V: Lanes<Scalar = f64>>(xs: V, e_adjust: Option<V>, base: Base) -> V {
    let (e, f) = reduce_f64(xs);
    let e = e_adjust.map_or(e, |a| e - a);
    let (hi, lo) = log1p_dd_f64(f);
    assemble(e, hi, lo, base)
}

/// `log_b(x)` on every lane, with the subnormal scaling and libm's special values of `log`.
#[inline(always)]
fn log_b_f64<V: Lanes<Scalar = f64>>(x: V, base: Base) -> V {
    let min = V::splat(f64::MIN_POSITIVE);
    if all_normal(x, min) {
        return log_b_core(x, None, base);
    }
    let sub = x.lt(min);
    let xs = V::select(sub, x * V::splat(f64::from_bits(0x4350_0000_0000_0000)), x); // 2^54
    let y = log_b_core(
        xs,
        Some(V::select(sub, V::splat(54.0), V::splat(0.0))),
        base,
    );
    specials(x, y)
}

/// `log2(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log_family::log2_f64;
/// use wide::f64x4;
/// let y = log2_f64(f64x4::from([8.0, 0.0, -1.0, 5e-324])).to_array();
/// assert_eq!(y[0], 3.0);
/// assert_eq!(y[1], f64::NEG_INFINITY);
/// assert!(y[2].is_nan());
/// assert_eq!(y[3], -1074.0);
/// ```
#[inline(always)]
pub fn log2_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    log_b_f64(x, Base::Two)
}

/// `log10(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log_family::log10_f64;
/// use wide::f64x4;
/// let y = log10_f64(f64x4::from([1000.0, 1.0, 1e-300, f64::INFINITY])).to_array();
/// assert_eq!(y, [3.0, 0.0, -300.0, f64::INFINITY]);
/// ```
#[inline(always)]
pub fn log10_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    log_b_f64(x, Base::Ten)
}

/// `log(1 + x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log_family::log1p_f64;
/// use wide::f64x4;
/// let y = log1p_f64(f64x4::from([1e-300, -0.0, -1.0, -2.0])).to_array();
/// assert_eq!(y[0], 1e-300);
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], f64::NEG_INFINITY);
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn log1p_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    // -1 < x < inf (NaN fails): 1 + x >= 2^-53 is normal and finite.
    let ok = (-one).lt(x) & x.lt(inf);
    let all_ok = V::bitmask(ok) == (1u32 << V::LANES) - 1;
    let xc = if all_ok {
        x
    } else {
        V::select(ok, x, V::splat(0.0))
    };
    let (yh, yl) = two_sum(one, xc);
    let (e, hi, lo) = log_dd_f64(yh, yl);
    let y = assemble(e, hi, lo, Base::E);
    // Tiny |x|: x - x^2/2 (keeps the sign of zero and subnormals exact).
    let tiny = xc.abs().lt(V::splat(7.450580596923828e-9)); // 2^-27
    let y = V::select(tiny, (xc * xc).mul_add(V::splat(-0.5), xc), y);
    if all_ok {
        return y;
    }
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.eq(-one), -inf, y);
    let y = V::select(x.lt(-one), V::splat(f64::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// `log2(x)` on every lane of an `f32` vector, evaluated in `f64` lanes.
///
/// ```
/// use simdmath_kernels::log_family::log2_f32;
/// use wide::f32x8;
/// let y = log2_f32(f32x8::from([1.0, 2.0, 0.5, 1024.0, 0.0, -1.0, 1e-45, 3.0])).to_array();
/// assert_eq!(&y[..5], &[0.0, 1.0, -1.0, 10.0, f32::NEG_INFINITY]);
/// assert!(y[5].is_nan());
/// assert_eq!(y[6], -149.0);
/// ```
#[inline(always)]
pub fn log2_f32<V: Widen>(x: V) -> V {
    let (a, b) = x.widen();
    V::narrow(log2_f64(a), log2_f64(b))
}

/// `log10(x)` on every lane of an `f32` vector, evaluated in `f64` lanes.
///
/// ```
/// use simdmath_kernels::log_family::log10_f32;
/// use wide::f32x8;
/// let y = log10_f32(f32x8::from([1.0, 10.0, 100.0, 1e10, 0.1, 1e-5, 0.0, 2.0])).to_array();
/// assert_eq!(&y[..7], &[0.0, 1.0, 2.0, 10.0, -1.0, -5.0, f32::NEG_INFINITY]);
/// ```
#[inline(always)]
pub fn log10_f32<V: Widen>(x: V) -> V {
    let (a, b) = x.widen();
    V::narrow(log10_f64(a), log10_f64(b))
}

/// `log(1 + x)` on every lane of an `f32` vector, evaluated in `f64` lanes.
///
/// ```
/// use simdmath_kernels::log_family::log1p_f32;
/// use wide::f32x8;
/// let y = log1p_f32(f32x8::from([0.0, -0.0, 1e-30, -1.0, -2.0, 1.0, f32::INFINITY, 3.0]));
/// let y = y.to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!((y[2], y[3]), (1e-30, f32::NEG_INFINITY));
/// assert!(y[4].is_nan());
/// assert_eq!((y[5], y[6]), (core::f32::consts::LN_2, f32::INFINITY));
/// ```
#[inline(always)]
pub fn log1p_f32<V: Widen>(x: V) -> V {
    let (a, b) = x.widen();
    V::narrow(log1p_f64(a), log1p_f64(b))
}
