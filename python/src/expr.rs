//! `simdmath._simdmath.Expression`: the Rust `simdmath::Expr` behind `simdmath.evaluate` and
//! `simdmath.compile` (`python/simdmath/_expr.py` does the numpy side: names from the caller's
//! frame, dtype promotion, broadcasting, `out=`). Here: parsing (a `ValueError` naming the token
//! and its position) and the evaluation of flat contiguous inputs into a flat contiguous
//! output on the pinned pool, GIL released.

use crate::threads;
use numpy::{PyArray1, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use sm::{Expr, Input, Real};

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

    /// _eval(args, out): `args` in `inputs` order, each a Python float or a 1-d contiguous
    /// array of `out`'s dtype and length; `out` a 1-d contiguous float32 or float64 array,
    /// sharing no memory with an input.
    fn _eval(
        &self,
        py: Python<'_>,
        args: Vec<Bound<'_, PyAny>>,
        out: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        if let Ok(o) = out.cast::<PyArray1<f64>>() {
            self.run::<f64>(py, &args, o)
        } else if let Ok(o) = out.cast::<PyArray1<f32>>() {
            self.run::<f32>(py, &args, o)
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
    fn run<T: Real + numpy::Element>(
        &self,
        py: Python<'_>,
        args: &[Bound<'_, PyAny>],
        out: &Bound<'_, PyArray1<T>>,
    ) -> PyResult<()> {
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
        let mut bound: Vec<Arg<T>> = Vec::with_capacity(args.len());
        for a in args {
            if let Ok(arr) = a.cast::<PyArray1<T>>() {
                let r = arr.try_readonly()?;
                if !r.is_c_contiguous() {
                    return Err(PyValueError::new_err("inputs must be contiguous"));
                }
                bound.push(Arg::Slice(Ptr(r.data().cast_const()), r.len()));
                ro.push(r);
            } else {
                let v: f64 = a.extract().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "an input is neither a float nor a 1-d {} array",
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
            match pool {
                Some(pool) => pool.eval_expr(expr, &inputs, out),
                None => expr.eval(&inputs, out),
            }
        });
        drop(ro);
        res.map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
