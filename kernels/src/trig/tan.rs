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
use crate::coeffs::{TAN_C8_F64, TAN_F64_U, TAN_S7_F64};
use crate::common::{estrin9, finite_from, horner, keep_zeros, residual, two_prod};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::reduce::rem_pio2_lanes;

/// `tan(x)` on every lane of an `f64` vector.
///
/// **Reduction** as [`super::sin_cos::sin_f64`] (Cody–Waite below `2^20`, the exact lane
/// reduction beyond): `x = k*pi/2 + r`, `r = hi + lo`, `|r| <= pi/4` (`pi/4*1.0002` covers the
/// rounding of `k`), `|lo| <= ulp(hi)`, its error negligible here (see there).
///
/// **Half angle**: `u = 2 tan(r/2) = hi + s`, `s = hi^3 U(hi^2) + lo (1 + hi^2/4)` (the second
/// term is `lo*u'(hi)`, `u' = 1 + u^2/4`), `U` of degree 8 (`TAN_F64_U`, Sollya's `fpminimax`
/// on `|r| <= pi/4*1.0002` with the `r` term fixed, relative error of `u` below `2^-58.7`:
/// `kernels/gen/coeffs.sollya`, rerun by `kernels/gen/gen.sh`), evaluated by Estrin's scheme;
/// `(hi, s)` is kept as an unnormalized pair, `|s| <= 0.052 |u|`. Then `tan r = u/(1 - u^2/4)`
/// for even `k` and `tan x = -cot r = -(1 - u^2/4)/u` for odd `k`, so both quadrants take
/// the same single division. `1 - u^2/4 = dh + dl`: `dh + dl0 = 1 - hi^2/4` exactly (two
/// FMAs; two-product without FMA), `dl = dl0 + s*m`, `m = -(hi/2 + s/4)`. With `num = nh + nl`
/// and `den = dh' + dl'` the pairs of the lane's quadrant (sign in `num`): `rd = 1/d` (`d` the
/// rounded `den`), `q0 = (nh + nl)*rd`, the residual `num - q0*den` as
/// `(nh - q0*dh') + (nl - q0*dl')` (two FMAs; without FMA the exact product `q0*dh'`), and
/// the result `q0 + residual*rd` in one FMA.
///
/// **Error bound** (relative, in units of `2^-53`, first order): `s` carries 6.1 roundings
/// of its own size (`z`, `hi*z`, three in Estrin's sum, the last FMA; the rest below `0.1`),
/// `<= 0.32` of `u`; with the fit's `0.02`, `u` is within `0.34`. `tan` and `-cot` as functions
/// of `u` magnify a relative error by `(1 + u^2/4)/(1 - u^2/4) <= sqrt 2` (`|u| <= 2 tan(pi/8)`):
/// `0.48`. The denominator's own roundings (`m`, `dl`, each `<= 0.0175` absolute, `den >=
/// 0.828`): `0.042`. The division: `q0` is within `5` (so `q0*(1 - den*rd)` is of order
/// `2^-104`), and the two residual FMAs round values `<= 0.074 |num|` (`|nl|`, `|q0*dl'|` are
/// at most `0.052` and `0.021` of `|num|`): `0.148`. The value before the last rounding is
/// within `0.67 * 2^-53` relative of `tan x` (without FMA, where `mul_add` rounds twice:
/// `0.87`). Between two values less than `2^-53` relative apart there is at most one rounding
/// boundary, so the result is **at most 1 ulp** (one representable value) from the correctly
/// rounded `tan x`, and within `1.67 * 2^-53 < 2^-50` relative (the correctly rounded `f32`
/// tier's stage-2 bound). The FMA backends run the same operations and give the same bits.
/// `tan(±0) = ±0` by a select (the sum `hi + s` would lose the sign of `-0`),
/// `tan(±inf) = NaN`, NaN stays NaN; for tiny `x`, `s` and `dl` vanish and the result is `x`.
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
    let (hi, lo, q, usual) = reduce_f64(x);
    let y = tan_reduced(hi, lo, q);
    // No zero lane in a usual vector (see `reduce_f64`): its test is skipped there.
    if usual { y } else { keep_zeros(x, y) }
}

/// `tan(hi + lo + q*pi/2)` for `|hi + lo| <= pi/4` (see [`tan_f64`]).
#[inline(always)]
fn tan_reduced<V: Lanes<Scalar = f64>>(hi: V, lo: V, q: V::Bits) -> V {
    let one = V::splat(1.0);
    let z = hi * hi;
    // u = 2 tan(r/2) = hi + s, s = hi^3 U(z) + lo (1 + z/4) (u'(r) = 1 + u^2/4); the pair
    // (hi, s) is not renormalized (|s| <= 0.055 |hi|).
    let s = (hi * z).mul_add(estrin9(z, &TAN_F64_U), (lo * V::splat(0.25)).mul_add(z, lo));
    // 1 - u^2/4 = dh + dl: dh + dl0 = 1 - hi^2/4 exactly, then dl = dl0 - s (hi/2 + s/4).
    let mh4 = V::splat(-0.25) * hi;
    let (dh, dl0) = if V::FUSED {
        let dh = mh4.mul_add(hi, one);
        (dh, mh4.mul_add(hi, one - dh))
    } else {
        let (p, pe) = two_prod(mh4, hi);
        let dh = one + p;
        (dh, ((one - dh) + p) + pe)
    };
    let m = s.mul_add(V::splat(-0.25), V::splat(-0.5) * hi);
    let dl = s.mul_add(m, dl0);
    let odd = V::bits_eq(q & V::splat_bits(1), V::splat_bits(1));
    // tan r = u/(1 - u^2/4) (even quadrant), -cot r = -(1 - u^2/4)/u (odd): num/den with the
    // sign in the numerator, the denominator's sum (the divisor) straight from dh + s*m.
    let d = V::select(odd, hi + s, s.mul_add(m, dh));
    let (nh, nl, dh, dl) = if V::SELECT_COSTLY {
        // The pairs (hi, dh) and (s, dl) swapped where odd by masked XORs and the numerator's
        // sign flipped there: the same bits as the selects, in 11 one-micro-op operations
        // where the four blends and two negations take 14 on AVX2 (Intel).
        let sign = V::to_bits(V::and_mask(odd, V::splat(-0.0)));
        let ((nh, dh), (nl, dl)) = (swap_where(odd, hi, dh), swap_where(odd, s, dl));
        (
            V::from_bits(nh ^ sign),
            V::from_bits(nl ^ sign),
            V::from_bits(dh),
            V::from_bits(dl),
        )
    } else {
        (
            V::select(odd, -dh, hi),
            V::select(odd, -dl, s),
            V::select(odd, hi, dh),
            V::select(odd, s, dl),
        )
    };
    let rd = one / d;
    let q0 = (nh + nl) * rd;
    // Residual num - q0*den (one FMA, or without FMA the exact product) and one correction
    // by the same reciprocal.
    let r0 = residual(nh, q0, dh);
    let res = r0 + (-q0).mul_add(dl, nl);
    res.mul_add(rd, q0)
}

/// The bits of `(b, a)` where `m` is set and of `(a, b)` elsewhere, by masked XORs (a plain
/// function, not a closure: a closure is not inlined into the `#[target_feature]` entry points).
#[inline(always)]
fn swap_where<V: Lanes>(m: V::Mask, a: V, b: V) -> (V::Bits, V::Bits) {
    let x = V::to_bits(V::and_mask(m, V::from_bits(V::to_bits(a) ^ V::to_bits(b))));
    (V::to_bits(a) ^ x, V::to_bits(b) ^ x)
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
    keep_zeros(x, y)
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
        // The finite lanes at or above 2^28 take the exact reduction; ±inf and NaN lanes give NaN
        // from the steps above, whatever their neighbours (`inf - k*P1` is NaN).
        let big = finite_from(x.abs(), FAST_F32_WIDE);
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
