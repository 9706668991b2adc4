//! The trigonometric functions: `sin` and `cos` ([`sin_cos`], with `sincos`), `tan` ([`tan`]),
//! `sinpi` and `cospi` ([`pi`]), for `f64` and `f32`, and the reductions and polynomial kernels
//! they share (this module): the Cody–Waite reduction by `pi/2` on the vector lanes
//! (`reduce_f64`, `minus_pio2_multiple`), the test for lanes that need the exact Payne–Hanek
//! reduction ([`crate::reduce::rem_pio2_lanes`]), and fdlibm's `sin`/`cos` kernels with their
//! quadrant selection.
//!
//! **Error bound** (stated, both types): at most 1 ulp integer distance from the correctly
//! rounded result, on every backend, for every finite argument; measured maxima in
//! `docs/ACCURACY.md`.
//!

pub mod pi;
pub mod sin_cos;
pub mod tan;

use crate::common::{all_set, finite_from, horner, two_sum};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{
    PIO2_F64_C1, PIO2_F64_C2, PIO2_F64_C3, PIO2_F64_C3T, PIO2_F64_P1, PIO2_F64_P2, PIO2_F64_P3,
    PIO2_W1, PIO2_W2, PIO2_W3, PIO2_W4,
};
use crate::reduce::rem_pio2_lanes;

/// Largest `|x|` (exclusive) reduced on the vector lanes, `f64`.
const FAST_F64: f64 = 1048576.0; // 2^20

/// `x = k*pi/2 + hi + lo`; returns `(hi, lo, q, usual)` with `k mod 4` in the low bits of `q`,
/// and `usual` true where the vector took the common branch (with FMA: no lane at or beyond
/// `2^20`, none with `|x - k*P1| < 2^-27`, no NaN: [`trig_f64_usual`]). A `usual` vector has no zero lane (`x = ±0` gives
/// `t1 = ±0`), so the callers skip their signed-zero select there.
///
/// With FMA, `|x| < 2^20` (`|k| < 2^19.35`): `t1 = x - k*P1` is exact (one FMA: `k*P1` and `x`
/// are multiples of `2^-53` and their difference is below 1), `hi = RN(t1 - k*P2)` (one FMA)
/// and, where `|t1| >= 2^-27`, `t1 - hi` is exact (Sterbenz: `|k*P2| < 2^-34.5`, so `hi` is
/// within a factor `1 ± 2^-7` of `t1`), so the next FMA gives the rounding error of `hi`
/// (rounded, `2^-53` of itself) and one more adds `-k*P3`: `hi + lo` is `x - k*pi/2` to about
/// `2^-105` relative, `|lo| <= ulp(hi)`. Lanes with `|t1| < 2^-27` and `|x| > 0.5` (within
/// about `2^-27` of a nonzero multiple of `pi/2`, where `t1` and `k*P2` may cancel; `k = 0`
/// gives `hi = x`, `lo = 0` exactly) take [`reduce_fma_exact`], which has no such condition; a
/// vector without such a lane (the usual data) skips it. Three operations fewer per vector
/// than that form (issue 18).
#[inline(always)]
fn reduce_f64<V: Lanes<Scalar = f64>>(x: V) -> (V, V, V::Bits, bool) {
    let magic = V::splat(f64::ROUND_MAGIC);
    let ax = x.abs();
    // ±inf lanes are NaN already from the steps below (`inf - k*P1`, `k` infinite): only a
    // finite big lane needs (and takes) the exact reduction, so an infinite lane's NaN does
    // not depend on its neighbours.
    let big = finite_from(ax, FAST_F64);
    let (t, hi, lo) = if V::FUSED {
        let (t, k, t1) = first_step(x);
        let hi = k.mul_add(V::splat(-PIO2_F64_P2), t1);
        let lo = k.mul_add(V::splat(-PIO2_F64_P2), t1 - hi);
        let lo = k.mul_add(V::splat(-PIO2_F64_P3), lo);
        // k = 0 (|x| < 0.5 or so) is exact either way: hi = x, lo = 0. The usual vector has no
        // lane with |t1| < 2^-27 at all, so that lane test alone decides the common branch
        // (two operations fewer per vector); a vector that has one (near a multiple of pi/2,
        // or a tiny x with k = 0) then tests |x| > 0.5 as well: the same lanes as before. The
        // test is written so that NaN fails it ([`trig_f64_usual`], the same expressions, so
        // the compiler computes it once); a NaN lane takes the branch below, its values
        // unchanged.
        if usual_lanes(ax, t1) {
            return (hi, lo, V::to_bits(t), true);
        }
        let near1 = t1.abs().lt(V::splat(TWO_POW_M27));
        let near = near1 & V::splat(0.5).lt(ax);
        if V::bitmask(near) == 0 {
            (t, hi, lo)
        } else {
            let (he, le) = reduce_fma_exact(k, t1);
            (t, V::select(near, he, hi), V::select(near, le, lo))
        }
    } else {
        let t = x * V::splat(core::f64::consts::FRAC_2_PI) + magic;
        let k = t - magic;
        // Without FMA: pieces with 33 significant bits make every k*C exact.
        let t1 = x - k * V::splat(PIO2_F64_C1);
        let (s, e1) = two_sum(t1, -(k * V::splat(PIO2_F64_C2)));
        let (s2, e2) = two_sum(s, -(k * V::splat(PIO2_F64_C3)));
        (t, s2, (e1 + e2) - k * V::splat(PIO2_F64_C3T))
    };
    let q = V::to_bits(t);
    if V::bitmask(big) == 0 {
        return (hi, lo, q, false);
    }
    let (qb, hb, lb) = rem_pio2_lanes(x);
    (
        V::select(big, hb, hi),
        V::select(big, lb, lo),
        V::to_bits(V::select(big, V::from_bits(qb), V::from_bits(q))),
        false,
    )
}

/// Whether every lane has `|x| < 2^20` and `|t1| = |x - k*P1| >= 2^-27` (NaN fails): the
/// common branch of [`reduce_f64`] (with FMA), whose `usual` it gives.
#[inline(always)]
fn usual_lanes<V: Lanes<Scalar = f64>>(ax: V, t1: V) -> bool {
    all_set::<V>(ax.lt(V::splat(FAST_F64)) & V::splat(TWO_POW_M27).le(t1.abs()))
}

/// The first step of [`reduce_f64`] with FMA: `(t, k, t1)`, `k = round(x*2/pi)` (from `t`, whose
/// low bits hold it) and `t1 = x - k*P1`, exact.
#[inline(always)]
fn first_step<V: Lanes<Scalar = f64>>(x: V) -> (V, V, V) {
    let magic = V::splat(f64::ROUND_MAGIC);
    let t = x.mul_add(V::splat(core::f64::consts::FRAC_2_PI), magic);
    let k = t - magic;
    (t, k, k.mul_add(V::splat(-PIO2_F64_P1), x))
}

/// Whether every lane of `x` takes the usual path of [`sin_cos::sin_f64`], [`sin_cos::cos_f64`]
/// and [`tan::tan_f64`] (with FMA; `false` without), where every result is a normal number:
/// `|x| < 2^20` (no NaN, no infinity) and `|x - k*P1| >= 2^-27`, so the reduced argument `r`
/// (`|r| <= pi/4`) has `|r| > 2^-27.01`. Then `|sin r|` and `|tan r|` are at least that,
/// `|cos r| >= 0.707` and `|cot r| <= 2^27.01`: whichever the quadrant picks, the result is
/// normal (tiny and subnormal `x`, and zero, fail the test). It is `reduce_f64`'s own test on
/// the same expressions, so the compiler computes it once; the checked entry loops skip their
/// test of the results on such a vector (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::lanes::Lanes;
/// use simdmath_kernels::trig::trig_f64_usual;
/// use wide::f64x4;
/// let fused = <f64x4 as Lanes>::FUSED;
/// assert_eq!(trig_f64_usual(f64x4::from([1.0, -1e4, 3.0, 1048575.0])), fused);
/// assert!(!trig_f64_usual(f64x4::from([1.0, 1e-300, 3.0, 4.0])));
/// assert!(!trig_f64_usual(f64x4::from([1.0, f64::NAN, 3.0, 4.0])));
/// assert!(!trig_f64_usual(f64x4::from([1.0, 2.0, 1048576.0, 4.0])));
/// ```
#[inline(always)]
pub fn trig_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    V::FUSED && usual_lanes(x.abs(), first_step(x).2)
}

/// Whether every lane of `x` has a normal `sin(x)` and `tan(x)`, `f32`: `|x|` normal and below
/// `2^20` (the native path's range, the same compare; no `f32` that size lies within `2^-28` of
/// a multiple of `pi/2`, so `|sin x|` is `|x|` rounded for tiny `x` and above `2^-28`
/// elsewhere, and `|tan x|` is between those and `2^28`; zero, subnormals, the larger
/// arguments and NaN fail). An input test for the checked entry loops (the registry's
/// `input`).
///
/// ```
/// use simdmath_kernels::trig::sin_tan_f32_usual;
/// use wide::f32x8;
/// assert!(sin_tan_f32_usual(f32x8::from([1.0, -1e4, 1e-37, 3.0, 1.0, 1.0, 1.0, 1.0])));
/// assert!(!sin_tan_f32_usual(f32x8::from([1.0, -1e4, 1e-40, 3.0, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn sin_tan_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    crate::common::all_normal_below(x, 1048576.0)
}

/// `2^-27`: [`reduce_f64`]'s lanes with `|x - k*P1|` below it take [`reduce_fma_exact`].
const TWO_POW_M27: f64 = 7.450580596923828e-9;

/// The FMA reduction of [`reduce_f64`] without its `|t1| >= 2^-27` condition, for `|x| < 2^20`
/// and `t1 = x - k*P1` (exact): `k*P2` split exactly by two FMAs, `t1 - fl(k*P2)` by a
/// `two_sum`, the errors and `-k*P3` added to the low part.
#[inline(always)]
fn reduce_fma_exact<V: Lanes<Scalar = f64>>(k: V, t1: V) -> (V, V) {
    let p2 = k * V::splat(PIO2_F64_P2);
    let p2e = k.mul_add(V::splat(PIO2_F64_P2), -p2);
    let (s, e1) = two_sum(t1, -p2);
    (s, k.mul_add(V::splat(-PIO2_F64_P3), e1 - p2e))
}

/// `sin(hi + lo)` for `|hi + lo| <= pi/4`: `hi + (hi^3*S(z) + lo*(1 - z/2))`, `z = hi^2`,
/// `s` = `[S1, S2, ...]`; `w = 1 - z/2` comes from [`kernel_cos`]'s caller.
#[inline(always)]
fn kernel_sin<V: Lanes, const N: usize>(hi: V, lo: V, z: V, w: V, s: &[V::Scalar; N]) -> V {
    let v = z * hi;
    hi + v.mul_add(horner(z, s), lo * w)
}

/// fdlibm `__kernel_cos(hi, lo)`: `cos(hi + lo) = w + (((1 - w) - z/2) + (z^2*C(z) - hi*lo))`
/// with `w = 1 - z/2` rounded, for `|hi + lo| <= pi/4`.
#[inline(always)]
fn kernel_cos<V: Lanes, const N: usize>(hi: V, lo: V, z: V, hz: V, w: V, c: &[V::Scalar; N]) -> V {
    let one = V::splat(V::Scalar::ONE);
    let r = (z * z).mul_add(horner(z, c), -(hi * lo));
    w + (((one - w) - hz) + r)
}

/// `(sin(hi + lo), cos(hi + lo))` on `[-pi/4, pi/4]`.
#[inline(always)]
fn sin_cos_poly<V: Lanes, const NS: usize, const NC: usize>(
    hi: V,
    lo: V,
    s: &[V::Scalar; NS],
    c: &[V::Scalar; NC],
) -> (V, V) {
    let z = hi * hi;
    let hz = V::splat(V::Scalar::HALF) * z;
    let w = V::splat(V::Scalar::ONE) - hz;
    (kernel_sin(hi, lo, z, w, s), kernel_cos(hi, lo, z, hz, w, c))
}

/// `±sin(hi + lo)` where bit 0 of `q` is clear, `±cos(hi + lo)` where it is set (sign from bit 1,
/// as [`quadrant`]), each bit for bit what [`sin_cos_poly`] then [`quadrant`] give, but with one
/// Horner chain per lane: its coefficients are chosen per lane (`S_i` or `C_i`, same length), and
/// so are the operands of the final FMA (`z*hi` and `lo*w` for sin, `z*z` and `lo*(-hi)` =
/// `-(hi*lo)` for cos: the same products). Only the last additions differ between the forms;
/// both are formed and one selected, so no rounding changes. Where a select is dearer than an
/// FMA ([`Lanes::SELECT_COSTLY`]: AVX2, whose `vblendvpd` is 3 micro-ops on Intel) it evaluates
/// both polynomials and selects once ([`sin_cos_poly`], [`quadrant`]): the same bits, and on an
/// Intel Xeon (family 6 model 167) 17-20 % faster there (neutral on AVX-512).
#[inline(always)]
fn sin_or_cos<V: Lanes<Scalar = f64>, const N: usize>(
    hi: V,
    lo: V,
    q: V::Bits,
    s: &[f64; N],
    c: &[f64; N],
) -> V {
    if V::SELECT_COSTLY {
        let (s, c) = sin_cos_poly(hi, lo, s, c);
        return quadrant(q, s, c, 62);
    }
    let one = V::splat_bits(1);
    let odd = V::bits_eq(q & one, one);
    let z = hi * hi;
    let hz = V::splat(V::Scalar::HALF) * z;
    let w = V::splat(V::Scalar::ONE) - hz;
    let mut p = V::select(odd, V::splat(c[N - 1]), V::splat(s[N - 1]));
    let mut i = N - 1;
    while i > 0 {
        i -= 1;
        p = p.mul_add(z, V::select(odd, V::splat(c[i]), V::splat(s[i])));
    }
    let a = z * V::select(odd, z, hi);
    let b = lo * V::select(odd, -hi, w);
    let t = a.mul_add(p, b);
    let one = V::splat(V::Scalar::ONE);
    let y = V::select(odd, w + (((one - w) - hz) + t), hi + t);
    V::from_bits(V::to_bits(y) ^ V::shl(q & V::splat_bits(2), 62))
}

/// Picks `±s` or `±c` by quadrant `q` (sin: `s, c, -s, -c`); `sign_shift` moves bit 1 of `q` to
/// the sign bit.
#[inline(always)]
fn quadrant<V: Lanes>(q: V::Bits, s: V, c: V, sign_shift: u32) -> V {
    let one = V::splat_bits(1);
    let odd = V::bits_eq(q & one, one);
    let y = V::select(odd, c, s);
    V::from_bits(V::to_bits(y) ^ V::shl(q & V::splat_bits(2), sign_shift))
}

/// Whether some lane needs the large-argument path of [`sin_wide`] (finite, `|x| >= 2^28`): one
/// test per `f32` vector, before widening. ±inf and NaN lanes come out NaN from the Cody–Waite
/// steps (`inf - k*P1` with `k` infinite is NaN), so they do not send their vector through the
/// exact reduction: with 1 % NaN lanes (missing values) that cost `sin` `f32` 1.8x and `sincos`
/// 2.6x of the finite data's time (AMD Zen 3, AVX2, n = 1e6).
#[inline(always)]
fn any_big<V: Widen>(x: V) -> bool {
    V::bitmask(finite_from(x.abs(), FAST_F32_WIDE as f32)) != 0
}

/// Largest `|x|` (exclusive) the `f32` kernels reduce by Cody–Waite in `f64` lanes.
const FAST_F32_WIDE: f64 = 268435456.0; // 2^28

/// `x - j*pi/2` for the `f64` lanes of an `f32` input, `|j| < 2^28`, with `j = m` or (`TWICE`)
/// `j = 2m`: the shared reduction of [`sin_wide`], its cos form and [`tan_wide`].
///
/// With FMA, `x - j*P1` is exact in one FMA (53 bits from `2^0` down to `ulp(P1)`) and the
/// second FMA rounds once, relative to the (possibly tiny) result; the `P3` term left out is
/// below `2^28 * 2^-109 = 2^-81`, against `|r| > 2^-40` for every `f32` input. With `TWICE`,
/// `m` times the doubled pieces (`2*P1`, `2*P2`, exact), so `j` is never formed. Without FMA:
/// pieces of 25 significant bits (`PIO2_W*`), so `j*W1`, `j*W2`, ... and the subtractions are
/// exact for `|j| < 2^28`; the result is within a relative `2^-52` either way.
#[inline(always)]
fn minus_pio2_multiple<W: Lanes<Scalar = f64>, const TWICE: bool>(x: W, m: W) -> W {
    if W::FUSED {
        let (p1, p2) = if TWICE {
            (PI_HI, PI_LO)
        } else {
            (PIO2_F64_P1, PIO2_F64_P2)
        };
        let r = m.mul_add(W::splat(-p1), x);
        m.mul_add(W::splat(-p2), r)
    } else {
        let j = if TWICE { m + m } else { m };
        let r = (x - j * W::splat(PIO2_W1)) - j * W::splat(PIO2_W2);
        (r - j * W::splat(PIO2_W3)) - j * W::splat(PIO2_W4)
    }
}

/// `pi` as a double-double: `PI_HI` = `2*P1` (the double nearest `pi`), `PI_LO` = `2*P2`.
const PI_HI: f64 = 2.0 * PIO2_F64_P1;
const PI_LO: f64 = 2.0 * PIO2_F64_P2;
