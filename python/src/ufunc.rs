//! Registry functions as real `numpy.ufunc` objects.
//!
//! Each function gets one ufunc made with numpy's `PyUFunc_FromFuncAndData`, with a `float32`
//! and a `float64` loop; numpy does the rest (casting, broadcasting, `out=`, `where=`, overlap,
//! `__array_ufunc__`). What depends on the number of inputs and outputs (the loop signatures
//! and the inner loops) lives in one [`Shape`] per arity; today ufuncs are built for the unary
//! functions. A binary function (`pow`) or one with two outputs (`sincos`)
//! adds a `Shape` (nin, nout, loops over `args[0..nin+nout]`) and one arm in [`shape_of`].
//!
//! # Inner loops (unary)
//! - contiguous input and output, at least [`pool_threshold`] elements: split over the pinned
//!   pool (numpy has already released the GIL for these loops, which need no Python API);
//! - contiguous, smaller: on the calling thread, in one call of the dispatched kernel;
//! - strided (views, reversed, broadcast) or overlapping: gathered into a small buffer,
//!   computed, scattered, on the calling thread.
//!
//! Every element goes through the same dispatched entry point whatever path it takes, so the
//! results are bit-identical to `simdmath::eval` and to each other for any thread count.
//! Output aliasing the input exactly (`exp(x, out=x)`) is done in place, block by block through
//! an L1 buffer so the input is still there for the floating-point checks ([`crate::fpe`]).

use crate::fpe::{self, Elem};
use crate::threads;
use numpy::npyffi::{self, NPY_CASTING, NPY_TYPES, PY_UFUNC_API, npy_intp};
use numpy::{PyArrayDescrMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use sm::{Arity, Func, Isa};
use std::ffi::{CString, c_char, c_int, c_void};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// Elements per block of the flag scan, and of the strided and in-place paths' buffers (8 KiB
/// of `f64`: a block and its buffer stay in L1; 1024 measured no worse than 256-2048 here).
const BLOCK: usize = 1024;

/// Contiguous spans of at least this many elements go to the pool (see `docs/PERFORMANCE.md`
/// for the measurement; settable for tests with `simdmath._set_pool_threshold`).
pub const DEFAULT_POOL_THRESHOLD: usize = 1 << 16;
static POOL_THRESHOLD: AtomicUsize = AtomicUsize::new(DEFAULT_POOL_THRESHOLD);

pub fn pool_threshold() -> usize {
    POOL_THRESHOLD.load(Ordering::Relaxed)
}
pub fn set_pool_threshold(n: usize) {
    POOL_THRESHOLD.store(n.max(1), Ordering::Relaxed)
}

/// numpy's `PyUFunc_None` identity (no reduction identity).
const PY_UFUNC_NONE: c_int = -1;

type Loop = unsafe extern "C" fn(*mut *mut c_char, *mut npy_intp, *mut npy_intp, *mut c_void);

/// What a ufunc's arity fixes: inputs, outputs, and one loop per type signature.
struct Shape {
    nin: c_int,
    nout: c_int,
    /// `(type numbers of the nin + nout operands, loop)`, in numpy's search order: `float32`
    /// first, so small integers promote to `float32` and the rest to `float64`.
    loops: Vec<(Vec<NPY_TYPES>, Loop)>,
}

impl Shape {
    /// `nin` inputs and `nout` outputs, all `float32` (loop `lf`) or all `float64` (`ld`).
    fn new(nin: c_int, nout: c_int, lf: Loop, ld: Loop) -> Shape {
        use NPY_TYPES::{NPY_DOUBLE, NPY_FLOAT};
        let n = (nin + nout) as usize;
        Shape {
            nin,
            nout,
            loops: vec![(vec![NPY_FLOAT; n], lf), (vec![NPY_DOUBLE; n], ld)],
        }
    }
}

/// The seam for arities: one input (`exp`), two inputs (`pow`, `atan2`, `hypot`: `ff->f`,
/// `dd->d` over `args = [x, y, out]`), and one input with two outputs (`sincos`: `f->ff`,
/// `d->dd` over `args = [x, out0, out1]`).
fn shape_of(f: Func) -> Option<Shape> {
    match f.arity() {
        Arity::Unary => Some(Shape::new(1, 1, unary_loop::<f32>, unary_loop::<f64>)),
        Arity::Binary => Some(Shape::new(2, 1, binary_loop::<f32>, binary_loop::<f64>)),
        Arity::UnaryPair => Some(Shape::new(1, 2, pair_loop::<f32>, pair_loop::<f64>)),
        _ => None,
    }
}

/// The registry functions that become ufuncs, in registry order.
pub fn supported() -> impl Iterator<Item = Func> {
    Func::ALL.iter().copied().filter(|&f| shape_of(f).is_some())
}

/// The text `help(simdmath.<name>)` shows after numpy's signature line, from the registry.
pub fn docstring(f: Func) -> String {
    let i = f.info();
    format!(
        "{name}({args}): simdmath's `{name}`, elementwise, as a numpy ufunc.\n\n\
         Accuracy: every result within {u64} ulp (float64) / {u32} ulp (float32) of the \
         correctly rounded value (integer distance; 0 = correctly rounded), for every input, \
         on every instruction set.\n\
         Domain: {dom}.\n\
         Special values: {sp}.\n\n\
         Types: float32 -> float32 and float64 -> float64; bool, int8, int16, uint8 and \
         uint16 promote to float32, other integers to float64 (numpy.{name} would give \
         float16 for the smallest ones); float16, longdouble, complex, object and other \
         inputs raise TypeError.\n\
         Contiguous spans of at least {thr} elements run on simdmath's pinned thread pool \
         (see simdmath.set_num_threads) with the GIL released; results are bit-identical \
         for any thread count. Floating-point errors (overflow, invalid, divide by zero, \
         underflow) are reported as numpy's own ufuncs report them, under numpy.errstate.",
        name = f.name(),
        args = match (f.arity(), f.name()) {
            (Arity::Binary, "atan2") => "y, x",
            (Arity::Binary, _) => "x, y",
            (Arity::UnaryPair, _) => "x) -> (sin(x), cos(x)",
            _ => "x",
        },
        u64 = i.max_ulp_f64,
        u32 = i.max_ulp_f32,
        dom = i.domain.trim_end_matches('.'),
        sp = i.specials.trim_end_matches('.'),
        thr = DEFAULT_POOL_THRESHOLD,
    )
}

/// Builds the ufunc for `f`. Its tables and strings live as long as the process (numpy keeps
/// pointers to them).
pub fn make(py: Python<'_>, f: Func) -> PyResult<Bound<'_, PyAny>> {
    let shape = shape_of(f).expect("make() is called for supported() functions");
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
    // The loop's `data`: the function's index in Func::ALL.
    let data: Vec<*mut c_void> = vec![index as *mut c_void; ntypes];
    let name = CString::new(f.name()).expect("no NUL in a name");
    let doc = CString::new(docstring(f)).expect("no NUL in the registry's text");
    let (funcs, data, types) = (funcs.leak(), data.leak(), types.leak());
    let (name, doc) = (name.into_raw(), doc.into_raw());
    // SAFETY: the tables hold `ntypes` loops/data and `ntypes * nargs` type numbers and are
    // leaked, as are the strings, so they outlive the ufunc; PyUFunc_None is a valid identity.
    let obj = unsafe {
        PY_UFUNC_API.PyUFunc_FromFuncAndData(
            py,
            funcs.as_mut_ptr(),
            data.as_mut_ptr(),
            types.as_mut_ptr(),
            ntypes as c_int,
            shape.nin,
            shape.nout,
            PY_UFUNC_NONE,
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
    // `__module__`.
    ufunc.setattr("__module__", "simdmath")?;
    ufunc.setattr("__qualname__", f.name())?;
    Ok(ufunc)
}

/// Rejects input types the crate has no loop for with a message that names what it supports,
/// then leaves the choice of loop to numpy's default resolver (which promotes integers as for
/// `numpy.exp`, applies `dtype=`/`signature=` and the casting rule).
unsafe extern "C" fn type_resolver(
    ufunc: *mut npyffi::PyUFuncObject,
    casting: NPY_CASTING,
    operands: *mut *mut npyffi::PyArrayObject,
    type_tup: *mut pyo3::ffi::PyObject,
    out_dtypes: *mut *mut npyffi::PyArray_Descr,
) -> c_int {
    // SAFETY: numpy calls type resolvers with the GIL held.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `ufunc` is live; `operands` holds at least `nin` arrays.
    let (nin, name) = unsafe {
        let f = &(*ufunc).fields;
        (
            f.nin as usize,
            std::ffi::CStr::from_ptr(f.name)
                .to_string_lossy()
                .into_owned(),
        )
    };
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
            b'f' => matches!(dt.itemsize(), 4 | 8),
            _ => false,
        };
        if !ok {
            let got = dt
                .str()
                .map(|s| s.to_string())
                .unwrap_or_else(|_| "?".into());
            PyTypeError::new_err(format!(
                "simdmath.{name} supports float32 and float64 (bool and integer inputs promote \
                 to them); got {got}"
            ))
            .restore(py);
            return -1;
        }
    }
    // SAFETY: the arguments are numpy's own, passed through unchanged.
    unsafe {
        PY_UFUNC_API.PyUFunc_DefaultTypeResolver(py, ufunc, casting, operands, type_tup, out_dtypes)
    }
}

/// numpy's unary inner loop: `args = [x, y]`, `dims = [n]`, `steps = [x stride, y stride]`
/// in bytes, `data` = the index of the function in `Func::ALL`.
unsafe extern "C" fn unary_loop<T: Elem>(
    args: *mut *mut c_char,
    dims: *mut npy_intp,
    steps: *mut npy_intp,
    data: *mut c_void,
) {
    // SAFETY: numpy's loop contract: two operand pointers, one length, two strides.
    let (xp, yp, n, xs, ys) =
        unsafe { (*args, *args.add(1), *dims as usize, *steps, *steps.add(1)) };
    let f = Func::ALL[data as usize];
    let saved = fpe::save();
    // SAFETY: numpy guarantees `n` elements at stride `xs` from `xp` and `ys` from `yp`.
    let fl = unsafe { unary_span::<T>(f, xp.cast(), xs, yp.cast(), ys, n) };
    fpe::restore(saved);
    fpe::raise(fl);
}

/// `y = f(x)` over `n` elements at the given byte strides; returns the fp flags.
///
/// # Safety
/// `x` and `y` must be valid for `n` elements at their strides; if they overlap, either they
/// are the same span or a forward, element-by-element loop must be correct (numpy's rule for
/// handing over overlapping operands without a copy).
pub unsafe fn unary_span<T: Elem>(
    f: Func,
    x: *const T,
    xs: isize,
    y: *mut T,
    ys: isize,
    n: usize,
) -> u8 {
    let size = std::mem::size_of::<T>() as isize;
    let isa = Isa::best();
    let rule = fpe::rule(f);
    let in_place = std::ptr::eq(x, y);
    // numpy hands over overlapping operands without copying them when a loop that runs
    // forward, element by element, is safe (`exp(a[1:], out=a[:-1])`). Splitting such a span
    // over workers, or reading it as a slice while it is written, is not: those go through the
    // sequential block path, which reads each block before it writes it.
    let overlap = !in_place && {
        let (xa, ya) = (x as usize, y as usize);
        let bytes = n * size as usize;
        xa < ya + bytes && ya < xa + bytes
    };
    // numpy aligns the operands of legacy loops itself; should an unaligned span still arrive,
    // the block path reads and writes it unaligned instead of forming slices.
    let align = std::mem::align_of::<T>();
    let aligned = (x as usize).is_multiple_of(align) && (y as usize).is_multiple_of(align);
    if xs != size || ys != size || overlap || !aligned {
        // SAFETY: forwarded.
        return unsafe { strided::<T>(isa, f, rule, x, xs, y, ys, n) };
    }
    let pool = if n >= pool_threshold() {
        threads::current()
    } else {
        None
    };
    let Some(pool) = pool else {
        return if in_place {
            // SAFETY: `y` is valid for `n` contiguous reads and writes.
            in_place_block(isa, f, rule, unsafe {
                std::slice::from_raw_parts_mut(y, n)
            })
        } else {
            // SAFETY: distinct spans of `n` contiguous elements.
            let (a, b) = unsafe {
                (
                    std::slice::from_raw_parts(x, n),
                    std::slice::from_raw_parts_mut(y, n),
                )
            };
            out_of_place_block(isa, f, rule, a, b)
        };
    };
    let acc = AtomicU8::new(0);
    if in_place {
        // SAFETY: `y` is valid for `n` contiguous reads and writes; numpy keeps it alive.
        let ys = unsafe { std::slice::from_raw_parts_mut(y, n) };
        pool.for_each_chunk(ys, |_, c| {
            let fl = in_place_block(isa, f, rule, c);
            // Only when there is something to say: an atomic read-modify-write per chunk on a
            // line every worker writes cost 8 % of exp's compute at n = 1e8 on 2 threads.
            if fl != 0 {
                acc.fetch_or(fl, Ordering::Relaxed);
            }
        });
    } else {
        // SAFETY: distinct spans of `n` contiguous elements.
        let (a, b) = unsafe {
            (
                std::slice::from_raw_parts(x, n),
                std::slice::from_raw_parts_mut(y, n),
            )
        };
        pool.for_each_chunk_zip(a, b, |_, a, b| {
            let fl = out_of_place_block(isa, f, rule, a, b);
            if fl != 0 {
                acc.fetch_or(fl, Ordering::Relaxed);
            }
        });
    }
    acc.into_inner()
}

/// Two blocks of scratch per thread (pool workers and callers alike), initialised once: a
/// fresh zeroed array per call cost as much as the copy it serves.
#[repr(C, align(64))]
struct Scratch([[u64; BLOCK]; 2]);

thread_local! {
    static SCRATCH: std::cell::UnsafeCell<Scratch> =
        const { std::cell::UnsafeCell::new(Scratch([[0; BLOCK]; 2])) };
}

/// Runs `f` with this thread's two scratch blocks as `BLOCK` elements of `T` each.
fn with_scratch<T: Elem, R>(f: impl FnOnce(&mut [T], &mut [T]) -> R) -> R {
    const { assert!(std::mem::size_of::<T>() <= 8 && std::mem::align_of::<T>() <= 8) };
    SCRATCH.with(|s| {
        // SAFETY: the blocks are initialised `u64`s, any bit pattern is a valid `f32`/`f64`,
        // `T` is no larger nor more aligned than `u64`; `with_scratch` is never re-entered on
        // one thread (the kernels do not call back), so the two borrows are the only ones.
        unsafe {
            let s = &mut *s.get();
            let (a, b) = s.0.split_at_mut(1);
            f(
                std::slice::from_raw_parts_mut(a[0].as_mut_ptr().cast::<T>(), BLOCK),
                std::slice::from_raw_parts_mut(b[0].as_mut_ptr().cast::<T>(), BLOCK),
            )
        }
    })
}

/// Out of place, block by block, each block's outputs scanned while they are in L1.
fn out_of_place_block<T: Elem>(isa: Isa, f: Func, rule: &fpe::Rule, x: &[T], y: &mut [T]) -> u8 {
    let mut fl = 0;
    for (a, b) in x.chunks(BLOCK).zip(y.chunks_mut(BLOCK)) {
        sm::eval_with(isa, f, a, b);
        fl |= fpe::flags(rule, a, b);
    }
    fl
}

/// In place, through an L1 buffer: the input is still there for the flag check.
fn in_place_block<T: Elem>(isa: Isa, f: Func, rule: &fpe::Rule, c: &mut [T]) -> u8 {
    with_scratch::<T, u8>(|buf, _| in_place_with(isa, f, rule, c, buf))
}

fn in_place_with<T: Elem>(isa: Isa, f: Func, rule: &fpe::Rule, c: &mut [T], buf: &mut [T]) -> u8 {
    let mut fl = 0;
    for c in c.chunks_mut(BLOCK) {
        let b = &mut buf[..c.len()];
        sm::eval_with(isa, f, c, b);
        fl |= fpe::settle(rule, c, b);
    }
    fl
}

/// Gather, compute, scatter, block by block, on the calling thread: strided spans, and
/// overlapping ones (each block is read before it is written, as a forward loop would).
///
/// # Safety
/// As [`unary_span`].
#[allow(clippy::too_many_arguments)]
unsafe fn strided<T: Elem>(
    isa: Isa,
    f: Func,
    rule: &fpe::Rule,
    x: *const T,
    xs: isize,
    y: *mut T,
    ys: isize,
    n: usize,
) -> u8 {
    with_scratch::<T, u8>(|xb, yb| {
        // SAFETY: forwarded.
        unsafe { strided_with(isa, f, rule, x, xs, y, ys, n, xb, yb) }
    })
}

/// [`strided`] with its two blocks.
///
/// # Safety
/// As [`unary_span`].
#[allow(clippy::too_many_arguments)]
unsafe fn strided_with<T: Elem>(
    isa: Isa,
    f: Func,
    rule: &fpe::Rule,
    x: *const T,
    xs: isize,
    y: *mut T,
    ys: isize,
    n: usize,
    xb: &mut [T],
    yb: &mut [T],
) -> u8 {
    let mut fl = 0;
    let (x, y) = (x.cast::<u8>(), y.cast::<u8>());
    let mut done = 0usize;
    while done < n {
        let k = (n - done).min(BLOCK);
        for (i, v) in xb[..k].iter_mut().enumerate() {
            // SAFETY: element `done + i < n` of the input, at its stride (unaligned allowed).
            *v = unsafe {
                x.offset((done + i) as isize * xs)
                    .cast::<T>()
                    .read_unaligned()
            };
        }
        sm::eval_with(isa, f, &xb[..k], &mut yb[..k]);
        fl |= fpe::flags(rule, &xb[..k], &yb[..k]);
        for (i, v) in yb[..k].iter().enumerate() {
            // SAFETY: element `done + i < n` of the output, at its stride.
            unsafe {
                y.offset((done + i) as isize * ys)
                    .cast::<T>()
                    .write_unaligned(*v)
            };
        }
        done += k;
    }
    fl
}

/// numpy's binary inner loop: `args = [x, y, out]`, `dims = [n]`, three byte strides, `data` =
/// the index of the function in `Func::ALL`. Contiguous spans of at least the pool threshold
/// go to the pool; the rest, strided or broadcast (a stride of 0 for a scalar `y`), are
/// gathered block by block on the calling thread. Floating-point flags as for the unary loops,
/// from the data: NaN out of numbers is invalid, an infinity out of finite inputs is a pole
/// (`pow(0, y < 0)`: divide by zero) or an overflow.
unsafe extern "C" fn binary_loop<T: Elem>(
    args: *mut *mut c_char,
    dims: *mut npy_intp,
    steps: *mut npy_intp,
    data: *mut c_void,
) {
    // SAFETY: numpy's loop contract: three operand pointers, one length, three strides.
    let (xp, yp, op, n) = unsafe { (*args, *args.add(1), *args.add(2), *dims as usize) };
    // SAFETY: as above.
    let (xs, ys, os) = unsafe { (*steps, *steps.add(1), *steps.add(2)) };
    let f = Func::ALL[data as usize];
    let saved = fpe::save();
    let isa = Isa::best();
    let size = std::mem::size_of::<T>() as isize;
    let align = std::mem::align_of::<T>();
    let (x, y, o) = (xp.cast::<T>(), yp.cast::<T>(), op.cast::<T>());
    let bytes = n * size as usize;
    let overlaps = |a: usize, b: usize| a < b + bytes && b < a + bytes;
    // The pool path forms slices: the output must not share memory with either input (an
    // in-place call takes the block path, which reads each block before writing it).
    let contiguous = xs == size
        && ys == size
        && os == size
        && [x as usize, y as usize, o as usize]
            .iter()
            .all(|p| p.is_multiple_of(align))
        && !overlaps(x as usize, o as usize)
        && !overlaps(y as usize, o as usize);
    let pool = if contiguous && n >= pool_threshold() {
        threads::current()
    } else {
        None
    };
    let fl = if let Some(pool) = pool {
        // SAFETY: three spans of `n` contiguous, aligned elements; the output overlaps neither
        // input (checked above).
        let (a, b, c) = unsafe {
            (
                std::slice::from_raw_parts(x, n),
                std::slice::from_raw_parts(y, n),
                std::slice::from_raw_parts_mut(o, n),
            )
        };
        let acc = AtomicU8::new(0);
        pool.for_each_chunk_zip(a, c, |off, a, c| {
            let fl = binary_block(isa, f, a, &b[off..off + a.len()], c);
            if fl != 0 {
                acc.fetch_or(fl, Ordering::Relaxed);
            }
        });
        acc.into_inner()
    } else {
        with_scratch::<T, u8>(|xb, yb| {
            let mut ob = [T::default(); BLOCK];
            let mut fl = 0;
            let mut done = 0usize;
            while done < n {
                let k = (n - done).min(BLOCK);
                for i in 0..k {
                    let j = (done + i) as isize;
                    // SAFETY: element `done + i < n` of each input at its stride (0 for a
                    // broadcast scalar), unaligned reads allowed.
                    unsafe {
                        xb[i] = xp.offset(j * xs).cast::<T>().read_unaligned();
                        yb[i] = yp.offset(j * ys).cast::<T>().read_unaligned();
                    }
                }
                fl |= binary_block(isa, f, &xb[..k], &yb[..k], &mut ob[..k]);
                for (i, v) in ob[..k].iter().enumerate() {
                    // SAFETY: element `done + i < n` of the output at its stride.
                    unsafe {
                        op.offset((done + i) as isize * os)
                            .cast::<T>()
                            .write_unaligned(*v)
                    };
                }
                done += k;
            }
            fl
        })
    };
    fpe::restore(saved);
    fpe::raise(fl);
}

/// `out = f(x, y)` on one block and its floating-point flags.
fn binary_block<T: Elem>(isa: Isa, f: Func, x: &[T], y: &[T], out: &mut [T]) -> u8 {
    sm::eval2_with(isa, f, x, y, out);
    let mut fl = 0;
    for i in 0..out.len() {
        let (a, b, r) = (x[i].to_f64(), y[i].to_f64(), out[i].to_f64());
        if r.is_nan() && !a.is_nan() && !b.is_nan() {
            fl |= fpe::INVALID;
        } else if r.is_infinite() && a.is_finite() && b.is_finite() {
            fl |= if f.name() == "pow" && a == 0.0 {
                fpe::DIVIDE
            } else {
                fpe::OVERFLOW
            };
        }
    }
    fl
}

/// numpy's one-input, two-output inner loop (`sincos`): `args = [x, out0, out1]`, three byte
/// strides. Gathered block by block on the calling thread (any strides, overlaps as a forward
/// loop), each block through the dispatched `eval_pair_with`, so the outputs are bit for bit
/// the Rust API's (and `sin`'s, `cos`'s). NaN out of a number (`sin(inf)`) is invalid.
unsafe extern "C" fn pair_loop<T: Elem>(
    args: *mut *mut c_char,
    dims: *mut npy_intp,
    steps: *mut npy_intp,
    data: *mut c_void,
) {
    // SAFETY: numpy's loop contract: three operand pointers, one length, three strides.
    let (xp, ap, bp, n) = unsafe { (*args, *args.add(1), *args.add(2), *dims as usize) };
    // SAFETY: as above.
    let (xs, as_, bs) = unsafe { (*steps, *steps.add(1), *steps.add(2)) };
    let f = Func::ALL[data as usize];
    let saved = fpe::save();
    let isa = Isa::best();
    let fl = with_scratch::<T, u8>(|xb, ab| {
        let mut bb = [T::default(); BLOCK];
        let mut fl = 0;
        let mut done = 0usize;
        while done < n {
            let k = (n - done).min(BLOCK);
            for (i, v) in xb[..k].iter_mut().enumerate() {
                // SAFETY: element `done + i < n` of the input at its stride, unaligned allowed.
                *v = unsafe {
                    xp.offset((done + i) as isize * xs)
                        .cast::<T>()
                        .read_unaligned()
                };
            }
            sm::eval_pair_with(isa, f, &xb[..k], &mut ab[..k], &mut bb[..k]);
            for i in 0..k {
                let x = xb[i].to_f64();
                if !x.is_nan() && (ab[i].to_f64().is_nan() || bb[i].to_f64().is_nan()) {
                    fl |= fpe::INVALID;
                }
                let j = (done + i) as isize;
                // SAFETY: element `done + i < n` of each output at its stride.
                unsafe {
                    ap.offset(j * as_).cast::<T>().write_unaligned(ab[i]);
                    bp.offset(j * bs).cast::<T>().write_unaligned(bb[i]);
                }
            }
            done += k;
        }
        fl
    });
    fpe::restore(saved);
    fpe::raise(fl);
}
