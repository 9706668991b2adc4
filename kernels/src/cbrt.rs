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
//! (`y0^2` and `y0*y0^2` split exactly by [`two_prod`]; `fl(y0^3) - m` is exact by Sterbenz):
//! the correction `y0*(y0^3 - m)/(2y0^3 + m)`, about `2^-22` of `y0`, is then good to `2^-50`
//! of itself. `y` is rounded once and scaled by `2^q` exactly (the result is always normal).
//!
//! **Error bound.** About `0.5 + 2^-20` ulp: stated at most 1 ulp integer distance from the
//! correctly rounded result on every backend. Exact cubes give exact results (a real error
//! below 1 ulp leaves no other float to round to).
//!
//! # `f32`, evaluated in `f64` lanes, sized for `f32`
//! The `f64` kernel's reduction on the widened lanes (every nonzero finite `f32` is a normal
//! double: no subnormal scaling), a degree-3 initial value (`CBRT_F32_P`, Sollya in
//! `kernels/gen/f32_native.sollya`, `2^-13.7`) and one Halley step in plain `f64` (cubic: `(2/3)
//! e0^3 = 2^-41.6`, plus the roundings of the step, below `2^-50`), the scaling by `2^q` as an
//! integer addition to the exponent field, one rounding to `f32`: correctly rounded except
//! within about `2^-17` ulp of a halfway point, at most 1 ulp (exhaustive counts in
//! docs/ACCURACY.md); exact cubes give exact results. The correctly rounded tier keeps the
//! `f64` kernel ([`cbrt_f32_cr`]).
//!
//! **Special values** as libm: `cbrt(±0) = ±0`, `cbrt(±inf) = ±inf`, NaN stays NaN.

use crate::coeffs_f32::CBRT_F32_P;
use crate::coeffs_log_family::{CBRT_2R, CBRT_P};
use crate::common::{horner, two_prod};
use crate::lanes::{Lanes, Scalar, Widen};

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
    let normal = min.le(a) & a.lt(inf);
    let y = if V::bitmask(normal) == (1u32 << V::LANES) - 1 {
        cbrt_core(a, None)
    } else {
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
    y.mul_exp2(q)
}

/// The reduction of both kernels for positive normal finite `a` (`e_adjust`, a multiple of 3,
/// subtracted from the exponent): `a = 2^(3q + r) t`, `t` in `[1, 2)`, `r` in `{0, 1, 2}`;
/// returns `(t, tq, ri, m)` with `tq = q + 1.5*2^52` (`q` in its low bits), `r` in the low bits
/// of `ri`, and `m = t*2^r`, all exact.
#[inline(always)]
fn reduce<V: Lanes<Scalar = f64>>(a: V, e_adjust: Option<V>) -> (V, V, V::Bits, V) {
    let ix = V::to_bits(a);
    let t = V::from_bits(
        (ix & V::splat_bits(0x000f_ffff_ffff_ffff)) | V::splat_bits(0x3ff0_0000_0000_0000),
    );
    // Biased exponent -> float: 2^52 + eb, minus 2^52 + 1023.
    let eb = V::shr(ix, 52);
    let e = V::from_bits(eb | V::splat_bits(0x4330_0000_0000_0000)) - V::splat(4503599627371519.0);
    let e = e_adjust.map_or(e, |k| e - k);
    let magic = V::splat(f64::ROUND_MAGIC);
    let tq = (e - V::splat(1.0)) * V::splat(1.0 / 3.0) + magic;
    let r = (tq - magic).mul_add(V::splat(-3.0), e);
    let ri = V::to_bits(r + magic);
    (t, tq, ri, t * V::lookup(&[1.0, 2.0, 4.0, 1.0], ri))
}

/// `cbrt(x)` on every lane of an `f32` vector, evaluated in `f64` lanes with an initial value
/// and a Halley step sized for `f32` (see the module docs, "`f32`").
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
pub fn cbrt_f32<V: Widen>(x: V) -> V {
    let (a, b) = x.widen();
    let y = V::narrow(cbrt_w(a), cbrt_w(b));
    // ±0, ±inf, NaN: the input itself (the core's value there is finite garbage).
    let a = x.abs();
    let finite_nonzero = V::splat(0.0).lt(a) & a.lt(V::splat(f32::INFINITY));
    V::select(finite_nonzero, y, x + x)
}

/// `cbrt(x)` of nonzero finite `f32` values held in `f64` lanes (all normal there): the `f64`
/// kernel's reduction `|x| = 2^(3q + r) t`, `p(t) cbrt(2^r)` with `p` of degree 3 (`CBRT_F32_P`,
/// `2^-13.7`), one Halley step in plain `f64` (`2^-41`), the scaling by `2^q` as an integer
/// addition to the exponent field (the result is far from the ends of the `f64` range), and
/// the sign of `x`.
#[inline(always)]
fn cbrt_w<W: Lanes<Scalar = f64>>(x: W) -> W {
    let (t, tq, ri, m) = reduce(x.abs(), None);
    let y0 = horner(t, &CBRT_F32_P) * W::lookup(&CBRT_2R, ri);
    // Halley: y0 - y0*(y0^3 - m)/(2*y0^3 + m).
    let c = y0 * (y0 * y0);
    let y = y0 - y0 * (c - m) / W::splat(2.0).mul_add(c, m);
    // 2^q: q's integer (two's complement in the low bits of tq) added to the exponent field.
    let y = W::from_bits(W::to_bits(y) + W::shl(W::to_bits(tq), 52));
    W::from_bits(W::to_bits(y) | (W::to_bits(x) & W::splat_bits(1 << 63)))
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
