//! `log2`, `log10` and `log1p` for `f64` and `f32`, and the double-double logarithms they share
//! with `asinh`, `acosh`, `atanh` (`inv_hyperbolic.rs`): the fdlibm-form core below (`f64`
//! `log2`, `log10`) and the division-free table logarithm (`log_tbl`, `f64` `log1p`, `asinh`,
//! `acosh`, `atanh`; issue 18).
//!
//! # The double-double core (`f64` log2, log10)
//! **Range reduction** as in `log` ([`crate::log`]): subnormal inputs scaled by `2^54`, then
//! `x = 2^e * (1 + f)` with `1 + f` in `[sqrt(2)/2, sqrt(2))` by integer operations on the bits;
//! `e` and `f` are exact.
//!
//! **`log(1 + f)` as `hi + lo`** (`log1p_dd_f64`), fdlibm's form
//! `log(1 + f) = f - f^2/2 + s*(f^2/2 + R(z))`, `s = f/(2 + f)`, `z = s^2`, with `R` the degree-7
//! (in `z`) minimax polynomial of `log` (`LOG_F64_LG`, Sollya, `kernels/gen/coeffs.sollya`;
//! approximation error of `2s + s*R` below `2^-58.4` relative), but kept in double-double:
//! `f^2` is split exactly (`two_prod`), `f - f^2/2` exactly (`fast_two_sum`,
//! `|f| > f^2/2`), so `hi = fl(f - f^2/2)` and `lo` collects the rounding error, the low half of
//! `f^2/2` and `s*(f^2/2 + R)`. The only rounding errors left are in `lo`'s terms, each below
//! `2^-53 |s*(f^2/2 + R)| <= 2^-53 * 0.05 |f|`, and in `s` and `R` (relative `2^-52` of a term
//! below `0.07 |log(1 + f)|`): `hi + lo` is `log(1 + f)` to about `2^-56` relative.
//!
//! **Assembly.** `log_b(x) = e*log_b(2) + (hi + lo)/ln(b)`:
//! - `log2`: `hi*(1/ln2)_hi` split exactly (`two_prod`), the cross terms `hi*(1/ln2)_lo +
//!   lo*(1/ln2)_hi` added to the low part, then `e + ...` by a `fast_two_sum`
//!   (`|e| >= 1 > |hi/ln2|` when `e != 0`); the large terms are added last.
//! - `log10`: the same with `1/ln10`, and `e*log10(2)` with `log10(2)_hi` of 42 bits so that
//!   `e*log10(2)_hi` is exact for every exponent (`|e| <= 1128`).
//! - natural log (`log1p` and the inverse hyperbolics): `e*ln2_hi` (32 bits, exact) `+ hi` by
//!   a `fast_two_sum`, `e*ln2_lo + lo` to the low part.
//!
//! The constants (`1/ln2`, `1/ln10`, `log10(2)` as double-doubles) come from Sollya
//! (`kernels/gen/log_family.sollya`, `kernels/src/coeffs_log_family.rs`).
//!
//! **Error bound.** The sum before the last rounding is within about `2^-55` relative of the
//! exact value, so the result is within `0.5 + 2^-2` ulp (in practice `0.5 + 2^-4`): stated at
//! most 1 ulp integer distance from the correctly rounded result on every backend. Exact values
//! are returned exactly: `log2(2^k) = k` (`f = 0`) and `log10(10^k) = k` (a real error below
//! 1 ulp leaves no other float to round to).
//!
//! # The table logarithm (`f64` log1p, asinh, acosh, atanh; issue 18)
//! `log_tbl`: `ln(yh + yl) = e*ln2 + h + l` for a double-double argument (`yh` positive,
//! normal, finite; `|yl| <= 2 ulp(yh)`), without a division (the fdlibm core's `f/(2 + f)`
//! costs about as much as the rest of a logarithm on 512-bit Zen 4), after glibc's `log`.
//!
//! **Reduction.** `yh = 2^e m`, `m` in `[0.671875, 1.34375)`, by integer operations on the bits
//! (exact); the top 4 mantissa bits of `bits(m) - bits(0.671875)` pick one of 16 subintervals
//! (width 1/32 below 1, 1/16 above; number 10 is `[1 - 2^-6, 1 + 2^-5)`), looked up on the
//! lanes, both tables at once ([`Lanes::lookup2`]: one `vpermi2pd` each on AVX-512, one
//! 16-byte `(INVC, LOGC)` load per lane on AVX2). `INVC[i]` is a double near `1/c_i` (`c_i` the
//! midpoint; 1 for number 10),
//! chosen so that `LOGC[i] = -log(INVC[i])` rounded to double is within `2^-70.2` of it (no low
//! part: two tables, not three). `m*INVC - 1 = rh + rl` **exactly**: `p + rl = m*INVC` by
//! `two_prod` and `rh = p - 1` (Sterbenz); `r` lies in `[-0.0295, 0.03125]`.
//!
//! **Evaluation.** `ln(yh + yl) = e ln2 + LOGC + log(1 + rh) + rl/(1 + rh) + yl/yh` with
//! `log(1 + rh) = rh + rh^2 Q(rh)`, `Q` of degree 8 (Sollya fpminimax, double coefficients,
//! relative error `2^-62.4` on that interval), `rl/(1 + rh) + yl/yh = (rl + yl 2^-e INVC)(1 -
//! rh + rh^2)` to `2^-50 |r|^3` (`2^-e` from the exponent bits, `0` for `e = 1024` where
//! `yl/yh < 2^-1000`; `rl (1 - rh)` alone when `yl = 0`). `h + he = LOGC + rh` by a fast
//! two-sum (the script checks `|LOGC[i]| >= |r|` on each subinterval but number 10, where
//! `LOGC = 0`), `l = he + rh^2 Q + correction`, and `assemble` adds `e ln2` (as for the
//! fdlibm core). Tables: `kernels/gen/log_dd_table.py` (`kernels/src/log_dd_table.rs`, with
//! the checks above); polynomial: `kernels/gen/log_dd.sollya` (`kernels/src/coeffs_log_dd.rs`).
//!
//! **Error bound.** `rh` and `LOGC + rh` are exact; `LOGC` is off by `2^-70`; `l` is below
//! `2^-10 |h|` and each of its roundings below `2^-53 |l|`; the neglected terms are below
//! `2^-62 |result|`. Where `e = 0` and `c = 1` (`x` near 1) every term is proportional to `r`
//! and `ln(m) ~= r` (relative errors carry over); where `e = 0` and `c != 1`, `|ln(m)| >=
//! 2^-6`; where `e != 0`, `|result| >= 0.39`. The sum before the final rounding is within
//! about `2^-56` relative of the exact logarithm: within `0.5 + 2^-3` ulp, stated at most 1
//! ulp integer distance (measured 0.52 ulp for asinh and atanh on every backend;
//! docs/ACCURACY.md).
//!
//! **Where it serves.** `asinh` and `atanh` from the start; `log1p` and `acosh` since
//! 2026-12-05, when the AVX2 lookup became one 16-byte `(INVC, LOGC)` pair per lane
//! ([`Lanes::lookup2`]) instead of four permutes and a blend tree per table. Intel Xeon (family
//! 6 model 167), n = 4096, ns/element AVX-512 / AVX2, the fdlibm core (`log_dd_f64`, now
//! removed) first, median of 3 alternated rounds: `log1p` 1.220 -> 1.045 / 2.007 -> 2.022,
//! `acosh` 2.084 -> 1.770 / 2.991 -> 3.059 (AVX2 within the noise). `log2` and `log10` keep the
//! fdlibm core: on the table they were 12-16 % faster on AVX-512 and 17-20 % slower on AVX2
//! (`log2` 0.843 -> 0.746 / 1.236 -> 1.483, `log10` 0.926 -> 0.779 / 1.352 -> 1.584), and the FMA
//! backends must give the same bits. (Earlier, on Zen 4 with the permute tree: `log1p` 1.89 ->
//! 1.67 / 4.62 -> 5.36, `acosh` 2.35 -> 2.15 / 3.82 -> 4.15; a gather was 30 % slower still.)
//! All within 1 ulp on the fdlibm core: 2 million random and 2 million hard inputs give
//! 0.52-0.53 ulp for `log2`, `log10` on every backend, 99.98-99.99 % correctly rounded;
//! `acosh` needs the `rh^2` term of the correction, its `sl` reaching `2^-32 sh`.
//!
//! # `log1p`
//! `1 + x = yh + yl` by a `two_sum` (exact), then the table logarithm (`log_tbl`). For
//! `|x| < 2^-27` the result is `x - x^2/2` (the next term, `x^3/3`, is below `2^-54 |x|`),
//! which rounds to `x` below `2^-55`; below `2^-60` the kernel takes `x^2` as 0 (the same
//! bits): a product that underflows costs a microcode assist per vector on Zen 4, and the
//! log-uniform inputs over every exponent ran 1.4x (AVX-512) to 1.9x (AVX2) slower with it; for
//! `-1 < x < inf` `yh >= 2^-53` is normal, so `log1p` needs no subnormal scaling.
//!
//! # `f32`: log2 and log10 in native `f32` lanes
//! A table-driven reduction without division (issue 17: 16 lanes per AVX-512 vector; the
//! earlier version ran `log`'s double-single `log1p_dd`, one division and about 30 more
//! operations). **Reduction**: `x = 2^e m` with `m` in `[0.75, 1.5)` by bit arithmetic
//! (subnormals scaled by `2^25` first); the top three mantissa bits of `m` pick one of 8
//! subintervals (width 1/8 above 1, 1/16 below) and `1/c` from `LOGF_INVC`
//! (`kernels/gen/f32_log2_table.py`): 5 significant bits, one for the two subintervals next
//! to one, where `r = m - 1` is in `[-1/16, 1/8)`. `r = m/c - 1 = fma(m, 1/c, -1)` is **exact**
//! (elsewhere `m/c` has its last bit at `2^-28` or above and `|r| <= 1/16`, so `r` fits in 24
//! bits, checked by the script; without FMA the same `r` from two exact 17-bit products).
//! **Evaluation**: `log_b(x) = T + P` with
//! `T = e log_b(2) + log_b(c)_hi` exact (`log2(c)_hi` a multiple of `2^-15`, `log10(c)_hi` of
//! `2^-18` and `log10(2)_hi` of `2^-17`: `|T| < 2^8` fits in 24 bits) and `P = r B_hi +
//! (r B_lo + r^2 q(r) + log_b(c)_lo [+ e log10(2)_lo])`, `B = 1/ln(b)` as a pair of singles, `q` of
//! degree 5 (Sollya fpminimax, single coefficients; `r B + r^2 q` within `2^-32.3` (log2),
//! `2^-30.7` (log10) relative of `log_b(1 + r)`), the small terms by FMAs and `P` rounded once.
//! Until 2026-12-06 the table had 16 entries (`|r| < 1/16`, `q` of degree 4): on AVX2 a
//! 16-entry lookup is two `vpermps` and a select, an 8-entry one a single `vpermps`, and the
//! three lookups were about 0.35 of the time on Zen 3 (`scripts/avx2_lookups.c`); with 8 the
//! degree-5 `q` costs one FMA more (Zen 3, n = 4096, avx2 ns/element: log2 0.87 -> 0.70, log10
//! 0.90 -> 0.76).
//! **Error**: `r` is exact, so `P` is within 0.5 ulp(P) (its rounding) + `2^-26 |P|` (the
//! fit, below `2^-30.7`, and the four or so roundings of the small terms, which are at most
//! `|r|/2 <= 2^-4` of `P`, each `2^-28 |P|`) of its exact value: within 0.75 ulp(P) (`|P| <
//! 2^24` ulp(P)); where `c != 1`, `|r| <= 1/16` halves the small terms: `2^-26.9 |P|`, within
//! 0.64 ulp(P). The result `T + P` rounds once more. Where `T = 0` (`c = 1`, `e = 0`: `x` in
//! `[0.9375, 1.125)`) the result is `P`: within 0.75 ulp. Where `e = 0` and `c != 1`, the
//! script checks `|log_b(m)| >= |P|/2` on every subinterval, so ulp(P) <= 2 ulp(result):
//! either `T + P` is exact (Sterbenz) and the error is below 1.28 ulp, or `|T + P| >= |P|` and
//! it is below 0.64 + 0.5 ulp. Where `e != 0`, `|log_b(x)| >= 0.41 log_b(2)` and `|P| <= 0.094
//! log_b(2)`, or, where `c = 1` and `r` can reach 1/8, `|P| <= 0.17 log_b(2)` and
//! `|log_b(x)| >= 0.83 log_b(2)`: either way ulp(P) <= ulp(result)/4, below 0.19 + 0.5 ulp.
//! Every case stays under 1.5 ulp of the exact value, so the result is the correctly rounded
//! one or a neighbour; the exhaustive test of all 2^32 inputs finds at most 1 ulp and
//! 0.060 % (log2) / 0.057 % (log10) not correctly rounded on the FMA backends, 0.061 % /
//! 0.059 % on the portable one (16 entries: 0.034 % / 0.033 %; fdlibm's form 0.012 % /
//! 0.013 %). `log2(2^k) = k` exactly (`r = 0`, all
//! terms of `P` zero); `log10(10^k) = k` for the powers of ten that are singles (checked by the
//! tests, not by construction).
//!
//! # `f32` log1p, in native `f32` lanes (issue 17)
//! The native `f32` table logarithm (as `log`, `atanh`, `acosh`; no division): `1 + x = u + w`
//! exactly (`two_sum`), `u = 2^e m` (`u >= 2^-24` is normal for `x > -1`, so no subnormal
//! scaling), `m` in `[0.75, 1.5)`, `r = m/c - 1` exact by `logf_reduce`, and the low part as
//! `t = w 2^-e/c` (`2^-e` from the bits of `u`): `1 + x = 2^e c (1 + r + t)`, `|t| <= 2^-24 (1 +
//! r)`, and `ln(1 + x) = T + P`, `T = e LN2_HI + ln(c)_hi` exact (`lnf_table_terms`), `P = r +
//! (e LN2_LO + ln(c)_lo + r^2 q(r) + t (1 - r))` (`ln(1 + r + t) = ln(1 + r) + t (1 - r)` up
//! to `t r^2 + t^2`: below `2^-32` where `c != 1` (`|r| <= 1/16`), below `2^-26.8 |P|` where
//! `c = 1` and `r` reaches 1/8), `q` and the tables of `kernels/gen/f32_atanh_table.py`.
//! Three cases near 0:
//! - `2^-25 <= |x| < 2^-7` (`e = 0`, `c = 1`): `r = x` itself and `t = 0` (`u - 1 + w = x`
//!   exactly). Computed as `u - 1` and `t`, `t` could be as large as `r` (`x` near `2^-23`) and
//!   its rounding in the low part reached a quarter ulp (0.33 % of all results not correctly
//!   rounded instead of 0.11 %).
//! - `|x| < 2^-25`: `u = 1`, `r = 0`, `t = x`, so the result is `x` exactly (`log1p(x) = x(1 -
//!   x/2 + ...)` rounds to `x`), and no intermediate is subnormal (with `r = x`, `r^2` below
//!   `2^-126` cost a microcode assist per vector: 2x slower on the log-uniform inputs).
//! - elsewhere `e` and `c` as they come (`-24 <= e <= 127`).
//!
//! Lanes at or above `1.5 * 2^127` (where `2^-e` would wrap) take the slow path: `log1p(x
//! 2^-64) + 64 ln2` (`e + 64`), off by `2^64/x < 2^-62`; at `e = 127` the bits give `2^-e = +0`
//! and `|t| < 2^-24` of a result above 88 is dropped.
//!
//! **Error**: `P` within 0.5 ulp(P) plus about `2^-26 |P|` of `ln(1 + x) - T` (`2^-25.4 |P|`
//! where `c = 1` with `t`'s neglected term), and the case analysis of the native log2 (`T =
//! 0`: 0.89 ulp; `e = 0`, `c != 1`: below 1.28 ulp; `e != 0`: below 0.73 ulp): the correctly
//! rounded result or a neighbour. The exhaustive test of all 2^32 inputs finds at most 1 ulp
//! on every backend, 5,151,347 (0.120 %) not correctly rounded on the FMA backends and
//! 5,152,585 on the portable one (16 entries: 4,832,799 and 4,834,034; docs/ACCURACY.md; the
//! double-single version before it: 0.017 %, with one division and a reciprocal estimate;
//! Zen 4, n = 4096, ns/element avx2 1.14 -> 0.90, avx512 0.64 -> 0.48). The low part `r^2 q(r)`
//! reaches `|r|/16`, and its rounding (up to `2^-29` of the result) is most of the error where
//! `x` is near 0 and `T = 0`. `log1p(±0) = ±0` and the special values by the selects of the
//! slow path (taken only by vectors with a lane outside `(-1, 1.5 * 2^127)` or zero).
//!
//! # Table-driven logarithm in `f64` lanes, no division (`logw`)
//! (The stage 1 of the correctly rounded tier's log, log2, log10 and log1p, and the `f32`
//! asinh; it was the faithful `f32` log1p and acosh before issue 17.)
//! Each `f32` vector is widened to two `f64` vectors ([`Widen`]; `f32` subnormals are normal
//! there, so no scaling). `x = 2^k * z` with `z` in `[0.671875, 1.34375)` by integer
//! operations on the bits, and the top 4 mantissa bits of `bits(x) - bits(0.671875)` pick one of
//! 16 subintervals (width `1/32` below 1, `1/16` above; the one around 1 is
//! `[1 - 2^-6, 1 + 2^-5)` with centre 1). `INVC[i]` is `1/c_i` rounded to 28 bits (`c_i` the
//! centre), so `r = z*INVC[i] - 1` (one FMA) is exact for 24-bit `z` and `|r| <= 2^-5`;
//! `log_b(x) = k*log_b(2) + (LOGC_B[i] + r*P_B(r))` with `LOGC_B[i] = -log_b(INVC[i])` and `P_B`
//! of degree 5 (relative error `2^-37.5`), tables and fits by Sollya
//! (`kernels/gen/log_family.sollya`), looked up on the lanes ([`Lanes::lookup`]: one
//! `vpermi2pd` per table on AVX-512). The error before the final rounding to `f32` is below
//! `2^-37` relative plus `2^-52` absolute, i.e. below `2^-13` ulp of `f32`: at most 1 ulp, and
//! correctly rounded except near halfway points (exhaustive counts in `docs/ACCURACY.md`).
//! `log1p` takes `1 + x` (exact for
//! `2^-29 <= |x| < 2^29`; elsewhere its rounding is harmless) and, for `|x| < 2^-7`, `r = x`
//! directly with `k = 0`, `LOGC = 0`, which keeps tiny inputs and `-0`.
//!
//! **Special values** as libm: `log2(±0) = log10(±0) = -inf`, `log2(1) = log10(1) = +0`,
//! `(+inf) = +inf`, `(x < 0) = NaN`; `log1p(±0) = ±0`, `log1p(-1) = -inf`, `log1p(x < -1) =
//! NaN`, `log1p(+inf) = +inf`; NaN stays NaN.

use crate::coeffs::LOG_F64_LG;
use crate::coeffs_f32::{INV_LN2_F32, INV_LN10_F32, LOG10_2_F32};
use crate::coeffs_log_dd::LOGD_Q;
use crate::coeffs_log_family::{
    INV_LN2_DD, INV_LN10_DD, LOG10_2_DD, LOGW_INVC, LOGW_LOGC_2, LOGW_LOGC_10, LOGW_LOGC_E,
    LOGW_P_2, LOGW_P_10, LOGW_P_E,
};
use crate::common::{all_set, fast_two_sum, horner, two_prod, two_sum, zero_below_2m60};
use crate::f32_atanh_table::{LNF_C_HI, LNF_C_LO, LNF_P};
use crate::f32_log2_table::{
    LOG2F_C_HI, LOG2F_C_LO, LOG2F_P, LOG10F_C_HI, LOG10F_C_LO, LOG10F_P, LOGF_INVC,
};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::log::{all_normal, reduce_f64, specials};
use crate::log_dd_table::{LOGD_INVC, LOGD_LOGC};
use crate::pio2_table::{LN2_F32_HI, LN2_F32_LO, LN2_F64_HI, LN2_F64_LO};

/// The base of a logarithm (a constant after inlining).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// Natural logarithm.
    E,
    /// `log2`.
    Two,
    /// `log10`.
    Ten,
}

/// `log(1 + f) = hi + lo` for the reduced argument `f` (`1 + f` in `[sqrt(2)/2, sqrt(2)]`), to
/// about `2^-56` relative (see the module docs): `|lo| <= 2^-52 |hi|` roughly, `hi = 0` and
/// `lo = 0` for `f = 0`. The core of `f64` `log2` and `log10`.
#[inline(always)]
pub(crate) fn log1p_dd_f64<V: Lanes<Scalar = f64>>(f: V) -> (V, V) {
    let half = V::splat(0.5);
    let (p, pe) = two_prod(f, f);
    let hfsq = half * p;
    let s = f / (V::splat(2.0) + f);
    let z = s * s;
    let r = z * horner(z, &LOG_F64_LG);
    // |f| > f^2/2 on the whole range: hi + e1 = f - f^2/2 exactly.
    let (hi, e1) = fast_two_sum(f, -hfsq);
    let lo = s.mul_add(hfsq + r, pe.mul_add(-half, e1));
    (hi, lo)
}

/// [`LOGD_INVC`] and [`LOGD_LOGC`] interleaved, for [`Lanes::lookup2`].
const LOGD_PAIRS: [[f64; 2]; 16] = crate::common::interleave(&LOGD_INVC, &LOGD_LOGC);

/// `ln(yh + yl) = e*ln2 + h + l` without a division (see the module docs, "The table
/// logarithm"): `yh` positive, normal and finite, `|yl| <= 2 ulp(yh)` (`None`: `yl = 0`; for
/// `acosh` up to `2^-32 |yh - 1|`, see `inv_hyperbolic.rs`);
/// returns `(e, h, l)`, `e` integer-valued, `|h| <= 0.41`, `|l| <= 2^-10 |h|` roughly, and
/// `h = l = 0` for `yh = 1`, `yl = 0`. `h + l` is `ln(m)` (`yh = 2^e m`) to about `2^-60`
/// relative.
#[inline(always)]
pub(crate) fn log_tbl<V: Lanes<Scalar = f64>>(yh: V, yl: Option<V>) -> (V, V, V) {
    const OFF: u64 = 0x3fe5_8000_0000_0000; // 0.671875
    let ix = V::to_bits(yh) + V::splat_bits(0x3ff0_0000_0000_0000 - OFF);
    let eb = V::shr(ix, 52);
    let e = V::from_bits(eb | V::splat_bits(0x4330_0000_0000_0000)) - V::splat(4503599627371519.0);
    let m = V::from_bits((ix & V::splat_bits(0x000f_ffff_ffff_ffff)) + V::splat_bits(OFF));
    // The top four mantissa bits of bits(m) - OFF (lookup uses the low four bits).
    let i = V::shr(ix, 48);
    let (invc, logc) = V::lookup2(&LOGD_INVC, &LOGD_LOGC, &LOGD_PAIRS, i);
    // m*invc = p + rl exactly, p - 1 exact (Sterbenz): r = rh + rl exactly.
    let (p, rl) = two_prod(m, invc);
    let rh = p - V::splat(1.0);
    // |logc| >= |rh| where logc != 0 (checked by the table's script).
    let (h, he) = fast_two_sum(logc, rh);
    // The low parts of the argument over 1 + rh: rl/(1 + rh) + yl/yh, yl/yh = yl*2^-e*invc/
    // (1 + r): rl (1 - rh), and (rl + yl*2^-e*invc)(1 - rh + rh^2) where yl is given.
    let corr = match yl {
        None => rl.mul_add(-rh, rl),
        Some(yl) => {
            // 2^(1 - e) from the bits: biased exponent 2047 - eb in [0, 2046] (0, i.e. the
            // value 0, only for e = 1024, where yl/yh < 2^-1000 is dropped).
            let s2 = V::from_bits(
                V::splat_bits(0x7ff0_0000_0000_0000) - (ix & V::splat_bits(0xfff0_0000_0000_0000)),
            );
            let d2 = (yl * s2).mul_add(invc, rl + rl);
            let half = V::splat(0.5);
            d2 * rh.mul_add(rh.mul_add(half, -half), half)
        }
    };
    let l = (rh * rh).mul_add(horner(rh, &LOGD_Q), corr + he);
    (e, h, l)
}

/// `e*log_b(2) + (hi + lo)/ln(b)`, rounded once at the end (see the module docs); `|hi| <=
/// 0.41` and `e` integer-valued with `|e| < 2^11`.
#[inline(always)]
pub(crate) fn assemble<V: Lanes<Scalar = f64>>(e: V, hi: V, lo: V, base: Base) -> V {
    match base {
        Base::E => {
            let (s, se) = fast_two_sum(e * V::splat(LN2_F64_HI), hi);
            s + e.mul_add(V::splat(LN2_F64_LO), lo + se)
        }
        Base::Two => assemble_2_10(e, hi, lo, &INV_LN2_DD, None),
        Base::Ten => assemble_2_10(e, hi, lo, &INV_LN10_DD, Some(&LOG10_2_DD)),
    }
}

/// The `log2` / `log10` arm of `assemble`, for either lane type: `e*log_b(2) + (hi +
/// lo)*(d[0] + d[1])` with `d = 1/ln(b)` as a pair, `log10(2)` as the pair `l10` (its high
/// part short enough that `e*l10[0]` is exact) for base 10, `None` for base 2. `hi*d[0]` is
/// split exactly, then `e*log_b(2) + that` by a fast two-sum (`|e*log_b(2)| >= |hi*d[0]|`
/// where `e != 0`), the small terms added to the low part, one rounding at the end.
#[inline(always)]
fn assemble_2_10<V: Lanes>(
    e: V,
    hi: V,
    lo: V,
    d: &[V::Scalar; 2],
    l10: Option<&[V::Scalar; 2]>,
) -> V {
    let (ph, pl) = two_prod(hi, V::splat(d[0]));
    let mut t = hi.mul_add(V::splat(d[1]), lo.mul_add(V::splat(d[0]), pl));
    let eh = match l10 {
        None => e,
        Some(l) => {
            t = e.mul_add(V::splat(l[1]), t);
            e * V::splat(l[0])
        }
    };
    let (s, se) = fast_two_sum(eh, ph);
    s + (se + t)
}

/// `log_b(x)` of `f32` lanes in native `f32` (base 2 or 10): `log`'s reduction, `log(1 + f)`
/// as `hi + lo` ([`log1p_dd`] with `log`'s `f32` polynomial) and [`assemble_2_10`] with the
/// constants as pairs of singles; subnormal inputs scaled by `2^25` first, libm's special
/// values of `log` (see the module docs, "`f32`").
#[inline(always)]
fn log_b_f32<V: Lanes<Scalar = f32>>(x: V, base: Base) -> V {
    let min = V::splat(f32::MIN_POSITIVE);
    if crate::log::log_f32_usual(x) {
        return log_b_core_f32(x, None, base);
    }
    let sub = x.lt(min);
    let xs = V::select(sub, x * V::splat(f32::from_bits(0x4c00_0000)), x); // 2^25
    let y = log_b_core_f32(
        xs,
        Some(V::select(sub, V::splat(25.0), V::splat(0.0))),
        base,
    );
    specials(x, y)
}

/// The native `f32` logarithms' reduction (see the module docs): `x = 2^e m`, `m` in
/// `[0.75, 1.5)`, `j` the top three mantissa bits of `m`, `invc = LOGF_INVC[j]` and
/// `r = m invc - 1`, exact. Also `ix`, the bits of `x` offset so that its exponent field is
/// `e`'s (for a caller that scales by `2^-e`).
pub(crate) struct LogfReduced<V: Lanes> {
    pub(crate) ix: V::Bits,
    pub(crate) e: V,
    pub(crate) j: V::Bits,
    pub(crate) invc: V,
    pub(crate) r: V,
}

impl<V: Lanes<Scalar = f32>> LogfReduced<V> {
    /// `2^-e / c` (`invc` times `2^-e` built from the exponent bits of `ix`), the factor that
    /// takes a low part `w` of the argument to `t = w 2^-e/c` (`x + w = 2^e c (1 + r + t)`):
    /// exact for `-126 <= e <= 126` where `2^-e invc` is normal, `+0` at `e = 127`; `e = 128`
    /// wraps (callers keep it out).
    #[inline(always)]
    pub(crate) fn inv_scale(&self) -> V {
        V::from_bits(V::splat_bits(0x7f00_0000) - (self.ix & V::splat_bits(0xff80_0000)))
            * self.invc
    }
}

/// [`LogfReduced`] of `x`, positive, normal and finite.
#[inline(always)]
pub(crate) fn logf_reduce<V: Lanes<Scalar = f32>>(x: V) -> LogfReduced<V> {
    // x with half a mantissa added: its exponent field is e's (for `inv_scale`).
    let ix = V::to_bits(x) + V::splat_bits(0x0040_0000);
    let (m, e) = x.mant_exp_34();
    let mb = V::to_bits(m);
    // The top three mantissa bits of m (lookup uses the low three bits of the index).
    let j = V::shr(mb, 20);
    let invc = V::lookup(&LOGF_INVC, j);
    let one = V::splat(1.0);
    // r = m*invc - 1 is exact (24 bits); without FMA as two exact products of 17 bits.
    let r = if V::FUSED {
        m.mul_add(invc, -one)
    } else {
        let mh = V::from_bits(mb & V::splat_bits(0xffff_f000));
        (mh * invc - one) + (m - mh) * invc
    };
    LogfReduced { ix, e, j, invc, r }
}

/// `e ln2 + ln(c_j)` of the native `f32` table logarithm (log, log1p, atanh, acosh) as `(hi, lo)`: `hi =
/// e LN2_HI + LNF_C_HI[j]` exact (both multiples of `2^-15`), `lo = e LN2_LO + LNF_C_LO[j]`
/// rounded once.
#[inline(always)]
pub(crate) fn lnf_table_terms<V: Lanes<Scalar = f32>>(e: V, j: V::Bits) -> (V, V) {
    (
        e.mul_add(V::splat(LN2_F32_HI), V::lookup(&LNF_C_HI, j)),
        e.mul_add(V::splat(LN2_F32_LO), V::lookup(&LNF_C_LO, j)),
    )
}

/// [`log_b_f32`] for positive normal finite lanes; `e_adjust` is subtracted from the exponent.
/// `xs = 2^e m`, `m` in `[0.75, 1.5)`, `r = m/c - 1` exactly with `1/c` from an 8-entry table,
/// `log_b(x) = (e log_b(2) + log_b(c)) + log_b(1 + r)` (see the module docs).
#[inline(always)]
fn log_b_core_f32<V: Lanes<Scalar = f32>>(xs: V, e_adjust: Option<V>, base: Base) -> V {
    let LogfReduced { e, j, r, .. } = logf_reduce(xs);
    let e = e_adjust.map_or(e, |a| e - a);
    let r2 = r * r;
    match base {
        Base::Ten => {
            let q = horner(r, &LOG10F_P);
            let lo = e.mul_add(V::splat(LOG10_2_F32[1]), V::lookup(&LOG10F_C_LO, j));
            let lo = r.mul_add(V::splat(INV_LN10_F32[1]), r2.mul_add(q, lo));
            let p = lead_plus(r, INV_LN10_F32[0], lo);
            e.mul_add(V::splat(LOG10_2_F32[0]), V::lookup(&LOG10F_C_HI, j)) + p
        }
        _ => {
            let q = horner(r, &LOG2F_P);
            let lo = r2.mul_add(q, V::lookup(&LOG2F_C_LO, j));
            let lo = r.mul_add(V::splat(INV_LN2_F32[1]), lo);
            let p = lead_plus(r, INV_LN2_F32[0], lo);
            (e + V::lookup(&LOG2F_C_HI, j)) + p
        }
    }
}

/// `P = r b + lo` of the native `f32` log2/log10 rounded once: one FMA, or without FMA the
/// product `r b` exact ([`two_prod`]) and its low part added to `lo` first, since rounding `r b`
/// (as large as `P`) on its own put half an ulp of `P` more into the result: 17 (log2) and 11
/// (log10) of the 2^32 results 2 ulp off on the portable backend without FMA, where `r` reaches
/// 1/8.
#[inline(always)]
fn lead_plus<V: Lanes<Scalar = f32>>(r: V, b: f32, lo: V) -> V {
    if V::FUSED {
        r.mul_add(V::splat(b), lo)
    } else {
        let (ph, pl) = two_prod(r, V::splat(b));
        ph + (pl + lo)
    }
}

/// `log_b(x)` for positive normal finite lanes; `e_adjust` is subtracted from the exponent.
#[inline(always)]
fn log_b_core<V: Lanes<Scalar = f64>>(xs: V, e_adjust: Option<V>, base: Base) -> V {
    let (e, f) = reduce_f64(xs);
    let e = e_adjust.map_or(e, |a| e - a);
    let (hi, lo) = log1p_dd_f64(f);
    assemble(e, hi, lo, base)
}

/// `log_b(x)` on every lane, with the subnormal scaling and libm's special values of `log`.
#[inline(always)]
fn log_b_f64<V: Lanes<Scalar = f64>>(x: V, base: Base) -> V {
    let min = V::splat(f64::MIN_POSITIVE);
    if crate::log::log_f64_usual(x) {
        return log_b_core(x, None, base);
    }
    let sub = x.lt(min);
    let xs = V::select(sub, x * V::splat(f64::from_bits(0x4350_0000_0000_0000)), x); // 2^54
    let y = log_b_core(
        xs,
        Some(V::select(sub, V::splat(54.0), V::splat(0.0))),
        base,
    );
    specials(x, y)
}

/// `log2(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log_family::log2_f64;
/// use wide::f64x4;
/// let y = log2_f64(f64x4::from([8.0, 0.0, -1.0, 5e-324])).to_array();
/// assert_eq!(y[0], 3.0);
/// assert_eq!(y[1], f64::NEG_INFINITY);
/// assert!(y[2].is_nan());
/// assert_eq!(y[3], -1074.0);
/// ```
#[inline(always)]
pub fn log2_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    log_b_f64(x, Base::Two)
}

/// `log10(x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log_family::log10_f64;
/// use wide::f64x4;
/// let y = log10_f64(f64x4::from([1000.0, 1.0, 1e-300, f64::INFINITY])).to_array();
/// assert_eq!(y, [3.0, 0.0, -300.0, f64::INFINITY]);
/// ```
#[inline(always)]
pub fn log10_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    log_b_f64(x, Base::Ten)
}

/// Whether every lane of `x` has a normal `log1p(x)`, `f64` or `f32`: `-1 < x < inf` and `|x|`
/// normal (`log1p x` is `x` rounded for tiny `|x|`, finite above `-1` and at most
/// `log(2) * 1024`; zero, subnormals, `-1`, the infinities and NaN fail). The input test of
/// `log1p` `f64` for the checked entry loops (the registry's `input`): its first two compares are
/// [`log1p_f64`]'s own, so it adds one. (`f32` names its kernel's own test,
/// [`log1p_f32_usual`].)
///
/// ```
/// use simdmath_kernels::log_family::log1p_usual;
/// use wide::{f32x8, f64x4};
/// assert!(log1p_usual(f64x4::from([-0.9999999999999999, f64::MAX, -2.3e-308, 0.5])));
/// assert!(!log1p_usual(f64x4::from([-1.0, 1.0, 1.0, 1.0])));
/// assert!(!log1p_usual(f32x8::from([0.5, 1e-40, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn log1p_usual<V: Lanes>(x: V) -> bool {
    let above = (-V::splat(V::Scalar::ONE)).lt(x) & x.lt(V::splat(V::Scalar::INFINITY));
    all_set::<V>(above & V::splat(V::Scalar::MIN_POSITIVE).le(x.abs()))
}

/// `log(1 + x)` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::log_family::log1p_f64;
/// use wide::f64x4;
/// let y = log1p_f64(f64x4::from([1e-300, -0.0, -1.0, -2.0])).to_array();
/// assert_eq!(y[0], 1e-300);
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], f64::NEG_INFINITY);
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn log1p_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    // -1 < x < inf (NaN fails): 1 + x >= 2^-53 is normal and finite.
    let ok = (-one).lt(x) & x.lt(inf);
    let all_ok = all_set::<V>(ok);
    let xc = if all_ok {
        x
    } else {
        V::select(ok, x, V::splat(0.0))
    };
    let (yh, yl) = two_sum(one, xc);
    let (e, hi, lo) = log_tbl(yh, Some(yl));
    let y = assemble(e, hi, lo, Base::E);
    // Tiny |x|: x - x^2/2 (keeps the sign of zero and subnormals exact). Below 2^-60 that is
    // x itself, and x^2 is taken as 0 there: an underflowing product costs a microcode assist
    // per vector on Zen 4 (see the module docs).
    let ax = xc.abs();
    let tiny = ax.lt(V::splat(7.450580596923828e-9)); // 2^-27
    let xm = zero_below_2m60(xc, ax);
    let y = V::select(tiny, (xm * xm).mul_add(V::splat(-0.5), xc), y);
    if all_ok {
        return y;
    }
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.eq(-one), -inf, y);
    let y = V::select(x.lt(-one), V::splat(f64::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// The table-driven reduction of the `f32` logarithms in `f64` lanes: `y = 2^k * z`,
/// `z` in `[OFF, 2*OFF)`, and `r = z*INVC[i] - 1` (one FMA: exact for `z` with at most 24
/// significant bits, and for any `z` where the backend fuses); returns `(k, i, r)`, the index
/// in the low 4 bits of `i`. `y` must be positive, normal and finite.
#[inline(always)]
fn logw_parts<V: Lanes<Scalar = f64>>(y: V) -> (V, V::Bits, V) {
    const OFF: u64 = 0x3fe5_8000_0000_0000; // 0.671875
    let ix = V::to_bits(y) + V::splat_bits(0x3ff0_0000_0000_0000 - OFF);
    let eb = V::shr(ix, 52);
    let k = V::from_bits(eb | V::splat_bits(0x4330_0000_0000_0000)) - V::splat(4503599627371519.0);
    let z = V::from_bits((ix & V::splat_bits(0x000f_ffff_ffff_ffff)) + V::splat_bits(OFF));
    let i = V::shr(ix, 48);
    let r = z.mul_add(V::lookup(&LOGW_INVC, i), V::splat(-1.0));
    (k, i, r)
}

/// The tables and the constant of base `b`: `(-log_b(INVC[i]), log_b(1 + r)/r, log_b(2))`.
#[inline(always)]
fn logw_consts(base: Base) -> (&'static [f64; 16], &'static [f64; 6], f64) {
    match base {
        Base::E => (&LOGW_LOGC_E, &LOGW_P_E, core::f64::consts::LN_2),
        Base::Two => (&LOGW_LOGC_2, &LOGW_P_2, 1.0),
        Base::Ten => (&LOGW_LOGC_10, &LOGW_P_10, core::f64::consts::LOG10_2),
    }
}

/// `log_b(y)` for positive normal finite `f64` lanes, to `f32` standards and without a
/// division: `k*log_b(2) + (LOGC_B[i] + r*P_B(r))`, relative error below `2^-37` plus `2^-52`
/// absolute (see the module docs).
#[inline(always)]
pub(crate) fn logw<V: Lanes<Scalar = f64>>(y: V, base: Base) -> V {
    let (k, i, r) = logw_parts(y);
    let (logc, p, c) = logw_consts(base);
    let t = V::lookup(logc, i) + r * horner(r, p);
    k.mul_add(V::splat(c), t)
}

/// `log_b` of widened `f32` lanes with `log`'s special values (`all_ok`: every lane positive
/// and finite, so they can be skipped).
#[inline(always)]
pub(crate) fn logw_f64_lanes<V: Lanes<Scalar = f64>>(x: V, base: Base, all_ok: bool) -> V {
    if all_ok {
        return logw(x, base);
    }
    let ok = V::splat(0.0).lt(x) & x.lt(V::splat(f64::INFINITY));
    specials(x, logw(V::select(ok, x, V::splat(1.0)), base))
}

/// `log1p` of widened `f32` lanes: `1 + x` is exact for `2^-29 <= |x| < 2^29` and rounded
/// only where that costs nothing; `|x| < 2^-7` takes `r = x` directly (`1 + x` would fall in the
/// table's interval `c = 1` anyway), so tiny inputs and the sign of zero come out right.
#[inline(always)]
fn log1pw<V: Lanes<Scalar = f64>>(x: V, all_ok: bool) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f64::INFINITY);
    let xc = if all_ok {
        x
    } else {
        V::select((-one).lt(x) & x.lt(inf), x, V::splat(0.0))
    };
    let (k, i, r) = logw_parts(one + xc);
    let small = xc.abs().lt(V::splat(0.0078125)); // 2^-7
    let r = V::select(small, xc, r);
    let p = r * horner(r, &LOGW_P_E);
    let full = k.mul_add(
        V::splat(core::f64::consts::LN_2),
        V::lookup(&LOGW_LOGC_E, i) + p,
    );
    let y = V::select(small, p, full);
    if all_ok {
        return y;
    }
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.eq(-one), -inf, y);
    let y = V::select(x.lt(-one), V::splat(f64::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// `log2(x)` on every lane of an `f32` vector, in native `f32` lanes.
///
/// ```
/// use simdmath_kernels::log_family::log2_f32;
/// use wide::f32x8;
/// let y = log2_f32(f32x8::from([1.0, 2.0, 0.5, 1024.0, 0.0, -1.0, 1e-45, 3.0])).to_array();
/// assert_eq!(&y[..5], &[0.0, 1.0, -1.0, 10.0, f32::NEG_INFINITY]);
/// assert!(y[5].is_nan());
/// assert_eq!(y[6], -149.0);
/// ```
#[inline(always)]
pub fn log2_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    log_b_f32(x, Base::Two)
}

/// `log10(x)` on every lane of an `f32` vector, in native `f32` lanes.
///
/// ```
/// use simdmath_kernels::log_family::log10_f32;
/// use wide::f32x8;
/// let y = log10_f32(f32x8::from([1.0, 10.0, 100.0, 1e10, 0.1, 1e-5, 0.0, 2.0])).to_array();
/// assert_eq!(&y[..7], &[0.0, 1.0, 2.0, 10.0, -1.0, -5.0, f32::NEG_INFINITY]);
/// ```
#[inline(always)]
pub fn log10_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    log_b_f32(x, Base::Ten)
}

/// Whether every lane of `x` takes [`log1p_f32`]'s usual path and has a normal result:
/// `-1 < x < 1.5 * 2^127` and `|x|` normal (NaN, zero, subnormals and the infinities fail;
/// `log1p x` is `x` rounded for tiny `|x|`, finite above `-1`, below 89). The checked entry
/// loops skip their test of the results on such a vector (the registry's `usual`): the first two
/// compares are the kernel's own, which the compiler computes once, so the test adds one compare
/// per vector where the test of the results takes a scan of the block. (The kernel itself tests
/// `x != 0`: taking `|x| >= 2^-126` there too made the plain kernel 4-5 % slower on AMD Zen 3,
/// AVX2, n = 4096.)
///
/// ```
/// use simdmath_kernels::log_family::log1p_f32_usual;
/// use wide::f32x8;
/// assert!(log1p_f32_usual(f32x8::from([-0.99999994, 2.5e38, -1.2e-38, 0.5, 1.0, 1.0, 1.0, 1.0])));
/// assert!(!log1p_f32_usual(f32x8::from([0.5, 1e-40, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])));
/// assert!(!log1p_f32_usual(f32x8::from([0.5, -1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])));
/// ```
#[inline(always)]
pub fn log1p_f32_usual<V: Lanes<Scalar = f32>>(x: V) -> bool {
    let one = V::splat(1.0);
    let ok = (-one).lt(x) & x.lt(V::splat(LOG1PF_BIG));
    all_set::<V>(ok & V::splat(f32::MIN_POSITIVE).le(x.abs()))
}

/// `log(1 + x)` on every lane of an `f32` vector, in native `f32` lanes.
///
/// ```
/// use simdmath_kernels::log_family::log1p_f32;
/// use wide::f32x8;
/// let y = log1p_f32(f32x8::from([0.0, -0.0, 1e-30, -1.0, -2.0, 1.0, f32::INFINITY, 3.0]));
/// let y = y.to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!((y[2], y[3]), (1e-30, f32::NEG_INFINITY));
/// assert!(y[4].is_nan());
/// assert_eq!((y[5], y[6]), (core::f32::consts::LN_2, f32::INFINITY));
/// ```
#[inline(always)]
pub fn log1p_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let one = V::splat(1.0);
    let inf = V::splat(f32::INFINITY);
    let zero = V::splat(0.0);
    let big = V::splat(LOG1PF_BIG);
    // -1 < x < 1.5 * 2^127, x != 0 (NaN fails the first two).
    if all_set::<V>((-one).lt(x) & x.lt(big) & x.ne(zero)) {
        return log1p_core_f32(x, None);
    }
    let ok = (-one).lt(x) & x.lt(inf) & x.ne(zero);
    // Finite lanes at or above 1.5 * 2^127 take log1p(x 2^-64) + 64 ln2 (error below 2^-62).
    let hi = big.le(x) & x.lt(inf);
    let xs = V::select(ok, x, V::splat(0.5));
    let xs = V::select(hi, x * V::splat(f32::from_bits(0x1f80_0000)), xs); // 2^-64
    let y = log1p_core_f32(xs, Some(V::select(hi, V::splat(64.0), zero)));
    let y = V::select(x.eq(zero), x, y);
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.eq(-one), -inf, y);
    let y = V::select(x.lt(-one), V::splat(f32::NAN), y);
    V::select(x.is_nan(), x + x, y)
}

/// `log1p_core_f32` takes lanes below `1.5 * 2^127` as they are (`u`'s exponent `e` at most
/// 127: `2^-e` from its bits is `2^-126` or above, or `+0` at `e = 127`, where `|t| < 2^-24`
/// of a result above 88 is dropped); the slow path scales larger finite ones by `2^-64`.
const LOG1PF_BIG: f32 = 2.552_117_8e38; // 1.5 * 2^127

/// `log(1 + x)` for `-1 < x < 1.5 * 2^127` in native `f32` lanes, `e_add` added to the exponent
/// (the slow path's `2^64` scaling): `1 + x = u + w` exactly and the table logarithm of `u` with
/// the low part `w` (see the module docs, "`f32` log1p").
#[inline(always)]
fn log1p_core_f32<V: Lanes<Scalar = f32>>(x: V, e_add: Option<V>) -> V {
    let one = V::splat(1.0);
    let (u, w) = two_sum(one, x);
    // u = 2^e m (u >= 2^-24 is normal), m in [0.75, 1.5), r = m/c - 1 exactly.
    let red = logf_reduce(u);
    // t = w 2^-e/c: 1 + x = 2^e c (1 + r + t); 2^-e from the bits of u (-24 <= e <= 127).
    let s = red.inv_scale();
    let LogfReduced { e, j, r, .. } = red;
    let e = e_add.map_or(e, |a| e + a);
    // 2^-25 <= |x| < 2^-7: e = 0, c = 1, and r = x itself (u - 1 + w = x exactly), t = 0;
    // there t would be as large as r for |x| near 2^-23, its rounding in the low part up to
    // 0.25 ulp. Below 2^-25, u = 1, r = 0 and t = x: the result is x (log1p(x) = x(1 - x/2 +
    // ...) rounds to x), and no intermediate is subnormal (r^2 would be below 2^-63: a
    // microcode assist per vector).
    let ax = x.abs();
    let near = V::splat(2.980_232_2e-8).le(ax) & ax.lt(V::splat(0.0078125));
    let r = V::select(near, x, r);
    let t = V::andnot_mask(near, w * s);
    let (hi, lo) = lnf_table_terms(e, j);
    let lo = (r * r).mul_add(horner(r, &LNF_P), lo);
    // ln(1 + r + t) = ln(1 + r) + t (1 - r) + O(t r^2, t^2).
    let lo = t.mul_add(one - r, lo);
    hi + (r + lo)
}

/// Correctly rounded `log2` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-37` plus `2^-52` absolute, which is below `2^-44` relative: the table's interval around 1 has `c = 1` and `log(c) = 0`, so results near 0 carry no absolute error; see the module
/// docs) with the rounding test at `d = 2^-35`, then, for the vectors with a lane it leaves
/// open, [`log2_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::LOG2`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::log_family::log2_f32_cr;
/// use wide::f32x8;
/// assert_eq!(log2_f32_cr(f32x8::splat(8.0)).to_array(), [3.0f32; 8]);
/// ```
#[inline(always)]
pub fn log2_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let ok = all_normal(x, V::splat(f32::from_bits(1)));
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            logw_f64_lanes(lo, Base::Two, ok),
            logw_f64_lanes(hi, Base::Two, ok)
        ),
        crate::common::pow2(-35),
        log2_f64,
        crate::cr_exceptions::LOG2
    )
}

/// Correctly rounded `log10` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-37` plus `2^-52` absolute, which is below `2^-44` relative: the table's interval around 1 has `c = 1` and `log(c) = 0`, so results near 0 carry no absolute error; see the module
/// docs) with the rounding test at `d = 2^-35`, then, for the vectors with a lane it leaves
/// open, [`log10_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::LOG10`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::log_family::log10_f32_cr;
/// use wide::f32x8;
/// assert_eq!(log10_f32_cr(f32x8::splat(100.0)).to_array(), [2.0f32; 8]);
/// ```
#[inline(always)]
pub fn log10_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let ok = all_normal(x, V::splat(f32::from_bits(1)));
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            logw_f64_lanes(lo, Base::Ten, ok),
            logw_f64_lanes(hi, Base::Ten, ok)
        ),
        crate::common::pow2(-35),
        log10_f64,
        crate::cr_exceptions::LOG10
    )
}

/// Correctly rounded `log1p` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// faithful tier's `f64`-lane evaluation (relative error about `2^-37` plus `2^-52` absolute, which is below `2^-44` relative: the table's interval around 1 has `c = 1` and `log(c) = 0`, so results near 0 carry no absolute error; see the module
/// docs) with the rounding test at `d = 2^-35`, then, for the vectors with a lane it leaves
/// open, [`log1p_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::LOG1P`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::log_family::log1p_f32_cr;
/// use wide::f32x8;
/// assert_eq!(log1p_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn log1p_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let one = V::splat(1.0);
    let ok = all_set::<V>((-one).lt(x) & x.lt(V::splat(f32::INFINITY)));
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (log1pw(lo, ok), log1pw(hi, ok)),
        crate::common::pow2(-35),
        log1p_f64,
        crate::cr_exceptions::LOG1P
    )
}
