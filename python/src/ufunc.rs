//! Registry functions as real `numpy.ufunc` objects.
//!
//! Each function gets one ufunc made with numpy's `PyUFunc_FromFuncAndData`, with `float16`,
//! `float32` and `float64` loops; numpy does the rest (casting, broadcasting, `out=`, `where=`,
//! `__array_ufunc__`). The one-input `float32` functions with a correctly rounded tier also get
//! a second ufunc, `simdmath.cr.<name>`, with a `float32` loop through that tier. What depends
//! on the number of inputs and outputs (the loop signatures and the inner loops) lives in one
//! [`Shape`] per arity.
//!
//! # Inner loops
//! Every loop looks first at how its operands lie in memory ([`alias`]):
//! - contiguous, aligned, each input either the output itself (in place) or apart from every
//!   output: the dispatched kernel straight on the caller's memory, block by block (an input
//!   that is also the output is copied to an L1 buffer first, for the floating-point checks);
//!   spans of at least [`pool_threshold`] elements are split over the pinned pool (numpy has
//!   already released the GIL for these loops, which need no Python API);
//! - strided, broadcast, unaligned, or an input that overlaps an output "ahead" of it (what
//!   numpy hands over without a copy, `exp(a[1:], out=a[:-1])`): gathered into L1 buffers a
//!   block at a time, computed, scattered, on the calling thread;
//! - any other overlap of an input and an output (numpy's reductions: `hypot.reduce` passes
//!   the output as the first input at stride 0, `accumulate` one element behind it): element by
//!   element, in order, as numpy's definition of the loop reads.
//!
//! Every element goes through the same dispatched entry point whatever path it takes, so the
//! results are bit-identical to `simdmath::eval` and to each other for any thread count.
//! `float16` loops gather into `float32` blocks, run the `float32` kernel and round once to
//! `float16` ([`crate::half`]), as numpy's own `float16` loops do; contiguous `float16` spans
//! above the threshold do that per pool chunk.
//!
//! The floating-point flags come from the outputs of each block while it is in L1: one vector
//! scan (`vfpclass` on AVX-512DQ) and, only where it finds a special value, a look at each
//! element ([`crate::fpe`]). Where the inputs lie apart from the outputs, the kernel makes the
//! quick test itself, on the results in registers ([`sm::eval_checked`]; for the functions
//! with a registry `usual` path or `input` test, such as `log`, `cbrt`, `hypot`, `log1p` and,
//! but on AVX-512, `exp` and its family, by a test of the inputs, most of it the kernel's own),
//! and only a block it reports is looked at again; such a call whose arrays (inputs and
//! outputs) together exceed the last-level cache, into an output written before (not one
//! numpy has just allocated: [`sm::streams_to`], as `simdmath.eval` decides), also writes with
//! non-temporal stores, which skip reading each output line before writing it.

use crate::fpe::{self, Elem};
use crate::half;
use crate::threads;
use numpy::npyffi::{self, NPY_CASTING, NPY_TYPES, PY_UFUNC_API, npy_intp};
use numpy::{PyArrayDescrMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use sm::{Accuracy, Arity, Func, Isa, Pool};
use std::ffi::{CString, c_char, c_int, c_void};
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// Elements per block of the contiguous, strided and element-type-converting paths (8 KiB of
/// `f64`: a block and its buffers stay in L1).
const BLOCK: usize = 1024;

/// Elements per block of the contiguous out-of-place paths (inputs apart from the outputs):
/// the checked entry point writes the block, and only a block it reports is looked at again,
/// while it is still in L2. 16384 elements (a pool chunk of `f32`, a whole one of `f64`): a
/// quarter of the calls of 4096, and at n = 1e7 `float32` `cosh` and `sin` 1.06-1.12x ->
/// 1.05-1.07x of the kernel, the others within the noise (Intel Xeon, family 6 model 167).
const SPAN_BLOCK: usize = 16 * BLOCK;

/// [`SPAN_BLOCK`] for a call whose output streams: 64-128 KiB, so the store fence that ends each
/// block is amortised. An out-of-place contiguous output streams by the crate's one rule,
/// [`sm::streams`], as `simdmath.eval`'s does: possible because the floating-point check of
/// such a call comes from the kernel ([`sm::eval_checked`]), so nothing reads it back.
const STREAM_BLOCK: usize = 1 << 14;

/// Contiguous spans of at least this many elements go to the pool (see `docs/PERFORMANCE.md`
/// for the measurement; settable for tests with `simdmath._set_pool_threshold`).
pub const DEFAULT_POOL_THRESHOLD: usize = 1 << 16;
static POOL_THRESHOLD: AtomicUsize = AtomicUsize::new(DEFAULT_POOL_THRESHOLD);

/// The current pool threshold in elements.
pub fn pool_threshold() -> usize {
    POOL_THRESHOLD.load(Ordering::Relaxed)
}

/// Sets the pool threshold (at least 1).
pub fn set_pool_threshold(n: usize) {
    POOL_THRESHOLD.store(n.max(1), Ordering::Relaxed)
}

/// The pool for a contiguous span of `n` elements (`None`: the calling thread).
pub fn pool_for(n: usize) -> Option<Arc<Pool>> {
    if n >= pool_threshold() {
        threads::current()
    } else {
        None
    }
}

/// numpy's `PyUFunc_None` identity (no reduction identity) and `PyUFunc_Zero`.
const PY_UFUNC_NONE: c_int = -1;
const PY_UFUNC_ZERO: c_int = 0;

/// The bit of a loop's `data` (otherwise the function's index in `Func::ALL`) that selects the
/// correctly rounded tier.
const CR_FLAG: usize = 1 << 16;

type Loop = unsafe extern "C" fn(*mut *mut c_char, *mut npy_intp, *mut npy_intp, *mut c_void);

/// What a loop computes: the function, its tier, the instruction set and its flag rule.
#[derive(Clone, Copy)]
pub struct Op {
    f: Func,
    acc: Accuracy,
    isa: Isa,
    rule: &'static fpe::Rule,
}

impl Op {
    fn at(index: usize, acc: Accuracy) -> Op {
        let f = Func::ALL[index];
        Op {
            f,
            acc,
            isa: Isa::best(),
            rule: fpe::rule_at(index),
        }
    }

    /// The op a loop's `data` names (see [`CR_FLAG`]).
    fn from_data(data: *mut c_void) -> Op {
        let d = data as usize;
        let acc = if d & CR_FLAG != 0 {
            Accuracy::CorrectlyRounded
        } else {
            Accuracy::Faithful
        };
        Op::at(d & (CR_FLAG - 1), acc)
    }

    #[inline]
    fn unary<T: Elem>(&self, x: &[T], y: &mut [T]) {
        sm::eval_with_accuracy(self.isa, self.acc, self.f, x, y)
    }

    #[inline]
    fn binary<T: Elem>(&self, x: &[T], y: &[T], out: &mut [T]) {
        sm::eval2_with(self.isa, self.f, x, y, out)
    }

    #[inline]
    fn binary_scalar<T: Elem>(&self, x: &[T], y: T, out: &mut [T]) {
        sm::eval2_scalar_with(self.isa, self.f, x, y, out)
    }

    #[inline]
    fn pair<T: Elem>(&self, x: &[T], a: &mut [T], b: &mut [T]) {
        sm::eval_pair_with_accuracy(self.isa, self.acc, self.f, x, a, b)
    }

    /// The operands through the checked entry point (streaming or not), which tests the
    /// results in registers (true: some result is NaN, ±inf, ±0 or subnormal; look at the block
    /// again).
    #[inline]
    fn checked<T: Elem>(&self, ops: sm::Operands<'_, T>, stream: bool) -> bool {
        sm::eval_checked(self.isa, self.acc, self.f, ops, stream)
    }
}

/// One block of an out-of-place span (inputs apart from the outputs) through the kernel's
/// checked entry point, with streaming stores where `stream`: the block's inputs and results
/// are looked at again, for the flags numpy would raise, only where the kernel reports an
/// unusual result. The one step of every shape's contiguous path.
#[inline]
fn checked_block<T: Elem>(op: &Op, mut ops: sm::Operands<'_, T>, stream: bool) -> u8 {
    if !op.checked(ops.reborrow(), stream) {
        return 0;
    }
    match ops {
        sm::Operands::Unary(x, y) => fpe::flags(op.rule, x, y),
        sm::Operands::Binary(x, y, o) => fpe::flags2(op.rule, |i| x[i], |i| y[i], o),
        sm::Operands::BinaryScalar(x, v, o) => fpe::flags2(op.rule, |i| x[i], |_| v, o),
        sm::Operands::Pair(x, a, b) => fpe::flags_pair(x, a, b),
        _ => unreachable!("the checked blocks are out of place"),
    }
}

/// What a function's arity fixes: inputs, outputs, and one loop per type signature.
struct Shape {
    nin: c_int,
    nout: c_int,
    /// `(type numbers of the nin + nout operands, loop)`, in numpy's search order: `float16`
    /// first, so bool and 8-bit integers promote to `float16` (as for `numpy.exp`), 16-bit
    /// ones to `float32`, the rest to `float64`.
    loops: Vec<(Vec<NPY_TYPES>, Loop)>,
}

impl Shape {
    /// `nin` inputs and `nout` outputs of one type per loop: `float16` (`le`), `float32`
    /// (`lf`), `float64` (`ld`); `None` for a type without a loop.
    fn new(nin: c_int, nout: c_int, le: Option<Loop>, lf: Loop, ld: Option<Loop>) -> Shape {
        use NPY_TYPES::{NPY_DOUBLE, NPY_FLOAT, NPY_HALF};
        let n = (nin + nout) as usize;
        let mut loops = vec![];
        if let Some(le) = le {
            loops.push((vec![NPY_HALF; n], le));
        }
        loops.push((vec![NPY_FLOAT; n], lf));
        if let Some(ld) = ld {
            loops.push((vec![NPY_DOUBLE; n], ld));
        }
        Shape { nin, nout, loops }
    }
}

/// The seam for arities: one input (`exp`), two inputs (`pow`, `atan2`, `hypot`: `ff->f`,
/// `dd->d` over `args = [x, y, out]`), and one input with two outputs (`sincos`: `f->ff`,
/// `d->dd` over `args = [x, out0, out1]`). The correctly rounded tier (`cr`) has a `float32`
/// loop only, for the functions that have the tier.
fn shape_of(f: Func, cr: bool) -> Option<Shape> {
    if cr {
        Accuracy::CorrectlyRounded.bound::<f32>(f)?;
        return match f.arity() {
            Arity::Unary => Some(Shape::new(1, 1, None, unary_loop::<Native<f32>>, None)),
            Arity::UnaryPair => Some(Shape::new(1, 2, None, pair_loop::<Native<f32>>, None)),
            _ => None,
        };
    }
    match f.arity() {
        Arity::Unary => Some(Shape::new(
            1,
            1,
            Some(unary_loop::<Half>),
            unary_loop::<Native<f32>>,
            Some(unary_loop::<Native<f64>>),
        )),
        Arity::Binary => Some(Shape::new(
            2,
            1,
            Some(binary_loop::<Half>),
            binary_loop::<Native<f32>>,
            Some(binary_loop::<Native<f64>>),
        )),
        Arity::UnaryPair => Some(Shape::new(
            1,
            2,
            Some(pair_loop::<Half>),
            pair_loop::<Native<f32>>,
            Some(pair_loop::<Native<f64>>),
        )),
        _ => None,
    }
}

/// The registry functions that become ufuncs, in registry order.
pub fn supported() -> impl Iterator<Item = Func> {
    Func::ALL
        .iter()
        .copied()
        .filter(|&f| shape_of(f, false).is_some())
}

/// The registry functions that have a `simdmath.cr` ufunc (the correctly rounded tier).
pub fn supported_cr() -> impl Iterator<Item = Func> {
    Func::ALL
        .iter()
        .copied()
        .filter(|&f| shape_of(f, true).is_some())
}

/// The text `help(simdmath.<name>)` shows after numpy's signature line, from the registry.
pub fn docstring(f: Func, cr: bool) -> String {
    let i = f.info();
    let args = match (f.arity(), f.name()) {
        (Arity::Binary, "atan2") => "y, x",
        (Arity::Binary, _) => "x, y",
        (Arity::UnaryPair, _) => "x) -> (sin(x), cos(x)",
        _ => "x",
    };
    let common = format!(
        "Contiguous spans of at least {thr} elements run on simdmath's pinned thread pool \
         (see simdmath.set_num_threads) with the GIL released; results are bit-identical \
         for any thread count. Floating-point errors (overflow, invalid, divide by zero, \
         underflow) are reported as numpy's own ufuncs report them, under numpy.errstate.",
        thr = DEFAULT_POOL_THRESHOLD,
    );
    if cr {
        return format!(
            "{name}({args}): simdmath's correctly rounded `{name}` (float32), elementwise, as \
             a numpy ufunc.\n\n\
             Accuracy: every float32 result is the float nearest the exact value (0 ulp; the \
             same bits as core-math), for every input, on every instruction set.\n\
             Domain: {dom}.\n\
             Special values: {sp}.\n\n\
             Types: float32 -> float32 (float16, bool, 8- and 16-bit integers promote to \
             float32). float64 input raises TypeError: the tier has no float64 kernel; use \
             simdmath.{name} (within {u64} ulp) for float64.\n{common}",
            name = f.name(),
            u64 = i.max_ulp_f64,
            dom = i.domain.trim_end_matches('.'),
            sp = i.specials.trim_end_matches('.'),
        );
    }
    format!(
        "{name}({args}): simdmath's `{name}`, elementwise, as a numpy ufunc.\n\n\
         Accuracy: every result within {u64} ulp (float64) / {u32} ulp (float32) of the \
         correctly rounded value (integer distance; 0 = correctly rounded), for every input, \
         on every instruction set; float16 is computed in float32 and rounded once, as \
         numpy does.\n\
         Domain: {dom}.\n\
         Special values: {sp}.\n\n\
         Types: float16, float32 and float64, each to itself; bool and 8-bit integers \
         promote to float16, 16-bit integers to float32 and other integers to float64, as \
         for numpy's own ufuncs; longdouble, complex, object and other inputs raise \
         TypeError.{cr}\n{common}",
        name = f.name(),
        u64 = i.max_ulp_f64,
        u32 = i.max_ulp_f32,
        dom = i.domain.trim_end_matches('.'),
        sp = i.specials.trim_end_matches('.'),
        cr = if shape_of(f, true).is_some() {
            format!(
                " The correctly rounded float32 tier is simdmath.cr.{}.",
                f.name()
            )
        } else {
            String::new()
        },
    )
}

/// Builds the ufunc for `f` (`cr`: the correctly rounded tier's, `simdmath.cr.<name>`). Its
/// tables and strings live as long as the process (numpy keeps pointers to them).
///
/// # Panics
/// If `f` has no such ufunc (callers iterate [`supported`] / [`supported_cr`]).
pub fn make(py: Python<'_>, f: Func, cr: bool) -> PyResult<Bound<'_, PyAny>> {
    let shape = shape_of(f, cr).expect("make() is called for supported functions");
    let ntypes = shape.loops.len();
    let nargs = (shape.nin + shape.nout) as usize;
    let mut funcs: Vec<npyffi::PyUFuncGenericFunction> = Vec::with_capacity(ntypes);
    let mut types: Vec<c_char> = Vec::with_capacity(ntypes * nargs);
    for (sig, lp) in &shape.loops {
        assert_eq!(sig.len(), nargs);
        funcs.push(Some(*lp));
        types.extend(sig.iter().map(|&t| t as c_char));
    }
    let index = Func::ALL.iter().position(|&g| g == f).expect("registered");
    // The loop's `data`: the function's index in Func::ALL, and the tier's flag.
    let tag = index | if cr { CR_FLAG } else { 0 };
    let data: Vec<*mut c_void> = vec![tag as *mut c_void; ntypes];
    let name = CString::new(f.name()).expect("no NUL in a name");
    let doc = CString::new(docstring(f, cr)).expect("no NUL in the registry's text");
    let (funcs, data, types) = (funcs.leak(), data.leak(), types.leak());
    let (name, doc) = (name.into_raw(), doc.into_raw());
    // hypot(0, x) = |x|: numpy's hypot has identity 0, so `reduce` of an empty array is 0.0.
    let identity = if f == Func::Hypot {
        PY_UFUNC_ZERO
    } else {
        PY_UFUNC_NONE
    };
    // SAFETY: the tables hold `ntypes` loops/data and `ntypes * nargs` type numbers and are
    // leaked, as are the strings, so they outlive the ufunc; the identity is one of numpy's.
    let obj = unsafe {
        PY_UFUNC_API.PyUFunc_FromFuncAndData(
            py,
            funcs.as_mut_ptr(),
            data.as_mut_ptr(),
            types.as_mut_ptr(),
            ntypes as c_int,
            shape.nin,
            shape.nout,
            identity,
            name,
            doc,
            0,
        )
    };
    // SAFETY: a new reference or NULL with an exception set.
    let ufunc = unsafe { Bound::from_owned_ptr_or_err(py, obj)? };
    // SAFETY: `obj` is a live PyUFuncObject (just created); the type resolver is read by numpy
    // on calls, all under the GIL, which we hold.
    unsafe { (*(obj as *mut npyffi::PyUFuncObject)).fields.type_resolver = Some(type_resolver) };
    // Pickling by reference: numpy reduces a ufunc to its `__name__`, and pickle looks it up in
    // `__module__` (`simdmath.cr.exp` is `exp` in module `simdmath.cr`).
    ufunc.setattr("__module__", if cr { "simdmath.cr" } else { "simdmath" })?;
    ufunc.setattr("__qualname__", f.name())?;
    Ok(ufunc)
}

/// Rejects input types the crate has no loop for with a message that names what it supports,
/// then leaves the choice of loop to numpy's default resolver (which promotes integers as for
/// `numpy.exp`, applies `dtype=`/`signature=` and the casting rule). For a `simdmath.cr`
/// ufunc, an input numpy cannot send to the `float32` loop (`float64`, 32- and 64-bit
/// integers) gets a TypeError naming the faithful ufunc.
unsafe extern "C" fn type_resolver(
    ufunc: *mut npyffi::PyUFuncObject,
    casting: NPY_CASTING,
    operands: *mut *mut npyffi::PyArrayObject,
    type_tup: *mut pyo3::ffi::PyObject,
    out_dtypes: *mut *mut npyffi::PyArray_Descr,
) -> c_int {
    // SAFETY: numpy calls type resolvers with the GIL held.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `ufunc` is live, one of ours: `data` holds `ntypes >= 1` tags; `operands` holds
    // at least `nin` arrays.
    let (nin, name, cr) = unsafe {
        let f = &(*ufunc).fields;
        (
            f.nin as usize,
            std::ffi::CStr::from_ptr(f.name),
            (*f.data) as usize & CR_FLAG != 0,
        )
    };
    // Built only for an error message (this resolver runs on every call).
    let name = || name.to_string_lossy().into_owned();
    let qual = || {
        format!(
            "{}{}",
            if cr { "simdmath.cr." } else { "simdmath." },
            name()
        )
    };
    // Names of the input dtypes, only where an error needs them (this runs on every call).
    let describe = |arr: &Bound<'_, PyUntypedArray>| {
        arr.dtype()
            .str()
            .map(|s| s.to_string())
            .unwrap_or_else(|_| "?".into())
    };
    let mut inputs = Vec::with_capacity(nin);
    for i in 0..nin {
        // SAFETY: operand `i < nin` is a live array (numpy converts inputs first).
        let op = unsafe { *operands.add(i) };
        if op.is_null() {
            continue;
        }
        // SAFETY: a borrowed, live ndarray.
        let arr = unsafe { Bound::from_borrowed_ptr(py, op.cast()) };
        let Ok(arr) = arr.cast_into::<PyUntypedArray>() else {
            continue;
        };
        let dt = arr.dtype();
        let ok = match dt.kind() {
            b'b' | b'i' | b'u' => true,
            b'f' => matches!(dt.itemsize(), 2 | 4 | 8),
            _ => false,
        };
        if !ok {
            let types = if cr {
                "float32 (float16, bool and small integer inputs promote to it)"
            } else {
                "float16, float32 and float64 (bool and integer inputs promote to them)"
            };
            let got = describe(&arr);
            PyTypeError::new_err(format!("{} supports {types}; got {got}", qual())).restore(py);
            return -1;
        }
        inputs.push(arr);
    }
    // SAFETY: the arguments are numpy's own, passed through unchanged.
    let r = unsafe {
        PY_UFUNC_API.PyUFunc_DefaultTypeResolver(py, ufunc, casting, operands, type_tup, out_dtypes)
    };
    if r < 0 && cr {
        // No float32 loop numpy may use for these inputs: say where float64 is computed.
        let cause = PyErr::take(py);
        let err = PyTypeError::new_err(format!(
            "{} has a float32 loop only (the correctly rounded tier has no float64 kernel \
             yet); for these inputs ({}) use simdmath.{}, within 1 ulp, or pass float32",
            qual(),
            inputs.iter().map(describe).collect::<Vec<_>>().join(", "),
            name()
        ));
        err.set_cause(py, cause);
        err.restore(py);
    }
    r
}

/// One operand of an inner loop: its first element and its byte stride.
#[derive(Clone, Copy)]
struct Arg {
    p: *mut u8,
    s: isize,
}

impl Arg {
    /// Operand `k` of numpy's `args`/`steps`.
    ///
    /// # Safety
    /// `args` and `steps` hold at least `k + 1` entries.
    unsafe fn of(args: *mut *mut c_char, steps: *mut npy_intp, k: usize) -> Arg {
        // SAFETY: forwarded.
        unsafe {
            Arg {
                p: (*args.add(k)).cast(),
                s: *steps.add(k),
            }
        }
    }

    /// The address of element `i`.
    ///
    /// # Safety
    /// Element `i` lies within the operand numpy handed over.
    #[inline(always)]
    unsafe fn at(self, i: usize) -> *mut u8 {
        // SAFETY: forwarded.
        unsafe { self.p.offset(i as isize * self.s) }
    }

    /// The bytes `[lo, hi)` that `n > 0` elements of `size` bytes cover.
    fn bytes(self, n: usize, size: usize) -> (usize, usize) {
        let a = self.p as usize;
        let last = a.wrapping_add_signed(self.s.wrapping_mul(n as isize - 1));
        (a.min(last), a.max(last) + size)
    }

    fn aligned(self, align: usize) -> bool {
        (self.p as usize).is_multiple_of(align)
    }
}

/// How an input lies against an output, over `n` elements.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Alias {
    /// No byte in common.
    Disjoint,
    /// The very same elements (in place).
    Same,
    /// Overlapping, same stride, the input ahead in the direction of the loop: a block read
    /// before it is written reads what an element-by-element loop would (numpy hands such
    /// operands over without a copy: `exp(a[1:], out=a[:-1])`).
    Ahead,
    /// Any other overlap (numpy's reductions: the output is the first input at stride 0, or
    /// one element behind it): only an element-by-element loop in order is right.
    Other,
}

fn alias(inp: Arg, out: Arg, n: usize, size: usize) -> Alias {
    if n == 0 {
        return Alias::Disjoint;
    }
    let ((a0, a1), (b0, b1)) = (inp.bytes(n, size), out.bytes(n, size));
    if a1 <= b0 || b1 <= a0 {
        return Alias::Disjoint;
    }
    if inp.p == out.p && (n == 1 || (inp.s == out.s && inp.s != 0)) {
        return Alias::Same;
    }
    let s = inp.s;
    if s == out.s && s.unsigned_abs() >= size && (if s > 0 { inp.p > out.p } else { inp.p < out.p })
    {
        return Alias::Ahead;
    }
    Alias::Other
}

/// Block length for the gathering path: `BLOCK`, or 1 (element by element) when an input
/// overlaps an output in a way blocks would get wrong.
fn block_len(aliases: &[Alias]) -> usize {
    if aliases.contains(&Alias::Other) {
        1
    } else {
        BLOCK
    }
}

/// A raw pointer shared with the pool's workers.
#[derive(Clone, Copy)]
struct Shared<T>(*mut T);
// SAFETY: the loops hand each worker disjoint elements of memory numpy keeps alive for the
// whole call; reads of a shared input are reads only.
unsafe impl<T> Send for Shared<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for Shared<T> {}

impl<T> Shared<T> {
    /// The pointer (a method, so that closures capture the whole `Shared`, not its field).
    #[inline(always)]
    fn get(self) -> *mut T {
        self.0
    }
}

/// Three blocks of scratch per thread (pool workers and callers alike), initialised once: a
/// fresh zeroed array per call cost as much as the copy it serves.
#[repr(C, align(64))]
struct Scratch([[u64; BLOCK]; 3]);

thread_local! {
    static SCRATCH: std::cell::UnsafeCell<Scratch> =
        const { std::cell::UnsafeCell::new(Scratch([[0; BLOCK]; 3])) };
}

/// Runs `f` with this thread's three scratch blocks as `BLOCK` elements of `T` each.
fn with_scratch<T: Elem, R>(f: impl FnOnce(&mut [T], &mut [T], &mut [T]) -> R) -> R {
    const { assert!(std::mem::size_of::<T>() <= 8 && std::mem::align_of::<T>() <= 8) };
    SCRATCH.with(|s| {
        // SAFETY: the blocks are initialised `u64`s, any bit pattern is a valid `f32`/`f64`,
        // `T` is no larger nor more aligned than `u64`; `with_scratch` is never re-entered on
        // one thread (the kernels do not call back), so the three borrows are the only ones.
        unsafe {
            let s = &mut *s.get();
            let [a, b, c] = &mut s.0;
            f(
                std::slice::from_raw_parts_mut(a.as_mut_ptr().cast::<T>(), BLOCK),
                std::slice::from_raw_parts_mut(b.as_mut_ptr().cast::<T>(), BLOCK),
                std::slice::from_raw_parts_mut(c.as_mut_ptr().cast::<T>(), BLOCK),
            )
        }
    })
}

/// How a loop's element type is stored and computed: natively (`f32`, `f64`), or as
/// `float16` through `f32`.
trait Store {
    /// The type the kernels compute in.
    type C: Elem;
    /// Bytes per stored element.
    const SIZE: usize;
    /// Loads element `p` (any alignment).
    ///
    /// # Safety
    /// `p` is valid for `SIZE` bytes of reading.
    unsafe fn load(p: *const u8) -> Self::C;
    /// Stores `v` at `p` (any alignment); returns the flags the narrowing raises.
    ///
    /// # Safety
    /// `p` is valid for `SIZE` bytes of writing.
    unsafe fn store(p: *mut u8, v: Self::C) -> u8;
    /// The contiguous fast paths (`None`: not this type, or not these operands).
    ///
    /// # Safety
    /// As the loops: numpy's operands for `n` elements.
    unsafe fn contig_unary(_: &Op, _: Arg, _: Arg, _: usize, _: Alias) -> Option<u8> {
        None
    }
    /// See [`Store::contig_unary`].
    ///
    /// # Safety
    /// As the loops.
    unsafe fn contig_binary(_: &Op, _: [Arg; 3], _: usize, _: [Alias; 2]) -> Option<u8> {
        None
    }
    /// See [`Store::contig_unary`].
    ///
    /// # Safety
    /// As the loops.
    unsafe fn contig_pair(_: &Op, _: [Arg; 3], _: usize, _: [Alias; 3]) -> Option<u8> {
        None
    }
}

/// `f32` or `f64` in memory, computed as is.
struct Native<T>(PhantomData<T>);

/// `float16` in memory, computed in `f32`.
struct Half;

impl Store for Half {
    type C = f32;
    const SIZE: usize = 2;
    #[inline(always)]
    unsafe fn load(p: *const u8) -> f32 {
        // SAFETY: forwarded.
        half::to_f32(unsafe { p.cast::<u16>().read_unaligned() })
    }
    #[inline(always)]
    unsafe fn store(p: *mut u8, v: f32) -> u8 {
        let (h, fl) = half::from_f32(v);
        // SAFETY: forwarded.
        unsafe { p.cast::<u16>().write_unaligned(h) };
        fl
    }

    // Contiguous float16 spans above the pool threshold: the gathering path per pool chunk
    // (below it, and for any other layout, the gathering path on the calling thread).
    unsafe fn contig_unary(op: &Op, x: Arg, y: Arg, n: usize, al: Alias) -> Option<u8> {
        let pool = half_pool(&[x, y], n, &[al])?;
        let xp = Shared(x.p);
        let same = al == Alias::Same;
        // SAFETY: forwarded; the chunk's input is the chunk itself in place, else the matching
        // elements of a contiguous input apart from the output.
        Some(unsafe {
            half_chunks(pool, y.p, n, |off, c, k| {
                let xa = if same { c } else { xp.get().add(2 * off) };
                let arg = |p| Arg { p, s: 2 };
                gather::<Half>(op, Form::Unary, [arg(xa), arg(c), arg(c)], k, BLOCK)
            })
        })
    }

    unsafe fn contig_binary(op: &Op, a: [Arg; 3], n: usize, al: [Alias; 2]) -> Option<u8> {
        let pool = half_pool(&a, n, &al)?;
        let (xp, yp) = (Shared(a[0].p), Shared(a[1].p));
        // SAFETY: as `contig_unary`, for each input.
        Some(unsafe {
            half_chunks(pool, a[2].p, n, |off, c, k| {
                let xa = if al[0] == Alias::Same {
                    c
                } else {
                    xp.get().add(2 * off)
                };
                let ya = if al[1] == Alias::Same {
                    c
                } else {
                    yp.get().add(2 * off)
                };
                let arg = |p| Arg { p, s: 2 };
                gather::<Half>(op, Form::Binary, [arg(xa), arg(ya), arg(c)], k, BLOCK)
            })
        })
    }

    unsafe fn contig_pair(op: &Op, a: [Arg; 3], n: usize, al: [Alias; 3]) -> Option<u8> {
        if al[2] != Alias::Disjoint {
            return None;
        }
        let pool = half_pool(&a, n, &al[..2])?;
        let (xp, bp) = (Shared(a[0].p), Shared(a[2].p));
        // SAFETY: as `contig_unary`; the second output's chunk is apart from the first's.
        Some(unsafe {
            half_chunks(pool, a[1].p, n, |off, c, k| {
                let b = bp.get().add(2 * off);
                let xa = match al {
                    [Alias::Same, ..] => c,
                    [_, Alias::Same, _] => b,
                    _ => xp.get().add(2 * off),
                };
                let arg = |p| Arg { p, s: 2 };
                gather::<Half>(op, Form::Pair, [arg(xa), arg(c), arg(b)], k, BLOCK)
            })
        })
    }
}

/// The pool for contiguous, aligned `float16` operands whose inputs are each the output or
/// apart from it (`None`: not these operands, or a span below the threshold).
fn half_pool(args: &[Arg], n: usize, al: &[Alias]) -> Option<Arc<Pool>> {
    let ok = args.iter().all(|a| a.s == 2 && a.aligned(2))
        && al
            .iter()
            .all(|a| matches!(a, Alias::Disjoint | Alias::Same));
    if ok { pool_for(n) } else { None }
}

/// Runs `job(offset, chunk pointer, chunk length)` over the `n` contiguous `float16` elements
/// of the output at `out`, split over `pool`; ORs the flags.
///
/// # Safety
/// `out` is aligned and valid for `n` contiguous `u16` reads and writes; `job` touches only
/// its chunk of every operand.
unsafe fn half_chunks(
    pool: Arc<Pool>,
    out: *mut u8,
    n: usize,
    job: impl Fn(usize, *mut u8, usize) -> u8 + Sync,
) -> u8 {
    // SAFETY: forwarded.
    let out = unsafe { std::slice::from_raw_parts_mut(out.cast::<u16>(), n) };
    let acc = AtomicU8::new(0);
    pool.for_each_chunk(out, |off, c| {
        let fl = job(off, c.as_mut_ptr().cast(), c.len());
        if fl != 0 {
            acc.fetch_or(fl, Ordering::Relaxed);
        }
    });
    acc.into_inner()
}

impl<T: Elem> Store for Native<T> {
    type C = T;
    const SIZE: usize = std::mem::size_of::<T>();
    #[inline(always)]
    unsafe fn load(p: *const u8) -> T {
        // SAFETY: forwarded.
        unsafe { p.cast::<T>().read_unaligned() }
    }
    #[inline(always)]
    unsafe fn store(p: *mut u8, v: T) -> u8 {
        // SAFETY: forwarded.
        unsafe { p.cast::<T>().write_unaligned(v) };
        0
    }

    unsafe fn contig_unary(op: &Op, x: Arg, y: Arg, n: usize, al: Alias) -> Option<u8> {
        let (size, align) = (Self::SIZE as isize, std::mem::align_of::<T>());
        let ok = x.s == size
            && y.s == size
            && x.aligned(align)
            && y.aligned(align)
            && matches!(al, Alias::Disjoint | Alias::Same);
        // SAFETY: `n` contiguous, aligned elements each; the input is the output or apart.
        ok.then(|| unsafe { contig_unary::<T>(op, x.p.cast(), y.p.cast(), n) })
    }

    unsafe fn contig_binary(op: &Op, a: [Arg; 3], n: usize, al: [Alias; 2]) -> Option<u8> {
        let (size, align) = (Self::SIZE as isize, std::mem::align_of::<T>());
        let o = a[2];
        if o.s != size || !o.aligned(align) {
            return None;
        }
        let mut src = [Src::Out, Src::Out];
        for k in 0..2 {
            src[k] = match (a[k].s, al[k]) {
                (s, Alias::Disjoint) if s == size && a[k].aligned(align) => {
                    Src::Span(Shared(a[k].p.cast()))
                }
                (s, Alias::Same) if s == size => Src::Out,
                // SAFETY: a broadcast input apart from the output: one element to read.
                (0, Alias::Disjoint) => Src::Scalar(unsafe { Self::load(a[k].p) }),
                _ => return None,
            };
        }
        // SAFETY: forwarded; the output is contiguous and aligned, each input checked above.
        Some(unsafe { contig_binary::<T>(op, src[0], src[1], o.p.cast(), n) })
    }

    unsafe fn contig_pair(op: &Op, a: [Arg; 3], n: usize, al: [Alias; 3]) -> Option<u8> {
        let (size, align) = (Self::SIZE as isize, std::mem::align_of::<T>());
        if !a.iter().all(|a| a.s == size && a.aligned(align)) || al[2] != Alias::Disjoint {
            return None;
        }
        let src = match (al[0], al[1]) {
            (Alias::Disjoint, Alias::Disjoint) => PairSrc::Span(Shared(a[0].p.cast())),
            (Alias::Same, _) => PairSrc::Out0,
            (_, Alias::Same) => PairSrc::Out1,
            _ => return None,
        };
        // SAFETY: forwarded; outputs contiguous, aligned and apart, the input one of them or
        // apart from both.
        Some(unsafe { contig_pair::<T>(op, src, a[1].p.cast(), a[2].p.cast(), n) })
    }
}

/// Runs `run(offset, chunk)` over `out` (`n` elements at `p`) on the pool when it is large
/// enough, else on the calling thread; ORs the flags.
///
/// # Safety
/// `p` is valid for `n` contiguous reads and writes, and nothing else writes it meanwhile.
unsafe fn over_chunks<T: Elem>(
    p: *mut T,
    n: usize,
    run: impl Fn(usize, &mut [T]) -> u8 + Sync,
) -> u8 {
    // SAFETY: forwarded.
    let out = unsafe { std::slice::from_raw_parts_mut(p, n) };
    match pool_for(n) {
        None => run(0, out),
        Some(pool) => {
            let acc = AtomicU8::new(0);
            pool.for_each_chunk(out, |off, c| {
                let fl = run(off, c);
                // Only when there is something to say: an atomic read-modify-write per chunk
                // on a line every worker writes cost 8 % of exp's compute at n = 1e8.
                if fl != 0 {
                    acc.fetch_or(fl, Ordering::Relaxed);
                }
            });
            acc.into_inner()
        }
    }
}

/// `y = f(x)` on contiguous, aligned spans that are either the same (in place) or apart.
///
/// # Safety
/// `x` and `y` are valid for `n` contiguous elements; equal or not overlapping.
unsafe fn contig_unary<T: Elem>(op: &Op, x: *const T, y: *mut T, n: usize) -> u8 {
    let xp = Shared(x.cast_mut());
    let in_place = std::ptr::eq(x, y);
    let stream = !in_place && sm::streams_to(y, n, 2);
    // SAFETY: forwarded.
    unsafe {
        over_chunks(y, n, |off, out| {
            let mut fl = 0;
            if in_place {
                // The input is the output: each block computed into an L1 buffer, then checked
                // and written back in one pass (the input is still there for the check).
                with_scratch::<T, ()>(|buf, _, _| {
                    for c in out.chunks_mut(BLOCK) {
                        let b = &mut buf[..c.len()];
                        op.unary(c, b);
                        fl |= fpe::settle(op.rule, c, b);
                    }
                })
            } else {
                // SAFETY: the input's chunk matching `out`, apart from it.
                let x = std::slice::from_raw_parts(xp.get().add(off), out.len());
                let blk = if stream { STREAM_BLOCK } else { SPAN_BLOCK };
                for (a, c) in x.chunks(blk).zip(out.chunks_mut(blk)) {
                    fl |= checked_block(op, sm::Operands::Unary(a, c), stream);
                }
            }
            fl
        })
    }
}

/// An input of the contiguous two-input path.
#[derive(Clone, Copy)]
enum Src<T> {
    /// Contiguous, apart from the output.
    Span(Shared<T>),
    /// The output itself (in place).
    Out,
    /// One value for every element (a broadcast scalar).
    Scalar(T),
}

/// One block's view of an input.
#[derive(Clone, Copy)]
enum In<'a, T> {
    S(&'a [T]),
    V(T),
}

impl<T: Copy> In<'_, T> {
    #[inline(always)]
    fn get(&self, i: usize) -> T {
        match self {
            In::S(s) => s[i],
            In::V(v) => *v,
        }
    }
}

/// `out = f(x, y)` on a contiguous, aligned output; inputs as [`Src`].
///
/// # Safety
/// `out` is valid for `n` contiguous elements; a `Span` input for `n` contiguous reads apart
/// from `out`.
unsafe fn contig_binary<T: Elem>(op: &Op, x: Src<T>, y: Src<T>, out: *mut T, n: usize) -> u8 {
    // Out of place with the first input a span: the checked entry point, streaming if large.
    let direct = matches!((x, y), (Src::Span(_), Src::Span(_) | Src::Scalar(_)));
    // The arrays the call moves: the output and each input apart from it.
    let arrays = 1 + [x, y].iter().filter(|s| matches!(s, Src::Span(_))).count();
    let stream = sm::streams_to(out, n, arrays);
    let blk = if stream { STREAM_BLOCK } else { SPAN_BLOCK };
    // SAFETY: forwarded.
    unsafe {
        over_chunks(out, n, |off, out| {
            if direct {
                let mut fl = 0;
                let mut base = off;
                for c in out.chunks_mut(blk) {
                    let k = c.len();
                    // SAFETY: a `Span` input's elements `base..base + k`, apart from `out`.
                    let (xi, yi) = (view(x, &[], base, k), view(y, &[], base, k));
                    fl |= match (xi, yi) {
                        (In::S(a), In::S(b)) => {
                            checked_block(op, sm::Operands::Binary(a, b, c), stream)
                        }
                        (In::S(a), In::V(v)) => {
                            checked_block(op, sm::Operands::BinaryScalar(a, v, c), stream)
                        }
                        _ => unreachable!("direct only with a span first input"),
                    };
                    base += k;
                }
                return fl;
            }
            with_scratch::<T, u8>(|xb, fill, _| {
                let mut fl = 0;
                let mut base = off;
                for c in out.chunks_mut(BLOCK) {
                    let k = c.len();
                    if matches!(x, Src::Out) || matches!(y, Src::Out) {
                        xb[..k].copy_from_slice(c);
                    }
                    // SAFETY: a `Span` input's elements `base..base + k`, apart from `out`.
                    let (xi, yi) = (view(x, xb, base, k), view(y, xb, base, k));
                    match (xi, yi) {
                        (In::S(a), In::S(b)) => op.binary(a, b, c),
                        (In::S(a), In::V(v)) => op.binary_scalar(a, v, c),
                        (In::V(u), In::S(b)) => {
                            fill[..k].fill(u);
                            op.binary(&fill[..k], b, c)
                        }
                        (In::V(u), In::V(v)) => {
                            fill[..k].fill(u);
                            op.binary_scalar(&fill[..k], v, c)
                        }
                    }
                    fl |= fpe::flags2(op.rule, |i| xi.get(i), |i| yi.get(i), c);
                    base += k;
                }
                fl
            })
        })
    }
}

/// Elements `base..base + k` of an input of [`contig_binary`] (`saved`: the output's block
/// before it was written, for an input that is the output).
///
/// # Safety
/// A `Span` input is valid for those elements and apart from the output.
#[inline(always)]
unsafe fn view<T: Elem>(s: Src<T>, saved: &[T], base: usize, k: usize) -> In<'_, T> {
    match s {
        // SAFETY: forwarded.
        Src::Span(p) => In::S(unsafe { std::slice::from_raw_parts(p.get().add(base), k) }),
        Src::Out => In::S(&saved[..k]),
        Src::Scalar(v) => In::V(v),
    }
}

/// The input of the contiguous two-output path.
#[derive(Clone, Copy)]
enum PairSrc<T> {
    Span(Shared<T>),
    Out0,
    Out1,
}

/// `(a, b) = f(x)` on contiguous, aligned outputs apart from each other.
///
/// # Safety
/// `a` and `b` are valid for `n` contiguous elements and apart; a `Span` input for `n`
/// contiguous reads apart from both.
unsafe fn contig_pair<T: Elem>(op: &Op, x: PairSrc<T>, a: *mut T, b: *mut T, n: usize) -> u8 {
    let bp = Shared(b);
    // Both outputs and the input where it is apart from them.
    let arrays = 2 + usize::from(matches!(x, PairSrc::Span(_)));
    let stream = sm::streams_to(a, n, arrays) && sm::streams_to(b, n, arrays);
    // SAFETY: forwarded.
    unsafe {
        over_chunks(a, n, |off, a| {
            let k_all = a.len();
            // SAFETY: the chunk of `b` matching `a`'s, apart from it.
            let b = std::slice::from_raw_parts_mut(bp.get().add(off), k_all);
            if let PairSrc::Span(p) = x {
                // SAFETY: the input's chunk matching `a`'s, apart from both outputs.
                let xs = std::slice::from_raw_parts(p.get().add(off), k_all);
                let mut fl = 0;
                let blk = if stream { STREAM_BLOCK } else { SPAN_BLOCK };
                let blocks = a.chunks_mut(blk).zip(b.chunks_mut(blk));
                for ((ca, cb), xc) in blocks.zip(xs.chunks(blk)) {
                    fl |= checked_block(op, sm::Operands::Pair(xc, ca, cb), stream);
                }
                return fl;
            }
            with_scratch::<T, u8>(|xb, _, _| {
                let mut fl = 0;
                let mut base = off;
                for (ca, cb) in a.chunks_mut(BLOCK).zip(b.chunks_mut(BLOCK)) {
                    let k = ca.len();
                    let xs: &[T] = match x {
                        // SAFETY: elements `base..base + k` of an input apart from both.
                        PairSrc::Span(p) => std::slice::from_raw_parts(p.get().add(base), k),
                        PairSrc::Out0 => {
                            xb[..k].copy_from_slice(ca);
                            &xb[..k]
                        }
                        PairSrc::Out1 => {
                            xb[..k].copy_from_slice(cb);
                            &xb[..k]
                        }
                    };
                    op.pair(xs, ca, cb);
                    fl |= fpe::flags_pair(xs, ca, cb);
                    base += k;
                }
                fl
            })
        })
    }
}

/// A function's shape in the gathering loop: its operands are `[x, y]` (one input, one output),
/// `[x, y, out]` (two inputs) or `[x, out0, out1]` (two outputs), inputs first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Unary,
    Binary,
    Pair,
}

impl Form {
    /// How many of the operands are inputs, and how many in all.
    fn counts(self) -> (usize, usize) {
        match self {
            Form::Unary => (1, 2),
            Form::Binary => (2, 3),
            Form::Pair => (1, 3),
        }
    }
}

/// `f` of `form` over `n` elements gathered `blk` at a time into L1 buffers of the computed
/// type, evaluated and checked there, and scattered back (on the calling thread, or per pool
/// chunk of a contiguous `float16` span): the loop of every layout the contiguous paths do not
/// take, for every shape.
///
/// # Safety
/// Valid operands for `n` elements (`args[..]` as [`Form`] orders them; a third operand of a
/// one-input function is not read); `blk` is 1 unless [`block_len`] allows blocks.
unsafe fn gather<S: Store>(op: &Op, form: Form, args: [Arg; 3], n: usize, blk: usize) -> u8 {
    let (ins, all) = form.counts();
    with_scratch::<S::C, u8>(|b0, b1, b2| {
        let mut fl = 0;
        let mut done = 0;
        while done < n {
            let k = (n - done).min(blk);
            let mut bufs = [&mut b0[..k], &mut b1[..k], &mut b2[..k]];
            for (buf, arg) in bufs.iter_mut().zip(args).take(ins) {
                for (i, v) in buf.iter_mut().enumerate() {
                    // SAFETY: element `done + i < n` of the input (stride 0 when broadcast).
                    *v = unsafe { S::load(arg.at(done + i)) };
                }
            }
            let [x, u, v] = &mut bufs;
            fl |= match form {
                Form::Unary => {
                    op.unary(x, u);
                    fpe::flags(op.rule, x, u)
                }
                Form::Binary => {
                    op.binary(x, u, v);
                    fpe::flags2(op.rule, |i| x[i], |i| u[i], v)
                }
                Form::Pair => {
                    op.pair(x, u, v);
                    fpe::flags_pair(x, u, v)
                }
            };
            for (buf, arg) in bufs.iter().zip(args).take(all).skip(ins) {
                for (i, v) in buf.iter().enumerate() {
                    // SAFETY: element `done + i < n` of the output.
                    fl |= unsafe { S::store(arg.at(done + i), *v) };
                }
            }
            done += k;
        }
        fl
    })
}

/// numpy's unary inner loop: `args = [x, y]`, `dims = [n]`, `steps = [x stride, y stride]`
/// in bytes, `data` = the function's tag ([`CR_FLAG`]).
unsafe extern "C" fn unary_loop<S: Store>(
    args: *mut *mut c_char,
    dims: *mut npy_intp,
    steps: *mut npy_intp,
    data: *mut c_void,
) {
    // SAFETY: numpy's loop contract: two operand pointers, one length, two strides.
    let (x, y, n) = unsafe {
        (
            Arg::of(args, steps, 0),
            Arg::of(args, steps, 1),
            *dims as usize,
        )
    };
    let op = Op::from_data(data);
    let saved = fpe::save();
    let al = alias(x, y, n, S::SIZE);
    // SAFETY: numpy guarantees `n` elements at each operand's stride.
    let fl = unsafe {
        match S::contig_unary(&op, x, y, n, al) {
            Some(fl) => fl,
            None => gather::<S>(&op, Form::Unary, [x, y, y], n, block_len(&[al])),
        }
    };
    fpe::restore(saved);
    fpe::raise(fl);
}

/// numpy's binary inner loop: `args = [x, y, out]`, `dims = [n]`, three byte strides.
/// Floating-point flags from the data: NaN out of numbers is invalid, an infinity out of
/// finite inputs is a pole (`pow(0, y < 0)`: divide by zero) or an overflow.
unsafe extern "C" fn binary_loop<S: Store>(
    args: *mut *mut c_char,
    dims: *mut npy_intp,
    steps: *mut npy_intp,
    data: *mut c_void,
) {
    // SAFETY: numpy's loop contract: three operand pointers, one length, three strides.
    let (a, n) = unsafe { ([0, 1, 2].map(|k| Arg::of(args, steps, k)), *dims as usize) };
    let op = Op::from_data(data);
    let saved = fpe::save();
    let al = [alias(a[0], a[2], n, S::SIZE), alias(a[1], a[2], n, S::SIZE)];
    // SAFETY: numpy guarantees `n` elements at each operand's stride.
    let fl = unsafe {
        match S::contig_binary(&op, a, n, al) {
            Some(fl) => fl,
            None => gather::<S>(&op, Form::Binary, a, n, block_len(&al)),
        }
    };
    fpe::restore(saved);
    fpe::raise(fl);
}

/// numpy's one-input, two-output inner loop (`sincos`): `args = [x, out0, out1]`, three byte
/// strides; each block through the dispatched `eval_pair_with_accuracy`, so the outputs are
/// bit for bit the Rust API's (and `sin`'s, `cos`'s). NaN out of a number (`sin(inf)`) is
/// invalid.
unsafe extern "C" fn pair_loop<S: Store>(
    args: *mut *mut c_char,
    dims: *mut npy_intp,
    steps: *mut npy_intp,
    data: *mut c_void,
) {
    // SAFETY: numpy's loop contract: three operand pointers, one length, three strides.
    let (a, n) = unsafe { ([0, 1, 2].map(|k| Arg::of(args, steps, k)), *dims as usize) };
    let op = Op::from_data(data);
    let saved = fpe::save();
    let al = [
        alias(a[0], a[1], n, S::SIZE),
        alias(a[0], a[2], n, S::SIZE),
        alias(a[1], a[2], n, S::SIZE),
    ];
    // SAFETY: numpy guarantees `n` elements at each operand's stride.
    let fl = unsafe {
        match S::contig_pair(&op, a, n, al) {
            Some(fl) => fl,
            None => gather::<S>(&op, Form::Pair, a, n, block_len(&al[..2])),
        }
    };
    fpe::restore(saved);
    fpe::raise(fl);
}
