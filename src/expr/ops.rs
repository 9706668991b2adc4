//! The elementwise operations of an expression that are not registry functions (`+ - * /`,
//! unary minus, `abs`, `sqrt`, `fma`, `min`, `max`, comparisons, `where`), one entry point per
//! operation, type and instruction set.
//!
//! Each body is a plain `#[inline(always)]` generic loop over slices, and each entry point is
//! that body inside a `#[target_feature]` function (a monomorphized generic, so the body is
//! inlined and auto-vectorized for the instruction set; no closure or function pointer
//! crosses the boundary inside the loop: DESIGN.md's inlining trap). Rust never contracts
//! `a * b + c` into an FMA nor reassociates, so every element is rounded exactly as numpy's
//! one-operation-at-a-time loops round it, on every instruction set.

use super::parse::Op;
use crate::Isa;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// An entry point of a one-, two- or three-operand operation over `n` elements:
/// `dst[i] = op(a[i], b[i], c[i])` (operands beyond the operation's arity are ignored). The
/// checked entry points (`CK`) return whether any result is NaN or ±inf, tested in the same
/// loop; the others return `false`.
///
/// # Safety
/// Each operand the operation reads must be valid for `n` reads (or for one read where the
/// entry point is a scalar form, see [`entry`]), `dst` for `n` writes and must not overlap any
/// operand; the CPU must run the instruction set.
pub(crate) type OpEntry<T> =
    unsafe fn(a: *const T, b: *const T, c: *const T, dst: *mut T, n: usize) -> bool;

/// The element types the operations run on.
pub(crate) trait Arith:
    Copy
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + 'static
{
    const ZERO: Self;
    const ONE: Self;
    const INFINITY: Self;
    fn abs(self) -> Self;
    fn sqrt(self) -> Self;
    fn is_nan(self) -> bool;
    fn mul_add(self, b: Self, c: Self) -> Self;
}

macro_rules! arith {
    ($T:ty) => {
        impl Arith for $T {
            const ZERO: $T = 0.0;
            const ONE: $T = 1.0;
            const INFINITY: $T = <$T>::INFINITY;
            #[inline(always)]
            fn abs(self) -> $T {
                <$T>::abs(self)
            }
            #[inline(always)]
            fn sqrt(self) -> $T {
                <$T>::sqrt(self)
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                <$T>::is_nan(self)
            }
            #[inline(always)]
            fn mul_add(self, b: $T, c: $T) -> $T {
                <$T>::mul_add(self, b, c)
            }
        }
    };
}
arith!(f64);
arith!(f32);

/// How an operation's second operand is read: `Vector` (n elements) or `Scalar` (one element,
/// the same for every `i`: an arithmetic operation with a literal or scalar input).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// Every operand a vector.
    Vector,
    /// First operand a vector, second one scalar (two-operand operations).
    VecScalar,
    /// First operand one scalar, second a vector (two-operand operations).
    ScalarVec,
}

const VV: u8 = 0;
const VS: u8 = 1;
const SV: u8 = 2;

/// The scalar function of a two-operand operation.
#[inline(always)]
fn bin<T: Arith, const OP: u8>(a: T, b: T) -> T {
    let t = |c: bool| if c { T::ONE } else { T::ZERO };
    match OP {
        0 => a + b,
        1 => a - b,
        2 => a * b,
        3 => a / b,
        4 => {
            if a.is_nan() || a < b {
                a
            } else {
                b
            }
        }
        5 => {
            if a.is_nan() || a > b {
                a
            } else {
                b
            }
        }
        6 => t(a < b),
        7 => t(a <= b),
        8 => t(a > b),
        9 => t(a >= b),
        10 => t(a == b),
        _ => t(a != b),
    }
}

/// `dst[i] = bin::<OP>(a[i] or a, b[i] or b)`.
///
/// # Safety
/// As [`OpEntry`].
#[inline(always)]
unsafe fn bin_body<T: Arith, const OP: u8, const FORM: u8, const CK: bool>(
    a: *const T,
    b: *const T,
    dst: *mut T,
    n: usize,
) -> bool {
    let mut bad = false;
    // SAFETY: the caller guarantees `dst` is valid for `n` writes and overlaps no operand.
    let d = unsafe { std::slice::from_raw_parts_mut(dst, n) };
    match FORM {
        VV => {
            // SAFETY: both operands are valid for `n` reads (the caller's contract).
            let (a, b) = unsafe {
                (
                    std::slice::from_raw_parts(a, n),
                    std::slice::from_raw_parts(b, n),
                )
            };
            for ((d, &a), &b) in d.iter_mut().zip(a).zip(b) {
                let r = bin::<T, OP>(a, b);
                *d = r;
                bad |= CK && nonfinite(r);
            }
        }
        VS => {
            // SAFETY: `a` is valid for `n` reads, `b` for one.
            let (a, b) = unsafe { (std::slice::from_raw_parts(a, n), *b) };
            for (d, &a) in d.iter_mut().zip(a) {
                let r = bin::<T, OP>(a, b);
                *d = r;
                bad |= CK && nonfinite(r);
            }
        }
        _ => {
            // SAFETY: `a` is valid for one read, `b` for `n`.
            let (a, b) = unsafe { (*a, std::slice::from_raw_parts(b, n)) };
            for (d, &b) in d.iter_mut().zip(b) {
                let r = bin::<T, OP>(a, b);
                *d = r;
                bad |= CK && nonfinite(r);
            }
        }
    }
    bad
}

/// How a fused pair's second operation takes its other operand `c` and the first result `r`:
/// `r op c[i]`, `r op c`, `c[i] op r` or `c op r` (see [`entry2`]).
const RV: u8 = 0;
const RS: u8 = 1;
const VR: u8 = 2;

/// `dst[i] = bin::<OP2>(r, c)` (in the order `ORD` gives) with `r = bin::<OP1>(a[i] or a,
/// b[i] or b)`: two arithmetic operations in one pass, each rounded as alone (the first
/// result is an `f32`/`f64` value, as it would be in memory), so an expression's chain of
/// operations costs one pass over L1 instead of two. The checked form reports NaN or ±inf in
/// either result.
///
/// # Safety
/// As [`OpEntry`]: `a` and `b` as for `FORM`, `c` for `n` reads (`ORD` `RV`, `VR`) or one.
#[inline(always)]
unsafe fn bin2_body<
    T: Arith,
    const OP1: u8,
    const FORM: u8,
    const OP2: u8,
    const ORD: u8,
    const CK: bool,
>(
    a: *const T,
    b: *const T,
    c: *const T,
    dst: *mut T,
    n: usize,
) -> bool {
    let mut bad = false;
    // Operand `i` of a vector (`n` reads) or a scalar (one read, the same for every `i`).
    // SAFETY: the caller's contract; the index is below `n`.
    let at = |p: *const T, vector: bool, i: usize| unsafe { if vector { *p.add(i) } else { *p } };
    // SAFETY: the caller guarantees `dst` is valid for `n` writes and overlaps no operand.
    let d = unsafe { std::slice::from_raw_parts_mut(dst, n) };
    for (i, d) in d.iter_mut().enumerate() {
        let r = bin::<T, OP1>(at(a, FORM != SV, i), at(b, FORM != VS, i));
        let cv = at(c, ORD == RV || ORD == VR, i);
        let q = if ORD == RV || ORD == RS {
            bin::<T, OP2>(r, cv)
        } else {
            bin::<T, OP2>(cv, r)
        };
        *d = q;
        bad |= CK && (nonfinite(r) || nonfinite(q));
    }
    bad
}

/// `dst[i] = un::<OP>(a[i])`: 0 negative, 1 absolute, 2 sqrt, 3 copy.
///
/// # Safety
/// As [`OpEntry`].
#[inline(always)]
unsafe fn un_body<T: Arith, const OP: u8, const CK: bool>(
    a: *const T,
    dst: *mut T,
    n: usize,
) -> bool {
    let mut bad = false;
    // SAFETY: `a` is valid for `n` reads, `dst` for `n` writes, and they do not overlap.
    let (a, d) = unsafe {
        (
            std::slice::from_raw_parts(a, n),
            std::slice::from_raw_parts_mut(dst, n),
        )
    };
    for (d, &a) in d.iter_mut().zip(a) {
        let r = match OP {
            0 => -a,
            1 => a.abs(),
            2 => a.sqrt(),
            _ => a,
        };
        *d = r;
        bad |= CK && nonfinite(r);
    }
    bad
}

/// NaN or ±inf (`!(|r| < inf)`: a comparison the loops vectorize, OR-ed over the elements).
#[inline(always)]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // on purpose: true for NaN, where `<` is false
fn nonfinite<T: Arith>(r: T) -> bool {
    !(r.abs() < T::INFINITY)
}

/// `dst[i] = fma(a[i], b[i], c[i])` (`OP` 0) or `where(a[i], b[i], c[i])` (`OP` 1).
///
/// # Safety
/// As [`OpEntry`].
#[inline(always)]
unsafe fn tri_body<T: Arith, const OP: u8, const CK: bool>(
    a: *const T,
    b: *const T,
    c: *const T,
    dst: *mut T,
    n: usize,
) -> bool {
    let mut bad = false;
    // SAFETY: the three operands are valid for `n` reads, `dst` for `n` writes, and `dst`
    // overlaps none of them.
    let (a, b, c, d) = unsafe {
        (
            std::slice::from_raw_parts(a, n),
            std::slice::from_raw_parts(b, n),
            std::slice::from_raw_parts(c, n),
            std::slice::from_raw_parts_mut(dst, n),
        )
    };
    for (((d, &a), &b), &c) in d.iter_mut().zip(a).zip(b).zip(c) {
        let r = if OP == 0 {
            a.mul_add(b, c)
        } else if a != T::ZERO {
            b
        } else {
            c
        };
        *d = r;
        bad |= CK && nonfinite(r);
    }
    bad
}

/// Stamps one module of entry points for an instruction set, compiled for the target features
/// of the backend module of the same name (its `isa!`).
macro_rules! isa_ops {
    ($m:ident) => {
        pub(crate) mod $m {
            use super::*;
            simdmath_kernels::backend::$m::isa! { target_feature
                /// # Safety
                /// As [`OpEntry`].
                pub(crate) unsafe fn bin<T: Arith, const OP: u8, const FORM: u8, const CK: bool>(
                    a: *const T, b: *const T, _c: *const T, dst: *mut T, n: usize,
                ) -> bool {
                    // SAFETY: the caller's contract is `bin_body`'s.
                    unsafe { bin_body::<T, OP, FORM, CK>(a, b, dst, n) }
                }
                /// # Safety
                /// As [`OpEntry`] (and `bin2_body`).
                pub(crate) unsafe fn bin2<
                    T: Arith,
                    const OP1: u8,
                    const FORM: u8,
                    const OP2: u8,
                    const ORD: u8,
                    const CK: bool,
                >(
                    a: *const T, b: *const T, c: *const T, dst: *mut T, n: usize,
                ) -> bool {
                    // SAFETY: the caller's contract is `bin2_body`'s.
                    unsafe { bin2_body::<T, OP1, FORM, OP2, ORD, CK>(a, b, c, dst, n) }
                }
                /// # Safety
                /// As [`OpEntry`].
                pub(crate) unsafe fn un<T: Arith, const OP: u8, const CK: bool>(
                    a: *const T, _b: *const T, _c: *const T, dst: *mut T, n: usize,
                ) -> bool {
                    // SAFETY: the caller's contract is `un_body`'s.
                    unsafe { un_body::<T, OP, CK>(a, dst, n) }
                }
                /// # Safety
                /// As [`OpEntry`].
                pub(crate) unsafe fn tri<T: Arith, const OP: u8, const CK: bool>(
                    a: *const T, b: *const T, c: *const T, dst: *mut T, n: usize,
                ) -> bool {
                    // SAFETY: the caller's contract is `tri_body`'s.
                    unsafe { tri_body::<T, OP, CK>(a, b, c, dst, n) }
                }
            }
        }
    };
}

isa_ops!(portable);
#[cfg(target_arch = "x86_64")]
isa_ops!(avx2);
#[cfg(target_arch = "x86_64")]
isa_ops!(avx512);

macro_rules! pick {
    ($isa:expr, $f:ident :: <$($g:tt),*>) => {
        match $isa {
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => avx512::$f::<$($g),*> as OpEntry<T>,
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => avx2::$f::<$($g),*> as OpEntry<T>,
            _ => portable::$f::<$($g),*> as OpEntry<T>,
        }
    };
}

macro_rules! pick_bin {
    ($isa:expr, $form:expr, $op:literal, $ck:tt) => {
        match $form {
            Form::Vector => pick!($isa, bin::<T, $op, VV, $ck>),
            Form::VecScalar => pick!($isa, bin::<T, $op, VS, $ck>),
            Form::ScalarVec => pick!($isa, bin::<T, $op, SV, $ck>),
        }
    };
}

/// How the second operation of a fused pair ([`entry2`]) takes the first one's result `r` and
/// its other operand `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// `r op c[i]`.
    RVec,
    /// `r op c`, `c` one value.
    RScalar,
    /// `c[i] op r`.
    VecR,
    /// `c op r`, `c` one value.
    ScalarR,
}

/// The arithmetic operations a fused pair takes (`+ - * /`), by their `bin` number.
pub(crate) fn fusable(op: Op) -> Option<u8> {
    match op {
        Op::Add => Some(0),
        Op::Sub => Some(1),
        Op::Mul => Some(2),
        Op::Div => Some(3),
        _ => None,
    }
}

macro_rules! pick_ord {
    ($isa:expr, $op1:literal, $f:ident, $op2:literal, $ord:expr, $ck:tt) => {
        match $ord {
            Order::RVec => pick!($isa, bin2::<T, $op1, $f, $op2, RV, $ck>),
            Order::RScalar => pick!($isa, bin2::<T, $op1, $f, $op2, RS, $ck>),
            Order::VecR => pick!($isa, bin2::<T, $op1, $f, $op2, VR, $ck>),
            Order::ScalarR => pick!($isa, bin2::<T, $op1, $f, $op2, 3, $ck>),
        }
    };
}

macro_rules! pick_op2 {
    ($isa:expr, $op1:literal, $f:ident, $op2:expr, $ord:expr, $ck:tt) => {
        match $op2 {
            0 => pick_ord!($isa, $op1, $f, 0, $ord, $ck),
            1 => pick_ord!($isa, $op1, $f, 1, $ord, $ck),
            2 => pick_ord!($isa, $op1, $f, 2, $ord, $ck),
            _ => pick_ord!($isa, $op1, $f, 3, $ord, $ck),
        }
    };
}

macro_rules! pick_form {
    ($isa:expr, $op1:literal, $form:expr, $op2:expr, $ord:expr, $ck:tt) => {
        match $form {
            Form::Vector => pick_op2!($isa, $op1, VV, $op2, $ord, $ck),
            Form::VecScalar => pick_op2!($isa, $op1, VS, $op2, $ord, $ck),
            Form::ScalarVec => pick_op2!($isa, $op1, SV, $op2, $ord, $ck),
        }
    };
}

/// The entry point of a fused pair of arithmetic operations: `op1` (`+ - * /` as
/// [`fusable`] numbers them) on `a`, `b` in `form`, then `op2` on its result and `c` in the
/// order `ord` (see `bin2_body`), as `dst[i]`; the same bits as the two operations one after
/// the other through a temporary.
pub(crate) fn entry2<T: Arith>(
    isa: Isa,
    op1: u8,
    form: Form,
    op2: u8,
    ord: Order,
    checked: bool,
) -> OpEntry<T> {
    if checked {
        entry2_ck::<T, true>(isa, op1, form, op2, ord)
    } else {
        entry2_ck::<T, false>(isa, op1, form, op2, ord)
    }
}

fn entry2_ck<T: Arith, const CK: bool>(
    isa: Isa,
    op1: u8,
    form: Form,
    op2: u8,
    ord: Order,
) -> OpEntry<T> {
    match op1 {
        0 => pick_form!(isa, 0, form, op2, ord, CK),
        1 => pick_form!(isa, 1, form, op2, ord, CK),
        2 => pick_form!(isa, 2, form, op2, ord, CK),
        _ => pick_form!(isa, 3, form, op2, ord, CK),
    }
}

/// The entry point of `op` in `form` on `isa` (which the caller has checked this CPU runs), with
/// `checked` the one that reports NaN or ±inf results ([`OpEntry`]). Three-operand operations
/// and one-operand ones only come in [`Form::Vector`].
pub(crate) fn entry<T: Arith>(isa: Isa, op: Op, form: Form, checked: bool) -> OpEntry<T> {
    if checked {
        entry_ck::<T, true>(isa, op, form)
    } else {
        entry_ck::<T, false>(isa, op, form)
    }
}

fn entry_ck<T: Arith, const CK: bool>(isa: Isa, op: Op, form: Form) -> OpEntry<T> {
    debug_assert!(form == Form::Vector || op.arity() == 2);
    match op {
        Op::Neg => pick!(isa, un::<T, 0, CK>),
        Op::Abs => pick!(isa, un::<T, 1, CK>),
        Op::Sqrt => pick!(isa, un::<T, 2, CK>),
        Op::Copy => pick!(isa, un::<T, 3, CK>),
        Op::Add => pick_bin!(isa, form, 0, CK),
        Op::Sub => pick_bin!(isa, form, 1, CK),
        Op::Mul => pick_bin!(isa, form, 2, CK),
        Op::Div => pick_bin!(isa, form, 3, CK),
        Op::Min => pick_bin!(isa, form, 4, CK),
        Op::Max => pick_bin!(isa, form, 5, CK),
        Op::Lt => pick_bin!(isa, form, 6, CK),
        Op::Le => pick_bin!(isa, form, 7, CK),
        Op::Gt => pick_bin!(isa, form, 8, CK),
        Op::Ge => pick_bin!(isa, form, 9, CK),
        Op::Eq => pick_bin!(isa, form, 10, CK),
        Op::Ne => pick_bin!(isa, form, 11, CK),
        Op::Fma => pick!(isa, tri::<T, 0, CK>),
        Op::Where => pick!(isa, tri::<T, 1, CK>),
    }
}
