//! `hypot(x, y) = sqrt(x^2 + y^2)` for `f64` and `f32`, without undue overflow or underflow.
//!
//! # `f64`
//! **Scaling.** `a = max(|x|, |y|)`, `b = min(|x|, |y|)`. Where `a > 2^500` both are multiplied
//! by `2^-600`, where `a < 2^-480` by `2^600` (exact: powers of two; `b` may lose bits to
//! underflow only where `b^2 < 2^-600 a^2`, far below the result's last bit), and the result
//! is multiplied back. The squares then neither overflow nor underflow where it matters.
//!
//! **Sum and square root.** `S = a^2 + b^2` as `fma(a, a, b*b)`: `b*b` rounds by at most
//! `2^-53 b^2 <= 2^-54 S` (`b <= a`), the FMA by `2^-53 S`, so the sum is within `1.5 * 2^-53`
//! of `S` (relative) and its square root within `0.75 * 2^-53` of `hypot(x, y)`: below 0.54
//! ulp of the result (the relative error of a rounded `S` is largest where `S` is `2^(2k+1)`,
//! whose square root is `sqrt(2)` binades up: `0.75 sqrt(2) / 2 = 0.53`), and the square
//! root's own rounding adds 0.5 ulp: within 1.04 ulp, so the result is within 1.54 ulp of the
//! correctly rounded one, that is the correctly rounded one or a neighbour (integer distance at
//! most 1). Where the exact value lies just above a power of two `2^e`, the error is at most
//! `0.375` ulp of `2^e`, 0.75 ulp of the binade below, and the result is at least the double
//! below `2^e`: still at most 1. Without FMA (`mul_add` rounding twice) the sum is within
//! `2 * 2^-53`: 0.71 + 0.5 ulp, at most 1 likewise. (Until 2026-12-07 the squares were exact
//! double-doubles and the sum rounded once: 0.35 + 0.5 ulp, 96.6 % correctly rounded, for
//! seven more operations per vector than the bound needs.) The square root is
//! correctly rounded on every backend (`Lanes::sqrt_normal` on the usual path: `vsqrtpd`, or on
//! AVX-512 its FMA-port equivalent, the same bits), so the FMA backends give the same bits. No
//! division. Results that overflow give `+inf` (the scaling back rounds once, as the exact
//! value does); subnormal results are rounded twice (the square root, then the scaling), which
//! stays within 1 ulp.
//!
//! # `f32`, in `f32` lanes
//! **Scaling.** `a = max(|x|, |y|)`, `b = min(|x|, |y|)`. Where every lane has `a` in
//! `[2^-40, 2^60]` (and no NaN) nothing is scaled; otherwise lanes with `a > 2^60` are
//! multiplied by `2^-100`, lanes with `a < 2^-40` by `2^100`, and the result back (the special
//! values are then patched in). So `a` is zero or in `[2^-49, 2^60]`: `a^2 + b^2 < 2^121`,
//! the last bits of `a^2` and `h^2` (`h >= a`) are at least `2^-144`, so the FMA terms and
//! Dekker residuals below lose nothing to underflow, and what `b` or `b^2` lose to underflow is below `2^-149`, at most `2^-69` of
//! `S = a^2 + b^2 >= 2^-80` (or lost with a huge `a`, where `b^2 < 2^-172 a^2`).
//!
//! **Square root and one correction** (FMA backends). `sh = fma(a, a, b*b)` is within
//! `1.5 * 2^-24` of `S` (relative), so `h = sqrt(sh)`, rounded, is within `0.75 + 0.5` ulp
//! of `hypot(x, y) = sqrt(S)` (`y/ulp(y) < 2^24`). Then `r = fma(b, b, fma(a, a, -sh)) +
//! fma(-h, h, sh)`: the inner `a^2 - sh` (about `-b^2`) rounds once, by at most `2^-24 b^2
//! <= 2^-25 S`, the rest is exact or rounds far below that, so `r = S - h^2 + E` with
//! `|E| <= 2^-25 S (1 + 2^-20)`. `g ~ 1/(2h)` from the bits (`0x7e731200 - bits(h)`, within
//! 5.06 % for normal `h`), and the result is `fma(r, g, h)`. With `d = sqrt(S) - h`
//! (`|d| <= 1.25` ulp), `S - h^2 = d (sqrt(S) + h)`, so `h + r g - sqrt(S)` is
//! `d^2/(2h)` (below `2^-22` ulp) `+ 0.0506 |d| (1 + 2^-23)` (below 0.064 ulp) `+ E (1.0506)/(2h)`
//! (below `2^-26 * 1.06 * sqrt(S)^2/h <= 0.27` ulp): within 0.34 ulp of `hypot(x, y)`, and
//! the FMA's rounding adds 0.5 ulp: within 0.84 ulp, so the result is the correctly rounded
//! one or a neighbour (integer distance at most 1; across a power of two the ulps differ by
//! two, which the margin to 1.5 ulp covers). The approximate `g` and `E` decide near midpoints:
//! 95 % to 99.7 % of the results are correctly rounded in the dense pairs of
//! `tests/hypot_f32_dense.rs`, 99.79 % of the 10^9 random pairs (the `f64` evaluation before
//! was correctly rounded but for about `2^-28` ulp). No division and one square root; the
//! same operations in the same order on every FMA backend. Without FMA (the portable
//! backend without the `fma` feature) `a^2`, `b^2` and `h^2` are exact Dekker products,
//! `r = S - h^2` up to `2^-46 S`, and `h` (now within 1.5 ulp) is corrected the same way:
//! within `0.0506 * 1.5 + 2^-20` ulp before the last two roundings (the product `r g`, by
//! `2^-24` of the correction, then the sum, by 0.5 ulp): within 0.58 ulp. Subnormal results are rounded twice (by `h`, then by the
//! scaling back), which stays within 1 ulp. `h = 0` gives `r = 0` and `+0`; `b = 0` gives
//! `h = a` and `r = 0`: `hypot(x, ±0) = |x|` exactly.
//!
//! **Special values** as C99 Annex F (glibc): `hypot(±inf, y) = hypot(x, ±inf) = +inf` even for a
//! quiet NaN other argument (a signaling NaN gives NaN, as in glibc); otherwise a NaN argument
//! gives NaN; `hypot(±0, ±0) = +0`,
//! `hypot(x, ±0) = |x|`; the result is never negative.

use crate::common::{all_set, fast_two_sum, is_snan, recip_half_approx, two_prod};
use crate::lanes::Lanes;

/// `2^-600` and `2^600`, the scale factors.
const TWO_M600: f64 = f64::from_bits((1023 - 600) << 52);
const TWO_P600: f64 = f64::from_bits((1023 + 600) << 52);

/// The scale factors of both types, `(scale, unscale)`: `(down, up)` in the `huge` lanes,
/// `(up, down)` in the `tiny` ones, `(1, 1)` elsewhere (powers of two: the scaling is exact).
#[inline(always)]
fn scales<V: Lanes>(huge: V::Mask, tiny: V::Mask, down: V::Scalar, up: V::Scalar) -> (V, V) {
    let one = V::splat(<V::Scalar as crate::Scalar>::ONE);
    let (down, up) = (V::splat(down), V::splat(up));
    (
        V::select(huge, down, V::select(tiny, up, one)),
        V::select(huge, up, V::select(tiny, down, one)),
    )
}

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
    // The common case (every lane in range) skips the scaling and the special values; its
    // sums lie in [2^-960, 2^1001], where `sqrt_normal` is the correctly rounded square root.
    if hypot_f64_usual(x, y) {
        return a.mul_add(a, b * b).sqrt_normal();
    }
    let huge = V::splat(F64_HI).lt(a);
    let tiny = a.lt(V::splat(F64_LO));
    let (sc, unsc) = scales(huge, tiny, TWO_M600, TWO_P600);
    let (a, b) = (a * sc, b * sc);
    hypot_specials(x, y, a.mul_add(a, b * b).sqrt() * unsc)
}

/// `2^-480` and `2^500`: `hypot_f64`'s unscaled range of `max(|x|, |y|)` (the lower end keeps
/// the sum of squares at least `2^-960`, inside [`Lanes::sqrt_normal`]'s domain).
const F64_LO: f64 = f64::from_bits((1023 - 480) << 52);
const F64_HI: f64 = f64::from_bits((1023 + 500) << 52);

/// Whether every lane of `(x, y)` takes [`hypot_f64`]'s usual path: `max(|x|, |y|)` in
/// `[2^-480, 2^500]` and neither input NaN. Every result there is a normal number (at least
/// `max(|x|, |y|)`, at most `sqrt 2` times it), so the checked entry loops skip their test of
/// the results on such a vector (the registry's `usual`); the kernel asks the same test, which
/// the compiler computes once.
///
/// ```
/// use simdmath_kernels::hypot::hypot_f64_usual;
/// use wide::f64x4;
/// let y = f64x4::from([4.0, -1e-300, 0.0, 1e150]);
/// assert!(hypot_f64_usual(f64x4::from([3.0, 1e-140, -2e-140, 1.0]), y));
/// assert!(!hypot_f64_usual(f64x4::from([3.0, 1e-150, 0.0, 1.0]), y)); // max(|x|, |y|) < 2^-480
/// assert!(!hypot_f64_usual(f64x4::from([3.0, 1.0, 1.0, f64::NAN]), y));
/// ```
#[inline(always)]
pub fn hypot_f64_usual<V: Lanes<Scalar = f64>>(x: V, y: V) -> bool {
    in_range(x, y, F64_LO, F64_HI)
}

/// Whether every lane has `max(|x|, |y|)` in `[lo, hi]` and neither input NaN: three
/// comparisons, false for NaN (`lo <= max(|x|, |y|)`, `|x| <= hi`, `|y| <= hi`).
#[inline(always)]
fn in_range<V: Lanes>(x: V, y: V, lo: V::Scalar, hi: V::Scalar) -> bool {
    let (ax, ay) = (x.abs(), y.abs());
    let hi = V::splat(hi);
    all_set::<V>(V::splat(lo).le(ax.max(ay)) & ax.le(hi) & ay.le(hi))
}

/// `2^-40` and `2^60`: `hypot_f32`'s unscaled range of `max(|x|, |y|)`.
const F32_LO: f32 = f32::from_bits((127 - 40) << 23);
const F32_HI: f32 = f32::from_bits((127 + 60) << 23);

/// Whether every lane of `(x, y)` takes [`hypot_f32`]'s usual path: `max(|x|, |y|)` in
/// `[2^-40, 2^60]` and neither input NaN (the comparisons are false for NaN). Every result
/// there is a normal number (at least `max(|x|, |y|)`, at most `sqrt 2` times it), so the
/// checked entry loops skip their test of the results on such a vector (the registry's
/// `usual`); the kernel asks the same test, which the compiler computes once.
///
/// ```
/// use simdmath_kernels::hypot::hypot_f32_usual;
/// use wide::f32x8;
/// let y = f32x8::from([4.0, 0.0, -1e-20, 1.0, 2.0, 3.0, 1e18, 0.5]);
/// assert!(hypot_f32_usual(f32x8::from([3.0, 1e-12, -1e-12, 1.0, 2.0, 3.0, 1.0, 0.5]), y));
/// assert!(!hypot_f32_usual(f32x8::from([3.0, 1e-13, 1.0, 1.0, 2.0, 3.0, 1.0, 0.5]), y)); // < 2^-40
/// assert!(!hypot_f32_usual(f32x8::from([3.0, 1.0, 1.0, 1.0, 2.0, 3.0, 1e19, 0.5]), y)); // > 2^60
/// ```
#[inline(always)]
pub fn hypot_f32_usual<V: Lanes<Scalar = f32>>(x: V, y: V) -> bool {
    in_range(x, y, F32_LO, F32_HI)
}

/// `2^-100` and `2^100`, `hypot_f32`'s scale factors.
const F32_TWO_M100: f32 = f32::from_bits((127 - 100) << 23);
const F32_TWO_P100: f32 = f32::from_bits((127 + 100) << 23);

/// `hypot(x, y)` on every lane of two `f32` vectors, in `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::hypot::hypot_f32;
/// use wide::f32x8;
/// let x = f32x8::from([3.0, 3e38, 1e-45, f32::NEG_INFINITY, f32::NAN, 0.0, -5.0, 1.0]);
/// let y = f32x8::from([4.0, 3e38, 1e-45, f32::NAN, 1.0, -0.0, 12.0, 0.0]);
/// let h = hypot_f32(x, y).to_array();
/// assert_eq!(h[0], 5.0);
/// assert_eq!(h[1], f32::INFINITY);
/// assert_eq!(h[2], 1e-45);
/// assert_eq!(h[3], f32::INFINITY);
/// assert!(h[4].is_nan());
/// assert_eq!(h[5].to_bits(), 0);
/// assert_eq!(h[6], 13.0);
/// assert_eq!(h[7], 1.0);
/// ```
#[inline(always)]
pub fn hypot_f32<V: Lanes<Scalar = f32>>(x: V, y: V) -> V {
    let ax = x.abs();
    let ay = y.abs();
    let a = ax.max(ay);
    let b = ax.min(ay);
    let lo = V::splat(F32_LO);
    let hi = V::splat(F32_HI);
    // The common case (every lane's max(|x|, |y|) in [2^-40, 2^60], no NaN) skips the scaling
    // and the special values.
    if hypot_f32_usual(x, y) {
        return sum_sqrt_f32(a, b);
    }
    let huge = hi.lt(a);
    let tiny = a.lt(lo);
    let (sc, unsc) = scales(huge, tiny, F32_TWO_M100, F32_TWO_P100);
    hypot_specials(x, y, sum_sqrt_f32(a * sc, b * sc) * unsc)
}

/// `sqrt(a^2 + b^2)` rounded to `f32`, for `a >= b >= 0` with `a` zero or in `[2^-49, 2^60]`
/// (see the module docs): the square root `h` of the rounded sum, then `h + r g` with
/// `r ~ a^2 + b^2 - h^2` and `g ~ 1/(2h)`.
#[inline(always)]
fn sum_sqrt_f32<V: Lanes<Scalar = f32>>(a: V, b: V) -> V {
    let (h, r) = if V::FUSED {
        let sh = a.mul_add(a, b * b);
        let h = sh.sqrt();
        // a^2 - sh (about -b^2, one rounding), + b^2 exactly, + (sh - h^2) (exact).
        let r = b.mul_add(b, a.mul_add(a, -sh)) + h.mul_add(-h, sh);
        (h, r)
    } else {
        // Without FMA: the exact squares (Dekker), sh + sl = a^2 + b^2 up to 2^-47.
        let (ah, al) = two_prod(a, a);
        let (bh, bl) = two_prod(b, b);
        let (sh, t) = fast_two_sum(ah, bh);
        let sl = t + (al + bl);
        let h = sh.sqrt();
        let (hh, hl) = two_prod(h, h);
        (h, ((sh - hh) - hl) + sl)
    };
    // g ~ 1/(2h), within 5.06 % for normal h (huge and harmless for h = 0, where r = 0).
    let g = recip_half_approx(h);
    r.mul_add(g, h)
}
