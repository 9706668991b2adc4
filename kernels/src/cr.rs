//! The correctly rounded `f32` tier: every result the `f32` nearest the exact value (the same
//! bits as core-math), for all 2^32 inputs, on every backend.
//!
//! # How
//! An `f32` vector is widened to two `f64` vectors ([`Widen`]) and the function is evaluated
//! there with a small relative error `e`; the `f64` value `y` is then rounded to `f32` once.
//! That rounding is the correct one unless the exact value lies closer than `e*|y|` to a
//! rounding boundary (the midpoint between two `f32`, or the overflow threshold), so each lane
//! gets a **rounding test**: `y*(1 - d)` and `y*(1 + d)`, with `d` above the kernel's error, are
//! rounded to `f32` too, and where both give the same `f32` the exact value (which lies between
//! them) rounds to it as well. Rounding to `f32` is monotonic, so that holds for subnormal
//! results, zeros, overflow to infinity and NaN (whose bits stay) without a special case.
//!
//! Two stages, each with its own test:
//! 1. **fast**: the kernel's own `f64`-lane approximation with a stated relative error (for
//!    sin/cos the faithful tier's reduction with the degree-13 `2^-43` polynomial: [`first_stage`], then [`second_stage`])
//!    or directly the accurate stage ([`round_f32`]). A lane that fails the test (probability about
//!    `2*d*2^24`, `2^-17` for `d = 2^-42`) sends its vector to stage 2.
//! 2. **accurate**: the function's own `f64` kernel (the registry's `f64` kernel, within 1 ulp,
//!    that is below `2^-52` relative), tested with `d =` [`DELTA_F64`] `= 2^-50`. A lane that
//!    fails this test as well (about `2^-25` of inputs, plus a few structured ones) is looked up
//!    in the function's **exceptions list** (`cr_exceptions.rs`): the inputs where the rounded
//!    accurate value differs from core-math, on any backend, each with core-math's result.
//!    Lanes not in the list keep the rounded accurate value. Those lookups run in scalar code
//!    on the few lanes that need them.
//!
//! # How the lists were found
//! `kernels/gen/cr_exceptions.sh` runs `cargo run --release --example derive_cr_exceptions`:
//! for every `f32` input of every function of the tier, on every backend the CPU runs, it
//! rounds the `f64` entry point's value (the same kernel, lane for lane, as stage 2), compares
//! it with core-math, fails if a wrong result passes the test of stage 2 (the stated `f64`
//! error would then be wrong), and writes the wrong ones, their union over the backends, to
//! `kernels/src/cr_exceptions.rs`. The exhaustive test (`tests/accuracy.rs`, `exhaustive_f32`)
//! then checks the whole tier, both stages and the lists, against core-math on all 2^32 inputs.

use crate::common::full_mask;
use crate::lanes::{Lanes, Widen};

/// Relative half-width of stage 2's rounding test: the registry's `f64` kernels are within
/// 1 ulp (a relative error below `2^-52`), so `2^-50` leaves a factor of 4, and covers the
/// rounding of the products `y*(1 ± d)` themselves.
pub const DELTA_F64: f64 = 8.881784197001252e-16; // 2^-50

/// Stage 2's rounding test on one `f64` value, as the lanes compute it: whether `y*(1 - d)` and
/// `y*(1 + d)` round to different `f32` (then the lane is looked up in the exceptions list).
///
/// ```
/// use simdmath_kernels::cr::{uncertain, DELTA_F64};
/// assert!(!uncertain(1.0, DELTA_F64));
/// // Exactly between 1 and its next f32: either could be the correct rounding.
/// assert!(uncertain(1.0 + f32::EPSILON as f64 / 2.0, DELTA_F64));
/// assert!(!uncertain(f64::NAN, DELTA_F64) && !uncertain(f64::INFINITY, DELTA_F64));
/// ```
pub fn uncertain(y: f64, d: f64) -> bool {
    ((y * (1.0 - d)) as f32).to_bits() != ((y * (1.0 + d)) as f32).to_bits()
}

/// The exceptions list of function `name` (sorted `(input bits, correctly rounded bits)`), or
/// `None` where the function has no correctly rounded tier.
///
/// ```
/// let exp = simdmath_kernels::cr::exceptions("exp").unwrap();
/// assert!(exp.windows(2).all(|w| w[0].0 < w[1].0));
/// assert!(simdmath_kernels::cr::exceptions("pow").is_none());
/// ```
pub fn exceptions(name: &str) -> Option<&'static [(u32, u32)]> {
    crate::cr_exceptions::BY_NAME
        .iter()
        .find(|e| e.0 == name)
        .map(|e| e.1)
}

/// Correctly rounded `f32` from stage 2 alone (module docs): `(a, b)` are the function's `f64`
/// kernel on the two halves of `x` (`x.widen()`), `exceptions` its sorted list of
/// `(input bits, correctly rounded bits)`. The kernels call their `f64` kernel themselves and
/// pass the values: a function passed in (`impl Fn`) would be called through a shim that is not
/// inlined into the `#[target_feature]` entry point, and its intrinsics would become calls.
///
/// ```
/// use simdmath_kernels::{cr::round_f32, exp::exp_f64, lanes::Widen};
/// use wide::f32x8;
/// let x = f32x8::splat(1.0);
/// let (lo, hi) = x.widen();
/// let y = round_f32(x, exp_f64(lo), exp_f64(hi), &[]);
/// assert_eq!(y.to_array()[0], core::f32::consts::E);
/// ```
#[inline(always)]
pub fn round_f32<V: Widen>(x: V, a: V::Wide, b: V::Wide, exceptions: &[(u32, u32)]) -> V {
    let (r, bad) = first_stage::<V>(a, b, DELTA_F64);
    if bad == 0 {
        return r;
    }
    patch(x, r, a, b, bad, exceptions)
}

/// Stage 1 (module docs): the `f32` result of the fast approximation's halves `(a, b)`, within a
/// relative `d` of the exact value, and the mask of lanes (bit `i` = lane `i`) whose rounding it
/// does not decide; when the mask is not 0 the kernel calls [`second_stage`]. Stage 2 runs the
/// same test with `d =` [`DELTA_F64`].
///
/// ```
/// use simdmath_kernels::{cr::first_stage, lanes::Widen};
/// use wide::{f32x8, f64x4};
/// let (r, bad) = first_stage::<f32x8>(f64x4::splat(0.1), f64x4::splat(1.0), 1e-12);
/// assert_eq!((r.to_array()[0], bad), (0.1f32, 0));
/// // 1 + 2^-24 is an f32 midpoint: no error bound decides it.
/// let (_, bad) = first_stage::<f32x8>(f64x4::splat(1.0 + 2f64.powi(-24)), f64x4::splat(1.0), 1e-12);
/// assert_eq!(bad, 0b1111);
/// ```
#[inline(always)]
pub fn first_stage<V: Widen>(a: V::Wide, b: V::Wide, d: f64) -> (V, u32) {
    let dn = V::Wide::splat(1.0 - d);
    let up = V::Wide::splat(1.0 + d);
    let lo = V::narrow(a * dn, b * dn);
    let hi = V::narrow(a * up, b * up);
    let same = V::bitmask(V::bits_eq(lo.to_bits(), hi.to_bits()));
    // Where both bounds round alike, so does every value between them, `y` included.
    (lo, !same & full_mask::<V>())
}

/// Stage 2 for the lanes `bad` that [`first_stage`] left open: `(a, b)` are the function's `f64`
/// kernel on the halves of `x`, `r` stage 1's result (kept in the other lanes).
///
/// ```
/// use simdmath_kernels::{cr::second_stage, exp::exp_f64, lanes::Widen};
/// use wide::f32x8;
/// let x = f32x8::splat(1.0);
/// let (lo, hi) = x.widen();
/// // Lane 0 left open by stage 1; the others keep stage 1's (here wrong) 0.0.
/// let y = second_stage(x, f32x8::splat(0.0), 1, exp_f64(lo), exp_f64(hi), &[]);
/// assert_eq!(y.to_array()[..2], [core::f32::consts::E, 0.0]);
/// ```
#[inline(always)]
pub fn second_stage<V: Widen>(
    x: V,
    r: V,
    bad: u32,
    a: V::Wide,
    b: V::Wide,
    exceptions: &[(u32, u32)],
) -> V {
    let (r2, bad2) = first_stage::<V>(a, b, DELTA_F64);
    let mut out = [0f32; 16];
    let mut acc = [0f32; 16];
    // SAFETY: both arrays hold 16 >= LANES elements.
    unsafe {
        r.store(out.as_mut_ptr());
        r2.store(acc.as_mut_ptr());
    }
    for i in 0..V::LANES {
        if bad >> i & 1 == 1 {
            out[i] = acc[i];
        }
    }
    // SAFETY: as above.
    let r = unsafe { V::load(out.as_ptr()) };
    let bad2 = bad2 & bad;
    if bad2 == 0 {
        return r;
    }
    patch(x, r, a, b, bad2, exceptions)
}

/// Both stages of a correctly rounded kernel, inline: stage 1's `f64` halves `($f_lo, $f_hi)`
/// tested at relative `$d` ([`first_stage`]); only if a lane is left open, `$accurate` (the
/// function's `f64` kernel) on the halves `($lo, $hi)` of `$x` and [`second_stage`] with the
/// exceptions list `$ex`. A macro, not a function taking the kernel: a kernel passed as a value
/// is called through a shim that is not inlined into the `#[target_feature]` entry point.
macro_rules! two_stage {
    ($x:expr, ($lo:expr, $hi:expr), ($f_lo:expr, $f_hi:expr), $d:expr, $accurate:ident, $ex:expr) => {{
        let (r, bad) = $crate::cr::first_stage($f_lo, $f_hi, $d);
        if bad == 0 {
            r
        } else {
            $crate::cr::second_stage($x, r, bad, $accurate($lo), $accurate($hi), $ex)
        }
    }};
}
pub(crate) use two_stage;

/// The lanes of `bad`: core-math's value where the input is in `exceptions`, else `(a, b)`'s
/// lane rounded to nearest.
#[inline(always)]
fn patch<V: Widen>(x: V, r: V, a: V::Wide, b: V::Wide, bad: u32, exceptions: &[(u32, u32)]) -> V {
    let mut xs = [0f32; 16];
    let mut out = [0f32; 16];
    let mut ys = [0f64; 16];
    let half = V::LANES / 2;
    // SAFETY: the arrays hold 16 >= LANES elements; `ys` takes the two halves in lane order.
    unsafe {
        x.store(xs.as_mut_ptr());
        r.store(out.as_mut_ptr());
        a.store(ys.as_mut_ptr());
        b.store(ys.as_mut_ptr().add(half));
    }
    patch_lanes(&xs, &ys, &mut out, bad, exceptions);
    // SAFETY: as above.
    unsafe { V::load(out.as_ptr()) }
}

/// Scalar part of [`patch`], out of line: plain arrays, no vector types in its signature.
#[cold]
#[inline(never)]
fn patch_lanes(xs: &[f32; 16], ys: &[f64; 16], out: &mut [f32; 16], bad: u32, ex: &[(u32, u32)]) {
    for i in 0..16 {
        if bad >> i & 1 == 1 {
            out[i] = match ex.binary_search_by_key(&xs[i].to_bits(), |e| e.0) {
                Ok(k) => f32::from_bits(ex[k].1),
                Err(_) => ys[i] as f32,
            };
        }
    }
}
