//! `pow(x, y)` for `f64` and `f32`: `exp(y * log(x))` with `log(x)` in extended precision.
//!
//! **log in double-double** (after ARM optimized-routines' `pow.c`, re-derived): `x = 2^k z`
//! with `z` in `[0x1.69555p-1, 0x1.69555p0)` (integer operations on the bits; subnormal `x`
//! scaled by `2^52` first), split in bit space into 128 subintervals; for the subinterval of
//! `z`, a table (`kernels/gen/pow_log_table.py`, looked up on the lanes by a gather) gives
//! `INVC` = `1/c` with few bits (so `r = z*INVC - 1` is exactly a double: one exact product,
//! `two_prod`, and an exact sum) and `log(c)` as `LOGC + LOGCTAIL` (`LOGC` a multiple of
//! `2^-43`, so `k*LN2_HI + LOGC` is exact, `LN2_HI` having 42 bits). Then
//! `log(x) = k*ln2 + log(c) + r - r^2/2 + r^3*Q(r)`, `|r| < 1/128`, `Q` of degree 5 (by
//! Estrin's scheme, as the exp's polynomial below: a shorter chain of dependent operations,
//! 2-5 % faster on Zen 5 in two alternated runs, the roundings of the same size; Sollya,
//! absolute error below `2^-71`), summed with the error terms of every rounding kept
//! (`r^2/2` by an exact product, `t1 + r` by a fast two-sum: `|LOGC| >= 1.4655 |r|` where
//! `c != 1`, checked by `kernels/gen/pow_log_table.py`) into `hi + lo` with a relative error
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
//! (measured maxima in `docs/ACCURACY.md`).
//!
//! **Fast path.** Vectors whose lanes all hold a positive normal finite `x` and a finite `y`
//! (the usual data) skip the special-value rules but `pow(x, ±0) = 1` (the only one that applies
//! to such a lane), the subnormal scaling, and, where every `|y log x|` is below 707, the
//! exponential's clamp and low-part select: the same bits, without about 45 vector operations
//! (issue 18). Where `mul_add` is fused the core itself gives `pow(x, ±0) = pow(±1, y) = 1`
//! exactly (`log(1) = 0 + 0`, an exact `y*log(x)`, `e^(±0) = 1`), so those two selects are left
//! to the backends without FMA, whose Dekker products can overflow.
//!
//! # `f32`: `2^(y log2 x)` in `f64` lanes sized for `f32`
//! (After ARM optimized-routines' `powf`, re-derived.) Each `f32` vector is widened to two
//! `f64` vectors ([`Widen`]; every positive `f32`, subnormals included, is a normal double).
//! **log2**: `x = 2^k z`, `z` in `[0x1.66p-1, 0x1.66p0)` by integer operations on the bits,
//! 8 subintervals by the top 3 mantissa bits; `POWF_INVC = 1/c` and `POWF_LOGC = log2(c)`
//! (doubles, `kernels/gen/f32_tables.py`; the subinterval holding 1 has `c = 1`, so
//! `log2(1) = 0` exactly), `r = z*INVC - 1` (one FMA, `|r| < 0.0576`), `log2(x) = (k + LOGC) +
//! r*p(r)` with `p` of degree 7 (`POWF_LOG2_P`, Sollya in `kernels/gen/f32_native.sollya`,
//! relative `2^-43`, evaluated by Estrin's scheme): relative error about `2^-42`. **exp2**:
//! `t = y*log2(x)` clamped to
//! `[-160, 130]` (so `2^t` is a normal double; the narrowing to `f32` then overflows to `inf`
//! or underflows to `0`/subnormals as the value rounds), `k = round(8 t)`, `r = t - k/8`
//! exact, `2^(k/8) = 2^m 2^(j/8)` by adding `k << 49` to the bits of `POWF_EXP2[j]` (a table of
//! `2^(j/8)` with `j << 49` taken off), `2^r` of degree 4 (`POWF_EXP2_P`, `2^-33.5`; degree 5
//! gave `2^-41.3` that the logarithm's error made moot), by Estrin's scheme. Eight
//! entries fit one AVX-512 register (`vpermpd`) and two AVX2 ones (two `vpermps` and a blend):
//! no gathers (16 entries measured 4.2 ns/element on AVX2 against 2.9, the same on AVX-512).
//! The two polynomials by Estrin's scheme and `8t + 2^52*1.5`, `t - k/8` by one FMA each (both
//! exact either way) shorten the chain of dependent operations: 0.82 -> 0.67 ns/element on
//! AVX-512, 2.10 -> 1.77 on AVX2 (Zen 5, 2026-12-04, with the degree-4 `2^r`).
//! **Error**: `|t| <= 160` carries `160 * 2^-42` absolute from the logarithm, i.e. `2^-35.2`
//! relative in `2^t`, plus the exp2's `2^-33.5` and a few `2^-53` of roundings: the `f64`
//! value is within about `2^-33` relative (`2^-9` ulp of `f32`) before the one rounding to
//! `f32`: stated 1 ulp; the 10^9
//! pairs and the hard pairs of the exhaustive test find at most 1 ulp. Vectors whose lanes
//! are all `x > 0` finite and `y` finite (the usual data) skip the special-value selects: the
//! core gives them the same bits either way (`y = 0` gives `2^0 = 1`, `x = 1` gives
//! `log2 = 0`), so a result never depends on its neighbours; the rest take the core on `|x|`
//! and then the same C99 rules as
//! `f64` (`pow_specials`, generic over the lane type).
//!
//! **Special values** as C99 Annex F (glibc): `pow(x, ±0) = 1` for every `x` (quiet NaN too),
//! `pow(1, y) = 1` for every `y` (quiet NaN too), `pow(-1, ±inf) = 1`; a signaling NaN gives
//! NaN even there (glibc; IEEE 754-2019's exceptions are for quiet NaNs only); `pow(x, ±inf)` is `+0` or
//! `+inf` by `|x| < 1`; `pow(±0, y)` and `pow(±inf, y)` are zeros or infinities by the sign of
//! `y`, negative (`-0`, `-inf`) only for a negative base and an odd integer `y`; a negative
//! finite `x` with a finite non-integer `y` gives NaN; a negative `x` with an integer `y` gives
//! `(-1)^y |x|^y`; otherwise NaN propagates. Overflow gives `±inf`, underflow `±0` or
//! subnormals, as the exact value rounds.

use crate::coeffs::{EXP_T16_Q, POW_LOG_Q};
use crate::coeffs_f32::{POWF_EXP2_P, POWF_LOG2_P};
use crate::common::{all_set, estrin5, estrin6, estrin8, fast_two_sum, is_snan, rint, two_prod};
use crate::exp::{add_exponent_t16, all_below, scale_t16, t16};
use crate::f32_tables::{POWF_EXP2, POWF_INVC, POWF_LOGC};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{LN2_F64_HI, LN2_F64_LO, LN2_POW_HI, LN2_POW_LO};
use crate::pow_log_table::{POW_INVC, POW_LOGC, POW_LOGCTAIL};

/// `POW_LOGC` and `POW_LOGCTAIL` interleaved, for [`Lanes::lookup2`].
const POW_LOGC_PAIRS: [[f64; 2]; 128] = crate::common::interleave(&POW_LOGC, &POW_LOGCTAIL);

/// Bit pattern of `0x1.69555p-1`, the lower end of the reduced range of `z`.
const OFF: u64 = 0x3fe6_9555_0000_0000;

/// Bit pattern of `0x1.66p-1`, the lower end of the reduced range of the `f32` kernel's `z`
/// (`kernels/gen/f32_tables.py`).
const POWF_OFF: u64 = 0x3fe6_6000_0000_0000;

/// `log(x)` as a double-double `(hi, lo)` for positive finite `x`, subnormals included where
/// `SUB` (without `SUB` the caller knows every lane is normal: the same bits for those).
#[inline(always)]
fn log_dd<V: Lanes<Scalar = f64>, const SUB: bool>(x: V) -> (V, V) {
    let min = V::splat(f64::MIN_POSITIVE);
    let sub = x.lt(min);
    // A vector without a subnormal lane (the usual data) skips the scaling: the selects are
    // identities there and `k - 0 = k`, the same bits.
    let any_sub = SUB && V::bitmask(sub) != 0;
    let xs = if any_sub {
        V::select(sub, x * V::splat(4503599627370496.0), x) // 2^52
    } else {
        x
    };
    let ix = V::to_bits(xs);
    let tmp = ix - V::splat_bits(OFF);
    let idx = V::shr(tmp, 45); // subinterval in the low 7 bits
    // k = tmp >> 52 (arithmetic): (tmp + 2^63) >> 52 = k + 2048 >= 0, made a float exactly.
    let kb = V::shr(tmp + V::splat_bits(1 << 63), 52);
    let k = V::from_bits(kb | V::splat_bits(0x4330_0000_0000_0000)) - V::splat(4503599627372544.0); // 2^52 + 2048
    let k = if any_sub {
        k - V::select(sub, V::splat(52.0), V::splat(0.0))
    } else {
        k
    };
    let z = V::from_bits(ix - (tmp & V::splat_bits(0xfff << 52)));
    let invc = V::lookup(&POW_INVC, idx);
    let (logc, logctail) = V::lookup2(&POW_LOGC, &POW_LOGCTAIL, &POW_LOGC_PAIRS, idx);
    // r = z*invc - 1 is a double (invc has few bits): the exact product, then an exact sum.
    let (p, e) = two_prod(z, invc);
    let r = (p - V::splat(1.0)) + e;
    // k*ln2 + log(c) + r: k*LN2_HI + logc is exact (multiples of 2^-43 below 2^10), so one
    // FMA gives the same value as the product and the sum.
    let t1 = k.mul_add(V::splat(LN2_POW_HI), logc);
    // Fast two-sums, exact as the two-sums they replace (the same bits): `t1 = 0` (k = 0,
    // c = 1), or `|t1| >= 1.4655 |r|` (k = 0: the script's tables give `|LOGC| >= 1.4655 max|r|`
    // on every subinterval with c != 1), or `|t1| >= ln2 - 0.35` (k != 0); then `|t2| >=
    // 0.4655 |r| >= r^2/2 >= |ar2|` (|r| < 0.0058).
    let (t2, lo2) = fast_two_sum(t1, r);
    let lo1 = k.mul_add(V::splat(LN2_POW_LO), logctail);
    // - r^2/2 with its exact rounding error.
    let ar = V::splat(-0.5) * r;
    let (ar2, lo3) = two_prod(ar, r);
    let (hi, lo4) = fast_two_sum(t2, ar2);
    let q = (r * r) * r * estrin6(r, &POW_LOG_Q);
    let lo = (((lo1 + lo2) + lo3) + lo4) + q;
    fast_two_sum(hi, lo)
}

/// `e^(hi + lo)` for `|lo| <= 2^-40 |hi|` (the table-driven exp of `exp.rs` with `lo` added to
/// the reduced argument).
#[inline(always)]
fn exp_dd<V: Lanes<Scalar = f64>>(hi: V, lo: V) -> V {
    // Every lane below 707 in magnitude (the usual data; NaN is not): the clamp and the select
    // are identities, and every result is normal (see `scale_t16_normal`).
    let inside = all_below(hi, 707.0);
    let (xc, lo) = if inside {
        (hi, lo)
    } else {
        (
            hi.max(V::splat(-746.0)).min(V::splat(710.0)),
            V::select(hi.abs().lt(V::splat(746.0)), lo, V::splat(0.0)),
        )
    };
    let magic = V::splat(f64::ROUND_MAGIC);
    let tk = xc * V::splat(16.0 * core::f64::consts::LOG2_E) + magic;
    let k = tk - magic;
    // k*HI/16 and the difference are exact (see `crate::exp`'s reduction): one FMA, the same
    // value.
    let r = k.mul_add(
        V::splat(-LN2_F64_LO / 16.0),
        k.mul_add(V::splat(-LN2_F64_HI / 16.0), xc),
    ) + lo;
    let p = (r * r).mul_add(estrin6(r, &EXP_T16_Q), r);
    if inside {
        // |hi| < 707: every result is normal, and 2^floor(k/16) is an addition to the exponent
        // field (three integer operations; exact, so the same bits as `mul_exp2`, which takes
        // four with the floor on AVX-512).
        add_exponent_t16(t16(tk, p), tk)
    } else {
        scale_t16(tk, k, p)
    }
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
    let inf = V::splat(f64::INFINITY);
    // The usual data, every lane with a positive normal finite x and a finite y: of the
    // specials only pow(x, ±0) = 1 can apply (the others leave such a lane as it is), so the
    // same bits without their 35 or so operations, nor the subnormal scaling. The core is
    // spelled out in both branches: computed once before the branch, the checked loop's copy of
    // this kernel (the ufunc's) ran 1.55x slower than the plain loop's (21.8 against 14.0 us at
    // n = 4096), the same in both now.
    if x.all_positive_normal() && all_set::<V>(y.abs().lt(inf)) {
        // With FMA the core itself gives exactly 1 for y = ±0 (`y*log(x)` is ±0 with an exact
        // zero tail, and `e^0 = 1`): the select only where the products are Dekker's.
        if V::FUSED {
            return pow_core::<V, false>(x, y);
        }
        return V::select(y.eq(zero), V::splat(1.0), pow_core::<V, false>(x, y));
    }
    pow_specials(x, y, pow_core::<V, true>(x.abs(), y))
}

/// `|x|^y` for the lanes `pow_specials` leaves as they are: `ax = |x|` finite and nonzero
/// (and normal unless `SUB`), `y` finite (any value in the other lanes).
#[inline(always)]
fn pow_core<V: Lanes<Scalar = f64>, const SUB: bool>(ax: V, y: V) -> V {
    let (lh, ll) = log_dd::<V, SUB>(ax);
    let (eh, el) = two_prod(y, lh);
    let r = exp_dd(eh, y.mul_add(ll, el));
    // |x| = 1: |x|^y = 1 for every finite y. The core gives it wherever `two_prod` is exact
    // (always with FMA: `log(1) = 0 + 0` exactly, then `e^(±0) = 1`), but Dekker's split
    // (backends without FMA) overflows for |y| >= 0x1.ffffffcp+996 and made pow(-1, y) NaN;
    // the specials then give (-1)^y and NaN for non-integer y.
    if V::FUSED {
        return r;
    }
    let one = V::splat(1.0);
    V::select(ax.eq(one), one, r)
}

/// The special values of C99 Annex F (see the module docs) applied to `r`, the core's
/// `|x|^y` (any value in the lanes where the specials decide). Generic over the lane type: the
/// `f64` kernel and the `f32` one share it (a lane of `f32` is exact where every step here
/// is, so the same rules give the same answers).
#[inline(always)]
fn pow_specials<V: Lanes>(x: V, y: V, r: V) -> V {
    let zero = V::splat(V::Scalar::ZERO);
    let one = V::splat(V::Scalar::ONE);
    let inf = V::splat(V::Scalar::INFINITY);
    let ax = x.abs();
    let sign_bit = V::to_bits(-zero);
    // y integer (every |y| >= 2^MANT_BITS is), odd (below 2^(MANT_BITS+1) and y/2 not an
    // integer).
    let y_int = rint(y).eq(y);
    let half = y * V::splat(V::Scalar::HALF);
    let y_odd = y_int & rint(half).ne(half);
    let x_neg = V::to_bits(x) & sign_bit;
    let neg = V::bits_eq(x_neg, sign_bit) & y_odd;
    let sign = V::select(neg, -zero, zero);
    let r = or_sign(r, sign);
    // A negative finite x with a finite non-integer y: NaN (-inf with any y is handled below).
    let r = V::select(x.lt(zero) & rint(y).ne(y), V::splat(V::Scalar::NAN), r);
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
    // NaN propagates, but pow(x, ±0) = 1 and pow(1, y) = 1 for any x, y, quiet NaN too; a
    // signaling NaN gives NaN there as well (glibc; IEEE 754-2019 9.2.1).
    let nan = x + y;
    let r = V::select(x.is_nan() | y.is_nan(), nan, r);
    let r = V::select(y.eq(zero) | x.eq(one), one, r);
    V::select(is_snan(x) | is_snan(y), nan, r)
}

/// `v` with the sign bit of `sign` or-ed in.
#[inline(always)]
fn or_sign<V: Lanes>(v: V, sign: V) -> V {
    V::from_bits(V::to_bits(v) | V::to_bits(sign))
}

/// `log2(x)*y` then `2^(that)` for `f32` values held in `f64` lanes: `x` positive and
/// normal in `f64` (every positive finite `f32` is), `y` finite. See the module docs ("`f32`").
#[inline(always)]
fn powf_core<W: Lanes<Scalar = f64>>(x: W, y: W) -> W {
    // x = 2^k z, z in [OFF, 2 OFF): the subinterval in the top 3 mantissa bits of the
    // difference, k in its exponent field (arithmetic shift, as in `log_dd`).
    let ix = W::to_bits(x);
    let tmp = ix - W::splat_bits(POWF_OFF);
    let idx = W::shr(tmp, 49);
    let kb = W::shr(tmp + W::splat_bits(1 << 63), 52);
    let k = W::from_bits(kb | W::splat_bits(0x4330_0000_0000_0000)) - W::splat(4503599627372544.0); // 2^52 + 2048
    let z = W::from_bits(ix - (tmp & W::splat_bits(0xfff << 52)));
    let invc = W::lookup(&POWF_INVC, idx);
    let logc = W::lookup(&POWF_LOGC, idx);
    // log2(x) = k + log2(c) + log2(1 + r), r = z/c - 1 (one rounding, 2^-53 relative).
    let r = z.mul_add(invc, W::splat(-1.0));
    let l = r.mul_add(estrin8(r, &POWF_LOG2_P), logc + k);
    // 2^(y*log2(x)): the clamp keeps the exponent in the normal range of f64 (the narrowing
    // to f32 then overflows to inf or underflows to 0 exactly as the value rounds).
    let t = (y * l).max(W::splat(-160.0)).min(W::splat(130.0));
    let magic = W::splat(f64::ROUND_MAGIC);
    // 8t is exact, so the FMA rounds as the product and the sum did.
    let tk = t.mul_add(W::splat(8.0), magic);
    let kk = tk - magic;
    // Exact: k/8 and t are multiples of min(ulp(t), 1/8) and |r| <= 1/16 (one FMA or a
    // product and a difference, the same value).
    let rr = kk.mul_add(W::splat(-0.125), t);
    // 2^(kk/8) = 2^m * 2^(j/8): the table's bits plus kk << 49 (see `f32_tables.rs`).
    let tb = W::to_bits(tk);
    let s = W::from_bits(W::to_bits(W::lookup(&POWF_EXP2, tb)) + W::shl(tb, 49));
    estrin5(rr, &POWF_EXP2_P) * s
}

/// `x^y` on every lane of two `f32` vectors: `2^(y*log2(x))` in `f64` lanes with tables and
/// polynomials sized for `f32` (see the module docs, "`f32`"), one rounding to `f32`.
///
/// ```
/// use simdmath_kernels::pow::pow_f32;
/// use wide::f32x8;
/// let y = pow_f32(f32x8::splat(2.0), f32x8::splat(-3.0)).to_array();
/// assert_eq!(y, [0.125; 8]);
/// let x = f32x8::from([-2.0, 0.0, 1.0, 10.0, -0.0, f32::NAN, 4.0, 3.0]);
/// let e = f32x8::from([3.0, -1.0, f32::NAN, 40.0, -3.0, 0.0, 0.5, 2.0]);
/// let y = pow_f32(x, e).to_array();
/// assert_eq!(y, [-8.0, f32::INFINITY, 1.0, f32::INFINITY, f32::NEG_INFINITY, 1.0, 2.0, 9.0]);
/// ```
#[inline(always)]
pub fn pow_f32<V: Widen>(x: V, y: V) -> V {
    let inf = V::splat(f32::INFINITY);
    let zero = V::splat(0.0);
    let ok = zero.lt(x) & x.lt(inf) & y.abs().lt(inf);
    let all = all_set::<V>(ok);
    // The usual data: positive finite x, finite y. Elsewhere the core runs on |x| (1 where x
    // is 0, inf or NaN) and finite y (0 elsewhere), and the specials decide those lanes; the
    // lanes of positive finite x and finite y get the same core inputs either way, and the
    // specials leave them as they are, so a result never depends on its neighbours.
    let (xs, ys) = if all {
        (x, y)
    } else {
        let ax = x.abs();
        let xf = zero.lt(ax) & ax.lt(inf);
        (
            V::select(xf, ax, V::splat(1.0)),
            V::select(y.abs().lt(inf), y, zero),
        )
    };
    let (x0, x1) = xs.widen();
    let (y0, y1) = ys.widen();
    let r = V::narrow(powf_core(x0, y0), powf_core(x1, y1));
    if all { r } else { pow_specials(x, y, r) }
}
