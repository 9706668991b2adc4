//! Exhaustive check of the native `f32` reduction of `sin_f32`/`cos_f32`/`sincos_f32`
//! (kernels/src/trig/sin_cos.rs, issue 17): for every `f32` with `0 <= x < B`
//! (negative inputs are the exact mirror image), the kernel's steps in `f32` arithmetic
//!
//!   t = fma(x, C, 1.5*2^23); k = t - 1.5*2^23      (k = round(x*2/pi), C = RN(2/pi))
//!   r1 = fma(-k, P1, x)                            (must be exact)
//!   r2 = fma(-k, P2, r1); c = k*(-P3)              (r ~= r2 + c)
//!
//! against `r = x - k*pi/2` evaluated in `f64` with pi/2 to about 2^-150 (three doubles, the
//! first FMA exact, relative error about 2^-52 of r). Prints the largest `|r|` (the
//! polynomials' interval), the smallest `|r|` (the worst cancellation), the largest error of
//! `r2 + c` in units of `ulp(r)` (as an `f32`), and the largest `|c|/|r|`.
//!
//! Run: `rustc -O -C target-cpu=native f32_trig_reduction.rs -o /tmp/f32_trig_reduction &&
//! /tmp/f32_trig_reduction` (kernels/gen/gen.sh does; a few seconds). It panics if `r1` is
//! ever inexact or the error bound the module docs state (0.5 + 2^-10 ulp) is exceeded.

const B: f32 = 1048576.0; // 2^20, FAST_F32 in kernels/src/trig/sin_cos.rs
const C: f32 = f32::from_bits(0x3f22_f983); // RN(2/pi)
const P1: f32 = f32::from_bits(0x3fc9_0fdb); // RN(pi/2)
const P2: f32 = f32::from_bits(0xb33b_bd2e); // RN(pi/2 - P1)
const P3: f32 = f32::from_bits(0xa6f7_2ced); // RN(pi/2 - P1 - P2)
const MAGIC: f32 = 12582912.0; // 1.5 * 2^23

// pi/2 as three doubles (about 160 bits), from mpmath.
const PIO2_1: f64 = f64::from_bits(0x3ff9_21fb_5444_2d18);
const PIO2_2: f64 = f64::from_bits(0x3c91_a626_3314_5c07);
const PIO2_3: f64 = f64::from_bits(0xb91f_1976_b7ed_8fbc);

fn ulp32(v: f64) -> f64 {
    let e = v.abs().log2().floor() as i32;
    2f64.powi(e.max(-126) - 23)
}

fn main() {
    let (mut max_r, mut min_r, mut max_err, mut max_c) = (0f64, f64::INFINITY, 0f64, 0f64);
    let (mut x_min, mut x_err) = (0f32, 0f32);
    let mut n: u64 = 0;
    for bits in 0..B.to_bits() {
        let x = f32::from_bits(bits);
        let t = x.mul_add(C, MAGIC);
        let k = t - MAGIC;
        let r1 = (-k).mul_add(P1, x);
        let r1e = x as f64 - k as f64 * P1 as f64; // exact: fewer than 53 bits
        assert_eq!(r1 as f64, r1e, "r1 inexact at x = {x:e}");
        let r2 = (-k).mul_add(P2, r1);
        let c = k * (-P3);
        // r = x - k*pi/2 = (x - k*P1_64) - k*PIO2_2 - k*PIO2_3 with P1_64 = PIO2_1.
        let kd = k as f64;
        let a = (-kd).mul_add(PIO2_1, x as f64); // exact (|k| < 2^20, |a| < 1)
        let r = (-kd).mul_add(PIO2_3, (-kd).mul_add(PIO2_2, a));
        if x == 0.0 {
            continue;
        }
        n += 1;
        max_r = max_r.max(r.abs());
        if k != 0.0 && r.abs() < min_r {
            min_r = r.abs();
            x_min = x;
        }
        let err = ((r2 as f64 + c as f64) - r).abs() / ulp32(r);
        if err > max_err {
            max_err = err;
            x_err = x;
        }
        max_c = max_c.max((c as f64 / r).abs());
    }
    println!("inputs 0 < x < {B}: {n}");
    println!(
        "max |r| = {max_r:.9} (pi/4 = {:.9})",
        core::f64::consts::FRAC_PI_4
    );
    println!(
        "min |r| = {min_r:e} = 2^{:.2} at x = {x_min:e} ({:#010x})",
        min_r.log2(),
        x_min.to_bits()
    );
    println!(
        "max |r2 + c - r| = {max_err:.6} ulp(r) at x = {x_err:e} ({:#010x})",
        x_err.to_bits()
    );
    println!("max |c/r| = 2^{:.2}", max_c.log2());
    assert!(
        max_err <= 0.5 + 2f64.powi(-10),
        "reduction error above the stated bound"
    );
}
