//! `cbrt` (cube root) for `f64` and `f32`.
//!
//! # `f64`
//! **Range reduction.** Subnormal inputs are first scaled by `2^54` (`cbrt` by `2^18`). Then
//! `|x| = 2^e * t`, `t` in `[1, 2)`, from the bits; `e = 3q + r` with `r` in `{0, 1, 2}`, where
//! `q = round((e - 1)/3)` (the quotient plus `{-1/3, 0, 1/3}`, so the rounding of the product
//! by `1/3` cannot move it; no integer division on the lanes), and `m = t*2^r` in `[1, 8)`,
//! exact. `cbrt(|x|) = 2^q * cbrt(m)`.
//!
//! **Initial approximation.** `y0 = P(t) * cbrt(2^r)`, `P` of degree 6 on `[1, 2]` (Sollya's
//! `fpminimax`, relative error `2^-22.4`, `kernels/gen/log_family.sollya`), `cbrt(2^r)` from a
//! 4-entry table ([`Lanes::lookup`]).
//!
//! **Refinement.** One Halley step, `y = y0 - y0*(y0^3 - m)/(2 y0^3 + m)` (cubic convergence:
//! relative error `(2/3) e0^3`, below `2^-65`), with the residual `y0^3 - m` in double-double
//! (`y0^2` and `y0*y0^2` split exactly by `two_prod`; `fl(y0^3) - m` is exact by Sterbenz):
//! the correction `y0*(y0^3 - m)/(2y0^3 + m)`, about `2^-22` of `y0`, is then good to `2^-50`
//! of itself. `y` is rounded once and scaled by `2^q` exactly (the result is always normal:
//! `vscalef` on AVX-512, elsewhere one multiplication by `2^q` built from its bits).
//!
//! **Error bound.** About `0.5 + 2^-20` ulp: stated at most 1 ulp integer distance from the
//! correctly rounded result on every backend. Exact cubes give exact results (a real error
//! below 1 ulp leaves no other float to round to).
//!
//! # `f32`, in native `f32` lanes (issue 17)
//! **Range reduction.** Subnormal inputs are first scaled by `2^24` (only when some lane of the
//! vector needs it: a branch on the lanes' values, the same on every backend). The biased
//! exponent goes to a float exactly (`eb = 2^23 + e + 127`, from the bits) and
//! `q = round(e/3)`: one FMA `eb*fl(1/3) + (1.5*2^23 - (2^23 + 127)/3)`, whose only error
//! besides the final rounding to an integer is `eb*(fl(1/3) - 1/3)`, below `0.084`, so that
//! `e/3` (fractional part `0` or `±1/3`) rounds to `q` (the portable backend, without FMA,
//! subtracts `2^23 + 127` first: the same `q`). Then `r = e - 3q` in `{-1, 0, 1}`:
//! `eb - 3q = 2^23 + 127 + r` exactly, whose low 9 bits are the biased exponent of `2^r`, so
//! `m = ±t*2^r` (`|x| = 2^e t`, `t` in `[1, 2)`, the sign of `x`) is one bit operation, and
//! `cbrt(x) = 2^q cbrt(m)`, `|m|` in `[1/2, 4)`.
//!
//! **Initial approximation.** `s = S(t) * 2^(-2r/3) ~= |m|^(-2/3)`, `S` of degree 5 on
//! `[1, 2]` (Sollya's `fpminimax`, single coefficients, relative error `2^-15.57` (supnorm),
//! `kernels/gen/f32_cbrt.sollya`), `2^(-2r/3)` from a 4-entry table ([`Lanes::lookup`]); with
//! the roundings of the evaluation, `s` is within `e_s < 2^-15.4` of `|m|^(-2/3)`.
//!
//! **Refinement, division-free.** `y0 = m s` (`cbrt(m)` within `e_0 <= e_s + 2^-24`) and
//! `w = s/3` (`1/(3 cbrt(m)^2)` within `e_s + 2^-24`), then one Newton step
//! `y = y0 + (m - y0^3) w`. The residual is computed without loss: `y0^2 = p + pe` exactly
//! (FMA), `m - y0 p` in one FMA (exact up to its rounding, `2^-24` of itself), then `- y0 pe`
//! in another (the portable backend, without FMA, splits `y0 p` exactly by Dekker's product
//! and subtracts it from `m`, exact by Sterbenz); the final FMA `res*w + y0` rounds once.
//! Newton's relative error is `e_0^2 + e_0 e_w` (plus terms below `2^-45`), at most
//! `2 (2^-15.3)^2 = 2^-29.6` of `cbrt(m)`, i.e. below `2^-29.6 * 2^24 = 0.021` ulp before the
//! one rounding: at most `0.53` ulp in all, so the result is faithful (at most 1 ulp from the
//! correctly rounded result), and an exact cube (whose root is a float) comes out exact.
//! `2^q` is an integer addition to the exponent field (the result is normal).
//! Exhaustive, all `2^32` inputs (docs/ACCURACY.md): max 1 ulp on every backend, 0.51 % not
//! correctly rounded (FMA backends bit-identical; portable differs on a few lanes). The
//! correctly rounded tier keeps the `f64` kernel ([`cbrt_f32_cr`]).
//!
//! **Special values** as libm: `cbrt(±0) = ±0`, `cbrt(±inf) = ±inf`, NaN stays NaN.

use crate::coeffs_f32_cbrt::{CBRT_F32_2R, CBRT_F32_S};
use crate::coeffs_log_family::{CBRT_2R, CBRT_P};
use crate::common::{all_set, horner, two_prod};
use crate::lanes::{Lanes, Scalar, Widen};

/// Whether every lane of `x` takes [`cbrt_f64`]'s usual path, where every result is a normal
/// number: `|x|` positive, normal and finite (the cube root of a normal number is one). The
/// checked entry loops skip their test of the results on such a vector: the kernel computed
/// this already (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::cbrt::cbrt_f64_usual;
/// use wide::f64x4;
/// assert!(cbrt_f64_usual(f64x4::from([27.0, -8.0, 1e-300, -1e300])));
/// assert!(!cbrt_f64_usual(f64x4::from([27.0, -0.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn cbrt_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    x.abs().all_positive_normal()
}

/// `cbrt(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::cbrt::cbrt_f64;
/// use wide::f64x4;
/// let y = cbrt_f64(f64x4::from([27.0, -0.0, -8e-300, 5e-324])).to_array();
/// assert_eq!(y[0], 3.0);
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], -2e-100);
/// assert_eq!(y[3], 1.7031839360032603e-108);
/// ```
#[inline(always)]
pub fn cbrt_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let a = x.abs();
    let min = V::splat(f64::MIN_POSITIVE);
    let inf = V::splat(f64::INFINITY);
    let y = if cbrt_f64_usual(x) {
        cbrt_core(a, None)
    } else {
        let normal = min.le(a) & a.lt(inf);
        let sub = a.lt(min);
        let s = V::select(sub, a * V::splat(f64::from_bits(0x4350_0000_0000_0000)), a); // 2^54
        let s = V::select(normal | sub, s, V::splat(1.0));
        let y = cbrt_core(s, Some(V::select(sub, V::splat(54.0), V::splat(0.0))));
        // ±0, ±inf, NaN: the input itself.
        V::select(normal | (sub & V::splat(0.0).lt(a)), y, x + x)
    };
    V::from_bits(V::to_bits(y) | (V::to_bits(x) & V::splat_bits(1 << 63)))
}

/// `cbrt(a)` for positive normal finite lanes; `e_adjust` (a multiple of 3) is subtracted
/// from the exponent.
#[inline(always)]
fn cbrt_core<V: Lanes<Scalar = f64>>(a: V, e_adjust: Option<V>) -> V {
    let (t, tq, ri, m) = reduce(a, e_adjust);
    let q = tq - V::splat(f64::ROUND_MAGIC);
    let y0 = horner(t, &CBRT_P) * V::lookup(&CBRT_2R, ri);
    // Halley: y0 - y0*(y0^3 - m)/(2*y0^3 + m), the residual in double-double.
    let (s, se) = two_prod(y0, y0);
    let (c, ce) = two_prod(y0, s);
    let res = (c - m) + y0.mul_add(se, ce);
    let d = V::splat(2.0).mul_add(c, m);
    let y = y0 - y0 * res / d;
    // |q| <= 359: 2^q and y*2^q are normal.
    crate::exp::mul_pow2_normal(y, q)
}

/// The reduction of both kernels for positive normal finite `a` (`e_adjust`, a multiple of 3,
/// subtracted from the exponent): `a = 2^(3q + r) t`, `t` in `[1, 2)`, `r` in `{0, 1, 2}`;
/// returns `(t, tq, ri, m)` with `tq = q + 1.5*2^52` (`q` in its low bits), `r` in the low bits
/// of `ri`, and `m = t*2^r`, all exact.
#[inline(always)]
fn reduce<V: Lanes<Scalar = f64>>(a: V, e_adjust: Option<V>) -> (V, V, V::Bits, V) {
    let (t, e) = a.mant_exp_12();
    let e = e_adjust.map_or(e, |k| e - k);
    let magic = V::splat(f64::ROUND_MAGIC);
    let tq = (e - V::splat(1.0)) * V::splat(1.0 / 3.0) + magic;
    let r = (tq - magic).mul_add(V::splat(-3.0), e);
    let ri = V::to_bits(r + magic);
    (t, tq, ri, t * V::lookup(&[1.0, 2.0, 4.0, 1.0], ri))
}

/// `cbrt(x)` on every lane of an `f32` vector, in `f32` lanes (see the module docs, "`f32`").
///
/// ```
/// use simdmath_kernels::cbrt::cbrt_f32;
/// use wide::f32x8;
/// let y = cbrt_f32(f32x8::from([27.0, -8.0, 0.0, -0.0, 1e-45, f32::INFINITY, 1e30, 2.0]));
/// let y = y.to_array();
/// assert_eq!(&y[..2], &[3.0, -2.0]);
/// assert_eq!(y[3].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[5], f32::INFINITY);
/// assert_eq!(y[7], 1.2599211f32);
/// ```
#[inline(always)]
pub fn cbrt_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    // 2^23 + the biased exponent, exact.
    let eb = biased_exponent(x);
    let normal = cbrt32_normal(eb);
    if all_set::<V>(normal) {
        return cbrt32_core(x, eb);
    }
    let a = x.abs();
    let sub = a.lt(V::splat(f32::MIN_POSITIVE));
    let s = V::select(sub, x * V::splat(16777216.0), x); // 2^24
    let s = V::select(normal | sub, s, V::splat(1.0));
    let eb = biased_exponent(s) - V::select(sub, V::splat(24.0), V::splat(0.0));
    let y = cbrt32_core(s, eb);
    // ±0, ±inf, NaN: the input itself.
    V::select(normal | (sub & V::splat(0.0).lt(a)), y, x + x)
}

/// The lanes whose biased exponent `eb` (as [`biased_exponent`]) is in `[1, 254]`: normal and
/// finite.
#[inline(always)]
fn cbrt32_normal<V: Lanes<Scalar = f32>>(eb: V) -> V::Mask {
    V::splat(8388609.0).le(eb) & eb.le(V::splat(8388862.0))
}

/// Whether every lane of `x` takes [`cbrt_f32`]'s usual path, where every result is a normal
/// number: `x` normal and finite (the cube root of a normal number is one). The checked entry
/// loops skip their test of the results on such a vector: the kernel computed this already (the
/// registry's `usual`).
///
/// ```
/// use simdmath_kernels::cbrt::cbrt_f32_usual;
/// use wide::f32x8;
/// assert!(cbrt_f32_usual(f32x8::from([27.0, -8.0, 1e-37, -1e38, 1.0, 2.0, 3.0, 4.0])));
/// assert!(!cbrt_f32_usual(f32x8::from([27.0, 1e-40, 1.0, 1.0, 1.0, 2.0, 3.0, 4.0])));
/// ```
#[inline(always)]
pub fn cbrt_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    all_set::<V>(cbrt32_normal(biased_exponent(x)))
}

/// `2^23 + ` the biased exponent field of `x`, as a float (exact).
#[inline(always)]
fn biased_exponent<V: Lanes<Scalar = f32>>(x: V) -> V {
    V::from_bits((V::shr(V::to_bits(x), 23) & V::splat_bits(0xff)) | V::splat_bits(0x4b00_0000))
}

/// `cbrt(x)` for normal finite `f32` lanes, `eb = 2^23 + e + 127` where `|x| = 2^e t`, `t`
/// in `[1, 2)` (the subnormal lanes come scaled by `2^24`, and `eb` by `-24`). See the module
/// docs, "`f32`".
#[inline(always)]
fn cbrt32_core<V: Lanes<Scalar = f32>>(x: V, eb: V) -> V {
    let ix = V::to_bits(x);
    let t = V::from_bits((ix & V::splat_bits(0x007f_ffff)) | V::splat_bits(0x3f80_0000));
    // tq = 1.5*2^23 + q, q = round(e/3) (e = 3q + r, r in {-1, 0, 1}): e/3 plus an error below
    // 0.084 (the fused product eb*fl(1/3) is off by at most eb*1e-8), rounded once.
    let magic = V::splat(f32::ROUND_MAGIC);
    let third = V::splat(1.0 / 3.0);
    let tq = if V::FUSED {
        eb.mul_add(third, V::splat(9786667.0)) // 1.5*2^23 - (2^23 + 127)/3
    } else {
        (eb - V::splat(8388735.0)).mul_add(third, magic) // e/3 + 1.5*2^23
    };
    // ri = 2^23 + 127 + r, exact: its low 9 bits are the biased exponent of 2^r, its low 2
    // bits the table index (r + 3) mod 4.
    let ri = V::to_bits((tq - magic).mul_add(V::splat(-3.0), eb));
    // m = ±t*2^r with the sign of x, exact.
    let m = V::from_bits((ix & V::splat_bits(0x807f_ffff)) | V::shl(ri, 23));
    // s ~= m^(-2/3), y0 = m s ~= cbrt(m) and s/3 ~= 1/(3 y0^2).
    let s = horner(t, &CBRT_F32_S) * V::lookup(&CBRT_F32_2R, ri);
    let y0 = m * s;
    let w = s * third;
    // The residual m - y0^3, error-free up to its own rounding.
    let (p, pe) = two_prod(y0, y0);
    let res = if V::FUSED {
        (-y0).mul_add(pe, (-y0).mul_add(p, m))
    } else {
        // y0^3 = c + ce exactly; m - c is exact (Sterbenz: y0^3 is within 2^-14 of m).
        let (c, ce) = two_prod(y0, p);
        (m - c) - y0.mul_add(pe, ce)
    };
    // Newton: y0 + (m - y0^3)/(3 y0^2), rounded once; then 2^q, q (two's complement in the
    // low bits of tq) added to the exponent field (the result is normal).
    let y = res.mul_add(w, y0);
    V::from_bits(V::to_bits(y) + V::shl(V::to_bits(tq), 23))
}

/// Correctly rounded `cbrt` on `f32` lanes (the tier of [`crate::cr`]): [`cbrt_f64`] on the
/// widened lanes (within 1 ulp of `f64`, below `2^-52` relative), rounded once with the tier's
/// rounding test, the lanes that fail it looked up in the exceptions list
/// `cr_exceptions::CBRT` (derived and checked on all 2^32 inputs by
/// `kernels/gen/cr_exceptions.sh`; counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::cbrt::cbrt_f32_cr;
/// use wide::f32x8;
/// assert_eq!(cbrt_f32_cr(f32x8::splat(27.0)).to_array(), [3.0f32; 8]);
/// ```
#[inline(always)]
pub fn cbrt_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::round_f32(x, cbrt_f64(lo), cbrt_f64(hi), crate::cr_exceptions::CBRT)
}
