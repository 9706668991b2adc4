//! `exp2`, `exp10` and `expm1` for `f64` and `f32`, built on `exp`'s reduction by 1/16 of an
//! octave and its `2^(j/16)` table (`exp.rs`, `exp_table.rs`).
//!
//! # `f64`
//! **Range reduction.** `x = k*s + r` with `s = 1/16` (exp2), `log10(2)/16` (exp10) or
//! `ln2/16` (expm1), `k = round(x/s)` by a separate multiply and add of `1.5*2^52` (so that all
//! backends agree on `k`; `j = k mod 16` is in the low bits of the sum), `|r| <= s/2` plus a
//! rounding of `k`:
//! - exp2: `k/16` is exact and so is `r = x - k/16` (both are multiples of `ulp(x)` or of
//!   `2^-4`, and `|r| <= 1/32`);
//! - exp10: `log10(2)/16 = HI + LO` (`LOG10_2_16`, Sollya), `HI` with 32 significant bits, so
//!   `k*HI` (`|k| < 2^15`) and `x - k*HI` are exact; the `LO` term is one FMA (or a product
//!   and a difference), below `2^-80` absolute;
//! - expm1: exactly `exp`'s reduction ([`crate::exp`]).
//!
//! **Polynomials** (minimax, Sollya `fpminimax`, `kernels/gen/exp_family.sollya`, double
//! coefficients): `2^r - 1 = r*q(r)` and `10^r - 1 = r*q(r)` with `q` of degree 6 on
//! `[-1/32, 1/32]` and `[-log10(2)/32, log10(2)/32]` (relative error of `1 + r*q(r)` below
//! `2^-62.8` and `2^-61.5`); expm1 uses exp's `e^r - 1 = r + r^2*q(r)` (`EXP_T16_Q`, degree 7
//! in all, `2^-64.6`).
//!
//! **exp2, exp10** are assembled as exp is: `2^(j/16)*(1 + p) = T_HI + (T_HI*p + T_LO)`, then
//! scaled by `2^floor(k/16)` with [`Lanes::mul_exp2`] (overflow to `+inf`, gradual underflow
//! and the flush to `+0` at the exact thresholds; the inputs are clamped to `[-1080, 1025]`
//! and `[-330, 310]`). Error: about 0.5 ulp for the last addition plus below `2^-57`
//! relative for the inner rounding (`|p| <= 0.022`), the leading coefficient and the
//! polynomial; subnormal results are rounded twice (the sum, then the scaling), still below
//! 1 ulp. Exact cases come out exact: at an integer `x`, exp2 has `r = 0`, `p = 0` and gives
//! `2^x` exactly (subnormal powers included); exp10 at the integers whose power of ten is a
//! double (`10^0` to `10^22`) is exact because its error before the last rounding is far
//! below half an ulp.
//!
//! **expm1** keeps `e^x - 1` as an unevaluated sum before the one rounding that matters. With
//! `e^x = 2^m*(T_HI + T_LO)*(1 + r + r^2 q)` and `c = 2^-m` (exact),
//! `(e^x - 1)/2^m = (T_HI - c) + T_HI*r + (T_HI*r^2 q + T_LO + T_LO*r)`: `T_HI - c` and
//! `T_HI*r` are split exactly (`two_sum`, `two_prod`), their leading parts added by another
//! `two_sum`, and every rounded term is below `5e-4` while the result is at least `0.0216`
//! (`k != 0`) or the terms vanish with it (`k = 0`: `T_HI = c = 1`, the result is
//! `r + r^2 q` with `r = x`). Error: 0.5 ulp for the final addition plus below `2^-57`
//! relative; no cancellation anywhere near 0. That sum is needed only where `m` is -1 or 0
//! (`x` in about `(-0.74, 0.69)`): elsewhere `|T_HI - c| >= 0.5` (`m >= 1`: `T_HI - c` is exact
//! for `m <= 52`; `m <= -2`: `|T_HI - c| >= 2`, its error `e` kept by the two-sum) and the lanes
//! take `(T_HI - c) + ((T_HI p + T_LO) + e)` rounded once, `p = r + r^2 q` rounded: the tail is
//! below `0.045` and carries about four roundings of its size (`2^-53 * 0.17` absolute against
//! a head of at least `0.46`), within `0.4 * 2^-53` relative before the last rounding (issue 18,
//! 2026-12-05: Zen 5, n = 4096, over `[-709, 709]`, AVX-512 0.672 -> 0.621 ns/element, AVX2
//! 1.474 -> 1.352); a vector with no lane near 0 skips the double-double sum, a mixed one
//! selects per lane (a result never depends on its neighbours). The input is clamped to
//! `[-40, 710]` (below `-38`, `expm1` rounds to `-1`); `expm1(±0) = ±0` by a select.
//!
//! **Stated bound**: at most 1 ulp integer distance from the correctly rounded result on every
//! backend; measured maxima in `docs/ACCURACY.md`.
//!
//! # `f32`: exp2, exp10 and expm1 in native `f32` lanes
//! Issue 17: built for `f32`, 16 lanes per AVX-512 vector.
//!
//! **exp2** needs no table: `k = round(x)` (the addition of `1.5*2^23`), `r = x - k` exact,
//! `|r| <= 1/2`, `2^r = 1 + r*q(r)` with `q` of degree 5 in single coefficients (`EXP2F_Q`,
//! Sollya in `kernels/gen/f32_native.sollya`: relative `2^-27.6`) by Horner and one final
//! FMA, scaled by `2^k` with [`Lanes::mul_exp2`] (one `vscalefps` on AVX-512; on the other
//! backends, for vectors whose lanes all have `|x| < 125`, by adding `k` to the exponent field,
//! which is exact there and so gives the same bits, at 0.30 against 0.45 ns on AVX2). **Error**: 0.5
//! ulp for the final FMA, plus `|r|` times the rounding of `q` (below `2^-25.3` absolute, at
//! most 0.2 ulp where the result is below 1), plus the fit: about 0.75 ulp, stated 1 ulp; a
//! subnormal result is rounded twice (the value, then the scaling). Integer `x` gives exact
//! powers of two (`r = 0`). Clamp `[-151, 129]`.
//!
//! **exp10** reduces as the `f64` kernel does, in singles: `k = round(x*16*log2(10))` by a
//! separate multiply and add of `1.5*2^23`; `log10(2)/16 = HI + LO` (`LOG10_2_16F`, Sollya) has
//! a 12-bit `HI`, so `k*HI` (`|k| < 2^12`) and `x - k*HI` are exact and the `LO` term rounds
//! once (an FMA; twice on the portable backend), below `2^-30` absolute. `2^(j/16) = T_HI +
//! T_LO` is a pair of singles (`kernels/gen/f32_tables.py`, one `vpermps` each on AVX-512),
//! `10^r - 1 = r*q(r)` with `q` of degree 3 in single coefficients (`EXP10F_T16_Q`: relative
//! `2^-33.1`), assembled as `T_HI + (T_HI*p + T_LO)` and scaled by `2^floor(k/16)` (where
//! [`Lanes::mul_exp2`] is not one instruction and every lane has `-37.5 < x < 38.2`, by an integer
//! addition to the exponent field: exact there, the same bits).
//! **Error**: 0.5 ulp for the last addition, plus the inner term's rounding (`|T_HI p + T_LO| <
//! 0.023 T`: below `2^-29` relative), the table pair (`2^-47`), the polynomial and the `LO`
//! term (together below `2^-29`): about 0.52 ulp, stated 1 ulp. Clamp `[-46, 40]`.
//!
//! Both: the exhaustive test of all 2^32 inputs on every backend finds at most 1 ulp
//! (shares correctly rounded in docs/ACCURACY.md).
//!
//! **expm1** (issue 17) reduces as `exp_f32` does, `x = k ln2 + r`, `k = round(x log2(e))` by
//! one FMA with `1.5*2^23 + 127` (the low bits then hold the biased exponent of `2^k`, built by
//! a shift), but keeps `r = rh + rl` (`x - k LN2_HI` exact, `rh` its FMA with `LN2_LO`, `rl`
//! the rest: below `2^-48` off). `e^r - 1 = rh + s`, `s = rh^2 q(rh) + rl (1 + rh)` with exp's
//! `EXP_F32_Q` (degree 5, fitted relative to `e^r - 1 - r`: `2^-27.8`). Then
//! `e^x - 1 = (2^k - 1) + 2^k rh + 2^k s`: `2^k - 1 = t + tl` (`two_sum`), `t + 2^k rh = h + l`
//! (`fast_two_sum`, `|t| >= |2^k rh|`), both exact, and `y = h + (2^k s + (l + tl))`: the
//! cancellation near `k = ±1` happens in exact arithmetic. **Error**: 0.5 ulp for the last
//! addition, plus the roundings of `s` (`|s| <= 0.07`) and of the FMA, each at most a quarter
//! ulp of the result in the worst case (`k = 1`, `x` near `ln2/2`, result near 0.41), and the
//! fit (negligible): below 1.5 ulp from the exact value, so at most 1 ulp from the correctly
//! rounded result; `k = 0` is `rh + s` with `rh = x`. Clamp `[-17.5, 88]` (below -17.33,
//! `expm1` rounds to -1); above 88 the lanes take `exp_f32`'s value (`e^x - 1` rounds as `e^x`
//! there, and `2^128` is not a single), overflow included; `expm1(±0) = ±0` by a select. The
//! exhaustive test finds at most 1 ulp on every backend.
//!
//! The correctly rounded tier's stage 1 of expm1 ([`expm1_f32_cr`]) keeps the earlier
//! evaluation in `f64` lanes: each `f32` vector widened to two `f64` vectors ([`Widen`]) and
//! the result rounded to `f32` once, with the reduction by 1/16 of an octave,
//! the table's high parts only (`2^-54` relative) and `e^r - 1 = r + r^2 q(r)` of degree 5
//! (`EXP_W_Q`: `2^-40` relative to `e^r - 1`); it is `A*p + (A - 1)` with `A = 2^m T_HI` exact:
//! the `f64` roundings cost at most `2^-51` relative even where `A - 1` and `A*p` partly
//! cancel, so the value is within about `2^-37` of the exact result before the one rounding
//! to `f32`. The correctly rounded tier's stage 1 of exp2 and exp10 ([`exp2_f32_cr`],
//! [`exp10_f32_cr`]) is an `f64`-lane evaluation without a table (`exp2_wide`, `exp10_wide`:
//! a reduction by a whole octave and one polynomial of degree 8, `2^-39.9`; the table of
//! sixteen entries cost more on AVX2, where its lookup is four scalar loads per `f64`
//! vector), whose stated error its rounding test uses.
//!
//! **Special values** as libm (C99 Annex F): `exp2(±0) = exp10(±0) = 1`, `expm1(±0) = ±0`;
//! `+inf` gives `+inf`, `-inf` gives `+0` (exp2, exp10) or `-1` (expm1); NaN gives NaN (the
//! clamps keep NaN lanes NaN, see [`Lanes::max`]).

use crate::coeffs::{EXP_F32_Q, EXP_T16_Q};
use crate::coeffs_exp_family::{EXP_W_Q, EXP2_T16, EXP2_W, EXP10_T16, EXP10_W, LOG10_2_16};
use crate::coeffs_f32::{EXP2F_Q, EXP10F_T16_Q, LOG10_2_16F};
use crate::common::{all_set, fast_two_sum, horner, keep_zeros, two_prod, two_sum};
use crate::exp::EXP2_16_PAIRS;
use crate::exp::exp_f32;
use crate::exp::{
    add_exponent, add_exponent_t16, all_below, all_within, floor16, pow2_normal, reduce_ln2_16,
    scale_t16, scale_t16_normal, t16,
};
use crate::exp_table::{EXP2_16_HI, EXP2_16_LO};
use crate::f32_tables::{EXP2F_16_HI, EXP2F_16_LO};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{LN2_F32_HI, LN2_F32_LO};

/// `16*log2(10)`, rounded (only `k = round(x*16*log2(10))` depends on it).
const LOG2_10_X16: f64 = 16.0 * core::f64::consts::LOG2_10;

/// Whether every lane of `x` takes [`exp2_f64`]'s usual path, where every result is a normal
/// number: `|x| < 1020`. Tested on `x` before the clamp (the identity there), so the usual
/// vectors skip the clamp; `false` where [`Lanes::mul_exp2`] is one instruction. The checked
/// entry loops skip their test of the results on such a vector (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::exp_family::exp2_f64_usual;
/// use wide::f64x4;
/// assert!(exp2_f64_usual(f64x4::from([0.0, -1019.0, 1019.5, 1.0])));
/// assert!(!exp2_f64_usual(f64x4::from([0.0, -1021.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn exp2_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_below(x, 1020.0)
}

/// `2^x` on every lane of an `f64` vector (see the module docs).
///
/// ```
/// use simdmath_kernels::exp_family::exp2_f64;
/// use wide::f64x4;
/// let y = exp2_f64(f64x4::from([3.0, -1074.0, 1024.0, 0.5])).to_array();
/// assert_eq!(y[..3], [8.0, f64::from_bits(1), f64::INFINITY]);
/// assert_eq!(y[3], std::f64::consts::SQRT_2);
/// ```
#[inline(always)]
pub fn exp2_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    if exp2_f64_usual(x) {
        let (tk, k, p) = exp2_reduced(x);
        return scale_t16_normal(tk, k, p, true);
    }
    let xc = x.max(V::splat(-1080.0)).min(V::splat(1025.0));
    let (tk, k, p) = exp2_reduced(xc);
    scale_t16_subnormal(tk, k, p)
}

/// `k = round(16 x)` (in the low bits of `tk`) and `p = 2^r - 1`, `r = x - k/16`, of
/// [`exp2_f64`] for a clamped `x`.
#[inline(always)]
fn exp2_reduced<V: Lanes<Scalar = f64>>(xc: V) -> (V, V, V) {
    let magic = V::splat(f64::ROUND_MAGIC);
    // 16 x is exact, so the FMA rounds the sum as the product and the addition do.
    let tk = xc.mul_add(V::splat(16.0), magic);
    let k = tk - magic;
    // Exact: k/16 and x are multiples of min(ulp(x), 1/16) and |r| <= 1/32 (one FMA or the
    // product and the difference: the same value).
    let r = k.mul_add(V::splat(-0.0625), xc);
    (tk, k, r * horner(r, &EXP2_T16))
}

/// Whether every lane of `x` takes [`exp10_f64`]'s usual path, where every result is a normal
/// number: `|x| < 307` (`log10(2^1021) = 307.35`). Tested on `x` before the clamp (the
/// identity there), so the usual vectors skip the clamp; `false` where [`Lanes::mul_exp2`] is
/// one instruction. The checked entry loops skip their test of the results on such a vector
/// (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::exp_family::exp10_f64_usual;
/// use wide::f64x4;
/// assert!(exp10_f64_usual(f64x4::from([0.0, -306.0, 306.5, 1.0])));
/// assert!(!exp10_f64_usual(f64x4::from([0.0, 308.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn exp10_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_below(x, 307.0)
}

/// `10^x` on every lane of an `f64` vector (see the module docs).
///
/// ```
/// use simdmath_kernels::exp_family::exp10_f64;
/// use wide::f64x4;
/// let y = exp10_f64(f64x4::from([2.0, 22.0, -1.0, 309.0])).to_array();
/// assert_eq!(y, [100.0, 1e22, 0.1, f64::INFINITY]);
/// ```
#[inline(always)]
pub fn exp10_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    if exp10_f64_usual(x) {
        let (tk, k, p) = exp10_reduced(x);
        return scale_t16_normal(tk, k, p, true);
    }
    let xc = x.max(V::splat(-330.0)).min(V::splat(310.0));
    let (tk, k, p) = exp10_reduced(xc);
    scale_t16_subnormal(tk, k, p)
}

/// `k = round(x 16 log2(10))` (in the low bits of `tk`) and `p = 10^r - 1`, `r = x - k
/// log10(2)/16`, of [`exp10_f64`] for a clamped `x`.
#[inline(always)]
fn exp10_reduced<V: Lanes<Scalar = f64>>(xc: V) -> (V, V, V) {
    let magic = V::splat(f64::ROUND_MAGIC);
    let tk = xc * V::splat(LOG2_10_X16) + magic;
    let k = tk - magic;
    // k*HI is exact (|k| < 2^15, HI has 32 bits) and so is x - k*HI (one FMA or the product
    // and the difference: the same value); the LO term rounds.
    let r = k.mul_add(
        V::splat(-LOG10_2_16[1]),
        k.mul_add(V::splat(-LOG10_2_16[0]), xc),
    );
    (tk, k, r * horner(r, &EXP10_T16))
}

/// [`scale_t16`] for functions whose results are often subnormal (exp2, exp10 over their whole
/// range): the same bits, but without floating-point operations whose results are subnormal
/// or underflow, which take a microcode assist on x86 (measured: exp2 over `[-1074, -1022]`
/// took 18 ns per element instead of 0.5 on AVX-512). Vectors with no lane below `2^-1022`
/// take `scale_t16` itself; otherwise the lanes whose scale `2^e` is below `2^-1022` are
/// rounded to a multiple of `2^-1074` as integers: `n = rint(y * 2^(e + 1074))` (a normal
/// product, exact; `y*2^(e+1074) < 2^52`) by the addition of `2^52`, whose low bits are then
/// the bit pattern of the subnormal (or of `2^-1022` where it rounds up, or of `+0`). That is
/// the single rounding of `y*2^e` that [`Lanes::mul_exp2`] computes.
#[inline(always)]
fn scale_t16_subnormal<V: Lanes<Scalar = f64>>(tk: V, k: V, p: V) -> V {
    let e = floor16(k);
    let min_normal = V::splat(-1022.0);
    let sub = e.lt(min_normal);
    if V::bitmask(sub) == 0 {
        return scale_t16(tk, k, p);
    }
    let y = t16(tk, p);
    let normal = y.mul_exp2(e.max(min_normal));
    // e >= -1080 (the clamps), so y*2^(e + 1074) >= 2^-7: normal, exact.
    let v = y.mul_exp2(e + V::splat(1074.0));
    let two52 = V::splat(f64::TWO_POW_MANT);
    let tiny = V::from_bits(V::to_bits(v + two52) - V::to_bits(two52));
    V::select(sub, tiny, normal)
}

/// `(e^x - 1)/2^m` rounded once, and `m`, for `x` clamped to `[-40, 710]` (or NaN): see the
/// module docs. Lanes with `m` in `{-1, 0}` (`x` in about `(-0.74, 0.69)`) take the
/// double-double sum; the others one rounding of `(T_HI - c) + (T_HI p + T_LO)`, which has no
/// cancellation there. A vector without the former lanes skips the double-double sum.
///
/// The exact sums: `T_HI - c = s + e` by a two-sum; in the double-double sum, `s + a1` by a
/// fast two-sum: `s = 0` where `k = 0` (`T_HI = c = 1`), and elsewhere `|s| = |2^(j/16) -
/// 2^-m| >= 2^(1/16) - 1 = 0.0442` (`k = 1`; `k = -1` gives `0.0847`) while `|a1| = |T_HI r|
/// <= 1.9152 * 0.021662 = 0.0415`: Dekker's condition `|a| >= |b|` holds, so it is exact.
#[inline(always)]
fn expm1_scaled<V: Lanes<Scalar = f64>>(xc: V) -> (V, V) {
    let (tk, k, r) = reduce_ln2_16(xc);
    let m = floor16(k);
    let near = expm1_near(m);
    // 2^-m, m in [-58, 1024]; clamped at 2^-1022 (normal), which leaves the sums unchanged there.
    let c = pow2_normal((-m).max(V::splat(-1022.0)));
    let (t_hi, t_lo) = V::lookup2(&EXP2_16_HI, &EXP2_16_LO, &EXP2_16_PAIRS, V::to_bits(tk));
    // e^r - 1 - r.
    // q by Estrin's scheme: a shorter chain of dependent operations than Horner's (Zen 5,
    // n = 4096, two alternated runs: expm1 1-2 % faster, tanh 7-9 % when it shared this), its
    // roundings of the same size.
    let r2q = (r * r) * crate::common::estrin6(r, &EXP_T16_Q);
    let (s, e) = two_sum(t_hi, -c);
    // m >= 1 or m <= -2: |s| >= 0.5, the tail below 0.045.
    let fast = s + (t_hi.mul_add(r + r2q, t_lo) + e);
    if V::bitmask(near) == 0 {
        return (fast, m);
    }
    // (e^x - 1)/2^m = (T_HI - c) + T_HI*r + (T_HI*r2q + T_LO + T_LO*r).
    let (a1, a2) = two_prod(t_hi, r);
    let (h, l1) = fast_two_sum(s, a1);
    let lo = (e + a2) + t_lo.mul_add(r, t_hi.mul_add(r2q, t_lo));
    (V::select(near, h + (l1 + lo), fast), m)
}

/// The lanes of [`expm1_scaled`] with `m` in `{-1, 0}` (`x` in about `(-0.74, 0.69)`).
#[inline(always)]
fn expm1_near<V: Lanes<Scalar = f64>>(m: V) -> V::Mask {
    m.lt(V::splat(1.0)) & V::splat(-2.0).lt(m)
}

/// `x` clamped to `[-40, 710]` as [`expm1_f64`] takes it (NaN stays NaN).
#[inline(always)]
fn expm1_clamp<V: Lanes<Scalar = f64>>(x: V) -> V {
    x.max(V::splat(-40.0)).min(V::splat(710.0))
}

/// Whether every lane of `x` takes [`expm1_f64`]'s usual path, where every result is a normal
/// number: no lane with `m` in `{-1, 0}` (`x` outside about `(-0.74, 0.69)`, so `|expm1 x| >=
/// 0.5`; tiny and subnormal `x`, and zero, fail) and the clamped `x` below `709.7` (no
/// overflow, one multiplication by a normal power of two; NaN fails). `false` where
/// [`Lanes::mul_exp2`] is one instruction (AVX-512, which scales every lane with it). The
/// kernel's own two tests on the same expressions, so the compiler computes them once; the
/// checked entry loops skip their test of the results on such a vector (the registry's
/// `usual`).
///
/// ```
/// use simdmath_kernels::exp_family::expm1_f64_usual;
/// use simdmath_kernels::lanes::Lanes;
/// use wide::f64x4;
/// let usual = expm1_f64_usual(f64x4::from([-1e300, -1.0, 709.6, 1.0]));
/// assert_eq!(usual, !<f64x4 as Lanes>::MUL_EXP2_NATIVE);
/// assert!(!expm1_f64_usual(f64x4::from([0.5, -1.0, 1.0, 1.0])));
/// assert!(!expm1_f64_usual(f64x4::from([1.0, 709.8, 1.0, 1.0])));
/// assert!(!expm1_f64_usual(f64x4::from([1.0, f64::NAN, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn expm1_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    let xc = expm1_clamp(x);
    let (_, k, _) = reduce_ln2_16(xc);
    !V::MUL_EXP2_NATIVE && all_below(xc, 709.7) && V::bitmask(expm1_near(floor16(k))) == 0
}

/// `e^x - 1` on every lane of an `f64` vector, without cancellation near 0 (see the module
/// docs).
///
/// ```
/// use simdmath_kernels::exp_family::expm1_f64;
/// use wide::f64x4;
/// let y = expm1_f64(f64x4::from([1e-300, -0.0, f64::NEG_INFINITY, 1.0])).to_array();
/// assert_eq!(y[0], 1e-300);
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], -1.0);
/// assert!((y[3] - 1.718281828459045).abs() <= 2.0 * f64::EPSILON);
/// ```
#[inline(always)]
pub fn expm1_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let xc = expm1_clamp(x);
    let (v, m) = expm1_scaled(xc);
    // x < 709.7: k <= 16382, so 2^m (m <= 1023) is normal and so is the product (one
    // multiplication, the same bits); the whole range of finite results but (709.7, 709.78].
    let y = if !V::MUL_EXP2_NATIVE && all_below(xc, 709.7) {
        v * pow2_normal(m)
    } else {
        v.mul_exp2(m)
    };
    keep_zeros(x, y)
}

/// `2^x` of `f32` values held in `f64` lanes (clamped to `[-151, 129]`), to a relative
/// `2^-39.9`, without a table: `k = round(x)` (the addition of `1.5*2^52`), `r = x - k` exact,
/// `|r| <= 1/2`, `2^r = 1 + c1 r + ... + c8 r^8` (`EXP2_W`: `2^-39.99`) by Horner (its
/// roundings below `2^-51`), times `2^k` by an integer addition to the exponent field
/// ([`add_exponent`]: `2^k 2^r` is a normal double; an `f32` NaN's input has the low 29 bits
/// of its payload zero, and so has `tk`: NaN stays NaN).
#[inline(always)]
fn exp2_wide<W: Lanes<Scalar = f64>>(x: W) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let tk = x + magic;
    let r = x - (tk - magic);
    add_exponent(horner(r, &EXP2_W), tk)
}

/// `10^x` of `f32` values held in `f64` lanes (clamped to `[-46, 40]`), to a relative
/// `2^-39.9`, without a table: `k = round(x log2(10))` (one FMA adding `1.5*2^52`), `r = x - k
/// log10(2)` (one FMA with `log10(2)` rounded to a double: `|k| <= 153` times its rounding
/// `2^-55`, times `ln 10` in the result, below `2^-46.5`; without FMA the product's rounding
/// adds `2^-46.8`), `|r| <= log10(2)/2` plus a little, `10^r = 1 + c1 r + ... + c8 r^8`
/// (`EXP10_W`: `2^-39.99`), times `2^k` as in `exp2_wide`.
#[inline(always)]
fn exp10_wide<W: Lanes<Scalar = f64>>(x: W) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let tk = x.mul_add(W::splat(core::f64::consts::LOG2_10), magic);
    let k = tk - magic;
    let r = k.mul_add(W::splat(-core::f64::consts::LOG10_2), x);
    add_exponent(horner(r, &EXP10_W), tk)
}

/// `e^x - 1` of `f32` values held in `f64` lanes (clamped to `[-40, 710]`), to about `2^-37`
/// relative. Shared with `tanh`.
#[inline(always)]
pub(crate) fn expm1_wide<W: Lanes<Scalar = f64>>(x: W) -> W {
    let (tk, _, r) = reduce_ln2_16(x);
    // A = 2^m * T_HI, exact (x in [-40, 89] for every caller: m in [-58, 128], and A is a
    // normal double).
    let a = add_exponent_t16(W::lookup(&EXP2_16_HI, W::to_bits(tk)), tk);
    let p = (r * r).mul_add(horner(r, &EXP_W_Q), r);
    a.mul_add(p, a - W::splat(1.0))
}

/// `2^(k/16) * (1 + p)` in native `f32` lanes for the `tk`, `k` of a reduction by 1/16 of an
/// octave (exp10 `f32`): `2^(j/16) = T_HI + T_LO` (singles, `f32_tables.rs`) looked up on
/// the lanes (one `vpermps` on AVX-512), assembled as `T_HI + (T_HI*p + T_LO)` (the only large
/// rounding is the last addition), scaled by `2^floor(k/16)` with [`Lanes::mul_exp2`], or,
/// where the caller says `normal` (every lane's `k` in `[-1993, 2030]`), by an integer addition
/// to the exponent field.
#[inline(always)]
fn scale_t16_f32<V: Lanes<Scalar = f32>>(tk: V, k: V, p: V, normal: bool) -> V {
    let t_hi = V::lookup(&EXP2F_16_HI, V::to_bits(tk));
    let t_lo = V::lookup(&EXP2F_16_LO, V::to_bits(tk));
    let y = t_hi.mul_add(p, t_lo) + t_hi;
    if normal {
        // -1993 <= k <= 2030: y in [0.97, 1.97] (exponent field 126 or 127) times
        // 2^floor(k/16), -125 <= floor(k/16) <= 126, is normal and exact, so floor(k/16) is
        // added to y's exponent field: k's two's complement sits in the low bits of tk, and
        // (k << 19) & 0xff80_0000 is floor(k/16) << 23 modulo 2^32. The same bits as the
        // multiplication, cheaper where mul_exp2 is not one instruction.
        // (bits(1.5*2^23) << 19 is 0 modulo 2^32: its low 13 bits are zero.)
        return V::from_bits(
            V::to_bits(y) + (V::shl(V::to_bits(tk), 19) & V::splat_bits(0xff80_0000)),
        );
    }
    // floor(k/16) = round(k/16 - 15/32): k/16 and the difference are exact (|k| < 2^13).
    let magic = V::splat(f32::ROUND_MAGIC);
    y.mul_exp2((k.mul_add(V::splat(0.0625), V::splat(-0.46875)) + magic) - magic)
}

/// Whether every lane of `x` takes [`exp2_f32`]'s usual path, where every result is a normal
/// number: `x` in `(-125.5, 127.5)`, so `-125 <= k <= 127` (`add_exponent`; a test of
/// `|x| < 125` sent 9 % of the vectors of `U[-126, 127]` to the other branch, mispredicted).
/// Tested on `x` before the clamp (the identity there); `false` where [`Lanes::mul_exp2`] is
/// one instruction. The checked entry loops skip their test of the results on such a vector
/// (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::exp_family::exp2_f32_usual;
/// use wide::f32x8;
/// assert!(exp2_f32_usual(f32x8::from([0.0, -125.0, 127.0, 1.0, 2.0, 3.0, -4.0, 5.0])));
/// assert!(!exp2_f32_usual(f32x8::from([0.0, -126.0, 1.0, 1.0, 2.0, 3.0, -4.0, 5.0])));
/// ```
#[inline(always)]
pub fn exp2_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_within(x, -125.5, 127.5)
}

/// `2^x` on every lane of an `f32` vector, in native `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::exp_family::exp2_f32;
/// use wide::f32x8;
/// let y = exp2_f32(f32x8::from([3.0, -149.0, 128.0, -151.0, 0.0, -0.0, 0.5, 1.0])).to_array();
/// assert_eq!(y[..6], [8.0, f32::from_bits(1), f32::INFINITY, 0.0, 1.0, 1.0]);
/// assert_eq!(y[6], std::f32::consts::SQRT_2);
/// ```
#[inline(always)]
pub fn exp2_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    if exp2_f32_usual(x) {
        let (tk, _, p) = exp2f_reduced(x);
        return add_exponent(p, tk);
    }
    let (_, k, p) = exp2f_reduced(x.max(V::splat(-151.0)).min(V::splat(129.0)));
    p.mul_exp2(k)
}

/// `k = round(x)` (in the low bits of `tk`, and as a float) and `p ~ 2^(x - k)` of
/// [`exp2_f32`], for a clamped `x`.
#[inline(always)]
fn exp2f_reduced<V: Lanes<Scalar = f32>>(xc: V) -> (V, V, V) {
    let magic = V::splat(f32::ROUND_MAGIC);
    let tk = xc + magic;
    let k = tk - magic;
    // Exact: |r| <= 1/2 and r is a multiple of ulp(x).
    let r = xc - k;
    (tk, k, r.mul_add(horner(r, &EXP2F_Q), V::splat(1.0)))
}

/// Whether every lane of `x` takes [`exp10_f32`]'s usual path, where every result is a normal
/// number: `x` in `(-37.5, 38.2)` (`10^-37.5 > 2^-126`, `10^38.2 < 2^128`; the exponent-field
/// addition there needs only `-1993 <= k <= 2030`). Tested on `x` before the clamp (the
/// identity there); `false` where [`Lanes::mul_exp2`] is one instruction. The checked entry
/// loops skip their test of the results on such a vector (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::exp_family::exp10_f32_usual;
/// use wide::f32x8;
/// assert!(exp10_f32_usual(f32x8::from([0.0, -37.0, 38.0, 1.0, 2.0, 3.0, -4.0, 5.0])));
/// assert!(!exp10_f32_usual(f32x8::from([0.0, 39.0, 1.0, 1.0, 2.0, 3.0, -4.0, 5.0])));
/// ```
#[inline(always)]
pub fn exp10_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_within(x, -37.5, 38.2)
}

/// `10^x` on every lane of an `f32` vector, in native `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::exp_family::exp10_f32;
/// use wide::f32x8;
/// let y = exp10_f32(f32x8::from([2.0, 10.0, -1.0, 39.0, 0.0, -0.0, -46.0, 1.0])).to_array();
/// assert_eq!(y, [100.0, 1e10, 0.1, f32::INFINITY, 1.0, 1.0, 0.0, 10.0]);
/// ```
#[inline(always)]
pub fn exp10_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    if exp10_f32_usual(x) {
        let (tk, k, p) = exp10f_reduced(x);
        return scale_t16_f32(tk, k, p, true);
    }
    let (tk, k, p) = exp10f_reduced(x.max(V::splat(-46.0)).min(V::splat(40.0)));
    scale_t16_f32(tk, k, p, false)
}

/// `k = round(x 16 log2(10))` (in the low bits of `tk`, and as a float) and `p ~ 10^r - 1`,
/// `r = x - k log10(2)/16`, of [`exp10_f32`], for a clamped `x`.
#[inline(always)]
fn exp10f_reduced<V: Lanes<Scalar = f32>>(xc: V) -> (V, V, V) {
    let magic = V::splat(f32::ROUND_MAGIC);
    let tk = xc * V::splat(16.0 * core::f32::consts::LOG2_10) + magic;
    let k = tk - magic;
    // k*HI is exact (|k| < 2^12, HI has 12 bits) and so is x - k*HI; the LO term rounds once
    // (FMA) or twice.
    let hi = if V::FUSED {
        k.mul_add(V::splat(-LOG10_2_16F[0]), xc)
    } else {
        xc - k * V::splat(LOG10_2_16F[0])
    };
    let r = k.mul_add(V::splat(-LOG10_2_16F[1]), hi);
    (tk, k, r * horner(r, &EXP10F_T16_Q))
}

/// Whether every lane of `x` has a normal `expm1(x)`, `f32`: `|x|` normal and `x < 88`
/// (`|expm1 x|` is `|x|` rounded for tiny `x`, at least `expm1(-inf) = -1` below, finite below
/// 88.72; zero, subnormals and NaN fail). An input test for the checked entry loops (the
/// registry's `input`).
///
/// ```
/// use simdmath_kernels::exp_family::expm1_f32_usual;
/// use wide::f32x8;
/// assert!(expm1_f32_usual(f32x8::from([1.0, -1e30, 1e-37, 87.9, 1.0, 1.0, 1.0, 1.0])));
/// assert!(!expm1_f32_usual(f32x8::from([1.0, -1e30, 1e-37, 88.0, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn expm1_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    let min = V::splat(f32::MIN_POSITIVE);
    all_set::<V>(min.le(x.abs()) & x.lt(V::splat(88.0)))
}

/// `e^x - 1` on every lane of an `f32` vector, in native `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::exp_family::expm1_f32;
/// use wide::f32x8;
/// let y = expm1_f32(f32x8::from([1e-30, -0.0, f32::NEG_INFINITY, 89.0, 0.0, 1.0, -20.0, 2.0]))
///     .to_array();
/// assert_eq!(y[..5], [1e-30, -0.0, -1.0, f32::INFINITY, 0.0]);
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert!((y[5] - 1.7182819).abs() <= f32::EPSILON);
/// ```
#[inline(always)]
pub fn expm1_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let xc = x.max(V::splat(-17.5)).min(V::splat(88.0));
    // k = round(x/ln2); the low bits of tk hold k + 127, the biased exponent of 2^k.
    let magic = V::splat(f32::ROUND_MAGIC + 127.0);
    let tk = xc.mul_add(V::splat(core::f32::consts::LOG2_E), magic);
    let k = tk - magic;
    let hi = k.mul_add(V::splat(-LN2_F32_HI), xc);
    // r = rh + rl: hi - rh is exact, rl rounds once more (below 2^-48).
    let (rh, rl) = if V::FUSED {
        let rh = k.mul_add(V::splat(-LN2_F32_LO), hi);
        (rh, k.mul_add(V::splat(-LN2_F32_LO), hi - rh))
    } else {
        let lo = k * V::splat(LN2_F32_LO);
        let rh = hi - lo;
        (rh, (hi - rh) - lo)
    };
    // e^r - 1 = rh + s, s = rh^2 q(rh) + rl (1 + rh).
    let s = (rh * rh).mul_add(horner(rh, &EXP_F32_Q), rl.mul_add(rh, rl));
    let p = V::from_bits(V::shl(V::to_bits(tk), 23));
    // e^x - 1 = (p - 1) + p rh + p s: p - 1 = t + tl and t + p rh = h + l exactly
    // (|t| >= |p rh|), the rest rounded once and added to h.
    let (t, tl) = two_sum(p, V::splat(-1.0));
    let (h, l) = fast_two_sum(t, p * rh);
    let y = h + p.mul_add(s, l + tl);
    let y = V::select(x.eq(V::splat(0.0)), x, y);
    // Above 88 (2^k may not be a normal single any more), e^x - 1 rounds as e^x does.
    let big = V::splat(88.0).lt(x);
    if V::bitmask(big) != 0 {
        V::select(big, exp_f32(x), y)
    } else {
        y
    }
}

/// Correctly rounded `exp2` on `f32` lanes (the tier of [`crate::cr`]), in two stages: an
/// `f64`-lane evaluation without a table (`exp2_wide`: relative error below `2^-39.9`; see the
/// module docs) with the rounding test at `d = 2^-38`, then, for the vectors with a lane it
/// leaves open, [`exp2_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::EXP2`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::exp_family::exp2_f32_cr;
/// use wide::f32x8;
/// assert_eq!(exp2_f32_cr(f32x8::splat(3.0)).to_array(), [8.0f32; 8]);
/// ```
#[inline(always)]
pub fn exp2_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (cl, ch) = x.max(V::splat(-151.0)).min(V::splat(129.0)).widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (exp2_wide(cl), exp2_wide(ch)),
        crate::common::pow2(-38),
        exp2_f64,
        crate::cr_exceptions::EXP2
    )
}

/// Correctly rounded `exp10` on `f32` lanes (the tier of [`crate::cr`]), in two stages: an
/// `f64`-lane evaluation without a table (`exp10_wide`: relative error below `2^-39.9`; see the
/// module docs) with the rounding test at `d = 2^-38`, then, for the vectors with a lane it
/// leaves open, [`exp10_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::EXP10`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::exp_family::exp10_f32_cr;
/// use wide::f32x8;
/// assert_eq!(exp10_f32_cr(f32x8::splat(2.0)).to_array(), [100.0f32; 8]);
/// ```
#[inline(always)]
pub fn exp10_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (cl, ch) = x.max(V::splat(-46.0)).min(V::splat(40.0)).widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (exp10_wide(cl), exp10_wide(ch)),
        crate::common::pow2(-38),
        exp10_f64,
        crate::cr_exceptions::EXP10
    )
}

/// Correctly rounded `expm1` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation (the faithful tier's before issue 17; relative error about `2^-37`;
/// see the module docs) with the rounding test at `d = 2^-35`, then, for the vectors with a lane it leaves
/// open, [`expm1_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::EXPM1`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::exp_family::expm1_f32_cr;
/// use wide::f32x8;
/// assert_eq!(expm1_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn expm1_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (cl, ch) = x.max(V::splat(-20.0)).min(V::splat(89.0)).widen();
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (expm1_wide(cl), expm1_wide(ch)),
        crate::common::pow2(-35),
        expm1_f64,
        crate::cr_exceptions::EXPM1
    );
    V::select(x.eq(V::splat(0.0)), x, y)
}
