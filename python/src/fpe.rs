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
//! The per-function part, poles and exact zeros, is the registry's ([`Rule`]).

use sm::Func;
#[cfg(not(target_arch = "x86_64"))]
use std::ffi::c_int;
use std::hint::black_box;

pub const INVALID: u8 = 1;
pub const DIVIDE: u8 = 2;
pub const OVERFLOW: u8 = 4;
pub const UNDERFLOW: u8 = 8;

/// The per-function part of the rule, from the function's registry line: its poles
/// ([`sm::FuncInfo::poles`]: an infinite result there is "divide by zero", not "overflow") and
/// its exact zeros ([`sm::FuncInfo::zeros`]: a zero result there did not underflow). Every
/// registered function has them: the registry's macro requires them on its line.
pub type Rule = sm::FuncInfo;

/// The rule of `f`.
pub fn rule(f: Func) -> &'static Rule {
    f.info()
}

/// The rule of `Func::ALL[i]`.
///
/// # Panics
/// If `i` is not an index of `Func::ALL`.
pub fn rule_at(i: usize) -> &'static Rule {
    Func::ALL[i].info()
}

/// The element types of the loops.
pub trait Elem: sm::Real {
    /// Not a normal finite number (NaN, ±inf, ±0, subnormal): needs a closer look.
    fn unusual(self) -> bool;
    /// Whether any of `y` is [`Elem::unusual`], branch-free so that it vectorises: on the bits
    /// without the sign, `bits - MIN_POSITIVE` (wrapping) is below `INF - MIN_POSITIVE` exactly
    /// for the normal finite numbers, so one unsigned max over the block decides.
    fn scan(y: &[Self]) -> bool;
    /// Whether any of `y` is NaN or ±inf (one unsigned max of the bits without the sign).
    fn scan_nonfinite(y: &[Self]) -> bool;
    /// The `vfpclass` mask (categories `C`) of the 64 bytes at `p`, as a `u32`.
    ///
    /// # Safety
    /// `p` is valid for `64 / size_of::<Self>()` reads; only called where the CPU has
    /// AVX-512F and AVX-512DQ.
    #[cfg(target_arch = "x86_64")]
    unsafe fn fpclass_vec<const C: i32>(p: *const Self) -> u32;
    fn f64(self) -> f64;
}

/// `vfpclass` categories: QNaN, +0, -0, +inf, -inf, denormal, SNaN (all but 0x40, "negative
/// finite": a normal number matches none of these, whatever its sign).
#[cfg(target_arch = "x86_64")]
const NOT_NORMAL: i32 = 0xBF;
/// `vfpclass` categories: QNaN, +inf, -inf, SNaN.
#[cfg(target_arch = "x86_64")]
const NOT_FINITE: i32 = 0x99;

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
            #[inline(always)]
            fn scan_nonfinite(y: &[$T]) -> bool {
                const MAG: $U = <$U>::MAX >> 1;
                y.iter().fold(0, |m: $U, v| m.max(v.to_bits() & MAG)) >= <$T>::INFINITY.to_bits()
            }
            #[cfg(target_arch = "x86_64")]
            #[inline(always)]
            unsafe fn fpclass_vec<const C: i32>(p: *const $T) -> u32 {
                // SAFETY: forwarded.
                unsafe { $fpclass::<C>(p) }
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
unsafe fn fpclass_pd<const C: i32>(p: *const f64) -> u32 {
    use std::arch::x86_64::{_mm512_fpclass_pd_mask, _mm512_loadu_pd};
    // SAFETY: forwarded from `fpclass_vec`.
    unsafe { _mm512_fpclass_pd_mask::<C>(_mm512_loadu_pd(p)) as u32 }
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn fpclass_ps<const C: i32>(p: *const f32) -> u32 {
    use std::arch::x86_64::{_mm512_fpclass_ps_mask, _mm512_loadu_ps};
    // SAFETY: forwarded from `fpclass_vec`.
    unsafe { _mm512_fpclass_ps_mask::<C>(_mm512_loadu_ps(p)) as u32 }
}

elem!(f32, u32, fpclass_ps);
elem!(f64, u64, fpclass_pd);

#[cfg(target_arch = "x86_64")]
simdmath_kernels::backend::avx512::isa! { target_feature
    /// Whether any of `y` falls in the `vfpclass` categories `C`: one `vfpclass` per vector, the
    /// masks OR-ed (no branch in the loop), the tail by `tail`.
    fn any_class_dq<T: Elem, const C: i32>(y: &[T], tail: fn(&[T]) -> bool) -> bool {
        let lanes = 64 / std::mem::size_of::<T>();
        let mut groups = y.chunks_exact(4 * lanes);
        let mut m = 0u32;
        for g in &mut groups {
            // SAFETY: `g` holds four vectors; this function runs only with AVX-512F/DQ.
            unsafe {
                let p = g.as_ptr();
                m |= T::fpclass_vec::<C>(p)
                    | T::fpclass_vec::<C>(p.add(lanes))
                    | T::fpclass_vec::<C>(p.add(2 * lanes))
                    | T::fpclass_vec::<C>(p.add(3 * lanes));
            }
        }
        m != 0 || tail(groups.remainder())
    }
}

#[cfg(target_arch = "x86_64")]
simdmath_kernels::backend::avx2::isa! { target_feature
    fn scan_avx2<T: Elem>(y: &[T], nonfinite: bool) -> bool {
        if nonfinite {
            T::scan_nonfinite(y)
        } else {
            T::scan(y)
        }
    }
}

/// Which vector scan this CPU runs: its best instruction set ([`sm::Isa::detected`], whatever
/// `SIMDMATH_ISA` says: every scan gives the same answer). `Avx512` (F + DQ) scans with
/// `vfpclass`, `Avx2` with the scalar scan compiled for AVX2; anything else with the plain scan.
#[cfg(target_arch = "x86_64")]
fn scan_isa() -> sm::Isa {
    static ISA: std::sync::OnceLock<sm::Isa> = std::sync::OnceLock::new();
    *ISA.get_or_init(sm::Isa::detected)
}

/// Whether any of `y` is NaN, ±inf, zero or subnormal (the quick scan, with the widest
/// vectors this CPU has).
#[inline]
pub fn any_unusual<T: Elem>(y: &[T]) -> bool {
    #[cfg(target_arch = "x86_64")]
    match scan_isa() {
        // SAFETY: the CPU runs AVX-512 (`Isa::detected`: F, DQ, AVX2 and FMA).
        sm::Isa::Avx512 => return unsafe { any_class_dq::<T, NOT_NORMAL>(y, T::scan) },
        // SAFETY: the CPU runs AVX2 and FMA (`Isa::detected`).
        sm::Isa::Avx2 => return unsafe { scan_avx2(y, false) },
        _ => {}
    }
    T::scan(y)
}

/// Whether any of `y` is NaN or ±inf (the two-input and two-output loops' quick scan).
#[inline]
pub fn any_nonfinite<T: Elem>(y: &[T]) -> bool {
    #[cfg(target_arch = "x86_64")]
    match scan_isa() {
        // SAFETY: the CPU runs AVX-512 (`Isa::detected`: F, DQ, AVX2 and FMA).
        sm::Isa::Avx512 => return unsafe { any_class_dq::<T, NOT_FINITE>(y, T::scan_nonfinite) },
        // SAFETY: the CPU runs AVX2 and FMA (`Isa::detected`).
        sm::Isa::Avx2 => return unsafe { scan_avx2(y, true) },
        _ => {}
    }
    T::scan_nonfinite(y)
}

/// The flags of one element whose result `y` is NaN or infinite (see the module docs).
#[inline]
fn classify_special(r: &Rule, x: f64, y: f64) -> u8 {
    if y.is_nan() {
        if x.is_nan() { 0 } else { INVALID }
    } else if !x.is_finite() {
        0
    } else if r.poles.contains(x) {
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
/// in-place path's write-back, fused with the check.
#[inline(always)]
fn settle_with<T: Elem>(r: &Rule, x: &mut [T], y: &[T], scan64: impl Fn(&[T; 64]) -> bool) -> u8 {
    const G: usize = 64;
    let mut fl = 0;
    let mut xs = x.chunks_exact_mut(G);
    let mut ys = y.chunks_exact(G);
    for (xc, yc) in (&mut xs).zip(&mut ys) {
        let yc: &[T; G] = yc.try_into().expect("a group");
        if scan64(yc) {
            fl |= flags_each(r, xc, yc);
        }
        xc.copy_from_slice(yc);
    }
    let (xr, yr) = (xs.into_remainder(), ys.remainder());
    fl |= flags(r, xr, yr);
    xr.copy_from_slice(yr);
    fl
}

#[cfg(target_arch = "x86_64")]
simdmath_kernels::backend::avx512::isa! { target_feature
    /// [`settle_with`] with `vfpclass` for the scan.
    fn settle_avx512dq<T: Elem>(r: &Rule, x: &mut [T], y: &[T]) -> u8 {
        let lanes = 64 / std::mem::size_of::<T>();
        settle_with(r, x, y, |g| {
            let mut m = 0;
            for i in 0..64 / lanes {
                // SAFETY: `g` holds 64 values, `i * lanes + lanes <= 64`; this function runs only
                // with AVX-512F/DQ.
                m |= unsafe { T::fpclass_vec::<NOT_NORMAL>(g.as_ptr().add(i * lanes)) };
            }
            m != 0
        })
    }
}

/// See [`settle_with`]; `x` and `y` have the same length.
#[inline]
pub fn settle<T: Elem>(r: &Rule, x: &mut [T], y: &[T]) -> u8 {
    #[cfg(target_arch = "x86_64")]
    if scan_isa() == sm::Isa::Avx512 {
        // SAFETY: the CPU runs AVX-512 (`Isa::detected`: F, DQ, AVX2 and FMA).
        return unsafe { settle_avx512dq(r, x, y) };
    }
    settle_with(r, x, y, |g| T::scan(g))
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
        } else if xa.is_finite() && !(yb == 0.0 && r.zeros.contains(xa)) {
            // Zero or subnormal in T from a finite input whose exact result is not 0.
            fl |= UNDERFLOW;
        }
    }
    fl
}

/// `FE_ALL_EXCEPT` of the C library's `<fenv.h>` on this target (0: not known, no save/restore).
#[cfg(target_arch = "x86")]
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

#[cfg(not(target_arch = "x86_64"))]
unsafe extern "C" {
    fn fetestexcept(excepts: c_int) -> c_int;
    fn feclearexcept(excepts: c_int) -> c_int;
    fn feraiseexcept(excepts: c_int) -> c_int;
}

/// The calling thread's floating-point exception flags before a kernel runs on it: the
/// kernels' intermediate steps (an infinite input scaled, a padded lane) may raise flags that
/// say nothing about the results, so [`restore`] puts back exactly what was set before (by
/// numpy's casts in the same call, say) and the loop then adds what the data shows.
///
/// On x86-64 the kernels and the loops use SSE/AVX only, so only MXCSR's six flag bits can
/// change: they are read and written directly (two instructions; the C library's
/// `feclearexcept` also reloads the x87 environment, which cost more than a kernel call on a
/// few hundred elements). Elsewhere the C library's `<fenv.h>` does it.
#[cfg(target_arch = "x86_64")]
pub fn save() -> u32 {
    #[allow(deprecated)]
    // SAFETY: reads this thread's MXCSR; no other effect.
    unsafe {
        std::arch::x86_64::_mm_getcsr()
    }
}

/// Puts back the flags [`save`] read (MXCSR's exception flag bits, 0x3f; the control bits are
/// left as they are).
#[cfg(target_arch = "x86_64")]
pub fn restore(saved: u32) {
    #[allow(deprecated)]
    // SAFETY: rewrites only the six sticky exception flags of this thread's MXCSR; no trap is
    // unmasked by numpy, and the control bits are written back unchanged.
    unsafe {
        let now = std::arch::x86_64::_mm_getcsr();
        if now & 0x3f != saved & 0x3f {
            std::arch::x86_64::_mm_setcsr((now & !0x3f) | (saved & 0x3f));
        }
    }
}

/// See the x86-64 [`save`].
#[cfg(not(target_arch = "x86_64"))]
pub fn save() -> u32 {
    if FE_ALL_EXCEPT == 0 {
        return 0;
    }
    // SAFETY: reads this thread's floating-point status; no other effect.
    unsafe { fetestexcept(FE_ALL_EXCEPT) as u32 }
}

/// See the x86-64 [`restore`].
#[cfg(not(target_arch = "x86_64"))]
pub fn restore(saved: u32) {
    if FE_ALL_EXCEPT == 0 {
        return;
    }
    // SAFETY: clears and sets this thread's floating-point status flags (no traps are enabled
    // by numpy; with traps enabled the flags were already raised before the kernel ran).
    unsafe {
        feclearexcept(FE_ALL_EXCEPT);
        if saved != 0 {
            feraiseexcept(saved as c_int);
        }
    }
}

/// The flags of one element of a two-input function: NaN out of numbers is invalid, an
/// infinity out of finite inputs is a pole (the first input among the rule's poles:
/// `pow(0, y < 0)`, divide by zero) or an overflow.
#[inline]
pub fn classify2(rule: &Rule, a: f64, b: f64, r: f64) -> u8 {
    if r.is_nan() && !a.is_nan() && !b.is_nan() {
        INVALID
    } else if r.is_infinite() && a.is_finite() && b.is_finite() {
        if rule.poles.contains(a) {
            DIVIDE
        } else {
            OVERFLOW
        }
    } else {
        0
    }
}

/// The flags of a two-input block (`out = f(x, y)`; `x(i)`, `y(i)` the inputs): a vector scan
/// of the outputs for NaN or ±inf, and only where one is, a look at each element.
#[inline]
pub fn flags2<T: Elem>(
    rule: &Rule,
    x: impl Fn(usize) -> T,
    y: impl Fn(usize) -> T,
    out: &[T],
) -> u8 {
    if !any_nonfinite(out) {
        return 0;
    }
    let mut fl = 0;
    for (i, r) in out.iter().enumerate() {
        fl |= classify2(rule, x(i).f64(), y(i).f64(), r.f64());
    }
    fl
}

/// The flags of a one-input, two-output block (`sincos`): NaN out of a number is invalid.
/// `sincos` gives NaN only for a NaN or infinite input, so one scan of the inputs (not two of
/// the outputs) decides whether to look closer.
#[inline]
pub fn flags_pair<T: Elem>(x: &[T], a: &[T], b: &[T]) -> u8 {
    if !any_nonfinite(x) {
        return 0;
    }
    let mut fl = 0;
    for i in 0..x.len() {
        if !x[i].f64().is_nan() && (a[i].f64().is_nan() || b[i].f64().is_nan()) {
            fl |= INVALID;
        }
    }
    fl
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
