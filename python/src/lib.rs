//! The extension module `simdmath._simdmath` behind the Python package `simdmath`
//! (`python/simdmath/__init__.py` re-exports it): every function of the crate's registry as a real
//! `numpy.ufunc` (`simdmath.exp`, `simdmath.log`, ...), the correctly rounded `float32` tier as
//! a second set of ufuncs (`cr_ufuncs`, re-exported by `python/simdmath/cr.py` as
//! `simdmath.cr.exp`, ...), the seeded parallel fill as `simdmath.random`, and the pinned pool's
//! size as `set_num_threads` / `get_num_threads`.
//!
//! Built by maturin (`pip install ./python`); see `python/README.md`.

mod expr;
mod fpe;
mod half;
mod threads;
mod ufunc;

use numpy::{PyArray1, PyArrayDescr, PyArrayDescrMethods, PyArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use sm::{Func, Isa, Topology};
use std::mem::MaybeUninit;

/// A raw pointer handed to code that runs with the GIL released.
struct SendPtr<T>(*mut T);
// SAFETY: the array it points into is kept alive (and not resized) by the caller's reference
// for the whole call.
unsafe impl<T> Send for SendPtr<T> {}

/// set_num_threads(n)
///
/// Size of simdmath's pinned thread pool: a positive integer, "physical" (one worker per
/// physical core of the process's affinity mask) or "logical" (one per logical CPU of the
/// mask). 1 means no pool: everything runs on the calling thread, unpinned. The default is
/// SIMDMATH_NUM_THREADS if set, else OMP_NUM_THREADS if set (Dask's nanny sets it to 1 in
/// each worker process, Ray to the task's CPUs), else "physical". Results do not depend on it.
#[pyfunction]
fn set_num_threads(n: &Bound<'_, PyAny>) -> PyResult<()> {
    let (threads, logical, source) = if n.is_instance_of::<PyString>() {
        let s: String = n.extract()?;
        let t = threads::parse(&s).map_err(PyValueError::new_err)?;
        (
            t,
            s.trim().eq_ignore_ascii_case("logical"),
            format!("set_num_threads('{s}')"),
        )
    } else {
        let v: i64 = n.extract().map_err(|_| {
            PyTypeError::new_err("set_num_threads takes an int, 'physical' or 'logical'")
        })?;
        if v < 1 {
            return Err(PyValueError::new_err(format!(
                "thread count must be a positive integer, 'physical' or 'logical' (got {v})"
            )));
        }
        (v as usize, false, format!("set_num_threads({v})"))
    };
    n.py()
        .detach(|| threads::set(threads, source, logical))
        .map_err(pyo3::exceptions::PyRuntimeError::new_err)
}

/// get_num_threads() -> int
///
/// Threads the ufuncs and random() use for large contiguous arrays (1: the calling thread).
#[pyfunction]
fn get_num_threads(py: Python<'_>) -> PyResult<usize> {
    let choice = py.detach(threads::choice);
    match choice.source.strip_prefix("error: ") {
        Some(e) => Err(PyValueError::new_err(e.to_owned())),
        None => Ok(choice.threads),
    }
}

/// pool_info() -> dict
///
/// The pool as it is now: threads, how that number was chosen, the CPU each worker is pinned
/// to (None when unpinned or with one thread), the process's allowed CPUs and physical cores,
/// the instruction set of the kernels and the pool threshold in elements.
#[pyfunction]
fn pool_info(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let (choice, cpus) = py.detach(threads::info);
    let t = Topology::get();
    let d = PyDict::new(py);
    d.set_item("threads", choice.threads)?;
    d.set_item("source", choice.source)?;
    d.set_item("cpus", cpus)?;
    d.set_item("allowed_cpus", t.allowed_cpus().to_vec())?;
    d.set_item("physical_cores", t.physical())?;
    d.set_item("logical_cpus", t.logical())?;
    d.set_item("isa", Isa::best().name())?;
    d.set_item("pool_threshold", ufunc::pool_threshold())?;
    d.set_item("pid", std::process::id())?;
    Ok(d)
}

fn float_dtype(py: Python<'_>, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    let Some(dtype) = dtype else { return Ok(true) };
    let dt = PyArrayDescr::new(py, dtype)?;
    if dt.is_equiv_to(&numpy::dtype::<f64>(py)) {
        Ok(true)
    } else if dt.is_equiv_to(&numpy::dtype::<f32>(py)) {
        Ok(false)
    } else {
        Err(PyTypeError::new_err(format!(
            "simdmath.random supports dtype float32 and float64; got {}",
            dt.str()?
        )))
    }
}

fn random_into<T: sm::Real + numpy::Element>(
    py: Python<'_>,
    n: usize,
    seed: u64,
) -> PyResult<Bound<'_, PyArray1<T>>> {
    // numpy.empty: numpy's allocator (huge pages for large arrays), its MemoryError when the
    // size does not fit, and pages left untouched until the pool's workers fill them.
    let arr = py
        .import("numpy")?
        .getattr("empty")?
        .call1((n, numpy::dtype::<T>(py)))?
        .cast_into::<PyArray1<T>>()?;
    let p = SendPtr(arr.data().cast::<MaybeUninit<T>>());
    py.detach(move || {
        let p = p;
        let pool = threads::current();
        // SAFETY: a fresh, C-contiguous array of `n` elements that nothing else references yet.
        let s = unsafe { std::slice::from_raw_parts_mut(p.0, n) };
        sm::random::fill_uniform_uninit(
            pool.as_deref(),
            seed,
            s,
            T::from_f64(0.0),
            T::from_f64(1.0),
        );
    });
    Ok(arr)
}

/// random(n, seed=0, dtype="float64") -> numpy.ndarray
///
/// n uniform values in [0, 1) from the seed, filled in parallel on the pinned pool (each
/// worker first-touches the pages it fills) straight into a new numpy array. The values
/// depend only on (seed, index): identical for any thread count, chunking or instruction set,
/// and the same as the Rust crate's `simdmath::random::uniform_vec(seed, n, 0, 1)`.
/// float64: every multiple of 2^-53 in [0, 1); float32: of 2^-24.
#[pyfunction]
#[pyo3(signature = (n, seed = 0, dtype = None))]
fn random<'py>(
    py: Python<'py>,
    n: &Bound<'py, PyAny>,
    seed: u64,
    dtype: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // Accept 1e8 as well as 100_000_000, but not 1.5.
    let n: usize = match n.extract::<usize>() {
        Ok(v) => v,
        Err(_) => {
            let v: f64 = n
                .extract()
                .map_err(|_| PyTypeError::new_err("n must be an integer"))?;
            if v < 0.0 || v.fract() != 0.0 || v > 1e18 {
                return Err(PyValueError::new_err(format!(
                    "n must be a non-negative integer (got {v})"
                )));
            }
            v as usize
        }
    };
    Ok(if float_dtype(py, dtype)? {
        random_into::<f64>(py, n, seed)?.into_any()
    } else {
        random_into::<f32>(py, n, seed)?.into_any()
    })
}

/// _pool_eval_inplace(name, x): the Rust `Pool::eval_in_place` on a contiguous float array,
/// GIL released, no floating-point checks: the benchmark's reference for the ufunc's compute.
#[pyfunction]
fn _pool_eval_inplace(py: Python<'_>, name: &str, x: &Bound<'_, PyAny>) -> PyResult<()> {
    let f: Func = name
        .parse()
        .map_err(|e: sm::FuncError| PyValueError::new_err(e.to_string()))?;
    fn run<T: sm::Real + numpy::Element>(
        py: Python<'_>,
        f: Func,
        a: &Bound<'_, PyArray1<T>>,
    ) -> PyResult<()> {
        let mut rw = a.try_readwrite()?;
        let s = rw
            .as_slice_mut()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let n = s.len();
        let p = SendPtr(s.as_mut_ptr());
        py.detach(move || {
            let p = p;
            // SAFETY: the read-write borrow above keeps the array exclusively ours.
            let s = unsafe { std::slice::from_raw_parts_mut(p.0, n) };
            match threads::current() {
                Some(pool) => pool.eval_in_place(f, s),
                None => sm::eval_in_place(f, s),
            }
        });
        Ok(())
    }
    if let Ok(a) = x.cast::<PyArray1<f64>>() {
        run(py, f, a)
    } else if let Ok(a) = x.cast::<PyArray1<f32>>() {
        run(py, f, a)
    } else {
        Err(PyTypeError::new_err(
            "expects a 1-d float32 or float64 array",
        ))
    }
}

/// _kernel_eval(name, x, out, y=None, out2=None): the crate's dispatched entry point of
/// `name` on contiguous 1-d float32/float64 arrays, with the ufunc's policy for the pool (spans
/// of at least the pool threshold on the pool, the rest on the calling thread), GIL released,
/// without the ufunc machinery or the floating-point checks: the benchmark's reference.
/// `y` is the second input of a two-input function, `out2` the second output of `sincos`;
/// `accuracy` "faithful" or "cr" (the tier's `float32` kernels, as `simdmath.cr`).
#[pyfunction]
#[pyo3(signature = (name, x, out, y = None, out2 = None, accuracy = "faithful"))]
fn _kernel_eval(
    py: Python<'_>,
    name: &str,
    x: &Bound<'_, PyAny>,
    out: &Bound<'_, PyAny>,
    y: Option<&Bound<'_, PyAny>>,
    out2: Option<&Bound<'_, PyAny>>,
    accuracy: &str,
) -> PyResult<()> {
    let f: Func = name
        .parse()
        .map_err(|e: sm::FuncError| PyValueError::new_err(e.to_string()))?;
    let acc: sm::Accuracy = accuracy.parse().map_err(PyValueError::new_err)?;
    #[allow(clippy::too_many_arguments)]
    fn run<T: sm::Real + numpy::Element>(
        py: Python<'_>,
        f: Func,
        acc: sm::Accuracy,
        x: &Bound<'_, PyAny>,
        out: &Bound<'_, PyAny>,
        y: Option<&Bound<'_, PyAny>>,
        out2: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let bad = |what: &str| {
            PyTypeError::new_err(format!(
                "_kernel_eval: {what} must be a contiguous 1-d {} array like x",
                T::NAME
            ))
        };
        let x = x
            .cast::<PyArray1<T>>()
            .map_err(|_| bad("x"))?
            .try_readonly()?;
        let mut o = out
            .cast::<PyArray1<T>>()
            .map_err(|_| bad("out"))?
            .try_readwrite()?;
        let xs = x.as_slice().map_err(|_| bad("x"))?;
        let os = o.as_slice_mut().map_err(|_| bad("out"))?;
        if xs.len() != os.len() {
            return Err(PyValueError::new_err(
                "_kernel_eval: x and out differ in length",
            ));
        }
        let isa = Isa::best();
        if acc != sm::Accuracy::Faithful && acc.bound::<T>(f).is_none() {
            return Err(PyTypeError::new_err(format!(
                "_kernel_eval: {f} has no {acc} tier for {}",
                T::NAME
            )));
        }
        match f.arity() {
            sm::Arity::Unary => py.detach(|| match ufunc::pool_for(xs.len()) {
                Some(p) => p.eval_with_accuracy(isa, acc, f, xs, os),
                None => sm::eval_with_accuracy(isa, acc, f, xs, os),
            }),
            sm::Arity::Binary => {
                let y = y
                    .ok_or_else(|| PyTypeError::new_err("_kernel_eval: y is required"))?
                    .cast::<PyArray1<T>>()
                    .map_err(|_| bad("y"))?
                    .try_readonly()?;
                let ys = y.as_slice().map_err(|_| bad("y"))?;
                if ys.len() != xs.len() {
                    return Err(PyValueError::new_err(
                        "_kernel_eval: x and y differ in length",
                    ));
                }
                py.detach(|| match ufunc::pool_for(xs.len()) {
                    Some(p) => p.eval2_with(isa, f, xs, ys, os),
                    None => sm::eval2_with(isa, f, xs, ys, os),
                })
            }
            _ => {
                let mut o2 = out2
                    .ok_or_else(|| PyTypeError::new_err("_kernel_eval: out2 is required"))?
                    .cast::<PyArray1<T>>()
                    .map_err(|_| bad("out2"))?
                    .try_readwrite()?;
                let o2s = o2.as_slice_mut().map_err(|_| bad("out2"))?;
                if o2s.len() != xs.len() {
                    return Err(PyValueError::new_err(
                        "_kernel_eval: x and out2 differ in length",
                    ));
                }
                py.detach(|| match ufunc::pool_for(xs.len()) {
                    Some(p) => p.eval_pair_with_accuracy(isa, acc, f, xs, os, o2s),
                    None => sm::eval_pair_with_accuracy(isa, acc, f, xs, os, o2s),
                })
            }
        }
        Ok(())
    }
    if x.cast::<PyArray1<f64>>().is_ok() {
        run::<f64>(py, f, acc, x, out, y, out2)
    } else if x.cast::<PyArray1<f32>>().is_ok() {
        run::<f32>(py, f, acc, x, out, y, out2)
    } else {
        Err(PyTypeError::new_err(
            "_kernel_eval expects 1-d float32 or float64 arrays",
        ))
    }
}

/// _set_pool_threshold(n): contiguous spans of at least n elements go to the pool (tests).
#[pyfunction]
fn _set_pool_threshold(n: usize) {
    ufunc::set_pool_threshold(n)
}

/// _missing_fp_rules() -> list: registry functions without a floating-point rule (tests):
/// always empty, as a function's poles and exact zeros are part of its registry line.
#[pyfunction]
fn _missing_fp_rules() -> Vec<&'static str> {
    Vec::new()
}

/// _exact_zero(name, x) -> bool: the floating-point rule's exact zeros (tests).
#[pyfunction]
fn _exact_zero(name: &str, x: f64) -> PyResult<bool> {
    let f: Func = name
        .parse()
        .map_err(|e: sm::FuncError| PyValueError::new_err(e.to_string()))?;
    Ok(fpe::rule(f).zeros.contains(x))
}

/// _registry() -> list of dicts: what the registry states about each function (tests, docs).
#[pyfunction]
fn _registry(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let l = PyList::empty(py);
    for f in ufunc::supported().filter(|f| f.arity() == sm::Arity::Unary) {
        let i = f.info();
        let d = PyDict::new(py);
        d.set_item("name", f.name())?;
        d.set_item("nin", 1)?;
        d.set_item("nout", 1)?;
        d.set_item("max_ulp_float64", i.max_ulp_f64)?;
        d.set_item("max_ulp_float32", i.max_ulp_f32)?;
        d.set_item("domain", i.domain)?;
        d.set_item("specials", i.specials)?;
        l.append(d)?;
    }
    Ok(l)
}

#[pymodule(name = "_simdmath")]
fn simdmath_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // The affinity mask is read once, here, on the importing thread, before any pinning.
    let _ = Topology::get();
    threads::init();
    let (mut names, mut binary, mut pairs) = (vec![], vec![], vec![]);
    for f in ufunc::supported() {
        m.add(f.name(), ufunc::make(py, f, false)?)?;
        match f.arity() {
            sm::Arity::Unary => names.push(f.name()),
            sm::Arity::Binary => binary.push(f.name()),
            _ => pairs.push(f.name()),
        }
    }
    // `simdmath/__init__.py` re-exports every name listed here as `simdmath.<name>`.
    m.add("functions", names)?;
    m.add("binary_functions", binary)?;
    m.add("pair_functions", pairs)?;
    // The correctly rounded tier: `simdmath/cr.py` re-exports these as `simdmath.cr.<name>`.
    let cr = PyDict::new(py);
    for f in ufunc::supported_cr() {
        cr.set_item(f.name(), ufunc::make(py, f, true)?)?;
    }
    m.add("cr_ufuncs", cr)?;
    m.add_class::<expr::Expression>()?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(pool_info, m)?)?;
    m.add_function(wrap_pyfunction!(random, m)?)?;
    m.add_function(wrap_pyfunction!(_pool_eval_inplace, m)?)?;
    m.add_function(wrap_pyfunction!(_set_pool_threshold, m)?)?;
    m.add_function(wrap_pyfunction!(_kernel_eval, m)?)?;
    m.add_function(wrap_pyfunction!(_missing_fp_rules, m)?)?;
    m.add_function(wrap_pyfunction!(_registry, m)?)?;
    m.add_function(wrap_pyfunction!(_exact_zero, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
