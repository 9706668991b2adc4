//! `exp` for `f64` and `f32`.
//!
//! # `f64`: table-driven
//! **Range reduction.** `x = (16m + j)*ln2/16 + r`: `k = round(x*16/ln2)` (a multiply and an
//! add, `x*(16*log2(e)) + 1.5*2^52`, so that all backends agree on `k`; `j = k mod 16` is in
//! the low bits of the sum), `r = x - k*ln2/16` with `ln2 = LN2_HI + LN2_LO` (`LN2_HI` has 32
//! significant bits, so `k*LN2_HI/16` and `x - k*LN2_HI/16` are exact; the `LN2_LO` term is
//! one FMA), `|r| <= ln2/32` plus a rounding of `k`.
//!
//! **Table.** `2^(j/16) = T_HI[j] + T_LO[j]` (double-double, `kernels/gen/exp_table.py`, exact
//! integer arithmetic), looked up on the lanes ([`Lanes::lookup`]: one `vpermi2pd` per table on
//! AVX-512, four scalar loads on AVX2, indexed loads on the portable backend).
//!
//! **Polynomial.** `e^r - 1 = r + r^2*q(r)`, `q` of degree 5 (a minimax fit on
//! `[-ln2/32, ln2/32]` by Sollya's `fpminimax` in `kernels/gen/coeffs.sollya`; relative error
//! of `1 + r + r^2 q` below `2^-64`; degree 4 would give `2^-55`). The result is assembled as
//! `T_HI + (T_HI*p + T_LO)`, then scaled by `2^m` (`m = floor(k/16)`) with [`Lanes::mul_exp2`]
//! (two exact powers of two, or one `vscalef` on AVX-512).
//!
//! **Error bound.** About 0.5 ulp for the last addition, plus below `2^-58` relative for the
//! inner term's rounding (`|p| <= 0.022`), the reduction and the polynomial: stated at most
//! 1 ulp integer distance from the correctly rounded result (faithful) on every backend;
//! measured maxima in `docs/ACCURACY.md`. Subnormal results are rounded twice (the sum, then
//! the scaling): still within the bound. The input is clamped to `[-746, 710]`, so overflow to
//! `+inf`, gradual underflow and the flush to `+0` happen in the scaling, at the exact
//! thresholds.
//!
//! # `f32`
//! **Range reduction.** `x = k*ln2 + r` with `k = round(x/ln2)`, `|r| <= ln2/2`; `ln2` is split
//! as `LN2_HI + LN2_LO` where `LN2_HI` has 16 significant bits, so `k*LN2_HI` and
//! `x - k*LN2_HI` are exact; `r = hi - k*LN2_LO` is one fused operation on FMA backends (its
//! error, below 2^-25 |r|, is left out: the exhaustive test of all 2^32 inputs still finds at
//! most 1 ulp) and kept with its rounding error `rlo` otherwise.
//!
//! **Polynomial.** `e^r = 1 + r + r^2*q(r)`, `q` of degree 5 on `[-ln2/2, ln2/2]` (Sollya);
//! `rlo` enters as `rlo*(1 + r)`. The sum is `1 + (r + s)` with `s = r^2*q + rlo*(1 + r)`,
//! then scaled by `2^k` as above; where [`Lanes::mul_exp2`] is not one instruction and every
//! lane has `-86.3 < x < 88`, by adding `k` to the exponent field instead (exact there: the
//! same bits).
//!
//! **Error bound.** Stated: at most 1 ulp integer distance from the correctly rounded result
//! on every backend; measured maxima (exhaustive) in `docs/ACCURACY.md`.

use crate::coeffs::{EXP_F32_Q, EXP_T16_Q};
use crate::common::{all_set, horner};
use crate::exp_table::{EXP2_16_HI, EXP2_16_LO};

/// `EXP2_16_HI` and `EXP2_16_LO` interleaved, for [`Lanes::lookup2`].
pub(crate) const EXP2_16_PAIRS: [[f64; 2]; 16] =
    crate::common::interleave(&EXP2_16_HI, &EXP2_16_LO);
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{LN2_F32_HI, LN2_F32_LO, LN2_F64_HI, LN2_F64_LO};

/// Whether every lane of `x` takes [`exp_f64`]'s usual path, where every result is a normal
/// number: `|x| < 707`, so `e^x = 2^(k/16) (1 + p)` is normal (`k/16` within 1/32 of `x/ln2`;
/// `e^-707 > 2^-1020`). Tested on `x` itself, before the clamp (the identity there), so the
/// usual vectors skip the clamp. `false` where [`Lanes::mul_exp2`] is one instruction (the
/// kernel has no such path there). The checked entry loops skip their test of the results on
/// such a vector: the kernel computed this already (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::exp::exp_f64_usual;
/// use wide::f64x4;
/// assert!(exp_f64_usual(f64x4::from([0.0, -706.0, 706.0, 1.0])));
/// assert!(!exp_f64_usual(f64x4::from([0.0, 1.0, 708.0, f64::NAN])));
/// ```
#[inline(always)]
pub fn exp_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_below(x, 707.0)
}

/// `e^x` on every lane of an `f64` vector (table-driven; see the module docs).
///
/// ```
/// use simdmath_kernels::exp::exp_f64;
/// use wide::f64x4;
/// let y = exp_f64(f64x4::from([0.0, 1.0, 710.0, -800.0])).to_array();
/// assert_eq!(y[0], 1.0);
/// assert_eq!(y[1], std::f64::consts::E);
/// assert_eq!(y[2], f64::INFINITY);
/// assert_eq!(y[3], 0.0);
/// ```
#[inline(always)]
pub fn exp_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    if exp_f64_usual(x) {
        let (tk, k, p) = exp_reduced(x);
        return scale_t16_normal(tk, k, p, true);
    }
    // The clamp keeps NaN lanes NaN (see `Lanes::max`), and NaN flows through to the result.
    let xc = x.max(V::splat(-746.0)).min(V::splat(710.0));
    let (tk, k, p) = exp_reduced(xc);
    scale_t16(tk, k, p)
}

/// [`reduce_ln2_16`] and `p = e^r - 1 = r + r^2 q(r)` of [`exp_f64`], for a clamped `x`.
#[inline(always)]
fn exp_reduced<V: Lanes<Scalar = f64>>(xc: V) -> (V, V, V) {
    let (tk, k, r) = reduce_ln2_16(xc);
    (tk, k, (r * r).mul_add(horner(r, &EXP_T16_Q), r))
}

/// The reduction of the table-driven `f64` kernels (exp, expm1, sinh, cosh, tanh):
/// `x = k*ln2/16 + r`, returns `(tk, k, r)` with `k mod 16` in the low bits of `tk`. `x` must
/// be clamped to `|x| < 2^11` (or NaN).
#[inline(always)]
pub(crate) fn reduce_ln2_16<V: Lanes<Scalar = f64>>(xc: V) -> (V, V, V) {
    let magic = V::splat(f64::ROUND_MAGIC);
    // k = round(x * 16/ln2) by a separate multiply and add, so every backend agrees on k;
    // k mod 16 is in the low bits of tk.
    let tk = xc * V::splat(16.0 * core::f64::consts::LOG2_E) + magic;
    let k = tk - magic;
    // r = x - k*ln2/16: k*HI/16 is exact (|k| < 2^15, HI has 32 bits) and so is the
    // subtraction, so one FMA gives the same value as the product and the difference; the LO
    // term rounds once (FMA) or twice, below 2^-75 either way.
    let r = k.mul_add(
        V::splat(-LN2_F64_LO / 16.0),
        k.mul_add(V::splat(-LN2_F64_HI / 16.0), xc),
    );
    (tk, k, r)
}

/// `floor(k/16)` for an integer-valued `k` (`|k| < 2^40`), exactly: `floor` of the exact
/// `k/16` where the backend rounds by an instruction ([`Lanes::ROUND_NATIVE`]), else
/// `round(k/16 - 15/32)` by adding and subtracting the rounding constant. The same values;
/// only a zero may differ in sign (`-0` from `k = -0`), and every caller adds the result to a
/// nonzero value or scales by `2^result`, where the sign of zero does not matter.
#[inline(always)]
pub(crate) fn floor16<V: Lanes<Scalar = f64>>(k: V) -> V {
    if V::ROUND_NATIVE {
        return (k * V::splat(0.0625)).floor();
    }
    let magic = V::splat(f64::ROUND_MAGIC);
    (k.mul_add(V::splat(0.0625), V::splat(-0.46875)) + magic) - magic
}

/// `2^(k/16) * (1 + p)` for the `tk`, `k` of a reduction by 1/16 of an octave (exp, exp2,
/// exp10): `2^(j/16) = T_HI + T_LO` looked up on the lanes, assembled as
/// `T_HI + (T_HI*p + T_LO)` (the only large rounding is the last addition), scaled by
/// `2^floor(k/16)` with [`Lanes::mul_exp2`] (overflow and gradual underflow at the exact
/// thresholds).
#[inline(always)]
pub(crate) fn scale_t16<V: Lanes<Scalar = f64>>(tk: V, k: V, p: V) -> V {
    let y = t16(tk, p);
    y.mul_exp2(floor16(k))
}

/// `2^(j/16) * (1 + p)` with `j = k mod 16` in the low bits of `tk`: `T_HI + (T_HI*p + T_LO)`,
/// the table looked up on the lanes (the only large rounding is the last addition).
#[inline(always)]
pub(crate) fn t16<V: Lanes<Scalar = f64>>(tk: V, p: V) -> V {
    let (t_hi, t_lo) = V::lookup2(&EXP2_16_HI, &EXP2_16_LO, &EXP2_16_PAIRS, V::to_bits(tk));
    t_hi.mul_add(p, t_lo) + t_hi
}

/// [`scale_t16`] where every lane's result is known to be normal (`-1021 <= floor(k/16) <=
/// 1023`, or `k/16` in `(-1021, 1023)`; the caller checks): the same bits, but on backends whose
/// [`Lanes::mul_exp2`] is not one instruction `2^floor(k/16)` is applied by an integer addition
/// to the exponent field of `y = 2^(j/16) (1 + p)` (`y` in `[0.97, 1.97]`, so the product is
/// normal and exact): `k`'s two's complement sits in the low bits of `tk`, and
/// `(k << 48) & 0xfff0...` is `floor(k/16) << 52` modulo `2^64`.
#[inline(always)]
pub(crate) fn scale_t16_normal<V: Lanes<Scalar = f64>>(tk: V, k: V, p: V, normal: bool) -> V {
    if V::MUL_EXP2_NATIVE || !normal {
        return scale_t16(tk, k, p);
    }
    add_exponent_t16(t16(tk, p), tk)
}

/// `y 2^floor(k/16)` for a positive normal `y` (or NaN with the low 16 bits of its payload
/// zero) where the product is a normal double (for `y` in `[0.97, 1.97]`: `-1021 <=
/// floor(k/16) <= 1023`), `k`'s two's
/// complement in the low bits of `tk = 1.5*2^52 + k`: `floor(k/16)` added to `y`'s exponent
/// field, `(k << 48) & 0xfff0...` being `floor(k/16) << 52` modulo `2^64` (and `bits(1.5*2^52)
/// << 48 = 0`: its low 16 bits are zero). Exact, so the same value as a multiplication by
/// `2^floor(k/16)`.
#[inline(always)]
pub(crate) fn add_exponent_t16<V: Lanes<Scalar = f64>>(y: V, tk: V) -> V {
    let m = V::shl(V::to_bits(tk), 48) & V::splat_bits(0xfff0_0000_0000_0000);
    V::from_bits(V::to_bits(y) + m)
}

/// `2^v` for integer-valued `v` in `[-1022, 1023]`, built from its bits: `v + 1023` sits in the
/// low bits of `v + (1.5*2^52 + 1023)` and the shift by 52 drops the rest.
#[inline(always)]
pub(crate) fn pow2_normal<V: Lanes<Scalar = f64>>(v: V) -> V {
    V::from_bits(V::shl(
        V::to_bits(v + V::splat(f64::ROUND_MAGIC + 1023.0)),
        52,
    ))
}

/// `y * 2^m` for integer-valued `m` where both `2^m` and the product are known to be normal
/// (`f32` values in `f64` lanes: `|m|` a few hundred at most): [`Lanes::mul_exp2`] where it is
/// one instruction, elsewhere one multiplication by `2^m` built from its bits ([`pow2_normal`]),
/// exact, so the same bits. A NaN `y` stays NaN whatever `m` is.
#[inline(always)]
pub(crate) fn mul_pow2_normal<V: Lanes<Scalar = f64>>(y: V, m: V) -> V {
    if V::MUL_EXP2_NATIVE {
        y.mul_exp2(m)
    } else {
        y * pow2_normal(m)
    }
}

/// Whether every lane of `a` lies in the open interval `(lo, hi)` (NaN does not).
#[inline(always)]
pub(crate) fn all_within<V: Lanes>(a: V, lo: V::Scalar, hi: V::Scalar) -> bool {
    all_set::<V>(V::splat(lo).lt(a) & a.lt(V::splat(hi)))
}

/// Whether every lane of `a` (a clamped argument, or NaN) is below `bound` in magnitude.
#[inline(always)]
pub(crate) fn all_below<V: Lanes>(a: V, bound: V::Scalar) -> bool {
    all_set::<V>(a.abs().lt(V::splat(bound)))
}

/// Whether every lane of `x` takes [`exp_f32`]'s usual path, where every result is a normal
/// number: `x` in `(-86.9, 88.3)`, so `-125 <= k <= 127` (`add_exponent`; `e^-86.9 >
/// 2^-126`). That is every normal result but `(-87.34, -86.9]`: a test of `(-86.3, 88)` sent 3 %
/// of the vectors of `U[-87, 88]` to the other branch, mispredicted. Tested on `x` before the
/// clamp (the identity there); `false` where [`Lanes::mul_exp2`] is one instruction. The
/// checked entry loops skip their test of the results on such a vector (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::exp::exp_f32_usual;
/// use wide::f32x8;
/// assert!(exp_f32_usual(f32x8::from([0.0, -86.8, 88.2, 1.0, 2.0, 3.0, -4.0, 5.0])));
/// assert!(!exp_f32_usual(f32x8::from([0.0, -87.0, 1.0, 1.0, 2.0, 3.0, -4.0, 5.0])));
/// ```
#[inline(always)]
pub fn exp_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_within(x, -86.9, 88.3)
}

/// `e^x` on every lane of an `f32` vector.
///
/// ```
/// use simdmath_kernels::exp::exp_f32;
/// use wide::f32x8;
/// let y = exp_f32(f32x8::splat(0.0)).to_array();
/// assert_eq!(y, [1.0; 8]);
/// ```
#[inline(always)]
pub fn exp_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    if exp_f32_usual(x) {
        let (tk, _, p) = expf_reduced(x);
        return add_exponent(p, tk);
    }
    let (_, k, p) = expf_reduced(x.max(V::splat(-104.0)).min(V::splat(89.0)));
    p.mul_exp2(k)
}

/// `p*2^k` for an integer `k`, its two's complement in the low bits of `tk = 1.5*2^M + k`
/// (`M` the width's mantissa bits, 23 or 52), where the product is a normal number (`f32`: `p`
/// in `[0.70, 1.42]`, exponent field 126 or 127, and `-125 <= k <= 127`): the product is exact,
/// so adding `k` to the exponent field gives its bits (`bits(1.5*2^M) << M` is 0 modulo the
/// width: its low `M` bits are zero). Where [`Lanes::mul_exp2`] is not one instruction this is
/// cheaper, and the same bits. A NaN `p` whose `tk` has the low `M` bits zero (an `f32` NaN's
/// input, widened) stays NaN.
#[inline(always)]
pub(crate) fn add_exponent<V: Lanes>(p: V, tk: V) -> V {
    V::from_bits(V::to_bits(p) + V::shl(V::to_bits(tk), V::Scalar::MANT_BITS))
}

/// `k = round(x/ln2)` (in the low bits of `tk`, and as a float) and `p ~ e^(x - k ln2)` of
/// [`exp_f32`], for a clamped `x`.
#[inline(always)]
fn expf_reduced<V: Lanes<Scalar = f32>>(xc: V) -> (V, V, V) {
    let magic = V::splat(f32::ROUND_MAGIC);
    let tk = xc * V::splat(core::f32::consts::LOG2_E) + magic;
    let k = tk - magic;
    // k*LN2_HI is exact, so the fused form rounds only the difference: the same bits.
    let hi = if V::FUSED {
        k.mul_add(V::splat(-LN2_F32_HI), xc)
    } else {
        xc - k * V::splat(LN2_F32_HI)
    };
    let (r, rlo) = if V::FUSED {
        // One rounding for r = hi - k*LN2_LO; its error (below 2^-25 |r|) is left out.
        (k.mul_add(V::splat(-LN2_F32_LO), hi), V::splat(0.0))
    } else {
        let lo = k * V::splat(LN2_F32_LO);
        let r = hi - lo;
        (r, (hi - r) - lo)
    };
    let q = horner(r, &EXP_F32_Q);
    // With FMA `rlo` is zero: a plain product then, not an FMA with a zero addend (one
    // operation fewer per vector; the same bits: `r^2 q >= +0`, and NaN stays NaN).
    let s = if V::FUSED {
        (r * r) * q
    } else {
        (r * r).mul_add(q, rlo.mul_add(r, rlo))
    };
    (tk, k, V::splat(1.0) + (r + s))
}

/// Correctly rounded `exp` on `f32` lanes (the tier of [`crate::cr`]), in two stages:
/// - **stage 1**, [`exp_wide`]: `f32` inputs in `f64` lanes, the reduction and table of
///   [`exp_f64`] with the table's high part only, `e^r - 1 = r + r^2*q(r)` with `q` the Taylor
///   polynomial `1/2 + r/6 + r^2/24 + r^3/120` (the remainder `r^6/720 * e^|r|` is below
///   `2^-42.6` for `|r| <= ln2/32`). Reduction error: `|k| <= 2400` times the rounding of
///   `ln2/16` to `f64` (`2^-58`), below `2^-46.8` (FMA: one rounding; without FMA the product's
///   rounding adds `2^-46.3`); the table entry, the polynomial's and the assembly's roundings
///   add a few `2^-53`. Relative error below `2^-42.3`, tested at `2^-40`.
/// - **stage 2**, for the vectors with a lane stage 1 leaves open (about `2^-15` of lanes):
///   [`exp_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::EXP`
///   (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; empty: no
///   input needs one).
///
/// ```
/// use simdmath_kernels::exp::exp_f32_cr;
/// use wide::f32x8;
/// assert_eq!(exp_f32_cr(f32x8::splat(1.0)).to_array(), [core::f32::consts::E; 8]);
/// assert_eq!(exp_f32_cr(f32x8::splat(-104.0)).to_array(), [0.0; 8]);
/// ```
#[inline(always)]
pub fn exp_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (exp_wide(lo), exp_wide(hi)),
        crate::common::pow2(-40),
        exp_f64,
        crate::cr_exceptions::EXP
    )
}

/// `e^x` for `f32` values held exactly in `f64` lanes, to a relative `2^-42.3`: stage 1 of
/// [`exp_f32_cr`] (its error analysis is there). Overflow and underflow come out of the final
/// scaling (the input is clamped to `[-104, 89]`, beyond both `f32` thresholds); NaN stays NaN.
///
/// ```
/// use simdmath_kernels::exp::exp_wide;
/// use wide::f64x4;
/// let y = exp_wide(f64x4::splat(1.0)).to_array()[0];
/// assert!((y - core::f64::consts::E).abs() < 1e-12);
/// ```
#[inline(always)]
pub fn exp_wide<V: Lanes<Scalar = f64>>(x: V) -> V {
    let xc = x.max(V::splat(-104.0)).min(V::splat(89.0));
    let magic = V::splat(f64::ROUND_MAGIC);
    let tk = xc * V::splat(16.0 * core::f64::consts::LOG2_E) + magic;
    let k = tk - magic;
    let r = k.mul_add(V::splat(-core::f64::consts::LN_2 / 16.0), xc);
    let q = horner(r, &[0.5, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0]);
    let p = (r * r).mul_add(q, r);
    let t = V::lookup(&EXP2_16_HI, V::to_bits(tk));
    // x in [-104, 89]: floor(k/16) in [-151, 129], a normal double; the input of an f32 NaN
    // has the low 29 bits of its payload zero, and so has tk.
    add_exponent_t16(t.mul_add(p, t), tk)
}
