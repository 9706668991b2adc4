//! `sin`, `cos` and `sincos` for `f64` and `f32`.
//!
//! # `f64`
//! **Range reduction** to `r = x - k*pi/2`, `|r| <= pi/4`, kept as a double-double `hi + lo`:
//! - `|x| < 2^20`: Cody–Waite on the vector lanes. With FMA, `x - k*P1` is exact in one FMA and
//!   `k*P2` is split exactly by another (`P1 + P2 + P3` = `pi/2`, each rounded); without FMA,
//!   `pi/2` is split into three pieces of 33 significant bits plus a rounded remainder, so
//!   `k*C1`, `k*C2`, `k*C3` are exact (`k < 2^20`) and the subtractions are error-free two-sums:
//!   the reduced argument carries about 150 bits of `pi/2`, enough for the doubles nearest
//!   multiples of `pi/2`.
//! - larger arguments: the exact Payne–Hanek reduction on the vector lanes,
//!   [`rem_pio2_lanes`] (a `2/pi` table indexed by the exponent, gathered per lane), taken only
//!   when some lane needs it and blended in for those lanes.
//!
//! **Polynomials** on `[-pi/4, pi/4]`, fdlibm's `__kernel_sin`/`__kernel_cos` forms with the
//! `lo` correction: `sin(r) = hi + hi^3*(S1 + z*S(z))` (odd, degree 13) and
//! `cos(r) = 1 - z/2 + z^2*C(z)` (even, degree 14), `z = hi^2`, minimax coefficients from
//! Sollya's `fpminimax` (`kernels/gen/coeffs.sollya`). Both are evaluated and the quadrant
//! `k mod 4` selects `±sin(r)` or `±cos(r)`.
//!
//! # `f32`, evaluated in `f64` lanes
//! Each `f32` vector is widened to two `f64` vectors ([`Widen`]), where the reduction and the
//! polynomial have 29 bits to spare, and the result is rounded to `f32` once:
//! - **reduction by `pi`** (cos: `cos x = sin(x + pi/2)`): `x = j*pi/2 + r` with `j = 2k`,
//!   `k = round(x/pi)` for sin (one FMA adding the rounding constant) and `j = 2k - 1`,
//!   `k = round(x/pi + 1/2)` for cos, `|r| <= pi/2`, and `sin(x) = (-1)^k sin(r)`. For
//!   `|x| < 2^28` (`|j| < 2^28`) two FMAs with `P1, P2` (the first exact; for sin `k` times the
//!   doubled pieces, `j` is never formed) or, without FMA, four pieces of 25 bits (`PIO2_W*`, the
//!   products exact) give `r` to a relative `2^-52`; beyond, [`rem_pio2_lanes`] on the `f64`
//!   lanes, its quadrant moved to the even (odd) multiple.
//! - **one odd polynomial** for `sin(r)` on `[-pi/2, pi/2]`, sized for `f32`: degree 9
//!   (`SIN_W9_F64`, Sollya `fpminimax` in `kernels/gen/coeffs.sollya`, relative error
//!   `2^-27.3`). (The correctly rounded tier's first stage uses the degree-13 `SIN_W_F64`,
//!   `2^-43.7`, on the same reduction.)
//! - **error bound**: the `f64` value is within `2^-27.3 + 2^-50` relative of `sin(x)`, that is
//!   within `2^-3.3` ulp of `f32` (an `f32` ulp is at least `2^-24` relative), so the `f32`
//!   result is within `0.5 + 2^-3.3 < 0.6` ulp of `sin(x)`: at most 1 ulp from the correctly
//!   rounded result, and correctly rounded unless `sin(x)` lies within `2^-3.3` ulp of a
//!   rounding boundary (the exhaustive counts are in docs/ACCURACY.md). The FMA backends run the
//!   same operations; the non-FMA reduction is as exact, so the bound holds there too.
//!
//! **Special values** as libm: `sin(±0) = ±0` (a select: the reduction loses the sign of zero),
//! `cos(±0) = 1`; `±inf` and NaN give NaN by themselves (`inf - k*P1` is NaN, and the lane
//! reduction's table has NaN rows for their exponent).

use super::{FAST_F32_WIDE, any_big, minus_pio2_multiple, quadrant, reduce_f64, sin_cos_poly};
use crate::coeffs::{COS_F64_C, SIN_F64_S, SIN_W_F64, SIN_W9_F64};
use crate::common::horner;
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{PIO2_F64_P1, PIO2_F64_P2};
use crate::reduce::rem_pio2_lanes;

/// `sin(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::trig::sin_cos::sin_f64;
/// use wide::f64x4;
/// let y = sin_f64(f64x4::from([0.0, -0.0, 1e300, f64::INFINITY])).to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert!(y[2].abs() <= 1.0);
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn sin_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q) = reduce_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    V::select(x.eq(V::splat(0.0)), x, quadrant(q, s, c, 62))
}

/// `cos(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::trig::sin_cos::cos_f64;
/// use wide::f64x4;
/// assert_eq!(cos_f64(f64x4::splat(0.0)).to_array(), [1.0; 4]);
/// ```
#[inline(always)]
pub fn cos_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q) = reduce_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    quadrant(q + V::splat_bits(1), s, c, 62)
}

/// `sin(x)` on every lane of an `f32` vector, evaluated in `f64` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::sin_f32;
/// use wide::f32x8;
/// assert_eq!(sin_f32(f32x8::splat(0.0)).to_array(), [0.0; 8]);
/// let y = sin_f32(f32x8::from([1.0, 1e4, -3e9, 1e38, -0.0, 0.5, f32::INFINITY, f32::NAN]));
/// let y = y.to_array();
/// assert_eq!(y[0], 1.0f32.sin());
/// assert_eq!(y[4].to_bits(), (-0.0f32).to_bits());
/// assert!(y[6].is_nan() && y[7].is_nan());
/// ```
#[inline(always)]
pub fn sin_f32<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    let y = V::narrow(
        sin_wide(a, false, big, &SIN_W9_F64),
        sin_wide(b, false, big, &SIN_W9_F64),
    );
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `cos(x)` on every lane of an `f32` vector, evaluated in `f64` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::cos_f32;
/// use wide::f32x8;
/// assert_eq!(cos_f32(f32x8::splat(0.0)).to_array(), [1.0; 8]);
/// assert_eq!(cos_f32(f32x8::splat(1e4)).to_array()[0], 1e4f32.cos());
/// ```
#[inline(always)]
pub fn cos_f32<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    V::narrow(
        sin_wide(a, true, big, &SIN_W9_F64),
        sin_wide(b, true, big, &SIN_W9_F64),
    )
}

/// `sin(x)` (or `cos(x)` = `sin(x + pi/2)`) of `f32` values held exactly in `f64` lanes, with
/// the odd polynomial `w` (`sin(r) = r + r^3 w(r^2)`: [`SIN_W9_F64`] for the faithful tier,
/// [`SIN_W_F64`] for the correctly rounded tier's first stage): `x = j*pi/2 + r` with `j` even
/// for sin (`j = 2k`, `k = round(x/pi)`) and odd for cos (`j = 2k - 1`, `k = round(x/pi + 1/2)`),
/// `|r| <= pi/2` (a few ulps more where `k` was rounded from a rounded quotient), then
/// `sin(x) = (-1)^k sin(r)`.
#[inline(always)]
fn sin_wide<W: Lanes<Scalar = f64>, const N: usize>(
    x: W,
    cos: bool,
    any_big: bool,
    w: &[f64; N],
) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let inv_pi = W::splat(core::f64::consts::FRAC_1_PI);
    // k = round(x/pi) (sin) from one rounding of x/pi + magic; cos: round(x/pi + 1/2).
    let tk = if cos {
        x.mul_add(inv_pi, W::splat(0.5)) + magic
    } else {
        x.mul_add(inv_pi, magic)
    };
    let k = tk - magic;
    let r = if !cos {
        // j = 2k: k times the doubled pieces where there is FMA, so j is never formed.
        minus_pio2_multiple::<W, true>(x, k)
    } else if W::FUSED {
        minus_pio2_multiple::<W, false>(x, k.mul_add(W::splat(2.0), W::splat(-1.0)))
    } else {
        minus_pio2_multiple::<W, false>(x, (k + k) - W::splat(1.0))
    };
    // (-1)^k: the parity of k is the lowest bit of tk.
    let sign = W::shl(W::to_bits(tk), 63);
    let (r, sign) = if !any_big {
        (r, sign)
    } else {
        // ±inf take the large path (NaN rows of its table); NaN lanes stay NaN on either.
        let big = W::le(W::splat(FAST_F32_WIDE), x.abs());
        let (rb, sb) = sin_wide_big(x, cos);
        (
            W::select(big, rb, r),
            W::to_bits(W::select(big, W::from_bits(sb), W::from_bits(sign))),
        )
    };
    let z = r * r;
    let y = (r * z).mul_add(horner(z, w), r);
    W::from_bits(W::to_bits(y) ^ sign)
}

/// The large-argument path of [`sin_wide`]: the exact lane reduction by `pi/2`
/// ([`rem_pio2_lanes`]: `x = q*pi/2 + r0`, `|r0| <= pi/4`), turned into the even (sin) or odd
/// (cos) multiple that [`sin_wide`] uses: for cos `q` counts one more (`cos x = sin(x + pi/2)`);
/// an odd `q` moves to its neighbour `q + s` (`s` the sign of `r0`), `r = r0 - s*pi/2`.
/// Returns `(r, sign bit of (-1)^(j/2))`.
#[inline(always)]
fn sin_wide_big<W: Lanes<Scalar = f64>>(x: W, cos: bool) -> (W, W::Bits) {
    let magic = W::splat(f64::ROUND_MAGIC);
    let (qb, hi, lo) = rem_pio2_lanes(x);
    let q = W::from_bits(qb) - magic + W::splat(if cos { 1.0 } else { 0.0 });
    let one = W::splat_bits(1);
    let odd = W::bits_eq(W::to_bits(q + magic) & one, one);
    let s = W::select(hi.lt(W::splat(0.0)), W::splat(-1.0), W::splat(1.0));
    let r_odd = (hi - s * W::splat(PIO2_F64_P1)) + (lo - s * W::splat(PIO2_F64_P2));
    let r = W::select(odd, r_odd, hi + lo);
    let j = q + W::select(odd, s, W::splat(0.0));
    (r, W::shl(W::to_bits(j + magic) & W::splat_bits(2), 62))
}

/// `(sin(x), cos(x))` on every lane of an `f64` vector, sharing one reduction and one pass of
/// both polynomials; each output is bit for bit [`sin_f64`] and [`cos_f64`].
///
/// ```
/// use simdmath_kernels::trig::sin_cos::{cos_f64, sin_f64, sincos_f64};
/// use wide::f64x4;
/// let x = f64x4::from([0.5, -0.0, 1e22, 3.0]);
/// let (s, c) = sincos_f64(x);
/// assert_eq!(s.to_array(), sin_f64(x).to_array());
/// assert_eq!(c.to_array(), cos_f64(x).to_array());
/// ```
#[inline(always)]
pub fn sincos_f64<V: Lanes<Scalar = f64>>(x: V) -> (V, V) {
    let (hi, lo, q) = reduce_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    (
        V::select(x.eq(V::splat(0.0)), x, quadrant(q, s, c, 62)),
        quadrant(q + V::splat_bits(1), s, c, 62),
    )
}

/// `(sin(x), cos(x))` on every lane of an `f32` vector: [`sin_f32`] and [`cos_f32`] on one
/// widening (each has its own reduction by `pi`, so the outputs are bit for bit theirs).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::{cos_f32, sin_f32, sincos_f32};
/// use wide::f32x8;
/// let x = f32x8::from([0.5, -0.0, 1e22, 3.0, 1e4, -7.0, 0.1, 2.0]);
/// let (s, c) = sincos_f32(x);
/// assert_eq!(s.to_array(), sin_f32(x).to_array());
/// assert_eq!(c.to_array(), cos_f32(x).to_array());
/// ```
#[inline(always)]
pub fn sincos_f32<V: Widen>(x: V) -> (V, V) {
    let big = any_big(x);
    let (a, b) = x.widen();
    let s = V::narrow(
        sin_wide(a, false, big, &SIN_W9_F64),
        sin_wide(b, false, big, &SIN_W9_F64),
    );
    let c = V::narrow(
        sin_wide(a, true, big, &SIN_W9_F64),
        sin_wide(b, true, big, &SIN_W9_F64),
    );
    (V::select(x.eq(V::splat(0.0)), x, s), c)
}

/// Correctly rounded `(sin(x), cos(x))` on `f32` lanes (the tier of [`crate::cr`]): bit for bit
/// [`sin_f32_cr`] and [`cos_f32_cr`] (each with its own reduction, as the faithful
/// [`sincos_f32`], so that the pair equals the two functions of the tier).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::{cos_f32_cr, sin_f32_cr, sincos_f32_cr};
/// use wide::f32x8;
/// let x = f32x8::from([0.5, -0.0, 1e4, 3.0, 1e30, -2.0, 0.0, 7.0]);
/// let (s, c) = sincos_f32_cr(x);
/// assert_eq!(s.to_array().map(f32::to_bits), sin_f32_cr(x).to_array().map(f32::to_bits));
/// assert_eq!(c.to_array(), cos_f32_cr(x).to_array());
/// ```
#[inline(always)]
pub fn sincos_f32_cr<V: Widen>(x: V) -> (V, V) {
    (sin_f32_cr(x), cos_f32_cr(x))
}

/// Correctly rounded `sin` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sin_wide` (the faithful tier's reduction by `pi`, with the degree-13
/// `SIN_W_F64` where the faithful tier has degree 9: relative error below `2^-43`) with the rounding test at `D_FAST_F32`
/// `= 2^-41`, then for the rare vectors where a lane fails it (about `2^-15` of lanes),
/// [`sin_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::SIN`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md). `sin(±0) = ±0` by the same select as the faithful kernel.
///
/// ```
/// use simdmath_kernels::trig::sin_cos::sin_f32_cr;
/// use wide::f32x8;
/// assert_eq!(sin_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn sin_f32_cr<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (lo, hi) = x.widen();
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            sin_wide(lo, false, big, &SIN_W_F64),
            sin_wide(hi, false, big, &SIN_W_F64)
        ),
        D_FAST_F32,
        sin_f64,
        crate::cr_exceptions::SIN
    );
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// Relative half-width of the rounding test on `sin_wide`'s value in the correctly rounded
/// `sin`/`cos` `f32` kernels: its error is below `2^-43`, so `2^-41` leaves a factor of 4.
const D_FAST_F32: f64 = crate::common::pow2(-41);

/// Correctly rounded `cos` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sin_wide` (the faithful tier's reduction by `pi`, with the degree-13
/// `SIN_W_F64` where the faithful tier has degree 9: relative error below `2^-43`) with the rounding test at `D_FAST_F32`
/// `= 2^-41`, then for the rare vectors where a lane fails it (about `2^-15` of lanes),
/// [`cos_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::COS`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::cos_f32_cr;
/// use wide::f32x8;
/// assert_eq!(cos_f32_cr(f32x8::splat(0.0)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn cos_f32_cr<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            sin_wide(lo, true, big, &SIN_W_F64),
            sin_wide(hi, true, big, &SIN_W_F64)
        ),
        D_FAST_F32,
        cos_f64,
        crate::cr_exceptions::COS
    )
}
