//! `pow(x, y)` for `f64` and `f32`: `exp(y * log(x))` with `log(x)` in extended precision.
//!
//! **log in double-double** (after ARM optimized-routines' `pow.c`, re-derived): `x = 2^k z`
//! with `z` in `[0x1.69555p-1, 0x1.69555p0)` (integer operations on the bits; subnormal `x`
//! scaled by `2^52` first), split in bit space into 128 subintervals; for the subinterval of
//! `z`, a table (`kernels/gen/pow_log_table.py`, looked up on the lanes by a gather) gives
//! `INVC` = `1/c` with few bits (so `r = z*INVC - 1` is exactly a double: one exact product,
//! [`two_prod`], and an exact sum) and `log(c)` as `LOGC + LOGCTAIL` (`LOGC` a multiple of
//! `2^-43`, so `k*LN2_HI + LOGC` is exact, `LN2_HI` having 42 bits). Then
//! `log(x) = k*ln2 + log(c) + r - r^2/2 + r^3*Q(r)`, `|r| < 1/128`, `Q` of degree 5 (Sollya,
//! absolute error below `2^-71`), summed with the error terms of every rounding kept
//! (`r^2/2` by an exact product, `t1 + r` by a two-sum) into `hi + lo` with a relative error
//! of about `2^-67`. The subintervals next to 1 have `c = 1` (`LOGC = 0`): no cancellation
//! near `x = 1`.
//!
//! **exp of a double-double**: `y*log(x) = ehi + elo` (an exact product and an FMA), then the
//! table-driven exp of `exp.rs` (`2^(j/16)` double-double table, degree-7 polynomial) with
//! `elo` added to the reduced argument. `|y*log(x)|` is known to about `2^-63` absolutely
//! where the result is finite, which the exp turns into a relative error of `2^-63`.
//!
//! **Error bound.** About 0.5 ulp for the last rounding plus below 0.02 ulp from the rest:
//! stated at most 1 ulp integer distance from the correctly rounded result on every backend
//! (measured maxima in `docs/ACCURACY.md`). `f32` is evaluated in `f64` lanes ([`Widen`]) by
//! the same kernel and rounded once more, which keeps it within 0.5 + 2^-29 ulp.
//!
//! **Special values** as C99 Annex F (glibc): `pow(x, ±0) = 1` for every `x` (NaN too),
//! `pow(1, y) = 1` for every `y` (NaN too), `pow(-1, ±inf) = 1`; `pow(x, ±inf)` is `+0` or
//! `+inf` by `|x| < 1`; `pow(±0, y)` and `pow(±inf, y)` are zeros or infinities by the sign of
//! `y`, negative (`-0`, `-inf`) only for a negative base and an odd integer `y`; a negative
//! finite `x` with a finite non-integer `y` gives NaN; a negative `x` with an integer `y` gives
//! `(-1)^y |x|^y`; otherwise NaN propagates. Overflow gives `±inf`, underflow `±0` or
//! subnormals, as the exact value rounds.

use crate::coeffs::{EXP_T16_Q, POW_LOG_Q};
use crate::common::{fast_two_sum, horner, rint, two_prod, two_sum};
use crate::exp_table::{EXP2_16_HI, EXP2_16_LO};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{LN2_F64_HI, LN2_F64_LO, LN2_POW_HI, LN2_POW_LO};
use crate::pow_log_table::{POW_INVC, POW_LOGC, POW_LOGCTAIL};

/// Bit pattern of `0x1.69555p-1`, the lower end of the reduced range of `z`.
const OFF: u64 = 0x3fe6_9555_0000_0000;

/// `log(x)` as a double-double `(hi, lo)` for positive finite `x` (subnormals included).
#[inline(always)]
fn log_dd<V: Lanes<Scalar = f64>>(x: V) -> (V, V) {
    let min = V::splat(f64::MIN_POSITIVE);
    let sub = x.lt(min);
    let xs = V::select(sub, x * V::splat(4503599627370496.0), x); // 2^52
    let ix = V::to_bits(xs);
    let tmp = ix - V::splat_bits(OFF);
    let idx = V::shr(tmp, 45); // subinterval in the low 7 bits
    // k = tmp >> 52 (arithmetic): (tmp + 2^63) >> 52 = k + 2048 >= 0, made a float exactly.
    let kb = V::shr(tmp + V::splat_bits(1 << 63), 52);
    let k = V::from_bits(kb | V::splat_bits(0x4330_0000_0000_0000))
        - V::splat(4503599627372544.0) // 2^52 + 2048
        - V::select(sub, V::splat(52.0), V::splat(0.0));
    let z = V::from_bits(ix - (tmp & V::splat_bits(0xfff << 52)));
    let invc = V::lookup(&POW_INVC, idx);
    let logc = V::lookup(&POW_LOGC, idx);
    let logctail = V::lookup(&POW_LOGCTAIL, idx);
    // r = z*invc - 1 is a double (invc has few bits): the exact product, then an exact sum.
    let (p, e) = two_prod(z, invc);
    let r = (p - V::splat(1.0)) + e;
    // k*ln2 + log(c) + r: k*LN2_HI + logc is exact (multiples of 2^-43 below 2^10).
    let t1 = k * V::splat(LN2_POW_HI) + logc;
    let (t2, lo2) = two_sum(t1, r);
    let lo1 = k.mul_add(V::splat(LN2_POW_LO), logctail);
    // - r^2/2 with its exact rounding error.
    let ar = V::splat(-0.5) * r;
    let (ar2, lo3) = two_prod(ar, r);
    let (hi, lo4) = two_sum(t2, ar2);
    let q = (r * r) * r * horner(r, &POW_LOG_Q);
    let lo = (((lo1 + lo2) + lo3) + lo4) + q;
    fast_two_sum(hi, lo)
}

/// `e^(hi + lo)` for `|lo| <= 2^-40 |hi|` (the table-driven exp of `exp.rs` with `lo` added to
/// the reduced argument).
#[inline(always)]
fn exp_dd<V: Lanes<Scalar = f64>>(hi: V, lo: V) -> V {
    let xc = hi.max(V::splat(-746.0)).min(V::splat(710.0));
    let lo = V::select(hi.abs().lt(V::splat(746.0)), lo, V::splat(0.0));
    let magic = V::splat(f64::ROUND_MAGIC);
    let tk = xc * V::splat(16.0 * core::f64::consts::LOG2_E) + magic;
    let k = tk - magic;
    let r = k.mul_add(
        V::splat(-LN2_F64_LO / 16.0),
        xc - k * V::splat(LN2_F64_HI / 16.0),
    ) + lo;
    let t_hi = V::lookup(&EXP2_16_HI, V::to_bits(tk));
    let t_lo = V::lookup(&EXP2_16_LO, V::to_bits(tk));
    let p = (r * r).mul_add(horner(r, &EXP_T16_Q), r);
    let y = t_hi.mul_add(p, t_lo) + t_hi;
    let e = (k.mul_add(V::splat(0.0625), V::splat(-0.46875)) + magic) - magic;
    y.mul_exp2(e)
}

/// `x^y` on every lane of two `f64` vectors.
///
/// ```
/// use simdmath_kernels::pow::pow_f64;
/// use wide::f64x4;
/// let x = f64x4::from([2.0, -2.0, 0.0, f64::NAN]);
/// let y = f64x4::from([10.0, 3.0, -1.0, 0.0]);
/// assert_eq!(pow_f64(x, y).to_array(), [1024.0, -8.0, f64::INFINITY, 1.0]);
/// ```
#[inline(always)]
pub fn pow_f64<V: Lanes<Scalar = f64>>(x: V, y: V) -> V {
    let zero = V::splat(0.0);
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    let ax = x.abs();
    // The core on |x| (finite, nonzero lanes; the others are replaced below).
    let (lh, ll) = log_dd(ax);
    let (eh, el) = two_prod(y, lh);
    let r = exp_dd(eh, y.mul_add(ll, el));
    // y integer (every |y| >= 2^52 is), odd (|y| < 2^53 and y/2 not an integer).
    let y_int = rint(y).eq(y);
    let half = y * V::splat(0.5);
    let y_odd = y_int & rint(half).ne(half);
    let x_neg = V::to_bits(x) & V::splat_bits(1 << 63);
    let neg = V::bits_eq(x_neg, V::splat_bits(1 << 63)) & y_odd;
    let sign = V::select(neg, V::splat(-0.0), zero);
    let r = or_sign(r, sign);
    // A negative finite x with a finite non-integer y: NaN (-inf with any y is handled below).
    let r = V::select(x.lt(zero) & rint(y).ne(y), V::splat(f64::NAN), r);
    // ±0 and ±inf: 0 or inf by the sign of y (and of the exponent's effect), signed if `neg`.
    let y_neg = y.lt(zero);
    let at_zero = V::select(y_neg, inf, zero);
    let at_inf = V::select(y_neg, zero, inf);
    let r = V::select(ax.eq(zero), or_sign(at_zero, sign), r);
    let r = V::select(ax.eq(inf), or_sign(at_inf, sign), r);
    // y = ±inf: by |x| against 1 (|x| = 1 gives 1, also for x = -1).
    let big_x = one.lt(ax);
    let y_pinf = y.eq(inf);
    let r = V::select(
        y.abs().eq(inf),
        V::select(
            ax.eq(one),
            one,
            V::select(
                big_x,
                V::select(y_pinf, inf, zero),
                V::select(y_pinf, zero, inf),
            ),
        ),
        r,
    );
    // NaN propagates, but pow(x, ±0) = 1 and pow(1, y) = 1 for any x, y.
    let r = V::select(x.is_nan() | y.is_nan(), x + y, r);
    V::select(y.eq(zero) | x.eq(one), one, r)
}

/// `v` with the sign bit of `sign` or-ed in.
#[inline(always)]
fn or_sign<V: Lanes>(v: V, sign: V) -> V {
    V::from_bits(V::to_bits(v) | V::to_bits(sign))
}

/// `x^y` on every lane of two `f32` vectors, evaluated in `f64` lanes by [`pow_f64`].
///
/// ```
/// use simdmath_kernels::pow::pow_f32;
/// use wide::f32x8;
/// let y = pow_f32(f32x8::splat(2.0), f32x8::splat(-3.0)).to_array();
/// assert_eq!(y, [0.125; 8]);
/// ```
#[inline(always)]
pub fn pow_f32<V: Widen>(x: V, y: V) -> V {
    let (x0, x1) = x.widen();
    let (y0, y1) = y.widen();
    V::narrow(pow_f64(x0, y0), pow_f64(x1, y1))
}
