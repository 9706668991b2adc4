//! `atan`, `asin` and `acos` for `f64` and `f32`.
//!
//! # `atan`, `f64`: a 16-entry table and one division
//! **Range reduction.** `a = |x|`. For `a` in `[2^-4, 2^4)` the subinterval `j` (two per
//! binade, by the top mantissa bit: `j = (bits(a) >> 51) - (bits(2^-4) >> 51)`) gives a centre
//! `c` and `atan(c) = T_HI + T_LO` (`kernels/gen/atan_table.py`, looked up on the lanes: one
//! `vpermi2pd` per table on AVX-512), and `atan(a) = atan(c) + atan(r)` with
//! `r = (a - c)/(1 + a c)`. `c` lies in the binade of `a`, so `a - c` is exact (Sterbenz);
//! `1 + a c` is kept as a double-double (an exact product and a two-sum). For `a < 2^-4`,
//! `c = 0` (`r = a`); for `a >= 2^4`, `atan(a) = pi/2 + atan(-1/a)` (`r = -1/a`, `pi/2` as a
//! double-double). One division, `1/d`, serves every lane: `r = n * (1/d)` and its error
//! `rlo = (n - r*d - r*dlo) * (1/d)` (an FMA residual), so `r + rlo` is `n/d` to about 2^-100
//! relative. `|r| < 0.0991` everywhere (the table script checks it).
//!
//! **Polynomial.** `atan(r) = r + r^3 P(r^2)`, odd of degree 13, a relative minimax fit on
//! `|r| <= 0.0991` (Sollya `fpminimax`, `kernels/gen/inv_trig.sollya`: `2^-63.5`).
//!
//! **No underflow.** Where `|r| < 2^-300` (only `a < 2^-300`, where `r = a` and `rlo = 0`,
//! and `a > 2^300`, where `r = -1/a` is added to `pi/2`), `r^3 P` and `rlo` are below
//! `2^-600 |r|` and `2^-352` and change no bit of the sum: they are taken as 0 (one compare
//! and a branch taken by the vectors that hold such a lane). Computed, `r^2` and `r^3` underflow
//! there, and on Zen 4 (AMD EPYC, family 25 model 17) every vector with a product that
//! underflows, to a subnormal or to zero, took a microcode assist: `atan` `f64` over every
//! exponent (`@all`) ran at 7.8 ns/element on AVX2 and 2.3 on AVX-512, and runs at 3.0 and 1.5
//! without (issue 18).
//!
//! **Assembly and error bound.** `T_HI + r` by an exact fast two-sum (`|T_HI| >= |r|` or
//! `T_HI = 0`), then `hi + (e + T_LO + rlo + r^3 P)`: the tail is below `0.5 hi` and carries
//! errors of about `2^-60 hi`, so the result is the correctly rounded sum of a value within
//! about `2^-58` relative of `atan(x)`: at most 0.5 + 2^-5 ulp, stated 1 ulp (integer distance
//! to the correctly rounded result), on every backend. The sign of `x` is put back last, so
//! `atan(-0) = -0`; tiny `x` give `x` (`r = x`, `r^3 P` far below half an ulp);
//! `atan(±inf) = ±pi/2` rounded (a select: `1/inf` and the FMA residual give NaN); NaN stays
//! NaN.
//!
//! # `asin` and `acos`, `f64`
//! **Range reduction.** `a = |x|`. For `a <= 1/2`, `s = x` and `w = x^2`; for `a > 1/2`,
//! `w = (1 - a)/2` (exact) and `s = sqrt(w)` with its error `slo = (w - s^2) g` (an FMA
//! residual, exact, times `g`, `1/(2s)` from the bits: `0x7fce6238_00000000 - bits(s)`, within
//! 5.06 %, `kernels/gen/recip_magic.py`; no division), using `asin(a) = pi/2 - 2 asin(s)`.
//! `|w - s^2| <= s ulp(s)`, so `slo` is below `0.5 ulp(s) <= 2^-55` and `g`'s error changes
//! `2 slo` by at most `0.05 * 2^-54`, below 0.05 ulp of the result (at least `pi/6` for asin,
//! about `2s` for acos near 1). The division it replaces cost more than the rest of the kernel
//! on Intel's AVX-512 (one divider on port 0, `vdivpd zmm` every 16 cycles besides the square
//! root's 16): asin `f64` 1.32 -> 0.83 ns/element there, 1.41 -> 1.30 on AVX2; `f32` 0.40 ->
//! 0.30 and 0.57 -> 0.52 (Intel Xeon, family 6 model 167, 2026-12-05). Both need `asin(s)` for
//! `|s| <= 1/2`: `s + s w P(w)`, odd of degree 27 (Sollya, relative `2^-59.9`), `P` by
//! second-order Horner (even and odd coefficients as two chains in `w^2`).
//!
//! **Assembly.** `asin(x) = B + m asin(s)` and `acos(x) = B + m asin(s)` with `(B, m)`:
//! asin `(0, 1)` for `a <= 1/2`, `(pi/2, -2)` above (sign of `x` put back last);
//! acos `(pi/2, -1)` for `a <= 1/2` (with `s = x` signed), `(0, 2)` for `x > 1/2`,
//! `(pi, -2)` for `x < -1/2`; `pi/2` and `pi` are double-doubles, `B_HI + m s` an exact fast
//! two-sum (`|B_HI| >= |m s|`), `m (slo + s w P)` the tail. The results are at least `pi/6`
//! wherever `B != 0` and the tail is at most `0.05` of the result where `B = 0`, so the result
//! is the rounding of a value within about `2^-55.5` relative (`2^-56` and `g`'s `0.05` ulp):
//! stated 1 ulp on every backend.
//!
//! **Special values** as libm: `asin(±0) = ±0`, `asin(±1) = ±pi/2`, `acos(1) = +0`,
//! `acos(-1) = pi`, `acos(±0) = pi/2` (all rounded); `|x| > 1`, `±inf` and NaN give NaN (the
//! square root of a negative `w`).
//!
//! # `atan2(y, x)`, `f64`
//! **Arguments**: `y` first, as C's `atan2(y, x)` and numpy's `arctan2(y, x)`.
//! **Reduction.** `mx = max(|x|, |y|)`, `mn = min(|x|, |y|)` (infinities replaced by 1 and the
//! finite partner by 0, which gives the C99 angles `pi/4`, `0`, `pi/2`), both scaled by `2^600`
//! where `mx < 2^-500` and by `2^-600` where `mx >= 2^990` (the ratio is unchanged; `mn` loses
//! bits to underflow only where `mn/mx < 2^-1400`, a zero result either way; the products stay
//! in the range of Dekker's exact product on the backend without FMA).
//! **Table cell without a division** (issue 18). `u = mn/mx` is never computed: the cell `j`
//! of an 8-entry table (`ATAN2_C`, `ATAN2_HI`, `kernels/gen/atan_table.py`; one `vpermpd` on
//! AVX-512, two `vpermps` and a blend on AVX2) comes from Mitchell's approximation of `log2(u)`:
//! `j = (bits(mnc) - bits(mx) - 1 + 4 * 2^52) >> 51` with `mnc = max(mn, RN(mx 2^-4 (1 + 2^-16)))`
//! (so every `u` below `2^-4` lands in cell 0, and `j` is in `0..8`), two cells per binade of that
//! approximation, which is within `G = 0.0861` of `log2(u)` (each significand `1 + f` counts as
//! `f` instead of `log2(1 + f)`). Cell 0 (`u < 2^(-3.5 + G) = 0.094`) has `c = 0`, `atan(c) = 0`;
//! for the others the script picks the centre `c` for every `u` the cell can hold, moved by a few
//! ulps until `atan(c)` is within `2^-65` relative of a double (`ATAN2_HI`; Gal's accurate
//! tables: no low part), and checks `|r| <= 0.1022`, that `mn - RN(c mx)` is exact (Sterbenz)
//! and that `atan(c) >= |r|`. Then `atan(mn/mx) = atan(c) + atan(r)`,
//! `r = (mn - c mx)/(mx + c mn)`:
//! with FMA, `n = RN(mn - c mx)` and `d = RN(mx + c mn)` by one FMA each (relative `2^-53`,
//! exact where `c = 0`), one division `inv = RN(1/d)`, `r = RN(n inv)` and
//! `rlo = RN(n - r d) inv` (an FMA residual), so `r + rlo = (n/d)(1 + e)` with `|e|` about
//! `2^-100`, and `n/d` is `r* = tan(atan(u) - atan(c))` within `2^-52` relative; without FMA,
//! `n` exact (Sterbenz), `d` a double-double as for `atan`, and the residual `n - r d` exact by
//! Dekker's product (with `r` and `n` scaled by `2^600` where `|n| < 2^-960`, so that its
//! partial products do not underflow). A residual rounded once (a `mul_add` without FMA) had
//! left results 1.35 ulp from `atan2(y, x)` on the portable backend (integer distance 1, but
//! not one of the two doubles around the exact value; `simdmath ulp`, 2,000,361 pairs): now
//! 0.504 ulp there, at a cost of 19 % on that backend (n = 4096, 6.2 -> 7.4 ns/element). The polynomial is its own fit on
//! `|r| <= 0.1023` (`ATAN2_F64_P`, degree 13, Sollya `kernels/gen/inv_trig.sollya`: `2^-62.9`),
//! by Estrin's scheme; `theta = atan(mn/mx)` in `[0, pi/4]` as `hi + tail`.
//! **Quadrant.** `B + m theta` with `B` = `0`, `pi/2` or `pi` (double-doubles) and `m = ±1` by
//! `|y| > |x|` and the sign bit of `x` (so `-0` counts as negative: `atan2(±0, -0) = ±pi`),
//! summed with a fast two-sum (exact: `B >= pi/2 > theta` or `B = 0`); the result is at least
//! `pi/4` wherever `B != 0`, so there is no cancellation; `mn = mx = 0` is taken as `0/1`; the sign of `y` is put on last (`atan2(-0, x >= +0) = -0`). NaN in gives NaN.
//! **Error bound.** `|r| <= 0.295 theta` in cells 1 to 7 (the script checks it; `r = theta`
//! to first order only where `c = 0`, and there `n`, `d` are exact), so the rounding of `n` and
//! `d` moves the result by at most `2^-52 * 0.295 |theta| < 0.59 ulp`; the polynomial
//! (`2^-62.9` of `atan(r)`), `ATAN2_HI`'s error (`2^-65`), the tail's roundings and the quadrant's
//! double-double add below `0.02 ulp`. The value before the last rounding is within `0.61 ulp` of
//! `atan2(y, x)` (`B + m theta` is at least `theta`), so its rounding is within 1 ulp (integer
//! distance: the two roundings differ by less than `0.5 + 0.61 + 0.5 < 2` ulp and both lie on
//! the grid) of the correctly rounded one on every backend (without FMA `n`, `d` and the
//! residual are exact and the bound is as for `atan`). Subnormal results (tiny
//! `|y/x|`) are the correctly rounded quotient up to one subnormal ulp.
//!
//! # `f32`: asin, acos, atan and atan2 in native `f32` lanes
//! **asin, acos** (issue 17) run the `f64` kernels' reduction and assembly on singles,
//! generic over the lane type: `w = (1 - |x|)/2` exact, `s = sqrt(w)` with its correction
//! `slo = (w - s^2) g` (an FMA residual and the bits' `1/(2s)`, `0x7e731200 - bits(s)`, within
//! 5.06 %: at most 0.05 ulp of the result), `asin(s) = s + s w p(w)` with `p`
//! of degree 5 in single coefficients (`ASIN_F32_P`, Sollya in `kernels/gen/f32_native.sollya`,
//! relative `2^-30.2`), and `B + m (s + slo + s w p)` with `B = pi/2, pi` as pairs of singles
//! (`PIO2_F32`, `PI_F32`) by a fast two-sum. The tail is at most about 0.1 of the result and
//! carries errors of a few `2^-24` of itself, so the value before the last rounding is within
//! about `2^-27` relative plus `g`'s 0.05 ulp: stated 1 ulp; the exhaustive test of all 2^32
//! inputs on every backend finds at most 1 ulp (docs/ACCURACY.md; not correctly rounded on
//! the FMA backends: asin 674,930 -> 690,768, acos 249,276 -> 268,551 when the division gave
//! way to `g`).
//!
//! **atan, atan2** (issue 17), 16 lanes per AVX-512 vector, no widening. Notation: `u = 2^-24`.
//!
//! *Reduction.* `mx = max(|x|, |y|)`, `mn = min(|x|, |y|)` (atan: `atan(x) = atan2(|x|, 1)`,
//! `mx = max(|x|, 1)`, `mn = min(|x|, 1)`, so `mx = 1` or `mn = 1`), `theta = atan(mn/mx)` in
//! `[0, pi/4]`. Where `mn > RN(tan(pi/8) mx)` (`big`), `theta = pi/4 + atan(r*)` with
//! `r* = (mn - mx)/(mn + mx)`, else `r* = mn/mx`: `|r*| <= tan(pi/8) (1 + 3u)`. The numerator
//! and denominator are kept exact as pairs, `n + nlo = mn - mx` and `d + dlo = mx + mn` (fast
//! two-sums: `mx >= mn`), and one division, `inv = RN(1/d)`, serves the quotient `r = RN(n inv)`
//! (within `2u` relative of `r*`) and its correction `rlo = (n - r d + nlo - r dlo) inv`: the
//! residual `n - r d` by one FMA (exact, or within `u` relative of itself; where the backend has
//! no FMA, from Dekker's exact product), so `r + rlo = r* (1 + 2^-44)`. In the usual range of
//! atan2 (both below `2^100`, `mn` zero or at least `2^-100`) nothing underflows or overflows
//! there (`atan2_f32_usual`, a narrower range where every result is normal, is tested first: the
//! checked entry loops ask it); other vectors take a path that maps infinities to 1 and their
//! finite partners to 0 (the C99 angles), scales both by `2^100` or `2^-36`, and for `mn <
//! 2^-100` after the scaling (the ratio is then below `2^-50`) uses the correctly rounded quotient
//! `n/d` with `rlo = 0`; it gives the usual lanes the same bits. atan clamps `mx` to `2^27` and
//! `mn` to `2^-27` (results `pi/2` and `x` there; no subnormal intermediates).
//!
//! *Polynomial.* `atan(r) = r + r^3 P(r^2)`, `P` of degree 4 in single coefficients
//! (`ATAN_F32_P`, Sollya `fpminimax` in `kernels/gen/f32_atan.sollya`, relative error `2^-28.59`
//! against `atan` on `|r| <= tan(pi/8) (1 + 2^-10)`), by Estrin's scheme;
//! `tail = r z P(z) + rlo (1 - z)`, `z = r^2` (`rlo/(1 + z)` to first order: `atan` of `r + rlo`).
//!
//! *Assembly.* The result is `k pi/4 + m (r + tail)` with `m = ±1` and `k` in `0..=4` from `big`,
//! `|y| > |x|` and the sign bit of `x` (atan2), the sign of `y` (of `x` for atan) put on last.
//! `pi/4 = PIO4_F32[0] + PIO4_F32[1]` (`2^-48` relative) with a 22-bit head, so `k PIO4_F32[0]`
//! is exact; `(h, he)` = fast two-sum of that head and `m r` (exact: the head is at least
//! `0.785 > |r|` where `k > 0`), and `h + ((he + k PIO4_F32[1]) + m tail)` is rounded once.
//!
//! *Error bound, why faithful.* Let `v` be the value whose rounding is returned. `k = 0`
//! (first octant, `m = 1`, `v = r + tail`): the tail is at most `z/3 <= 0.058` of `|r|`; its
//! rounding errors (`z`, `z^2`, `r z`, the Estrin steps, the final FMA; unfused: twice as many)
//! are at most about `0.3 u |r|`, the first-order correction leaves `rlo z^2 <= 0.06 u |r|`,
//! `r + rlo` is off by `2^-44 |r|` and the polynomial by `2^-28.6 |r|`: in all at most about
//! `0.4 u |r|`, and `|atan(r*)| >= 0.94 |r|`, `ulp(atan) > u |atan|`, so `v` is within
//! `0.43 ulp` of the exact result. `k >= 1`: the result is at least `pi/8`; the tail's errors
//! (`|r| <= 0.415`) are at most about `0.2 u` absolute, i.e. `0.42 ulp` in `[pi/8, 1/2)`,
//! `0.21 ulp` in `[1/2, 1)`, `0.1 ulp` above 1; `pi/4` and `k PIO4_F32[1]` add below
//! `2^-44`. So `|v - atan| < 0.5 ulp` and the returned `RN(v)` is within 1 ulp (integer distance)
//! of the correctly rounded result: faithful. The exhaustive test of all 2^32 inputs (atan) and
//! 10^9 pairs plus the hard pairs (atan2) find at most 1 ulp on every backend (counts in
//! docs/ACCURACY.md). The FMA backends run the same operations (bit-identical results); the
//! portable backend rounds the products of the polynomial separately (different last bits,
//! same bound).
//!
//! **Correctly rounded tier.** `atan_f32_cr`'s stage 1 keeps the `f64`-lane evaluation
//! (`atan_wide`: `t = min(|x|, 1) / max(|x|, 1)`, one polynomial on `[0, 1]` of degree 25,
//! `2^-36.5`, `pi/2 - atan(t)` for `|x| > 1`). Its stage 1 of asin and acos keeps the `f64`
//! reduction with a shorter polynomial (degree 15, `2^-35.8`, `ASIN_W_F64`) and without `slo`
//! (below `2^-50` relative). The `f64` value is within about `2^-35` relative of the exact
//! result, so the `f32` result, rounded once, is correctly rounded unless the exact value
//! lies within `2^-11` ulp of a rounding boundary, and within 1 ulp always.

use crate::atan_table::{ATAN_C, ATAN_HI, ATAN_LO, ATAN2_C, ATAN2_HI};
use crate::coeffs_f32::{ASIN_F32_P, PI_F32, PIO2_F32};
use crate::coeffs_f32_atan::{ATAN_F32_P, PIO4_F32};
use crate::coeffs_inv_trig::{ASIN_F64_P, ASIN_W_F64, ATAN_F64_P, ATAN01_W_F64, ATAN2_F64_P};
use crate::common::{
    all_normal_below, all_set, fast_two_sum, horner, horner2, recip_half_approx, residual,
    two_prod, two_sum,
};
use crate::lanes::{Lanes, Scalar, Widen};

/// `pi/2` rounded to a double.
const PIO2_HI: f64 = f64::from_bits(0x3ff9_21fb_5444_2d18);
/// `pi/2 - PIO2_HI` rounded to a double.
const PIO2_LO: f64 = f64::from_bits(0x3c91_a626_3314_5c07);
/// `pi` rounded to a double.
const PI_HI: f64 = f64::from_bits(0x4009_21fb_5444_2d18);
/// `pi - PI_HI` rounded to a double.
const PI_LO: f64 = f64::from_bits(0x3ca1_a626_3314_5c07);
/// `tan(pi/8)` rounded to a single: the native `f32` atan and atan2 reduce above it.
const TAN_PI_8_F32: f32 = f32::from_bits(0x3ed4_13cd);
/// `2^27`, `2^-27`, `2^100`, `2^-36`, `2^-50`, `2^-100` as singles (the native `f32` atan and atan2).
const TWO_POW_27_F32: f32 = f32::from_bits((127 + 27) << 23);
const TWO_POW_M27_F32: f32 = f32::from_bits((127 - 27) << 23);
const TWO_POW_100_F32: f32 = f32::from_bits((127 + 100) << 23);
const TWO_POW_M36_F32: f32 = f32::from_bits((127 - 36) << 23);
const TWO_POW_M50_F32: f32 = f32::from_bits((127 - 50) << 23);
const TWO_POW_M100_F32: f32 = f32::from_bits((127 - 100) << 23);
/// `2^62`, `2^-62` as singles: the bounds of [`atan2_f32_usual`].
const TWO_POW_62_F32: f32 = f32::from_bits((127 + 62) << 23);
const TWO_POW_M62_F32: f32 = f32::from_bits((127 - 62) << 23);
/// `bits(2^-4) >> 51`: the table index offset.
const ATAN_BASE: u64 = 0x7f6;

/// `v` with the sign bit of `x` or-ed in (`v` non-negative).
#[inline(always)]
fn with_sign_of<V: Lanes>(v: V, x: V) -> V {
    V::from_bits(V::to_bits(v) | (V::to_bits(x) & V::to_bits(-V::splat(V::Scalar::ZERO))))
}

/// What asin and acos need of their element type: `pi/2` and `pi` as pairs (`HI + LO`) and
/// the smallest positive normal number.
trait AsinScalar: Scalar {
    const PIO2: [Self; 2];
    const PI: [Self; 2];
}
impl AsinScalar for f64 {
    const PIO2: [f64; 2] = [PIO2_HI, PIO2_LO];
    const PI: [f64; 2] = [PI_HI, PI_LO];
}
impl AsinScalar for f32 {
    const PIO2: [f32; 2] = PIO2_F32;
    const PI: [f32; 2] = PI_F32;
}

/// `2^-300`: below it `atan`'s `r^3 P(r^2)` and `rlo` are left out (see the module docs).
const TINY_ATAN: f64 = 4.909093465297727e-91;

/// `atan(|x|)` on `f64` lanes (see the module docs).
#[inline(always)]
fn atan_abs<V: Lanes<Scalar = f64>>(x: V) -> V {
    let zero = V::splat(0.0);
    let one = V::splat(1.0);
    let a = x.abs();
    let j = V::shr(V::to_bits(a), 51) - V::splat_bits(ATAN_BASE);
    let small = a.lt(V::splat(0.0625));
    let big = V::splat(16.0).le(a);
    let c = V::andnot_mask(small | big, V::lookup(&ATAN_C, j));
    let th = V::andnot_mask(
        small,
        V::select(big, V::splat(PIO2_HI), V::lookup(&ATAN_HI, j)),
    );
    let tl = V::andnot_mask(
        small,
        V::select(big, V::splat(PIO2_LO), V::lookup(&ATAN_LO, j)),
    );
    // r = n/d: (a - c)/(1 + a c), or -1/a beyond 16; d as a double-double.
    let n = V::select(big, -one, a - c);
    let (pr, pe) = two_prod(a, c);
    let (d1, de) = two_sum(one, pr);
    let d = V::select(big, a, d1);
    let dlo = V::andnot_mask(big, de + pe);
    let inv = one / d;
    let r = n * inv;
    let e = (-r).mul_add(dlo, (-r).mul_add(d, n));
    // Where |r| < 2^-300 (x below 2^-300 or above 2^300) the polynomial's term and `rlo` are
    // far below half an ulp of what they are added to: taken as 0, the same bits, and no
    // product underflows (see the module docs).
    let tiny = r.abs().lt(V::splat(TINY_ATAN));
    let (rp, e) = if V::bitmask(tiny) != 0 {
        (V::select(tiny, zero, r), V::select(tiny, zero, e))
    } else {
        (r, e)
    };
    let rlo = e * inv;
    let z = rp * rp;
    let q = (rp * z) * horner(z, &ATAN_F64_P);
    let (s, es) = fast_two_sum(th, r);
    let y = s + (((tl + rlo) + es) + q);
    V::select(a.eq(V::splat(f64::INFINITY)), V::splat(PIO2_HI), y)
}

/// `atan(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::inv_trig::atan_f64;
/// use wide::f64x4;
/// let y = atan_f64(f64x4::from([0.0, -0.0, 1.0, f64::NEG_INFINITY])).to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], std::f64::consts::FRAC_PI_4);
/// assert_eq!(y[3], -std::f64::consts::FRAC_PI_2);
/// ```
#[inline(always)]
pub fn atan_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    with_sign_of(atan_abs(x), x)
}

/// `atan(x)` on every lane of an `f32` vector, in native `f32` lanes (see the module docs,
/// "`f32`": `atan(x) = atan2(x, 1)` without the special-value paths).
///
/// ```
/// use simdmath_kernels::inv_trig::atan_f32;
/// use wide::f32x8;
/// let y = atan_f32(f32x8::from([0.0, -0.0, 1.0, -1e30, 0.5, 2.0, f32::INFINITY, f32::NAN]));
/// let y = y.to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[2], std::f32::consts::FRAC_PI_4);
/// assert_eq!(y[3], -std::f32::consts::FRAC_PI_2);
/// assert_eq!(y[6], std::f32::consts::FRAC_PI_2);
/// assert!(y[7].is_nan());
/// ```
#[inline(always)]
pub fn atan_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let one = V::splat(1.0);
    let a = x.abs();
    // mx = max(|x|, 1) clamped to 2^27 (from 6.3e7 on, and for infinity, the result is pi/2
    // rounded), mn = min(|x|, 1) clamped to 2^-27 (below, atan(x) = x is the correctly
    // rounded result: |atan(x)/x - 1| < 2^-54; the select at the end); no subnormal
    // intermediates (slow on some CPUs). NaN stays NaN (`min`/`max` keep a NaN `self`).
    let lim = V::splat(TWO_POW_27_F32);
    let mx = a.max(one).min(lim);
    let mn = a.min(one).max(V::splat(TWO_POW_M27_F32));
    let swap = one.lt(a);
    let (r, tail, kb) = atan_ratio_f32::<V, false>(mn, mx);
    // atan(|x|) = theta (|x| <= 1) or pi/2 - theta, theta = kb pi/4 + r + tail.
    let k = V::select(swap, V::splat(2.0) - kb, kb);
    let m = V::select(swap, -one, one);
    let t = with_sign_of(assemble_f32(k, m, r, tail), x);
    V::select(a.lt(V::splat(TWO_POW_M27_F32)), x, t)
}

/// `atan(mn/mx) = kb pi/4 + r + tail` for `0 <= mn <= mx` (see the module docs, "`f32`"):
/// `(r, tail, kb)`, `kb` 0 or 1. In range: `mx < 2^100` and `mn` zero or at least `2^-100`
/// (`mn = mx = 0` gives `0`), or `mx = 1` (`r = mn` exactly); `SLOW` (the special-value path
/// of atan2) also takes `0 < mn < 2^-100` with `mx >= 2^-50`: there `r` is the correctly
/// rounded quotient (below `2^-50`) and the correction is dropped.
#[inline(always)]
fn atan_ratio_f32<V: Lanes<Scalar = f32>, const SLOW: bool>(mn: V, mx: V) -> (V, V, V) {
    let zero = V::splat(0.0);
    let one = V::splat(1.0);
    // Above tan(pi/8): atan(mn/mx) = pi/4 + atan((mn - mx)/(mn + mx)).
    let big = (mx * V::splat(TAN_PI_8_F32)).lt(mn);
    // n + nlo = mn - mx and d + dlo = mx + mn exactly where big (fast two-sums: mx >= mn), else
    // n = mn, d = mx (nlo = dlo = 0). Both inputs zero (atan2): d = 0 with n = 0; dd = max(d,
    // 2^-126) makes that 0 * 2^126 = 0 (where big, d > mn >= 2^-100: mn > 0 there, and the
    // slow path's mn below 2^-100 is never big).
    let (n, d, nlo, dlo, dd) = if V::SELECT_COSTLY {
        // The addends masked to +0 outside big (`and_mask`, no blend): `mn - 0`, `mx + 0`,
        // `mn - (mn + 0)` and `0 - (mx - mx)` give exactly the values above (`mn`, `mx` finite
        // and not negative). AVX2 (Intel, n = 4096): atan2 20 %, atan 13 % faster.
        let mxb = V::and_mask(big, mx);
        let mnb = V::and_mask(big, mn);
        let n = mn - mxb;
        let d = mx + mnb;
        (
            n,
            d,
            mn - (n + mxb),
            mnb - (d - mx),
            d.max(V::splat(f32::MIN_POSITIVE)),
        )
    } else {
        // Both forms computed and then selected: a shorter chain before the division (the
        // masked form is 3-5 % slower on AVX-512).
        let nb = mn - mx;
        let db = mx + mn;
        (
            V::select(big, nb, mn),
            V::select(big, db, mx),
            V::select(big, mn - (nb + mx), zero),
            V::select(big, mn - (db - mx), zero),
            V::select(big, db, mx.max(V::splat(f32::MIN_POSITIVE))),
        )
    };
    let inv = one / dd;
    let r = n * inv;
    // rlo = (n + nlo - r (d + dlo))/d: the residual n - r d by one FMA (its exact value is
    // representable, or off by a relative 2^-24 of itself), or from Dekker's exact product.
    let e = residual(n, r, d);
    let rlo = (-r).mul_add(dlo, e + nlo) * inv;
    let (r, rlo) = if SLOW {
        let tiny = mn.lt(V::splat(TWO_POW_M100_F32));
        (V::select(tiny, n / dd, r), V::select(tiny, zero, rlo))
    } else {
        (r, rlo)
    };
    // atan(r + rlo) = atan(r) + rlo/(1 + r^2) + O(rlo^2): the correction times (1 - z).
    let z = r * r;
    // P(z) by Estrin's scheme (shorter dependency chain than Horner's).
    let c = &ATAN_F32_P;
    let z2 = z * z;
    let p01 = z.mul_add(V::splat(c[1]), V::splat(c[0]));
    let p23 = z.mul_add(V::splat(c[3]), V::splat(c[2]));
    let p = z2.mul_add(z2.mul_add(V::splat(c[4]), p23), p01);
    let tail = (r * z).mul_add(p, (-z).mul_add(rlo, rlo));
    (r, tail, V::and_mask(big, one))
}

/// `k pi/4 + m (r + tail)` for `k` in `0..=4`, `m = ±1`, `|r| <= tan(pi/8) (1 + 2^-10)`,
/// `k >= 1` or `m = 1`: `k pi/4` as `k PIO4_F32[0]` (exact) `+ k PIO4_F32[1]`, the head by an
/// exact fast two-sum, one rounding of the sum at the end.
#[inline(always)]
fn assemble_f32<V: Lanes<Scalar = f32>>(k: V, m: V, r: V, tail: V) -> V {
    let bh = k * V::splat(PIO4_F32[0]);
    let bl = k * V::splat(PIO4_F32[1]);
    let (h, he) = fast_two_sum(bh, m * r);
    h + m.mul_add(tail, he + bl)
}

/// `atan(t)` for `0 <= t <= 1` (or NaN) to about 2^-36 relative, one polynomial (`ATAN01_W_F64`,
/// degree 25): the `f32` kernels' path.
#[inline(always)]
fn atan01_wide<W: Lanes<Scalar = f64>>(t: W) -> W {
    let z = t * t;
    (t * z).mul_add(horner(z, &ATAN01_W_F64), t)
}

/// `atan(x)` of `f32` values held exactly in `f64` lanes: `t = min(|x|, 1)/max(|x|, 1)` (one
/// division, exact for `|x| <= 1`; `t = 0` for infinite `x`), `atan(t)` by [`atan01_wide`], and
/// `pi/2 - atan(t)` for `|x| > 1`; the sign of `x` put back (`atan(-0) = -0`).
#[inline(always)]
fn atan_wide<W: Lanes<Scalar = f64>>(x: W) -> W {
    let one = W::splat(1.0);
    let a = x.abs();
    let t = a.min(one) / a.max(one);
    let th = atan01_wide(t);
    let y = W::select(one.lt(a), W::splat(PIO2_HI) - th, th);
    with_sign_of(y, x)
}

/// The common core of asin and acos: `(s, slo, q, big)` with `asin(s) = s + slo + q` for
/// `|s| <= 1/2`: `s = x` for `|x| <= 1/2` and `s = sqrt((1 - |x|)/2)` above (`big`).
#[inline(always)]
fn asin_core<V: Lanes, const FINE: bool, const N: usize>(
    x: V,
    p: &[V::Scalar; N],
) -> (V, V, V, V::Mask)
where
    V::Scalar: AsinScalar,
{
    let half = V::splat(V::Scalar::HALF);
    let a = x.abs();
    let big = half.lt(a);
    let w = V::select(big, (V::splat(V::Scalar::ONE) - a) * half, x * x);
    let rt = w.sqrt();
    let s = V::select(big, rt, x);
    let slo = if FINE {
        // (w - rt^2)/(2 rt) without a division: the residual (exact with FMA) times `g`, 1/(2 rt)
        // from the bits, within 5.06 % (a division per vector cost more than the whole rest
        // on Intel's AVX-512, see the module docs). slo is a correction below half an ulp of
        // rt, so g's error moves the result by at most 0.05 ulp. rt = 0 (|x| = 1, or x = 0 in
        // the lanes that do not use slo) gives a finite g and e = 0.
        let e = (-rt).mul_add(rt, w);
        V::and_mask(big, e * recip_half_approx(rt))
    } else {
        V::splat(V::Scalar::ZERO)
    };
    // The f64 kernels' 13 coefficients by second-order Horner (half the chain of dependent
    // operations, one operation more: Zen 5, n = 4096, asin and acos 10 % faster on AVX-512,
    // 8 % on AVX2); the f32 kernels' 6 by Horner (second-order was 1-3 % slower there).
    let q = if N > 8 {
        (s * w) * horner2(w, p)
    } else {
        (s * w) * horner(w, p)
    };
    (s, slo, q, big)
}

/// `b + m (s + slo + q)` with `b = bh + bl`, `|bh| >= |m s|` or `bh = 0`, `m` a power of two.
#[inline(always)]
fn assemble<V: Lanes>(bh: V, bl: V, m: V, s: V, slo: V, q: V) -> V {
    let (h, e) = fast_two_sum(bh, m * s);
    h + ((e + bl) + m * (slo + q))
}

/// `asin(x)` on `f64` lanes with the given precision (see the module docs).
#[inline(always)]
fn asin_wide<V: Lanes, const FINE: bool, const N: usize>(x: V, p: &[V::Scalar; N]) -> V
where
    V::Scalar: AsinScalar,
{
    let (s, slo, q, big) = asin_core::<V, FINE, N>(x.abs(), p);
    let one = V::splat(V::Scalar::ONE);
    let [pio2_hi, pio2_lo] = V::Scalar::PIO2;
    // The selects against zero as masks (`and_mask`), m = -2 where big as 1 + (-3): exact.
    let bh = V::and_mask(big, V::splat(pio2_hi));
    let bl = V::and_mask(big, V::splat(pio2_lo));
    let m = one + V::and_mask(big, -(one + one + one));
    with_sign_of(assemble(bh, bl, m, s, slo, q), x)
}

/// `acos(x)` on `f64` lanes with the given precision (see the module docs).
#[inline(always)]
fn acos_wide<V: Lanes, const FINE: bool, const N: usize>(x: V, p: &[V::Scalar; N]) -> V
where
    V::Scalar: AsinScalar,
{
    let (s, slo, q, big) = asin_core::<V, FINE, N>(x, p);
    let zero = V::splat(V::Scalar::ZERO);
    let one = V::splat(V::Scalar::ONE);
    let two = one + one;
    let [pio2_hi, pio2_lo] = V::Scalar::PIO2;
    let [pi_hi, pi_lo] = V::Scalar::PI;
    let neg = x.lt(zero);
    let bh = V::select(big, V::and_mask(neg, V::splat(pi_hi)), V::splat(pio2_hi));
    let bl = V::select(big, V::and_mask(neg, V::splat(pi_lo)), V::splat(pio2_lo));
    // -2 where neg as 2 with its sign bit flipped by a masked -0 (no blend).
    let m2 = V::from_bits(V::to_bits(two) ^ V::to_bits(V::and_mask(neg, -zero)));
    let m = V::select(big, m2, -one);
    assemble(bh, bl, m, s, slo, q)
}

/// Whether every lane of `x` has a normal `asin(x)`, `f64` or `f32`: `|x|` normal and at most 1
/// (`|asin x| >= |x|`; zero, subnormals and NaN fail). An input test for the checked entry
/// loops (the registry's `input`): two compares per vector where the test of the results takes
/// more.
///
/// ```
/// use simdmath_kernels::inv_trig::asin_usual;
/// use wide::{f32x8, f64x4};
/// assert!(asin_usual(f64x4::from([1.0, -1.0, 0.5, f64::MIN_POSITIVE])));
/// assert!(!asin_usual(f64x4::from([1.0, -1.0, 0.5, 0.0])));
/// assert!(!asin_usual(f32x8::from([1.0, 1.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])));
/// ```
#[inline(always)]
pub fn asin_usual<V: Lanes>(x: V) -> bool {
    let a = x.abs();
    let one = V::splat(V::Scalar::ONE);
    all_set::<V>(V::splat(V::Scalar::MIN_POSITIVE).le(a) & a.le(one))
}

/// Whether every lane of `x` has a normal `acos(x)` or its exact zero, `f64` or `f32`: `|x| <=
/// 1` (`acos 1 = +0`; elsewhere `acos x >= acos(1 - ulp)`, about `2^-26` or `2^-11.5`; NaN
/// fails). An input test for the checked entry loops (the registry's `input`).
///
/// ```
/// use simdmath_kernels::inv_trig::acos_usual;
/// use wide::f64x4;
/// assert!(acos_usual(f64x4::from([1.0, -1.0, 0.0, 1e-300])));
/// assert!(!acos_usual(f64x4::from([1.0, -1.0, 0.0, f64::NAN])));
/// ```
#[inline(always)]
pub fn acos_usual<V: Lanes>(x: V) -> bool {
    all_set::<V>(x.abs().le(V::splat(V::Scalar::ONE)))
}

/// Whether every lane of `x` has a normal `atan(x)`, `f64` or `f32`: `|x|` normal, `|x| < inf`
/// (`|atan x|` is `|x|` rounded below `2^-27` and at most `pi/2`; zero, subnormals, the
/// infinities and NaN fail). An input test for the checked entry loops (the registry's
/// `input`).
///
/// ```
/// use simdmath_kernels::inv_trig::atan_usual;
/// use wide::f64x4;
/// assert!(atan_usual(f64x4::from([1.0, -1e300, 2.0, f64::MIN_POSITIVE])));
/// assert!(!atan_usual(f64x4::from([1.0, -1e300, 2.0, 1e-310])));
/// ```
#[inline(always)]
pub fn atan_usual<V: Lanes>(x: V) -> bool {
    all_normal_below(x, V::Scalar::INFINITY)
}

/// `asin(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::inv_trig::asin_f64;
/// use wide::f64x4;
/// let y = asin_f64(f64x4::from([-0.0, 1.0, 0.5, 1.5])).to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[1], std::f64::consts::FRAC_PI_2);
/// assert_eq!(y[2], std::f64::consts::FRAC_PI_6);
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn asin_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    asin_wide::<V, true, 13>(x, &ASIN_F64_P)
}

/// `acos(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::inv_trig::acos_f64;
/// use wide::f64x4;
/// let y = acos_f64(f64x4::from([1.0, -1.0, 0.0, f64::NAN])).to_array();
/// assert_eq!(y[0].to_bits(), 0);
/// assert_eq!(y[1], std::f64::consts::PI);
/// assert_eq!(y[2], std::f64::consts::FRAC_PI_2);
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn acos_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    acos_wide::<V, true, 13>(x, &ASIN_F64_P)
}

/// `asin(x)` on every lane of an `f32` vector, in native `f32` lanes: the `f64` kernel's
/// reduction and assembly (with the square root's correction `slo`) on singles, with a degree-5
/// polynomial in `w` (see the module docs, "`f32`").
///
/// ```
/// use simdmath_kernels::inv_trig::asin_f32;
/// use wide::f32x8;
/// let y = asin_f32(f32x8::from([-0.0, 1.0, 0.5, 2.0, 0.1, -1.0, 1e-30, f32::NAN])).to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[1], std::f32::consts::FRAC_PI_2);
/// assert!(y[3].is_nan() && y[7].is_nan());
/// assert_eq!(y[6], 1e-30);
/// ```
#[inline(always)]
pub fn asin_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    asin_wide::<V, true, 6>(x, &ASIN_F32_P)
}

/// `acos(x)` on every lane of an `f32` vector, in native `f32` lanes (see [`asin_f32`]).
///
/// ```
/// use simdmath_kernels::inv_trig::acos_f32;
/// use wide::f32x8;
/// let y = acos_f32(f32x8::from([1.0, -1.0, 0.0, 2.0, 0.5, -0.5, 0.9, -0.9])).to_array();
/// assert_eq!(y[0].to_bits(), 0);
/// assert_eq!(y[1], std::f32::consts::PI);
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn acos_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    acos_wide::<V, true, 6>(x, &ASIN_F32_P)
}

/// Whether every lane pair of `(y, x)` takes [`atan2_f64`]'s usual path, where every result is a
/// normal number: every lane finite (NaN fails), `|x| + |y| < 2^511` and `min(|x|, |y|)` at
/// least `2^-500`, so the ratio `min/max` is above `2^-1011` and `|atan2(y, x)|` above
/// `2^-1012`. The kernel's first test (computed once with it; a vector that fails it may still
/// take the same path, by [`atan2_f64`]'s wider test); the checked entry loops skip their test
/// of the results on such a pair of vectors (the registry's `usual`; see
/// [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::inv_trig::atan2_f64_usual;
/// use wide::f64x4;
/// let x = f64x4::from([1.0, -2.0, 1e-140, 1e150]);
/// assert!(atan2_f64_usual(f64x4::from([1e-150, 1e-100, 1.0, -1e-5]), x));
/// // A zero, and a ratio of 1e-10 / 1e300 (atan2 would be subnormal), fail.
/// assert!(!atan2_f64_usual(f64x4::from([0.0, 1.0, 1.0, 1.0]), x));
/// assert!(!atan2_f64_usual(f64x4::from([1.0, 1.0, 1.0, 1e-10]), f64x4::splat(1e300)));
/// assert!(!atan2_f64_usual(f64x4::from([1.0, f64::NAN, 1.0, 1.0]), x));
/// ```
#[inline(always)]
pub fn atan2_f64_usual<V: Lanes<Scalar = f64>>(y: V, x: V) -> bool {
    let ax = x.abs();
    let ay = y.abs();
    let usual = (ax + ay).lt(V::splat(f64::from_bits((1023 + 511) << 52)))
        & V::splat(f64::from_bits((1023 - 500) << 52)).le(ax.min(ay));
    all_set::<V>(usual)
}

/// `atan2(y, x)` on every lane of two `f64` vectors: the angle of the point `(x, y)`, in
/// `[-pi, pi]`. **The first argument is `y`**, as in C's `atan2(y, x)` and numpy's
/// `arctan2(y, x)` (for the registry's two-slice entry points: the first slice is `y`).
///
/// ```
/// use simdmath_kernels::inv_trig::atan2_f64;
/// use wide::f64x4;
/// let y = f64x4::from([1.0, 0.0, -0.0, f64::INFINITY]);
/// let x = f64x4::from([1.0, -0.0, -1.0, f64::NEG_INFINITY]);
/// let t = atan2_f64(y, x).to_array();
/// assert_eq!(t[0], std::f64::consts::FRAC_PI_4);
/// assert_eq!(t[1], std::f64::consts::PI);
/// assert_eq!(t[2], -std::f64::consts::PI);
/// assert_eq!(t[3], 3.0 * std::f64::consts::FRAC_PI_4);
/// ```
#[inline(always)]
pub fn atan2_f64<V: Lanes<Scalar = f64>>(y: V, x: V) -> V {
    let zero = V::splat(0.0);
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    let ax = x.abs();
    let ay = y.abs();
    let mx = ax.max(ay);
    // The usual vectors (every lane finite, not NaN, |x| + |y| below 2^990, max(|x|, |y|) at
    // least 2^-500) skip the infinities, the scaling and the NaN select: the same operations on
    // the same values. (A NaN or infinite lane fails the `lt`; `max` only matters on the others.)
    // Tested first on a narrower range, where every result is normal ([`atan2_f64_usual`]: the
    // checked entry loops ask it, and it costs no more than this one).
    let big = V::splat(f64::from_bits((1023 + 990) << 52));
    if atan2_f64_usual(y, x)
        || all_set::<V>((ax + ay).lt(big) & V::splat(f64::from_bits((1023 - 500) << 52)).le(mx))
    {
        let t = atan2_core(x, ax.lt(ay), mx, ax.min(ay));
        return with_sign_of(t, y);
    }
    // Infinities: as the ratio of (1 or 0) to (1 or 0), which gives the C99 angles.
    let any_inf = ax.eq(inf) | ay.eq(inf);
    let ax = V::select(any_inf, V::select(ax.eq(inf), one, zero), ax);
    let ay = V::select(any_inf, V::select(ay.eq(inf), one, zero), ay);
    let swap = ax.lt(ay);
    let mx = ax.max(ay);
    let mn = ax.min(ay);
    // Scaling by powers of two (the ratio is unchanged): products and residuals stay normal
    // and below 2^996 (Dekker's product without FMA).
    let tiny = mx.lt(V::splat(f64::from_bits((1023 - 500) << 52)));
    let huge = V::splat(f64::from_bits((1023 + 990) << 52)).le(mx);
    let sc = V::select(
        tiny,
        V::splat(f64::from_bits((1023 + 600) << 52)),
        V::select(huge, V::splat(f64::from_bits((1023 - 600) << 52)), one),
    );
    // mn = mx = 0: the ratio 0/1 (atan2_core needs mx > 0).
    let mx = V::select(mx.eq(zero), one, mx * sc);
    let t = atan2_core(x, swap, mx, mn * sc);
    let t = with_sign_of(t, y);
    V::select(x.is_nan() | y.is_nan(), x + y, t)
}

/// `atan2(|y|, x)` from `mx = max(|x|, |y|)`, `mn = min(|x|, |y|)` (scaled alike, in range),
/// `swap = |x| < |y|` and the sign bit of `x` (see the module docs).
#[inline(always)]
fn atan2_core<V: Lanes<Scalar = f64>>(x: V, swap: V::Mask, mx: V, mn: V) -> V {
    let one = V::splat(1.0);
    // u = mn/mx in [0, 1] (mx > 0): Mitchell's log2(u) from the bits picks the cell j in 0..8
    // (no division; kernels/gen/atan_table.py), with mn clamped to mx 2^-4 (1 + 2^-16) so that
    // every u below 2^-4 lands in cell 0 (c = 0); r = (mn - c mx)/(mx + c mn).
    let mnc = mn.max(mx * V::splat(f64::from_bits(0x3fb0_0010_0000_0000)));
    let j = V::shr(
        (V::to_bits(mnc) + V::splat_bits((4 << 52) - 1)) - V::to_bits(mx),
        51,
    );
    let c = V::lookup(&ATAN2_C, j);
    let th = V::lookup(&ATAN2_HI, j);
    // r + rlo = n/d, n = mn - c mx, d = mx + c mn. With FMA, n and d are rounded once each (relative 2^-53; exact for c = 0);
    // without, n is exact (Sterbenz: RN(c mx) is within a factor 2 of mn), d a double-double
    // and the residual of r exact.
    let (r, rlo) = if V::FUSED {
        let n = (-c).mul_add(mx, mn);
        let d = c.mul_add(mn, mx);
        let inv = one / d;
        let r = n * inv;
        (r, (-r).mul_add(d, n) * inv)
    } else {
        let (p, pe) = two_prod(c, mx);
        let n = mn - p;
        let (q1, qe) = two_prod(c, mn);
        let (d, de) = fast_two_sum(mx, q1); // mx >= c mn
        let dlo = de + qe;
        let inv = one / d;
        let r = n * inv;
        // The residual n - r d exactly: Dekker's product (`n - rd` is exact by Sterbenz). A
        // `mul_add` rounds the product without FMA, an error as large as r's own rounding
        // (1.35 ulp measured from it). Below |n| = 2^-960 (then c = 0, so pe = dlo = 0) the
        // partial products would underflow: there r and n are scaled by 2^600 (exact) and
        // the correction scaled back after the division by d.
        let tiny = n.abs().lt(V::splat(f64::from_bits((1023 - 960) << 52)));
        let sc = V::select(tiny, V::splat(f64::from_bits((1023 + 600) << 52)), one);
        let e = (-r).mul_add(dlo, residual(n * sc, r * sc, d) - pe);
        let back = V::select(tiny, V::splat(f64::from_bits((1023 - 600) << 52)), one);
        (r, (e * inv) * back)
    };
    // atan(r) = r + r z P(z), z = r^2, P by Estrin's scheme (a shorter dependency chain).
    let z = r * r;
    let cp = &ATAN2_F64_P;
    let z2 = z * z;
    let p = z2.mul_add(
        z2.mul_add(
            z.mul_add(V::splat(cp[5]), V::splat(cp[4])),
            z.mul_add(V::splat(cp[3]), V::splat(cp[2])),
        ),
        z.mul_add(V::splat(cp[1]), V::splat(cp[0])),
    );
    let q = (r * z) * p;
    let (s, es) = fast_two_sum(th, r);
    let tail = (rlo + es) + q;
    // theta = atan(mn/mx) = s + tail in [0, pi/4]; the quadrant: B + m theta.
    let xsign = V::to_bits(x) & V::splat_bits(1 << 63);
    let xneg = V::bits_eq(xsign, V::splat_bits(1 << 63));
    let bh = V::select(swap, V::splat(PIO2_HI), V::and_mask(xneg, V::splat(PI_HI)));
    let bl = V::select(swap, V::splat(PIO2_LO), V::and_mask(xneg, V::splat(PI_LO)));
    // m = -1 for (swap, x >= 0) and (no swap, x < 0), +1 otherwise: the sign bit of 1 flipped
    // by swap and by x's sign (no blend).
    let m = V::from_bits(V::to_bits(one) ^ V::to_bits(V::and_mask(swap, V::splat(-0.0))) ^ xsign);
    // Exact: |bh| >= pi/2 > |m s| or bh = 0.
    let (h, he) = fast_two_sum(bh, m * s);
    h + ((he + bl) + m * tail)
}

/// Whether every lane pair of `(y, x)` takes [`atan2_f32`]'s usual path, where every result is a
/// normal number: every lane finite (NaN fails), `|x| + |y| < 2^62` and `min(|x|, |y|)` at
/// least `2^-62`, so the ratio `min/max` is above `2^-124` and `|atan2(y, x)|` above `2^-125`.
/// The kernel's first test (computed once with it; a vector that fails it may still take the
/// same path, by [`atan2_f32`]'s wider test); the checked entry loops skip their test of the
/// results on such a pair of vectors (the registry's `usual`; see [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::inv_trig::atan2_f32_usual;
/// use wide::f32x8;
/// let x = f32x8::from([1.0, -2.0, 1e-18, 1e18, 3.0, 1e-15, -7.0, 5.0]);
/// assert!(atan2_f32_usual(f32x8::from([1e-18, 1.0, 1.0, 1.0, 2.0, 1.0, 1e10, -1e-15]), x));
/// // A zero, a ratio below 2^-124 (1e-20 / 1e18) and NaN fail.
/// assert!(!atan2_f32_usual(f32x8::from([0.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0]), x));
/// assert!(!atan2_f32_usual(f32x8::from([1.0, 1.0, 1.0, 1e-20, 2.0, 1.0, 1.0, 1.0]), x));
/// assert!(!atan2_f32_usual(f32x8::from([1.0, 1.0, 1.0, f32::NAN, 2.0, 1.0, 1.0, 1.0]), x));
/// ```
#[inline(always)]
pub fn atan2_f32_usual<V: Lanes<Scalar = f32>>(y: V, x: V) -> bool {
    let ax = x.abs();
    let ay = y.abs();
    let usual = (ax + ay).lt(V::splat(TWO_POW_62_F32)) & V::splat(TWO_POW_M62_F32).le(ax.min(ay));
    all_set::<V>(usual)
}

/// `atan2(y, x)` on every lane of two `f32` vectors (first argument `y`, as in C), in native
/// `f32` lanes (see the module docs, "`f32`").
///
/// ```
/// use simdmath_kernels::inv_trig::atan2_f32;
/// use wide::f32x8;
/// let t = atan2_f32(f32x8::splat(-1.0), f32x8::splat(-1.0)).to_array();
/// assert_eq!(t[0], -3.0 * std::f32::consts::FRAC_PI_4);
/// let y = f32x8::from([0.0, -0.0, 1.0, f32::INFINITY, 1.0, 1e-45, 3e38, f32::NAN]);
/// let x = f32x8::from([-0.0, 0.0, 0.0, f32::NEG_INFINITY, f32::INFINITY, 3e38, 1e-45, 1.0]);
/// let t = atan2_f32(y, x).to_array();
/// assert_eq!(t[0], std::f32::consts::PI);
/// assert_eq!(t[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(t[2], std::f32::consts::FRAC_PI_2);
/// assert_eq!(t[3], 3.0 * std::f32::consts::FRAC_PI_4);
/// assert_eq!(t[4], 0.0);
/// assert_eq!(t[5], 0.0);
/// assert_eq!(t[6], std::f32::consts::FRAC_PI_2);
/// assert!(t[7].is_nan());
/// ```
#[inline(always)]
pub fn atan2_f32<V: Lanes<Scalar = f32>>(y: V, x: V) -> V {
    let zero = V::splat(0.0);
    let one = V::splat(1.0);
    let inf = V::splat(f32::INFINITY);
    let ax = x.abs();
    let ay = y.abs();
    // The usual vectors (every lane finite, not NaN, |x| + |y| below 2^100, the smaller one
    // zero or at least 2^-100) skip the infinities, the scaling and the NaN select; the other
    // path gives such lanes the same bits (at most a scaling by 2^100 of both, which scales every
    // intermediate sum, residual and product exactly and leaves the quotients unchanged).
    // Tested first on a narrower range, where every result is normal ([`atan2_f32_usual`]: the
    // checked entry loops ask it, and it costs no more than this one).
    let lim = V::splat(TWO_POW_100_F32);
    let mn = ax.min(ay);
    if atan2_f32_usual(y, x)
        || all_set::<V>((ax + ay).lt(lim) & (V::splat(TWO_POW_M100_F32).le(mn) | mn.eq(zero)))
    {
        let t = atan2_core_f32::<V, false>(x, ax.lt(ay), ax.max(ay), mn);
        return with_sign_of(t, y);
    }
    // Infinities: 1 for the infinite input(s), 0 for a finite partner (the C99 angles).
    let any_inf = ax.eq(inf) | ay.eq(inf);
    let ax = V::select(any_inf, V::select(ax.eq(inf), one, zero), ax);
    let ay = V::select(any_inf, V::select(ay.eq(inf), one, zero), ay);
    let swap = ax.lt(ay);
    let mx = ax.max(ay);
    let mn = ax.min(ay);
    // Powers of two (the ratio is unchanged) bring mx into [2^-50, 2^100): below 2^-50 times
    // 2^100, from 2^100 on times 2^-36 (mn loses bits there only where mn/mx < 2^-190, a zero
    // result either way).
    let sc = V::select(
        mx.lt(V::splat(TWO_POW_M50_F32)),
        V::splat(TWO_POW_100_F32),
        V::select(lim.le(mx), V::splat(TWO_POW_M36_F32), one),
    );
    let t = atan2_core_f32::<V, true>(x, swap, mx * sc, mn * sc);
    let t = with_sign_of(t, y);
    V::select(x.is_nan() | y.is_nan(), x + y, t)
}

/// `atan2(|y|, x)` from `mx = max(|x|, |y|)`, `mn = min(|x|, |y|)` (in the range of
/// [`atan_ratio_f32`]), `swap = |x| < |y|` and the sign bit of `x`: `k pi/4 + m theta`.
#[inline(always)]
fn atan2_core_f32<V: Lanes<Scalar = f32>, const SLOW: bool>(
    x: V,
    swap: V::Mask,
    mx: V,
    mn: V,
) -> V {
    let (r, tail, kb) = atan_ratio_f32::<V, SLOW>(mn, mx);
    let two = V::splat(2.0);
    // (swap, x < 0) -> (base, m): (no, no) (0, 1), (yes, no) (2, -1), (no, yes) (4, -1),
    // (yes, yes) (2, 1); sx = ±1 by the sign bit of x (-0 counts as negative).
    let sx = with_sign_of(V::splat(1.0), x);
    // m = -sx where swap (the sign bit flipped by a masked -0), base = 2 - 2 sx outside swap
    // and 2 - 2*0 inside: no blend.
    let m = V::from_bits(V::to_bits(sx) ^ V::to_bits(V::and_mask(swap, V::splat(-0.0))));
    let base = (-two).mul_add(V::andnot_mask(swap, sx), two);
    assemble_f32(m.mul_add(kb, base), m, r, tail)
}

/// Correctly rounded `atan` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-36`; see the module
/// docs) with the rounding test at `d = 2^-34`, then, for the vectors with a lane it leaves
/// open, [`atan_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::ATAN`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::inv_trig::atan_f32_cr;
/// use wide::f32x8;
/// assert_eq!(atan_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn atan_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (atan_wide(lo), atan_wide(hi)),
        crate::common::pow2(-34),
        atan_f64,
        crate::cr_exceptions::ATAN
    )
}

/// Correctly rounded `asin` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-35`; see the module
/// docs) with the rounding test at `d = 2^-33`, then, for the vectors with a lane it leaves
/// open, [`asin_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::ASIN`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::inv_trig::asin_f32_cr;
/// use wide::f32x8;
/// assert_eq!(asin_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn asin_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            asin_wide::<_, false, 7>(lo, &ASIN_W_F64),
            asin_wide::<_, false, 7>(hi, &ASIN_W_F64)
        ),
        crate::common::pow2(-33),
        asin_f64,
        crate::cr_exceptions::ASIN
    )
}

/// Correctly rounded `acos` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-35`; see the module
/// docs) with the rounding test at `d = 2^-33`, then, for the vectors with a lane it leaves
/// open, [`acos_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::ACOS`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::inv_trig::acos_f32_cr;
/// use wide::f32x8;
/// assert_eq!(acos_f32_cr(f32x8::splat(1.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn acos_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            acos_wide::<_, false, 7>(lo, &ASIN_W_F64),
            acos_wide::<_, false, 7>(hi, &ASIN_W_F64)
        ),
        crate::common::pow2(-33),
        acos_f64,
        crate::cr_exceptions::ACOS
    )
}
