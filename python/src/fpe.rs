//! Floating-point exceptions as numpy reports them, derived from the data.
//!
//! The kernels produce NaN, ±inf and tiny results by selects, so they raise no flag, and flags
//! raised on pool threads would not reach the caller anyway. So after each block the loop
//! looks at what came out: a quick scan of the outputs for anything that is not a normal finite
//! number, and only where one is found, a look at each such element and its input:
//!
//! | output | input | flag |
//! |---|---|---|
//! | NaN | not NaN | invalid |
//! | ±inf | finite, at a pole of the function | divide by zero |
//! | ±inf | finite, elsewhere | overflow |
//! | zero or subnormal | finite, and the exact result is not exactly 0 | underflow |
//!
//! That is what numpy's own `exp`, `log`, `sin`, `cos` raise (checked by the tests against
//! numpy on the same inputs). The flags are then raised on the calling thread with arithmetic
//! on opaque values, where numpy's `errstate` machinery reads them after the loop.
//!
//! The per-function part, poles and exact zeros, is [`RULES`], one line per registry function.

use sm::Func;
use std::ffi::c_int;
use std::hint::black_box;

pub const INVALID: u8 = 1;
pub const DIVIDE: u8 = 2;
pub const OVERFLOW: u8 = 4;
pub const UNDERFLOW: u8 = 8;

/// What a function needs beyond the generic rule: where an infinite result is a pole (numpy
/// says "divide by zero", not "overflow") and where a zero result is exact (no underflow).
pub struct Rule {
    pub name: &'static str,
    /// `f(x)` is infinite because `x` is a pole (`log(±0) = -inf`).
    pub pole: fn(f64) -> bool,
    /// `f(x)` is exactly zero (`log(1)`, `sin(±0)`), so a zero result did not underflow.
    pub exact_zero: fn(f64) -> bool,
}

fn never(_: f64) -> bool {
    false
}
fn is_zero(x: f64) -> bool {
    x == 0.0
}
fn is_one(x: f64) -> bool {
    x == 1.0
}

/// One line per registry function, keyed by its name. A function registered without a line
/// here still works (no poles, no exact zeros), but `missing_rules()` names it and the Python
/// tests fail until it has one.
pub const RULES: &[Rule] = &[
    Rule {
        name: "exp",
        pole: never,
        exact_zero: never,
    },
    Rule {
        name: "log",
        pole: is_zero,
        exact_zero: is_one,
    },
    Rule {
        name: "sin",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "cos",
        pole: never,
        exact_zero: never,
    },
    Rule {
        name: "tan",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "sinpi",
        pole: never,
        exact_zero: is_integer,
    },
    Rule {
        name: "cospi",
        pole: never,
        exact_zero: is_half_odd,
    },
    Rule {
        name: "exp2",
        pole: never,
        exact_zero: never,
    },
    Rule {
        name: "exp10",
        pole: never,
        exact_zero: never,
    },
    Rule {
        name: "expm1",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "sinh",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "cosh",
        pole: never,
        exact_zero: never,
    },
    Rule {
        name: "tanh",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "log2",
        pole: is_zero,
        exact_zero: is_one,
    },
    Rule {
        name: "log10",
        pole: is_zero,
        exact_zero: is_one,
    },
    Rule {
        name: "log1p",
        pole: is_minus_one,
        exact_zero: is_zero,
    },
    Rule {
        name: "asinh",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "acosh",
        pole: never,
        exact_zero: is_one,
    },
    Rule {
        name: "atanh",
        pole: is_unit,
        exact_zero: is_zero,
    },
    Rule {
        name: "atan",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "asin",
        pole: never,
        exact_zero: is_zero,
    },
    Rule {
        name: "acos",
        pole: never,
        exact_zero: is_one,
    },
    Rule {
        name: "cbrt",
        pole: never,
        exact_zero: is_zero,
    },
];

fn is_minus_one(x: f64) -> bool {
    x == -1.0
}
fn is_unit(x: f64) -> bool {
    x.abs() == 1.0
}
fn is_integer(x: f64) -> bool {
    x.fract() == 0.0
}
fn is_half_odd(x: f64) -> bool {
    (x.abs() - 0.5).fract() == 0.0
}

const DEFAULT: Rule = Rule {
    name: "",
    pole: never,
    exact_zero: never,
};

pub fn rule(f: Func) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.name == f.name())
        .unwrap_or(&DEFAULT)
}

/// Functions with a ufunc but without a line in [`RULES`].
pub fn missing_rules() -> Vec<&'static str> {
    crate::ufunc::supported()
        .filter(|f| f.arity() == sm::Arity::Unary) // two-input loops derive their own flags
        .map(|f| f.name())
        .filter(|n| !RULES.iter().any(|r| r.name == *n))
        .collect()
}

/// The element types of the loops.
pub trait Elem: sm::Real {
    /// Not a normal finite number (NaN, ±inf, ±0, subnormal): needs a closer look.
    fn unusual(self) -> bool;
    /// Whether any of `y` is [`Elem::unusual`], branch-free so that it vectorises: on the bits
    /// without the sign, `bits - MIN_POSITIVE` (wrapping) is below `INF - MIN_POSITIVE` exactly
    /// for the normal finite numbers, so one unsigned max over the block decides.
    fn scan(y: &[Self]) -> bool;
    /// [`Elem::scan`] of the 64 values at `p` with AVX-512DQ's `vfpclass` (one instruction per
    /// vector instead of three).
    ///
    /// # Safety
    /// `p` is valid for 64 reads; only called where the CPU has AVX-512F and AVX-512DQ.
    #[cfg(target_arch = "x86_64")]
    unsafe fn scan64_dq(p: *const Self) -> bool;
    fn f64(self) -> f64;
}

/// `vfpclass` categories: QNaN, +0, -0, +inf, -inf, denormal, SNaN (all but negative finite).
#[cfg(target_arch = "x86_64")]
const NOT_NORMAL: i32 = 0xBF;

macro_rules! elem {
    ($T:ty, $U:ty, $fpclass:ident) => {
        impl Elem for $T {
            #[inline(always)]
            fn unusual(self) -> bool {
                !(<$T>::MIN_POSITIVE..=<$T>::MAX).contains(&self.abs())
            }
            #[inline(always)]
            fn scan(y: &[$T]) -> bool {
                const MAG: $U = <$U>::MAX >> 1;
                const MINP: $U = <$T>::MIN_POSITIVE.to_bits();
                const LIMIT: $U = <$T>::INFINITY.to_bits() - MINP;
                y.iter()
                    .fold(0, |m: $U, v| m.max((v.to_bits() & MAG).wrapping_sub(MINP)))
                    >= LIMIT
            }
            #[cfg(target_arch = "x86_64")]
            #[inline(always)]
            unsafe fn scan64_dq(p: *const $T) -> bool {
                const LANES: usize = 64 / std::mem::size_of::<$T>();
                let mut m = 0;
                for i in 0..64 / LANES {
                    // SAFETY: `p` is valid for 64 reads; the caller runs with AVX-512F/DQ.
                    m |= unsafe { $fpclass(p.add(LANES * i)) };
                }
                m != 0
            }
            #[inline(always)]
            fn f64(self) -> f64 {
                self as f64
            }
        }
    };
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn fpclass_pd(p: *const f64) -> u32 {
    use std::arch::x86_64::{_mm512_fpclass_pd_mask, _mm512_loadu_pd};
    // SAFETY: forwarded from `scan64_dq`.
    unsafe { _mm512_fpclass_pd_mask::<NOT_NORMAL>(_mm512_loadu_pd(p)) as u32 }
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn fpclass_ps(p: *const f32) -> u32 {
    use std::arch::x86_64::{_mm512_fpclass_ps_mask, _mm512_loadu_ps};
    // SAFETY: forwarded from `scan64_dq`.
    unsafe { _mm512_fpclass_ps_mask::<NOT_NORMAL>(_mm512_loadu_ps(p)) as u32 }
}

elem!(f32, u32, fpclass_ps);
elem!(f64, u64, fpclass_pd);

#[inline(always)]
fn any_unusual_generic<T: Elem>(y: &[T]) -> bool {
    T::scan(y)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn any_unusual_avx512<T: Elem>(y: &[T]) -> bool {
    any_unusual_generic(y)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn any_unusual_avx2<T: Elem>(y: &[T]) -> bool {
    any_unusual_generic(y)
}

/// Whether any of `y` is NaN, ±inf, zero or subnormal (the quick scan, with the widest
/// vectors this CPU has).
#[inline]
pub fn any_unusual<T: Elem>(y: &[T]) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F (checked just above).
            return unsafe { any_unusual_avx512(y) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            return unsafe { any_unusual_avx2(y) };
        }
    }
    any_unusual_generic(y)
}

/// The flags of one element whose result `y` is NaN or infinite (see the module docs).
#[inline]
fn classify_special(r: &Rule, x: f64, y: f64) -> u8 {
    if y.is_nan() {
        if x.is_nan() { 0 } else { INVALID }
    } else if !x.is_finite() {
        0
    } else if (r.pole)(x) {
        DIVIDE
    } else {
        OVERFLOW
    }
}

/// The flags of a block: `x` in, `y = f(x)` out, same length.
#[inline]
pub fn flags<T: Elem>(r: &Rule, x: &[T], y: &[T]) -> u8 {
    if !any_unusual(y) {
        return 0;
    }
    flags_each(r, x, y)
}

/// `x = y` after taking the flags of `y = f(x)`, in one pass over groups of 64 (each group
/// scanned, looked at closely if needed, then copied while it is in registers or L1): the
/// in-place path's write-back.
#[inline(always)]
fn settle_generic<T: Elem>(r: &Rule, x: &mut [T], y: &[T]) -> u8 {
    const G: usize = 64;
    let mut fl = 0;
    let mut xs = x.chunks_exact_mut(G);
    let mut ys = y.chunks_exact(G);
    for (xc, yc) in (&mut xs).zip(&mut ys) {
        let yc: &[T; G] = yc.try_into().expect("a group");
        if T::scan(yc) {
            fl |= flags_each(r, xc, yc);
        }
        xc.copy_from_slice(yc);
    }
    let (xr, yr) = (xs.into_remainder(), ys.remainder());
    fl |= flags(r, xr, yr);
    xr.copy_from_slice(yr);
    fl
}

/// [`settle_generic`] with `vfpclass` for the scan.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn settle_avx512dq<T: Elem>(r: &Rule, x: &mut [T], y: &[T]) -> u8 {
    const G: usize = 64;
    let mut fl = 0;
    let mut xs = x.chunks_exact_mut(G);
    let mut ys = y.chunks_exact(G);
    for (xc, yc) in (&mut xs).zip(&mut ys) {
        let yc: &[T; G] = yc.try_into().expect("a group");
        // SAFETY: `yc` holds 64 values; this function runs only with AVX-512F/DQ.
        if unsafe { T::scan64_dq(yc.as_ptr()) } {
            fl |= flags_each(r, xc, yc);
        }
        xc.copy_from_slice(yc);
    }
    let (xr, yr) = (xs.into_remainder(), ys.remainder());
    fl |= flags(r, xr, yr);
    xr.copy_from_slice(yr);
    fl
}

/// See [`settle_generic`]; `x` and `y` have the same length.
#[inline]
pub fn settle<T: Elem>(r: &Rule, x: &mut [T], y: &[T]) -> u8 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
        {
            // SAFETY: the CPU has AVX-512F and AVX-512DQ (checked just above).
            return unsafe { settle_avx512dq(r, x, y) };
        }
    }
    settle_generic(r, x, y)
}

#[inline(never)]
fn flags_each<T: Elem>(r: &Rule, x: &[T], y: &[T]) -> u8 {
    let mut fl = 0;
    for (&a, &b) in x.iter().zip(y) {
        if !b.unusual() {
            continue;
        }
        let (xa, yb) = (a.f64(), b.f64());
        if yb.is_nan() || yb.is_infinite() {
            fl |= classify_special(r, xa, yb);
        } else if xa.is_finite() && !(yb == 0.0 && (r.exact_zero)(xa)) {
            // Zero or subnormal in T from a finite input whose exact result is not 0.
            fl |= UNDERFLOW;
        }
    }
    fl
}

/// `FE_ALL_EXCEPT` of the C library's `<fenv.h>` on this target (0: not known, no save/restore).
#[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
const FE_ALL_EXCEPT: c_int = 0x3d;
#[cfg(any(target_arch = "aarch64", target_arch = "arm"))]
const FE_ALL_EXCEPT: c_int = 0x1f;
#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "x86",
    target_arch = "aarch64",
    target_arch = "arm"
)))]
const FE_ALL_EXCEPT: c_int = 0;

unsafe extern "C" {
    fn fetestexcept(excepts: c_int) -> c_int;
    fn feclearexcept(excepts: c_int) -> c_int;
    fn feraiseexcept(excepts: c_int) -> c_int;
}

/// The calling thread's floating-point exception flags before a kernel runs on it: the
/// kernels' intermediate steps (an infinite input scaled, a padded lane) may raise flags that
/// say nothing about the results, so [`restore`] puts back exactly what was set before (by
/// numpy's casts in the same call, say) and the loop then adds what the data shows.
pub fn save() -> c_int {
    if FE_ALL_EXCEPT == 0 {
        return 0;
    }
    // SAFETY: reads this thread's floating-point status; no other effect.
    unsafe { fetestexcept(FE_ALL_EXCEPT) }
}

/// Puts back the flags [`save`] read.
pub fn restore(saved: c_int) {
    if FE_ALL_EXCEPT == 0 {
        return;
    }
    // SAFETY: clears and sets this thread's floating-point status flags (no traps are enabled
    // by numpy; with traps enabled the flags were already raised before the kernel ran).
    unsafe {
        feclearexcept(FE_ALL_EXCEPT);
        if saved != 0 {
            feraiseexcept(saved);
        }
    }
}

/// Raises `fl` on the calling thread's floating-point status, where numpy reads it.
pub fn raise(fl: u8) {
    if fl & INVALID != 0 {
        black_box(black_box(0.0f64) / black_box(0.0f64));
    }
    if fl & DIVIDE != 0 {
        black_box(black_box(1.0f64) / black_box(0.0f64));
    }
    if fl & OVERFLOW != 0 {
        black_box(black_box(f64::MAX) * black_box(2.0f64));
    }
    if fl & UNDERFLOW != 0 {
        black_box(black_box(f64::MIN_POSITIVE) * black_box(f64::MIN_POSITIVE));
    }
}
