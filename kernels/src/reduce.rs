//! Exact reduction of huge arguments modulo `pi/2` (Payne–Hanek), scalar, integer arithmetic.
//!
//! Taken only by the lanes whose argument is too large for the vector Cody–Waite reduction in
//! `trig/` (`|x| >= 2^20` for `f64`; `|x| >= 2^28` for `f32`, whose lanes are widened to
//! `f64`). For `x = m * 2^e` (`m` the
//! 53-bit significand) only the bits of `2/pi` from position `e - 1` on matter modulo 4: the
//! earlier ones contribute multiples of 4 to `x * 2/pi`. A 192-bit window of `2/pi` times `m`
//! gives the quadrant and 128 bits of the fraction exactly, which is then multiplied by `pi/2`
//! (127 bits) in integers and split into a double-double. Absolute error of the reduced argument
//! below 2^-125, against a smallest reduced argument of about 2^-61 over all doubles: ample.
//! Integer arithmetic only, so the result is identical on every backend and build.

use crate::common::{fast_two_sum, pow2, rint, two_prod, two_sum};
use crate::lanes::{Lanes, Scalar};
use crate::pio2_table::{PIO2_F64_P1, PIO2_F64_P2, PIO2_U128, TWO_OVER_PI};

/// 64 bits of `2/pi` starting at bit position `p` (bit 1 is the first after the binary point;
/// positions `<= 0` are zero).
#[inline]
fn bits_at(p: i32) -> u64 {
    // TWO_OVER_PI[0] is a zero word standing for positions -63..=0.
    let q = p + 63;
    debug_assert!(q >= 0);
    let idx = (q / 64) as usize;
    let off = (q % 64) as u32;
    let w = |i: usize| TWO_OVER_PI.get(i).copied().unwrap_or(0);
    if off == 0 {
        w(idx)
    } else {
        (w(idx) << off) | (w(idx + 1) >> (64 - off))
    }
}

/// High 128 bits of the 256-bit product `a * b`.
#[inline]
fn mul_hi_u128(a: u128, b: u128) -> u128 {
    let (a0, a1) = (a as u64 as u128, a >> 64);
    let (b0, b1) = (b as u64 as u128, b >> 64);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 as u64 as u128) + (p10 as u64 as u128);
    p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64)
}

/// Reduces a finite `x` with `|x| >= 1`: returns `(q, hi, lo)` with
/// `x = (4n + q) * pi/2 + hi + lo`, `q` in `0..4`, `|hi + lo| <= pi/4`, `|lo| <= ulp(hi)/2`.
///
/// ```
/// use simdmath_kernels::reduce::rem_pio2_large;
/// // 1e22 = 6366197723675813430755 * pi/2 + 0.41...: quadrant 3 (mod 4).
/// let (q, hi, lo) = rem_pio2_large(1e22);
/// assert!(q < 4 && hi.abs() <= std::f64::consts::FRAC_PI_4 && lo.abs() <= hi.abs() * 1e-15);
/// let (q2, hi2, _) = rem_pio2_large(-1e22);
/// assert_eq!(((q + q2) % 4, hi2), (0, -hi));
/// ```
pub fn rem_pio2_large(x: f64) -> (u32, f64, f64) {
    let bits = x.to_bits();
    let neg = bits >> 63 != 0;
    let biased = ((bits >> 52) & 0x7ff) as i32;
    debug_assert!(
        (1023..2047).contains(&biased),
        "rem_pio2_large needs 1 <= |x| < inf"
    );
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let e = biased - 1075; // |x| = m * 2^e
    let j0 = e - 1;
    let (w0, w1, w2) = (bits_at(j0), bits_at(j0 + 64), bits_at(j0 + 128));
    // m * W mod 2^192 as three words r0:r1:r2; x*2/pi = m*W*2^-190 (mod 4).
    let m = m as u128;
    let p2 = m * w2 as u128;
    let p1 = m * w1 as u128;
    let p0 = m * w0 as u128;
    let r2 = p2 as u64;
    let t = (p1 as u64 as u128) + (p2 >> 64);
    let r1 = t as u64;
    let r0 = (p0 as u64).wrapping_add(((p1 >> 64) + (t >> 64)) as u64);
    // Fraction bits 189..62 in units of 2^-128; as i128 it is the signed distance to the
    // nearest integer when the top bit is set (then the quadrant rounds up).
    let f = ((r0 as u128) << 66) | ((r1 as u128) << 2) | ((r2 >> 62) as u128);
    let mut q = ((r0 >> 62) as u32).wrapping_add((f >> 127) as u32);
    let frac = f as i128;
    let prod = mul_hi_u128(frac.unsigned_abs(), PIO2_U128); // r = prod * 2^-126
    let hi_i = prod as f64;
    let lo_i = (prod as i128 - hi_i as u128 as i128) as f64;
    const SCALE: f64 = 1.0 / (1u128 << 126) as f64;
    let (mut hi, mut lo) = (hi_i * SCALE, lo_i * SCALE);
    if frac < 0 {
        (hi, lo) = (-hi, -lo);
    }
    if neg {
        q = q.wrapping_neg();
        (hi, lo) = (-hi, -lo);
    }
    (q & 3, hi, lo)
}

/// Smallest unbiased exponent the lane reduction's table covers (`|x| >= 2^20`).
const TAB_EMIN: i32 = 20;
/// Table rows: exponents `TAB_EMIN ..= 1023`, padded to a power of two with NaN rows (the
/// exponent field of ±inf and NaN lands there, so those lanes come out NaN).
const TAB_ROWS: usize = 1024;

/// 53 bits of `2/pi` from position `p` on (`p >= -63`), as an integer: `bits_at(p) >> 11`.
const fn bits53_at(p: i32) -> u64 {
    let q = p + 63;
    let idx = (q / 64) as usize;
    let off = (q % 64) as u32;
    let word = if off == 0 {
        word_at(idx)
    } else {
        (word_at(idx) << off) | (word_at(idx + 1) >> (64 - off))
    };
    word >> 11
}

/// Word `i` of [`TWO_OVER_PI`], zero past its end.
const fn word_at(i: usize) -> u64 {
    if i < TWO_OVER_PI.len() {
        TWO_OVER_PI[i]
    } else {
        0
    }
}

/// Column `i` (0..4) of the lane reduction's table: for the row of exponent `e`
/// (`2^e <= |x| < 2^(e+1)`), `T_i = B_i * 2^(-19 - 53 i)` where `B_i` holds the 53 bits of
/// `2/pi` at positions `e - 53 + 53 i ..` (position `p` has weight `2^-p`). With `x` scaled to
/// `a = x * 2^(20 - e)` (same significand, `|a|` in `[2^20, 2^21)`), `a * T_i` is exactly `x`
/// times those bits of `2/pi`, so `a * (T_0 + T_1 + T_2 + T_3)` is `x * 2/pi` less a multiple
/// of 4 (the earlier bits) and less `2^-150` (the later ones). Derived at compile time from
/// [`TWO_OVER_PI`] (generated by `kernels/gen/pio2_table.py`); the tests compare the lane
/// reduction against [`rem_pio2_large`] over every exponent, so a wrong entry fails them.
const fn tab_column(i: i32) -> [f64; TAB_ROWS] {
    let mut t = [f64::NAN; TAB_ROWS];
    let mut row = 0;
    while row < TAB_ROWS {
        let e = TAB_EMIN + row as i32;
        if e <= 1023 {
            let b = bits53_at(e - 53 + 53 * i);
            // b < 2^53 converts exactly; the scaling by a power of two is exact (no underflow:
            // the smallest factor is 2^-178).
            t[row] = (b as f64) * pow2(-19 - 53 * i);
        }
        row += 1;
    }
    t
}

static TAB0: [f64; TAB_ROWS] = tab_column(0);
static TAB1: [f64; TAB_ROWS] = tab_column(1);
static TAB2: [f64; TAB_ROWS] = tab_column(2);
static TAB3: [f64; TAB_ROWS] = tab_column(3);

/// `(n, v - n)` with `n` the integer nearest `v` (ties to even), both exact, for `|v| < 2^51`.
#[inline(always)]
fn int_frac<V: Lanes<Scalar = f64>>(v: V) -> (V, V) {
    let magic = V::splat(f64::ROUND_MAGIC);
    let n = (v + magic) - magic;
    (n, v - n)
}

/// The exact reduction of [`rem_pio2_large`] on the vector lanes, for finite `|x| >= 2^20`:
/// `x = (4m + q) * pi/2 + hi + lo` with `q` (mod 4) in the low bits of the first result,
/// `|hi + lo| <= pi/4` (a little more where the fraction rounds), `|lo| <= ulp(hi)`. Lanes
/// with `|x| < 2^20` give meaningless values (callers blend them away); ±inf and NaN lanes
/// give NaN.
///
/// **How.** The significand of `x`, scaled to `a` in `[2^20, 2^21)`, times the four 53-bit
/// chunks of `2/pi` of `x`'s exponent (gathered from a table: [`Lanes::lookup`]): the first
/// three products are kept exactly as double-doubles (`two_prod`), the fourth rounded
/// (below `2^-104` in quarter turns). The integer parts are taken off mod 4 (`rint`) and the
/// fractions summed with error-free two-sums ordered so that every rounding falls below
/// `2^-150`: the fraction (in quarter turns) is known to about `2^-150` absolutely, while no
/// double comes closer than about `2^-62` to a multiple of `pi/2`, so the reduced argument has
/// a relative error below `2^-85`. It is then multiplied by `pi/2` as a double-double. Every
/// step is exact or rounds in the same way on every backend (`two_prod` is an FMA or
/// Dekker's product, both exact), so all backends agree bit for bit.
///
/// ```
/// use simdmath_kernels::{Lanes, reduce::{rem_pio2_lanes, rem_pio2_large}};
/// use wide::f64x4;
/// let x = [1e22, -3.0e6, 6381956970095103.0 * 2f64.powi(797), f64::MAX];
/// let (q, hi, lo) = rem_pio2_lanes(f64x4::from(x));
/// let (q, hi, lo) = (q.to_array(), hi.to_array(), lo.to_array());
/// for i in 0..4 {
///     let (q0, h0, l0) = rem_pio2_large(x[i]);
///     assert_eq!(q[i] & 3, q0 as u64);
///     assert!(((hi[i] - h0) + (lo[i] - l0)).abs() <= h0.abs() * 1e-29 + 1e-36);
/// }
/// ```
#[inline(always)]
pub fn rem_pio2_lanes<V: Lanes<Scalar = f64>>(x: V) -> (V::Bits, V, V) {
    let bits = V::to_bits(x);
    let exp_bits = bits & V::splat_bits(0x7ff0_0000_0000_0000);
    let idx = V::shr(exp_bits, 52) - V::splat_bits((1023 + TAB_EMIN) as u64);
    let a = V::from_bits(
        (bits & V::splat_bits(0x800f_ffff_ffff_ffff))
            | V::splat_bits(((1023 + TAB_EMIN) as u64) << 52),
    );
    let (h0, l0) = two_prod(a, V::lookup(&TAB0, idx));
    let (h1, l1) = two_prod(a, V::lookup(&TAB1, idx));
    let (h2, l2) = two_prod(a, V::lookup(&TAB2, idx));
    let h3 = a * V::lookup(&TAB3, idx);
    // h0 + l0: multiples of 2^-51 below 2^55; h1 + l1: multiples of 2^-104 below 4;
    // h2 + l2: multiples of 2^-157 below 2^-51; h3 below 2^-104.
    // h0 mod 4, exactly (h0 may reach 2^55, so the general rint), then its integer part.
    let h0 = h0 - V::splat(4.0) * rint(h0 * V::splat(0.25));
    let (q0, f0) = int_frac(h0); // f0: multiple of 2^-51, |f0| <= 1/2
    let w0 = f0 + l0; // exact: both multiples of 2^-51, |w0| < 2^2 (|l0| <= ulp(h0)/2)
    let (q1, w0) = int_frac(w0);
    let (q2, f2) = int_frac(h1);
    let (g_hi, g_lo) = two_sum(w0, f2);
    let g2 = g_lo + l1; // exact: multiples of 2^-104 below 2^-51
    let (k_hi, k_lo) = two_sum(g2, h2);
    let (m_hi, m_lo) = two_sum(g_hi, k_hi);
    let t = ((m_lo + k_lo) + l2) + h3; // below 2^-100: rounds below 2^-150
    let (q3, m_hi) = int_frac(m_hi);
    let (f_hi, f_lo) = two_sum(m_hi, t);
    // r = f * pi/2 as a double-double.
    let (p_hi, p_lo) = two_prod(f_hi, V::splat(PIO2_F64_P1));
    let p_lo = f_hi.mul_add(
        V::splat(PIO2_F64_P2),
        f_lo.mul_add(V::splat(PIO2_F64_P1), p_lo),
    );
    let (hi, lo) = fast_two_sum(p_hi, p_lo);
    let q = ((q0 + q1) + (q2 + q3)) + V::splat(f64::ROUND_MAGIC);
    (V::to_bits(q), hi, lo)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec;
    use wide::f64x4;

    /// The lane reduction agrees with the scalar one for every exponent of the table (so every
    /// table row is used), both signs, several significands, and Muller's hardest double.
    #[test]
    fn lanes_match_scalar_on_every_exponent() {
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut xs = vec![6381956970095103.0 * 2f64.powi(797), f64::MAX, 1048576.0];
        for e in 20..=1023 {
            for _ in 0..6 {
                let m = (next() & ((1 << 52) - 1)) | (1 << 52);
                let x = (m as f64) * 2f64.powi(e - 52);
                xs.push(x);
                xs.push(-x);
            }
        }
        for c in xs.chunks(4) {
            let mut a = [1e30; 4];
            a[..c.len()].copy_from_slice(c);
            let (q, hi, lo) = rem_pio2_lanes(f64x4::from(a));
            let (q, hi, lo) = (q.to_array(), hi.to_array(), lo.to_array());
            for i in 0..c.len() {
                let (q0, h0, l0) = rem_pio2_large(a[i]);
                let err = ((hi[i] - h0) + (lo[i] - l0)).abs();
                // The scalar reduction is good to 2^-125 absolutely (its own bound); the lane one
                // is closer (checked against mpmath on Muller's double: 3e-47); a double-double holds
                // about 2^-104 relative, the product by pi/2 costs a little of that.
                assert!(
                    q[i] & 3 == q0 as u64 && err <= 2f64.powi(-122).max(h0.abs() * 2f64.powi(-102)),
                    "x = {:e}: lanes ({}, {:e}, {:e}), scalar ({q0}, {h0:e}, {l0:e})",
                    a[i],
                    q[i] & 3,
                    hi[i],
                    lo[i]
                );
            }
        }
    }

    #[test]
    fn lanes_give_nan_for_inf_and_nan() {
        let (_, hi, _) = rem_pio2_lanes(f64x4::from([
            f64::INFINITY,
            -f64::INFINITY,
            f64::NAN,
            1e300,
        ]));
        let hi = hi.to_array();
        assert!(hi[0].is_nan() && hi[1].is_nan() && hi[2].is_nan() && !hi[3].is_nan());
    }
}
