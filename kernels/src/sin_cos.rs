//! `sin` and `cos` for `f64` and `f32`.
//!
//! # `f64`
//! **Range reduction** to `r = x - k*pi/2`, `|r| <= pi/4`, kept as a double-double `hi + lo`:
//! - `|x| < 2^20`: Cody–Waite on the vector lanes. With FMA, `x - k*P1` is exact in one FMA and
//!   `k*P2` is split exactly by another (`P1 + P2 + P3` = `pi/2`, each rounded); without FMA,
//!   `pi/2` is split into three pieces of 33 significant bits plus a rounded remainder, so
//!   `k*C1`, `k*C2`, `k*C3` are exact (`k < 2^20`) and the subtractions are error-free two-sums:
//!   the reduced argument carries about 150 bits of `pi/2`, enough for the doubles nearest
//!   multiples of `pi/2`.
//! - larger arguments: the exact Payne–Hanek reduction on the vector lanes,
//!   [`rem_pio2_lanes`] (a `2/pi` table indexed by the exponent, gathered per lane), taken only
//!   when some lane needs it and blended in for those lanes.
//!
//! **Polynomials** on `[-pi/4, pi/4]`, fdlibm's `__kernel_sin`/`__kernel_cos` forms with the
//! `lo` correction: `sin(r) = hi + hi^3*(S1 + z*S(z))` (odd, degree 13) and
//! `cos(r) = 1 - z/2 + z^2*C(z)` (even, degree 14), `z = hi^2`, minimax coefficients from
//! Sollya's `fpminimax` (`kernels/gen/coeffs.sollya`). Both are evaluated and the quadrant
//! `k mod 4` selects `±sin(r)` or `±cos(r)`.
//!
//! # `f32`, evaluated in `f64` lanes
//! Each `f32` vector is widened to two `f64` vectors ([`Widen`]), where the reduction and the
//! polynomial have 29 bits to spare, and the result is rounded to `f32` once:
//! - **reduction by `pi`** (cos: `cos x = sin(x + pi/2)`): `x = j*pi/2 + r` with `j = 2k`,
//!   `k = round(x/pi)` for sin (one FMA adding the rounding constant) and `j = 2k - 1`,
//!   `k = round(x/pi + 1/2)` for cos, `|r| <= pi/2`, and `sin(x) = (-1)^k sin(r)`. For
//!   `|x| < 2^28` (`|j| < 2^28`) two FMAs with `P1, P2` (the first exact; for sin `k` times the
//!   doubled pieces, `j` is never formed) or, without FMA, four pieces of 25 bits (`PIO2_W*`, the
//!   products exact) give `r` to a relative `2^-52`; beyond, [`rem_pio2_lanes`] on the `f64`
//!   lanes, its quadrant moved to the even (odd) multiple.
//! - **one odd polynomial** for `sin(r)` on `[-pi/2, pi/2]`, sized for `f32`: degree 9
//!   (`SIN_W9_F64`, Sollya `fpminimax` in `kernels/gen/coeffs.sollya`, relative error
//!   `2^-27.3`). (The correctly rounded tier's first stage uses the degree-13 `SIN_W_F64`,
//!   `2^-43.7`, on the same reduction.)
//! - **error bound**: the `f64` value is within `2^-27.3 + 2^-50` relative of `sin(x)`, that is
//!   within `2^-3.3` ulp of `f32` (an `f32` ulp is at least `2^-24` relative), so the `f32`
//!   result is within `0.5 + 2^-3.3 < 0.6` ulp of `sin(x)`: at most 1 ulp from the correctly
//!   rounded result, and correctly rounded unless `sin(x)` lies within `2^-3.3` ulp of a
//!   rounding boundary (the exhaustive counts are in docs/ACCURACY.md). The FMA backends run the
//!   same operations; the non-FMA reduction is as exact, so the bound holds there too.
//!
//! # `f32` tan, in `f64` lanes sized for `f32`
//! Reduction by `pi/2` as above (`k = round(x*2/pi)` by one FMA, `r = x - k*pi/2` by two FMAs
//! below `2^28`, four exact pieces without FMA, the exact lane reduction beyond; `r` within
//! `2^-50` relative), then `tan x = s/c` for even `k` and `-c/s` for odd `k`, one division, with
//! `s ~ sin(r)` odd of degree 7 (`TAN_S7_F64`, relative `2^-27.97` on `[-pi/4, pi/4]`) and
//! `c ~ cos(r)` even of degree 8 (`TAN_C8_F64`, `2^-33.87`), both by Sollya's `fpminimax`
//! (`kernels/gen/coeffs.sollya`). **Error bound**: the quotient is within `2^-27.97 + 2^-33.87 +`
//! a few `2^-53` (the evaluation, the division and `r`, whose relative error `tan` passes on
//! multiplied by at most `2r/sin 2r <= pi/2`) `< 2^-27.9` relative of `tan(x)`, below `2^-3.9`
//! ulp of `f32`: the `f32` result is within `0.5 + 2^-3.9 < 0.57` ulp, at most 1 ulp from the
//! correctly rounded result. `tan(±0) = ±0` by a select; ±inf and NaN give NaN. The correctly
//! rounded tier's first stage stays [`tan_f64`] (its exceptions list was derived with it).
//!
//! **Error bound** (stated, both types): at most 1 ulp integer distance from the correctly
//! rounded result, on every backend, for every finite argument; measured maxima in
//! `docs/ACCURACY.md`.
//!
//! **Special values** as libm: `sin(±0) = ±0` (a select: the reduction loses the sign of zero),
//! `cos(±0) = 1`; `±inf` and NaN give NaN by themselves (`inf - k*P1` is NaN, and the lane
//! reduction's table has NaN rows for their exponent).

use crate::coeffs::{COS_F64_C, SIN_F64_S, SIN_W_F64, SIN_W9_F64, TAN_C8_F64, TAN_S7_F64};
use crate::coeffs_f32::SINPI_F32_W;
use crate::common::{fast_two_sum, horner, rint, two_prod, two_sum};
use crate::lanes::{Lanes, Scalar, Widen};
use crate::pio2_table::{
    PIO2_F64_C1, PIO2_F64_C2, PIO2_F64_C3, PIO2_F64_C3T, PIO2_F64_P1, PIO2_F64_P2, PIO2_F64_P3,
    PIO2_W1, PIO2_W2, PIO2_W3, PIO2_W4,
};
use crate::reduce::rem_pio2_lanes;

/// Largest `|x|` (exclusive) reduced on the vector lanes, `f64`.
const FAST_F64: f64 = 1048576.0; // 2^20

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
    // NaN compares false; ±inf lanes take the branch and come out NaN.
    let big = V::le(V::splat(FAST_F64), x.abs());
    let q = V::to_bits(t);
    if V::bitmask(big) == 0 {
        return (hi, lo, q);
    }
    let (qb, hb, lb) = rem_pio2_lanes(x);
    (
        V::select(big, hb, hi),
        V::select(big, lb, lo),
        V::to_bits(V::select(big, V::from_bits(qb), V::from_bits(q))),
    )
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

/// `sin(x)` on every lane of an `f32` vector, evaluated in `f64` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::sin_cos::sin_f32;
/// use wide::f32x8;
/// assert_eq!(sin_f32(f32x8::splat(0.0)).to_array(), [0.0; 8]);
/// let y = sin_f32(f32x8::from([1.0, 1e4, -3e9, 1e38, -0.0, 0.5, f32::INFINITY, f32::NAN]));
/// let y = y.to_array();
/// assert_eq!(y[0], 1.0f32.sin());
/// assert_eq!(y[4].to_bits(), (-0.0f32).to_bits());
/// assert!(y[6].is_nan() && y[7].is_nan());
/// ```
#[inline(always)]
pub fn sin_f32<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    let y = V::narrow(
        sin_wide(a, false, big, &SIN_W9_F64),
        sin_wide(b, false, big, &SIN_W9_F64),
    );
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `cos(x)` on every lane of an `f32` vector, evaluated in `f64` lanes (see the module docs).
///
/// ```
/// use simdmath_kernels::sin_cos::cos_f32;
/// use wide::f32x8;
/// assert_eq!(cos_f32(f32x8::splat(0.0)).to_array(), [1.0; 8]);
/// assert_eq!(cos_f32(f32x8::splat(1e4)).to_array()[0], 1e4f32.cos());
/// ```
#[inline(always)]
pub fn cos_f32<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    V::narrow(
        sin_wide(a, true, big, &SIN_W9_F64),
        sin_wide(b, true, big, &SIN_W9_F64),
    )
}

/// Whether some lane needs the large-argument path of [`sin_wide`] (`|x| >= 2^28`, ±inf, NaN):
/// one test per `f32` vector, before widening.
#[inline(always)]
fn any_big<V: Widen>(x: V) -> bool {
    // NaN fails `<`, so it counts as big (and comes out NaN either way).
    let small = x.abs().lt(V::splat(FAST_F32_WIDE as f32));
    V::bitmask(small) != (1u32 << V::LANES) - 1
}

/// Largest `|x|` (exclusive) the `f32` kernels reduce by Cody–Waite in `f64` lanes.
const FAST_F32_WIDE: f64 = 268435456.0; // 2^28

/// `sin(x)` (or `cos(x)` = `sin(x + pi/2)`) of `f32` values held exactly in `f64` lanes, with
/// the odd polynomial `w` (`sin(r) = r + r^3 w(r^2)`: [`SIN_W9_F64`] for the faithful tier,
/// [`SIN_W_F64`] for the correctly rounded tier's first stage): `x = j*pi/2 + r` with `j` even
/// for sin (`j = 2k`, `k = round(x/pi)`) and odd for cos (`j = 2k - 1`, `k = round(x/pi + 1/2)`),
/// `|r| <= pi/2` (a few ulps more where `k` was rounded from a rounded quotient), then
/// `sin(x) = (-1)^k sin(r)`.
#[inline(always)]
fn sin_wide<W: Lanes<Scalar = f64>, const N: usize>(
    x: W,
    cos: bool,
    any_big: bool,
    w: &[f64; N],
) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let inv_pi = W::splat(core::f64::consts::FRAC_1_PI);
    // k = round(x/pi) (sin) from one rounding of x/pi + magic; cos: round(x/pi + 1/2).
    let tk = if cos {
        x.mul_add(inv_pi, W::splat(0.5)) + magic
    } else {
        x.mul_add(inv_pi, magic)
    };
    let k = tk - magic;
    let r = if !cos {
        // j = 2k: k times the doubled pieces where there is FMA, so j is never formed.
        minus_pio2_multiple::<W, true>(x, k)
    } else if W::FUSED {
        minus_pio2_multiple::<W, false>(x, k.mul_add(W::splat(2.0), W::splat(-1.0)))
    } else {
        minus_pio2_multiple::<W, false>(x, (k + k) - W::splat(1.0))
    };
    // (-1)^k: the parity of k is the lowest bit of tk.
    let sign = W::shl(W::to_bits(tk), 63);
    let (r, sign) = if !any_big {
        (r, sign)
    } else {
        // ±inf take the large path (NaN rows of its table); NaN lanes stay NaN on either.
        let big = W::le(W::splat(FAST_F32_WIDE), x.abs());
        let (rb, sb) = sin_wide_big(x, cos);
        (
            W::select(big, rb, r),
            W::to_bits(W::select(big, W::from_bits(sb), W::from_bits(sign))),
        )
    };
    let z = r * r;
    let y = (r * z).mul_add(horner(z, w), r);
    W::from_bits(W::to_bits(y) ^ sign)
}

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

/// The large-argument path of [`sin_wide`]: the exact lane reduction by `pi/2`
/// ([`rem_pio2_lanes`]: `x = q*pi/2 + r0`, `|r0| <= pi/4`), turned into the even (sin) or odd
/// (cos) multiple that [`sin_wide`] uses: for cos `q` counts one more (`cos x = sin(x + pi/2)`);
/// an odd `q` moves to its neighbour `q + s` (`s` the sign of `r0`), `r = r0 - s*pi/2`.
/// Returns `(r, sign bit of (-1)^(j/2))`.
#[inline(always)]
fn sin_wide_big<W: Lanes<Scalar = f64>>(x: W, cos: bool) -> (W, W::Bits) {
    let magic = W::splat(f64::ROUND_MAGIC);
    let (qb, hi, lo) = rem_pio2_lanes(x);
    let q = W::from_bits(qb) - magic + W::splat(if cos { 1.0 } else { 0.0 });
    let one = W::splat_bits(1);
    let odd = W::bits_eq(W::to_bits(q + magic) & one, one);
    let s = W::select(hi.lt(W::splat(0.0)), W::splat(-1.0), W::splat(1.0));
    let r_odd = (hi - s * W::splat(PIO2_F64_P1)) + (lo - s * W::splat(PIO2_F64_P2));
    let r = W::select(odd, r_odd, hi + lo);
    let j = q + W::select(odd, s, W::splat(0.0));
    (r, W::shl(W::to_bits(j + magic) & W::splat_bits(2), 62))
}

/// `pi` as a double-double: `PI_HI` = `2*P1` (the double nearest `pi`), `PI_LO` = `2*P2`.
const PI_HI: f64 = 2.0 * PIO2_F64_P1;
const PI_LO: f64 = 2.0 * PIO2_F64_P2;

/// `x = n/2 + r` with `n = round(2x)`, `|r| <= 1/4`, both exact; returns
/// `(pi*r as a double-double (hi, lo), n mod 4 in the low bits, r)`. Lanes with
/// `|x| >= 2^53` (even integers) are reduced as `+0`; NaN stays NaN and ±inf gives NaN.
#[inline(always)]
fn reduce_pi_f64<V: Lanes<Scalar = f64>>(x: V) -> (V, V, V::Bits, V) {
    let big = V::splat(9007199254740992.0).le(x.abs()) & x.abs().lt(V::splat(f64::INFINITY));
    let xr = V::select(big, V::splat(0.0), x);
    let n = rint(xr + xr);
    let r = xr - n * V::splat(0.5);
    let q = n - V::splat(4.0) * rint(n * V::splat(0.25));
    let (hi, lo) = two_prod(r, V::splat(PI_HI));
    let (hi, lo) = fast_two_sum(hi, r.mul_add(V::splat(PI_LO), lo));
    (hi, lo, V::to_bits(q + V::splat(f64::ROUND_MAGIC)), r)
}

/// `sin(pi*x)` on every lane of an `f64` vector.
///
/// **Reduction** without `pi`: `x = n/2 + r`, `n = round(2x)`, `|r| <= 1/4`, exactly (every
/// `|x| >= 2^52` is an integer, every `|x| >= 2^53` an even one); `pi*r` as a double-double
/// (an exact product and the `pi` tail), then `sin`'s and `cos`'s polynomials on
/// `[-pi/4, pi/4]` (the `f64` kernels above) and the quadrant `n mod 4`. Error: the reduction is
/// exact, `pi*r` is good to `2^-104` relative, the polynomials as for `sin`: stated 1 ulp.
/// **Special values** as IEEE 754-2019 (and core-math): `sinpi(±0) = ±0`, `sinpi(n) = ±0` with
/// the sign of `n` for integers, `sinpi(n + 1/2) = ±1`, `sinpi(±inf) = NaN`.
///
/// ```
/// use simdmath_kernels::sin_cos::sinpi_f64;
/// use wide::f64x4;
/// let y = sinpi_f64(f64x4::from([0.5, 1.0, -2.0, 1.5])).to_array();
/// assert_eq!(y, [1.0, 0.0, -0.0, -1.0]);
/// assert_eq!(y[2].to_bits(), (-0.0f64).to_bits());
/// ```
#[inline(always)]
pub fn sinpi_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q, r) = reduce_pi_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    let y = quadrant(q, s, c, 62);
    // Tiny x (then r = x, q = 0): pi*x with one rounding (FMA) or two; the double-double of
    // `reduce_pi_f64` would underflow, and sin(pi x) - pi x is far below an ulp there.
    let tiny = x.abs().lt(V::splat(f64::from_bits(0x20b0_0000_0000_0000))); // 2^-500
    let y = V::select(tiny, r.mul_add(V::splat(PI_HI), r * V::splat(PI_LO)), y);
    // Integers (r = 0, q even): a zero with the sign of x.
    let one = V::splat_bits(1);
    let even = V::bits_eq(q & one, V::splat_bits(0));
    let zero_x = V::from_bits(V::to_bits(x) & V::splat_bits(1 << 63));
    let y = V::select(r.eq(V::splat(0.0)) & even, zero_x, y);
    V::select(x.abs().eq(V::splat(f64::INFINITY)), V::splat(f64::NAN), y)
}

/// `cos(pi*x)` on every lane of an `f64` vector; see [`sinpi_f64`]. `cospi(n + 1/2) = +0`,
/// `cospi(n) = ±1`, `cospi(±inf) = NaN`.
///
/// ```
/// use simdmath_kernels::sin_cos::cospi_f64;
/// use wide::f64x4;
/// let y = cospi_f64(f64x4::from([0.5, 1.0, -2.0, 1e300])).to_array();
/// assert_eq!(y, [0.0, -1.0, 1.0, 1.0]);
/// assert_eq!(y[0].to_bits(), 0);
/// ```
#[inline(always)]
pub fn cospi_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q, r) = reduce_pi_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    let y = quadrant(q + V::splat_bits(1), s, c, 62);
    // Half-integers (r = 0, q odd): +0.
    let one = V::splat_bits(1);
    let odd = V::bits_eq(q & one, one);
    let y = V::select(r.eq(V::splat(0.0)) & odd, V::splat(0.0), y);
    V::select(x.abs().eq(V::splat(f64::INFINITY)), V::splat(f64::NAN), y)
}

/// `sin(pi*x)` of `f32` values held in `f64` lanes: `x = n + r`, `n = round(x)`, `|r| <= 1/2`
/// (exact), `sin(pi*x) = (-1)^n sin(pi*r)` with [`SIN_W_F64`]'s polynomial on `pi*r`.
#[inline(always)]
fn sinpi_wide<W: Lanes<Scalar = f64>>(x: W) -> W {
    let n = rint(x);
    let r = x - n;
    let t = r * W::splat(PI_HI);
    let z = t * t;
    let y = (t * z).mul_add(horner(z, &SIN_W_F64), t);
    // (-1)^n: n - 2*round(n/2) is ±1 for odd n (every |n| >= 2^25 is even).
    let odd = (n - W::splat(2.0) * rint(n * W::splat(0.5))).abs();
    let sign = W::to_bits(W::select(
        odd.eq(W::splat(1.0)),
        W::splat(-0.0),
        W::splat(0.0),
    ));
    W::from_bits(W::to_bits(y) ^ sign)
}

/// `sin(pi*x)` on every lane of an `f32` vector, evaluated in `f64` lanes (one polynomial,
/// nearly correctly rounded); special values as [`sinpi_f64`].
///
/// ```
/// use simdmath_kernels::sin_cos::sinpi_f32;
/// use wide::f32x8;
/// let y = sinpi_f32(f32x8::from([0.5, 1.0, -2.0, 1.5, 0.25, -0.0, 3e8, f32::INFINITY]));
/// let y = y.to_array();
/// assert_eq!(y[..4], [1.0, 0.0, -0.0, -1.0]);
/// assert_eq!(y[4], std::f32::consts::FRAC_1_SQRT_2);
/// assert_eq!(y[5].to_bits(), (-0.0f32).to_bits());
/// assert!(y[7].is_nan());
/// ```
#[inline(always)]
pub fn sinpi_f32<V: Widen>(x: V) -> V {
    // Every |x| >= 2^24 is an integer (sinpi = ±0, as at 0); below, the reduction is exact.
    let xr = V::select(V::splat(16777216.0).le(x.abs()), V::splat(0.0), x);
    let (a, b) = xr.widen();
    sinpi_specials(x, V::narrow(sinpi_w(a), sinpi_w(b)))
}

/// `sin(pi*x)` of `f32` values held in `f64` lanes with `|x| < 2^25` (or NaN): `x = n + r`,
/// `n = round(x)` by the addition of `1.5*2^52` (whose low bit is then the parity of `n`),
/// `|r| <= 1/2` exact, `sin(pi*x) = (-1)^n r p(r^2)` with `SINPI_F32_W` (degree 5 in `r^2`,
/// relative `2^-35.5`): the faithful tier's sinpi and cospi.
#[inline(always)]
fn sinpi_w<W: Lanes<Scalar = f64>>(x: W) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    let tn = x + magic;
    let r = x - (tn - magic);
    let y = r * horner(r * r, &SINPI_F32_W);
    W::from_bits(W::to_bits(y) ^ W::shl(W::to_bits(tn), 63))
}

/// `sinpi`'s `f32` results at the exact cases: integers give a zero with the sign of `x` (the
/// polynomial gives ±0 by parity), `±inf` gives NaN.
#[inline(always)]
fn sinpi_specials<V: Widen>(x: V, y: V) -> V {
    let zero_x = V::from_bits(V::to_bits(x) & V::splat_bits(1 << 31));
    let y = V::select(y.eq(V::splat(0.0)), zero_x, y);
    V::select(x.abs().eq(V::splat(f32::INFINITY)), V::splat(f32::NAN), y)
}

/// `cospi`'s `f32` results at the exact cases: `+0` at half-integers, NaN for `±inf`.
#[inline(always)]
fn cospi_specials<V: Widen>(x: V, y: V) -> V {
    let y = V::select(y.eq(V::splat(0.0)), V::splat(0.0), y);
    V::select(x.abs().eq(V::splat(f32::INFINITY)), V::splat(f32::NAN), y)
}

/// `cos(pi*x)` on every lane of an `f32` vector: `sinpi(x + 1/2)` in `f64` lanes (the sum is
/// exact), `+0` at half-integers.
///
/// ```
/// use simdmath_kernels::sin_cos::cospi_f32;
/// use wide::f32x8;
/// let y = cospi_f32(f32x8::from([0.5, 1.0, -2.0, 1.5, 0.25, -0.0, 3e38, -0.5])).to_array();
/// assert_eq!(y[..6], [0.0, -1.0, 1.0, 0.0, std::f32::consts::FRAC_1_SQRT_2, 1.0]);
/// assert_eq!((y[0].to_bits(), y[3].to_bits(), y[7].to_bits()), (0, 0, 0));
/// ```
#[inline(always)]
pub fn cospi_f32<V: Widen>(x: V) -> V {
    // Every |x| >= 2^24 is an even integer (cospi = 1 = cospi(0)); below, x + 1/2 is exact.
    let xr = V::select(V::splat(16777216.0).le(x.abs()), V::splat(0.0), x);
    let (a, b) = xr.widen();
    let half = V::Wide::splat(0.5);
    cospi_specials(x, V::narrow(sinpi_w(a + half), sinpi_w(b + half)))
}

/// `tan(x)` on every lane of an `f64` vector.
///
/// **Reduction** as [`sin_f64`] (Cody–Waite below `2^20`, the exact lane reduction beyond):
/// `x = k*pi/2 + r`, `r = hi + lo`, `|r| <= pi/4`. **Evaluation**: `sin(r)` and `cos(r)` by the
/// same polynomials, each kept as a double-double (`s_hi + s_lo`: the last addition of the
/// kernels left unrounded), then `tan x = sin r / cos r` for even `k` and `-cos r / sin r` for
/// odd `k`: one division for the quotient `q0`, its exact residual by FMAs
/// (`num - q0*den` with both double-doubles), and the correction `q0 + residual/den` by the
/// same reciprocal. Error: about `2^-55` relative from the polynomials and the double-double
/// parts, plus the final rounding: stated 1 ulp. `tan(±0) = ±0`, `tan(±inf) = NaN`.
///
/// ```
/// use simdmath_kernels::sin_cos::tan_f64;
/// use wide::f64x4;
/// let y = tan_f64(f64x4::from([0.0, -0.0, 1.0, f64::INFINITY])).to_array();
/// assert_eq!(y[0].to_bits(), 0);
/// assert_eq!(y[1].to_bits(), (-0.0f64).to_bits());
/// assert_eq!(y[2], 1.0f64.tan());
/// assert!(y[3].is_nan());
/// ```
#[inline(always)]
pub fn tan_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let (hi, lo, q) = reduce_f64(x);
    let y = tan_reduced(hi, lo, q);
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `tan(hi + lo + q*pi/2)` for `|hi + lo| <= pi/4` (see [`tan_f64`]).
#[inline(always)]
fn tan_reduced<V: Lanes<Scalar = f64>>(hi: V, lo: V, q: V::Bits) -> V {
    let one = V::splat(1.0);
    let z = hi * hi;
    let hz = V::splat(0.5) * z;
    let w = one - hz;
    // sin(r) = hi + (z*hi*S(z) + lo*w), cos(r) = w + (((1 - w) - hz) + (z^2*C(z) - hi*lo)).
    let s_lo = (z * hi).mul_add(horner(z, &SIN_F64_S), lo * w);
    let (s_hi, s_lo) = fast_two_sum(hi, s_lo);
    let c_lo = ((one - w) - hz) + (z * z).mul_add(horner(z, &COS_F64_C), -(hi * lo));
    let (c_hi, c_lo) = fast_two_sum(w, c_lo);
    let odd = V::bits_eq(q & V::splat_bits(1), V::splat_bits(1));
    // tan = num/den: s/c (even quadrant) or -c/s (odd).
    let (n_hi, n_lo) = (V::select(odd, -c_hi, s_hi), V::select(odd, -c_lo, s_lo));
    let (d_hi, d_lo) = (V::select(odd, s_hi, c_hi), V::select(odd, s_lo, c_lo));
    let rd = one / (d_hi + d_lo);
    let q0 = (n_hi + n_lo) * rd;
    // Residual num - q0*den with the product's rounding error kept (FMA or Dekker).
    let (p, pe) = two_prod(q0, d_hi);
    let res = ((n_hi - p) - pe) + q0.mul_add(-d_lo, n_lo);
    res.mul_add(rd, q0)
}

/// `tan(x)` on every lane of an `f32` vector, evaluated in `f64` lanes with polynomials sized
/// for `f32` (see the module docs, "`f32` tan").
///
/// ```
/// use simdmath_kernels::sin_cos::tan_f32;
/// use wide::f32x8;
/// let y = tan_f32(f32x8::from([0.0, -0.0, 1.0, 1e4, 1e38, -0.5, 0.785, f32::NAN])).to_array();
/// assert_eq!(y[1].to_bits(), (-0.0f32).to_bits());
/// assert_eq!(y[2], 1.0f32.tan());
/// assert!(y[7].is_nan());
/// ```
#[inline(always)]
pub fn tan_f32<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (a, b) = x.widen();
    let y = V::narrow(tan_wide(a, big), tan_wide(b, big));
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// `tan(x)` of `f32` values held exactly in `f64` lanes: `x = k*pi/2 + r`, `|r| <= pi/4` (a few
/// ulps more where `k` was rounded from a rounded quotient), by the same two FMAs (or four exact
/// pieces without FMA) as [`sin_wide`] with `j = k`, the exact lane reduction for `|x| >= 2^28`;
/// then `s/c` (even `k`) or `-c/s` (odd `k`) with `s ~ sin(r)` of degree 7 ([`TAN_S7_F64`]) and
/// `c ~ cos(r)` of degree 8 ([`TAN_C8_F64`]): one division.
#[inline(always)]
fn tan_wide<W: Lanes<Scalar = f64>>(x: W, any_big: bool) -> W {
    let magic = W::splat(f64::ROUND_MAGIC);
    // k = round(x * 2/pi) from one rounding of x*(2/pi) + magic; its parity is tk's last bit.
    let tk = x.mul_add(W::splat(core::f64::consts::FRAC_2_PI), magic);
    let k = tk - magic;
    let r = minus_pio2_multiple::<W, false>(x, k);
    let q = W::to_bits(tk);
    let (r, q) = if !any_big {
        (r, q)
    } else {
        // ±inf and NaN take the large path (NaN rows of its table) and come out NaN.
        let big = W::le(W::splat(FAST_F32_WIDE), x.abs());
        let (qb, hi, lo) = rem_pio2_lanes(x);
        (
            W::select(big, hi + lo, r),
            W::to_bits(W::select(big, W::from_bits(qb), W::from_bits(q))),
        )
    };
    let one = W::splat(1.0);
    let z = r * r;
    let s = (r * z).mul_add(horner(z, &TAN_S7_F64), r);
    let c = z.mul_add(horner(z, &TAN_C8_F64), one);
    let odd = W::bits_eq(q & W::splat_bits(1), W::splat_bits(1));
    W::select(odd, -c, s) / W::select(odd, s, c)
}

/// `(sin(x), cos(x))` on every lane of an `f64` vector, sharing one reduction and one pass of
/// both polynomials; each output is bit for bit [`sin_f64`] and [`cos_f64`].
///
/// ```
/// use simdmath_kernels::sin_cos::{cos_f64, sin_f64, sincos_f64};
/// use wide::f64x4;
/// let x = f64x4::from([0.5, -0.0, 1e22, 3.0]);
/// let (s, c) = sincos_f64(x);
/// assert_eq!(s.to_array(), sin_f64(x).to_array());
/// assert_eq!(c.to_array(), cos_f64(x).to_array());
/// ```
#[inline(always)]
pub fn sincos_f64<V: Lanes<Scalar = f64>>(x: V) -> (V, V) {
    let (hi, lo, q) = reduce_f64(x);
    let (s, c) = sin_cos_poly(hi, lo, &SIN_F64_S, &COS_F64_C);
    (
        V::select(x.eq(V::splat(0.0)), x, quadrant(q, s, c, 62)),
        quadrant(q + V::splat_bits(1), s, c, 62),
    )
}

/// `(sin(x), cos(x))` on every lane of an `f32` vector: [`sin_f32`] and [`cos_f32`] on one
/// widening (each has its own reduction by `pi`, so the outputs are bit for bit theirs).
///
/// ```
/// use simdmath_kernels::sin_cos::{cos_f32, sin_f32, sincos_f32};
/// use wide::f32x8;
/// let x = f32x8::from([0.5, -0.0, 1e22, 3.0, 1e4, -7.0, 0.1, 2.0]);
/// let (s, c) = sincos_f32(x);
/// assert_eq!(s.to_array(), sin_f32(x).to_array());
/// assert_eq!(c.to_array(), cos_f32(x).to_array());
/// ```
#[inline(always)]
pub fn sincos_f32<V: Widen>(x: V) -> (V, V) {
    let big = any_big(x);
    let (a, b) = x.widen();
    let s = V::narrow(
        sin_wide(a, false, big, &SIN_W9_F64),
        sin_wide(b, false, big, &SIN_W9_F64),
    );
    let c = V::narrow(
        sin_wide(a, true, big, &SIN_W9_F64),
        sin_wide(b, true, big, &SIN_W9_F64),
    );
    (V::select(x.eq(V::splat(0.0)), x, s), c)
}

/// Correctly rounded `(sin(x), cos(x))` on `f32` lanes (the tier of [`crate::cr`]): bit for bit
/// [`sin_f32_cr`] and [`cos_f32_cr`] (each with its own reduction, as the faithful
/// [`sincos_f32`], so that the pair equals the two functions of the tier).
///
/// ```
/// use simdmath_kernels::sin_cos::{cos_f32_cr, sin_f32_cr, sincos_f32_cr};
/// use wide::f32x8;
/// let x = f32x8::from([0.5, -0.0, 1e4, 3.0, 1e30, -2.0, 0.0, 7.0]);
/// let (s, c) = sincos_f32_cr(x);
/// assert_eq!(s.to_array().map(f32::to_bits), sin_f32_cr(x).to_array().map(f32::to_bits));
/// assert_eq!(c.to_array(), cos_f32_cr(x).to_array());
/// ```
#[inline(always)]
pub fn sincos_f32_cr<V: Widen>(x: V) -> (V, V) {
    (sin_f32_cr(x), cos_f32_cr(x))
}

/// Correctly rounded `sin` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sin_wide` (the faithful tier's reduction by `pi`, with the degree-13
/// `SIN_W_F64` where the faithful tier has degree 9: relative error below `2^-43`) with the rounding test at `D_FAST_F32`
/// `= 2^-41`, then for the rare vectors where a lane fails it (about `2^-15` of lanes),
/// [`sin_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::SIN`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md). `sin(±0) = ±0` by the same select as the faithful kernel.
///
/// ```
/// use simdmath_kernels::sin_cos::sin_f32_cr;
/// use wide::f32x8;
/// assert_eq!(sin_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn sin_f32_cr<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (lo, hi) = x.widen();
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            sin_wide(lo, false, big, &SIN_W_F64),
            sin_wide(hi, false, big, &SIN_W_F64)
        ),
        D_FAST_F32,
        sin_f64,
        crate::cr_exceptions::SIN
    );
    V::select(x.eq(V::splat(0.0)), x, y)
}

/// Relative half-width of the rounding test on `sin_wide`'s value in the correctly rounded
/// `sin`/`cos` `f32` kernels: its error is below `2^-43`, so `2^-41` leaves a factor of 4.
const D_FAST_F32: f64 = crate::common::pow2(-41);

/// Correctly rounded `cos` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sin_wide` (the faithful tier's reduction by `pi`, with the degree-13
/// `SIN_W_F64` where the faithful tier has degree 9: relative error below `2^-43`) with the rounding test at `D_FAST_F32`
/// `= 2^-41`, then for the rare vectors where a lane fails it (about `2^-15` of lanes),
/// [`cos_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::COS`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::sin_cos::cos_f32_cr;
/// use wide::f32x8;
/// assert_eq!(cos_f32_cr(f32x8::splat(0.0)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn cos_f32_cr<V: Widen>(x: V) -> V {
    let big = any_big(x);
    let (lo, hi) = x.widen();
    crate::cr::two_stage!(
        x,
        (lo, hi),
        (
            sin_wide(lo, true, big, &SIN_W_F64),
            sin_wide(hi, true, big, &SIN_W_F64)
        ),
        D_FAST_F32,
        cos_f64,
        crate::cr_exceptions::COS
    )
}

/// Correctly rounded `tan` on `f32` lanes (the tier of [`crate::cr`]): [`tan_f64`] on the
/// widened lanes (within 1 ulp of `f64`, below `2^-52` relative), rounded once with the tier's
/// rounding test, the lanes that fail it looked up in the exceptions list
/// `cr_exceptions::TAN` (derived and checked on all 2^32 inputs by
/// `kernels/gen/cr_exceptions.sh`; counts in docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::sin_cos::tan_f32_cr;
/// use wide::f32x8;
/// assert_eq!(tan_f32_cr(f32x8::splat(0.0)).to_array(), [0.0f32; 8]);
/// ```
#[inline(always)]
pub fn tan_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    crate::cr::round_f32(x, tan_f64(lo), tan_f64(hi), crate::cr_exceptions::TAN)
}

/// Correctly rounded `sinpi` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sinpi_wide` (the exact reduction `x = n + r` and the degree-13
/// `SIN_W_F64` on `pi*r`, relative error about `2^-43`; the faithful tier's `sinpi_w` has
/// degree 5 in `r^2`) with the rounding test at `d = 2^-41`, then, for the vectors with a lane it leaves
/// open, [`sinpi_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::SINPI`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::sin_cos::sinpi_f32_cr;
/// use wide::f32x8;
/// assert_eq!(sinpi_f32_cr(f32x8::splat(0.5)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn sinpi_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (sinpi_wide(lo), sinpi_wide(hi)),
        crate::common::pow2(-41),
        sinpi_f64,
        crate::cr_exceptions::SINPI
    );
    sinpi_specials(x, y)
}

/// Correctly rounded `cospi` on `f32` lanes (the tier of [`crate::cr`]), in two stages: the
/// `f64`-lane evaluation `sinpi_wide` (the exact reduction `x = n + r` and the degree-13
/// `SIN_W_F64` on `pi*r`, relative error about `2^-43`; the faithful tier's `sinpi_w` has
/// degree 5 in `r^2`) with the rounding test at `d = 2^-41`, then, for the vectors with a lane it leaves
/// open, [`cospi_f64`] with the tier's `2^-50` test and the exceptions list `cr_exceptions::COSPI`
/// (derived and checked on all 2^32 inputs by `kernels/gen/cr_exceptions.sh`; counts in
/// docs/ACCURACY.md).
///
/// ```
/// use simdmath_kernels::sin_cos::cospi_f32_cr;
/// use wide::f32x8;
/// assert_eq!(cospi_f32_cr(f32x8::splat(0.0)).to_array(), [1.0f32; 8]);
/// ```
#[inline(always)]
pub fn cospi_f32_cr<V: Widen>(x: V) -> V {
    let (lo, hi) = x.widen();
    let (cl, ch) = V::select(V::splat(33554432.0).le(x.abs()), V::splat(0.0), x).widen();
    let half = V::Wide::splat(0.5);
    let y = crate::cr::two_stage!(
        x,
        (lo, hi),
        (sinpi_wide(cl + half), sinpi_wide(ch + half)),
        crate::common::pow2(-41),
        cospi_f64,
        crate::cr_exceptions::COSPI
    );
    cospi_specials(x, y)
}
