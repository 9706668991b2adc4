//! `sinpi(x) = sin(pi*x)` and `cospi(x) = cos(pi*x)` for `f64` and `f32`: the reduction
//! `x = n/2 + r` is exact (no `pi` in it); the error analyses are in the functions' docs.

use super::{PI_HI, PI_LO, quadrant, sin_cos_poly};
use crate::coeffs::{COS_F64_C, SIN_F64_S, SIN_W_F64};
use crate::coeffs_f32::SINPI_F32_W;
use crate::common::{fast_two_sum, horner, rint, two_prod};
use crate::lanes::{Lanes, Scalar, Widen};

/// `x = n/2 + r` with `n = round(2x)`, `|r| <= 1/4`, both exact; returns
/// `(pi*r as a double-double (hi, lo), n mod 4 in the low bits, r)`. Lanes with
/// `|x| >= 2^53` (even integers) are reduced as `+0`; NaN stays NaN and ±inf gives NaN.
#[inline(always)]
fn reduce_pi_f64<V: Lanes<Scalar = f64>>(x: V) -> (V, V, V::Bits, V) {
    let big = V::splat(9007199254740992.0).le(x.abs()) & x.abs().lt(V::splat(f64::INFINITY));
    let xr = V::select(big, V::splat(0.0), x);
    let n = rint(xr + xr);
    let r = xr - n * V::splat(0.5);
    let q = n - V::splat(4.0) * rint(n * V::splat(0.25));
    let (hi, lo) = two_prod(r, V::splat(PI_HI));
    let (hi, lo) = fast_two_sum(hi, r.mul_add(V::splat(PI_LO), lo));
    (hi, lo, V::to_bits(q + V::splat(f64::ROUND_MAGIC)), r)
}

/// `sin(pi*x)` on every lane of an `f64` vector.
///
/// **Reduction** without `pi`: `x = n/2 + r`, `n = round(2x)`, `|r| <= 1/4`, exactly (every
/// `|x| >= 2^52` is an integer, every `|x| >= 2^53` an even one); `pi*r` as a double-double
/// (an exact product and the `pi` tail), then `sin`'s and `cos`'s polynomials on
/// `[-pi/4, pi/4]` (the `f64` kernels above) and the quadrant `n mod 4`. Error: the reduction is
/// exact, `pi*r` is good to `2^-104` relative, the polynomials as for `sin`: stated 1 ulp.
/// **Special values** as IEEE 754-2019 (and core-math): `sinpi(±0) = ±0`, `sinpi(n) = ±0` with
/// the sign of `n` for integers, `sinpi(n + 1/2) = ±1`, `sinpi(±inf) = NaN`.
///
/// ```
/// use simdmath_kernels::trig::pi::sinpi_f64;
/// use wide::f64x4;
/// let y = sinpi_f64(f64x4::from([0.5, 1.0, -2.0, 1.5])).to_array();
/// assert_eq!(y, [1.0, 0.0, -0.0, -1.0]);
/// assert_eq!(y[2].to_bits(), (-0.0f64).to_bits());
/// ```
#[inline(always)]
pub fn sinpi_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q, r) = reduce_pi_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    let y = quadrant(q, s, c, 62);
    // Tiny x (then r = x, q = 0): pi*x with one rounding (FMA) or two; the double-double of
    // `reduce_pi_f64` would underflow, and sin(pi x) - pi x is far below an ulp there.
    let tiny = x.abs().lt(V::splat(f64::from_bits(0x20b0_0000_0000_0000))); // 2^-500
    let y = V::select(tiny, r.mul_add(V::splat(PI_HI), r * V::splat(PI_LO)), y);
    // Integers (r = 0, q even): a zero with the sign of x.
    let one = V::splat_bits(1);
    let even = V::bits_eq(q & one, V::splat_bits(0));
    let zero_x = V::from_bits(V::to_bits(x) & V::splat_bits(1 << 63));
    let y = V::select(r.eq(V::splat(0.0)) & even, zero_x, y);
    V::select(x.abs().eq(V::splat(f64::INFINITY)), V::splat(f64::NAN), y)
}

/// `cos(pi*x)` on every lane of an `f64` vector; see [`sinpi_f64`]. `cospi(n + 1/2) = +0`,
/// `cospi(n) = ±1`, `cospi(±inf) = NaN`.
///
/// ```
/// use simdmath_kernels::trig::pi::cospi_f64;
/// use wide::f64x4;
/// let y = cospi_f64(f64x4::from([0.5, 1.0, -2.0, 1e300])).to_array();
/// assert_eq!(y, [0.0, -1.0, 1.0, 1.0]);
/// assert_eq!(y[0].to_bits(), 0);
/// ```
#[inline(always)]
pub fn cospi_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q, r) = reduce_pi_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    let y = quadrant(q + V::splat_bits(1), s, c, 62);
    // Half-integers (r = 0, q odd): +0.
    let one = V::splat_bits(1);
    let odd = V::bits_eq(q & one, one);
    let y = V::select(r.eq(V::splat(0.0)) & odd, V::splat(0.0), y);
    V::select(x.abs().eq(V::splat(f64::INFINITY)), V::splat(f64::NAN), y)
}

/// `sin(pi*x)` of `f32` values held in `f64` lanes: `x = n + r`, `n = round(x)`, `|r| <= 1/2`
/// (exact), `sin(pi*x) = (-1)^n sin(pi*r)` with [`SIN_W_F64`]'s polynomial on `pi*r`.
#[inline(always)]
fn sinpi_wide<W: Lanes<Scalar = f64>>(x: W) -> W {
    let n = rint(x);
    let r = x - n;
    let t = r * W::splat(PI_HI);
    let z = t * t;
    let y = (t * z).mul_add(horner(z, &SIN_W_F64), t);
    // (-1)^n: n - 2*round(n/2) is ±1 for odd n (every |n| >= 2^25 is even).
    let odd = (n - W::splat(2.0) * rint(n * W::splat(0.5))).abs();
    let sign = W::to_bits(W::select(
        odd.eq(W::splat(1.0)),
        W::splat(-0.0),
        W::splat(0.0),
    ));
    W::from_bits(W::to_bits(y) ^ sign)
}

/// `sin(pi*x)` on every lane of an `f32` vector, evaluated in `f64` lanes (one polynomial,
/// nearly correctly rounded); special values as [`sinpi_f64`].
///
/// ```
/// use simdmath_kernels::trig::pi::sinpi_f32;
/// use wide::f32x8;
/// let y = sinpi_f32(f32x8::from([0.5, 1.0, -2.0, 1.5, 0.25, -0.0, 3e8, f32::INFINITY]));
/// let y = y.to_array();
/// assert_eq!(y[..4], [1.0, 0.0, -0.0, -1.0]);
/// assert_eq!(y[4], std::f32::consts::FRAC_1_SQRT_2);
/// assert_eq!(y[5].to_bits(), (-0.0f32).to_bits());
/// assert!(y[7].is_nan());
/// ```
#[inline(always)]
pub fn sinpi_f32<V: Widen>(x: V) -> V {
    // Every |x| >= 2^24 is an integer (sinpi = ±0, as at 0); below, the reduction is exact.
    let xr = V::select(V::splat(16777216.0).le(x.abs()), V::splat(0.0), x);
    let (a, b) = xr.widen();
    sinpi_specials(x, V::narrow(sinpi_w(a), sinpi_w(b)))
}

/// `sin(pi*x)` of `f32` values held in `f64` lanes with `|x| < 2^25` (or NaN): `x = n + r`,
/// `n = round(x)` by the addition of `1.5*2^52` (whose low bit is then the parity of `n`),
/// `|r| <= 1/2` exact, `sin(pi*x) = (-1)^n r p(r^2)` with `SINPI_F32_W` (degree 5 in `r^2`,
/// relative `2^-35.5`): the faithful tier's sinpi and cospi.
#[inline(always)]
fn sinpi_w<W: Lanes<Scalar = f64>>(x: W) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let tn = x + magic;
    let r = x - (tn - magic);
    let y = r * horner(r * r, &SINPI_F32_W);
    W::from_bits(W::to_bits(y) ^ W::shl(W::to_bits(tn), 63))
}

/// `sinpi`'s `f32` results at the exact cases: integers give a zero with the sign of `x` (the
/// polynomial gives ±0 by parity), `±inf` gives NaN.
#[inline(always)]
fn sinpi_specials<V: Widen>(x: V, y: V) -> V {
    if V::SELECT_COSTLY && no_exact_case(x, y) {
        return y;
    }
    let zero_x = V::from_bits(V::to_bits(x) & V::splat_bits(1 << 31));
    let y = V::select(y.eq(V::splat(0.0)), zero_x, y);
    V::select(x.abs().eq(V::splat(f32::INFINITY)), V::splat(f32::NAN), y)
}

/// `cospi`'s `f32` results at the exact cases: `+0` at half-integers, NaN for `±inf`.
#[inline(always)]
fn cospi_specials<V: Widen>(x: V, y: V) -> V {
    if V::SELECT_COSTLY && no_exact_case(x, y) {
        return y;
    }
    let y = V::select(y.eq(V::splat(0.0)), V::splat(0.0), y);
    V::select(x.abs().eq(V::splat(f32::INFINITY)), V::splat(f32::NAN), y)
}

/// Whether no lane has a zero result or an infinite input: then the selects of
/// [`sinpi_specials`] and [`cospi_specials`] are identities. Where a select costs more than a
/// compare ([`Lanes::SELECT_COSTLY`]: AVX2, whose `vblendvps` is 3 micro-ops on Intel) the
/// usual vector tests that once and skips both.
#[inline(always)]
fn no_exact_case<V: Widen>(x: V, y: V) -> bool {
    let exact = y.eq(V::splat(0.0)) | x.abs().eq(V::splat(f32::INFINITY));
    V::bitmask(exact) == 0
}

/// `cos(pi*x)` on every lane of an `f32` vector: `sinpi(x + 1/2)` in `f64` lanes (the sum is
/// exact), `+0` at half-integers.
///
/// ```
/// use simdmath_kernels::trig::pi::cospi_f32;
/// use wide::f32x8;
/// let y = cospi_f32(f32x8::from([0.5, 1.0, -2.0, 1.5, 0.25, -0.0, 3e38, -0.5])).to_array();
/// assert_eq!(y[..6], [0.0, -1.0, 1.0, 0.0, std::f32::consts::FRAC_1_SQRT_2, 1.0]);
/// assert_eq!((y[0].to_bits(), y[3].to_bits(), y[7].to_bits()), (0, 0, 0));
/// ```
#[inline(always)]
pub fn cospi_f32<V: Widen>(x: V) -> V {
    // Every |x| >= 2^24 is an even integer (cospi = 1 = cospi(0)); below, x + 1/2 is exact.
    let xr = V::select(V::splat(16777216.0).le(x.abs()), V::splat(0.0), x);
    let (a, b) = xr.widen();
    let half = V::Wide::splat(0.5);
    cospi_specials(x, V::narrow(sinpi_w(a + half), sinpi_w(b + half)))
}

/// Correctly rounded `sinpi` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sinpi_wide` (the exact reduction `x = n + r` and the degree-13
/// `SIN_W_F64` on `pi*r`, relative error about `2^-43`; the faithful tier's `sinpi_w` has
/// degree 5 in `r^2`) with the rounding test at `d = 2^-41`, then, for the vectors with a lane it leaves
/// open, [`sinpi_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::SINPI`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::trig::pi::sinpi_f32_cr;
/// use wide::f32x8;
/// assert_eq!(sinpi_f32_cr(f32x8::splat(0.5)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn sinpi_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (sinpi_wide(lo), sinpi_wide(hi)),
        crate::common::pow2(-41),
        sinpi_f64,
        crate::cr_exceptions::SINPI
    );
    sinpi_specials(x, y)
}

/// Correctly rounded `cospi` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sinpi_wide` (the exact reduction `x = n + r` and the degree-13
/// `SIN_W_F64` on `pi*r`, relative error about `2^-43`; the faithful tier's `sinpi_w` has
/// degree 5 in `r^2`) with the rounding test at `d = 2^-41`, then, for the vectors with a lane it leaves
/// open, [`cospi_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::COSPI`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::trig::pi::cospi_f32_cr;
/// use wide::f32x8;
/// assert_eq!(cospi_f32_cr(f32x8::splat(0.0)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn cospi_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (cl, ch) = V::select(V::splat(33554432.0).le(x.abs()), V::splat(0.0), x).widen();
    let half = V::Wide::splat(0.5);
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (sinpi_wide(cl + half), sinpi_wide(ch + half)),
        crate::common::pow2(-41),
        cospi_f64,
        crate::cr_exceptions::COSPI
    );
    cospi_specials(x, y)
}
