//! IEEE binary16 (`numpy.float16`) to and from `f32`, as numpy's `npy_half_to_float` and
//! `npy_float_to_half` do it: widening is exact; narrowing rounds to nearest, ties to even,
//! once, and reports what numpy reports (overflow when a finite value becomes ±inf,
//! underflow when a value lands inexactly in the subnormal range or on zero).
//!
//! The `float16` loops compute through the `float32` kernels with these, as numpy's own
//! `float16` loops do for its transcendental functions.

use crate::fpe::{OVERFLOW, UNDERFLOW};

/// The `f32` value of the binary16 bits `h` (exact; NaN payloads kept in the high bits).
#[inline]
pub fn to_f32(h: u16) -> f32 {
    let sign = ((h & 0x8000) as u32) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    match exp {
        // Zero or subnormal: man * 2^-24, exact in f32.
        0 => {
            let v = man as f32 * f32::from_bits(0x3380_0000); // 2^-24
            f32::from_bits(v.to_bits() | sign)
        }
        0x1f => f32::from_bits(sign | 0x7f80_0000 | (man << 13)),
        _ => f32::from_bits(sign | ((exp + 112) << 23) | (man << 13)),
    }
}

/// The binary16 bits nearest `f` (ties to even) and the flags the narrowing raises.
#[inline]
pub fn from_f32(f: f32) -> (u16, u8) {
    let b = f.to_bits();
    let sign = ((b >> 16) & 0x8000) as u16;
    let a = b & 0x7fff_ffff;
    if a >= 0x7f80_0000 {
        if a == 0x7f80_0000 {
            return (sign | 0x7c00, 0);
        }
        // NaN: the payload's top bits, kept a NaN (numpy does the same).
        let mut h = 0x7c00 | (a >> 13) as u16 & 0x3ff;
        if h == 0x7c00 {
            h += 1;
        }
        return (sign | h, 0);
    }
    if a >= 0x477f_f000 {
        // 65520 and above round to infinity (65504 is the largest binary16).
        return (sign | 0x7c00, OVERFLOW);
    }
    if a < 0x3880_0000 {
        // Below 2^-14: a multiple of 2^-24 (subnormal), computed exactly in f64 then rounded.
        let v = f32::from_bits(a) as f64 * 16_777_216.0; // exact: 24 bits times a power of 2
        let r = v.round_ties_even();
        let fl = if r != v { UNDERFLOW } else { 0 };
        // r <= 1024: 1024 is the smallest normal, 0x0400, which this encoding gives.
        return (sign | r as u16, fl);
    }
    let man = a & 0x007f_ffff;
    let mut h = (((a >> 23) - 112) << 10) | (man >> 13);
    let rem = man & 0x1fff;
    if rem > 0x1000 || (rem == 0x1000 && h & 1 == 1) {
        h += 1; // may carry into the exponent: the correct result (never to inf, see above)
    }
    (sign | h as u16, 0)
}
