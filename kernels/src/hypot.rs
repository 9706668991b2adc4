//! `hypot(x, y) = sqrt(x^2 + y^2)` for `f64` and `f32`, without undue overflow or underflow.
//!
//! # `f64`
//! **Scaling.** `a = max(|x|, |y|)`, `b = min(|x|, |y|)`. Where `a > 2^500` both are multiplied
//! by `2^-600`, where `a < 2^-500` by `2^600` (exact: powers of two; `b` may lose bits to
//! underflow only where `b^2 < 2^-600 a^2`, far below the result's last bit), and the result
//! is multiplied back. The squares then neither overflow nor underflow where it matters.
//!
//! **Sum and square root.** `a^2` and `b^2` are exact double-doubles ([`two_prod`]); their sum
//! is formed exactly as `h + eh` ([`fast_two_sum`], `a^2 >= b^2`) and rounded once with the low
//! parts: `h' = a^2 + b^2` within `2^-53 + 2^-104` relative. `sqrt(h')` (correctly rounded)
//! halves that: the unrounded square root is within `2^-54 (1 + 2^-50)` relative of
//! `hypot(x, y)`, that is below 0.25 ulp of the result (`y/ulp(y) < 2^53`), and the square
//! root's rounding adds 0.5 ulp: at most 0.75 ulp from the exact value inside a binade, so the
//! result is the correctly rounded one or a neighbour (integer distance at most 1). Just below
//! a power of two `2^e` the 0.25 ulp above is 0.5 ulp of the lower binade, and the rounded
//! result is at least `2^e - ulp`: still at most 1. No division and one square root (an
//! earlier Newton correction `(h - s^2)/(2s)` made it nearly correctly rounded for the price
//! of a division per vector, twice the kernel's time). Results that overflow give `+inf` (the
//! scaling back rounds once, as the exact value does); subnormal results are rounded twice (the
//! square root, then the scaling), which stays within 1 ulp.
//!
//! # `f32`, evaluated in `f64` lanes
//! `x^2` and `y^2` are exact in `f64` (and in range, subnormal `f32` included); their sum rounds
//! once (`2^-53` relative), the `f64` square root once more, and the narrowing to `f32` is the
//! last rounding: within 1 ulp everywhere and correctly rounded except within about `2^-28` ulp
//! of a rounding boundary. The same operations run on every backend (bit-identical results).
//!
//! **Special values** as C99 Annex F (glibc): `hypot(±inf, y) = hypot(x, ±inf) = +inf` even for a
//! quiet NaN other argument (a signaling NaN gives NaN, as in glibc); otherwise a NaN argument
//! gives NaN; `hypot(±0, ±0) = +0`,
//! `hypot(x, ±0) = |x|`; the result is never negative.

use crate::common::{fast_two_sum, is_snan, two_prod};
use crate::lanes::{Lanes, Widen};

/// `2^-600` and `2^600`, the scale factors.
const TWO_M600: f64 = f64::from_bits((1023 - 600) << 52);
const TWO_P600: f64 = f64::from_bits((1023 + 600) << 52);

/// Infinities win over a quiet NaN, then NaN propagates (`x + y`), else `r`; a signaling NaN
/// gives NaN even beside an infinity (glibc).
#[inline(always)]
fn hypot_specials<V: Lanes>(x: V, y: V, r: V) -> V {
    let inf = V::splat(<V::Scalar as crate::Scalar>::INFINITY);
    let nan = x + y;
    let r = V::select(x.is_nan() | y.is_nan(), nan, r);
    let r = V::select(x.abs().eq(inf) | y.abs().eq(inf), inf, r);
    V::select(is_snan(x) | is_snan(y), nan, r)
}

/// `hypot(x, y)` on every lane of two `f64` vectors.
///
/// ```
/// use simdmath_kernels::hypot::hypot_f64;
/// use wide::f64x4;
/// let x = f64x4::from([3.0, 1e300, f64::NAN, -0.0]);
/// let y = f64x4::from([-4.0, 1e300, f64::INFINITY, 0.0]);
/// let h = hypot_f64(x, y).to_array();
/// assert_eq!(h[0], 5.0);
/// assert_eq!(h[1], 1e300 * std::f64::consts::SQRT_2);
/// assert_eq!(h[2], f64::INFINITY);
/// assert_eq!(h[3].to_bits(), 0);
/// ```
#[inline(always)]
pub fn hypot_f64<V: Lanes<Scalar = f64>>(x: V, y: V) -> V {
    let ax = x.abs();
    let ay = y.abs();
    let a = ax.max(ay);
    let b = ax.min(ay);
    let huge = V::splat(f64::from_bits((1023 + 500) << 52)).lt(a);
    let tiny = a.lt(V::splat(f64::from_bits((1023 - 500) << 52)));
    // The common case (every lane in range) skips the scaling and the special values.
    if V::bitmask(huge | tiny | x.is_nan() | y.is_nan()) == 0 {
        return sum_sqrt(a, b);
    }
    let one = V::splat(1.0);
    let sc = V::select(
        huge,
        V::splat(TWO_M600),
        V::select(tiny, V::splat(TWO_P600), one),
    );
    let unsc = V::select(
        huge,
        V::splat(TWO_P600),
        V::select(tiny, V::splat(TWO_M600), one),
    );
    hypot_specials(x, y, sum_sqrt(a * sc, b * sc) * unsc)
}

/// `sqrt(a^2 + b^2)` for `a >= b >= 0` with `a^2`, `b^2` in range (see the module docs).
#[inline(always)]
fn sum_sqrt<V: Lanes<Scalar = f64>>(a: V, b: V) -> V {
    let (p1, e1) = two_prod(a, a);
    let (p2, e2) = two_prod(b, b);
    // p1 >= p2: h + eh = p1 + p2 exactly, then the sum rounded once (relative 2^-53 + 2^-104).
    let (h, eh) = fast_two_sum(p1, p2);
    (h + (eh + (e1 + e2))).sqrt()
}

/// `hypot(x, y)` on every lane of two `f32` vectors, evaluated in `f64` lanes.
///
/// ```
/// use simdmath_kernels::hypot::hypot_f32;
/// use wide::f32x8;
/// let x = f32x8::from([3.0, 3e38, 1e-45, f32::NEG_INFINITY, f32::NAN, 0.0, -5.0, 1.0]);
/// let y = f32x8::from([4.0, 3e38, 1e-45, f32::NAN, 1.0, -0.0, 12.0, 0.0]);
/// let h = hypot_f32(x, y).to_array();
/// assert_eq!(h[0], 5.0);
/// assert_eq!(h[1], f32::INFINITY);
/// assert_eq!(h[3], f32::INFINITY);
/// assert!(h[4].is_nan());
/// assert_eq!(h[6], 13.0);
/// ```
#[inline(always)]
pub fn hypot_f32<V: Widen>(x: V, y: V) -> V {
    let (x0, x1) = x.widen();
    let (y0, y1) = y.widen();
    let h0 = (x0 * x0 + y0 * y0).sqrt();
    let h1 = (x1 * x1 + y1 * y1).sqrt();
    hypot_specials(x, y, V::narrow(h0, h1))
}
