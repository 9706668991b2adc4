//! `simdmath._simdmath.Expression`: the Rust `simdmath::Expr` behind `simdmath.evaluate` and
//! `simdmath.compile` (`python/simdmath/_expr.py` does the numpy side: names from the caller's
//! frame, dtype promotion, broadcasting, `out=`). Here: parsing (a `ValueError` naming the token
//! and its position) and the evaluation of flat contiguous inputs into a flat contiguous
//! output on the pinned pool, GIL released.

use crate::fpe::{self, DIVIDE, Elem, INVALID, OVERFLOW, UNDERFLOW};
use crate::threads;
use numpy::{PyArray1, PyArrayDyn, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use sm::{Expr, Gather, Input, Inspect, Operand, Real, StepKind};
use std::sync::atomic::{AtomicU8, Ordering};

/// numpy's floating-point flags of an evaluation, derived from the data after every step of
/// every block as the ufuncs derive theirs (`fpe.rs`): a registry function by its rule, an
/// arithmetic operation by IEEE's (`arith_flags`). Only the flags in `want` are looked for.
struct Flags {
    want: u8,
    got: AtomicU8,
}

impl<T: Elem> Inspect<T> for Flags {
    fn step(&self, kind: StepKind, args: &[Operand<'_, T>], out: &[T]) {
        let fl = match kind {
            StepKind::F1(f) => match args[0] {
                Operand::Slice(x) => fpe::flags(fpe::rule(f), x, out),
                Operand::Scalar(v) => fpe::flags(fpe::rule(f), &vec![v; out.len()], out),
            },
            StepKind::F2(f) => {
                fpe::flags2(fpe::rule(f), |i| args[0].get(i), |i| args[1].get(i), out)
            }
            StepKind::Op(name) => arith_flags(name, args, out, self.want & UNDERFLOW != 0),
        } & self.want;
        if fl != 0 {
            self.got.fetch_or(fl, Ordering::Relaxed);
        }
    }

    /// A function step whose results are all normal numbers raises nothing (`fpe.rs`), so
    /// those steps use the kernels' own check instead of a scan of their results.
    fn only_unusual(&self) -> bool {
        true
    }

    /// Without underflow wanted, an operation raises a flag only with a NaN or ±inf result
    /// (`arith_flags`), so those steps too are looked at only where the loop saw one.
    fn only_nonfinite_ops(&self) -> bool {
        self.want & UNDERFLOW == 0
    }
}

/// The flags numpy's arithmetic raises (IEEE's): NaN from no NaN is invalid (`inf - inf`,
/// `0 * inf`, `0 / 0`, `sqrt(-1)`), ±inf from finite operands is divide by zero for a division
/// by zero and overflow otherwise, and (only when `under`) a zero or subnormal product or
/// quotient of finite nonzero operands that is not exact is underflow (a sum or difference
/// that small is always exact). The other operations (negation, `abs`, `min`, `max`,
/// comparisons, `where`) raise nothing, as numpy's.
fn arith_flags<T: Elem>(name: &str, a: &[Operand<'_, T>], out: &[T], under: bool) -> u8 {
    let tiny = match name {
        "add" | "sub" | "fma" | "sqrt" => false,
        "mul" | "div" => under,
        _ => return 0,
    };
    if !(if tiny {
        fpe::any_unusual(out)
    } else {
        fpe::any_nonfinite(out)
    }) {
        return 0;
    }
    let f32 = std::mem::size_of::<T>() == 4;
    let min_normal = if f32 {
        f64::from(f32::MIN_POSITIVE)
    } else {
        f64::MIN_POSITIVE
    };
    const SCALE: f64 = 1.606_938_044_258_990_3e60; // 2^200
    let mut fl = 0;
    for (i, r) in out.iter().enumerate() {
        let r = r.f64();
        let mut x = [0.0f64; 3];
        for (t, o) in a.iter().enumerate() {
            x[t] = o.get(i).f64();
        }
        let x = &x[..a.len()];
        if r.is_nan() {
            if !x.iter().any(|v| v.is_nan()) {
                fl |= INVALID;
            }
        } else if r.is_infinite() {
            if x.iter().all(|v| v.is_finite()) {
                fl |= if name == "div" && x[1] == 0.0 {
                    DIVIDE
                } else {
                    OVERFLOW
                };
            }
        } else if tiny && r.abs() < min_normal && x.iter().all(|v| v.is_finite() && *v != 0.0) {
            let inexact = if r == 0.0 {
                true
            } else if f32 {
                // Products of two `f32` are exact in `f64`.
                if name == "mul" {
                    x[0] * x[1] != r
                } else {
                    r * x[1] != x[0]
                }
            } else if name == "mul" {
                // Scaled out of the subnormal range, the residual of the rounding is exact.
                (x[0] * SCALE).mul_add(x[1], -(r * SCALE)) != 0.0
            } else {
                (r * SCALE).mul_add(x[1], -(x[0] * SCALE)) != 0.0
            };
            if inexact {
                fl |= UNDERFLOW;
            }
        }
    }
    fl
}

/// Expression(source)
///
/// A parsed expression (see `simdmath.compile`, which wraps it for numpy). Raises ValueError
/// naming the offending token and its position for a syntax error, an unknown function, a
/// wrong number of arguments or `sincos` (two outputs: not a value).
#[pyclass(module = "simdmath._simdmath", frozen)]
pub struct Expression {
    expr: Expr,
}

/// A pointer that crosses into the GIL-free section; the arrays it points into are borrowed
/// (read-only or read-write) by the caller for the whole call.
struct Ptr<T>(*const T);
// SAFETY: see above: the borrow keeps the memory alive and unchanged while it is used.
unsafe impl<T> Send for Ptr<T> {}
struct PtrMut<T>(*mut T);
// SAFETY: as `Ptr`; the read-write borrow makes it exclusively ours.
unsafe impl<T> Send for PtrMut<T> {}

enum Arg<T> {
    Slice(Ptr<T>, usize),
    Scalar(T),
    Strided(Strided<T>),
}

/// A non-contiguous array (strided, transposed, reversed, broadcast) read in C order a block
/// at a time into the evaluation's block buffer ([`Gather`]), instead of copied whole first.
struct Strided<T> {
    /// The first element (numpy's data pointer; negative strides step back from it).
    ptr: *const u8,
    shape: Vec<usize>,
    /// In bytes.
    strides: Vec<isize>,
    len: usize,
    /// The array holds `f32` values for an `f64` evaluation: each converted as it is read
    /// (exactly, as numpy promotes float32 to float64).
    from_f32: bool,
    _t: std::marker::PhantomData<T>,
}
// SAFETY: the array is borrowed read-only by the caller for the whole call (see `Ptr`); the
// evaluation only reads it.
unsafe impl<T> Send for Strided<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for Strided<T> {}

/// numpy's most dimensions (NPY_MAXDIMS of numpy 2).
const MAXDIMS: usize = 64;

impl<T: Real> Gather<T> for Strided<T> {
    fn len(&self) -> usize {
        self.len
    }
    fn gather(&self, start: usize, out: &mut [T]) {
        let nd = self.shape.len();
        if nd == 0 || out.is_empty() {
            return;
        }
        let (shape, strides) = (&self.shape, &self.strides);
        let mut idx = [0usize; MAXDIMS];
        let mut off: isize = 0;
        let mut r = start;
        for d in (0..nd).rev() {
            idx[d] = r % shape[d];
            r /= shape[d];
            off += idx[d] as isize * strides[d];
        }
        let last = nd - 1;
        let (n_last, s_last) = (shape[last], strides[last]);
        let mut i = 0;
        loop {
            let run = (n_last - idx[last]).min(out.len() - i);
            let mut p = off;
            for o in &mut out[i..i + run] {
                // SAFETY: `p` is the byte offset of an element of the array (an index within
                // its shape), which the read-only borrow keeps alive; numpy does not promise
                // alignment, so the read is unaligned.
                *o = unsafe {
                    let q = self.ptr.offset(p);
                    if self.from_f32 {
                        T::from_f64(f64::from(q.cast::<f32>().read_unaligned()))
                    } else {
                        q.cast::<T>().read_unaligned()
                    }
                };
                p += s_last;
            }
            i += run;
            if i == out.len() {
                return;
            }
            // The row is done (only the last run ends inside one): back to its start, and one
            // row on, carrying into the indices before (never past the first: `start +
            // out.len()` is within the array).
            off -= idx[last] as isize * s_last;
            idx[last] = 0;
            let mut d = last;
            loop {
                d -= 1;
                idx[d] += 1;
                off += strides[d];
                if idx[d] < shape[d] {
                    break;
                }
                off -= shape[d] as isize * strides[d];
                idx[d] = 0;
            }
        }
    }
}

#[pymethods]
impl Expression {
    #[new]
    fn new(source: &str) -> PyResult<Self> {
        Expr::parse(source)
            .map(|expr| Expression { expr })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The expression's text.
    #[getter]
    fn source(&self) -> &str {
        self.expr.source()
    }

    /// The input names, in order of first appearance.
    #[getter]
    fn inputs(&self) -> Vec<String> {
        self.expr.inputs().into_iter().map(str::to_owned).collect()
    }

    /// (name, position) of each input's first appearance.
    #[getter]
    fn input_positions(&self) -> Vec<(String, usize)> {
        self.expr
            .input_positions()
            .into_iter()
            .map(|(n, p)| (n.to_owned(), p))
            .collect()
    }

    /// Whether the result is a comparison (numpy: a bool array).
    #[getter]
    fn is_boolean(&self) -> bool {
        self.expr.is_boolean()
    }

    /// _eval(args, out, check=0) -> flags: `args` in `inputs` order, each a Python float or an
    /// array of `out`'s dtype and size, of any shape (read in C order; a non-contiguous one is
    /// gathered a block at a time); `out` a 1-d contiguous float32 or
    /// float64 array, sharing no memory with an input. `check`: the floating-point flags to
    /// look for (invalid 1, divide 2, overflow 4, underflow 8); returns those raised.
    #[pyo3(signature = (args, out, check=0))]
    fn _eval(
        &self,
        py: Python<'_>,
        args: Vec<Bound<'_, PyAny>>,
        out: &Bound<'_, PyAny>,
        check: u8,
    ) -> PyResult<u8> {
        if let Ok(o) = out.cast::<PyArray1<f64>>() {
            self.run::<f64>(py, &args, o, check)
        } else if let Ok(o) = out.cast::<PyArray1<f32>>() {
            self.run::<f32>(py, &args, o, check)
        } else {
            Err(PyTypeError::new_err(
                "out must be a 1-d float32 or float64 array",
            ))
        }
    }

    fn __repr__(&self) -> String {
        format!("Expression({:?})", self.expr.source())
    }
}

impl Expression {
    fn run<T: Elem + numpy::Element>(
        &self,
        py: Python<'_>,
        args: &[Bound<'_, PyAny>],
        out: &Bound<'_, PyArray1<T>>,
        check: u8,
    ) -> PyResult<u8> {
        let names = self.expr.inputs();
        if args.len() != names.len() {
            return Err(PyValueError::new_err(format!(
                "expected {} inputs ({}), got {}",
                names.len(),
                names.join(", "),
                args.len()
            )));
        }
        let mut ro = Vec::new();
        let mut ro32 = Vec::new();
        let mut bound: Vec<Arg<T>> = Vec::with_capacity(args.len());
        for a in args {
            if let Ok(arr) = a.cast::<PyArrayDyn<T>>() {
                let r = arr.try_readonly()?;
                let len = r.len();
                if r.is_c_contiguous() {
                    bound.push(Arg::Slice(Ptr(r.data().cast_const()), len));
                } else {
                    bound.push(Arg::Strided(Strided {
                        ptr: r.data().cast_const().cast::<u8>(),
                        shape: r.shape().to_vec(),
                        strides: r.strides().to_vec(),
                        len,
                        from_f32: false,
                        _t: std::marker::PhantomData,
                    }));
                }
                ro.push(r);
            } else if let (true, Ok(arr)) = (T::NAME == "f64", a.cast::<PyArrayDyn<f32>>()) {
                // A float32 array in a float64 evaluation: converted block by block as it is
                // gathered, not copied whole.
                let r = arr.try_readonly()?;
                bound.push(Arg::Strided(Strided {
                    ptr: r.data().cast_const().cast::<u8>(),
                    shape: r.shape().to_vec(),
                    strides: r.strides().to_vec(),
                    len: r.len(),
                    from_f32: true,
                    _t: std::marker::PhantomData,
                }));
                ro32.push(r);
            } else {
                let v: f64 = a.extract().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "an input is neither a float nor a {} array",
                        T::NAME
                    ))
                })?;
                bound.push(Arg::Scalar(T::from_f64(v)));
            }
        }
        let mut rw = out.try_readwrite()?;
        let n = rw.len();
        let o = PtrMut(
            rw.as_slice_mut()
                .map_err(|e| PyValueError::new_err(e.to_string()))?
                .as_mut_ptr(),
        );
        let expr = &self.expr;
        let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
        let res = py.detach(move || {
            let (bound, o) = (bound, o);
            let inputs: Vec<(&str, Input<'_, T>)> = names
                .iter()
                .zip(&bound)
                .map(|(name, a)| {
                    let inp = match a {
                        // SAFETY: a read-only borrow of a contiguous array of `len` elements,
                        // held until this call returns.
                        Arg::Slice(p, len) => {
                            Input::Slice(unsafe { std::slice::from_raw_parts(p.0, *len) })
                        }
                        Arg::Scalar(v) => Input::Scalar(*v),
                        Arg::Strided(g) => Input::Gather(g),
                    };
                    (name.as_str(), inp)
                })
                .collect();
            // SAFETY: the read-write borrow of `out` (contiguous, `n` elements) is held until
            // this call returns, and numpy's borrow checker refused any input sharing it.
            let out = unsafe { std::slice::from_raw_parts_mut(o.0, n) };
            // The ufuncs' threshold: below it the pool's hand-off costs more than it saves.
            let pool = if n >= crate::ufunc::pool_threshold() {
                threads::current()
            } else {
                None
            };
            let flags = Flags {
                want: check,
                got: AtomicU8::new(0),
            };
            match (pool, check) {
                (Some(pool), 0) => pool.eval_expr(expr, &inputs, out),
                (None, 0) => expr.eval(&inputs, out),
                (Some(pool), _) => pool.eval_expr_inspect(expr, &inputs, out, &flags),
                (None, _) => expr.eval_inspect(&inputs, out, &flags),
            }
            .map(|()| flags.got.load(Ordering::Relaxed))
        });
        drop(ro);
        drop(ro32);
        res.map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
