//! ULP arithmetic: how far a result is from the exact value, the accumulator behind
//! `simdmath ulp`, and the input sets (random over every exponent and sign, the hard regions
//! of each function, special values, a user range).
//!
//! Two error figures, as DESIGN.md defines them:
//!
//! * **integer distance** ([`distance`]): how many representable values lie between a result
//!   and the correctly rounded value (0 = correctly rounded, 1 = faithfully rounded). This is
//!   what the registry's bounds ([`Func::info`]) state and what `simdmath ulp` checks.
//! * **real-valued error** ([`real_error`]): `|y - f(x)| / ulp(f(x))` with `f(x)` exact.
//!   How "exact" is obtained, and so how accurate the figure is:
//!   - `f32`: `f(x)` is core-math's **`f64`** result (correctly rounded to 53 bits), whose own
//!     error is below 2^-29 ulp of `f32`: the figure is exact to about 1e-9 ulp.
//!   - `f64`: `f(x)` is evaluated in double-double (about 106 bits, Dekker/Knuth arithmetic in
//!     this module, no MPFR) for every function: everywhere for exp, log, the log family (log2,
//!     log10, log1p, asinh, acosh, atanh), cbrt, exp2, exp10, sinh, cosh, tanh, atan, asin,
//!     acos, hypot and pow (where its result neither overflows nor underflows far), for
//!     sin/cos/tan up to |x| = 2^30, and for sinpi/cospi, expm1 and atan2 but at their edges
//!     (arguments below 1e-290, `|x| > 800`, quotients below 2^-899; tiny `log1p`/`asinh`/
//!     `atanh`/`atan`/`asin` arguments below 1e-150 by their first term; subnormal inputs of
//!     several functions approximate): the figure is exact to about 2^-40 ulp. Elsewhere the
//!     correctly rounded value `r` stands in ([`Exact::approximate`]): the figure is then
//!     `|y - r| / ulp(r)`, and the true error differs from it by at most 0.5 ulp, so [`Stats`]
//!     counts those inputs in the integer distance but leaves them out of the real-valued
//!     maximum and mean.
//!
//! The reference is [`core-math`](https://core-math.gitlabpages.inria.fr/) (correctly rounded
//! in every rounding mode), cross-checked against the system libm ([`Float::libm`]).
//!
//! ```
//! use simdmath::ulp::{distance, real_error};
//! assert_eq!(distance(1.0f64, 1.0 + f64::EPSILON), 1);
//! assert_eq!(distance(0.0f32, -0.0), 0);
//! // f32: the exact value 1.25 ulp above 1.0 (ulp(1) = 2^-23); result 1.0
//! let exact = 1.0 + 1.25 * f32::EPSILON as f64;
//! assert_eq!(real_error(1.0f32, 1.0f32, exact), 1.25);
//! ```

use crate::{Arity, Func, Real};

/// The arguments of one call, in the shape the function takes ([`Func::arity`]): one input
/// (`exp(x)`, and `sincos(x)`, one input with two outputs) or two (`pow(x, y)`).
///
/// ```
/// use simdmath::{Func, ulp::{Args, Float, Values}};
/// let a = Args::XY(2.0f32, 10.0);
/// assert_eq!(a.map(f64::from), Args::XY(2.0f64, 10.0));
/// assert_eq!(<f32 as Float>::reference_of(Func::Pow, a), Values::One(1024.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Args<T> {
    /// One input.
    X(T),
    /// Two inputs, in the registry's order (`pow(x, y)`, `atan2(y, x)`).
    XY(T, T),
}

impl<T> Args<T> {
    /// Applies `g` to every input (e.g. widens `f32` inputs to `f64`).
    ///
    /// ```
    /// use simdmath::ulp::Args;
    /// assert_eq!(Args::X(1.5f32).map(|x| x * 2.0), Args::X(3.0));
    /// ```
    #[inline]
    pub fn map<U>(self, mut g: impl FnMut(T) -> U) -> Args<U> {
        match self {
            Args::X(x) => Args::X(g(x)),
            Args::XY(x, y) => Args::XY(g(x), g(y)),
        }
    }
}

/// The results of one call: one value, or two for a function with two outputs (`sincos`:
/// sine, cosine). Iterating gives them in order.
///
/// ```
/// use simdmath::{Func, ulp::{Args, Float, Values}};
/// let v = <f64 as Float>::reference_of(Func::Sincos, Args::X(0.0));
/// assert_eq!(v, Values::Two(0.0, 1.0));
/// assert_eq!(v.into_iter().collect::<Vec<_>>(), [0.0, 1.0]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Values<V> {
    /// One output.
    One(V),
    /// Two outputs (first, second).
    Two(V, V),
}

impl<V> Values<V> {
    /// Applies `g` to every output.
    ///
    /// ```
    /// use simdmath::ulp::Values;
    /// assert_eq!(Values::Two(1.0f32, 2.0).map(f64::from), Values::Two(1.0f64, 2.0));
    /// ```
    #[inline]
    pub fn map<W>(self, mut g: impl FnMut(V) -> W) -> Values<W> {
        match self {
            Values::One(a) => Values::One(g(a)),
            Values::Two(a, b) => Values::Two(g(a), g(b)),
        }
    }

    /// The first (or only) output.
    ///
    /// ```
    /// assert_eq!(simdmath::ulp::Values::Two(1, 2).first(), 1);
    /// ```
    #[inline]
    pub fn first(self) -> V {
        match self {
            Values::One(a) | Values::Two(a, _) => a,
        }
    }
}

impl<V> IntoIterator for Values<V> {
    type Item = V;
    type IntoIter = std::iter::Chain<std::iter::Once<V>, std::option::IntoIter<V>>;
    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        match self {
            Values::One(a) => std::iter::once(a).chain(None),
            Values::Two(a, b) => std::iter::once(a).chain(Some(b)),
        }
    }
}

/// An element type with the bit tricks and references that ULP arithmetic needs (`f32`,
/// `f64`; sealed through [`Real`]).
///
/// The references take the arguments of any function's shape ([`Args`]) and give its results
/// ([`Values`]): [`Float::reference_of`], [`Float::libm_of`], [`Float::exact_of`]. Arguments of
/// another shape than `f`'s are one panic naming the shape `f` takes. [`Float::reference`],
/// [`Float::libm`], [`Float::exact`] (one input, one output) and [`Float::reference2`],
/// [`Float::libm2`] (two inputs) are conveniences over them.
///
/// ```
/// use simdmath::{Func, ulp::{Args, Float, Values}};
/// assert_eq!(<f64 as Float>::reference(Func::Exp, 0.0), 1.0);
/// assert_eq!(<f64 as Float>::reference_of(Func::Exp, Args::X(0.0)), Values::One(1.0));
/// assert_eq!(<f32 as Float>::exact(Func::Log, 1.0).hi, 0.0);
/// assert!(!<f64 as Float>::exact(Func::Exp, 1.0).approximate); // double-double
/// ```
pub trait Float: Real {
    /// Explicit mantissa bits: 52 or 23.
    const MANT: u32;
    /// Smallest normal exponent: -1022 or -126.
    const EMIN: i32;
    /// Largest finite exponent: 1023 or 127.
    const EMAX: i32;
    /// Width of the bit pattern: 64 or 32.
    const BITS: u32;
    /// The bit pattern, widened.
    fn bits(self) -> u64;
    /// From a bit pattern (the low [`Float::BITS`] bits).
    fn from_bits(b: u64) -> Self;
    /// Widens to `f64` (exact).
    fn widen(self) -> f64;
    /// Rounds an `f64` to this type.
    fn narrow(x: f64) -> Self;

    /// The correctly rounded results of `f` (core-math's function of the registry line's C
    /// name; for a two-output function each output correctly rounded).
    ///
    /// # Panics
    /// If `args` do not have `f`'s shape ([`Func::arity`]); the message names the shape `f` takes.
    ///
    /// ```
    /// use simdmath::{Func, ulp::{Args, Float, Values}};
    /// assert_eq!(<f32 as Float>::reference_of(Func::Exp, Args::X(0.0)), Values::One(1.0));
    /// assert_eq!(<f64 as Float>::reference_of(Func::Hypot, Args::XY(3.0, 4.0)), Values::One(5.0));
    /// let r = std::panic::catch_unwind(|| <f64 as Float>::reference_of(Func::Pow, Args::X(2.0)));
    /// assert!(r.is_err()); // "pow takes two inputs: ..."
    /// ```
    fn reference_of(f: Func, args: Args<Self>) -> Values<Self>;

    /// The system libm's results of `f` (the C function of the registry line's name), for the
    /// side-by-side comparison.
    ///
    /// # Panics
    /// As [`Float::reference_of`].
    ///
    /// ```
    /// use simdmath::{Func, ulp::{Args, Float, Values}};
    /// assert_eq!(<f64 as Float>::libm_of(Func::Sincos, Args::X(0.0)), Values::Two(0.0, 1.0));
    /// ```
    fn libm_of(f: Func, args: Args<Self>) -> Values<Self>;

    /// The best available approximation of the exact results of `f` (see the module docs):
    /// core-math in `f64` for `f32` inputs; for `f64`, double-double (`sincos`: for both
    /// outputs) where the module docs say, else the correctly rounded value, flagged
    /// [`Exact::approximate`].
    ///
    /// # Panics
    /// As [`Float::reference_of`].
    ///
    /// ```
    /// use simdmath::{Func, ulp::{Args, Float, Values}};
    /// let Values::One(e) = <f64 as Float>::exact_of(Func::Pow, Args::XY(2.0, 0.5)) else { panic!() };
    /// assert!(!e.approximate && e.value() == 2f64.sqrt()); // double-double
    /// // atan2(y, x) with y/x below 2^-899: the correctly rounded value stands in.
    /// let Values::One(e) = <f64 as Float>::exact_of(Func::Atan2, Args::XY(1e-300, 1.0)) else { panic!() };
    /// assert!(e.approximate && e.hi == 1e-300);
    /// ```
    fn exact_of(f: Func, args: Args<Self>) -> Values<Exact>;

    /// Convenience: the correctly rounded `f(x)` of a one-input, one-output function
    /// ([`Float::reference_of`] of `Args::X(x)`).
    ///
    /// # Panics
    /// If `f` has another shape (naming it).
    #[inline]
    fn reference(f: Func, x: Self) -> Self {
        one(f, Self::reference_of(f, Args::X(x)))
    }

    /// Convenience: the system libm's `f(x)` of a one-input, one-output function
    /// ([`Float::libm_of`] of `Args::X(x)`).
    ///
    /// # Panics
    /// If `f` has another shape (naming it).
    #[inline]
    fn libm(f: Func, x: Self) -> Self {
        one(f, Self::libm_of(f, Args::X(x)))
    }

    /// Convenience: the best available exact `f(x)` of a one-input, one-output function
    /// ([`Float::exact_of`] of `Args::X(x)`).
    ///
    /// # Panics
    /// If `f` has another shape (naming it).
    #[inline]
    fn exact(f: Func, x: Self) -> Exact {
        one(f, Self::exact_of(f, Args::X(x)))
    }

    /// Convenience: the correctly rounded `f(x, y)` of a two-input function
    /// ([`Float::reference_of`] of `Args::XY(x, y)`).
    ///
    /// # Panics
    /// If `f` takes one input (naming its shape).
    #[inline]
    fn reference2(f: Func, x: Self, y: Self) -> Self {
        one(f, Self::reference_of(f, Args::XY(x, y)))
    }

    /// Convenience: the system libm's `f(x, y)` of a two-input function
    /// ([`Float::libm_of`] of `Args::XY(x, y)`).
    ///
    /// # Panics
    /// If `f` takes one input (naming its shape).
    #[inline]
    fn libm2(f: Func, x: Self, y: Self) -> Self {
        one(f, Self::libm_of(f, Args::XY(x, y)))
    }
}

/// The panic for arguments or results that do not have `f`'s shape, naming the shape it takes.
#[cold]
#[track_caller]
fn wrong_shape(f: Func) -> ! {
    match f.arity() {
        Arity::Unary => panic!(
            "{f} takes one input and has one output: Args::X(x) -> Values::One (reference, libm, exact)"
        ),
        Arity::Binary => panic!(
            "{f} takes two inputs and has one output: Args::XY(x, y) -> Values::One (reference2, libm2)"
        ),
        Arity::UnaryPair => panic!(
            "{f} takes one input and has two outputs: Args::X(x) -> Values::Two (reference_of, libm_of, exact_of)"
        ),
    }
}

/// The only output of a one-output function.
#[inline]
#[track_caller]
fn one<V>(f: Func, v: Values<V>) -> V {
    match v {
        Values::One(a) => a,
        Values::Two(..) => wrong_shape(f),
    }
}

/// The double-double `f(x, y)` of a two-input function (`pow`, `atan2` in the registry's
/// order `(y, x)`, `hypot`) where this module has it, else the correctly rounded value,
/// flagged approximate.
fn exact2_f64(f: Func, x: f64, y: f64) -> Exact {
    let dd = match f {
        Func::Pow => dd::pow(x, y),
        Func::Atan2 => dd::atan2(x, y),
        Func::Hypot => dd::hypot(x, y),
        #[allow(unreachable_patterns)]
        _ => None,
    };
    exact_or_reference(dd, f, Args::XY(x, y))
}

/// The correctly rounded `v` standing in for the exact value.
fn approximate(v: f64) -> Exact {
    Exact {
        approximate: true,
        ..Exact::from(v)
    }
}

/// The double-double `f(x)` of a one-input, one-output function where this module has it,
/// else the correctly rounded value, flagged approximate.
fn exact_f64(f: Func, x: f64) -> Exact {
    let dd = match f {
        Func::Exp => dd::exp(x),
        Func::Log => dd::log(x),
        Func::Sin => dd::sin(x),
        Func::Cos => dd::cos(x),
        Func::Exp2 => dd::exp2(x),
        Func::Exp10 => dd::exp10(x),
        Func::Expm1 => dd::expm1(x),
        Func::Sinh => dd::sinh(x),
        Func::Cosh => dd::cosh(x),
        Func::Tanh => dd::tanh(x),
        Func::Log2 => dd::log2(x),
        Func::Log10 => dd::log10(x),
        Func::Log1p => dd::log1p(x),
        Func::Asinh => dd::asinh(x),
        Func::Acosh => dd::acosh(x),
        Func::Atanh => dd::atanh(x),
        Func::Cbrt => dd::cbrt(x),
        Func::Tan => dd::tan(x),
        Func::Sinpi => dd::sinpi(x),
        Func::Cospi => dd::cospi(x),
        Func::Atan => dd::atan(x),
        Func::Asin => dd::asin(x),
        Func::Acos => dd::acos(x),
        #[allow(unreachable_patterns)]
        _ => None,
    };
    exact_or_reference(dd, f, Args::X(x))
}

/// The double-double value `dd` as an [`Exact`], or where there is none the correctly rounded
/// `f(args)`, flagged approximate.
fn exact_or_reference(dd: Option<dd::Scaled>, f: Func, args: Args<f64>) -> Exact {
    match dd {
        Some(v) => Exact {
            hi: v.hi,
            lo: v.lo,
            exp: v.exp,
            approximate: false,
        },
        None => approximate(one(f, registry_refs::reference_f64(f, args))),
    }
}

impl Float for f64 {
    const MANT: u32 = 52;
    const EMIN: i32 = -1022;
    const EMAX: i32 = 1023;
    const BITS: u32 = 64;
    fn bits(self) -> u64 {
        self.to_bits()
    }
    fn from_bits(b: u64) -> f64 {
        f64::from_bits(b)
    }
    fn widen(self) -> f64 {
        self
    }
    fn narrow(x: f64) -> f64 {
        x
    }
    #[inline]
    fn reference_of(f: Func, args: Args<f64>) -> Values<f64> {
        registry_refs::reference_f64(f, args)
    }
    #[inline]
    fn libm_of(f: Func, args: Args<f64>) -> Values<f64> {
        registry_refs::libm_f64(f, args)
    }
    #[inline]
    fn exact_of(f: Func, args: Args<f64>) -> Values<Exact> {
        match (f.arity(), args) {
            (Arity::Unary, Args::X(x)) => Values::One(exact_f64(f, x)),
            (Arity::UnaryPair, Args::X(x)) if f == Func::Sincos => {
                Values::Two(exact_f64(Func::Sin, x), exact_f64(Func::Cos, x))
            }
            (Arity::Binary, Args::XY(x, y)) => Values::One(exact2_f64(f, x, y)),
            // No double-double: the correctly rounded values stand in (the shape is checked there).
            _ => Self::reference_of(f, args).map(approximate),
        }
    }
}

impl Float for f32 {
    const MANT: u32 = 23;
    const EMIN: i32 = -126;
    const EMAX: i32 = 127;
    const BITS: u32 = 32;
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn from_bits(b: u64) -> f32 {
        f32::from_bits(b as u32)
    }
    fn widen(self) -> f64 {
        self as f64
    }
    fn narrow(x: f64) -> f32 {
        x as f32
    }
    #[inline]
    fn reference_of(f: Func, args: Args<f32>) -> Values<f32> {
        registry_refs::reference_f32(f, args)
    }
    #[inline]
    fn libm_of(f: Func, args: Args<f32>) -> Values<f32> {
        registry_refs::libm_f32(f, args)
    }
    #[inline]
    fn exact_of(f: Func, args: Args<f32>) -> Values<Exact> {
        // core-math's f64 results: exact to ~2^-29 ulp of f32.
        <f64 as Float>::reference_of(f, args.map(f64::from)).map(Exact::from)
    }
}

/// An exact value `(hi + lo) * 2^exp` (double-double, scaled so that it never under- or
/// overflows), as [`Float::exact`] gives it and [`real_error`] takes it. `From<f64>` makes a
/// plain value.
///
/// ```
/// let e = simdmath::ulp::Exact::from(1.5);
/// assert_eq!((e.hi, e.lo, e.exp, e.approximate), (1.5, 0.0, 0, false));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Exact {
    /// Leading part.
    pub hi: f64,
    /// Trailing part, `|lo| <= ulp(hi) / 2`.
    pub lo: f64,
    /// Binary scale.
    pub exp: i32,
    /// `true` when the correctly rounded value stands in for the exact one (the real-valued
    /// error is then only good to ±0.5 ulp).
    pub approximate: bool,
}

impl From<f64> for Exact {
    fn from(v: f64) -> Exact {
        Exact {
            hi: v,
            lo: 0.0,
            exp: 0,
            approximate: false,
        }
    }
}

impl Exact {
    /// The value rounded to `f64` (infinite or zero when it is out of range).
    ///
    /// ```
    /// let e = simdmath::ulp::Exact { hi: 1.0, lo: 0.0, exp: -1074, approximate: false };
    /// assert_eq!(e.value(), f64::from_bits(1));
    /// ```
    pub fn value(self) -> f64 {
        ldexp(self.hi + self.lo, self.exp)
    }
}

/// `x * 2^n` in steps that stay in range, exact whenever the result is normal.
fn ldexp(mut x: f64, mut n: i32) -> f64 {
    while n != 0 && x != 0.0 && x.is_finite() {
        let s = n.clamp(-1000, 1000);
        x *= pow2(s);
        n -= s;
    }
    x
}

mod dd;

/// `Values::One(g(x))` of a one-input, one-output function `f`; another shape panics.
#[inline(always)]
#[track_caller]
fn unary<T>(f: Func, args: Args<T>, g: impl FnOnce(T) -> T) -> Values<T> {
    match args {
        Args::X(x) => Values::One(g(x)),
        Args::XY(..) => wrong_shape(f),
    }
}

/// `Values::One(g(x, y))` of a two-input function `f`; another shape panics.
#[inline(always)]
#[track_caller]
fn binary<T>(f: Func, args: Args<T>, g: impl FnOnce(T, T) -> T) -> Values<T> {
    match args {
        Args::XY(x, y) => Values::One(g(x, y)),
        Args::X(_) => wrong_shape(f),
    }
}

/// `Values::Two` of `g(x)` of a one-input, two-output function `f`; another shape panics.
#[inline(always)]
#[track_caller]
fn pair<T>(f: Func, args: Args<T>, g: impl FnOnce(T) -> (T, T)) -> Values<T> {
    match args {
        Args::X(x) => {
            let (a, b) = g(x);
            Values::Two(a, b)
        }
        Args::XY(..) => wrong_shape(f),
    }
}

/// The reference and libm functions of every registry line, by its C names (`exp expf`), each
/// taking the arguments in the shape of the line's arity (`unary`, `binary`, `unary2`) and
/// panicking on another ([`wrong_shape`]).
mod registry_refs {
    use super::{Args, Values, binary, pair, unary};
    use crate::Func;

    macro_rules! one {
        (unary $Var:ident $snake:ident $c64:ident $c32:ident) => {
            pub mod $snake {
                use super::{Args, Values, unary};
                use crate::Func::$Var as F;
                mod c {
                    unsafe extern "C" {
                        pub fn $c64(x: f64) -> f64;
                        pub fn $c32(x: f32) -> f32;
                    }
                }
                pub fn r64(a: Args<f64>) -> Values<f64> {
                    unary(F, a, core_math::$c64)
                }
                pub fn r32(a: Args<f32>) -> Values<f32> {
                    unary(F, a, core_math::$c32)
                }
                pub fn l64(a: Args<f64>) -> Values<f64> {
                    // SAFETY: libm's functions of one `double` are defined for every input and
                    // touch nothing but `errno` and the floating-point flags.
                    unary(F, a, |x| unsafe { c::$c64(x) })
                }
                pub fn l32(a: Args<f32>) -> Values<f32> {
                    // SAFETY: as above, for `float`.
                    unary(F, a, |x| unsafe { c::$c32(x) })
                }
            }
        };
        (unary $Var:ident $snake:ident $c64:ident $c32:ident nolibm) => {
            // The system libm has no such function (glibc before 2.41 has no sinpi): the
            // libm column shows core-math.
            pub mod $snake {
                use super::{Args, Values, unary};
                use crate::Func::$Var as F;
                pub fn r64(a: Args<f64>) -> Values<f64> {
                    unary(F, a, core_math::$c64)
                }
                pub fn r32(a: Args<f32>) -> Values<f32> {
                    unary(F, a, core_math::$c32)
                }
                pub use r32 as l32;
                pub use r64 as l64;
            }
        };
        (unary2 $Var:ident $snake:ident $c64:ident $c32:ident) => {
            pub mod $snake {
                use super::{Args, Values, pair};
                use crate::Func::$Var as F;
                mod c {
                    unsafe extern "C" {
                        pub fn $c64(x: f64, s: *mut f64, c: *mut f64);
                        pub fn $c32(x: f32, s: *mut f32, c: *mut f32);
                    }
                }
                pub fn r64(a: Args<f64>) -> Values<f64> {
                    pair(F, a, core_math::$c64)
                }
                pub fn r32(a: Args<f32>) -> Values<f32> {
                    pair(F, a, core_math::$c32)
                }
                pub fn l64(a: Args<f64>) -> Values<f64> {
                    pair(F, a, |x| {
                        let (mut s, mut c) = (0.0, 0.0);
                        // SAFETY: libm's sincos writes one double through each valid pointer.
                        unsafe { c::$c64(x, &mut s, &mut c) };
                        (s, c)
                    })
                }
                pub fn l32(a: Args<f32>) -> Values<f32> {
                    pair(F, a, |x| {
                        let (mut s, mut c) = (0.0, 0.0);
                        // SAFETY: as above, for `float`.
                        unsafe { c::$c32(x, &mut s, &mut c) };
                        (s, c)
                    })
                }
            }
        };
        (binary $Var:ident $snake:ident $c64:ident $c32:ident) => {
            pub mod $snake {
                use super::{Args, Values, binary};
                use crate::Func::$Var as F;
                mod c {
                    unsafe extern "C" {
                        pub fn $c64(x: f64, y: f64) -> f64;
                        pub fn $c32(x: f32, y: f32) -> f32;
                    }
                }
                pub fn r64(a: Args<f64>) -> Values<f64> {
                    binary(F, a, core_math::$c64)
                }
                pub fn r32(a: Args<f32>) -> Values<f32> {
                    binary(F, a, core_math::$c32)
                }
                pub fn l64(a: Args<f64>) -> Values<f64> {
                    // SAFETY: libm's functions of two `double`s are defined for every input and
                    // touch nothing but `errno` and the floating-point flags.
                    binary(F, a, |x, y| unsafe { c::$c64(x, y) })
                }
                pub fn l32(a: Args<f32>) -> Values<f32> {
                    // SAFETY: as above, for `float`.
                    binary(F, a, |x, y| unsafe { c::$c32(x, y) })
                }
            }
        };
    }

    macro_rules! refs {
        (; $( $Var:ident $snake:ident $name:literal $arity:ident ($c64:ident $c32:ident $($nolibm:ident)?) [$k64:path] [$k32:path] $u64:literal $u32:literal (cr $([$kcr:path] $ucr:literal)?) $facts:tt $dom:literal $sp:literal ; )*) => {
            $( one!($arity $Var $snake $c64 $c32 $($nolibm)?); )*
            pub(crate) fn reference_f64(f: Func, a: Args<f64>) -> Values<f64> {
                match f { $(Func::$Var => $snake::r64(a),)* }
            }
            pub(crate) fn reference_f32(f: Func, a: Args<f32>) -> Values<f32> {
                match f { $(Func::$Var => $snake::r32(a),)* }
            }
            pub(crate) fn libm_f64(f: Func, a: Args<f64>) -> Values<f64> {
                match f { $(Func::$Var => $snake::l64(a),)* }
            }
            pub(crate) fn libm_f32(f: Func, a: Args<f32>) -> Values<f32> {
                match f { $(Func::$Var => $snake::l32(a),)* }
            }
        };
    }
    simdmath_kernels::for_each_func!(refs {});
}

/// Signed position of `x` on the line of representable values: `+0` and `-0` are both 0,
/// the next value up is 1, `-MIN_POSITIVE` is minus the position of `MIN_POSITIVE`, and
/// infinity is one past `MAX`. Meaningless for NaN.
///
/// ```
/// use simdmath::ulp::ordinal;
/// assert_eq!(ordinal(-0.0f64), 0);
/// assert_eq!(ordinal(f64::from_bits(1)), 1);
/// assert_eq!(ordinal(f32::INFINITY), ordinal(f32::MAX) + 1);
/// assert_eq!(ordinal(-1.5f32), -ordinal(1.5f32));
/// ```
pub fn ordinal<T: Float>(x: T) -> i64 {
    let b = x.bits();
    let sign = 1u64 << (T::BITS - 1);
    let mag = (b & (sign - 1)) as i64;
    if b & sign != 0 { -mag } else { mag }
}

/// Integer distance in representable values between `a` and `b`: 0 when they are equal or
/// both NaN (any payload), and `+0` and `-0` count as equal (signs of zero are checked with
/// the special values); `u64::MAX` when exactly one is NaN. Crossing a power of two counts
/// the values actually there (the spacing halves below it), and infinity is one past `MAX`.
///
/// ```
/// use simdmath::ulp::distance;
/// assert_eq!(distance(2.0f64, 2.0f64.next_down()), 1);  // across a power of two
/// assert_eq!(distance(2.0f64.next_up(), 2.0f64.next_down()), 2);
/// assert_eq!(distance(-f32::from_bits(1), f32::from_bits(1)), 2); // through ±0
/// assert_eq!(distance(f64::NAN, -f64::NAN), 0);
/// assert_eq!(distance(f64::NAN, 1.0), u64::MAX);
/// assert_eq!(distance(f32::MAX, f32::INFINITY), 1);
/// ```
pub fn distance<T: Float>(a: T, b: T) -> u64 {
    match (is_nan(a), is_nan(b)) {
        (true, true) => 0,
        (false, false) => ordinal(a).abs_diff(ordinal(b)),
        _ => u64::MAX,
    }
}

/// Whether `x` is NaN (generic over [`Float`]).
///
/// ```
/// assert!(simdmath::ulp::is_nan(f32::NAN));
/// assert!(!simdmath::ulp::is_nan(f64::INFINITY));
/// ```
pub fn is_nan<T: Float>(x: T) -> bool {
    let b = x.bits();
    let exp_mask = ((1u64 << (T::BITS - 1 - T::MANT)) - 1) << T::MANT;
    b & exp_mask == exp_mask && b & ((1u64 << T::MANT) - 1) != 0
}

/// `2^k` as an `f64`, exact for every `k` in `-1074..=1023`.
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// The unit in the last place of format `T` at the real value `v`: the spacing of `T`'s
/// values in the binade of `|v|` (the subnormal spacing below the normal range, the spacing
/// at `MAX` above it). This is the denominator of [`real_error`].
///
/// ```
/// use simdmath::ulp::ulp;
/// assert_eq!(ulp::<f64>(1.0), f64::EPSILON);
/// assert_eq!(ulp::<f64>(1.999), f64::EPSILON);
/// assert_eq!(ulp::<f64>(-0.75), f64::EPSILON / 2.0);
/// assert_eq!(ulp::<f32>(1.0), f32::EPSILON as f64);
/// assert_eq!(ulp::<f32>(0.0), f32::from_bits(1) as f64);   // subnormal spacing
/// assert_eq!(ulp::<f64>(1e-310), f64::from_bits(1));
/// assert_eq!(ulp::<f32>(1e300), ulp::<f32>(f32::MAX as f64));
/// ```
pub fn ulp<T: Float>(v: f64) -> f64 {
    let a = v.abs();
    // Zero and f64-subnormal values lie below every normal exponent of both formats; the
    // clamp below gives them the subnormal spacing. Infinity and NaN clamp to `EMAX`.
    let e = if a < f64::MIN_POSITIVE {
        T::EMIN
    } else {
        ((a.to_bits() >> 52) as i32) - 1023
    };
    let e = e.clamp(T::EMIN, T::EMAX);
    pow2(e - T::MANT as i32)
}

/// Real-valued error of the result `y` in ulps: `|y - exact| / ulp(exact)`, where `cr` is the
/// correctly rounded value and `exact` the best available value of `f(x)` ([`Float::exact`];
/// see the module docs for its accuracy; a plain `f64` converts). Where the real error is not
/// defined it falls back to the integer distance to `cr`: an infinite result or an exact value
/// beyond the format's range (overflow: 0 if `y` is the correctly rounded infinity), and NaN
/// (0 if both are NaN, infinity if only one is).
///
/// ```
/// use simdmath::ulp::{Exact, real_error};
/// assert_eq!(real_error(1.0f64 + f64::EPSILON, 1.0, 1.0), 1.0);
/// // f64 with a double-double exact value: 1 + 0.25 ulp
/// let e = Exact { hi: 1.0, lo: 0.25 * f64::EPSILON, exp: 0, approximate: false };
/// assert_eq!(real_error(1.0f64, 1.0, e), 0.25);
/// // f32: exact 0.4 ulp above 1.0, result 1.0: 0.4 ulp
/// let e = real_error(1.0f32, 1.0, 1.0 + 0.4 * f32::EPSILON as f64);
/// assert!((e - 0.4).abs() < 1e-9);
/// assert_eq!(real_error(f32::INFINITY, f32::INFINITY, 1e39), 0.0);
/// assert_eq!(real_error(f64::NAN, 0.0, 0.0), f64::INFINITY);
/// ```
pub fn real_error<T: Float>(y: T, cr: T, exact: impl Into<Exact>) -> f64 {
    let d = distance(y, cr);
    if d == u64::MAX {
        return f64::INFINITY;
    }
    let ex: Exact = exact.into();
    let yf = y.widen();
    let max = pow2(T::EMAX) * (2.0 - pow2(-(T::MANT as i32)));
    let v = ex.value();
    if is_nan(y) || !yf.is_finite() || !ex.hi.is_finite() || v.abs() > max {
        return d as f64;
    }
    // Binade of the exact value (one lower when hi is a power of two and lo pulls it down).
    let eb = if ex.hi == 0.0 {
        T::EMIN
    } else {
        let h = ex.hi.abs();
        let mut e = ((h.to_bits() >> 52) as i32) - 1023 + ex.exp;
        if h.to_bits() << 12 == 0 && ex.lo != 0.0 && (ex.lo < 0.0) == (ex.hi > 0.0) {
            e -= 1;
        }
        e
    };
    let ue = eb.clamp(T::EMIN, T::EMAX) - T::MANT as i32;
    let diff = (ldexp(yf, -ex.exp) - ex.hi) - ex.lo;
    diff.abs() / ldexp(1.0, ue - ex.exp)
}

/// Labels of [`Stats::hist`]'s buckets (integer distance to the correctly rounded value).
///
/// ```
/// assert_eq!(simdmath::ulp::HIST_LABELS[0], "0");
/// ```
pub const HIST_LABELS: [&str; 7] = ["0", "1", "2", "3-4", "5-16", ">16", "NaN"];

fn bucket(d: u64) -> usize {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=16 => 4,
        u64::MAX => 6,
        _ => 5,
    }
}

/// The worst input seen by a [`Stats`]: the largest integer distance, ties broken by the
/// real-valued error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Worst<T> {
    /// The input.
    pub x: T,
    /// The second input of a two-input function.
    pub y: Option<T>,
    /// The result under test.
    pub got: T,
    /// The correctly rounded result.
    pub want: T,
    /// Integer distance between them.
    pub dist: u64,
    /// Real-valued error of `got`.
    pub real: f64,
}

/// Accumulated accuracy of one function × type × backend over an input set; [`Stats::merge`]
/// combines the stats of chunks done on different threads.
///
/// ```
/// use simdmath::{Func, ulp::{Float, Stats}};
/// let mut s = Stats::<f32>::default();
/// for x in [0.5f32, 1.0, 2.0] {
///     let y = x.exp(); // the system libm
///     s.add(x, y, <f32 as Float>::reference(Func::Exp, x), <f32 as Float>::exact(Func::Exp, x));
/// }
/// assert_eq!(s.n, 3);
/// assert!(s.max_dist <= 1 && s.max_real < 1.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Stats<T> {
    /// Inputs seen.
    pub n: u64,
    /// Largest integer distance (`u64::MAX` after a NaN mismatch).
    pub max_dist: u64,
    /// Largest real-valued error (infinite after a NaN mismatch), over the inputs whose exact
    /// value is known ([`Exact::approximate`] false).
    pub max_real: f64,
    /// Sum of the finite real-valued errors with a known exact value (for the mean).
    pub sum_real: f64,
    /// How many real-valued errors were finite.
    pub n_real: u64,
    /// Correctly rounded results (distance 0).
    pub correct: u64,
    /// Results over a bound (set with [`Stats::with_bound`]; 0 without one).
    pub over: u64,
    /// The bound counted by `over`.
    pub bound: u64,
    /// Counts per [`HIST_LABELS`] bucket.
    pub hist: [u64; 7],
    /// Inputs whose exact value was approximated by the correctly rounded one
    /// ([`Exact::approximate`]).
    pub approximate: u64,
    /// The worst input, if any.
    pub worst: Option<Worst<T>>,
}

impl<T: Float> Default for Stats<T> {
    fn default() -> Self {
        Stats {
            n: 0,
            max_dist: 0,
            max_real: 0.0,
            sum_real: 0.0,
            n_real: 0,
            correct: 0,
            over: 0,
            bound: u64::MAX,
            hist: [0; 7],
            approximate: 0,
            worst: None,
        }
    }
}

impl<T: Float> Stats<T> {
    /// Empty stats that count the results whose distance exceeds `bound` in [`Stats::over`].
    ///
    /// ```
    /// let mut s = simdmath::ulp::Stats::<f64>::with_bound(0);
    /// s.add(1.0, 1.0 + f64::EPSILON, 1.0, 1.0);
    /// assert_eq!(s.over, 1);
    /// ```
    pub fn with_bound(bound: u64) -> Self {
        Stats {
            bound,
            ..Default::default()
        }
    }

    /// Records one result `got` for input `x`, with the correctly rounded `want` and the
    /// best available `exact` value ([`Float::exact`]; a plain `f64` converts).
    ///
    /// ```
    /// let mut s = simdmath::ulp::Stats::<f64>::default();
    /// s.add(0.0, f64::NAN, 1.0, 1.0);
    /// assert_eq!(s.hist[6], 1); // a NaN mismatch
    /// ```
    pub fn add(&mut self, x: T, got: T, want: T, exact: impl Into<Exact>) {
        self.add_input(x, None, got, want, exact.into());
    }

    /// [`Stats::add`] for a two-input function: inputs `x` and `y`.
    ///
    /// ```
    /// let mut s = simdmath::ulp::Stats::<f64>::default();
    /// s.add2(2.0, 3.0, 8.0, 8.0, 8.0);
    /// assert_eq!(s.worst.unwrap().y, Some(3.0));
    /// ```
    pub fn add2(&mut self, x: T, y: T, got: T, want: T, exact: impl Into<Exact>) {
        self.add_input(x, Some(y), got, want, exact.into());
    }

    /// Records the results `got` of one call on `args`, each output against its own correctly
    /// rounded value in `want` and exact value in `exact` ([`Float::reference_of`],
    /// [`Float::exact_of`]): [`Stats::add`] or [`Stats::add2`] per output.
    ///
    /// ```
    /// use simdmath::{Func, ulp::{Args, Float, Stats, Values}};
    /// let mut s = Stats::<f32>::default();
    /// let (f, a) = (Func::Sincos, Args::X(0.5f32));
    /// let got = Values::Two(0.5f32.sin(), 0.5f32.cos());
    /// s.add_call(a, got, f32::reference_of(f, a), f32::exact_of(f, a));
    /// assert_eq!(s.n, 2); // both outputs count
    /// ```
    #[inline]
    pub fn add_call(
        &mut self,
        args: Args<T>,
        got: Values<T>,
        want: Values<T>,
        exact: Values<Exact>,
    ) {
        let (x, y) = match args {
            Args::X(x) => (x, None),
            Args::XY(x, y) => (x, Some(y)),
        };
        // A match rather than zipped iterators: this runs once per input of a run.
        match (got, want, exact) {
            (Values::One(g), Values::One(w), Values::One(e)) => self.add_input(x, y, g, w, e),
            (Values::Two(g0, g1), Values::Two(w0, w1), Values::Two(e0, e1)) => {
                self.add_input(x, y, g0, w0, e0);
                self.add_input(x, y, g1, w1, e1);
            }
            _ => panic!("simdmath::ulp::Stats::add_call: got, want and exact differ in shape"),
        }
    }

    fn add_input(&mut self, x: T, y: Option<T>, got: T, want: T, exact: Exact) {
        let dist = distance(got, want);
        let real = real_error(got, want, exact);
        self.n += 1;
        self.approximate += exact.approximate as u64;
        self.hist[bucket(dist)] += 1;
        if dist == 0 {
            self.correct += 1;
        }
        if dist > self.bound {
            self.over += 1;
        }
        // Where the exact value is only approximated (Exact::approximate) the real-valued
        // figure is known to ±0.5 ulp only: it stays out of max_real and the mean.
        if real.is_finite() && !exact.approximate {
            self.sum_real += real;
            self.n_real += 1;
        }
        if !exact.approximate {
            self.max_real = self.max_real.max(real);
        }
        let w = Worst {
            x,
            y,
            got,
            want,
            dist,
            real,
        };
        self.consider(w);
    }

    fn consider(&mut self, w: Worst<T>) {
        let better = match &self.worst {
            None => true,
            Some(o) => (w.dist, w.real) > (o.dist, o.real),
        };
        if better {
            self.max_dist = self.max_dist.max(w.dist);
            self.worst = Some(w);
        }
    }

    /// Adds the counts of `other` (the same function, type and backend on other inputs).
    ///
    /// ```
    /// use simdmath::ulp::Stats;
    /// let (mut a, mut b) = (Stats::<f32>::default(), Stats::<f32>::default());
    /// a.add(1.0, 1.0, 1.0, 1.0);
    /// b.add(2.0, 2.0f32.next_up(), 2.0, 2.0);
    /// a.merge(&b);
    /// assert_eq!((a.n, a.max_dist, a.correct), (2, 1, 1));
    /// ```
    pub fn merge(&mut self, other: &Stats<T>) {
        self.n += other.n;
        self.max_real = self.max_real.max(other.max_real);
        self.sum_real += other.sum_real;
        self.n_real += other.n_real;
        self.correct += other.correct;
        self.over += other.over;
        self.approximate += other.approximate;
        for (a, b) in self.hist.iter_mut().zip(other.hist) {
            *a += b;
        }
        if let Some(w) = other.worst {
            self.consider(w);
        }
        self.max_dist = self.max_dist.max(other.max_dist);
    }

    /// Mean of the finite real-valued errors (0 when there are none).
    ///
    /// ```
    /// let s = simdmath::ulp::Stats::<f64>::default();
    /// assert_eq!(s.mean(), 0.0);
    /// ```
    pub fn mean(&self) -> f64 {
        if self.n_real == 0 {
            0.0
        } else {
            self.sum_real / self.n_real as f64
        }
    }

    /// Share of correctly rounded results, in `[0, 1]`.
    ///
    /// ```
    /// let mut s = simdmath::ulp::Stats::<f64>::default();
    /// s.add(1.0, 1.0, 1.0, 1.0);
    /// assert_eq!(s.correct_share(), 1.0);
    /// ```
    pub fn correct_share(&self) -> f64 {
        if self.n == 0 {
            1.0
        } else {
            self.correct as f64 / self.n as f64
        }
    }
}

/// Whether a special-value result matches libm: the same bits, or both NaN (any payload).
/// Unlike [`distance`], `+0` and `-0` differ here.
///
/// ```
/// use simdmath::ulp::special_matches;
/// assert!(special_matches(f64::NAN, -f64::NAN));
/// assert!(!special_matches(0.0f32, -0.0));
/// assert!(special_matches(f64::INFINITY, f64::INFINITY));
/// ```
pub fn special_matches<T: Float>(got: T, libm: T) -> bool {
    got.bits() == libm.bits() || (is_nan(got) && is_nan(libm))
}

pub mod inputs;

#[cfg(test)]
mod tests {
    use super::*;

    /// The panic message of `g`.
    fn message(g: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let e = std::panic::catch_unwind(g).expect_err("a wrong shape panics");
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    }

    #[test]
    fn a_wrong_shape_is_one_panic_naming_the_shape_the_function_takes() {
        let m = message(|| {
            let _ = <f64 as Float>::reference_of(Func::Pow, Args::X(2.0));
        });
        assert!(m.starts_with("pow takes two inputs"), "{m}");
        let m = message(|| {
            let _ = <f32 as Float>::libm_of(Func::Exp, Args::XY(1.0, 2.0));
        });
        assert!(
            m.starts_with("exp takes one input and has one output"),
            "{m}"
        );
        let m = message(|| {
            let _ = <f64 as Float>::exact(Func::Sincos, 1.0);
        });
        assert!(
            m.starts_with("sincos takes one input and has two outputs"),
            "{m}"
        );
        let m = message(|| {
            let _ = <f32 as Float>::reference2(Func::Log, 1.0, 2.0);
        });
        assert!(
            m.starts_with("log takes one input and has one output"),
            "{m}"
        );
    }

    #[test]
    fn the_conveniences_are_the_shaped_calls() {
        let (x, y) = (0.75f64, 1.5f64);
        assert_eq!(
            Values::One(<f64 as Float>::reference(Func::Exp, x)),
            <f64 as Float>::reference_of(Func::Exp, Args::X(x))
        );
        assert_eq!(
            Values::One(<f32 as Float>::libm2(Func::Pow, 0.75, 1.5)),
            <f32 as Float>::libm_of(Func::Pow, Args::XY(0.75, 1.5))
        );
        assert_eq!(
            Values::One(<f64 as Float>::reference2(Func::Atan2, x, y)),
            <f64 as Float>::reference_of(Func::Atan2, Args::XY(x, y))
        );
        // sincos in f64: double-double for both outputs, as sin and cos.
        assert_eq!(
            <f64 as Float>::exact_of(Func::Sincos, Args::X(x)),
            Values::Two(
                <f64 as Float>::exact(Func::Sin, x),
                <f64 as Float>::exact(Func::Cos, x)
            )
        );
    }
}
