//! `sin` and `cos` for `f64` and `f32`.
//!
//! **Range reduction** to `r = x - k*pi/2`, `|r| <= pi/4`, kept as a double-double `hi + lo`:
//! - `|x| < 2^20` (`f64`) / `|x| < 400` (`f32`): Cody–Waite on the vector lanes. `pi/2` is split
//!   into three pieces of 33 (`f64`) / 16 (`f32`) significant bits plus a rounded remainder, so
//!   `k*C1`, `k*C2`, `k*C3` are exact (`k < 2^20` / `k < 2^8`); `x - k*C1` is exact (Sterbenz) and
//!   the next two subtractions are error-free two-sums, so the reduced argument carries about 150
//!   (`f64`) / 72 (`f32`) bits of `pi/2`, enough for the floats nearest multiples of `pi/2`.
//!   All products are exact, so fused and unfused backends reduce identically.
//! - larger finite arguments: only the lanes that need it go through the exact Payne–Hanek
//!   reduction of `reduce.rs` (scalar, integer arithmetic, `f64` also for `f32` inputs).
//!
//! **Polynomials** on `[-pi/4, pi/4]`, fdlibm's `__kernel_sin`/`__kernel_cos` forms with the
//! `lo` correction: `sin(r) = hi + hi^3*(S1 + z*S(z))` (odd, degree 13 for `f64`, 9 for `f32`)
//! and `cos(r) = 1 - z/2 + z^2*C(z)` (even, degree 14 / 10), `z = hi^2`, minimax coefficients from
//! Sollya's `fpminimax` (`kernels/gen/coeffs.sollya`). Both are evaluated and the quadrant
//! `k mod 4` selects `±sin(r)` or `±cos(r)`.
//!
//! **Error bound.** Stated: at most 1 ulp integer distance from the correctly rounded result,
//! on every backend, for every finite argument; measured maxima in `docs/ACCURACY.md`.
//!
//! **Special values** as libm: `sin(±0) = ±0` (a select: the two-sums lose the sign of zero),
//! `cos(±0) = 1`; `±inf` and NaN give NaN by themselves (`inf - k*P1` is NaN and it propagates).

use crate::coeffs::{COS_F32_C, COS_F64_C, SIN_F32_S, SIN_F64_S};
use crate::common::{horner, two_sum};
use crate::lanes::{Lanes, Scalar};
use crate::pio2_table::{
    PIO2_F32_C1, PIO2_F32_C2, PIO2_F32_C3, PIO2_F32_C4, PIO2_F32_P1, PIO2_F32_P2, PIO2_F32_P3,
    PIO2_F64_C1, PIO2_F64_C2, PIO2_F64_C3, PIO2_F64_C3T, PIO2_F64_P1, PIO2_F64_P2, PIO2_F64_P3,
};
use crate::reduce::rem_pio2_large;

/// Largest `|x|` (exclusive) reduced on the vector lanes, `f64`.
const FAST_F64: f64 = 1048576.0; // 2^20
/// Largest `|x|` (exclusive) reduced on the vector lanes, `f32`.
const FAST_F32: f32 = 400.0;

/// `x = k*pi/2 + hi + lo`; returns `(hi, lo, q)` with `k mod 4` in the low bits of `q`.
#[inline(always)]
fn reduce_f64<V: Lanes<Scalar = f64>>(x: V) -> (V, V, V::Bits) {
    let magic = V::splat(f64::ROUND_MAGIC);
    let t = x * V::splat(core::f64::consts::FRAC_2_PI) + magic;
    let k = t - magic;
    let (hi, lo) = if V::FUSED {
        // |k| < 2^20: k*P1 and x are multiples of 2^-53 and their difference is below 1, so
        // the FMA gives x - k*P1 exactly; the second FMA gives the exact error of k*P2.
        let t1 = k.mul_add(V::splat(-PIO2_F64_P1), x);
        let p2 = k * V::splat(PIO2_F64_P2);
        let p2e = k.mul_add(V::splat(PIO2_F64_P2), -p2);
        let (s, e1) = two_sum(t1, -p2);
        (s, k.mul_add(V::splat(-PIO2_F64_P3), e1 - p2e))
    } else {
        // Without FMA: pieces with 33 significant bits make every k*C exact.
        let t1 = x - k * V::splat(PIO2_F64_C1);
        let (s, e1) = two_sum(t1, -(k * V::splat(PIO2_F64_C2)));
        let (s2, e2) = two_sum(s, -(k * V::splat(PIO2_F64_C3)));
        (s2, (e1 + e2) - k * V::splat(PIO2_F64_C3T))
    };
    // NaN compares false; ±inf lanes take the branch but are skipped (they are NaN already).
    let big = V::bitmask(V::le(V::splat(FAST_F64), x.abs()));
    exact_lanes(x, hi, lo, V::to_bits(t), big)
}

/// `x = k*pi/2 + hi + lo` for `f32` lanes; see [`reduce_f64`].
#[inline(always)]
fn reduce_f32<V: Lanes<Scalar = f32>>(x: V) -> (V, V, V::Bits) {
    let magic = V::splat(f32::ROUND_MAGIC);
    let t = x * V::splat(core::f32::consts::FRAC_2_PI) + magic;
    let k = t - magic;
    let (hi, lo) = if V::FUSED {
        // |k| < 2^8: as for f64, x - k*P1 is exact by one FMA, k*P2 split exactly by another.
        let t1 = k.mul_add(V::splat(-PIO2_F32_P1), x);
        let p2 = k * V::splat(PIO2_F32_P2);
        let p2e = k.mul_add(V::splat(PIO2_F32_P2), -p2);
        let (s, e1) = two_sum(t1, -p2);
        (s, k.mul_add(V::splat(-PIO2_F32_P3), e1 - p2e))
    } else {
        // Without FMA: pieces with 16 significant bits make every k*C exact.
        let t1 = x - k * V::splat(PIO2_F32_C1);
        let (s, e1) = two_sum(t1, -(k * V::splat(PIO2_F32_C2)));
        let (s2, e2) = two_sum(s, -(k * V::splat(PIO2_F32_C3)));
        (s2, (e1 + e2) - k * V::splat(PIO2_F32_C4))
    };
    let big = V::bitmask(V::le(V::splat(FAST_F32), x.abs()));
    exact_lanes(x, hi, lo, V::to_bits(t), big)
}

/// The exact reduction of one scalar, in the element type: `(q, hi, lo)` with `q` in the low
/// bits of a float's bit pattern (as the vector path leaves it).
trait ExactReduce: Copy + Default {
    fn is_finite_(self) -> bool;
    fn exact_reduce(self) -> (Self, Self, Self);
}

impl ExactReduce for f64 {
    fn is_finite_(self) -> bool {
        self.is_finite()
    }
    fn exact_reduce(self) -> (f64, f64, f64) {
        let (q, h, l) = rem_pio2_large(self);
        (f64::from_bits(q as u64), h, l)
    }
}

impl ExactReduce for f32 {
    fn is_finite_(self) -> bool {
        self.is_finite()
    }
    fn exact_reduce(self) -> (f32, f32, f32) {
        let (q, h, l) = rem_pio2_large(self as f64);
        let h32 = h as f32;
        (f32::from_bits(q), h32, ((h - h32 as f64) + l) as f32)
    }
}

/// Redoes the reduction of the finite lanes set in `lanes` with the exact Payne–Hanek one
/// (scalar, `reduce.rs`); the other lanes keep the vector result. Returns `(hi, lo, q)`.
#[inline(always)]
fn exact_lanes<V: Lanes>(x: V, hi: V, lo: V, q: V::Bits, mut lanes: u32) -> (V, V, V::Bits)
where
    V::Scalar: ExactReduce,
{
    if lanes == 0 {
        return (hi, lo, q);
    }
    let z = V::Scalar::default();
    let (mut xa, mut ha, mut la, mut qa) = ([z; 16], [z; 16], [z; 16], [z; 16]);
    // SAFETY: every array holds 16 >= LANES elements.
    unsafe {
        x.store(xa.as_mut_ptr());
        hi.store(ha.as_mut_ptr());
        lo.store(la.as_mut_ptr());
        V::from_bits(q).store(qa.as_mut_ptr());
    }
    while lanes != 0 {
        let i = lanes.trailing_zeros() as usize;
        lanes &= lanes - 1;
        if xa[i].is_finite_() {
            (qa[i], ha[i], la[i]) = xa[i].exact_reduce();
        }
    }
    // SAFETY: as above.
    unsafe {
        (
            V::load(ha.as_ptr()),
            V::load(la.as_ptr()),
            V::to_bits(V::load(qa.as_ptr())),
        )
    }
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

/// Picks `±s` or `±c` by quadrant `q` (sin: `s, c, -s, -c`); `sign_shift` moves bit 1 of `q` to
/// the sign bit.
#[inline(always)]
fn quadrant<V: Lanes>(q: V::Bits, s: V, c: V, sign_shift: u32) -> V {
    let one = V::splat_bits(1);
    let odd = V::bits_eq(q & one, one);
    let y = V::select(odd, c, s);
    V::from_bits(V::to_bits(y) ^ V::shl(q & V::splat_bits(2), sign_shift))
}

/// `sin(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::sin_cos::sin_f64;
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
/// use simdmath_kernels::sin_cos::cos_f64;
/// use wide::f64x4;
/// assert_eq!(cos_f64(f64x4::splat(0.0)).to_array(), [1.0; 4]);
/// ```
#[inline(always)]
pub fn cos_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q) = reduce_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    quadrant(q + V::splat_bits(1), s, c, 62)
}

/// `sin(x)` on every lane of an `f32` vector.
///
/// ```
/// use simdmath_kernels::sin_cos::sin_f32;
/// use wide::f32x8;
/// assert_eq!(sin_f32(f32x8::splat(0.0)).to_array(), [0.0; 8]);
/// ```
#[inline(always)]
pub fn sin_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let (hi, lo, q) = reduce_f32(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F32_S, &COS_F32_C);
    V::select(x.eq(V::splat(0.0)), x, quadrant(q, s, c, 30))
}

/// `cos(x)` on every lane of an `f32` vector.
///
/// ```
/// use simdmath_kernels::sin_cos::cos_f32;
/// use wide::f32x8;
/// assert_eq!(cos_f32(f32x8::splat(0.0)).to_array(), [1.0; 8]);
/// ```
#[inline(always)]
pub fn cos_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let (hi, lo, q) = reduce_f32(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F32_S, &COS_F32_C);
    quadrant(q + V::splat_bits(1), s, c, 30)
}
