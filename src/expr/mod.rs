//! Whole expressions in one pass: [`Expr`] parses `"exp(-0.5*x*x)"` once into a graph of
//! elementwise operations, then evaluates it block by block over named inputs, so that every
//! element is read and written once and every temporary stays in L1.
//!
//! # The language
//! Numbers (`2`, `0.5`, `1e-3`, `.5`, `1_000`), input names (`x`, `y_2`), parentheses,
//! `+ - * /`, unary `-` and `+`, `**` (right-associative; `-x**2` is `-(x**2)`, as Python),
//! comparisons `< <= > >= == !=` (1 where true, 0 where false; not chained), and calls:
//! every registry function of one or two inputs ([`Func`] with [`Arity::Unary`](crate::Arity::Unary) or
//! [`Arity::Binary`](crate::Arity::Binary): `exp(x)`, `pow(x, y)`, `atan2(y, x)`, `hypot(x, y)`), and `abs`,
//! `sqrt`, `fma(a, b, c)`, `min(a, b)`, `max(a, b)`, `where(cond, a, b)`.
//!
//! # The contract
//! The result is bit for bit what evaluating the expression one operation at a time with
//! numpy's arithmetic and simdmath's functions gives, every operand an array of the output's
//! type (`f32` or `f64`), for any thread count and block length:
//! - each `+ - * /` and `sqrt` is one IEEE operation of the type (no contraction into FMA, no
//!   reassociation: `a*b + c` is two roundings, `fma(a, b, c)` one);
//! - a function is the registry's faithful kernel, the same entry point [`crate::eval`]
//!   runs ([`Accuracy::Faithful`](crate::Accuracy::Faithful));
//! - unary minus and `abs` are numpy's `negative` and `absolute` (the sign bit flipped,
//!   cleared), `min`/`max` numpy's `minimum`/`maximum` (NaN if either is NaN; between `+0`
//!   and `-0` the second operand), `where(c, a, b)` numpy's `where(c != 0, a, b)` (NaN is true);
//! - `a ** b` is numpy's `power` with its fast paths for a literal exponent: `a ** 2` is
//!   `a * a` (numpy's `square`), `a ** 0.5` is `sqrt(a)`, `a ** -1` is `1 / a`, `a ** 1` is
//!   `a`, `a ** 0` is `1`; every other exponent (`x ** 3` too: numpy 2.x computes it with its
//!   `pow`, not `x*x*x`) is the registry's `pow(a, b)`;
//! - a numeric literal is its `f64` value rounded to the type (as numpy rounds a Python float
//!   meeting a `float32` array, NEP 50); operations on literals alone are computed in the
//!   type too, as if each literal were an array (`x * (1/3)` divides in `f32` for `f32`);
//! - a comparison gives 1 or 0 of the type (numpy would give `bool`; [`Expr::is_boolean`]
//!   says when the whole result is one).
//!
//! A NaN result is NaN; its sign and payload are no part of the contract (IEEE 754 leaves
//! them unspecified, and compilers, numpy included, commute `a * b` and so return either NaN
//! operand's). Every other result, signed zeros and subnormals included, is the same bits.
//!
//! Identical subexpressions are computed once (the same operations on the same operands give
//! the same bits, so this changes no result).
//!
//! ```
//! use simdmath::{Expr, Input};
//! let e: Expr = "exp(-0.5*x*x)".parse()?;
//! let x: Vec<f64> = (0..1000).map(|i| i as f64 * 0.01).collect();
//! let mut out = vec![0.0; x.len()];
//! e.eval(&[("x", Input::from(&x))], &mut out)?;
//!
//! // The same, one operation at a time:
//! let t: Vec<f64> = x.iter().map(|&v| -0.5 * v * v).collect();
//! let mut want = vec![0.0; x.len()];
//! simdmath::exp(&t, &mut want);
//! assert_eq!(out, want);
//! # Ok::<(), simdmath::ExprError>(())
//! ```
//!
//! # Building in Rust
//! [`Expr::var`], [`Expr::lit`] (and `f64`/`f32`/`i32` converted), `+ - * /` and unary `-`
//! on `Expr` and `&Expr`, [`Expr::call`] for every registry function (also
//! [`Expr::apply`]/[`Expr::apply2`]), [`Expr::abs`], [`Expr::sqrt`], [`Expr::min`],
//! [`Expr::max`], [`Expr::fma`], [`Expr::pow`] (`**` with numpy's fast paths),
//! [`Expr::where_`] and the comparisons [`Expr::lt`] ... [`Expr::not_equal`]. A built
//! expression is its text (its `Display`), parenthesized where the grammar needs it, read by
//! the same parser: it is the same program as the parsed text, the same bits.
//!
//! ```
//! use simdmath::{Expr, Func};
//! let x = Expr::var("x");
//! let built = 1.0 / (1.0 + (-&x).apply(Func::Exp)?);
//! assert_eq!(built.to_string(), "1.0 / (1.0 + exp(-x))");
//! # Ok::<(), simdmath::ExprError>(())
//! ```

mod build;
mod ops;
mod parse;

use crate::{Func, Isa, Pool, Real, check_isa};
use ops::{Form, OpEntry};
use parse::{Graph, Node, Op};
use simdmath_kernels::backend::{Entry, Entry2, EntryPf, EntryScalar, Kernel, store_alias};

/// A registry function's plain and checked entry points (see [`Inspect::only_unusual`]).
type Pair<E, C> = (E, C);
use std::any::{Any, TypeId};
use std::cell::Cell;
use std::fmt;
use std::sync::{Arc, Mutex};

/// What went wrong with an expression ([`ExprError::kind`]).
///
/// ```
/// use simdmath::{Expr, ExprErrorKind};
/// assert_eq!(Expr::parse("x +").unwrap_err().kind(), ExprErrorKind::Syntax);
/// assert_eq!(Expr::parse("expp(x)").unwrap_err().kind(), ExprErrorKind::UnknownFunction);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprErrorKind {
    /// A character, number or token where the grammar does not allow it.
    Syntax,
    /// A call of a name that is neither a registry function nor a builtin.
    UnknownFunction,
    /// A call with the wrong number of arguments.
    Arity,
    /// A function with two outputs (`sincos`), which is no expression value.
    NotAValue,
    /// An input the expression names that the evaluation was not given.
    MissingInput,
    /// An input slice whose length differs from the output's.
    Length,
}

/// An expression that does not parse, or an evaluation that cannot start; it names the
/// offending token and its byte position in the expression (for [`ExprErrorKind::Length`],
/// the input's name and its first position). Nothing is written to the output when an
/// evaluation returns one.
///
/// ```
/// let e = simdmath::Expr::parse("exp(x) + * 2").unwrap_err();
/// assert_eq!((e.token(), e.position()), ("*", 9));
/// assert_eq!(e.to_string(), "unexpected '*', expected a number, a name or '(' (at position 9)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    kind: ExprErrorKind,
    token: String,
    pos: usize,
    message: String,
}

/// Crate-internal alias for the parser.
type ErrorKind = ExprErrorKind;

impl ExprError {
    /// What went wrong.
    ///
    /// ```
    /// let e = simdmath::Expr::parse("sincos(x)").unwrap_err();
    /// assert_eq!(e.kind(), simdmath::ExprErrorKind::NotAValue);
    /// ```
    pub fn kind(&self) -> ExprErrorKind {
        self.kind
    }
    /// The offending token (`"end of input"` when the expression stops too early).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::parse("(x").unwrap_err().token(), "end of input");
    /// ```
    pub fn token(&self) -> &str {
        &self.token
    }
    /// The token's byte offset in the expression.
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::parse("x $ y").unwrap_err().position(), 2);
    /// ```
    pub fn position(&self) -> usize {
        self.pos
    }
    /// The message without the position.
    ///
    /// ```
    /// let e = simdmath::Expr::parse("x $ y").unwrap_err();
    /// assert_eq!(e.message(), "unexpected character '$'");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at position {})", self.message, self.pos)
    }
}
impl std::error::Error for ExprError {}

/// One named input of an evaluation: a slice as long as the output, one scalar for every
/// element, or a [`Gather`] that reads the elements a block at a time (a strided or
/// broadcast view, read block by block into the worker's block buffer instead of copied whole).
///
/// ```
/// use simdmath::Input;
/// let x = vec![1.0f32, 2.0];
/// let a: Input<f32> = Input::from(&x);       // &Vec<T>
/// let b = Input::from(&x[..]);               // &[T]
/// let c = Input::from(0.5f32);               // a scalar
/// assert!(matches!((a, b, c), (Input::Slice(_), Input::Slice(_), Input::Scalar(_))));
/// ```
#[derive(Clone, Copy)]
pub enum Input<'a, T> {
    /// One value per element.
    Slice(&'a [T]),
    /// The same value for every element.
    Scalar(T),
    /// One value per element, gathered a block at a time.
    Gather(&'a dyn Gather<T>),
}

impl<T: fmt::Debug> fmt::Debug for Input<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Slice(s) => f.debug_tuple("Slice").field(s).finish(),
            Input::Scalar(v) => f.debug_tuple("Scalar").field(v).finish(),
            Input::Gather(g) => f
                .debug_struct("Gather")
                .field("len", &g.len())
                .finish_non_exhaustive(),
        }
    }
}

/// An input read a block at a time: element `i` of the input is the `i`-th of a logical
/// sequence of [`Gather::len`] values (for an N-dimensional view, its C order), which the
/// evaluation copies into the worker's block buffer just before the block computes; so a
/// strided, transposed or broadcast view is read once, block by block, not copied whole
/// first. Called on the pool's threads, so it is `Sync`.
///
/// ```
/// use simdmath::{Expr, Gather, Input};
/// /// Every other element of a slice.
/// struct Every2<'a>(&'a [f64]);
/// impl Gather<f64> for Every2<'_> {
///     fn len(&self) -> usize {
///         self.0.len().div_ceil(2)
///     }
///     fn gather(&self, start: usize, out: &mut [f64]) {
///         for (i, o) in out.iter_mut().enumerate() {
///             *o = self.0[2 * (start + i)];
///         }
///     }
/// }
/// let data: Vec<f64> = (0..2000).map(f64::from).collect();
/// let mut out = vec![0.0; 1000];
/// Expr::parse("x + 1")?.eval(&[("x", Input::Gather(&Every2(&data)))], &mut out)?;
/// assert!(out.iter().enumerate().all(|(i, &v)| v == (2 * i + 1) as f64));
/// # Ok::<(), simdmath::ExprError>(())
/// ```
pub trait Gather<T>: Sync {
    /// The number of elements.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Writes elements `start .. start + out.len()` (all within [`Gather::len`]) into `out`.
    fn gather(&self, start: usize, out: &mut [T]);
}

impl<'a, T: Real> From<&'a [T]> for Input<'a, T> {
    fn from(s: &'a [T]) -> Self {
        Input::Slice(s)
    }
}
impl<'a, T: Real> From<&'a Vec<T>> for Input<'a, T> {
    fn from(s: &'a Vec<T>) -> Self {
        Input::Slice(s)
    }
}
impl<'a, T: Real, const N: usize> From<&'a [T; N]> for Input<'a, T> {
    fn from(s: &'a [T; N]) -> Self {
        Input::Slice(s)
    }
}
impl<T: Real> From<T> for Input<'_, T> {
    fn from(v: T) -> Self {
        Input::Scalar(v)
    }
}

/// Bytes of one block (per operand) when no block length is given: 1024 `f64` or 2048 `f32`
/// elements. A program holds a few such temporaries, so a block's working set stays in L1 or
/// close to it.
///
/// Measured on Zen 5 (AMD EPYC, family 26, AVX-512, one thread, `Expr::eval_with` over blocks
/// of 256 to 4096 elements): in cache (n = 4096) and at n = 1e6, `f32` blocks of 2048 took
/// 0.75-0.85x the time of blocks of 512 (`exp(-0.5*x*x)` 1e6: 266 -> 215 us, `exp` alone
/// 132 us; `sqrt(x*x + y*y)` 293 -> 253 us), `f64` blocks of 1024 0.90-0.95x: every step of
/// every block pays a call, its operands' pointers and the next block's prefetches, which a
/// longer block spreads over more elements. At n = 1e8 on both cores (memory-bound) blocks of
/// 512, 1024 and 2048 took the same time within the run-to-run noise (`f32` 22-26 ms, `f64`
/// 47-54 ms, alternated three times). An earlier measurement on Zen 4 (256-bit units) had
/// preferred 2 KiB blocks at 1e8.
///
/// ```
/// assert_eq!(simdmath::DEFAULT_BLOCK_BYTES / size_of::<f32>(), 2048);
/// ```
pub const DEFAULT_BLOCK_BYTES: usize = 8192;

/// A parsed expression, ready to evaluate any number of times on `f32` or `f64` inputs (the
/// language and the contract: [the module docs](crate::expr)).
///
/// ```
/// use simdmath::{Expr, Input, Pool};
/// let sigmoid = Expr::parse("1/(1+exp(-x))")?;
/// assert_eq!(sigmoid.inputs(), ["x"]);
/// let x = vec![0.0f32; 100_000];
/// let mut y = vec![f32::NAN; x.len()];
/// Pool::with_threads(2).unwrap().eval_expr(&sigmoid, &[("x", Input::from(&x))], &mut y)?;
/// assert!(y.iter().all(|&v| v == 0.5));
/// # Ok::<(), simdmath::ExprError>(())
/// ```
pub struct Expr {
    src: String,
    /// How tightly `src` binds (for the builder's parentheses: [`build`]).
    prec: build::Prec,
    graph: Graph,
    cache: Mutex<Vec<Cached>>,
}

impl Clone for Expr {
    fn clone(&self) -> Expr {
        Expr {
            src: self.src.clone(),
            prec: self.prec,
            graph: self.graph.clone(),
            cache: Mutex::new(Vec::new()),
        }
    }
}

impl fmt::Debug for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expr")
            .field("src", &self.src)
            .finish_non_exhaustive()
    }
}

impl std::str::FromStr for Expr {
    type Err = ExprError;
    fn from_str(s: &str) -> Result<Expr, ExprError> {
        Expr::parse(s)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.src)
    }
}

/// Where a step reads an operand.
#[derive(Clone, Copy, Debug)]
enum Src {
    /// Varying input `i` (a caller's slice).
    Input(usize),
    /// Temporary `k` of the worker's scratch.
    Slot(usize),
    /// Uniform value `k`, read as one element (scalar forms).
    Scalar(usize),
    /// Uniform value `k` broadcast over a block (a buffer filled once per worker).
    Bcast(usize),
    /// No operand (beyond the operation's arity).
    Unused,
}

#[derive(Clone, Copy, Debug)]
enum Dst {
    Slot(usize),
    Out,
}

#[derive(Clone, Copy)]
enum Call<T> {
    Op(Pair<OpEntry<T>, OpEntry<T>>),
    F1(Pair<Entry<T>, Entry<T, bool>>),
    F2(Pair<Entry2<T>, Entry2<T, bool>>),
    /// A two-input function with a uniform second input (uniform value index).
    F2s(Pair<EntryScalar<T>, EntryScalar<T, bool>>, usize),
}

#[derive(Clone, Copy)]
struct Step<T> {
    call: Call<T>,
    args: [Src; 3],
    dst: Dst,
    kind: StepKind,
    /// A two-operand arithmetic operation's number ([`ops::fusable`]) and form.
    arith: Option<(u8, Form)>,
    /// A one-input function's loop with its prefetch stream and store policy given
    /// ([`EntryPf`]): what [`Bound::run`] calls on blocks, so that the step prefetches the next
    /// block's input and streams a large output without a fence per block.
    pf: Option<EntryPf<T>>,
}

/// One unit of the fast program ([`Plan::fast`]): a step, or two arithmetic steps fused into one
/// pass (`first` and `first + 1` of [`Plan::steps`]), reading `a`, `b` (the first operation's
/// operands) and `c` (the second's other one) and writing the second's destination.
#[derive(Clone, Copy)]
enum Exec<T> {
    One(usize),
    Two {
        first: usize,
        call: Pair<OpEntry<T>, OpEntry<T>>,
        args: [Src; 3],
        dst: Dst,
    },
}

/// What one step of an evaluation computes, for an [`Inspect`]or: an operation of the
/// language by name (`"add"`, `"sub"`, `"mul"`, `"div"`, `"fma"`, `"sqrt"`, `"neg"`, `"abs"`,
/// `"min"`, `"max"`, `"where"`, `"lt"`, `"le"`, `"gt"`, `"ge"`, `"eq"`, `"ne"`, `"copy"`) or a
/// registry function of one or two inputs.
///
/// ```
/// assert_eq!(simdmath::StepKind::Op("add"), simdmath::StepKind::Op("add"));
/// ```
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Op(&'static str),
    F1(Func),
    F2(Func),
}

/// One operand of a step, for an [`Inspect`]or: a block of values, or one value for all.
///
/// ```
/// let a = simdmath::Operand::Slice(&[1.0, 2.0]);
/// assert_eq!((a.get(1), simdmath::Operand::Scalar(3.0).get(1)), (2.0, 3.0));
/// ```
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Operand<'a, T> {
    Slice(&'a [T]),
    Scalar(T),
}

impl<T: Copy> Operand<'_, T> {
    /// Element `i`.
    pub fn get(&self, i: usize) -> T {
        match self {
            Operand::Slice(s) => s[i],
            Operand::Scalar(v) => *v,
        }
    }
}

/// Looks at every step of an evaluation after it computed a block: its operands and its
/// result, all of one block's length (the Python face derives numpy's floating-point flags
/// from them). Called on the pool's threads, so it is `Sync`.
///
/// ```
/// use simdmath::{Expr, Input, Inspect, Operand, StepKind};
/// use std::sync::Mutex;
/// struct Names(Mutex<Vec<StepKind>>);
/// impl Inspect<f64> for Names {
///     fn step(&self, kind: StepKind, _args: &[Operand<'_, f64>], _out: &[f64]) {
///         self.0.lock().unwrap().push(kind);
///     }
/// }
/// let seen = Names(Mutex::new(Vec::new()));
/// let mut out = [0.0; 3];
/// Expr::parse("exp(x) + 1")?.eval_inspect(&[("x", Input::from(&[0.0; 3]))], &mut out, &seen)?;
/// assert_eq!(*seen.0.lock().unwrap(), [StepKind::F1(simdmath::Func::Exp), StepKind::Op("add")]);
/// # Ok::<(), simdmath::ExprError>(())
/// ```
#[doc(hidden)]
pub trait Inspect<T>: Sync {
    fn step(&self, kind: StepKind, args: &[Operand<'_, T>], out: &[T]);
    /// Whether a registry function's step may be skipped where all its results are normal
    /// numbers (no NaN, ±inf, ±0 or subnormal): then those steps run through the checked
    /// entry points, which test the results in registers, and [`Inspect::step`] is called for
    /// them only where that test found one (an exact zero of the function, `log(1) = 0`, on a
    /// vector of the kernel's usual path is not reported: see
    /// [`simdmath_kernels::backend::Checked`]). The default, `false`, sees every step.
    fn only_unusual(&self) -> bool {
        false
    }
    /// Whether an operation's step (`+`, `*`, `sqrt`, ...) may be skipped where none of its
    /// results is NaN or ±inf: then those steps run through checked entry points that test it
    /// in the same loop, and [`Inspect::step`] is called for them only where one is. The
    /// default, `false`, sees every step.
    fn only_nonfinite_ops(&self) -> bool {
        false
    }
}

/// An evaluation ready to run: the steps of one block and the uniform values. It depends on
/// the type, the instruction set, the block length and the inputs' scalar values, not on the
/// slices' addresses, so an expression keeps the plans of slice-only calls ([`Expr::eval`]).
struct Plan<T> {
    steps: Vec<Step<T>>,
    uniform: Vec<T>,
    /// Uniform value index of each broadcast buffer.
    bcast: Vec<usize>,
    slots: usize,
    /// The inputs (name indices) read as slices, for the prefetch.
    varying: Vec<usize>,
    /// The result when it is one value for every element.
    fill: Option<T>,
    block: usize,
    /// The instruction set of the steps' entry points.
    isa: Isa,
    /// The steps with chained arithmetic fused in pairs ([`Exec`]): what runs unless an
    /// [`Inspect`]or must see every step.
    fast: Vec<Exec<T>>,
}

/// A plan with the base pointers of its slice inputs (by name index; null for scalars).
struct Bound<'p, T> {
    plan: &'p Plan<T>,
    inputs: &'p [*const T],
    /// The gathered inputs, by name index (the others `None`).
    gathers: &'p [Option<&'p dyn Gather<T>>],
}

/// How many inputs an evaluation binds on the stack (an expression with more names binds them
/// on the heap): a call allocates nothing per input, so an expression of one function costs
/// what the function's entry point does (issue 20: within 1.1x at n = 4096).
const INLINE_INPUTS: usize = 8;

/// `n` per-input slots: the front of `stack` where they fit, else `heap` grown to `n` copies of
/// `stack`'s (initial) value.
fn per_input<'s, X: Copy>(
    stack: &'s mut [X; INLINE_INPUTS],
    heap: &'s mut Vec<X>,
    n: usize,
) -> &'s mut [X] {
    if n <= INLINE_INPUTS {
        &mut stack[..n]
    } else {
        heap.resize(n, stack[0]);
        heap
    }
}

// SAFETY: the input pointers come from shared borrows that outlive every use of the bound plan
// (the evaluation call), and are only read.
unsafe impl<T: Sync> Sync for Bound<'_, T> {}

/// A plan kept by an expression, keyed by its type, instruction set and block length.
struct Cached {
    ty: TypeId,
    isa: Isa,
    block: usize,
    plan: Arc<dyn Any + Send + Sync>,
}

/// How many plans an expression keeps (one per type, ISA and block length in use).
const CACHE: usize = 8;

/// The entry point of an operation for `T` (a run-time choice between the `f64` and `f32`
/// instantiations: `Real` is sealed to those two).
fn op_entry<T: Real>(isa: Isa, op: Op, form: Form, checked: bool) -> OpEntry<T> {
    let mut e: Option<OpEntry<T>> = None;
    let any: &mut dyn Any = &mut e;
    if let Some(s) = any.downcast_mut::<Option<OpEntry<f64>>>() {
        *s = Some(ops::entry::<f64>(isa, op, form, checked));
    } else if let Some(s) = any.downcast_mut::<Option<OpEntry<f32>>>() {
        *s = Some(ops::entry::<f32>(isa, op, form, checked));
    }
    e.expect("Real is implemented for f32 and f64 only")
}

/// A registry function's step: its plain and checked entry points (with `stream`, the ones
/// that write with non-temporal stores), the scalar form with `scalar` (the uniform value's
/// index of the second input).
fn func_call<T: Real>(isa: Isa, f: Func, stream: bool, scalar: Option<usize>) -> Call<T> {
    let k = if stream {
        T::kernel_stream(isa, f)
    } else {
        T::kernel(isa, f)
    };
    match (k, T::kernel_checked(isa, f, stream), scalar) {
        (Kernel::Unary(e), Kernel::Unary(c), None) => Call::F1((e, c)),
        (Kernel::Binary(e, _), Kernel::Binary(c, _), None) => Call::F2((e, c)),
        (Kernel::Binary(_, e), Kernel::Binary(_, c), Some(u)) => Call::F2s((e, c), u),
        _ => unreachable!("the parser checked {f}'s arity"),
    }
}

/// [`ops::entry2`] for `T` (as [`op_entry`]).
fn op_entry2<T: Real>(
    isa: Isa,
    op1: u8,
    form: Form,
    op2: u8,
    ord: ops::Order,
    checked: bool,
) -> OpEntry<T> {
    let mut e: Option<OpEntry<T>> = None;
    let any: &mut dyn Any = &mut e;
    if let Some(s) = any.downcast_mut::<Option<OpEntry<f64>>>() {
        *s = Some(ops::entry2::<f64>(isa, op1, form, op2, ord, checked));
    } else if let Some(s) = any.downcast_mut::<Option<OpEntry<f32>>>() {
        *s = Some(ops::entry2::<f32>(isa, op1, form, op2, ord, checked));
    }
    e.expect("Real is implemented for f32 and f64 only")
}

/// An operation's plain and checked entry points.
fn op_entries<T: Real>(isa: Isa, op: Op, form: Form) -> Pair<OpEntry<T>, OpEntry<T>> {
    (
        op_entry(isa, op, form, false),
        op_entry(isa, op, form, true),
    )
}

impl Expr {
    /// Parses an expression (see [the module docs](crate::expr) for the language).
    ///
    /// # Errors
    /// [`ExprErrorKind::Syntax`], [`ExprErrorKind::UnknownFunction`],
    /// [`ExprErrorKind::Arity`] or [`ExprErrorKind::NotAValue`], naming the token and its
    /// position.
    ///
    /// ```
    /// let e = simdmath::Expr::parse("sqrt(x*x + y*y)")?;
    /// assert_eq!(e.inputs(), ["x", "y"]);
    /// let err = simdmath::Expr::parse("pow(x)").unwrap_err();
    /// assert_eq!(err.to_string(), "pow() takes 2 arguments, got 1 (at position 0)");
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        Ok(Expr {
            src: src.to_owned(),
            prec: build::Prec::of_source(src),
            graph: parse::parse(src)?,
            cache: Mutex::new(Vec::new()),
        })
    }

    /// The source text.
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::parse("x+1")?.source(), "x+1");
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn source(&self) -> &str {
        &self.src
    }

    /// The input names, in order of first appearance.
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::parse("b * a + b")?.inputs(), ["b", "a"]);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn inputs(&self) -> Vec<&str> {
        self.graph.names.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The input names with the byte position of their first appearance.
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::parse("b * a + b")?.input_positions(), [("b", 0), ("a", 4)]);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn input_positions(&self) -> Vec<(&str, usize)> {
        self.graph
            .names
            .iter()
            .map(|(n, p)| (n.as_str(), *p))
            .collect()
    }

    /// Whether the result is a comparison's 1/0 (numpy would give `bool`).
    ///
    /// ```
    /// assert!(simdmath::Expr::parse("x < 2")?.is_boolean());
    /// assert!(!simdmath::Expr::parse("where(x < 2, x, 0)")?.is_boolean());
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn is_boolean(&self) -> bool {
        self.graph.boolean[self.graph.root]
    }

    /// The registry functions the expression calls (each once, in order of first use).
    ///
    /// ```
    /// use simdmath::Func;
    /// let e = simdmath::Expr::parse("sin(x)*cos(y) + sin(y)")?;
    /// assert_eq!(e.functions(), [Func::Sin, Func::Cos]);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn functions(&self) -> Vec<Func> {
        let mut v = Vec::new();
        for n in &self.graph.nodes {
            if let Node::F1(f, ..) | Node::F2(f, ..) = n
                && !v.contains(f)
            {
                v.push(*f);
            }
        }
        v
    }

    /// The expression at one point in `f64` scalar arithmetic, with `call(f, x, y)` for each
    /// registry function (`y` is `0.0` for one-input functions): a reference composition, such
    /// as the system libm's, to check a block evaluation against. Operators follow the same
    /// rules as [`Expr::eval`] (numpy's power fast paths, `min`/`max`/`where` as numpy's).
    ///
    /// # Errors
    /// [`ExprErrorKind::MissingInput`] for a name with no value.
    ///
    /// ```
    /// let e = simdmath::Expr::parse("exp(-0.5*x*x) + x**2")?;
    /// let v = e.eval_scalar(&[("x", 2.0)], |f, x, _| match f {
    ///     simdmath::Func::Exp => x.exp(),
    ///     _ => unreachable!(),
    /// })?;
    /// assert_eq!(v, (-2.0f64).exp() + 4.0);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn eval_scalar(
        &self,
        inputs: &[(&str, f64)],
        call: impl Fn(Func, f64, f64) -> f64,
    ) -> Result<f64, ExprError> {
        let g = &self.graph;
        let mut bound = Vec::with_capacity(g.names.len());
        for (name, pos) in &g.names {
            match inputs.iter().find(|(k, _)| k == name) {
                Some(&(_, v)) => bound.push(v),
                None => {
                    return Err(ExprError {
                        kind: ExprErrorKind::MissingInput,
                        token: name.clone(),
                        pos: *pos,
                        message: format!("no input named '{name}'"),
                    });
                }
            }
        }
        let mut v = vec![0.0f64; g.nodes.len()];
        for i in 0..=g.root {
            let (a, _) = g.nodes[i].operands();
            let (p, q, r) = (v[a[0]], v[a[1]], v[a[2]]);
            let b = |c: bool| if c { 1.0 } else { 0.0 };
            v[i] = match &g.nodes[i] {
                Node::Input(k) => bound[*k],
                Node::Const(bits) => f64::from_bits(*bits),
                Node::F1(f, _) => call(*f, p, 0.0),
                Node::F2(f, ..) => call(*f, p, q),
                Node::Op(op, _) => match op {
                    Op::Neg => -p,
                    Op::Abs => p.abs(),
                    Op::Sqrt => p.sqrt(),
                    Op::Copy => p,
                    Op::Add => p + q,
                    Op::Sub => p - q,
                    Op::Mul => p * q,
                    Op::Div => p / q,
                    Op::Min => {
                        if p.is_nan() || p < q {
                            p
                        } else {
                            q
                        }
                    }
                    Op::Max => {
                        if p.is_nan() || p > q {
                            p
                        } else {
                            q
                        }
                    }
                    Op::Lt => b(p < q),
                    Op::Le => b(p <= q),
                    Op::Gt => b(p > q),
                    Op::Ge => b(p >= q),
                    Op::Eq => b(p == q),
                    Op::Ne => b(p != q),
                    Op::Fma => p.mul_add(q, r),
                    Op::Where => {
                        if p != 0.0 {
                            q
                        } else {
                            r
                        }
                    }
                },
            };
        }
        Ok(v[g.root])
    }

    /// `out[i]` = the expression at element `i`, on one thread with [`Isa::best`] and blocks
    /// of [`DEFAULT_BLOCK_BYTES`]. Inputs are given by name; names the expression does not
    /// use are ignored; a name given twice takes the first.
    ///
    /// # Errors
    /// [`ExprErrorKind::MissingInput`] for a name with no input, [`ExprErrorKind::Length`] for a
    /// slice whose length differs from `out`'s; `out` is untouched then.
    ///
    /// # Panics
    /// If `SIMDMATH_ISA` names an unknown or unavailable instruction set.
    ///
    /// ```
    /// use simdmath::{Expr, Input};
    /// let e = Expr::parse("hypot(x, y) * k")?;
    /// let (x, y) = ([3.0f64, 5.0], [4.0, 12.0]);
    /// let mut out = [0.0; 2];
    /// e.eval(&[("x", Input::from(&x)), ("y", Input::from(&y)), ("k", Input::from(2.0))], &mut out)?;
    /// assert_eq!(out, [10.0, 26.0]);
    /// let err = e.eval(&[("x", Input::from(&x))], &mut out).unwrap_err();
    /// assert_eq!(err.to_string(), "no input named 'y' (at position 9)");
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    #[track_caller]
    pub fn eval<T: Real>(
        &self,
        inputs: &[(&str, Input<'_, T>)],
        out: &mut [T],
    ) -> Result<(), ExprError> {
        self.eval_with(Isa::best(), 0, inputs, out)
    }

    /// [`Expr::eval`], calling `inspect` after every step of every block (see [`Inspect`]).
    ///
    /// # Errors
    /// As [`Expr::eval`].
    #[doc(hidden)]
    #[track_caller]
    pub fn eval_inspect<T: Real>(
        &self,
        inputs: &[(&str, Input<'_, T>)],
        out: &mut [T],
        inspect: &dyn Inspect<T>,
    ) -> Result<(), ExprError> {
        let stream = self.streams(inputs, out.as_ptr(), out.len());
        self.with_plan(Isa::best(), 0, inputs, out.len(), |b| {
            b.run(0, out, Some(inspect), stream)
        })
    }

    /// [`Expr::eval`] with the given instruction set and block length in elements (`0`: the
    /// default, [`DEFAULT_BLOCK_BYTES`] of `T`); the result is the same bits for every block
    /// length.
    ///
    /// # Errors
    /// As [`Expr::eval`].
    ///
    /// # Panics
    /// If this CPU cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Expr, Input, Isa};
    /// let e = Expr::parse("log1p(exp(x))")?;
    /// let x: Vec<f32> = (0..1000).map(|i| i as f32 * 0.1 - 50.0).collect();
    /// let (mut a, mut b) = (vec![0.0f32; 1000], vec![0.0f32; 1000]);
    /// e.eval_with(Isa::best(), 7, &[("x", Input::from(&x))], &mut a)?;
    /// e.eval(&[("x", Input::from(&x))], &mut b)?;
    /// assert_eq!(a, b);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    #[track_caller]
    pub fn eval_with<T: Real>(
        &self,
        isa: Isa,
        block: usize,
        inputs: &[(&str, Input<'_, T>)],
        out: &mut [T],
    ) -> Result<(), ExprError> {
        check_isa(isa);
        let stream = self.streams(inputs, out.as_ptr(), out.len());
        self.with_plan(isa, block, inputs, out.len(), |b| {
            b.run(0, out, None, stream)
        })
    }

    /// Whether a call writing `n` elements of `T` streams its output: the arrays the program
    /// reads (inputs given as slices or gathers) and the output, together
    /// ([`crate::streams_to`], which also asks whether `out` has been written before); a
    /// scalar input or an unused one does not count.
    fn streams<T: Real>(&self, inputs: &[(&str, Input<'_, T>)], out: *const T, n: usize) -> bool {
        let arrays = self
            .graph
            .names
            .iter()
            .filter(|(name, _)| {
                inputs
                    .iter()
                    .any(|(k, v)| k == name && !matches!(v, Input::Scalar(_)))
            })
            .count();
        crate::streams_to(out, n, arrays + 1)
    }

    /// Checks the inputs (before anything is computed or written), then runs `f` with the
    /// bound plan: a kept one when every input is a slice, else a fresh one.
    fn with_plan<T: Real>(
        &self,
        isa: Isa,
        block: usize,
        inputs: &[(&str, Input<'_, T>)],
        n: usize,
        f: impl FnOnce(&Bound<'_, T>),
    ) -> Result<(), ExprError> {
        // The inputs' pointers and gathers by name index, on the stack for up to
        // INLINE_INPUTS names.
        let names = self.graph.names.len();
        let (mut stack_ptrs, mut heap_ptrs) = ([std::ptr::null::<T>(); INLINE_INPUTS], Vec::new());
        let (mut stack_gathers, mut heap_gathers) = ([None; INLINE_INPUTS], Vec::new());
        let ptrs = per_input(&mut stack_ptrs, &mut heap_ptrs, names);
        let gathers: &mut [Option<&dyn Gather<T>>] =
            per_input(&mut stack_gathers, &mut heap_gathers, names);
        let mut scalar = false;
        for (k, (name, pos)) in self.graph.names.iter().enumerate() {
            match self.input(inputs, name, *pos, n)? {
                Input::Slice(s) => ptrs[k] = s.as_ptr(),
                Input::Gather(g) => gathers[k] = Some(g),
                Input::Scalar(_) => scalar = true,
            }
        }
        let (ptrs, gathers) = (&*ptrs, &*gathers);
        if scalar {
            let plan = self.plan(isa, block, &self.bind(inputs, n)?);
            f(&Bound {
                plan: &plan,
                inputs: ptrs,
                gathers,
            });
            return Ok(());
        }
        let key = (TypeId::of::<T>(), isa, block);
        let found = {
            let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .iter()
                .find(|c| (c.ty, c.isa, c.block) == key)
                .map(|c| c.plan.clone())
        };
        let plan = match found {
            Some(p) => p,
            None => {
                let bound = self.bind(inputs, n)?;
                let p: Arc<dyn Any + Send + Sync> = Arc::new(self.plan(isa, block, &bound));
                let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
                if cache.len() >= CACHE {
                    cache.remove(0);
                }
                cache.push(Cached {
                    ty: key.0,
                    isa,
                    block,
                    plan: p.clone(),
                });
                p
            }
        };
        let plan = plan
            .downcast_ref::<Plan<T>>()
            .expect("a plan is kept under its own type");
        f(&Bound {
            plan,
            inputs: ptrs,
            gathers,
        });
        Ok(())
    }

    /// The inputs by name index, checked: every name bound, every slice `n` long.
    fn bind<'a, T: Real>(
        &self,
        inputs: &[(&str, Input<'a, T>)],
        n: usize,
    ) -> Result<Vec<Input<'a, T>>, ExprError> {
        self.graph
            .names
            .iter()
            .map(|(name, pos)| self.input(inputs, name, *pos, n))
            .collect()
    }

    /// The input named `name` (first seen at `pos`), checked: bound, and `n` long.
    fn input<'a, T: Real>(
        &self,
        inputs: &[(&str, Input<'a, T>)],
        name: &str,
        pos: usize,
        n: usize,
    ) -> Result<Input<'a, T>, ExprError> {
        let Some((_, inp)) = inputs.iter().find(|(k, _)| *k == name) else {
            return Err(ExprError {
                kind: ExprErrorKind::MissingInput,
                token: name.to_string(),
                pos,
                message: format!("no input named '{name}'"),
            });
        };
        let len = match inp {
            Input::Slice(s) => s.len(),
            Input::Gather(g) => g.len(),
            Input::Scalar(_) => n,
        };
        if len != n {
            return Err(ExprError {
                kind: ExprErrorKind::Length,
                token: name.to_string(),
                pos,
                message: format!(
                    "input '{name}' has {len} elements but the output has {n}; they must be equal"
                ),
            });
        }
        Ok(*inp)
    }

    /// Compiles the steps of one block for the bound inputs.
    fn plan<T: Real>(&self, isa: Isa, block: usize, bound: &[Input<'_, T>]) -> Plan<T> {
        let g = &self.graph;
        // Which nodes the root needs, and which of those are uniform (computed once, here).
        let len = g.nodes.len();
        let mut needed = vec![false; len];
        needed[g.root] = true;
        for i in (0..len).rev() {
            if needed[i] {
                let (a, k) = g.nodes[i].operands();
                for &j in &a[..k] {
                    needed[j] = true;
                }
            }
        }
        let mut uniform: Vec<T> = Vec::new();
        // uid[i]: index into `uniform` for a uniform node.
        let mut uid: Vec<Option<usize>> = vec![None; len];
        let mut varying_inputs: Vec<usize> = Vec::new();
        let mut input_of: Vec<Option<usize>> = vec![None; len];
        for i in 0..len {
            if !needed[i] {
                continue;
            }
            let value = match &g.nodes[i] {
                Node::Const(bits) => Some(T::from_f64(f64::from_bits(*bits))),
                Node::Input(k) => match bound[*k] {
                    Input::Scalar(v) => Some(v),
                    Input::Slice(_) | Input::Gather(_) => {
                        input_of[i] = Some(*k);
                        varying_inputs.push(*k);
                        None
                    }
                },
                node => {
                    let (a, k) = node.operands();
                    if a[..k].iter().all(|&j| uid[j].is_some()) {
                        let v: Vec<T> = a[..k].iter().map(|&j| uniform[uid[j].unwrap()]).collect();
                        Some(compute_one(isa, node, &v))
                    } else {
                        None
                    }
                }
            };
            if let Some(v) = value {
                uid[i] = Some(uniform.len());
                uniform.push(v);
            }
        }
        let block = if block == 0 {
            DEFAULT_BLOCK_BYTES / std::mem::size_of::<T>()
        } else {
            block
        };
        if let Some(u) = uid[g.root] {
            return Plan {
                steps: Vec::new(),
                uniform: Vec::new(),
                bcast: Vec::new(),
                slots: 0,
                varying: Vec::new(),
                fill: Some(uniform[u]),
                block,
                isa,
                fast: Vec::new(),
            };
        }

        // The varying nodes in order, each one step; temporaries reused after a node's last use.
        let varying: Vec<usize> = (0..len)
            .filter(|&i| needed[i] && uid[i].is_none() && input_of[i].is_none())
            .collect();
        let mut last_use = vec![0usize; len];
        for (s, &i) in varying.iter().enumerate() {
            let (a, k) = g.nodes[i].operands();
            for &j in &a[..k] {
                last_use[j] = s;
            }
        }
        let mut slot_of: Vec<Option<usize>> = vec![None; len];
        let mut free: Vec<usize> = Vec::new();
        let mut slots = 0;
        let mut bcast: Vec<usize> = Vec::new();
        let mut steps = Vec::with_capacity(varying.len() + 1);
        let src_of = |j: usize, slot_of: &[Option<usize>]| -> Src {
            if let Some(k) = input_of[j] {
                Src::Input(k)
            } else {
                Src::Slot(slot_of[j].expect("operand computed before use"))
            }
        };
        for (s, &i) in varying.iter().enumerate() {
            let (a, k) = g.nodes[i].operands();
            let mut args = [Src::Unused; 3];
            let mut arith = None;
            let mut bcast_of = |u: usize| -> Src {
                match bcast.iter().position(|&b| b == u) {
                    Some(p) => Src::Bcast(p),
                    None => {
                        bcast.push(u);
                        Src::Bcast(bcast.len() - 1)
                    }
                }
            };
            let call = match &g.nodes[i] {
                Node::Op(op, _) if k == 2 => {
                    let form = match (uid[a[0]], uid[a[1]]) {
                        (Some(u), None) => {
                            args[0] = Src::Scalar(u);
                            args[1] = src_of(a[1], &slot_of);
                            Form::ScalarVec
                        }
                        (None, Some(u)) => {
                            args[0] = src_of(a[0], &slot_of);
                            args[1] = Src::Scalar(u);
                            Form::VecScalar
                        }
                        _ => {
                            args[0] = src_of(a[0], &slot_of);
                            args[1] = src_of(a[1], &slot_of);
                            Form::Vector
                        }
                    };
                    arith = ops::fusable(*op).map(|o| (o, form));
                    Call::Op(op_entries::<T>(isa, *op, form))
                }
                Node::F2(f, x, y) if uid[*x].is_none() && uid[*y].is_some() => {
                    args[0] = src_of(*x, &slot_of);
                    func_call(isa, *f, false, uid[*y])
                }
                node => {
                    for (t, &j) in a[..k].iter().enumerate() {
                        args[t] = match uid[j] {
                            Some(u) => bcast_of(u),
                            None => src_of(j, &slot_of),
                        };
                    }
                    match node {
                        Node::Op(op, _) => Call::Op(op_entries::<T>(isa, *op, Form::Vector)),
                        Node::F1(f, _) | Node::F2(f, ..) => func_call(isa, *f, false, None),
                        _ => unreachable!("inputs and constants are no steps"),
                    }
                }
            };
            let dst = if i == g.root {
                Dst::Out
            } else {
                let d = free.pop().unwrap_or_else(|| {
                    slots += 1;
                    slots - 1
                });
                slot_of[i] = Some(d);
                Dst::Slot(d)
            };
            // Operands whose last use this is give their temporaries back (after `dst` was
            // taken, so a step never writes over its own operand).
            for &j in &a[..k] {
                if last_use[j] == s
                    && let Some(d) = slot_of[j]
                    && !free.contains(&d)
                {
                    free.push(d);
                }
            }
            let kind = match &g.nodes[i] {
                Node::Op(op, _) => StepKind::Op(op.name()),
                Node::F1(f, _) => StepKind::F1(*f),
                Node::F2(f, ..) => StepKind::F2(*f),
                _ => unreachable!("inputs and constants are no steps"),
            };
            let pf = match kind {
                StepKind::F1(f) => T::kernel_prefetching(isa, f),
                _ => None,
            };
            steps.push(Step {
                call,
                args,
                dst,
                kind,
                arith,
                pf,
            });
        }
        if let Some(k) = input_of[g.root] {
            // The expression is one input: copy it.
            steps.push(Step {
                call: Call::Op(op_entries::<T>(isa, Op::Copy, Form::Vector)),
                args: [Src::Input(k), Src::Unused, Src::Unused],
                dst: Dst::Out,
                kind: StepKind::Op(Op::Copy.name()),
                arith: None,
                pf: None,
            });
        }
        Plan {
            fast: fuse(isa, &steps),
            steps,
            uniform,
            bcast,
            slots,
            varying: varying_inputs,
            fill: None,
            block,
            isa,
        }
    }
}

/// Pairs each two-operand arithmetic step whose result only the next step reads, where that
/// step is arithmetic too, into one pass ([`Exec::Two`], [`ops::entry2`]): `-0.5*x*x` or
/// `1/(1+t)` then read and write L1 once instead of twice. Every element is rounded as by the
/// two steps (the first result is a value of the type, as in the temporary).
fn fuse<T: Real>(isa: Isa, steps: &[Step<T>]) -> Vec<Exec<T>> {
    let mut out = Vec::with_capacity(steps.len());
    let mut i = 0;
    while i < steps.len() {
        if let Some(e) = steps
            .get(i + 1)
            .and_then(|s2| pair(isa, i, &steps[i], s2, &steps[i + 2..]))
        {
            out.push(e);
            i += 2;
        } else {
            out.push(Exec::One(i));
            i += 1;
        }
    }
    out
}

/// [`Exec::Two`] for steps `s1` (number `first`) and `s2`, if they fuse (see [`fuse`]); `rest`
/// are the steps after them.
fn pair<T: Real>(
    isa: Isa,
    first: usize,
    s1: &Step<T>,
    s2: &Step<T>,
    rest: &[Step<T>],
) -> Option<Exec<T>> {
    let ((op1, form1), (op2, form2)) = (s1.arith?, s2.arith?);
    let Dst::Slot(k) = s1.dst else { return None };
    let is_k = |a: &Src| matches!(a, Src::Slot(j) if *j == k);
    // The order of r (the first result) and c in the second operation.
    let (ord, c) = match (is_k(&s2.args[0]), is_k(&s2.args[1]), form2) {
        (true, false, Form::Vector) => (ops::Order::RVec, s2.args[1]),
        (true, false, Form::VecScalar) => (ops::Order::RScalar, s2.args[1]),
        (false, true, Form::Vector) => (ops::Order::VecR, s2.args[0]),
        (false, true, Form::ScalarVec) => (ops::Order::ScalarR, s2.args[0]),
        _ => return None,
    };
    // Slot k dead after s2: the next step that names it writes it.
    for st in rest {
        if st.args.iter().any(is_k) {
            return None;
        }
        if matches!(st.dst, Dst::Slot(j) if j == k) {
            break;
        }
    }
    // The fused pass writes s2's destination while it reads s1's operands and c: they must be
    // apart (the steps alone only needed s2's destination apart from s2's operands).
    if let Dst::Slot(d) = s2.dst
        && s1
            .args
            .iter()
            .chain([&c])
            .any(|a| matches!(a, Src::Slot(j) if *j == d))
    {
        return None;
    }
    Some(Exec::Two {
        first,
        call: (
            op_entry2::<T>(isa, op1, form1, op2, ord, false),
            op_entry2::<T>(isa, op1, form1, op2, ord, true),
        ),
        args: [s1.args[0], s1.args[1], c],
        dst: s2.dst,
    })
}

/// One node on uniform operands, through the same entry point as a block (one element: the
/// kernels' tail goes through the same code, so the value is what every lane would give).
fn compute_one<T: Real>(isa: Isa, node: &Node, v: &[T]) -> T {
    let mut out = [T::default()];
    let p = |k: usize| -> *const T { v.get(k).map_or(std::ptr::null(), |r| r as *const T) };
    // SAFETY: each operand pointer the node reads points at one element of `v` (the node's
    // operands; unread ones are null and ignored), `out` holds one element distinct from
    // `v`, and the caller checked the CPU runs `isa`.
    unsafe {
        match node {
            Node::Op(op, _) => {
                op_entry::<T>(isa, *op, Form::Vector, false)(p(0), p(1), p(2), out.as_mut_ptr(), 1);
            }
            Node::F1(f, _) => match T::kernel(isa, *f) {
                Kernel::Unary(e) => e(p(0), out.as_mut_ptr(), 1),
                _ => unreachable!("the parser checked {f}'s arity"),
            },
            Node::F2(f, ..) => match T::kernel(isa, *f) {
                Kernel::Binary(e, _) => e(p(0), p(1), out.as_mut_ptr(), 1),
                _ => unreachable!("the parser checked {f}'s arity"),
            },
            _ => unreachable!("inputs and constants are bound, not computed"),
        }
    }
    out[0]
}

impl<T: Real> Bound<'_, T> {
    /// Evaluates elements `offset .. offset + out.len()` into `out`, block by block. `stream`
    /// (the whole call's arrays, inputs and output, reach [`crate::streaming_threshold`] bytes
    /// and `out` has been written before: the caller decides, so a pool's chunks agree): a
    /// program of one registry function (`exp(x)`) then writes through the function's
    /// streaming entry point, as [`crate::eval`] does.
    ///
    /// **Memory** (issue 20). On blocks, the one-input function steps run through
    /// [`EntryPf`]: the k-th such step of a block prefetches the next block of the k-th slice
    /// input from inside its loop (one line per vector, spread over the step's compute), and
    /// one that writes `out` with `stream` writes non-temporal stores with no fence per block
    /// (one fence when the chunk is done); any other step into `out` with `stream` writes a
    /// staging block in L1 that the copy loop then streams to `out` the same way. The inputs
    /// no function step covers (`sqrt(x*x + y*y)` has none) are prefetched in a burst at the
    /// block's start, as before. Until
    /// 2026-12-05 every input came in that burst, which left memory idle while the block
    /// computed: single-threaded at n = 1e8, `exp(-0.5*x*x)` `f32` took 1.7-1.8x its time in
    /// cache, `exp` alone 1.1x. AMD EPYC Zen 5, n = 1e8 on 2 threads, `simdmath run --expr
    /// ... --out-of-place --modes physical`, three alternated rounds, `f32` ms before ->
    /// after: `exp(-0.5*x*x)` 17.8-19.4 -> 13.8-15.0, `1/(1+exp(-x))` 23.9-24.4 -> 17.7-20.1,
    /// `log1p(exp(x))` 24.7-25.3 -> 22.9-23.9, the GELU form 35.9-39.1 -> 28.4-31.9 (`exp`
    /// alone 8.2-9.9). Streaming blocks with a fence per block had been slower than plain
    /// stores (Zen 4, 2026-12-03: 40-104 ms against 25 for `exp(-0.5*x*x)`), and on Zen 5 only
    /// 10 % faster with the burst prefetch. Same bits either way.
    fn run(&self, offset: usize, out: &mut [T], inspect: Option<&dyn Inspect<T>>, stream: bool) {
        let plan = self.plan;
        if let Some(v) = plan.fill {
            out.fill(v);
            return;
        }
        let n = out.len();
        let checked = inspect.is_some_and(|i| i.only_unusual());
        let ops_checked = inspect.is_some_and(|i| i.only_nonfinite_ops());
        // The fused program, unless an inspector must see every operation's step.
        let fast = inspect.is_none() || ops_checked;
        // Gathered inputs are read into a block buffer each (at the front of the scratch),
        // block by block.
        let mut ng = 0;
        let (mut stack_gidx, mut heap_gidx) = ([None; INLINE_INPUTS], Vec::new());
        let gidx = per_input(&mut stack_gidx, &mut heap_gidx, self.gathers.len());
        for (k, g) in self.gathers.iter().enumerate() {
            if g.is_some() {
                gidx[k] = Some(ng);
                ng += 1;
            }
        }
        let gidx = &*gidx;
        // A program with no temporaries (`exp(x)`, `x * y`) has nothing to keep in L1: one
        // block over the whole range, as the entry point alone would run (a function's step
        // then streams a large output through its streaming entry point, as `eval` does).
        // An arithmetic step has no streaming form, so with `stream` such a program (`x * y`,
        // `x + 1`) runs on blocks too and streams through the staging block below: Intel Xeon
        // (family 6 model 167), n = 1e8 `f64` on 2 threads, three alternated rounds: `x+0`
        // 64.5-65.5 -> 49.3-49.8 ms (with the copy loop's prefetch below).
        let arith = plan.steps.iter().any(|st| matches!(st.call, Call::Op(_)));
        let whole = plan.slots == 0 && plan.bcast.is_empty() && ng == 0 && !(stream && arith);
        let b = if whole { n.max(1) } else { plan.block };
        // The slice inputs read from memory (not gathered), in order. On blocks, the k-th
        // one-input function step of a block prefetches the next block of the k-th of them
        // from inside its loop, one line per vector while it computes ([`EntryPf`]); the
        // inputs left over are prefetched in a burst at the block's start.
        let (mut pf_in, mut npf) = ([0usize; INLINE_INPUTS], 0);
        for &k in &plan.varying {
            if gidx[k].is_none() && npf < INLINE_INPUTS {
                pf_in[npf] = k;
                npf += 1;
            }
        }
        let by_steps = if whole {
            0
        } else {
            npf.min(plan.steps.iter().filter(|st| st.pf.is_some()).count())
        };
        let ahead = simdmath_kernels::backend::PREFETCH_AHEAD / std::mem::size_of::<T>();
        // A staged `out` (below): the copy loop that streams each block's results prefetches
        // the next block of the first input no function step covers, one line per vector
        // between its non-temporal stores, instead of that input coming in the burst at the
        // block's start (Intel Xeon, family 6 model 167, n = 1e8 `f64` on 2 threads, three
        // alternated rounds: `x*x+1` 54.3-55.6 -> 51.6-52.9 ms, `x*x*x+2*x` 59.6-60.2 ->
        // 57.6-58.6).
        // The step into `out` is staged unless it is a prefetching function's (`dest` below);
        // a fused pair writes its second step's destination, an arithmetic step's, so the
        // steps decide for the fused program too.
        let stage = stream && !whole;
        let out_staged = stage
            && plan
                .steps
                .iter()
                .any(|st| matches!(st.dst, Dst::Out) && st.pf.is_none());
        let by_copy = usize::from(out_staged && by_steps < npf);
        // Whether a step streamed into `out` without a fence (the fence comes at the end).
        let streamed = Cell::new(false);
        // A large `out` on blocks: a step that writes it other than through a function's
        // prefetching loop (an arithmetic step, a two-input function) computes into a staging
        // block in L1, which the copy loop then writes with non-temporal stores.
        // Ordinary stores read each line of `out` before writing it: Intel Xeon (family 6
        // model 167), n = 1e8 `f64`, 2 threads, `1/(1+exp(-x))` 94.7 -> 90.1 ms, the GELU
        // form 147 -> 112, `x*x+1` 69.0 -> 53.7 (`f32` with `SIMDMATH_STREAM_BYTES=0`:
        // `1/(1+exp(-x))` 45.3 -> 39.2, GELU 61.0 -> 46.7).
        let staged = Cell::new(false);
        let line = 64 / std::mem::size_of::<T>();
        // Where `out` streams on blocks, the first block is shortened so that every later one
        // starts on a cache line of `out`: a line that one block's non-temporal stores fill in
        // part and a neighbour's ordinary stores (the partial vectors around the aligned body)
        // complete costs far more than the line, and numpy's large arrays lie 16 bytes past
        // a line. AMD Zen 3, n = 1e8 `f64`, 2 threads, `out` 16 bytes past a line, two
        // alternated rounds: `1/(1+exp(-x))` 124-128 -> 106-107 ms, `exp(-0.5*x*x)` 87-97 ->
        // 75-77 ms, `x*x` 49-50 -> 40-43 ms (docs/PERFORMANCE.md, "the first block ends on a
        // line"); the same bits for every block boundary.
        let op = out.as_mut_ptr();
        let mut first = b;
        let skew = (op as usize) % 64;
        if stream && !whole && skew.is_multiple_of(std::mem::size_of::<T>()) {
            // Elements before `out`'s first full line; the first block ends on a line.
            let lead = (64 - skew) / std::mem::size_of::<T>() % line;
            if b % line == 0 {
                first = b - (line - lead) % line;
            }
        }
        // The gathered inputs' buffers (`ng` of `b` elements), then the temporaries and the
        // broadcast blocks: this thread's reused scratch, the temporaries starting on a cache
        // line (a temporary of `b` elements starts on one when `b` fills whole lines, as the
        // default blocks do).
        let mut buf = SCRATCH.with(Cell::take);
        let elems = (ng + plan.slots + plan.bcast.len() + usize::from(stage)) * b;
        let size = std::mem::size_of::<T>();
        // A page more than the blocks need: where the temporaries start in it is chosen below.
        let lines = (elems * size).div_ceil(64) + 64 * usize::from(!whole);
        if buf.len() < lines {
            buf.resize(lines, Line([0; 64]));
        }
        // Where the temporaries lie in a page against the inputs and `out`: a step whose
        // output lies just ahead of its input in a page (`store_alias`, 4K aliasing) has
        // each load wait on the store of a vector before it. The default blocks fill whole
        // pages, so every temporary and the staging block share one offset in a page, and
        // every block of an input after the first lies at one offset as well: the
        // temporaries start at the first offset, in steps of 256 bytes from half a page past
        // the first input, that no input lies just behind and `out` not just ahead of. AMD
        // Zen 3, n = 1e8 `f64` on 2 threads, the scratch moved by hand: `exp(x)*1` took 93-98
        // ms at most offsets and 101-118 where `out` lay 16-112 bytes ahead of the staging
        // block (docs/PERFORMANCE.md, "4K aliasing").
        let base = buf.as_mut_ptr().cast::<u8>();
        let gp = if whole {
            base.cast::<T>()
        } else {
            let at = |p: *const T| (p as usize).wrapping_add((offset + first) * size);
            let first_in = plan.varying.iter().find_map(|&k| {
                (gidx[k].is_none() && !self.inputs[k].is_null()).then(|| at(self.inputs[k]))
            });
            let start = first_in.unwrap_or(op as usize).wrapping_add(2048);
            // Whether temporaries at offset `t` in a page are clear of the inputs and `out`.
            let clear = |t: usize| {
                let t = t as *mut u8;
                !store_alias(t.cast_const(), op.cast::<u8>())
                    && plan.varying.iter().all(|&k| {
                        gidx[k].is_some()
                            || self.inputs[k].is_null()
                            || !store_alias(at(self.inputs[k]) as *const u8, t)
                    })
            };
            // Candidates on lines, as the temporaries will start.
            let temps = (0..16)
                .map(|j| start.wrapping_add(256 * j) & 4095 & !63)
                .find(|&o| clear(o))
                .unwrap_or(0);
            // From `base` (64-byte aligned) to the first temporary at that offset; the
            // gathered buffers lie before it, and the page of slack holds the shift.
            let sp_off = (temps + 4096 - (base as usize + ng * b * size) % 4096) % 4096;
            base.wrapping_add(sp_off).cast::<T>()
        };
        let sp = gp.wrapping_add(ng * b);
        for (k, &u) in plan.bcast.iter().enumerate() {
            // SAFETY: block `plan.slots + k` of the temporaries lies within the buffer's `elems`
            // elements past the shift (a multiple of `T`'s size from a 64-byte aligned base, so
            // aligned for `T`, and below the page of slack; `T` is `f32` or `f64`, for which
            // every initialized bit pattern is a value), and nothing else refers to it.
            unsafe { std::slice::from_raw_parts_mut(sp.add((plan.slots + k) * b), b) }
                .fill(plan.uniform[u]);
        }
        let tp = sp.wrapping_add((plan.slots + plan.bcast.len()) * b);
        let mut s = 0;
        debug_assert!(first <= b, "the scratch blocks hold b elements");
        while s < n {
            let m = if s == 0 { first } else { b }.min(n - s);
            // The next block's input lines that no function step prefetches, into L2 at once.
            let (ns, ne) = (s + m, (s + m + b).min(n));
            for (k, g) in self.gathers.iter().enumerate() {
                if let (Some(g), Some(j)) = (g, gidx[k]) {
                    // SAFETY: gathered buffer `j` of the scratch holds `b >= m` elements, and no
                    // step runs while it is written.
                    g.gather(offset + s, unsafe {
                        std::slice::from_raw_parts_mut(gp.wrapping_add(j * b), m)
                    });
                }
            }
            let mut p = 0;
            for &k in &plan.varying {
                if gidx[k].is_some() {
                    continue;
                }
                p += 1;
                if p <= by_steps + by_copy {
                    continue;
                }
                let ip = self.inputs[k];
                let mut i = ns;
                while i < ne {
                    simdmath_kernels::backend::prefetch(ip.wrapping_add(offset + i));
                    i += line;
                }
            }
            let ptr = |a: Src| -> *const T {
                match a {
                    Src::Input(k) => match gidx[k] {
                        Some(j) => gp.wrapping_add(j * b).cast_const(),
                        None => self.inputs[k].wrapping_add(offset + s),
                    },
                    Src::Slot(k) => sp.wrapping_add(k * b).cast_const(),
                    Src::Scalar(k) => &plan.uniform[k] as *const T,
                    Src::Bcast(k) => sp.wrapping_add((plan.slots + k) * b).cast_const(),
                    Src::Unused => std::ptr::null(),
                }
            };
            // Where a step writes: its temporary, `out`, or (`stage`, a step other than a
            // prefetching function's) the staging block.
            let dest = |dst: Dst, pf: bool| -> *mut T {
                match dst {
                    Dst::Slot(k) => sp.wrapping_add(k * b),
                    Dst::Out if stage && !pf => {
                        staged.set(true);
                        tp
                    }
                    Dst::Out => op.wrapping_add(s),
                }
            };
            let f1_seen = Cell::new(0usize);
            let run_step = |st: &Step<T>| {
                let d = dest(st.dst, st.pf.is_some() && !whole);
                let [a0, a1, a2] = st.args.map(ptr);
                let look = if let (Some(pfe), false) = (st.pf, whole) {
                    // A one-input function on a block: the k-th prefetches the next block of
                    // input k (or, with none left, ahead of its own operand, as every entry
                    // point), and a step into a large `out` streams, fenced at the end.
                    let k = f1_seen.get();
                    f1_seen.set(k + 1);
                    let pf = if k < by_steps && ne > ns {
                        self.inputs[pf_in[k]]
                            .wrapping_add(offset + ns)
                            .wrapping_sub(ahead)
                    } else {
                        a0
                    };
                    let nt = stream && matches!(st.dst, Dst::Out);
                    streamed.set(streamed.get() | nt);
                    // SAFETY: as below: `a0` and `d` point at `m` valid elements and do not
                    // overlap; `pf` is only prefetched (never read, never faults); a streamed
                    // `out` is fenced before `run` returns; the plan's isa was checked.
                    let unusual = unsafe { pfe(a0, pf, d, m, nt, checked) };
                    unusual || !checked
                } else {
                    let call = match (st.call, st.kind) {
                        // The whole range at once from a function's streaming entry point.
                        (Call::F1(_) | Call::F2(_), StepKind::F1(f) | StepKind::F2(f))
                            if stream && whole =>
                        {
                            func_call(plan.isa, f, true, None)
                        }
                        (Call::F2s(_, u), StepKind::F2(f)) if stream && whole => {
                            func_call(plan.isa, f, true, Some(u))
                        }
                        (c, _) => c,
                    };
                    // SAFETY: every operand points at `m` valid elements: an input slice at
                    // `offset + s` (inputs are as long as the whole output, and `offset + s +
                    // m` lies within it), a scratch block of `b >= m` elements, or (scalar
                    // forms) one uniform value; `d` is a scratch block or `out[s..s + m]`,
                    // which no operand overlaps (the plan gives a step's result a temporary
                    // none of its operands holds, and `out` is an exclusive borrow); the
                    // plan's isa was checked.
                    unsafe {
                        match call {
                            Call::Op((_, c)) if ops_checked => c(a0, a1, a2, d, m),
                            Call::Op((e, _)) => {
                                e(a0, a1, a2, d, m);
                                true
                            }
                            Call::F1((_, c)) if checked => c(a0, d, m),
                            Call::F1((e, _)) => {
                                e(a0, d, m);
                                true
                            }
                            Call::F2((_, c)) if checked => c(a0, a1, d, m),
                            Call::F2((e, _)) => {
                                e(a0, a1, d, m);
                                true
                            }
                            Call::F2s((_, c), u) if checked => c(a0, plan.uniform[u], d, m),
                            Call::F2s((e, _), u) => {
                                e(a0, plan.uniform[u], d, m);
                                true
                            }
                        }
                    }
                };
                if let (Some(insp), true) = (inspect, look) {
                    let arity = match st.kind {
                        StepKind::F1(_) => 1,
                        StepKind::F2(_) => 2,
                        StepKind::Op(_) => {
                            st.args.iter().filter(|a| !matches!(a, Src::Unused)).count()
                        }
                    };
                    let mut ops = [Operand::Scalar(T::default()); 3];
                    for (t, (&a, p)) in st.args.iter().zip([a0, a1, a2]).enumerate().take(arity) {
                        ops[t] = match a {
                            Src::Scalar(k) => Operand::Scalar(plan.uniform[k]),
                            Src::Unused => match st.call {
                                Call::F2s(_, u) => Operand::Scalar(plan.uniform[u]),
                                _ => unreachable!("an operand within the arity"),
                            },
                            // SAFETY: as above, `m` valid elements, which the step only read.
                            _ => Operand::Slice(unsafe { std::slice::from_raw_parts(p, m) }),
                        };
                    }
                    // SAFETY: the step just wrote these `m` elements; nothing else writes them
                    // until the next step.
                    let res = unsafe { std::slice::from_raw_parts(d.cast_const(), m) };
                    insp.step(st.kind, &ops[..arity], res);
                }
            };
            for e in 0..if fast {
                plan.fast.len()
            } else {
                plan.steps.len()
            } {
                let (first, call, args, dst) = match if fast { plan.fast[e] } else { Exec::One(e) }
                {
                    Exec::One(i) => {
                        run_step(&plan.steps[i]);
                        continue;
                    }
                    Exec::Two {
                        first,
                        call,
                        args,
                        dst,
                    } => (first, call, args, dst),
                };
                let d = dest(dst, false);
                let [a0, a1, a2] = args.map(ptr);
                // SAFETY: as for a step: `a0`, `a1` are the first step's operands, `a2` the
                // second's other one, `d` the second's destination, which the plan keeps
                // apart from all three (`pair`).
                let look = unsafe {
                    if ops_checked {
                        call.1(a0, a1, a2, d, m)
                    } else {
                        call.0(a0, a1, a2, d, m)
                    }
                };
                if look {
                    // A NaN or ±inf the inspector must see with its step: the two steps again,
                    // one by one (the same bits), each inspected.
                    run_step(&plan.steps[first]);
                    run_step(&plan.steps[first + 1]);
                }
            }
            if staged.replace(false) {
                // SAFETY: the staging block holds the `m` results just computed, `out[s..s +
                // m]` is valid and apart from it; the copy streams without a fence, issued
                // before `run` returns; the plan's isa was checked.
                let pf = if by_copy == 1 && ne > ns {
                    self.inputs[pf_in[by_steps]]
                        .wrapping_add(offset + ns)
                        .wrapping_sub(ahead)
                } else {
                    tp
                };
                unsafe {
                    T::copy_prefetching(plan.isa)(tp, pf, op.wrapping_add(s), m, true, false)
                };
                streamed.set(true);
            }
            s += m;
        }
        if streamed.get() {
            simdmath_kernels::backend::store_fence();
        }
        if lines <= SCRATCH_KEEP_LINES {
            SCRATCH.with(|c| c.set(buf));
        }
    }
}

/// One cache line of a thread's expression scratch ([`SCRATCH`]).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; 64]);

thread_local! {
    /// Each thread's scratch for [`Bound::run`] (gathered input blocks, temporaries, broadcast
    /// blocks), taken for a call and put back after it: a program's blocks need no allocation
    /// and no zeroing per call or per pool chunk (at n = 4096 the `malloc`, `memset` and
    /// `free` of fresh buffers took about 10 % of an `exp(-0.5*x*x)` evaluation). Its contents
    /// are whatever an earlier call left: every temporary is written before it is read.
    static SCRATCH: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
}

/// The most scratch a thread keeps between calls (1 MiB; the default blocks need a few KiB per
/// temporary, a caller-chosen block may need more, and is then allocated for its call only).
const SCRATCH_KEEP_LINES: usize = (1 << 20) / 64;

impl Pool {
    /// [`Expr::eval`] on the pool: the output is cut into chunks as [`Pool::eval`] cuts it
    /// and each worker runs the whole program on its chunks' blocks, so every element is
    /// read and written once. Bit-identical to [`Expr::eval`] for any thread count.
    ///
    /// # Errors
    /// As [`Expr::eval`]; `out` is untouched then.
    ///
    /// # Panics
    /// If `SIMDMATH_ISA` names an unknown or unavailable instruction set.
    ///
    /// ```
    /// use simdmath::{Expr, Input, Pool};
    /// let pool = Pool::with_threads(2).unwrap();
    /// let e = Expr::parse("sin(x)*cos(y) + x*y")?;
    /// let x: Vec<f64> = (0..100_000).map(|i| i as f64 * 1e-4).collect();
    /// let y: Vec<f64> = x.iter().map(|v| 1.0 - v).collect();
    /// let (mut a, mut b) = (vec![0.0; x.len()], vec![0.0; x.len()]);
    /// let inputs = [("x", Input::from(&x)), ("y", Input::from(&y))];
    /// pool.eval_expr(&e, &inputs, &mut a)?;
    /// e.eval(&inputs, &mut b)?;
    /// assert_eq!(a, b);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    #[track_caller]
    pub fn eval_expr<T: Real>(
        &self,
        expr: &Expr,
        inputs: &[(&str, Input<'_, T>)],
        out: &mut [T],
    ) -> Result<(), ExprError> {
        self.eval_expr_with(Isa::best(), 0, expr, inputs, out)
    }

    /// [`Pool::eval_expr`] with the given instruction set and block length (`0`: default).
    ///
    /// # Errors
    /// As [`Expr::eval`].
    ///
    /// # Panics
    /// If this CPU cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Expr, Input, Isa, Pool};
    /// let pool = Pool::with_threads(2).unwrap();
    /// let e = Expr::parse("where(x > 0.5, sqrt(x), -x)")?;
    /// let x: Vec<f32> = (0..70_000).map(|i| i as f32 / 70_000.0).collect();
    /// let mut y = vec![0.0f32; x.len()];
    /// pool.eval_expr_with(Isa::Portable, 100, &e, &[("x", Input::from(&x))], &mut y)?;
    /// assert_eq!(y[0], -0.0);
    /// assert_eq!(y[69_999], x[69_999].sqrt());
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    #[track_caller]
    pub fn eval_expr_with<T: Real>(
        &self,
        isa: Isa,
        block: usize,
        expr: &Expr,
        inputs: &[(&str, Input<'_, T>)],
        out: &mut [T],
    ) -> Result<(), ExprError> {
        check_isa(isa);
        let stream = expr.streams(inputs, out.as_ptr(), out.len());
        expr.with_plan(isa, block, inputs, out.len(), |b| {
            self.for_each_chunk(out, |off, chunk| b.run(off, chunk, None, stream))
        })
    }

    /// [`Pool::eval_expr`], calling `inspect` after every step of every block, on the
    /// workers (see [`Inspect`]).
    ///
    /// # Errors
    /// As [`Expr::eval`].
    #[doc(hidden)]
    #[track_caller]
    pub fn eval_expr_inspect<T: Real>(
        &self,
        expr: &Expr,
        inputs: &[(&str, Input<'_, T>)],
        out: &mut [T],
        inspect: &dyn Inspect<T>,
    ) -> Result<(), ExprError> {
        let stream = expr.streams(inputs, out.as_ptr(), out.len());
        expr.with_plan(Isa::best(), 0, inputs, out.len(), |b| {
            self.for_each_chunk(out, |off, chunk| b.run(off, chunk, Some(inspect), stream))
        })
    }
}

/// The names an expression may call: the builtins (`abs`, `sqrt`, `fma`, `min`, `max`,
/// `where`) and every registry function of one or two inputs.
///
/// ```
/// let names = simdmath::expr_functions();
/// assert!(names.contains(&"where") && names.contains(&"atan2") && !names.contains(&"sincos"));
/// ```
pub fn expr_functions() -> Vec<&'static str> {
    parse::function_names()
}
