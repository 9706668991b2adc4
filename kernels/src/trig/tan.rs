//! `tan` for `f64` and `f32`: the `f64` kernel is [`tan_f64`] (its error analysis is there),
//! on the reduction of [`super::sin_cos`].
//!
//! # `f32` tan, in `f64` lanes sized for `f32`
//! Reduction by `pi/2` as above (`k = round(x*2/pi)` by one FMA, `r = x - k*pi/2` by two FMAs
//! below `2^28`, four exact pieces without FMA, the exact lane reduction beyond; `r` within
//! `2^-50` relative), then `tan x = s/c` for even `k` and `-c/s` for odd `k`, one division, with
//! `s ~ sin(r)` odd of degree 7 (`TAN_S7_F64`, relative `2^-27.97` on `[-pi/4, pi/4]`) and
//! `c ~ cos(r)` even of degree 8 (`TAN_C8_F64`, `2^-33.87`), both by Sollya's `fpminimax`
//! (`kernels/gen/coeffs.sollya`). **Error bound**: the quotient is within `2^-27.97 + 2^-33.87 +`
//! a few `2^-53` (the evaluation, the division and `r`, whose relative error `tan` passes on
//! multiplied by at most `2r/sin 2r <= pi/2`) `< 2^-27.9` relative of `tan(x)`, below `2^-3.9`
//! ulp of `f32`: the `f32` result is within `0.5 + 2^-3.9 < 0.57` ulp, at most 1 ulp from the
//! correctly rounded result. `tan(±0) = ±0` by a select; ±inf and NaN give NaN. The correctly
//! rounded tier's first stage stays [`tan_f64`] (its exceptions list was derived with it).
//!

use super::{FAST_F32_WIDE, any_big, minus_pio2_multiple, reduce_f64};
use crate::coeffs::{COS_F64_C, SIN_F64_S, TAN_C8_F64, TAN_S7_F64};
use crate::common::{fast_two_sum, horner, two_prod};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::reduce::rem_pio2_lanes;

/// `tan(x)` on every lane of an `f64` vector.
///
/// **Reduction** as [`super::sin_cos::sin_f64`] (Cody–Waite below `2^20`, the exact lane reduction beyond):
/// `x = k*pi/2 + r`, `r = hi + lo`, `|r| <= pi/4`. **Evaluation**: `sin(r)` and `cos(r)` by the
/// same polynomials, each kept as a double-double (`s_hi + s_lo`: the last addition of the
/// kernels left unrounded), then `tan x = sin r / cos r` for even `k` and `-cos r / sin r` for
/// odd `k`: one division for the quotient `q0`, its exact residual by FMAs
/// (`num - q0*den` with both double-doubles), and the correction `q0 + residual/den` by the
/// same reciprocal. Error: about `2^-55` relative from the polynomials and the double-double
/// parts, plus the final rounding: stated 1 ulp. `tan(±0) = ±0`, `tan(±inf) = NaN`.
///
/// ```
/// use simdmath_kernels::trig::tan::tan_f64;
/// use wide::f64x4;
/// let y = tan_f64(f64x4::from([0.0, -0.0, 1.0, f64::INFINITY])).to_array();
/// assert_eq!(y[0].to_bits(), 0);
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], 1.0f64.tan());
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn tan_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q) = reduce_f64(x);
    let y = tan_reduced(hi, lo, q);
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `tan(hi + lo + q*pi/2)` for `|hi + lo| <= pi/4` (see [`tan_f64`]).
#[inline(always)]
fn tan_reduced<V: Lanes<Scalar = f64>>(hi: V, lo: V, q: V::Bits) -> V {
    let one = V::splat(1.0);
    let z = hi * hi;
    let hz = V::splat(0.5) * z;
    let w = one - hz;
    // sin(r) = hi + (z*hi*S(z) + lo*w), cos(r) = w + (((1 - w) - hz) + (z^2*C(z) - hi*lo)).
    let s_lo = (z * hi).mul_add(horner(z, &SIN_F64_S), lo * w);
    let (s_hi, s_lo) = fast_two_sum(hi, s_lo);
    let c_lo = ((one - w) - hz) + (z * z).mul_add(horner(z, &COS_F64_C), -(hi * lo));
    let (c_hi, c_lo) = fast_two_sum(w, c_lo);
    let odd = V::bits_eq(q & V::splat_bits(1), V::splat_bits(1));
    // tan = num/den: s/c (even quadrant) or -c/s (odd).
    let (n_hi, n_lo) = (V::select(odd, -c_hi, s_hi), V::select(odd, -c_lo, s_lo));
    let (d_hi, d_lo) = (V::select(odd, s_hi, c_hi), V::select(odd, s_lo, c_lo));
    let rd = one / (d_hi + d_lo);
    let q0 = (n_hi + n_lo) * rd;
    // Residual num - q0*den with the product's rounding error kept (FMA or Dekker).
    let (p, pe) = two_prod(q0, d_hi);
    let res = ((n_hi - p) - pe) + q0.mul_add(-d_lo, n_lo);
    res.mul_add(rd, q0)
}

/// `tan(x)` on every lane of an `f32` vector, evaluated in `f64` lanes with polynomials sized
/// for `f32` (see the module docs, "`f32` tan").
///
/// ```
/// use simdmath_kernels::trig::tan::tan_f32;
/// use wide::f32x8;
/// let y = tan_f32(f32x8::from([0.0, -0.0, 1.0, 1e4, 1e38, -0.5, 0.785, f32::NAN])).to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[2], 1.0f32.tan());
/// assert!(y[7].is_nan());
/// ```
#[inline(always)]
pub fn tan_f32<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    let y = V::narrow(tan_wide(a, big), tan_wide(b, big));
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `tan(x)` of `f32` values held exactly in `f64` lanes: `x = k*pi/2 + r`, `|r| <= pi/4` (a few
/// ulps more where `k` was rounded from a rounded quotient), by the same two FMAs (or four exact
/// pieces without FMA) as [`sin_wide`] with `j = k`, the exact lane reduction for `|x| >= 2^28`;
/// then `s/c` (even `k`) or `-c/s` (odd `k`) with `s ~ sin(r)` of degree 7 ([`TAN_S7_F64`]) and
/// `c ~ cos(r)` of degree 8 ([`TAN_C8_F64`]): one division.
#[inline(always)]
fn tan_wide<W: Lanes<Scalar = f64>>(x: W, any_big: bool) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    // k = round(x * 2/pi) from one rounding of x*(2/pi) + magic; its parity is tk's last bit.
    let tk = x.mul_add(W::splat(core::f64::consts::FRAC_2_PI), magic);
    let k = tk - magic;
    let r = minus_pio2_multiple::<W, false>(x, k);
    let q = W::to_bits(tk);
    let (r, q) = if !any_big {
        (r, q)
    } else {
        // ±inf and NaN take the large path (NaN rows of its table) and come out NaN.
        let big = W::le(W::splat(FAST_F32_WIDE), x.abs());
        let (qb, hi, lo) = rem_pio2_lanes(x);
        (
            W::select(big, hi + lo, r),
            W::to_bits(W::select(big, W::from_bits(qb), W::from_bits(q))),
        )
    };
    let one = W::splat(1.0);
    let z = r * r;
    let s = (r * z).mul_add(horner(z, &TAN_S7_F64), r);
    let c = z.mul_add(horner(z, &TAN_C8_F64), one);
    let odd = W::bits_eq(q & W::splat_bits(1), W::splat_bits(1));
    W::select(odd, -c, s) / W::select(odd, s, c)
}

/// Correctly rounded `tan` on `f32` lanes (the tier of [`crate::cr`]): [`tan_f64`] on the
/// widened lanes (within 1 ulp of `f64`, below `2^-52` relative), rounded once with the tier's
/// rounding test, the lanes that fail it looked up in the exceptions list
/// `cr_exceptions::TAN` (derived and checked on all 2^32 inputs by
/// `kernels/gen/cr_exceptions.sh`; counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::trig::tan::tan_f32_cr;
/// use wide::f32x8;
/// assert_eq!(tan_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn tan_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::round_f32(x, tan_f64(lo), tan_f64(hi), crate::cr_exceptions::TAN)
}
