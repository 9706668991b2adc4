//! [`Pool::apply`] and the `eval*` methods: every evaluation on the pool, one call shape each.

use super::{Pool, chunk_len};
use crate::{Accuracy, Func, Isa, Operands, Real, check_isa};

impl Pool {
    /// [`crate::apply`] on the pool: the operands split into chunks of the same elements of
    /// every slice, each chunk evaluated by one worker; bit-identical to the one-thread call
    /// (the kernels are elementwise). Every `eval*` method of the pool is this call with its
    /// shape spelled out. An out-of-place call whose arrays together reach
    /// [`crate::streaming_threshold`] bytes (the whole call's), into an output written before
    /// ([`crate::streams_to`]), writes it with non-temporal stores.
    ///
    /// # Panics
    /// As [`crate::apply`], on the caller's thread before any work is split.
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Operands, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let (x, y) = (vec![2.0f64; 50_000], vec![0.5f64; 50_000]);
    /// let mut out = vec![0.0; 50_000];
    /// pool.apply(Isa::best(), Accuracy::Faithful, Func::Pow, Operands::Binary(&x, &y, &mut out));
    /// assert!(out.iter().all(|&v| v == 2f64.sqrt()));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn apply<T: Real>(&self, isa: Isa, acc: Accuracy, f: Func, ops: Operands<'_, T>) {
        self.apply_named("Pool::apply", isa, acc, f, ops)
    }

    /// [`Pool::apply`] for a named convenience call (`what`, in a length panic).
    #[track_caller]
    fn apply_named<T: Real>(
        &self,
        what: &str,
        isa: Isa,
        acc: Accuracy,
        f: Func,
        ops: Operands<'_, T>,
    ) {
        ops.check(what);
        check_isa(isa);
        let stream = ops.streams();
        let k = crate::tier_kernel::<T>(isa, acc, f, stream);
        crate::apply::check_shape(f, &k, &ops);
        let raw = ops.raw();
        self.run(raw.n, chunk_len::<T>(), &|s, e| {
            // SAFETY: `s..e` lies within the operands (`raw.n` elements, lengths checked) and
            // is claimed by exactly one worker; `ops` is borrowed for this call; the CPU runs
            // `isa` (checked) and `k` has the operands' shape (checked).
            unsafe { raw.part(s, e).call(k, f) }
        });
    }

    /// `out[i] = f(x[i])` on the pool with [`Isa::best`]; bit-identical to [`crate::eval`].
    ///
    /// # Panics
    /// If `x` and `out` differ in length (the message names both lengths), or if
    /// `SIMDMATH_ISA` names an unavailable instruction set.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x = vec![1.0f32; 40_000];
    /// let mut y = vec![0.0f32; 40_000];
    /// pool.eval(simdmath::Func::Log, &x, &mut y);
    /// assert!(y.iter().all(|&v| v == 0.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval<T: Real>(&self, f: Func, x: &[T], out: &mut [T]) {
        self.eval_with(Isa::best(), f, x, out)
    }

    /// `xs[i] = f(xs[i])` in place on the pool with [`Isa::best`].
    ///
    /// # Panics
    /// If `SIMDMATH_ISA` names an unavailable instruction set.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let mut v = vec![0.0f64; 70_001];
    /// pool.eval_in_place(simdmath::Func::Exp, &mut v);
    /// assert!(v.iter().all(|&y| y == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_in_place<T: Real>(&self, f: Func, xs: &mut [T]) {
        self.eval_in_place_with(Isa::best(), f, xs)
    }

    /// [`Pool::eval`] with the given instruction set.
    ///
    /// # Panics
    /// If `x` and `out` differ in length (the message names both lengths), or if this CPU
    /// cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![0.5f64; 20_000];
    /// let mut y = vec![0.0; 20_000];
    /// pool.eval_with(Isa::Portable, Func::Sin, &x, &mut y);
    /// assert!((y[19_999] - 0.5f64.sin()).abs() < 1e-15);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_with<T: Real>(&self, isa: Isa, f: Func, x: &[T], out: &mut [T]) {
        self.apply_named(
            "Pool::eval_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::Unary(x, out),
        )
    }

    /// [`Pool::eval_in_place`] with the given instruction set.
    ///
    /// # Panics
    /// If this CPU cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![0.0f32; 20_000];
    /// pool.eval_in_place_with(Isa::Portable, Func::Cos, &mut v);
    /// assert!(v.iter().all(|&y| y == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_in_place_with<T: Real>(&self, isa: Isa, f: Func, xs: &mut [T]) {
        self.apply_named(
            "Pool::eval_in_place_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::UnaryInPlace(xs),
        )
    }

    /// [`Pool::eval_with`] in the given accuracy tier ([`crate::eval_with_accuracy`]): chunk
    /// by chunk, bit-identical to the one-thread call.
    ///
    /// # Panics
    /// As [`crate::eval_with_accuracy`].
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![2.0f32; 50_000];
    /// let mut y = vec![0.0f32; 50_000];
    /// pool.eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Exp2, &x, &mut y);
    /// assert!(y.iter().all(|&v| v == 4.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_with_accuracy<T: Real>(
        &self,
        isa: Isa,
        acc: crate::Accuracy,
        f: Func,
        x: &[T],
        out: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_with_accuracy",
            isa,
            acc,
            f,
            Operands::Unary(x, out),
        )
    }

    /// [`Pool::eval_in_place_with`] in the given accuracy tier.
    ///
    /// # Panics
    /// As [`crate::eval_with_accuracy`].
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![0.0f32; 30_000];
    /// pool.eval_in_place_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Cos, &mut v);
    /// assert!(v.iter().all(|&y| y == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_in_place_with_accuracy<T: Real>(
        &self,
        isa: Isa,
        acc: crate::Accuracy,
        f: Func,
        xs: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_in_place_with_accuracy",
            isa,
            acc,
            f,
            Operands::UnaryInPlace(xs),
        )
    }

    /// `out[i] = f(x[i], y[i])` for a two-input function (`pow`) on the pool with
    /// [`Isa::best`]; bit-identical to [`crate::eval2`].
    ///
    /// # Panics
    /// If the lengths differ (the message names them), if `f` takes one input, or if
    /// `SIMDMATH_ISA` names an unavailable instruction set.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let (x, y) = (vec![2.0f64; 40_000], vec![3.0f64; 40_000]);
    /// let mut out = vec![0.0; 40_000];
    /// pool.eval2(simdmath::Func::Pow, &x, &y, &mut out);
    /// assert!(out.iter().all(|&v| v == 8.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2<T: Real>(&self, f: Func, x: &[T], y: &[T], out: &mut [T]) {
        self.eval2_with(Isa::best(), f, x, y, out)
    }

    /// [`Pool::eval2`] with the given instruction set.
    ///
    /// # Panics
    /// As [`Pool::eval2`], or if this CPU cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let (x, y) = (vec![4.0f32; 30_000], vec![0.5f32; 30_000]);
    /// let mut out = vec![0.0; 30_000];
    /// pool.eval2_with(Isa::Portable, Func::Pow, &x, &y, &mut out);
    /// assert!(out.iter().all(|&v| v == 2.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_with<T: Real>(&self, isa: Isa, f: Func, x: &[T], y: &[T], out: &mut [T]) {
        self.apply_named(
            "Pool::eval2_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::Binary(x, y, out),
        )
    }

    /// `xs[i] = f(xs[i], y[i])` in place (into the first input) on the pool.
    ///
    /// # Panics
    /// As [`Pool::eval2_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![3.0f64; 50_000];
    /// pool.eval2_in_place_with(Isa::best(), Func::Pow, &mut v, &vec![2.0; 50_000]);
    /// assert!(v.iter().all(|&r| r == 9.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_in_place_with<T: Real>(&self, isa: Isa, f: Func, xs: &mut [T], y: &[T]) {
        self.apply_named(
            "Pool::eval2_in_place_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::BinaryInPlace(xs, y),
        )
    }

    /// `out[i] = f(x[i], y)` with one scalar second input (`pow(x, 2.5)`) on the pool with
    /// [`Isa::best`].
    ///
    /// # Panics
    /// As [`Pool::eval2`].
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x = vec![16.0f64; 40_000];
    /// let mut out = vec![0.0; 40_000];
    /// pool.eval2_scalar(simdmath::Func::Pow, &x, 0.25, &mut out);
    /// assert!(out.iter().all(|&v| v == 2.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_scalar<T: Real>(&self, f: Func, x: &[T], y: T, out: &mut [T]) {
        self.eval2_scalar_with(Isa::best(), f, x, y, out)
    }

    /// [`Pool::eval2_scalar`] with the given instruction set.
    ///
    /// # Panics
    /// As [`Pool::eval2_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![3.0f32; 30_000];
    /// let mut out = vec![0.0; 30_000];
    /// pool.eval2_scalar_with(Isa::Portable, Func::Pow, &x, 2.0, &mut out);
    /// assert!(out.iter().all(|&v| v == 9.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_scalar_with<T: Real>(&self, isa: Isa, f: Func, x: &[T], y: T, out: &mut [T]) {
        self.apply_named(
            "Pool::eval2_scalar_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::BinaryScalar(x, y, out),
        )
    }

    /// `xs[i] = f(xs[i], y)` in place with one scalar second input, on the pool.
    ///
    /// # Panics
    /// As [`Pool::eval2_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![2.0f64; 50_000];
    /// pool.eval2_scalar_in_place_with(Isa::best(), Func::Pow, &mut v, 10.0);
    /// assert!(v.iter().all(|&r| r == 1024.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_scalar_in_place_with<T: Real>(&self, isa: Isa, f: Func, xs: &mut [T], y: T) {
        self.apply_named(
            "Pool::eval2_scalar_in_place_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::BinaryScalarInPlace(xs, y),
        )
    }

    /// `(out0[i], out1[i]) = f(x[i])` for a one-input, two-output function (`sincos`) on the
    /// pool with the given instruction set; bit-identical to [`crate::eval_pair_with`].
    ///
    /// # Panics
    /// As [`crate::eval_pair_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![0.0f64; 40_000];
    /// let (mut s, mut c) = (vec![1.0; 40_000], vec![0.0; 40_000]);
    /// pool.eval_pair_with(Isa::best(), Func::Sincos, &x, &mut s, &mut c);
    /// assert!(s.iter().all(|&v| v == 0.0) && c.iter().all(|&v| v == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_pair_with<T: Real>(
        &self,
        isa: Isa,
        f: Func,
        x: &[T],
        out0: &mut [T],
        out1: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_pair_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::Pair(x, out0, out1),
        )
    }

    /// [`Pool::eval_pair_with`] in the given accuracy tier ([`crate::eval_pair_with_accuracy`]),
    /// bit-identical to the one-thread call.
    ///
    /// # Panics
    /// As [`crate::eval_pair_with_accuracy`].
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![0.0f32; 40_000];
    /// let (mut s, mut c) = (vec![1.0; 40_000], vec![0.0; 40_000]);
    /// pool.eval_pair_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Sincos, &x, &mut s, &mut c);
    /// assert!(s.iter().all(|&v| v == 0.0) && c.iter().all(|&v| v == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_pair_with_accuracy<T: Real>(
        &self,
        isa: Isa,
        acc: crate::Accuracy,
        f: Func,
        x: &[T],
        out0: &mut [T],
        out1: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_pair_with_accuracy",
            isa,
            acc,
            f,
            Operands::Pair(x, out0, out1),
        )
    }

    /// [`Pool::eval_pair_with`] with [`Isa::best`].
    ///
    /// # Panics
    /// As [`crate::eval_pair`].
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x = vec![0.5f32; 40_000];
    /// let (mut s, mut c) = (vec![0.0; 40_000], vec![0.0; 40_000]);
    /// pool.eval_pair(simdmath::Func::Sincos, &x, &mut s, &mut c);
    /// assert_eq!(s[0], 0.5f32.sin());
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_pair<T: Real>(&self, f: Func, x: &[T], out0: &mut [T], out1: &mut [T]) {
        self.eval_pair_with(Isa::best(), f, x, out0, out1)
    }
}
