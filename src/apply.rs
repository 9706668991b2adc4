//! One way to say a call's shape: [`Operands`] names the inputs and outputs of one call by the
//! function's arity (one input, two inputs, a scalar second input, two outputs; out of place
//! or in place), and [`apply`], [`crate::Pool::apply`] and [`eval_checked`] take it. Every
//! `eval*` function of the crate and of [`crate::Pool`] is one of these calls with its shape
//! spelled out, kept for convenience; the command-line tool passes an `Operands` through.

use crate::{Accuracy, Func, Isa, Real, check_isa, check_lengths, streams_to, tier_kernel};
use simdmath_kernels::backend::Kernel;

/// The operands of one call, by the function's shape. Out of place, inputs and outputs are
/// apart (`&` and `&mut`); in place, the first input is overwritten with the (first) output.
/// Every slice has the same length, checked by the call (a mismatch panics naming both
/// lengths). A call whose function has another shape panics naming the shape it needs.
///
/// ```
/// use simdmath::{Accuracy, Func, Isa, Operands};
/// let (x, mut y) = ([1.0f32; 4], [0.0f32; 4]);
/// assert_eq!(Operands::Unary(&x, &mut y).len(), 4);
/// let mut v = [2.0f64; 3];
/// simdmath::apply(Isa::best(), Accuracy::Faithful, Func::Pow, Operands::BinaryScalarInPlace(&mut v, 3.0));
/// assert_eq!(v, [8.0; 3]);
/// ```
#[derive(Debug)]
pub enum Operands<'a, T> {
    /// `out[i] = f(x[i])`: `(x, out)`.
    Unary(&'a [T], &'a mut [T]),
    /// `xs[i] = f(xs[i])`.
    UnaryInPlace(&'a mut [T]),
    /// `out[i] = f(x[i], y[i])`: `(x, y, out)`.
    Binary(&'a [T], &'a [T], &'a mut [T]),
    /// `xs[i] = f(xs[i], y[i])`: `(xs, y)`.
    BinaryInPlace(&'a mut [T], &'a [T]),
    /// `out[i] = f(x[i], y)`: `(x, y, out)`.
    BinaryScalar(&'a [T], T, &'a mut [T]),
    /// `xs[i] = f(xs[i], y)`: `(xs, y)`.
    BinaryScalarInPlace(&'a mut [T], T),
    /// `(out0[i], out1[i]) = f(x[i])`: `(x, out0, out1)`.
    Pair(&'a [T], &'a mut [T], &'a mut [T]),
    /// `(xs[i], out1[i]) = f(xs[i])`: the first output in place, `(xs, out1)`.
    PairInPlace(&'a mut [T], &'a mut [T]),
}

impl<T: Copy> Operands<'_, T> {
    /// The number of elements (of the first input).
    ///
    /// ```
    /// let (x, mut a, mut b) = ([0.5f64; 3], [0.0; 3], [0.0; 3]);
    /// assert_eq!(simdmath::Operands::Pair(&x, &mut a, &mut b).len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.raw().n
    }

    /// Whether there are no elements.
    ///
    /// ```
    /// let (x, mut y) = ([0.0f32; 0], [0.0f32; 0]);
    /// assert!(simdmath::Operands::Unary(&x, &mut y).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The same operands, borrowed again for a shorter time: to pass them to a call and use
    /// them after it.
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Operands};
    /// let (x, mut y) = ([0.0f64; 4], [9.0f64; 4]);
    /// let mut ops = Operands::Unary(&x, &mut y);
    /// let unusual = simdmath::eval_checked(Isa::best(), Accuracy::Faithful, Func::Sin, ops.reborrow(), false);
    /// assert!(unusual); // sin(0) = 0
    /// if let Operands::Unary(_, y) = ops {
    ///     assert_eq!(y, &[0.0; 4]);
    /// }
    /// ```
    pub fn reborrow(&mut self) -> Operands<'_, T> {
        match self {
            Operands::Unary(x, o) => Operands::Unary(x, o),
            Operands::UnaryInPlace(x) => Operands::UnaryInPlace(x),
            Operands::Binary(x, y, o) => Operands::Binary(x, y, o),
            Operands::BinaryInPlace(x, y) => Operands::BinaryInPlace(x, y),
            Operands::BinaryScalar(x, y, o) => Operands::BinaryScalar(x, *y, o),
            Operands::BinaryScalarInPlace(x, y) => Operands::BinaryScalarInPlace(x, *y),
            Operands::Pair(x, a, b) => Operands::Pair(x, a, b),
            Operands::PairInPlace(x, b) => Operands::PairInPlace(x, b),
        }
    }

    /// Whether the (first) output is the first input.
    ///
    /// ```
    /// let mut v = [1.0f32; 2];
    /// assert!(simdmath::Operands::UnaryInPlace(&mut v).in_place());
    /// ```
    pub fn in_place(&self) -> bool {
        matches!(
            self,
            Operands::UnaryInPlace(_)
                | Operands::BinaryInPlace(..)
                | Operands::BinaryScalarInPlace(..)
                | Operands::PairInPlace(..)
        )
    }

    /// The arrays an out-of-place call reads and writes (a scalar operand not counted): 2 for
    /// one input and one output, 3 for two inputs or two outputs; 0 in place, which never
    /// streams.
    ///
    /// ```
    /// use simdmath::Operands;
    /// let (x, y, mut a, mut b) = ([1.0f64; 4], [2.0f64; 4], [0.0f64; 4], [0.0f64; 4]);
    /// assert_eq!(Operands::Unary(&x, &mut a).arrays(), 2);
    /// assert_eq!(Operands::Binary(&x, &y, &mut a).arrays(), 3);
    /// assert_eq!(Operands::BinaryScalar(&x, 2.0, &mut a).arrays(), 2);
    /// assert_eq!(Operands::Pair(&x, &mut a, &mut b).arrays(), 3);
    /// assert_eq!(Operands::UnaryInPlace(&mut a).arrays(), 0);
    /// ```
    pub fn arrays(&self) -> usize {
        match self {
            _ if self.in_place() => 0,
            Operands::Binary(..) | Operands::Pair(..) => 3,
            _ => 2,
        }
    }

    /// Whether the call's output is written with non-temporal stores ([`crate::streams_to`]
    /// of [`Operands::arrays`], for each output): out of place only.
    pub(crate) fn streams(&self) -> bool {
        let (n, arrays) = (self.len(), self.arrays());
        match self {
            Operands::Unary(_, o) | Operands::Binary(_, _, o) | Operands::BinaryScalar(_, _, o) => {
                streams_to(o.as_ptr(), n, arrays)
            }
            Operands::Pair(_, a, b) => {
                streams_to(a.as_ptr(), n, arrays) && streams_to(b.as_ptr(), n, arrays)
            }
            // In place (`arrays` 0) never streams.
            _ => false,
        }
    }

    /// Panics naming both lengths where two slices differ (`what`: the caller).
    #[track_caller]
    pub(crate) fn check(&self, what: &str) {
        let n = self.len();
        let other = match self {
            Operands::Unary(_, o) | Operands::BinaryScalar(_, _, o) => o.len(),
            Operands::UnaryInPlace(_) | Operands::BinaryScalarInPlace(..) => n,
            // The message is formatted only for a mismatch: this runs once per call, and the
            // Python ufuncs call once per block.
            Operands::Binary(_, y, o) => {
                if y.len() != n {
                    check_lengths(&format!("{what} (x and y)"), n, y.len());
                }
                o.len()
            }
            Operands::BinaryInPlace(_, y) => y.len(),
            Operands::Pair(_, a, b) => {
                if a.len() != n {
                    check_lengths(&format!("{what} (x and out0)"), n, a.len());
                }
                b.len()
            }
            Operands::PairInPlace(_, b) => b.len(),
        };
        check_lengths(what, n, other);
    }

    /// The operands as pointers (the slices' lengths checked equal before).
    pub(crate) fn raw(&self) -> Raw<T> {
        let (shape, x, y, out0, out1) = match self {
            Operands::Unary(x, o) => (Shape::Unary, x.as_ptr(), None, o.as_ptr(), None),
            Operands::UnaryInPlace(x) => (Shape::Unary, x.as_ptr(), None, x.as_ptr(), None),
            Operands::Binary(x, y, o) => (
                Shape::Binary,
                x.as_ptr(),
                Some(Second::Slice(y.as_ptr())),
                o.as_ptr(),
                None,
            ),
            Operands::BinaryInPlace(x, y) => (
                Shape::Binary,
                x.as_ptr(),
                Some(Second::Slice(y.as_ptr())),
                x.as_ptr(),
                None,
            ),
            Operands::BinaryScalar(x, y, o) => (
                Shape::Binary,
                x.as_ptr(),
                Some(Second::Scalar(*y)),
                o.as_ptr(),
                None,
            ),
            Operands::BinaryScalarInPlace(x, y) => (
                Shape::Binary,
                x.as_ptr(),
                Some(Second::Scalar(*y)),
                x.as_ptr(),
                None,
            ),
            Operands::Pair(x, a, b) => {
                (Shape::Pair, x.as_ptr(), None, a.as_ptr(), Some(b.as_ptr()))
            }
            Operands::PairInPlace(x, b) => {
                (Shape::Pair, x.as_ptr(), None, x.as_ptr(), Some(b.as_ptr()))
            }
        };
        let n = match self {
            Operands::Unary(x, _)
            | Operands::Binary(x, ..)
            | Operands::BinaryScalar(x, ..)
            | Operands::Pair(x, ..) => x.len(),
            Operands::UnaryInPlace(x)
            | Operands::BinaryInPlace(x, _)
            | Operands::BinaryScalarInPlace(x, _)
            | Operands::PairInPlace(x, _) => x.len(),
        };
        Raw {
            shape,
            x,
            y,
            out0: out0.cast_mut(),
            out1: out1.map(<*const T>::cast_mut),
            n,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Unary,
    Binary,
    Pair,
}

#[derive(Clone, Copy)]
enum Second<T> {
    Slice(*const T),
    Scalar(T),
}

/// A call's operands as pointers: what a pool's workers share, each taking its own elements.
#[derive(Clone, Copy)]
pub(crate) struct Raw<T> {
    shape: Shape,
    x: *const T,
    y: Option<Second<T>>,
    out0: *mut T,
    out1: Option<*mut T>,
    /// Elements of every slice.
    pub(crate) n: usize,
}

// SAFETY: a `Raw` comes from one `Operands` borrowed for the whole call; the pool's workers only
// call [`Raw::part`] on disjoint element ranges, so no element is written by two threads or read
// by one while another writes it.
unsafe impl<T: Send> Sync for Raw<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for Raw<T> {}

impl<T: Copy> Raw<T> {
    /// Elements `s..e` of every operand.
    ///
    /// # Safety
    /// `s <= e <= n`, the `Operands` this came from is still borrowed, and no other part
    /// overlapping `s..e` is in use.
    pub(crate) unsafe fn part(self, s: usize, e: usize) -> Raw<T> {
        // SAFETY: within the slices (`e <= n`), per the contract.
        unsafe {
            Raw {
                shape: self.shape,
                x: self.x.add(s),
                y: self.y.map(|y| match y {
                    Second::Slice(p) => Second::Slice(p.add(s)),
                    Second::Scalar(v) => Second::Scalar(v),
                }),
                out0: self.out0.add(s),
                out1: self.out1.map(|p| p.add(s)),
                n: e - s,
            }
        }
    }

    /// Calls kernel `k` (of function `f`) on the operands: the entry point of their shape.
    ///
    /// # Safety
    /// Every pointer is valid for `n` elements (outputs for writes; an output equal to `x` is
    /// allowed, the entry points allow it), and the CPU runs the kernel's instruction set.
    #[track_caller]
    pub(crate) unsafe fn call<R>(self, k: Kernel<T, R>, f: Func) -> R {
        // SAFETY: per the contract; each arm passes the pointers the entry point's shape takes.
        unsafe {
            match (k, self.y, self.out1) {
                (Kernel::Unary(e), None, None) => e(self.x, self.out0, self.n),
                (Kernel::Binary(e, _), Some(Second::Slice(y)), None) => {
                    e(self.x, y, self.out0, self.n)
                }
                (Kernel::Binary(_, e), Some(Second::Scalar(y)), None) => {
                    e(self.x, y, self.out0, self.n)
                }
                (Kernel::Pair(e), None, Some(o1)) => e(self.x, self.out0, o1, self.n),
                (k, ..) => wrong_shape(f, &k),
            }
        }
    }
}

/// The panic for operands that do not fit `f`'s shape, naming the shape (and the call) it needs.
#[track_caller]
fn wrong_shape<T, R>(f: Func, k: &Kernel<T, R>) -> ! {
    match k {
        Kernel::Unary(_) => panic!(
            "simdmath: {f} takes one input and has one output: call eval / eval_in_place (Operands::Unary, UnaryInPlace)"
        ),
        Kernel::Binary(..) => panic!(
            "simdmath: {f} takes two inputs: call eval2 / eval2_scalar (Operands::Binary, BinaryScalar, or their InPlace forms)"
        ),
        Kernel::Pair(_) => {
            panic!("simdmath: {f} has two outputs: call eval_pair (Operands::Pair, PairInPlace)")
        }
    }
}

/// Panics on the caller's thread where `ops` do not fit `f`'s shape (before a pool splits them).
#[track_caller]
pub(crate) fn check_shape<T: Real, R>(f: Func, k: &Kernel<T, R>, ops: &Operands<'_, T>) {
    let shape = ops.raw().shape;
    let fits = matches!(
        (k, shape),
        (Kernel::Unary(_), Shape::Unary)
            | (Kernel::Binary(..), Shape::Binary)
            | (Kernel::Pair(_), Shape::Pair)
    );
    if !fits {
        wrong_shape(f, k)
    }
}

/// Evaluates `f` on `ops` on one thread with `isa` in tier `acc`: the one call every
/// single-threaded `eval*` function of the crate is. An out-of-place call whose arrays
/// together reach [`crate::streaming_threshold`] bytes, into an output written before
/// ([`crate::streams_to`]), writes it with non-temporal stores.
///
/// # Panics
/// If the slices' lengths differ (naming both), the operands do not fit `f`'s shape (naming
/// the one it needs), this CPU cannot run `isa`, or the tier has no kernel for `f` and `T`
/// (`CorrectlyRounded` with `f64`: asking never silently gives a faithful result).
///
/// ```
/// use simdmath::{Accuracy, Func, Isa, Operands};
/// let x = [0.0f32, 1.0];
/// let (mut s, mut c) = ([9.0f32; 2], [9.0f32; 2]);
/// simdmath::apply(Isa::best(), Accuracy::Faithful, Func::Sincos, Operands::Pair(&x, &mut s, &mut c));
/// assert_eq!((s[0], c[0]), (0.0, 1.0));
/// let mut y = [0.0f32; 2];
/// simdmath::apply(Isa::best(), Accuracy::CorrectlyRounded, Func::Exp, Operands::Unary(&x, &mut y));
/// assert_eq!(y[1], std::f32::consts::E);
/// ```
#[track_caller]
pub fn apply<T: Real>(isa: Isa, acc: Accuracy, f: Func, ops: Operands<'_, T>) {
    let stream = ops.streams();
    apply_s(isa, acc, f, ops, stream, "apply")
}

/// [`apply`] with the choice of streaming stores made by the caller (a pool: on the whole call's
/// output); `what` names the call in a length panic.
#[track_caller]
pub(crate) fn apply_s<T: Real>(
    isa: Isa,
    acc: Accuracy,
    f: Func,
    ops: Operands<'_, T>,
    stream: bool,
    what: &str,
) {
    ops.check(what);
    check_isa(isa);
    let k = tier_kernel::<T>(isa, acc, f, stream);
    check_shape(f, &k, &ops);
    // SAFETY: the slices hold `ops.len()` elements each (checked), outputs are `&mut` borrows
    // apart from the inputs or the first input itself (in place, which the entry points allow),
    // and the CPU runs `isa` (checked).
    unsafe { ops.raw().call(k, f) }
}

/// [`apply`] for a named convenience call (`what`, in a length panic).
#[track_caller]
pub(crate) fn apply_named<T: Real>(
    what: &str,
    isa: Isa,
    acc: Accuracy,
    f: Func,
    ops: Operands<'_, T>,
) {
    let stream = ops.streams();
    apply_s(isa, acc, f, ops, stream, what)
}

/// Evaluates `f` in tier `acc` on one thread with `isa` and returns whether any result is not a
/// normal number (NaN, ±inf, ±0 or subnormal), leaving out, where the kernel's usual path decides
/// it, exact zeros of the function such as `log(1) = 0` (they need no flag; see
/// [`simdmath_kernels::backend::Checked`]); with `stream` the outputs are written with
/// non-temporal stores. The same bits as [`apply`].
///
/// This is the call for one block of an evaluation when the caller also needs the
/// floating-point exceptions numpy would report (the Python ufuncs): the check is made on the
/// results while they are in registers, so only a block for which it returns `true` needs to
/// be looked at again, instead of every output being scanned (or, when a large output streams,
/// read back from memory). `stream` is for blocks of a call whose arrays together exceed the
/// cache ([`crate::streams_to`]); [`apply`] chooses it by size and by the output's pages.
///
/// # Panics
/// As [`apply`].
///
/// ```
/// use simdmath::{Accuracy, Func, Isa, Operands};
/// let x: Vec<f64> = (0..1000).map(|i| i as f64).collect();
/// let mut y = vec![0.0; 1000];
/// let ops = Operands::Unary(&x, &mut y);
/// let unusual = simdmath::eval_checked(Isa::best(), Accuracy::Faithful, Func::Log, ops, false);
/// assert!(unusual); // log(0) = -inf
/// let mut z = vec![0.0; 1000];
/// simdmath::eval(Func::Log, &x, &mut z);
/// assert_eq!(y, z);
/// let (a, mut b) = ([2.0f32; 5], [0.0f32; 5]);
/// let hyp = Operands::BinaryScalar(&a, 3.0, &mut b);
/// assert!(!simdmath::eval_checked(Isa::best(), Accuracy::Faithful, Func::Hypot, hyp, true));
/// ```
#[track_caller]
pub fn eval_checked<T: Real>(
    isa: Isa,
    acc: Accuracy,
    f: Func,
    ops: Operands<'_, T>,
    stream: bool,
) -> bool {
    ops.check("eval_checked");
    check_isa(isa);
    let k = match acc {
        Accuracy::Faithful => T::kernel_checked(isa, f, stream),
        Accuracy::CorrectlyRounded => match T::cr_kernel_checked(isa, f, stream) {
            Some(k) => k,
            None => panic!(
                "simdmath: {f} has no correctly rounded {} tier: use Accuracy::Faithful",
                T::NAME
            ),
        },
    };
    check_shape(f, &k, &ops);
    // SAFETY: as in `apply_s`.
    unsafe { ops.raw().call(k, f) }
}
