//! `sinh`, `cosh` and `tanh` for `f64` and `f32`; the `f64` kernels (and the `f32` correctly
//! rounded tier's stage 1) are built on `exp`'s reduction by `ln2/16` and its `2^(j/16)` table
//! (`exp.rs`), and on `expm1` (`exp_family.rs`); the `f32` kernels run in native `f32` lanes.
//!
//! # `f64`
//! **sinh, cosh** of `a = |x|` (clamped to 711; sinh takes the sign of `x` back at the end).
//! One reduction `a = k*ln2/16 + r` serves both exponentials: `-a = (-k)*ln2/16 - r`, so
//! `e^a = 2^m (T1 + L1)` and `e^-a = 2^m' (T2 + L2)` with `T1 = T_HI[k mod 16]`,
//! `T2 = T_HI[-k mod 16]` (two lookups each on the lanes), `m = floor(k/16)`,
//! `m' = floor(-k/16)`, `L = T_HI*p + T_LO` and `p = e^(±r) - 1` from exp's polynomial
//! (`EXP_T16_Q`, degree 7, relative `2^-64.6`), its even and odd parts evaluated once for both
//! signs. With `d = 2^(m'-m)` (exact: `m' - m >= -61` for `a < 21`), or `d = 0` where `e^-a`
//! no longer matters (`a >= 21`: the term `d T2` would change the sum by less than
//! `e^-42 < 2^-60` relative, below 0.008 ulp; and no product is subnormal: subnormal and
//! underflowing products take a microcode assist, which made AVX2 sinh/cosh 7 ns per element
//! instead of 3-4 with a clamp at `2^-1100`; until 2026-12-05 `d` was clamped at `2^-100`),
//! the result is `2^(m-1)*((T1 ∓ d*T2) + (L1 ∓ d*L2))`. With `d = 0` that sum is `T1 + L1`
//! exactly as computed below (`fast_two_sum(T1, ±0) = (T1, ±0)`), so a vector whose lanes all
//! have `a >= 21` computes only `T1 + L1`, without the second lookup and half of the
//! polynomial: the same bits as the full sum (issue 18). Elsewhere `T1 ∓ d*T2` is
//! split exactly (`fast_two_sum`, `T1 >= d*T2`), the rest added to its error term, one
//! rounding, then one scaling by `2^(m-1)` ([`Lanes::mul_exp2`]), so that results near the
//! overflow threshold (`710.4758600739439`) do not overflow early: `e^a/2` is never formed as
//! `e^a` first. Error: 0.5 ulp for the last addition plus the roundings of `L1`, `L2`
//! (`|L| <= 0.023`, so `2^-58.5` of `e^a`) amplified by `coth(a)`; for sinh with
//! `|x| >= 1/4` that is below `2^-56.5` relative. cosh has no cancellation at all.
//!
//! **sinh for `|x| < 1/4`**: the odd polynomial `x + x^3 S(x^2)`, `S` of degree 4 (degree 11
//! in `x`; Sollya `fpminimax`, `kernels/gen/exp_family.sollya`, relative error `2^-64.9`),
//! computed only when some lane needs it (the choice is per lane, by a select). It keeps
//! `sinh(x) = x` for tiny `x` and the sign of zero.
//!
//! **tanh** of `a = |x|` (the sign of `x` put back last, so `tanh(±0) = ±0`), in two pieces
//! chosen per lane (a select; a vector computes only the pieces its lanes need), as the `f32`
//! kernel (issue 18, 2026-12-05):
//! - below `0.55`: the odd polynomial `a + a^3 P(a^2)`, `P` of degree 10 (degree 23 in `a`;
//!   `TANH_F64_P`, Sollya `fpminimax` in `kernels/gen/exp_family.sollya`, relative error
//!   `2^-60.55`); the term `a^3 P` is at most `0.09 a` and carries about three roundings of its
//!   own size, so the value before the last rounding is within `0.3 * 2^-53` relative; below
//!   `2^-60` the power term is taken as 0 (the same bits, and no product underflows);
//! - from `0.55` (where `2/(e^2a + 1) <= 1/2`) to the clamp `18.625`: `tanh a = (E - 2)/E`,
//!   `E = e^2a + 1`. `2a = k ln2/16 + r` as for `exp`, `e^2a = 2^m (T_HI + T_LO)(1 + p)`,
//!   `p = r + r^2 q(r)` (`EXP_T16_Q`), `c = 2^-m` (`m >= 1` there), and
//!   `E/2^m = (T_HI + c) + (T_HI p + T_LO)`: `T_HI + c = s + e` exactly by a fast two-sum
//!   (`T_HI >= 1 >= c`), `d = s + ((T_HI p + T_LO) + e)` rounded once, then `(d - 2c)/d`, one
//!   division. `d - 2c` is exact (`2^m d` lies in `[4, 2^54)`: 2 is a multiple of its ulp and
//!   the difference at least half of it). **Error**: before `d`'s rounding the sum is within
//!   about `0.14 * 2^-53` of `E/2^m` (the roundings of `p`, `T_HI p + T_LO` and the inner sum,
//!   each below `0.045` of `2^-53`, the fit's `2^-64.6`, `T_LO p` left out), so `d` is within
//!   `1.14 * 2^-53` relative of it, and `1 - 2/d` within `(2/E) * 1.14 * 2^-53 <= 0.57 *
//!   2^-53` of `tanh a` (`2/E <= 1/2`, the result in `[0.5, 1)`, whose ulp is `2^-53`): within
//!   0.57 ulp before the division's one rounding, so the result is the correctly rounded value
//!   or a neighbour, and within `2^-51.9` relative (the correctly rounded `f32` tier's stage 2
//!   needs `2^-50`). From `18.625` to `19.061547465398498` (`TANH_ONE`) `tanh` rounds to
//!   `1 - 2^-53`, the clamp's own result, and from there to 1 (a select).
//!
//! It replaced `t/(t + 2)` with `t = expm1(2a)` as a double-double (the `expm1` kernel's sum)
//! and a reciprocal corrected by its residual (about 60 vector operations and a division per vector,
//! against about 25 and a division here, or 40 where a vector also needs the polynomial;
//! measured in docs/PERFORMANCE.md).
//!
//! **Stated bound** (f64): at most 1 ulp integer distance from the correctly rounded result
//! on every backend; measured maxima in `docs/ACCURACY.md`.
//!
//! # `f32`, in native `f32` lanes (issue 17)
//! 16 lanes per AVX-512 vector, no table, no `f64`. Coefficients: Sollya `fpminimax` with
//! single coefficients in `kernels/gen/f32_hyperbolic.sollya` (`coeffs_f32_hyp.rs`).
//!
//! **Reduction** (as [`crate::exp::exp_f32`]): `a = k*ln2 + r`, `k = round(a*log2(e))` by one
//! FMA with `1.5*2^23 + OFF` (the low bits then hold `k + OFF` for building `2^(k+OFF-127)`
//! by a shift), `ln2 = LN2_HI + LN2_LO` with a 16-bit `LN2_HI` (`k*LN2_HI` and
//! `a - k*LN2_HI` exact), `r` rounded once (FMA; the portable backend keeps the rounding
//! error of its separate product as `rlo` and adds it to the polynomial part),
//! `|r| <= ln2/2` plus a rounding of `k`.
//!
//! **sinh, cosh** for `a = |x|` clamped to 89.5 (sinh: `a >= 1.04`, so `k >= 2`):
//! `e^±r = 1 + u`, `1 + v` from one evaluation of the even and odd parts,
//! `cosh(r) - 1 = z E(z)` and `sinh(r) - r = r z O(z)` (`z = r^2`, `HYPF_E`, `HYPF_O`, each
//! degree 3 in `z`: `2^-32.4` and `2^-34.9` of `e^r`, together `2^-31.5` relative):
//! `u = r + (z E + r z O)`, `v = (z E - r z O) - r`. With `d = 2^-2k` (built from bits,
//! clamped at `2^-80` where it no longer matters), `Y = 1 + (u ± d (1 + v))` is
//! `(e^a ± e^-a) 2^-k`, and the result `Y 2^(k-1)`: one `vscalef` on AVX-512, `(Y 2^(k-2)) 2`
//! elsewhere (`2^(k-2) <= 2^127` from the bits of the reduction; the same bits): exact, so
//! the only rounding of the result is the addition to 1, and overflow (from 89.41599) comes
//! out of the exact product. **Error**: 0.5 ulp for the last addition, plus the roundings
//! before it, each at most `2^-25`-`2^-26` absolute (`r`, `u`, `1 + v` weighted by
//! `d <= 1/16` for sinh and `d <= 1` with `1 + v <= 1` for cosh, and the FMA), against
//! `Y >= 0.61` for sinh at `k = 2` (the worst case: about 0.5 ulp) and `Y >= 1` for cosh (about
//! 0.3 ulp). **sinh for `|x| < 1.04`**, where `e^a - e^-a` cancels: the odd polynomial
//! `x + x^3 S(x^2)` (`SINHF_S`, degree 9 in `x`, `2^-29.9` relative; `x^3 S <= 0.19 x`):
//! 0.5 ulp for the last FMA plus below 0.2 ulp; it keeps `sinh(x) = x` for tiny `x` and the
//! sign of zero. The choice is per lane (a select); the polynomial runs only for vectors
//! that have such a lane, the exponential part only for vectors that have a lane above.
//!
//! **tanh** for `a = |x|` clamped to 8.625, and 1 from 9.010914 on (where tanh rounds to 1;
//! in between it rounds to `1 - 2^-24`, as at the clamp, see `TANHF_CLAMP`): below `0.55`
//! (just above `ln(3)/2`) the odd polynomial `x + x^3 P(x^2)` (`TANHF_P`, degree 11 in `x`,
//! `2^-27.8` relative; `x^3 P <= 0.1 x`): about 0.6 ulp. Above, `tanh = 1 - 2/(e^2a + 1) =
//! (E - 2)/E` with `E = e^2a + 1`: `2a = k ln2 + r`, `e^r = 1 + u`, `u = r + r^2 q(r)`
//! (`TANHF_EXP_Q`, degree 6 in all, `2^-28.2` relative), `dh = RN((2^k + 1) + 2^k u)` (one FMA:
//! `2^k u` is exact, and so is `2^k + 1` for `k <= 23`; beyond, `2/E < 2^-22` and its error no
//! longer matters), then `(dh - 2)/dh`, one `f32` division (`dh - 2` is exact: `4 <= dh <
//! 2^25` below the clamp, so 2 is a multiple of `ulp(dh)` and `dh - 2 >= dh/2`; with the
//! clamp at 9.25, `dh - 2` rounded above `2^25` and gave 1.25 ulp at `x = 8.808`).
//! **Error**: `u` carries the fit, the rounding of `r` (`2^-26` absolute), its own (`2^-25.5`
//! of `1 + u >= 0.707`) and `q`'s (below `2^-27`): `2^k (1 + u)` is within `2^-24.5` relative
//! of `e^2a`, and `dh` within `2^-24 + 2^-24.5 < 1.71 * 2^-24` of `E`. `(dh - 2)/dh = 1 - 2/dh`
//! is then within `(2/E) * 1.71 * 2^-24 <= 0.86 * 2^-24` of `tanh a` (`2/E <= 1/2` from
//! `a = 0.55` on, and the result is in `[0.5, 1)`, whose ulp is `2^-24`): below 0.86 ulp before
//! the division's one rounding (measured: 1.045 ulp after it, just above 0.55), so the result is
//! the correctly rounded value or a neighbour. It replaced (issue 17, 2026-12-05) a reciprocal
//! `1/dh` corrected by its FMA residual, with the low part of `E` kept (`fast_two_sum`), and
//! `1 - 2w` rounded once (0.35 ulp before the rounding instead of 0.86): four FMAs and two
//! additions more per vector, on the FMA pipes, which bound this kernel while the divider has
//! room (Zen 5, n = 4096: AVX-512 0.358 -> 0.191 ns/element, AVX2 0.500 -> 0.369). The exhaustive test of all 2^32
//! inputs finds at most 1 ulp on every backend either way, and fewer results not correctly
//! rounded now: 0.0840 % against 0.1335 % on the FMA backends, 0.0890 % against 0.1389 % on the
//! portable one (one rounding of the quotient, where `1 - 2w` rounded a value that carried the
//! reciprocal's own error). The polynomial is evaluated at `|x|` (the same bits up to the sign;
//! at `x` it would turn `-0` into `+0`, `P(0)` being negative) and the sign of `x` put back by
//! an `xor` at the end (`tanh(±0) = ±0`), as for sinh.
//!
//! **Stated bound** (f32): at most 1 ulp integer distance from the correctly rounded result
//! on every backend, each a sum of at most 0.5 ulp for the last rounding and below 1 ulp
//! before it; the exhaustive test of all 2^32 inputs on every backend finds at most 1 ulp
//! (counts not correctly rounded in `docs/ACCURACY.md`). The FMA backends agree bit for bit;
//! the portable backend (no FMA) rounds differently within the same bound.
//!
//! # `f32` in `f64` lanes: stage 1 of the correctly rounded tier
//! [`sinh_f32_cr`], [`cosh_f32_cr`], [`tanh_f32_cr`] keep the earlier `f64`-lane evaluation
//! (their exceptions lists were derived with it). Widened to two `f64` vectors ([`Widen`]),
//! rounded to `f32` once. sinh/cosh:
//! `e^a/2 ∓ e^-a/2` from the same shared reduction with the table's high parts and
//! `e^r - 1 = r + r^2 q(r)` of degree 5 (`EXP_W_Q`, `2^-45.6` relative to `e^r`, `2^-40` to
//! `e^r - 1`), each half scaled separately (no overflow in `f64`, `a <= 90`): the error is
//! about `2^-45.6 coth(a)` relative, below `2^-40` for `a >= 2^-12`; below that,
//! `sinh(x) = x + x^3/6` (the next term is `2^-55` relative). tanh: `t/(t + 2)` with
//! `t = expm1(2a)` in `f64` lanes (`expm1_wide`, `2^-40`), one `f64` division, `a` clamped to
//! 10 (tanh rounds to 1 from 9.01 on). The `f64` values are within about `2^-39` of the exact
//! results.
//!
//! **Special values** as libm (C99 Annex F): `sinh(±0) = ±0`, `cosh(±0) = 1`,
//! `tanh(±0) = ±0`; `sinh(±inf) = ±inf`, `cosh(±inf) = +inf`, `tanh(±inf) = ±1`; NaN gives
//! NaN (the clamps keep NaN lanes NaN, see [`Lanes::min`]).

use crate::coeffs::EXP_T16_Q;
use crate::coeffs_exp_family::{EXP_W_Q, SINH_F64_S, TANH_F64_P};
use crate::coeffs_f32_hyp::{HYPF_E, HYPF_O, SINHF_S, TANHF_EXP_Q, TANHF_P};
use crate::common::{all_normal_below, all_set, fast_two_sum, full_mask, horner};
use crate::exp::EXP2_16_PAIRS;
use crate::exp::{add_exponent_t16, all_below, floor16, pow2_normal, reduce_ln2_16};
use crate::exp_family::expm1_wide;
use crate::exp_table::{EXP2_16_HI, EXP2_16_LO};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{LN2_F32_HI, LN2_F32_LO};

/// `|mag|` with the sign of `s`.
#[inline(always)]
fn copysign<V: Lanes>(mag: V, s: V) -> V {
    let sign = V::to_bits(-V::splat(V::Scalar::ZERO));
    V::from_bits(V::to_bits(mag.abs()) | (V::to_bits(s) & sign))
}

/// `(e^r - 1, e^-r - 1)` from `e^r - 1 = r + r^2 q(r)`: `q(±r) = E(r^2) ± r O(r^2)` with
/// the even and odd coefficients of `q` (`N` even), so both cost little more than one.
#[inline(always)]
fn expm1_pm<V: Lanes<Scalar = f64>, const N: usize, const H: usize>(r: V, q: &[f64; N]) -> (V, V) {
    const { assert!(N == 2 * H) };
    let mut even = [0.0; H];
    let mut odd = [0.0; H];
    let mut i = 0;
    while i < H {
        even[i] = q[2 * i];
        odd[i] = q[2 * i + 1];
        i += 1;
    }
    let z = r * r;
    // e^(±r) - 1 = z*E(z) ± (r + z*r*O(z)).
    let a = z * horner(z, &even);
    let b = (z * r).mul_add(horner(z, &odd), r);
    (a + b, a - b)
}

/// From here on `sinh_cosh_f64` leaves out `e^-a` (below `e^-42 < 2^-60` of `e^a`).
const SINH_COSH_FAR: f64 = 21.0;

/// `sinh(a)` (or `cosh(a)`) for `a` in `[0, 711]` or NaN, `f64` (see the module docs).
#[inline(always)]
fn sinh_cosh_f64<V: Lanes<Scalar = f64>>(a: V, cosh: bool) -> V {
    let magic = V::splat(f64::ROUND_MAGIC);
    let (tk, k, r) = reduce_ln2_16(a);
    let m = floor16(k);
    // Where e^-a no longer matters (a >= 21: k >= 485, m >= 30, m' <= -31): d = 0 below.
    let far = V::splat(SINH_COSH_FAR).le(a);
    let (p1, p2) = expm1_pm::<V, 6, 3>(r, &EXP_T16_Q);
    let (t1, u1) = V::lookup2(&EXP2_16_HI, &EXP2_16_LO, &EXP2_16_PAIRS, V::to_bits(tk));
    let l1 = t1.mul_add(p1, u1);
    // Every lane far: the sum below is T1 + L1 bit for bit, so only that (see the module
    // docs).
    let y = if all_set::<V>(far) {
        t1 + l1
    } else {
        // -k mod 16 in the low bits (exact: |k| < 2^15).
        let tk2 = magic - k;
        // 2^(m'-m), exact (m' - m >= -61 below 21), or 0 in the far lanes.
        let d = V::andnot_mask(far, pow2_normal(floor16(-k) - m));
        let (t2, u2) = V::lookup2(&EXP2_16_HI, &EXP2_16_LO, &EXP2_16_PAIRS, V::to_bits(tk2));
        let l2 = t2.mul_add(p2, u2);
        let (b, bl) = (d * t2, d * l2);
        if cosh {
            let (s, e) = fast_two_sum(t1, b);
            s + ((e + l1) + bl)
        } else {
            let (s, e) = fast_two_sum(t1, -b);
            s + ((e + l1) - bl)
        }
    };
    // a < 710: k <= 16389, so 2^(m-1) (m - 1 <= 1023) is normal and the product too (below
    // e^710/2 < 2^1024; one multiplication, the same bits): the whole range of finite results
    // but (710, 710.48].
    if !V::MUL_EXP2_NATIVE && all_below(a, 710.0) {
        return y * pow2_normal(m - V::splat(1.0));
    }
    y.mul_exp2(m - V::splat(1.0))
}

/// Below this, `f64` sinh is the odd polynomial `SINH_F64_S`.
const SINH_SMALL: f64 = 0.25;

/// `sinh(x)` on every lane of an `f64` vector (see the module docs).
///
/// ```
/// use simdmath_kernels::hyperbolic::sinh_f64;
/// use wide::f64x4;
/// let y = sinh_f64(f64x4::from([-0.0, 1e-300, 710.0, f64::NEG_INFINITY])).to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[1], 1e-300);
/// assert!(y[2].is_finite() && y[2] > 1e308);
/// assert_eq!(y[3], f64::NEG_INFINITY);
/// ```
#[inline(always)]
pub fn sinh_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let a = x.abs();
    let y = copysign(sinh_cosh_f64(a.min(V::splat(711.0)), false), x);
    let small = a.lt(V::splat(SINH_SMALL));
    if V::bitmask(small) != 0 {
        let z = x * x;
        let s = (x * z).mul_add(horner(z, &SINH_F64_S), x);
        V::select(small, s, y)
    } else {
        y
    }
}

/// `cosh(x)` on every lane of an `f64` vector (see the module docs).
///
/// ```
/// use simdmath_kernels::hyperbolic::cosh_f64;
/// use wide::f64x4;
/// let y = cosh_f64(f64x4::from([-0.0, 1e-300, 711.0, f64::NEG_INFINITY])).to_array();
/// assert_eq!(y, [1.0, 1.0, f64::INFINITY, f64::INFINITY]);
/// ```
#[inline(always)]
pub fn cosh_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    sinh_cosh_f64(x.abs().min(V::splat(711.0)), true)
}

/// Whether every lane of `x` takes [`cosh_f64`]'s usual path, where every result is a normal
/// number: `|x| < 710` (no NaN), where `sinh_cosh_f64` scales by one multiplication by a
/// normal power of two, the result in `[1, e^710/2)`; `false` where [`Lanes::mul_exp2`] is one
/// instruction (AVX-512, which scales every lane with it). The same test as the kernel's
/// (`all_below` of the clamped `|x|`), so the compiler computes it once; the checked entry
/// loops skip their test of the results on such a vector (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::hyperbolic::cosh_f64_usual;
/// use simdmath_kernels::lanes::Lanes;
/// use wide::f64x4;
/// let usual = cosh_f64_usual(f64x4::from([0.0, -709.9, 709.9, 1.0]));
/// assert_eq!(usual, !<f64x4 as Lanes>::MUL_EXP2_NATIVE);
/// assert!(!cosh_f64_usual(f64x4::from([0.0, -710.0, 1.0, 1.0])));
/// assert!(!cosh_f64_usual(f64x4::from([0.0, f64::NAN, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn cosh_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    !V::MUL_EXP2_NATIVE && all_below(x.abs().min(V::splat(711.0)), 710.0)
}

/// Whether every lane of `x` takes [`sinh_f64`]'s usual path, where every result is a normal
/// number: `0.25 <= |x| < 710` (no NaN), where no lane takes the small-argument polynomial
/// (`sinh x = x` below `2^-26` or so, subnormal for subnormal `x`) and `sinh_cosh_f64` scales
/// by one multiplication by a normal power of two: `|sinh x|` in `[0.2526, e^710/2)`. `false`
/// where [`Lanes::mul_exp2`] is one instruction (AVX-512, which scales every lane with it). The
/// kernel's own two tests (`all_below` of the clamped `|x|`, and the small lanes), so the
/// compiler computes them once; the checked entry loops skip their test of the results on such
/// a vector (the registry's `usual`).
///
/// ```
/// use simdmath_kernels::hyperbolic::sinh_f64_usual;
/// use simdmath_kernels::lanes::Lanes;
/// use wide::f64x4;
/// let usual = sinh_f64_usual(f64x4::from([0.25, -709.9, 709.9, -1.0]));
/// assert_eq!(usual, !<f64x4 as Lanes>::MUL_EXP2_NATIVE);
/// assert!(!sinh_f64_usual(f64x4::from([0.2, -1.0, 1.0, 1.0])));
/// assert!(!sinh_f64_usual(f64x4::from([1.0, -710.0, 1.0, 1.0])));
/// assert!(!sinh_f64_usual(f64x4::from([1.0, f64::NAN, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn sinh_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    let a = x.abs();
    !V::MUL_EXP2_NATIVE
        && all_below(a.min(V::splat(711.0)), 710.0)
        && V::bitmask(a.lt(V::splat(SINH_SMALL))) == 0
}

/// Whether every lane of `x` has a normal `tanh(x)`, `f64` or `f32`: `|x|` normal and finite
/// (`|tanh x|` is `|x|` rounded for tiny `x`, at most 1; zero, subnormals, the infinities and
/// NaN fail). An input test for the checked entry loops (the registry's `input`).
///
/// ```
/// use simdmath_kernels::hyperbolic::tanh_usual;
/// use wide::{f32x8, f64x4};
/// assert!(tanh_usual(f64x4::from([1.0, -20.0, 1e-300, 0.5])));
/// assert!(!tanh_usual(f32x8::from([1.0, -20.0, 1e-40, 0.5, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn tanh_usual<V: Lanes>(x: V) -> bool {
    all_normal_below(x, V::Scalar::INFINITY)
}

/// Whether every lane of `x` has a normal `sinh(x)`, `f32`: `|x|` normal and below 89 (`sinh`
/// overflows beyond 89.416; zero, subnormals and NaN fail). An input test for the checked entry
/// loops (the registry's `input`).
///
/// ```
/// use simdmath_kernels::hyperbolic::sinh_f32_usual;
/// use wide::f32x8;
/// assert!(sinh_f32_usual(f32x8::from([1.0, -88.9, 1e-37, 0.5, 1.0, 1.0, 1.0, 1.0])));
/// assert!(!sinh_f32_usual(f32x8::from([1.0, -89.0, 1e-37, 0.5, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn sinh_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    all_normal_below(x, 89.0)
}

/// Whether every lane of `x` has a normal `cosh(x)`, `f32`: `|x| < 89` (`cosh x >= 1`, and it
/// overflows beyond 89.416; NaN fails). An input test for the checked entry loops (the
/// registry's `input`).
///
/// ```
/// use simdmath_kernels::hyperbolic::cosh_f32_usual;
/// use wide::f32x8;
/// assert!(cosh_f32_usual(f32x8::from([0.0, -88.9, 1e-40, 0.5, 1.0, 1.0, 1.0, 1.0])));
/// assert!(!cosh_f32_usual(f32x8::from([0.0, -89.0, 1e-40, 0.5, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn cosh_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    all_set::<V>(x.abs().lt(V::splat(89.0)))
}

/// `tanh(x)` on every lane of an `f64` vector (see the module docs).
///
/// ```
/// use simdmath_kernels::hyperbolic::tanh_f64;
/// use wide::f64x4;
/// let y = tanh_f64(f64x4::from([-0.0, 1e-300, 20.0, f64::NEG_INFINITY])).to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[1..], [1e-300, 1.0, -1.0]);
/// ```
#[inline(always)]
pub fn tanh_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let a = x.abs();
    let small = a.lt(V::splat(TANH_SMALL));
    let m = V::bitmask(small);
    // The polynomial of |x| (the sign comes last, as for sinh and the f32 kernel).
    let y = if m == full_mask::<V>() {
        tanh_poly_f64(a)
    } else {
        // From TANH_ONE on tanh rounds to 1; below it and above the clamp, to 1 - 2^-53,
        // which is the clamp's own result.
        let big = V::select(
            V::splat(TANH_ONE).le(a),
            V::splat(1.0),
            tanh_big_f64(a.min(V::splat(TANH_CLAMP))),
        );
        if m == 0 {
            big
        } else {
            V::select(small, tanh_poly_f64(a), big)
        }
    };
    copysign(y, x)
}

/// Below this, `f64` tanh is the odd polynomial [`tanh_poly_f64`]; from here on `2/(e^2a + 1)
/// <= 1/2` and the result is in `[0.5, 1)`.
const TANH_SMALL: f64 = 0.55;
/// `f64` tanh's clamp: `e^2a + 1 < 0.84 * 2^54` up to it (so `d - 2c` is exact), and from it to
/// [`TANH_ONE`] `tanh a` rounds to `1 - 2^-53` (at the clamp `1 - tanh a = 1.197 * 2^-53`).
const TANH_CLAMP: f64 = 18.625;
/// The least double at which `tanh` rounds to 1 (`0x1.30fc1931f09cap+4`: `1 - tanh a` is
/// `0.999999999999997 * 2^-54` there, `1.000000000000004 * 2^-54` at the double below; 300-bit
/// mpmath).
const TANH_ONE: f64 = 19.061547465398498;

/// `tanh(a) = a + a^3 P(a^2)` for `0 <= a <= 0.55` (`TANH_F64_P`, see the module docs); below
/// `2^-60` the power term is taken as 0 (the same bits, and no product underflows).
#[inline(always)]
fn tanh_poly_f64<V: Lanes<Scalar = f64>>(a: V) -> V {
    let am = crate::common::zero_below_2m60(a, a);
    let z = am * am;
    (am * z).mul_add(horner(z, &TANH_F64_P), a)
}

/// `tanh(a) = (E - 2)/E`, `E = e^2a + 1`, for `a` in `[0.55, 18.625]` (any `a` in `[0,
/// 18.625]` or NaN gives a finite or NaN value): `E/2^m = (T_HI + 2^-m) + (T_HI p + T_LO)`
/// rounded once to `d`, then `(d - 2^(1-m))/d` (see the module docs).
#[inline(always)]
fn tanh_big_f64<V: Lanes<Scalar = f64>>(a: V) -> V {
    let (tk, k, r) = reduce_ln2_16(a + a);
    let p = (r * r).mul_add(horner(r, &EXP_T16_Q), r);
    let (t_hi, t_lo) = V::lookup2(&EXP2_16_HI, &EXP2_16_LO, &EXP2_16_PAIRS, V::to_bits(tk));
    // c = 2^-m, m = floor(k/16) in [0, 53]: T_HI >= 1 >= c, so the fast two-sum is exact.
    let c = pow2_normal(-floor16(k));
    let (s, e) = fast_two_sum(t_hi, c);
    let d = s + (t_hi.mul_add(p, t_lo) + e);
    // d - 2c is exact: 2^m d = RN(E) is in [4, 2^54) for a in [0.55, 18.625], where 2 is a
    // multiple of its ulp and 2^m d - 2 >= 2^m d/2 (the scaling by 2^m is exact).
    (d - (c + c)) / d
}

/// `e^a/2 - e^-a/2` (or `+`) for `f32` values `a` in `[0, 90]` (or NaN) held in `f64` lanes.
#[inline(always)]
fn sinh_cosh_wide<W: Lanes<Scalar = f64>>(a: W, cosh: bool) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let (tk, k, r) = reduce_ln2_16(a);
    let tk2 = magic - k;
    let (p1, p2) = expm1_pm::<W, 4, 2>(r, &EXP_W_Q);
    let t1 = W::lookup(&EXP2_16_HI, W::to_bits(tk));
    let t2 = W::lookup(&EXP2_16_HI, W::to_bits(tk2));
    let half = W::splat(0.5);
    let (y1, y2) = (t1.mul_add(p1, t1), t2.mul_add(p2, t2));
    // y/2 times 2^floor(±k/16), |floor(±k/16)| <= 131: normal doubles, so the exponent field
    // takes floor(±k/16) (tk2 = 1.5*2^52 - k holds -k in its low bits).
    let (e1, e2) = (
        add_exponent_t16(y1 * half, tk),
        add_exponent_t16(y2 * half, tk2),
    );
    if cosh { e1 + e2 } else { e1 - e2 }
}

/// `a = k*ln2 + r` for `f32` lanes `a` in `[0, 128)` (or NaN), as [`crate::exp::exp_f32`]:
/// `(tk, k, r, rlo)` with `k = round(a*log2(e))` (one FMA with `1.5*2^23 + OFF`, so that
/// `tk` holds `k + OFF` in its low bits (for [`pow2_f32`]); the portable backend may pick the
/// neighbouring integer at a tie, which only moves `r` within the fitted interval),
/// `k*LN2_HI` and `a - k*LN2_HI` exact (so one FMA or a multiply and a subtraction give the
/// same bits), `r` rounded once (FMA backends; `rlo` is then zero and left out) or kept with its
/// rounding error `rlo` (the portable backend).
#[inline(always)]
fn reduce_ln2_f32<V: Lanes<Scalar = f32>, const OFF: i32>(a: V) -> (V, V, V, V) {
    let magic = V::splat(f32::ROUND_MAGIC + OFF as f32);
    let tk = a.mul_add(V::splat(core::f32::consts::LOG2_E), magic);
    let k = tk - magic;
    let hi = k.mul_add(V::splat(-LN2_F32_HI), a);
    if V::FUSED {
        (tk, k, k.mul_add(V::splat(-LN2_F32_LO), hi), V::splat(0.0))
    } else {
        let lo = k * V::splat(LN2_F32_LO);
        let r = hi - lo;
        (tk, k, r, (hi - r) - lo)
    }
}

/// `f32::ROUND_MAGIC + 127`: an integer `v` in `[-127, 128]` added to it leaves the biased
/// exponent `v + 127` in the low bits of the sum (see [`pow2_f32`]).
const POW2_MAGIC: f32 = f32::ROUND_MAGIC + 127.0;

/// `2^v` from `t = v + POW2_MAGIC` for an integer `v` in `[-126, 127]` (the caller folds the
/// addition into its last operation): the shift by 23 drops all but the biased exponent.
#[inline(always)]
fn pow2_f32<V: Lanes<Scalar = f32>>(t: V) -> V {
    V::from_bits(V::shl(V::to_bits(t), 23))
}

/// `|mag|` (non-negative, or NaN) with the sign of `s` flipped in by an `xor`.
#[inline(always)]
fn with_sign_of<V: Lanes>(mag: V, s: V) -> V {
    let sign = V::to_bits(-V::splat(V::Scalar::ZERO));
    V::from_bits(V::to_bits(mag) ^ (V::to_bits(s) & sign))
}

/// `y * 2^(k-1)` for `y` in `[0.3, 4]` and integer-valued `k` in `[0, 129]` (or NaN), `tk`
/// holding `k + 125` as [`pow2_f32`] needs it: exact unless it overflows, which then happens
/// as for the exact product. One `vscalef` on AVX-512; elsewhere `(y * 2^(k-2)) * 2`
/// (`2^(k-2) <= 2^127` is built from the bits of `tk`): the same bits.
#[inline(always)]
fn scale_half_f32<V: Lanes<Scalar = f32>>(y: V, tk: V, k: V) -> V {
    if V::MUL_EXP2_NATIVE {
        y.mul_exp2(k - V::splat(1.0))
    } else {
        (y * pow2_f32(tk)) * V::splat(2.0)
    }
}

/// `2^(1-k) * (e^a/2 ± e^-a/2)` for `f32` lanes `a = k*ln2 + r` in `[0, 89.5]` (or NaN) (see
/// the module docs), and `k`: `e^r + d*e^-r` (or `-`), `d = 2^-2k` (clamped at `2^-80`), as
/// `1 + (u ± d*(1 + v))` with `u = e^r - 1`, `v = e^-r - 1` from the even and odd parts.
#[inline(always)]
fn sinh_cosh_f32<V: Lanes<Scalar = f32>>(a: V, cosh: bool) -> (V, V, V) {
    let (tk, k, r, rlo) = reduce_ln2_f32::<V, 125>(a);
    let z = r * r;
    let e = z * horner(z, &HYPF_E);
    let rz = r * z;
    let po = horner(z, &HYPF_O);
    // u = e^r - 1 = r + (e + r z O), v = e^-r - 1 = (e - r z O) - r.
    let (u, v) = if V::FUSED {
        (r + rz.mul_add(po, e), (-rz).mul_add(po, e) - r)
    } else {
        (
            r + (rz.mul_add(po, e) + rlo),
            ((-rz).mul_add(po, e) - rlo) - r,
        )
    };
    let one = V::splat(1.0);
    // d = 2^-2k, or -2^-2k for sinh: 256 more in the low bits sets the sign bit after the
    // shift.
    let off = if cosh { POW2_MAGIC } else { POW2_MAGIC + 256.0 };
    let d = pow2_f32(k.min(V::splat(40.0)).mul_add(V::splat(-2.0), V::splat(off)));
    (one + d.mul_add(one + v, u), tk, k)
}

/// `sinh(x)` on every lane of an `f32` vector, in native `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::hyperbolic::sinh_f32;
/// use wide::f32x8;
/// let y = sinh_f32(f32x8::from([-0.0, 1e-30, 90.0, f32::NEG_INFINITY, 0.0, 1.0, -1.0, 89.0]))
///     .to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[1..5], [1e-30, f32::INFINITY, f32::NEG_INFINITY, 0.0]);
/// assert_eq!(y[5], -y[6]);
/// assert!(y[7].is_finite());
/// ```
#[inline(always)]
pub fn sinh_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let a = x.abs();
    let small = a.lt(V::splat(SINHF_SMALL));
    let m = V::bitmask(small);
    if m == full_mask::<V>() {
        return odd_poly(x, &SINHF_S);
    }
    let (y, tk, k) = sinh_cosh_f32(a.min(V::splat(89.5)), false);
    let big = scale_half_f32(y, tk, k);
    // The polynomial of |x| (the same bits as of x, but +0 for +-0): the sign comes last.
    let y = if m == 0 {
        big
    } else {
        V::select(small, odd_poly(a, &SINHF_S), big)
    };
    with_sign_of(y, x)
}

/// Below this, sinh is the odd polynomial (`k = round(|x|/ln2) <= 1` there, where
/// `e^a - e^-a` would cancel); from here on `k >= 2`.
const SINHF_SMALL: f32 = 1.04;
/// Below this (just above `ln(3)/2`), tanh is the odd polynomial; from here on
/// `2/(e^2a + 1) <= 1/2`.
const TANHF_SMALL: f32 = 0.55;
/// tanh's clamp: `e^2a + 1 < 2^25` up to it (so `dh - 2` is exact), and from it to
/// [`TANHF_ONE`] `tanh a` rounds to `1 - 2^-24` (at the clamp `1 - tanh a = 1.08 * 2^-24`).
const TANHF_CLAMP: f32 = 8.625;
/// The least single at which `tanh` rounds to 1 (`0x1.205968p+3`: `1 - tanh a` is `0.999999 *
/// 2^-25` there, `1.0000009 * 2^-25` at the single below; 200-bit mpmath).
const TANHF_ONE: f32 = 9.010914;

/// `x + x^3*c(x^2)`.
#[inline(always)]
fn odd_poly<V: Lanes<Scalar = f32>, const N: usize>(x: V, c: &[f32; N]) -> V {
    let z = x * x;
    (x * z).mul_add(horner(z, c), x)
}

/// `cosh(x)` on every lane of an `f32` vector, in native `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::hyperbolic::cosh_f32;
/// use wide::f32x8;
/// let y = cosh_f32(f32x8::from([-0.0, 1e-30, 90.0, f32::NEG_INFINITY, 0.0, 1.0, -1.0, 2.0]))
///     .to_array();
/// assert_eq!(y[..5], [1.0, 1.0, f32::INFINITY, f32::INFINITY, 1.0]);
/// assert_eq!(y[5], y[6]);
/// ```
#[inline(always)]
pub fn cosh_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let (y, tk, k) = sinh_cosh_f32(x.abs().min(V::splat(89.5)), true);
    scale_half_f32(y, tk, k)
}

/// `tanh(x)` on every lane of an `f32` vector, in native `f32` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::hyperbolic::tanh_f32;
/// use wide::f32x8;
/// let y = tanh_f32(f32x8::from([-0.0, 1e-30, 10.0, f32::NEG_INFINITY, 0.0, 0.5, -0.5, 9.5]))
///     .to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[1..5], [1e-30, 1.0, -1.0, 0.0]);
/// assert_eq!(y[5], -y[6]);
/// assert_eq!(y[7], 1.0);
/// ```
#[inline(always)]
pub fn tanh_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let a = x.abs();
    let small = a.lt(V::splat(TANHF_SMALL));
    let m = V::bitmask(small);
    // The polynomial of |x| (the same bits as of x up to the sign; of x itself it would give
    // +0 for -0, the x^3 term's sign being that of P(0) < 0): the sign comes last.
    let y = if m == full_mask::<V>() {
        odd_poly(a, &TANHF_P)
    } else {
        // From TANHF_ONE on tanh rounds to 1; below it and above the clamp, to 1 - 2^-24,
        // which is the clamp's own result.
        let big = V::select(
            V::splat(TANHF_ONE).le(a),
            V::splat(1.0),
            tanh_big_f32(a.min(V::splat(TANHF_CLAMP))),
        );
        if m == 0 {
            big
        } else {
            V::select(small, odd_poly(a, &TANHF_P), big)
        }
    };
    with_sign_of(y, x)
}

/// `tanh(a) = (E - 2)/E`, `E = e^2a + 1`, for `f32` lanes `a` in `[0.55, 8.625]` (any `a` in
/// `[0, 8.625]` or NaN gives a finite or NaN value): `E` rounded once to `dh` (one FMA) and one
/// division (see the module docs).
#[inline(always)]
fn tanh_big_f32<V: Lanes<Scalar = f32>>(a: V) -> V {
    let (tk, _, r, rlo) = reduce_ln2_f32::<V, 127>(a + a);
    let one = V::splat(1.0);
    // u = e^r - 1 = r + r^2 q(r).
    let q = horner(r, &TANHF_EXP_Q);
    let u = if V::FUSED {
        (r * r).mul_add(q, r)
    } else {
        r + (r * r).mul_add(q, rlo)
    };
    let p = pow2_f32(tk);
    // E = (2^k + 1) + 2^k u rounded once (2^k u is exact, so the FMA and, without FMA, the
    // product and the sum give the same bits); dh - 2 is exact.
    let dh = p.mul_add(u, p + one);
    (dh - V::splat(2.0)) / dh
}

/// `tanh(a) = t/(t + 2)`, `t = e^(2a) - 1`, for `f32` values `a` in `[0, 10]` (or NaN) held in
/// `f64` lanes.
#[inline(always)]
fn tanh_wide<W: Lanes<Scalar = f64>>(a: W) -> W {
    let t = expm1_wide(a + a);
    t / (t + W::splat(2.0))
}

/// Correctly rounded `sinh` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation (the faithful tier's before issue 17) for `|x| >= 2^-12` (`2^-45.6
/// coth(a)` relative, below `2^-40`; see the module docs) and `x + x^3/6` in `f64` below (`2^-55`),
/// with the rounding test at `d = 2^-38`, then, for the vectors with a lane it leaves open,
/// [`sinh_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::SINH` (derived
/// and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::hyperbolic::sinh_f32_cr;
/// use wide::f32x8;
/// assert_eq!(sinh_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn sinh_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (al, ah) = x.abs().min(V::splat(90.0)).widen();
    // |x| < 2^-12: x + x^3/6 in f64 (the next term is below 2^-55 relative).
    let tiny = |w: V::Wide| w.abs().lt(V::Wide::splat(1.0 / 4096.0));
    let series = |w: V::Wide| (w * w * V::Wide::splat(1.0 / 6.0)).mul_add(w, w);
    let fl = V::Wide::select(
        tiny(lo),
        series(lo),
        copysign(sinh_cosh_wide(al, false), lo),
    );
    let fh = V::Wide::select(
        tiny(hi),
        series(hi),
        copysign(sinh_cosh_wide(ah, false), hi),
    );
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (fl, fh),
        crate::common::pow2(-38),
        sinh_f64,
        crate::cr_exceptions::SINH
    )
}

/// Correctly rounded `cosh` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation (the faithful tier's before issue 17) (`2^-45.6` relative, no
/// cancellation; see the module docs) with the rounding test at `d = 2^-44`, then, for the vectors
/// with a lane it leaves open, [`cosh_f64`] with the tier's `2^-50` test and the exceptions list
/// `cr_exceptions::COSH` (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`;
/// counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::hyperbolic::cosh_f32_cr;
/// use wide::f32x8;
/// assert_eq!(cosh_f32_cr(f32x8::splat(0.0)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn cosh_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (al, ah) = x.abs().min(V::splat(90.0)).widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (sinh_cosh_wide(al, true), sinh_cosh_wide(ah, true)),
        crate::common::pow2(-44),
        cosh_f64,
        crate::cr_exceptions::COSH
    )
}

/// Correctly rounded `tanh` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation (the faithful tier's before issue 17) (relative error about `2^-40`; see
/// the module docs) with the rounding test at `d = 2^-37`, then, for the vectors with a lane it
/// leaves open, [`tanh_f64`] with the tier's `2^-50` test and the exceptions list
/// `cr_exceptions::TANH` (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`;
/// counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::hyperbolic::tanh_f32_cr;
/// use wide::f32x8;
/// assert_eq!(tanh_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn tanh_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (al, ah) = x.abs().min(V::splat(10.0)).widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (copysign(tanh_wide(al), lo), copysign(tanh_wide(ah), hi)),
        crate::common::pow2(-37),
        tanh_f64,
        crate::cr_exceptions::TANH
    )
}
