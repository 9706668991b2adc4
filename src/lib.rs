//! # simdmath
//!
//! Elementary functions (`exp`, `log`, `sin`, `cos`) over large `f32`/`f64` slices, on SIMD
//! lanes, with the best instruction set chosen at run time (AVX-512, AVX2+FMA, or the portable
//! `wide` backend), and a stated, measured error bound: every result is within 1 ulp (integer
//! distance) of the correctly rounded value, for every input, on every backend.
//!
//! ```
//! let x: Vec<f64> = (0..1000).map(|i| i as f64 * 0.01).collect();
//! let mut y = vec![0.0; x.len()];
//! simdmath::exp(&x, &mut y);                       // out of place, one thread, best ISA
//! assert_eq!(y[0], 1.0);
//! simdmath::eval(simdmath::Func::Log, &y.clone(), &mut y); // any registered function
//! assert!((y[500] - 5.0).abs() < 1e-15);
//! ```
//!
//! The math lives in the `simdmath-kernels` crate (`kernels/`); this crate adds dispatch, the
//! slice API and the command-line tool.
#![warn(missing_docs)]

mod apply;
pub mod expr;
mod func;
mod isa;
mod pool;
pub mod random;
mod streaming;
mod topology;
pub mod ulp;

pub use apply::{Operands, apply, eval_checked};
pub use expr::{
    DEFAULT_BLOCK_BYTES, Expr, ExprError, ExprErrorKind, Gather, Input, Inspect, Operand, StepKind,
    expr_functions,
};
pub use func::*;
pub use isa::{Isa, IsaError};
pub use pool::{Pool, PoolError, copy_with, filled_vec, read_write_in_place};
pub use simdmath_kernels::{FuncInfo, registry::Points};
pub use streaming::{streaming_threshold, streams, streams_arrays, streams_to};
pub use topology::Topology;

use simdmath_kernels::backend::{self, Checked, Entry, EntryPf, Kernel};

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// An element type the functions accept: `f32` or `f64`.
///
/// ```
/// fn first_exp<T: simdmath::Real>(x: &[T]) -> Vec<T> {
///     let mut y = x.to_vec();
///     simdmath::eval_in_place(simdmath::Func::Exp, &mut y);
///     y
/// }
/// assert_eq!(first_exp(&[0.0f32])[0], 1.0);
/// ```
pub trait Real:
    sealed::Sealed + Copy + Send + Sync + Default + PartialOrd + std::fmt::Debug + 'static
{
    /// `"f32"` or `"f64"`.
    const NAME: &'static str;
    #[doc(hidden)]
    fn kernel(isa: Isa, f: Func) -> Kernel<Self>;
    /// The correctly rounded tier's kernel (`None`: no such kernel for this type).
    #[doc(hidden)]
    fn cr_kernel(isa: Isa, f: Func) -> Option<Kernel<Self>>;
    /// The backend's entry loop with no math (see `backend::*::COPY`).
    #[doc(hidden)]
    fn copy_entry(isa: Isa) -> Entry<Self>;
    /// [`Real::kernel`]'s streaming entry points (`backend::*::F64_STREAM`): the output
    /// written with non-temporal stores.
    #[doc(hidden)]
    fn kernel_stream(isa: Isa, f: Func) -> Kernel<Self>;
    /// [`Real::cr_kernel`]'s streaming entry points.
    #[doc(hidden)]
    fn cr_kernel_stream(isa: Isa, f: Func) -> Option<Kernel<Self>>;
    /// [`Real::copy_entry`] with non-temporal stores (`backend::*::COPY_STREAM`).
    #[doc(hidden)]
    fn copy_stream_entry(isa: Isa) -> Entry<Self>;
    /// [`Real::copy_entry`]'s loop with its prefetch stream and store policy given
    /// (`backend::*::COPY_PREFETCHING`).
    #[doc(hidden)]
    fn copy_prefetching(isa: Isa) -> EntryPf<Self>;
    /// [`Real::kernel`]'s checked twins (`backend::*::F64_CHECKED`), or with `stream`
    /// [`Real::kernel_stream`]'s (`F64_STREAM_CHECKED`).
    #[doc(hidden)]
    fn kernel_checked(isa: Isa, f: Func, stream: bool) -> Checked<Self>;
    /// [`Real::cr_kernel`]'s checked twins, or with `stream` [`Real::cr_kernel_stream`]'s.
    #[doc(hidden)]
    fn cr_kernel_checked(isa: Isa, f: Func, stream: bool) -> Option<Checked<Self>>;
    /// [`Real::kernel`]'s loop with its prefetch stream and store policy given
    /// (`backend::*::F64_PREFETCHING`), for the one-input functions; `None` for the others.
    #[doc(hidden)]
    fn kernel_prefetching(isa: Isa, f: Func) -> Option<EntryPf<Self>>;
    #[doc(hidden)]
    fn to_f64(self) -> f64;
    #[doc(hidden)]
    fn from_f64(x: f64) -> Self;
    /// The largest value below `self`.
    #[doc(hidden)]
    fn below(self) -> Self;
    /// `lo + (hi - lo) * u`, at most `cap`, with `u` in `[0, 1)` from the high bits of `x`
    /// (see `random`).
    #[doc(hidden)]
    fn uniform_from_bits(x: u64, lo: Self, hi: Self, cap: Self) -> Self;
}

/// `backend::<isa's module>::$item`: the one place that maps an [`Isa`] to its backend module.
macro_rules! by_backend {
    ($isa:expr, $($item:tt)+) => {
        match $isa {
            Isa::Portable => backend::portable::$($item)+,
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => backend::avx2::$($item)+,
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => backend::avx512::$($item)+,
            #[cfg(target_arch = "aarch64")]
            Isa::Neon => backend::neon::$($item)+,
            #[allow(unreachable_patterns)]
            _ => unreachable!("{} has no backend in this build", $isa),
        }
    };
}

macro_rules! real {
    ($T:ty, $name:literal, $table:ident, $table_nt:ident, $table_ck:ident, $table_nt_ck:ident, $table_pf:ident, $copy:tt, $cr:expr, $cr_nt:expr, $cr_ck:expr) => {
        impl Real for $T {
            const NAME: &'static str = $name;
            #[inline]
            fn kernel(isa: Isa, f: Func) -> Kernel<$T> {
                by_backend!(isa, $table[f.index()])
            }
            #[inline]
            fn cr_kernel(isa: Isa, f: Func) -> Option<Kernel<$T>> {
                #[allow(clippy::redundant_closure_call)]
                ($cr)(isa, f)
            }
            #[inline]
            fn copy_entry(isa: Isa) -> Entry<$T> {
                by_backend!(isa, COPY.$copy)
            }
            #[inline]
            fn kernel_stream(isa: Isa, f: Func) -> Kernel<$T> {
                by_backend!(isa, $table_nt[f.index()])
            }
            #[inline]
            fn cr_kernel_stream(isa: Isa, f: Func) -> Option<Kernel<$T>> {
                #[allow(clippy::redundant_closure_call)]
                ($cr_nt)(isa, f)
            }
            #[inline]
            fn copy_stream_entry(isa: Isa) -> Entry<$T> {
                by_backend!(isa, COPY_STREAM.$copy)
            }
            #[inline]
            fn copy_prefetching(isa: Isa) -> EntryPf<$T> {
                by_backend!(isa, COPY_PREFETCHING.$copy)
            }
            #[inline]
            fn kernel_checked(isa: Isa, f: Func, stream: bool) -> Checked<$T> {
                if stream {
                    by_backend!(isa, $table_nt_ck[f.index()])
                } else {
                    by_backend!(isa, $table_ck[f.index()])
                }
            }
            #[inline]
            fn cr_kernel_checked(isa: Isa, f: Func, stream: bool) -> Option<Checked<$T>> {
                #[allow(clippy::redundant_closure_call)]
                ($cr_ck)(isa, f, stream)
            }
            #[inline]
            fn kernel_prefetching(isa: Isa, f: Func) -> Option<EntryPf<$T>> {
                by_backend!(isa, $table_pf[f.index()])
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn from_f64(x: f64) -> $T {
                x as $T
            }
            #[inline(always)]
            fn below(self) -> $T {
                self.next_down()
            }
            #[inline(always)]
            fn uniform_from_bits(x: u64, lo: $T, hi: $T, cap: $T) -> $T {
                const BITS: u32 = <$T>::MANTISSA_DIGITS;
                let u = (x >> (64 - BITS)) as $T * (1.0 / (1u64 << BITS) as $T);
                let r = lo + (hi - lo) * u;
                if r > cap { cap } else { r }
            }
        }
    };
}
real!(
    f64,
    "f64",
    F64,
    F64_STREAM,
    F64_CHECKED,
    F64_STREAM_CHECKED,
    F64_PREFETCHING,
    0,
    |_: Isa, _: Func| None,
    |_: Isa, _: Func| None,
    |_: Isa, _: Func, _: bool| None
);
real!(
    f32,
    "f32",
    F32,
    F32_STREAM,
    F32_CHECKED,
    F32_STREAM_CHECKED,
    F32_PREFETCHING,
    1,
    |isa: Isa, f: Func| by_backend!(isa, F32_CR[f.index()]),
    |isa: Isa, f: Func| by_backend!(isa, F32_CR_STREAM[f.index()]),
    |isa: Isa, f: Func, stream: bool| if stream {
        by_backend!(isa, F32_CR_STREAM_CHECKED[f.index()])
    } else {
        by_backend!(isa, F32_CR_CHECKED[f.index()])
    }
);

/// An accuracy tier: which kernel [`eval_with_accuracy`] runs.
///
/// ```
/// use simdmath::Accuracy;
/// assert_eq!(Accuracy::default(), Accuracy::Faithful);
/// assert_eq!("cr".parse::<Accuracy>(), Ok(Accuracy::CorrectlyRounded));
/// assert_eq!(Accuracy::CorrectlyRounded.to_string(), "cr");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Accuracy {
    /// Within 1 ulp (integer distance) of the correctly rounded result, every type and
    /// function: the registry's `max_ulp_f64` / `max_ulp_f32`. What [`eval`] runs.
    #[default]
    Faithful,
    /// The correctly rounded result (0 ulp: the float nearest the exact value, the same bits
    /// as core-math) for every input: `f32` one-input functions (`sincos` too), checked on all
    /// 2^32 inputs (`Func::info().max_ulp_f32_cr`). `f64` has no such tier yet.
    CorrectlyRounded,
}

impl Accuracy {
    /// Both tiers.
    ///
    /// ```
    /// assert_eq!(simdmath::Accuracy::ALL.len(), 2);
    /// ```
    pub const ALL: &'static [Accuracy] = &[Accuracy::Faithful, Accuracy::CorrectlyRounded];

    /// `"faithful"` or `"cr"`, as the CLI's `--accuracy` takes them.
    ///
    /// ```
    /// assert_eq!(simdmath::Accuracy::Faithful.name(), "faithful");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Accuracy::Faithful => "faithful",
            Accuracy::CorrectlyRounded => "cr",
        }
    }

    /// The stated bound (max integer distance to the correctly rounded result) of `f` for
    /// element type `T` in this tier; `None` where the tier has no kernel for it.
    ///
    /// ```
    /// use simdmath::{Accuracy, Func};
    /// assert_eq!(Accuracy::CorrectlyRounded.bound::<f32>(Func::Exp), Some(0));
    /// assert_eq!(Accuracy::CorrectlyRounded.bound::<f64>(Func::Exp), None);
    /// assert_eq!(Accuracy::Faithful.bound::<f64>(Func::Exp), Some(1));
    /// ```
    pub fn bound<T: Real>(self, f: Func) -> Option<u32> {
        let i = f.info();
        match (self, T::NAME) {
            (Accuracy::Faithful, "f64") => Some(i.max_ulp_f64),
            (Accuracy::Faithful, _) => Some(i.max_ulp_f32),
            (Accuracy::CorrectlyRounded, "f32") => i.max_ulp_f32_cr,
            (Accuracy::CorrectlyRounded, _) => None,
        }
    }
}

impl std::fmt::Display for Accuracy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Accuracy {
    type Err = String;
    fn from_str(s: &str) -> Result<Accuracy, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "faithful" => Ok(Accuracy::Faithful),
            "cr" | "correctly-rounded" | "correctlyrounded" => Ok(Accuracy::CorrectlyRounded),
            _ => Err(format!("unknown accuracy '{s}' (valid: faithful, cr)")),
        }
    }
}

/// The kernel of `f` for `T` in tier `acc`, or a panic saying why there is none.
#[track_caller]
fn tier_kernel<T: Real>(isa: Isa, acc: Accuracy, f: Func, stream: bool) -> Kernel<T> {
    let cr = if stream {
        T::cr_kernel_stream
    } else {
        T::cr_kernel
    };
    match acc {
        Accuracy::Faithful if stream => T::kernel_stream(isa, f),
        Accuracy::Faithful => T::kernel(isa, f),
        Accuracy::CorrectlyRounded => match cr(isa, f) {
            Some(k) => k,
            None if T::NAME == "f64" => panic!(
                "simdmath: no correctly rounded f64 kernel exists yet ({f}): use Accuracy::Faithful (within 1 ulp) for f64"
            ),
            None => panic!(
                "simdmath: {f} has no correctly rounded tier (only one-input f32 functions have one): use Accuracy::Faithful"
            ),
        },
    }
}

/// `(out0[i], out1[i]) = f(x[i])` for a one-input, two-output function (`sincos`) on one thread
/// with the given instruction set and accuracy tier; `Accuracy::Faithful` is
/// [`eval_pair_with`]. The correctly rounded `sincos` is bit for bit that tier's `sin` and `cos`.
///
/// # Panics
/// As [`eval_pair_with`], or if the tier has no kernel for `f` and `T` (see
/// [`eval_with_accuracy`]).
///
/// ```
/// use simdmath::{Accuracy, Func, Isa};
/// let x = [0.5f32, 1e4, -3.0];
/// let (mut s, mut c) = ([0.0f32; 3], [0.0f32; 3]);
/// simdmath::eval_pair_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Sincos, &x, &mut s, &mut c);
/// let mut s2 = [0.0f32; 3];
/// simdmath::eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Sin, &x, &mut s2);
/// assert_eq!(s, s2);
/// ```
#[track_caller]
pub fn eval_pair_with_accuracy<T: Real>(
    isa: Isa,
    acc: Accuracy,
    f: Func,
    x: &[T],
    out0: &mut [T],
    out1: &mut [T],
) {
    crate::apply::apply_named(
        "eval_pair_with_accuracy",
        isa,
        acc,
        f,
        Operands::Pair(x, out0, out1),
    )
}

/// `out[i] = f(x[i])` on one thread with the given instruction set and accuracy tier;
/// `Accuracy::Faithful` is [`eval_with`].
///
/// # Panics
/// If `x` and `out` differ in length (the message names both lengths), if this CPU cannot
/// run `isa`, if `f` is not a one-input function, or if the tier has no kernel for `f` and
/// `T` (`CorrectlyRounded` with `f64`: none exists yet, and asking never silently gives a
/// faithful result).
///
/// ```
/// use simdmath::{Accuracy, Func, Isa};
/// let x = [1.0f32, 0.5, 88.0];
/// let mut y = [0.0f32; 3];
/// simdmath::eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Exp, &x, &mut y);
/// assert_eq!(y[0], std::f32::consts::E);
/// ```
#[track_caller]
pub fn eval_with_accuracy<T: Real>(isa: Isa, acc: Accuracy, f: Func, x: &[T], out: &mut [T]) {
    crate::apply::apply_named("eval_with_accuracy", isa, acc, f, Operands::Unary(x, out))
}

/// `xs[i] = f(xs[i])` in place on one thread with the given instruction set and tier.
///
/// # Panics
/// As [`eval_with_accuracy`].
///
/// ```
/// use simdmath::{Accuracy, Func, Isa};
/// let mut v = [1.0f32; 9];
/// simdmath::eval_in_place_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Log, &mut v);
/// assert_eq!(v, [0.0; 9]);
/// ```
#[track_caller]
pub fn eval_in_place_with_accuracy<T: Real>(isa: Isa, acc: Accuracy, f: Func, xs: &mut [T]) {
    crate::apply::apply_named(
        "eval_in_place_with_accuracy",
        isa,
        acc,
        f,
        Operands::UnaryInPlace(xs),
    )
}

#[track_caller]
fn check_lengths(what: &str, x: usize, out: usize) {
    if x != out {
        panic!("simdmath::{what}: input has {x} elements but output has {out}; they must be equal");
    }
}

#[track_caller]
fn check_isa(isa: Isa) {
    if let Err(e) = isa.require_available() {
        panic!("simdmath: {e}");
    }
}

/// The faithful kernel of `f`, with streaming stores or without.
#[inline]
fn kernel<T: Real>(isa: Isa, f: Func, stream: bool) -> Kernel<T> {
    if stream {
        T::kernel_stream(isa, f)
    } else {
        T::kernel(isa, f)
    }
}

/// The one-input entry point of `f`, or a panic naming the call a two-input function needs.
#[track_caller]
fn unary_entry<T: Real>(isa: Isa, f: Func, stream: bool) -> Entry<T> {
    match kernel::<T>(isa, f, stream) {
        Kernel::Unary(e) => e,
        Kernel::Binary(..) => panic!(
            "simdmath: {f} takes two inputs: call eval2 / eval2_scalar (or simdmath::{f}(x, y, out))"
        ),
        Kernel::Pair(_) => panic!(
            "simdmath: {f} has two outputs: call eval_pair (or simdmath::{f}(x, out0, out1))"
        ),
    }
}

/// `out[i] = f(x[i])` on one thread with [`Isa::best`].
///
/// # Panics
/// If `x` and `out` differ in length (the message names both lengths), if `f` takes two
/// inputs (use [`eval2`]), or if `SIMDMATH_ISA` is set to an unknown or unavailable
/// instruction set.
///
/// ```
/// let x = [0.0f32, 1.0];
/// let mut y = [0.0f32; 2];
/// simdmath::eval(simdmath::Func::Cos, &x, &mut y);
/// assert_eq!(y[0], 1.0);
/// ```
#[track_caller]
pub fn eval<T: Real>(f: Func, x: &[T], out: &mut [T]) {
    eval_with(Isa::best(), f, x, out)
}

/// `xs[i] = f(xs[i])` in place on one thread with [`Isa::best`].
///
/// # Panics
/// If `SIMDMATH_ISA` is set to an unknown or unavailable instruction set.
///
/// ```
/// let mut v = vec![1.0f64; 10];
/// simdmath::eval_in_place(simdmath::Func::Log, &mut v);
/// assert!(v.iter().all(|&y| y == 0.0));
/// ```
#[track_caller]
pub fn eval_in_place<T: Real>(f: Func, xs: &mut [T]) {
    eval_in_place_with(Isa::best(), f, xs)
}

/// `out[i] = f(x[i])` on one thread with the given instruction set.
///
/// # Panics
/// If `x` and `out` differ in length, or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa};
/// let x = [0.5f64; 7];
/// let (mut a, mut b) = ([0.0; 7], [0.0; 7]);
/// simdmath::eval_with(Isa::Portable, Func::Sin, &x, &mut a);
/// simdmath::eval_with(Isa::best(), Func::Sin, &x, &mut b);
/// assert!((a[6] - b[6]).abs() <= f64::EPSILON);
/// ```
#[track_caller]
pub fn eval_with<T: Real>(isa: Isa, f: Func, x: &[T], out: &mut [T]) {
    crate::apply::apply_named(
        "eval_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::Unary(x, out),
    )
}

/// `xs[i] = f(xs[i])` in place on one thread with the given instruction set.
///
/// # Panics
/// If this CPU cannot run `isa`.
///
/// ```
/// let mut v = [0.0f32; 3];
/// simdmath::eval_in_place_with(simdmath::Isa::Portable, simdmath::Func::Exp, &mut v);
/// assert_eq!(v, [1.0; 3]);
/// ```
#[track_caller]
pub fn eval_in_place_with<T: Real>(isa: Isa, f: Func, xs: &mut [T]) {
    crate::apply::apply_named(
        "eval_in_place_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::UnaryInPlace(xs),
    )
}

/// `out[i] = f(x[i], y[i])` for a two-input function (`pow`) on one thread with [`Isa::best`].
///
/// # Panics
/// If the lengths differ (the message names them), if `f` takes one input (use [`eval`]), or
/// if `SIMDMATH_ISA` is set to an unknown or unavailable instruction set.
///
/// ```
/// use simdmath::Func;
/// let (x, y) = ([2.0f64, 9.0, -2.0], [10.0, 0.5, 3.0]);
/// let mut out = [0.0; 3];
/// simdmath::eval2(Func::Pow, &x, &y, &mut out);
/// assert_eq!(out, [1024.0, 3.0, -8.0]);
/// ```
#[track_caller]
pub fn eval2<T: Real>(f: Func, x: &[T], y: &[T], out: &mut [T]) {
    eval2_with(Isa::best(), f, x, y, out)
}

/// [`eval2`] with the given instruction set.
///
/// # Panics
/// As [`eval2`], or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa};
/// let mut out = [0.0f32; 2];
/// simdmath::eval2_with(Isa::Portable, Func::Pow, &[4.0, 8.0], &[0.5, 1.0 / 3.0], &mut out);
/// assert_eq!(out, [2.0, 2.0]);
/// ```
#[track_caller]
pub fn eval2_with<T: Real>(isa: Isa, f: Func, x: &[T], y: &[T], out: &mut [T]) {
    crate::apply::apply_named(
        "eval2_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::Binary(x, y, out),
    )
}

/// `xs[i] = f(xs[i], y[i])` in place (into the first input) on one thread with the given
/// instruction set.
///
/// # Panics
/// As [`eval2_with`].
///
/// ```
/// use simdmath::{Func, Isa};
/// let mut v = [3.0f64, 2.0];
/// simdmath::eval2_in_place_with(Isa::best(), Func::Pow, &mut v, &[2.0, -1.0]);
/// assert_eq!(v, [9.0, 0.5]);
/// ```
#[track_caller]
pub fn eval2_in_place_with<T: Real>(isa: Isa, f: Func, xs: &mut [T], y: &[T]) {
    crate::apply::apply_named(
        "eval2_in_place_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::BinaryInPlace(xs, y),
    )
}

/// `out[i] = f(x[i], y)` with one scalar second input (`pow(x, 2.5)`), on one thread with
/// [`Isa::best`].
///
/// # Panics
/// As [`eval2`].
///
/// ```
/// use simdmath::Func;
/// let mut out = [0.0f64; 3];
/// simdmath::eval2_scalar(Func::Pow, &[1.0, 4.0, 16.0], 0.5, &mut out);
/// assert_eq!(out, [1.0, 2.0, 4.0]);
/// ```
#[track_caller]
pub fn eval2_scalar<T: Real>(f: Func, x: &[T], y: T, out: &mut [T]) {
    eval2_scalar_with(Isa::best(), f, x, y, out)
}

/// [`eval2_scalar`] with the given instruction set.
///
/// # Panics
/// As [`eval2_with`].
///
/// ```
/// use simdmath::{Func, Isa};
/// let mut out = [0.0f32; 2];
/// simdmath::eval2_scalar_with(Isa::Portable, Func::Pow, &[2.0, 3.0], 2.0, &mut out);
/// assert_eq!(out, [4.0, 9.0]);
/// ```
#[track_caller]
pub fn eval2_scalar_with<T: Real>(isa: Isa, f: Func, x: &[T], y: T, out: &mut [T]) {
    crate::apply::apply_named(
        "eval2_scalar_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::BinaryScalar(x, y, out),
    )
}

/// `xs[i] = f(xs[i], y)` in place with one scalar second input, on one thread with the given
/// instruction set.
///
/// # Panics
/// As [`eval2_with`].
///
/// ```
/// use simdmath::{Func, Isa};
/// let mut v = [2.0f64; 5];
/// simdmath::eval2_scalar_in_place_with(Isa::best(), Func::Pow, &mut v, 3.0);
/// assert_eq!(v, [8.0; 5]);
/// ```
#[track_caller]
pub fn eval2_scalar_in_place_with<T: Real>(isa: Isa, f: Func, xs: &mut [T], y: T) {
    crate::apply::apply_named(
        "eval2_scalar_in_place_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::BinaryScalarInPlace(xs, y),
    )
}

/// `(out0[i], out1[i]) = f(x[i])` for a one-input, two-output function (`sincos`: sine into
/// `out0`, cosine into `out1`) on one thread with [`Isa::best`], in one pass.
///
/// # Panics
/// If the lengths differ (the message names them), if `f` has one output, or if
/// `SIMDMATH_ISA` is set to an unknown or unavailable instruction set.
///
/// ```
/// use simdmath::Func;
/// let (mut s, mut c) = ([0.0f64; 2], [0.0f64; 2]);
/// simdmath::eval_pair(Func::Sincos, &[0.0, 1.0], &mut s, &mut c);
/// assert_eq!((s[0], c[0]), (0.0, 1.0));
/// ```
#[track_caller]
pub fn eval_pair<T: Real>(f: Func, x: &[T], out0: &mut [T], out1: &mut [T]) {
    eval_pair_with(Isa::best(), f, x, out0, out1)
}

/// [`eval_pair`] with the given instruction set.
///
/// # Panics
/// As [`eval_pair`], or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa};
/// let (mut s, mut c) = ([0.0f32; 3], [0.0f32; 3]);
/// simdmath::eval_pair_with(Isa::Portable, Func::Sincos, &[0.0, 0.5, 1.0], &mut s, &mut c);
/// assert_eq!(c[0], 1.0);
/// ```
#[track_caller]
pub fn eval_pair_with<T: Real>(isa: Isa, f: Func, x: &[T], out0: &mut [T], out1: &mut [T]) {
    crate::apply::apply_named(
        "eval_pair_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::Pair(x, out0, out1),
    )
}

/// `(xs[i], out1[i]) = f(xs[i])` with the first output in place (into the input) and the
/// second into `out1`, on one thread with the given instruction set.
///
/// # Panics
/// As [`eval_pair_with`].
///
/// ```
/// use simdmath::{Func, Isa};
/// let mut v = [0.0f64, 0.0];
/// let mut c = [0.0f64; 2];
/// simdmath::eval_pair_in_place_with(Isa::best(), Func::Sincos, &mut v, &mut c);
/// assert_eq!((v, c), ([0.0, 0.0], [1.0, 1.0]));
/// ```
#[track_caller]
pub fn eval_pair_in_place_with<T: Real>(isa: Isa, f: Func, xs: &mut [T], out1: &mut [T]) {
    crate::apply::apply_named(
        "eval_pair_in_place_with",
        isa,
        Accuracy::Faithful,
        f,
        Operands::PairInPlace(xs, out1),
    )
}
