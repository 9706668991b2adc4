//! `asinh`, `acosh` and `atanh` for `f64` and `f32`, on the double-double logarithms of
//! `log_family.rs`: the division-free table logarithm `log_tbl` (`ln(yh + yl)` to about
//! `2^-56` relative, issue 18; `acosh` took the fdlibm-form logarithm until 2026-12-05, when the
//! AVX2 table lookup became cheap enough: `log_family.rs`, "Where it serves").
//!
//! # `f64`
//! - **`asinh(x) = sign(x) * ln(a + sqrt(a^2 + 1))`, `a = |x|`**, the argument in
//!   double-double: `a^2` split exactly (`two_prod`), `a^2 + 1` by a `two_sum`, its square
//!   root as `sh + sl` with `sh = sqrt(wh)` (correctly rounded, [`Lanes::sqrt`]) and
//!   `sl = (wh - sh^2 + wl)/(2 sh)` (`wh - sh^2` exact), then `a + sh` by a `fast_two_sum`.
//!   The argument is within about `2^-104` relative of `a + sqrt(a^2 + 1)`, so no cancellation
//!   is left for small `a` (`ln(1 + a + ...)` loses nothing: the reduction keeps `r` exact near
//!   1 and `yl` enters separately). For `a >= 2^28`, `ln(2a) = ln(a) + ln2` (the neglected
//!   `1/(4a^2)` is below `2^-58`); for `a < 2^-26`, `a` itself: `a - a^3/6` (the next term is
//!   below `2^-55 a`) rounds to `a` there, since `a^2/6` is below half an ulp of `a` relative
//!   even where `a` is a power of two. The argument's lanes below `2^-26` are clamped to
//!   `2^-26` (their result is `a`): on Zen 4 every vector with a product that underflows
//!   (`a^2` below `2^-1022`, its low half below `2^-969`) took a microcode assist, and the log-uniform
//!   inputs over every exponent ran 2.1x slower on both AVX2 and AVX-512 (issue 18).
//! - **`acosh(x) = ln(x + sqrt(x^2 - 1))`**, `x >= 1`, the same way: `x^2 - 1` in double-double
//!   (`fl(x^2) - 1` exact near 1 by Sterbenz, the low half of `x^2` added), `sqrt` as `sh + sl`
//!   (`sl = 0` at `x = 1`), `x + sh` by a `fast_two_sum`; near 1 the result is about
//!   `sqrt(2(x - 1))`, far above the argument's absolute error of `2^-104`. For `x >= 2^28`,
//!   `ln(2x)` (neglected `1/(4x^2)`). Here `sl` can reach `2^-32 sh` (`x` near 1, where
//!   `wl + qe` is up to `2^-31 wh`), beyond the `|yl| <= 2 ulp(yh)` of `log_tbl`'s contract: its
//!   correction `(rl + yl 2^-e INVC)(1 - rh + rh^2)` is first order in that low part, and the
//!   second-order term it leaves out, `delta^2/2` with `delta <= 2^-32 rh` (`yh >= 1 +
//!   2^-25.5`, so `rh >= 2^-26` where `c = 1`), stays below `2^-60` of the result.
//! - **`atanh(x) = sign(x) * ln(y)/2`, `y = (1 + a)/(1 - a)`** (one logarithm and one
//!   division; it was `(log1p(a) - log1p(-a))/2`, two of each): `1 + a = ph + pl` and
//!   `1 - a = dh + dl` exactly (fast two-sums), `yh = fl(ph/dh)`, `num = (ph - yh dh) + pl -
//!   yh dl` with `ph - yh dh` exact (the residual of a correctly rounded quotient: one FMA, or
//!   Dekker's product and Sterbenz), `yl = num/(1 - a) = num (1 + y)/2` (no second division:
//!   `1 + y = 2/(1 - a)`), so `yh + yl = y` to about `2^-100` relative, and `log_tbl(yh, yl)`.
//!   Near `|x| = 1`, `1 - a` is exact (Sterbenz) and `y` up to `2^54`. (Until 2026-12-05 the
//!   argument was `1 + v`, `v = 2a/(1 - a)` in double-double, then a `two_sum`: four operations
//!   more; Zen 5, n = 4096, `U[-1, 1]`, AVX-512 1.037 -> 0.924 ns/element, AVX2 2.533 -> 2.315.)
//!   For `a < 2^-26`, `a + a^3/3` (with `a^3` taken as 0 below `2^-60`, where the sum rounds
//!   to `a`; the main path's lanes below `2^-26` are clamped there: no product underflows).
//!
//! The result is then rounded once (`assemble`): within about `0.5 + 2^-3` ulp; stated at most
//! 1 ulp integer distance from the correctly rounded result on every backend.
//!
//! # `f32` atanh, in native `f32` lanes (issue 17)
//! `atanh(a) = ln(q)/2`, `q = (1 + a)/(1 - a)`, `a = |x|`, with one division and a table
//! logarithm (no second division, no reciprocal):
//! - **Quotient** (as the `f64` kernel's): `1 + a = ph + pl` and `1 - a = dh + dl` exactly
//!   (fast two-sums), `yh = fl(ph/dh)`, the residual `(ph - yh dh) + pl - yh dl` (the first
//!   term exact: the residual of a correctly rounded quotient, one FMA; without FMA Dekker's
//!   product), and `yl = residual (1 + yh)/2` (`1/(1 - a) = (1 + q)/2`, no division): `q = yh
//!   + yl` to about `2^-46` relative, `|yl| <= 2^-22.4 yh` (`yh`'s rounding and the two
//!   sums' low parts). Until 2026-12-05 this was `v = 2a/(1 - a)` by the same division, then
//!   `1 + v` by a `two_sum` and a select near 1: 11-13 % slower (Zen 5, AVX2 and AVX-512).
//! - **Reduction**: `yh = 2^e m` (`0 <= e <= 25`), `m` in `[0.75, 1.5)`, and `1/c` from the
//!   native `f32` log2's 8-entry table (`LOGF_INVC`, 5 significant bits): `r = m/c - 1 =
//!   fma(m, 1/c, -1)` **exact**, `r` in `[-1/16, 1/8)` (see `log_family.rs`, "`f32`: log2 and
//!   log10").
//!   The low part enters as `t = yl 2^-e/c` (`2^-e` from the bits of `yh`), `|t| <= 2^-22.3`:
//!   `ln(q) = e ln2 + ln(c) + ln(1 + r + t)`, and `ln(1 + r + t) = ln(1 + r) + t (1 - r +
//!   r^2)` up to `t r^3 + t^2/2` (below `2^-31.3 + 2^-45.6`, and below `2^-28.3 |P|`). The `r^2` term costs one FMA (2-3 %)
//!   and keeps the count of results not correctly rounded where it was (3,616,866 of `2^32`
//!   without it, 3,174,222 with).
//! - **Small `a`**: below `2^-10` (`ATANHF_SERIES`) `r = yh - 1` is no longer large beside
//!   `yl`, and the kernel takes `a + a^3 (1/3 + a^2/5)` (the next term below `2^-60 a`; `a`
//!   itself for subnormal `a`, as libm) in the vectors that have such a lane.
//! - **Evaluation**: `T = e LN2_HI + LNF_C_HI[j]` exact (both multiples of `2^-15`, `|T| <
//!   2^5`), `P = r + (e LN2_LO + LNF_C_LO[j] + r^2 q(r) + t (1 - r + r^2))` rounded once, the
//!   result `(T + P)/2` (one more rounding; the halving is exact). `q` of degree 5 (Sollya
//!   fpminimax, single coefficients: `r + r^2 q(r)` within `2^-31.6` relative of `ln(1 + r)`),
//!   the `ln(c)` tables and the fit by `kernels/gen/f32_atanh_table.py`
//!   (`kernels/src/f32_atanh_table.rs`).
//!
//! **Error**, as for the native `f32` log2 (`log_family.rs`): `P` is within 0.5 ulp(P) (its
//! rounding) plus about `2^-26 |P|` (fit, `t`'s terms, the roundings of the small terms;
//! `2^-26.9 |P|` where `c != 1`) of `ln(1 + r + t)`: within 0.75 ulp(P) (0.64 where `c !=
//! 1`). Where `T = 0` the result is `P/2` (there `0 <= r < 1/8` and `|P| >= 2^-9.1`, so `t`'s
//! neglected terms are below `2^-28.3 |P|`): within 0.75 ulp.
//! The series (`a < 2^-10`): `a^3/3 < 2^-21.6 a` computed within a few `2^-24` of itself,
//! one final rounding: within `0.5 + 2^-20` ulp.
//! Where `e = 0` and `c != 1`, `|ln(m)| >= |P|/2` on every subinterval (checked by
//! `kernels/gen/f32_log2_table.py`), so ulp(P) <= 2 ulp(result): `T + P` is exact (Sterbenz,
//! below 1.28 ulp) or `|T + P| >= |P|` (below 0.64 + 0.5 ulp). Where `e != 0`, `|T + P| >=
//! 4|P|` (`|P| < 0.066` and `ln(q) >= 0.40`, or `c = 1`, `|P| < 0.118` and `ln(q) >= 0.69`):
//! below 0.19 + 0.5 ulp. Every case stays under 1.5 ulp of the exact value,
//! so the result is the correctly rounded one or a neighbour. Exhaustive (all 2^32 inputs,
//! every backend): at most 1 ulp, 3,841,210 (0.089 %) not correctly rounded on the FMA backends,
//! 3,842,292 on the portable one (16 entries: 0.074 %; docs/ACCURACY.md).
//!
//! # `f32` acosh, in native `f32` lanes (issue 17)
//! `acosh(x) = ln(q)`, `q = x + sqrt(x^2 - 1)`, `1 <= x < 2^12`, as `q = u (1 + tq)` with one
//! square root, one division and the atanh kernel's table logarithm of `u`:
//! - **Argument**: `x^2 = p + pe` exactly (`two_prod`), `p - 1 = wh + e1` exactly (fast
//!   two-sum; `e1 = 0` for `p < 2`, Sterbenz), `wl = e1 + pe` (exact for `p < 2`, else within
//!   `2^-46 x^2`), so `x^2 - 1 = wh + wl`. Near 1 (`x = 1 + d`) `|pe| <= min(d^2, 2^-24)`, so
//!   `|wl| <= 2^-13 wh`. `sh = sqrt(wh)` (correctly rounded), `rr = wh - sh^2` exact (one FMA;
//!   without FMA, Dekker's product), and `sqrt(wh + wl) = sh + (rr + wl)/(2 sh)` up to a
//!   relative `((rr + wl)/wh)^2/8 < 2^-29`. `x + sh = u + cerr` exactly (fast two-sum, `x >=
//!   sh`), and the low part enters relative to `u`: `tq = (2 sh cerr + rr + wl)/(2 sh u)`, the
//!   one division (`0/tiny = 0` at `x = 1`, where `sh = 0`), `|tq| < 2^-19.4`, within `2^-22`
//!   relative plus `2^-24 |sl|/u` (the rounding of `rr + wl`).
//! - **Reduction**: `u = 2^e m`, `r = m/c - 1` exact by `logf_reduce` (`LOGF_INVC`, as for
//!   atanh), and `ln(q) = e ln2 + ln(c) + ln(1 + r) + ln(1 + tq)`, `ln(1 + tq) = tq` up to
//!   `tq^2/2 < 2^-39.8` (below `2^-32` of the result: where `tq` is largest, `x - 1 ~ 2^-12`,
//!   the result is about `2^-5.5`). Near 1 (`u < 1.125`: `e = 0`, `c = 1`, `ln(c) = 0`) `r =
//!   u - 1` is exact and the result, about `sqrt(2(x - 1)) >= 2^-11`, is relative to `r`.
//! - **Large `x`** (`x >= 2^12`): `ln(2x)`, `u = x`, `tq = 0`, `e + 1` (the neglected
//!   `1/(4x^2) + ...` is below `2^-26`, the result above 9: below `2^-29` relative). `e` goes up
//!   to 128; `e LN2_HI + LNF_C_HI` stays exact (`|T| < 2^7`, checked by the table script).
//! - **Evaluation** as atanh's, without the halving: `T = e LN2_HI + LNF_C_HI[j]` exact,
//!   `P = r + (e LN2_LO + LNF_C_LO[j] + tq + r^2 q(r))`, the result `T + P`; the same tables and
//!   polynomial (`kernels/gen/f32_atanh_table.py`; its `r` interval covers `u - 1` near 1).
//!
//! **Error**: the argument adds below `2^-28` relative to `ln(1 + r + ...)`, so `P` is within
//! 0.5 ulp(P) plus about `2^-26 |P|` of `ln(q) - T`, and the atanh case analysis applies
//! unchanged (`T = 0`: within 0.75 ulp; `e = 0`, `c != 1`: below 1.28 ulp; `e >= 1`:
//! `|T + P| >= 4|P|`, below 0.69 ulp): under 1.5 ulp of the exact value in every case, so the
//! result is the correctly rounded one or a neighbour. Exhaustive (all 2^32 inputs): at most 1
//! ulp on every backend, 989,720 (avx2, avx512) and 990,634 (portable) results not correctly
//! rounded, 0.023 % (16 entries: 560,429, 0.013 %; docs/ACCURACY.md; 34 or 35 in `f64` lanes,
//! two square roots per vector).
//!
//! # `f32` asinh, in native `f32` lanes (issue 17, 2026-12-05)
//! `asinh(a) = ln(q)`, `q = a + sqrt(a^2 + 1)`, `a = |x|`, the sign of `x` put back last, as
//! the `f32` acosh above with `+1` for `-1`:
//! - **Argument** (`2^-6 <= a < 2^12`): `a^2 = p + pe` exactly, `p + 1 = wh + e1` exactly (a
//!   fast two-sum, the larger addend first), `wl = e1 + pe` (within `2^-47 wh`), `sh =
//!   sqrt(wh)` (`>= 1`), `rr = wh - sh^2` exact, `sh + a = u + cerr` exactly (`sh >= a`), `tq =
//!   (2 sh cerr + rr + wl)/(2 sh u)` (the one division, `|tq| < 2^-22`), so `q = u (1 + tq)`
//!   to `2^-46` relative.
//! - **Reduction and evaluation** as acosh's: `u = 2^e m`, `r = m/c - 1` exact (`logf_reduce`),
//!   `T = e LN2_HI + LNF_C_HI[j]` exact, `P = r + (e LN2_LO + LNF_C_LO[j] + tq + r^2 q(r))`,
//!   the result `T + P`. Near 1 (`u < 1.125`, `a < 0.12`: `e = 0`, `c = 1`) `r = u - 1` is
//!   exact and the result, at least `2^-6`, is relative to `r + tq`.
//! - **Large `a`** (`a >= 2^12`): `ln(2a)` (`u = a`, `tq = 0`, `e + 1`; the neglected
//!   `1/(4a^2)` is below `2^-26`, the result above 9). **Small `a`** (`a < 2^-6`): `a -
//!   a^3/6 + 3a^5/40` (the next term below `2^-40 a`, the roundings below `2^-37`; the power
//!   terms taken as 0 below `2^-42`, the same bits and no underflowing product), only in
//!   vectors that hold such a lane: the table logarithm there would leave about `2^-27`
//!   relative, where the series is correctly rounded but for near-ties.
//!
//! **Error**: acosh's case analysis applies unchanged (`T = 0`: within 0.75 ulp; `e = 0`, `c !=
//! 1`: below 1.28 ulp; `e >= 1`: below 0.69 ulp), so the result is the correctly rounded one or
//! a neighbour. Exhaustive (all 2^32 inputs, 2026-12-06): at most 1 ulp on every backend,
//! 5,452,306 (avx2, avx512) and 5,512,166 (portable) not correctly rounded, 0.127 % (16
//! entries: 4,071,362, 0.095 %; the
//! `f64`-lane kernel it replaced: 2,678, 0.00006 %; it was 1.4x slower: Zen 5, n = 4096, over
//! every exponent, AVX-512 0.585 -> 0.414 ns/element, AVX2 1.540 -> 1.069).
//!
//! # The correctly rounded tier's stage 1 of asinh, acosh and atanh, in `f64` lanes
//! Each `f32` vector is widened to two `f64` vectors ([`Widen`]), where plain `f64` arithmetic
//! and `log_family.rs`'s table-driven logarithm (`logw`, relative error `2^-37` plus `2^-52`
//! absolute) have bits to spare: `asinh = ln(a + sqrt(a^2 + 1))` (until 2026-12-05 also the
//! faithful `f32` asinh), and `acosh = ln(x + sqrt(x^2 - 1))` (`a^2`, `x^2`
//! exact; `x^2 - 1` exact near 1), `atanh = ln((1 + a)/(1 - a))/2` (`1 ± a` exact, the
//! quotient rounded once: one division, measured faster than two logarithms), and the odd
//! series `a - a^3/6 + 3a^5/40`, `a + a^3/3 + a^5/5` below `2^-12`
//! (where the absolute error of the logarithm would matter). Nothing overflows in `f64` for
//! `f32` inputs. The result is within about `2^-36` relative before the rounding to `f32`: at
//! most 1 ulp, correctly rounded except near halfway points (exhaustive counts in
//! `docs/ACCURACY.md`).
//!
//! **Special values** as libm: `asinh(±0) = ±0`, `asinh(±inf) = ±inf`; `acosh(1) = +0`,
//! `acosh(+inf) = +inf`, `acosh(x < 1) = NaN`; `atanh(±0) = ±0`, `atanh(±1) = ±inf`,
//! `atanh(|x| > 1) = NaN`; NaN stays NaN.

use crate::common::{all_normal_below, all_set, fast_two_sum, horner, residual, two_prod, two_sum};
use crate::f32_atanh_table::LNF_P;
use crate::lanes::{Lanes, Scalar, Widen};
use crate::log_family::{Base, LogfReduced, assemble, lnf_table_terms, log_tbl, logf_reduce, logw};

/// `sqrt(wh + wl) = sh + sl` for a double-double `w >= 0` (`sl = 0` where `wh = 0`).
#[inline(always)]
fn sqrt_dd<V: Lanes<Scalar = f64>>(wh: V, wl: V) -> (V, V) {
    let sh = wh.sqrt();
    // wh - sh^2 is exact for the correctly rounded square root.
    let rr = residual(wh, sh, sh);
    let zero = V::splat(0.0);
    let d = V::select(sh.eq(zero), V::splat(1.0), sh + sh);
    (sh, V::andnot_mask(sh.eq(zero), (rr + wl) / d))
}

/// Lanes at or above `2^28` use `ln(2a)`.
const BIG: f64 = 268435456.0;

/// `2^-26`: below it `asinh(a)` is `a` (see the module docs).
const TINY: f64 = 1.4901161193847656e-8;

/// Sign bit of `x` moved onto `y >= 0`.
#[inline(always)]
fn with_sign<V: Lanes<Scalar = f64>>(y: V, x: V) -> V {
    V::from_bits(V::to_bits(y) | (V::to_bits(x) & V::splat_bits(1 << 63)))
}

/// Whether every lane of `x` has a normal `asinh(x)`, `f64` or `f32`: `|x|` normal and finite
/// (`|asinh x|` is `|x|` rounded for tiny `x` and below 710.5 at the largest float; zero,
/// subnormals, the infinities and NaN fail). An input test for the checked entry loops (the
/// registry's `input`).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::asinh_usual;
/// use wide::f64x4;
/// assert!(asinh_usual(f64x4::from([1.0, -f64::MAX, 1e-300, 0.5])));
/// assert!(!asinh_usual(f64x4::from([1.0, f64::INFINITY, 1e-300, 0.5])));
/// ```
#[inline(always)]
pub fn asinh_usual<V: Lanes>(x: V) -> bool {
    all_normal_below(x, V::Scalar::INFINITY)
}

/// Whether every lane of `x` has a normal `atanh(x)`, `f64` or `f32`: `|x|` normal and below 1
/// (`|atanh x| >= |x|`, finite below 1; zero, subnormals, `±1` and NaN fail). An input test for
/// the checked entry loops (the registry's `input`).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::atanh_usual;
/// use wide::f64x4;
/// assert!(atanh_usual(f64x4::from([0.5, -0.999, 1e-300, 0.5])));
/// assert!(!atanh_usual(f64x4::from([0.5, -1.0, 1e-300, 0.5])));
/// ```
#[inline(always)]
pub fn atanh_usual<V: Lanes>(x: V) -> bool {
    all_normal_below(x, V::Scalar::ONE)
}

/// `asinh(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::asinh_f64;
/// use wide::f64x4;
/// let y = asinh_f64(f64x4::from([0.0, -0.0, f64::NEG_INFINITY, 1e300])).to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], f64::NEG_INFINITY);
/// assert!((y[3] - 691.4686750787736).abs() < 1e-12);
/// ```
#[inline(always)]
pub fn asinh_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let a = x.abs();
    let big = V::splat(BIG).le(a);
    // Finite lanes in [2^-26, 2^28) take the double-double argument; the others are clamped
    // there (below, where the result is `a`, so that no product underflows: a subnormal or
    // underflowing result costs a microcode assist per vector on Zen 4).
    let ac = a.min(V::splat(BIG)).max(V::splat(TINY));
    let one = V::splat(1.0);
    let (q, qe) = two_prod(ac, ac);
    let (wh, wl) = two_sum(q, one);
    let (sh, sl) = sqrt_dd(wh, wl + qe);
    let (yh, yl) = fast_two_sum(sh, ac);
    let yh = V::select(big, a, yh);
    let yl = V::andnot_mask(big, yl + sl);
    let yh = V::select(a.lt(V::splat(f64::INFINITY)), yh, one);
    let (e, hi, lo) = log_tbl(yh, Some(yl));
    let e = e + V::and_mask(big, one);
    let y = assemble(e, hi, lo, Base::E);
    // Tiny: a (a - a^3/6 rounds to a below 2^-26; see the module docs).
    let y = V::select(a.lt(V::splat(TINY)), a, y);
    let y = V::select(a.eq(V::splat(f64::INFINITY)), a, y);
    let y = V::select(x.is_nan(), x + x, y);
    with_sign(y, x)
}

/// Whether every lane of `x` takes the usual path of [`acosh_f64`]: `1 <= x < inf` (NaN fails
/// both). Every result there is a normal number but the exact zero `acosh(1) = 0`
/// (`acosh(1 + 2^-52) > 2^-26`): the checked entry loops skip their test of the results on such
/// a vector (the registry's `usual`; see [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::acosh_f64_usual;
/// use wide::f64x4;
/// assert!(acosh_f64_usual(f64x4::from([1.0, 2.0, 1e300, f64::MAX])));
/// assert!(!acosh_f64_usual(f64x4::from([1.0, 0.5, 2.0, 3.0])));
/// ```
#[inline(always)]
pub fn acosh_f64_usual<V: Lanes<Scalar = f64>>(x: V) -> bool {
    all_set::<V>(acosh_ok(x))
}

/// The lanes where `acosh` is finite and real: `1 <= x < inf` (NaN fails both).
#[inline(always)]
fn acosh_ok<V: Lanes>(x: V) -> V::Mask {
    V::splat(V::Scalar::ONE).le(x) & x.lt(V::splat(V::Scalar::INFINITY))
}

/// `acosh(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::acosh_f64;
/// use wide::f64x4;
/// let y = acosh_f64(f64x4::from([1.0, 0.5, f64::INFINITY, 2.0])).to_array();
/// assert_eq!(y[0].to_bits(), 0);
/// assert!(y[1].is_nan());
/// assert_eq!(y[2], f64::INFINITY);
/// assert!((y[3] - 1.3169578969248166).abs() < 1e-15);
/// ```
#[inline(always)]
pub fn acosh_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    let ok = acosh_ok(x);
    let xc = V::select(ok, x, one);
    let big = V::splat(BIG).le(xc);
    let xs = xc.min(V::splat(BIG));
    let (q, qe) = two_prod(xs, xs);
    let (wh, wl) = fast_two_sum(q, -one);
    let (sh, sl) = sqrt_dd(wh, wl + qe);
    let (yh, yl) = fast_two_sum(xs, sh);
    let yh = V::select(big, xc, yh);
    let yl = V::andnot_mask(big, yl + sl);
    let (e, hi, lo) = log_tbl(yh, Some(yl));
    let e = e + V::and_mask(big, one);
    let y = assemble(e, hi, lo, Base::E);
    if acosh_f64_usual(x) {
        return y;
    }
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.lt(one), V::splat(f64::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// `(1 + a)/(1 - a) = yh + yl` for `0 <= a < 1` (`atanh_f64`'s argument of the logarithm):
/// `1 + a = ph + pl` and `1 - a = dh + dl` exactly (fast two-sums), `yh = RN(ph/dh)`, the
/// residual `(ph + pl) - yh (dh + dl)` as `(ph - yh dh) + pl - yh dl` (the first term exact, the
/// residual of a correctly rounded quotient: one FMA, or without FMA Dekker's product), and
/// `yl = residual/(1 - a) = residual (1 + y)/2` (no second division: `1 + y = 2/(1 - a)`), so
/// `yh + yl` is the quotient to about twice the type's precision relative (`2^-100` for
/// `f64`, `2^-46` for `f32`) and `|yl| <= 3 ulp(yh)`. Four operations fewer than `1 + v`,
/// `v = 2a/(1 - a)` by one division and its residual, then a `two_sum` (issue 18; both
/// `atanh` kernels, `f64` and native `f32`).
#[inline(always)]
fn one_plus_over_one_minus<V: Lanes>(a: V, one: V) -> (V, V) {
    let (ph, pl) = fast_two_sum(one, a);
    let (dh, dl) = fast_two_sum(one, -a);
    let yh = ph / dh;
    let num = (-yh).mul_add(dl, residual(ph, yh, dh) + pl);
    let half = V::splat(<V::Scalar as Scalar>::HALF);
    (yh, num * yh.mul_add(half, half))
}

/// `atanh(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::atanh_f64;
/// use wide::f64x4;
/// let y = atanh_f64(f64x4::from([-0.0, 1.0, -1.0, 2.0])).to_array();
/// assert_eq!(y[0].to_bits(), (-0.0f64).to_bits());
/// assert_eq!((y[1], y[2]), (f64::INFINITY, f64::NEG_INFINITY));
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn atanh_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let one = V::splat(1.0);
    let a = x.abs();
    let ok = a.lt(one);
    let tiny = a.lt(V::splat(TINY));
    let any_tiny = V::bitmask(tiny) != 0;
    // Lanes below 2^-26 (the tiny path below) are clamped there: no product underflows.
    let ac = V::select(
        ok,
        if any_tiny { a.max(V::splat(TINY)) } else { a },
        V::splat(0.5),
    );
    let (yh, yl) = one_plus_over_one_minus(ac, one);
    let (e, hi, lo) = log_tbl(yh, Some(yl));
    let y = V::splat(0.5) * assemble(e, hi, lo, Base::E);
    // Tiny: a + a^3/3 (keeps zeros and subnormals); below 2^-60 that rounds to a, and a^3
    // is taken as 0 there (the same bits, and no underflowing product). Only vectors with
    // such a lane pay for it.
    let y = if any_tiny {
        let am = crate::common::zero_below_2m60(a, a);
        V::select(tiny, (am * am * am).mul_add(V::splat(1.0 / 3.0), a), y)
    } else {
        y
    };
    if !all_set::<V>(ok) {
        let y = V::select(a.eq(one), V::splat(f64::INFINITY), y);
        let y = V::select(one.lt(a), V::splat(f64::NAN), y);
        let y = V::select(x.is_nan(), x + x, y);
        return with_sign(y, x);
    }
    with_sign(y, x)
}

/// `asinh(x)` on every lane of an `f32` vector, in native `f32` lanes (see the module docs,
/// "`f32` asinh").
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::asinh_f32;
/// use wide::f32x8;
/// let y = asinh_f32(f32x8::from([0.0, -0.0, 1.0, -1e30, 3e38, 1e-40, f32::INFINITY, 0.5]));
/// let y = y.to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[2], 0.8813736f32);
/// assert_eq!(y[5], 1e-40);
/// assert_eq!(y[6], f32::INFINITY);
/// ```
#[inline(always)]
pub fn asinh_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let a = x.abs();
    let inf = V::splat(f32::INFINITY);
    let y = if all_finite(x) {
        asinh_core_f32(a)
    } else {
        let y = asinh_core_f32(V::select(a.lt(inf), a, V::splat(1.0)));
        let y = V::select(a.eq(inf), inf, y);
        V::select(x.is_nan(), x + x, y)
    };
    V::from_bits(V::to_bits(y) | (V::to_bits(x) & V::splat_bits(1 << 31)))
}

/// `asinh(a)` for finite `a >= 0` in native `f32` lanes (see the module docs, "`f32`
/// asinh"): `ln(u) + ln(1 + tq)` with `u + u tq = a + sqrt(a^2 + 1)` and the atanh kernel's
/// table logarithm of `u` on `[2^-6, 2^12)`, `ln(2a)` above, its odd series below.
#[inline(always)]
fn asinh_core_f32<V: Lanes<Scalar = f32>>(a: V) -> V {
    let one = V::splat(1.0);
    let big = V::splat(ACOSHF_BIG).le(a);
    let small = a.lt(V::splat(ASINHF_SMALL));
    // The argument on [2^-6, 2^12] (the lanes outside take ln(2a) or the series).
    let ac = a.max(V::splat(ASINHF_SMALL)).min(V::splat(ACOSHF_BIG));
    // a^2 + 1 = wh + wl: a^2 = p + pe exactly, p + 1 = wh + e1 exactly (a fast two-sum, the
    // larger addend first).
    let (p, pe) = two_prod(ac, ac);
    let (wh, e1) = fast_two_sum(p.max(one), p.min(one));
    let wl = e1 + pe;
    let y = ln_sum_sqrt_f32::<V, false>(ac, wh, wl, big, a);
    if V::bitmask(small) == 0 {
        return y;
    }
    // a - a^3/6 + 3a^5/40 (the next term, 15a^7/336, is below 2^-40 a); below 2^-42, a is
    // taken as 0 in the power terms (a^3/6 < 2^-86 a: the same bits, and no product
    // underflows). Only vectors with such a lane pay for it.
    let am = V::andnot_mask(a.lt(V::splat(TWO_POW_M42_F32)), a);
    V::select(small, odd_series5(a, am, -1.0 / 6.0, 3.0 / 40.0), y)
}

/// Below `2^-6` the native `f32` asinh is its odd series to `a^5` (correctly rounded but for
/// near-ties within `2^-37` relative, where the table logarithm of `u = 1 + a + ...` leaves
/// about `2^-27`; exhaustive, with the 16-entry table of the time: 4,071,362 results not
/// correctly rounded with the series from `2^-6`, 4,183,050 from `2^-12`).
const ASINHF_SMALL: f32 = f32::from_bits(0x3c80_0000); // 2^-6
/// `2^-42` as a single.
const TWO_POW_M42_F32: f32 = f32::from_bits(0x2a80_0000);

/// Whether every lane of `x` takes the usual path of [`acosh_f32`]: `1 <= x < inf` (NaN fails
/// both). Every result there is a normal number but the exact zero `acosh(1) = 0`: the checked
/// entry loops skip their test of the results on such a vector (the registry's `usual`; see
/// [`crate::backend::Checked`]).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::acosh_f32_usual;
/// use wide::f32x8;
/// assert!(acosh_f32_usual(f32x8::from([1.0, 2.0, 1e30, f32::MAX, 3.0, 4.0, 5.0, 6.0])));
/// assert!(!acosh_f32_usual(f32x8::from([1.0, f32::NAN, 1.0, 1.0, 3.0, 4.0, 5.0, 6.0])));
/// ```
#[inline(always)]
pub fn acosh_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    all_set::<V>(acosh_ok(x))
}

/// `acosh(x)` on every lane of an `f32` vector, in native `f32` lanes.
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::acosh_f32;
/// use wide::f32x8;
/// let y = acosh_f32(f32x8::from([1.0, 0.0, 2.0, 1e30, f32::INFINITY, -1.0, 1.5, 10.0]));
/// let y = y.to_array();
/// assert_eq!(y[0].to_bits(), 0);
/// assert!(y[1].is_nan() && y[5].is_nan());
/// assert_eq!(y[2], 1.316958f32);
/// assert_eq!(y[4], f32::INFINITY);
/// ```
#[inline(always)]
pub fn acosh_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f32::INFINITY);
    let ok = acosh_ok(x);
    if acosh_f32_usual(x) {
        return acosh_core_f32(x);
    }
    let y = acosh_core_f32(V::select(ok, x, one));
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.lt(one), V::splat(f32::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// Lanes at or above `2^12` take `acosh(x) = ln(2x)` (the neglected `1/(4x^2)` is below
/// `2^-26`, the result above 9).
const ACOSHF_BIG: f32 = 4096.0;

/// `acosh(x)` for `1 <= x < inf` in native `f32` lanes: `ln(u) + ln(1 + tq)` with `u + u tq =
/// x + sqrt(x^2 - 1)` and a table logarithm of `u` (see the module docs, "`f32` acosh").
#[inline(always)]
fn acosh_core_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let one = V::splat(1.0);
    let big = V::splat(ACOSHF_BIG).le(x);
    // x^2 - 1 = wh + wl: x^2 = p + pe exactly, p - 1 = wh + e1 exactly (e1 = 0 for p < 2).
    let (p, pe) = two_prod(x, x);
    let (wh, e1) = fast_two_sum(p, -one);
    let wl = e1 + pe;
    ln_sum_sqrt_f32::<V, true>(x, wh, wl, big, x)
}

/// `ln(x + sqrt(wh + wl))` for the native `f32` asinh and acosh (`wh + wl = x^2 ± 1` as an
/// exact pair, see the module docs, "`f32` acosh"): `sqrt(wh) = sh + rr/(2 sh) + ...` with `rr
/// = wh - sh^2` exact (the correctly rounded square root), `x + sh = u + cerr` exactly (a fast
/// two-sum, `x` first where `X_FIRST`: acosh, `x >= sh`; asinh has `sh >= x`), `x + sqrt(wh +
/// wl) = u (1 + tq)` with `tq = (cerr + (rr + wl)/(2 sh))/u`, the one division (`0/tiny = 0` at
/// acosh's `x = 1`, where `sh = 0`), then the table logarithm `ln(u) + tq`. The `big` lanes
/// take `ln(2 b)` instead (`u = b`, `tq = 0`, `e + 1`).
#[inline(always)]
fn ln_sum_sqrt_f32<V: Lanes<Scalar = f32>, const X_FIRST: bool>(
    x: V,
    wh: V,
    wl: V,
    big: V::Mask,
    b: V,
) -> V {
    let one = V::splat(1.0);
    let sh = wh.sqrt();
    let rr = residual(wh, sh, sh);
    let (u, cerr) = if X_FIRST {
        fast_two_sum(x, sh)
    } else {
        fast_two_sum(sh, x)
    };
    let s2 = sh + sh;
    let num = s2.mul_add(cerr, rr + wl);
    // acosh's x = 1 has sh = 0 (0/tiny = 0); asinh's sh >= 1 needs no clamp.
    let den = if X_FIRST {
        (s2 * u).max(V::splat(f32::MIN_POSITIVE))
    } else {
        s2 * u
    };
    let tq = V::andnot_mask(big, num / den);
    let u = V::select(big, b, u);
    let LogfReduced { e, j, r, .. } = logf_reduce(u);
    let e = e + V::and_mask(big, one);
    let (hi, lo) = lnf_table_terms(e, j);
    let lo = (r * r).mul_add(horner(r, &LNF_P), lo + tq);
    hi + (r + lo)
}

/// `atanh(x)` on every lane of an `f32` vector, in native `f32` lanes.
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::atanh_f32;
/// use wide::f32x8;
/// let y = atanh_f32(f32x8::from([0.0, -0.0, 1.0, -1.0, 0.5, 1e-30, 2.0, -0.25])).to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!((y[2], y[3]), (f32::INFINITY, f32::NEG_INFINITY));
/// assert_eq!(y[4], 0.54930615f32);
/// assert!(y[6].is_nan());
/// ```
#[inline(always)]
pub fn atanh_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let one = V::splat(1.0);
    let zero = V::splat(0.0);
    let a = x.abs();
    // 0 < |x| < 1 (NaN fails both).
    let ok = zero.lt(a) & a.lt(one);
    let y = if all_set::<V>(ok) {
        atanh_core_f32(a)
    } else {
        let y = atanh_core_f32(V::select(ok, a, V::splat(0.5)));
        let y = V::select(a.eq(zero), zero, y);
        let y = V::select(a.eq(one), V::splat(f32::INFINITY), y);
        let y = V::select(one.lt(a), V::splat(f32::NAN), y);
        V::select(x.is_nan(), x + x, y)
    };
    V::from_bits(V::to_bits(y) | (V::to_bits(x) & V::splat_bits(1 << 31)))
}

/// `atanh(a)` for `0 < a < 1` in native `f32` lanes: `ln(q)/2`, `q = (1 + a)/(1 - a) = yh +
/// yl` by a table logarithm without a second division; the odd series below [`ATANHF_SERIES`]
/// (see the module docs, "`f32` atanh").
#[inline(always)]
fn atanh_core_f32<V: Lanes<Scalar = f32>>(a: V) -> V {
    let one = V::splat(1.0);
    let (yh, yl) = one_plus_over_one_minus(a, one);
    // yh = 2^e m, m in [0.75, 1.5) (yh >= 1 is normal), r = m/c - 1 exactly; the low part yl
    // enters as t = yl 2^-e/c.
    let red = logf_reduce(yh);
    let t = yl * red.inv_scale();
    let LogfReduced { e, j, r, .. } = red;
    let (big, lo) = lnf_table_terms(e, j);
    let lo = (r * r).mul_add(horner(r, &LNF_P), lo);
    // ln(1 + r + t) = ln(1 + r) + t (1 - r + r^2) + O(t r^3, t^2).
    let lo = t.mul_add(r.mul_add(r, one - r), lo);
    let y = V::splat(0.5) * (big + (r + lo));
    let small = a.lt(V::splat(ATANHF_SERIES));
    if V::bitmask(small) == 0 {
        return y;
    }
    // a + a^3/3 + a^5/5 (the next term is below 2^-60 a).
    V::select(small, odd_series5(a, a, 1.0 / 3.0, 0.2), y)
}

/// `a + p^3 (c3 + c5 p^2)`: the odd series near 0 of asinh (`c3 = -1/6`, `c5 = 3/40`) and
/// atanh (`1/3`, `1/5`), with `p` standing for `a` in the power terms (`a` itself, or `a` with
/// its tiny lanes zeroed so that no product underflows).
#[inline(always)]
fn odd_series5<V: Lanes>(a: V, p: V, c3: V::Scalar, c5: V::Scalar) -> V {
    let p2 = p * p;
    (p2 * p).mul_add(p2.mul_add(V::splat(c5), V::splat(c3)), a)
}

/// Below `2^-10` the native `f32` atanh takes its odd series: there the quotient's low part
/// `yl` (up to `2^-22.4 yh`) would no longer be small beside `r = yh - 1`.
const ATANHF_SERIES: f32 = 0.0009765625;

/// Whether every lane is finite (NaN fails).
#[inline(always)]
fn all_finite<V: Lanes>(x: V) -> bool {
    let inf = V::splat(<V::Scalar as crate::lanes::Scalar>::INFINITY);
    all_set::<V>(x.abs().lt(inf))
}

/// Below `2^-12` the `f32` kernels use their odd series (next term below `2^-70` relative).
const SMALL_W: f64 = 0.000244140625;

/// `asinh` of widened `f32` lanes: `ln(a + sqrt(a^2 + 1))` in plain `f64` (`a^2` exact, the
/// argument within `2^-52` relative, so the logarithm within `2^-52` absolute: below `2^-40`
/// relative for `a >= 2^-12`), `a - a^3/6 + 3a^5/40` below `2^-12`.
#[inline(always)]
fn asinh_w<V: Lanes<Scalar = f64>>(x: V, all_ok: bool) -> V {
    let one = V::splat(1.0);
    let a = x.abs();
    let ac = if all_ok {
        a
    } else {
        V::select(a.lt(V::splat(f64::INFINITY)), a, one)
    };
    let y = logw(ac + ac.mul_add(ac, one).sqrt(), Base::E);
    let series = odd_series5(a, a, -1.0 / 6.0, 3.0 / 40.0);
    let y = V::select(a.lt(V::splat(SMALL_W)), series, y);
    let y = if all_ok {
        y
    } else {
        let y = V::select(a.eq(V::splat(f64::INFINITY)), a, y);
        V::select(x.is_nan(), x + x, y)
    };
    with_sign(y, x)
}

/// `acosh` of widened `f32` lanes: `ln(x + sqrt(x^2 - 1))` in plain `f64` (`x^2 - 1` exact
/// near 1, where the result, about `sqrt(2(x - 1)) >= 2^-11.5`, is far above the `2^-52`
/// absolute error).
#[inline(always)]
fn acosh_w<V: Lanes<Scalar = f64>>(x: V, all_ok: bool) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    let xc = if all_ok {
        x
    } else {
        V::select(one.le(x) & x.lt(inf), x, one)
    };
    let y = logw(xc + xc.mul_add(xc, -one).sqrt(), Base::E);
    if all_ok {
        return y;
    }
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.lt(one), V::splat(f64::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// `atanh` of widened `f32` lanes: `ln((1 + a)/(1 - a))/2` (`1 ± a` exact, the quotient within
/// `2^-53` relative, so the logarithm within `2^-52` absolute: below `2^-40` relative for
/// `a >= 2^-12`), `a + a^3/3 + a^5/5` below `2^-12`.
#[inline(always)]
fn atanh_w<V: Lanes<Scalar = f64>>(x: V, all_ok: bool) -> V {
    let one = V::splat(1.0);
    let a = x.abs();
    let ac = if all_ok {
        a
    } else {
        V::select(a.lt(one), a, V::splat(0.5))
    };
    let y = V::splat(0.5) * logw((one + ac) / (one - ac), Base::E);
    let series = odd_series5(a, a, 1.0 / 3.0, 0.2);
    let y = V::select(a.lt(V::splat(SMALL_W)), series, y);
    let y = if all_ok {
        y
    } else {
        let y = V::select(a.eq(one), V::splat(f64::INFINITY), y);
        let y = V::select(one.lt(a), V::splat(f64::NAN), y);
        V::select(x.is_nan(), x + x, y)
    };
    with_sign(y, x)
}

/// Correctly rounded `asinh` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-36` plus `2^-52` absolute, which is below `2^-44` relative: the table's interval around 1 has `c = 1` and `log(c) = 0`, so results near 0 carry no absolute error; see the module
/// docs) with the rounding test at `d = 2^-34`, then, for the vectors with a lane it leaves
/// open, [`asinh_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::ASINH`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::asinh_f32_cr;
/// use wide::f32x8;
/// assert_eq!(asinh_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn asinh_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let ok = all_finite(x);
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (asinh_w(lo, ok), asinh_w(hi, ok)),
        crate::common::pow2(-34),
        asinh_f64,
        crate::cr_exceptions::ASINH
    )
}

/// Correctly rounded `acosh` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-36` plus `2^-52` absolute, which is below `2^-44` relative: the table's interval around 1 has `c = 1` and `log(c) = 0`, so results near 0 carry no absolute error; see the module
/// docs) with the rounding test at `d = 2^-34`, then, for the vectors with a lane it leaves
/// open, [`acosh_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::ACOSH`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::acosh_f32_cr;
/// use wide::f32x8;
/// assert_eq!(acosh_f32_cr(f32x8::splat(1.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn acosh_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let ok = all_set::<V>(V::splat(1.0).le(x) & x.lt(V::splat(f32::INFINITY)));
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (acosh_w(lo, ok), acosh_w(hi, ok)),
        crate::common::pow2(-34),
        acosh_f64,
        crate::cr_exceptions::ACOSH
    )
}

/// Correctly rounded `atanh` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-36` plus `2^-52` absolute, which is below `2^-44` relative: the table's interval around 1 has `c = 1` and `log(c) = 0`, so results near 0 carry no absolute error; see the module
/// docs) with the rounding test at `d = 2^-34`, then, for the vectors with a lane it leaves
/// open, [`atanh_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::ATANH`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::inv_hyperbolic::atanh_f32_cr;
/// use wide::f32x8;
/// assert_eq!(atanh_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn atanh_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let ok = all_set::<V>(x.abs().lt(V::splat(1.0)));
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (atanh_w(lo, ok), atanh_w(hi, ok)),
        crate::common::pow2(-34),
        atanh_f64,
        crate::cr_exceptions::ATANH
    )
}
