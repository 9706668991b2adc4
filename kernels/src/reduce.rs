//! Exact reduction of huge arguments modulo `pi/2` (Payne–Hanek), scalar, integer arithmetic.
//!
//! Taken only by the lanes whose argument is too large for the vector Cody–Waite reduction in
//! `sin_cos.rs` (`|x| >= 2^20` for `f64`, `|x| >= 400` for `f32`). For `x = m * 2^e` (`m` the
//! 53-bit significand) only the bits of `2/pi` from position `e - 1` on matter modulo 4: the
//! earlier ones contribute multiples of 4 to `x * 2/pi`. A 192-bit window of `2/pi` times `m`
//! gives the quadrant and 128 bits of the fraction exactly, which is then multiplied by `pi/2`
//! (127 bits) in integers and split into a double-double. Absolute error of the reduced argument
//! below 2^-125, against a smallest reduced argument of about 2^-61 over all doubles: ample.
//! Integer arithmetic only, so the result is identical on every backend and build.

use crate::pio2_table::{PIO2_U128, TWO_OVER_PI};

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
