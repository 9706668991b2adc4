//! `sin`, `cos` and `sincos` for `f64` and `f32`.
//!
//! # `f64`
//! **Range reduction** to `r = x - k*pi/2`, `|r| <= pi/4`, kept as a double-double `hi + lo`:
//! - `|x| < 2^20`: Cody–Waite on the vector lanes. With FMA, `t1 = x - k*P1` is exact in one
//!   FMA, `hi = t1 - k*P2` is rounded by another, and its rounding error is exact from two more
//!   (`t1 - hi` is exact by Sterbenz wherever `|t1| >= 2^-27`; the lanes nearer a nonzero
//!   multiple of `pi/2` split `k*P2` exactly and take a `two_sum`; `P1 + P2 + P3` = `pi/2`,
//!   each rounded; `reduce_f64` in `trig/mod.rs` has the argument); without FMA,
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
//! Sollya's `fpminimax` (`kernels/gen/coeffs.sollya`). `sin` and `cos` run one Horner chain
//! per lane (`sin_or_cos`): the quadrant `k mod 4` (`k + 1` for cos) picks per lane the
//! coefficients `S_i` or `C_i` (both of length 6) and the operands of the last FMA, and its sign
//! flips the result, so each lane performs exactly the operations of its own form: the bits
//! are those of evaluating both forms and selecting (which `sincos` still does, one pass for
//! both outputs; `tests/accuracy.rs` `pair_outputs` checks them equal bit for bit). Where a
//! per-lane select costs more than an FMA ([`Lanes::SELECT_COSTLY`]: AVX2, `vblendvpd` being 3
//! micro-ops on Intel) `sin` and `cos` evaluate both forms and select once, as `sincos`: the
//! same bits, 17-20 % faster on AVX2 on an Intel Xeon (family 6 model 167).
//!
//! # `f32`, native `f32` lanes (FMA backends, `|x| < 2^20`)
//! Where the multiply-add is fused (avx512, avx2, neon, and the portable backend built with
//! FMA), a vector is evaluated in its own `f32` lanes (16 per AVX-512 vector) unless every lane
//! is finite and at least `2^20` in magnitude; such lanes are blended in from the `f64`-lane
//! path below, which a vector of only such lanes takes alone (±inf and NaN lanes come out NaN from
//! the native path: `wide_lanes`).
//! - **reduction by `pi/2`**: `k = round(x*RN(2/pi))` (one FMA adding the rounding constant),
//!   `r1 = x - k*P1` in one FMA, exact (`P1 = RN(pi/2)`; `k*P1` and `x` are multiples of
//!   `2^-23` or of `ulp(x)` and `|r1| < 1`), `r = RN(r1 - k*P2)` (one FMA) and `c = -k*P3`
//!   (`P1 + P2 + P3 = pi/2` to `2^-76`, `PIO2_F32`), so `x = k*pi/2 + (r + c)`, `|r| <= 0.8275`.
//!   `kernels/gen/f32_trig_reduction.rs` runs these steps on every `f32` below `2^20` against
//!   an `f64` reduction and finds: `r1` always exact, `r + c` within `0.50028` ulp (of `r` as an
//!   `f32`) of `x - k*pi/2`, the worst cancellation `|x - k*pi/2| = 2^-27.83` (`x = 252.89821`,
//!   `0x437ce5f1`), where `|c| <= 2^-6.9 |r|`.
//! - **two polynomials sized for `f32`** on `|r| <= (pi/4)(1 + 2^-4) = 0.8345` (Sollya
//!   `fpminimax`, single coefficients, `kernels/gen/f32_trig.sollya` -> `coeffs_f32_trig.rs`):
//!   `sin(r) = r + (r^3 S(r^2) + c)` (odd degree 9, relative error `2^-30.7`; `c` joins the
//!   small terms, leaving out its factor `cos r`: below `0.01` ulp) and
//!   `cos(r) = 1 + r^2 C(r^2)` (even degree 8, `C(0) = -1/2`, absolute error `2^-31.2`; `c`,
//!   at most `2^-29.7`, is left out: below `0.015` ulp, `cos r >= 0.67`). Both are evaluated
//!   and the quadrant `k mod 4` (`k + 1` for cos) selects `±sin(r)` or `±cos(r)`; `sincos`
//!   runs the same steps once, so its outputs are bit for bit `sin` and `cos`.
//! - **error bound**: a value within 1 ulp of the exact result before the last rounding rounds
//!   to at most 1 ulp from the correctly rounded result. Before that rounding, sin carries the
//!   reduction error (`0.5003` ulp of `r`, times `cos r`), the four roundings of its small terms
//!   (each `2^-24` relative to `|r^3 S + c| <= (r^2/6)|r|`: at most `0.51` ulp, at
//!   `|r| = 0.8275`), the polynomial's `2^-30.7` and the `c` term: below `0.87` ulp wherever
//!   `ulp(r)` is at most the result's ulp. cos carries the reduction error times `sin r`
//!   (`0.37` ulp), the rounding of `r^2` times `|C| <= 1/2` (`0.25` ulp), that of `C` times
//!   `r^2` (`0.17` ulp), `2^-31.2` and `c`: below `0.82` ulp. Where `sin(r)` falls just below a
//!   power of two that `r` reaches (`r` in `[2^e, 2^e (1 + 4^e/6)]`), `r`'s ulp is twice the
//!   result's and sin's bound is `2 * 0.5003 * cos(r)` plus the small terms, about 1 ulp: not
//!   proven by this analysis; the exhaustive test (all 2^32 inputs, every backend, counts in
//!   docs/ACCURACY.md) finds every result within 1 ulp of core-math's (the real-valued error
//!   reaches about 1.43 ulp there, e.g. `sin(-7750.434) = 0.12468...`). The FMA backends run
//!   the same IEEE operations, so they give the same bits (the golden digests check it).
//!
//! # `f32`, evaluated in `f64` lanes (no FMA, and `|x| >= 2^20`)
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
//! The native path evaluates `|x|` (the quadrant steps are the same for `x` and `-x`, so `cos`
//! is that of `|x|` and `sin` takes the sign of `x` back, bit for bit what `x` itself would give).
//!
//! **Special values** as libm: `sin(±0) = ±0` (the `f64`-lane path by a select: the reduction
//! loses the sign of zero; the native path by the sign of `x`),
//! `cos(±0) = 1`; `±inf` and NaN give NaN by themselves (`inf - k*P1` is NaN; they never take
//! the exact reduction, so their NaN does not depend on their neighbours).

use super::{
    FAST_F32_WIDE, any_big, minus_pio2_multiple, quadrant, reduce_f64, sin_cos_poly, sin_or_cos,
};
use crate::coeffs::{COS_F64_C, SIN_F64_S, SIN_W_F64, SIN_W9_F64};
use crate::coeffs_f32_trig::{COS_F32_C, PIO2_F32, SIN_F32_S};
use crate::common::{all_set, finite_from, full_mask, horner, keep_zeros};
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
    let (hi, lo, q, usual) = reduce_f64(x);
    let y = sin_or_cos(hi, lo, q, &SIN_F64_S, &COS_F64_C);
    // No zero lane in a usual vector: on AVX2 (`SELECT_COSTLY`) its test is skipped there, 3 %
    // faster; on AVX-512 that measured 3 % slower (and `sincos` 8 %), so it keeps the test.
    if usual && V::SELECT_COSTLY {
        y
    } else {
        keep_zeros(x, y)
    }
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
    let (hi, lo, q, _) = reduce_f64(x);
    sin_or_cos(hi, lo, q + V::splat_bits(1), &SIN_F64_S, &COS_F64_C)
}

/// `sin(x)` on every lane of an `f32` vector (see the module docs: native `f32` lanes below
/// `2^20` where there is FMA, `f64` lanes otherwise).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::sin_f32;
/// use wide::f32x8;
/// assert_eq!(sin_f32(f32x8::splat(0.0)).to_array(), [0.0; 8]);
/// let y = sin_f32(f32x8::from([1.0, 1e4, -3e9, 1e38, -0.0, 0.5, f32::INFINITY, f32::NAN]));
/// let y = y.to_array();
/// // Within 1 ulp of the correctly rounded sin(1) (the native f32 path, taken where the lanes
/// // have FMA, is not always correctly rounded).
/// let cr = 1.0f64.sin() as f32;
/// assert!((y[0].to_bits() as i64 - cr.to_bits() as i64).abs() <= 1);
/// assert_eq!(y[4].to_bits(), (-0.0f32).to_bits());
/// assert!(y[6].is_nan() && y[7].is_nan());
/// ```
#[inline(always)]
pub fn sin_f32<V: Widen>(x: V) -> V {
    let ax = x.abs();
    if !V::FUSED {
        return sin_f32_wide(x);
    }
    let Some(wide) = wide_lanes(x, ax) else {
        return sin_f32_wide(x);
    };
    let (s, c, q) = sin_cos_native(ax);
    let y = with_sign_of(quadrant(q, s, c, 30), x);
    match wide {
        None => y,
        Some(w) => V::select(w, sin_f32_wide(x), y),
    }
}

/// The lanes of `x` that [`sin_f32`], [`cos_f32`] and [`sincos_f32`] reduce in native `f32`
/// (where there is FMA): `|x| < 2^20` (NaN fails).
#[inline(always)]
fn native_small<V: Lanes<Scalar = f32>>(x: V) -> V::Mask {
    x.abs().lt(V::splat(FAST_F32))
}

/// Whether every lane of `x` takes [`cos_f32`]'s usual path, where every result is a normal
/// number: native `f32` lanes (with FMA) and `|x| < 2^20` (NaN and the infinities fail), where
/// `|cos(x)|` stays far above `2^-126` (no `f32` that small lies that close to an odd multiple
/// of `pi/2`) and is never 0. The checked entry loops skip their test of the results on such a
/// vector (the registry's `usual`; see [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::lanes::Lanes;
/// use simdmath_kernels::trig::sin_cos::cos_f32_usual;
/// use wide::f32x8;
/// let x = f32x8::from([0.0, 1.0, -1e6, 3.0, 4.0, 5.0, 6.0, 7.0]);
/// assert_eq!(cos_f32_usual(x), <f32x8 as Lanes>::FUSED);
/// assert!(!cos_f32_usual(f32x8::from([0.0, 1.0, f32::NAN, 3.0, 4.0, 5.0, 6.0, 7.0])));
/// ```
#[inline(always)]
pub fn cos_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    V::FUSED && all_set::<V>(native_small(x))
}

/// `cos(x)` on every lane of an `f32` vector (see the module docs: native `f32` lanes below
/// `2^20` where there is FMA, `f64` lanes otherwise).
///
/// ```
/// use simdmath_kernels::trig::sin_cos::cos_f32;
/// use wide::f32x8;
/// assert_eq!(cos_f32(f32x8::splat(0.0)).to_array(), [1.0; 8]);
/// let y = cos_f32(f32x8::splat(1e4)).to_array()[0];
/// let cr = 1e4f64.cos() as f32; // within 1 ulp of the correctly rounded cos(1e4)
/// assert!((y.to_bits() as i64 - cr.to_bits() as i64).abs() <= 1);
/// ```
#[inline(always)]
pub fn cos_f32<V: Widen>(x: V) -> V {
    let ax = x.abs();
    if !V::FUSED {
        return cos_f32_wide(x);
    }
    let Some(wide) = wide_lanes(x, ax) else {
        return cos_f32_wide(x);
    };
    let (s, c, q) = sin_cos_native(ax);
    let y = quadrant(q + V::splat_bits(1), s, c, 30);
    match wide {
        None => y,
        Some(w) => V::select(w, cos_f32_wide(x), y),
    }
}

/// Which lanes of `x` (`ax = |x|`) the native path with FMA leaves to the `f64`-lane path: the
/// finite ones at or above `2^20`. `Some(None)`: none (the usual vector, every lane below
/// `2^20`, is told by one compare); `Some(Some(mask))`: some, blended in; `None`: every lane.
/// NaN and ±inf lanes take the native path, which gives NaN (`inf - k*P1` with `k` infinite is
/// NaN) whatever their neighbours: before 2026-12-06 they sent their whole vector through the
/// `f64` lanes' exact reduction, and 1 % NaN lanes (missing values) cost `sin` `f32` 1.8x and
/// `sincos` 2.6x of the finite data's time (AMD Zen 3, AVX2, n = 1e6).
#[inline(always)]
fn wide_lanes<V: Lanes<Scalar = f32>>(x: V, ax: V) -> Option<Option<V::Mask>> {
    if all_set::<V>(native_small(x)) {
        return Some(None);
    }
    let wide = finite_from(ax, FAST_F32);
    let m = V::bitmask(wide);
    if m == full_mask::<V>() {
        None
    } else if m == 0 {
        Some(None)
    } else {
        Some(Some(wide))
    }
}

/// Largest `|x|` (exclusive) the native `f32` path reduces; larger finite lanes take the
/// `f64`-lane path (`sin_f32_wide`, `cos_f32_wide`), ±inf and NaN come out NaN from either.
const FAST_F32: f32 = 1048576.0; // 2^20

/// `y` with its sign flipped where `x` is negative: `sin(x) = -sin(-x)` (every step of the
/// native path is symmetric under `x -> -x`, rounding to nearest included, so this gives the
/// bits that evaluating `x` itself would, and `sin(±0) = ±0` with no select).
#[inline(always)]
fn with_sign_of<V: Lanes<Scalar = f32>>(y: V, x: V) -> V {
    V::from_bits(V::to_bits(y) ^ (V::to_bits(x) & V::splat_bits(0x8000_0000)))
}

/// The native `f32` evaluation (FMA backends, `|x| < 2^20`; see the module docs):
/// `x = k*pi/2 + r`, returns `(sin(r), cos(r), q)` with `k mod 4` in the low bits of `q`.
#[inline(always)]
fn sin_cos_native<V: Lanes<Scalar = f32>>(x: V) -> (V, V, V::Bits) {
    let magic = V::splat(f32::ROUND_MAGIC);
    let t = x.mul_add(V::splat(PIO2_F32[0]), magic);
    let k = t - magic;
    // x - k*P1 is exact (one FMA); r = that - k*P2 rounded once; c = -k*P3 is added to the
    // sine's small terms (kernels/gen/f32_trig_reduction.rs: r + c is within 0.5003 ulp of
    // x - k*pi/2).
    let r1 = k.mul_add(V::splat(-PIO2_F32[1]), x);
    let r = k.mul_add(V::splat(-PIO2_F32[2]), r1);
    let c = k * V::splat(-PIO2_F32[3]);
    let z = r * r;
    let s = r + (r * z).mul_add(horner(z, &SIN_F32_S), c);
    let co = z.mul_add(horner(z, &COS_F32_C), V::splat(1.0));
    (s, co, V::to_bits(t))
}

/// `sin(x)` of an `f32` vector in `f64` lanes (the portable backend without FMA, and the lanes
/// at or above `2^20` of the native path).
#[inline(always)]
fn sin_f32_wide<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    let y = V::narrow(
        sin_wide(a, false, big, &SIN_W9_F64),
        sin_wide(b, false, big, &SIN_W9_F64),
    );
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `cos(x)` of an `f32` vector in `f64` lanes (as [`sin_f32_wide`]).
#[inline(always)]
fn cos_f32_wide<V: Widen>(x: V) -> V {
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
        // The finite lanes at or above 2^28 take the exact reduction; ±inf and NaN lanes give NaN
        // from the steps above, whatever their neighbours (`inf - k*P1` is NaN).
        let big = finite_from(x.abs(), FAST_F32_WIDE);
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
    let (hi, lo, q, _) = reduce_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    (
        keep_zeros(x, quadrant(q, s, c, 62)),
        quadrant(q + V::splat_bits(1), s, c, 62),
    )
}

/// `(sin(x), cos(x))` on every lane of an `f32` vector: bit for bit [`sin_f32`] and
/// [`cos_f32`] (the native path shares one reduction and one pass of both polynomials, which
/// both functions run too; the `f64`-lane path gives each its own reduction by `pi`).
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
    let ax = x.abs();
    if !V::FUSED {
        return sincos_f32_wide(x);
    }
    let Some(wide) = wide_lanes(x, ax) else {
        return sincos_f32_wide(x);
    };
    let (s, c, q) = sin_cos_native(ax);
    let ys = with_sign_of(quadrant(q, s, c, 30), x);
    let yc = quadrant(q + V::splat_bits(1), s, c, 30);
    match wide {
        None => (ys, yc),
        Some(w) => {
            let (ws, wc) = sincos_f32_wide(x);
            (V::select(w, ws, ys), V::select(w, wc, yc))
        }
    }
}

/// [`sin_f32_wide`] and [`cos_f32_wide`] on one widening.
#[inline(always)]
fn sincos_f32_wide<V: Widen>(x: V) -> (V, V) {
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
/// `f64`-lane evaluation `sin_wide` (the reduction by `pi` of the faithful tier's `f64`-lane path, with the degree-13
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
/// `f64`-lane evaluation `sin_wide` (the reduction by `pi` of the faithful tier's `f64`-lane path, with the degree-13
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
