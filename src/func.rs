//! `Func`, the registered functions, and one convenience function per `Func`, all generated from
//! the kernels crate's registry (`kernels/src/registry.rs`).

use crate::Real;
use std::fmt;
use std::str::FromStr;

/// Error for an unknown function name; its message lists the valid names.
///
/// ```
/// let e = "tanx".parse::<simdmath::Func>().unwrap_err();
/// assert!(e.to_string().contains("tanx") && e.to_string().contains("exp, log, sin, cos"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuncError(String);

impl fmt::Display for FuncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for FuncError {}

macro_rules! define_funcs {
    (; $( $Var:ident $snake:ident $name:literal $arity:ident ($c64:ident $c32:ident $($nolibm:ident)?) [$k64:path] [$k32:path] $u64:literal $u32:literal (cr $([$kcr:path] $ucr:literal)?) $facts:tt $dom:literal $sp:literal ; )*) => {
        /// A registered function.
        ///
        /// ```
        /// use simdmath::Func;
        /// assert_eq!("exp".parse::<Func>(), Ok(Func::Exp));
        /// assert_eq!(Func::Exp.to_string(), "exp");
        /// assert!(Func::ALL.contains(&Func::Cos));
        /// ```
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Func {
            $(
                #[doc = concat!("`", $name, "`. Domain: ", $dom, ". Special values: ", $sp, ".")]
                $Var,
            )*
        }

        impl Func {
            /// Every registered function, in registry order.
            ///
            /// ```
            /// assert_eq!(simdmath::Func::ALL[0], simdmath::Func::Exp);
            /// ```
            pub const ALL: &'static [Func] = &[$(Func::$Var),*];

            /// Lower-case name (`"exp"`), as `FromStr` and the CLI accept it.
            ///
            /// ```
            /// assert_eq!(simdmath::Func::Log.name(), "log");
            /// ```
            pub fn name(self) -> &'static str {
                match self { $(Func::$Var => $name,)* }
            }

            /// What the registry states about this function: error bounds, domain, specials.
            ///
            /// ```
            /// assert_eq!(simdmath::Func::Sin.info().max_ulp_f64, 1);
            /// ```
            pub fn info(self) -> &'static crate::FuncInfo {
                &simdmath_kernels::FUNCS[self.index()]
            }

            pub(crate) fn index(self) -> usize {
                self as usize
            }
        }

        $( crate::func::convenience!($arity $Var $snake $name); )*

        impl Func {
            /// How many inputs the function takes ([`Arity`]).
            ///
            /// ```
            /// use simdmath::{Arity, Func};
            /// assert_eq!(Func::Exp.arity(), Arity::Unary);
            /// assert_eq!(Func::Pow.arity(), Arity::Binary);
            /// ```
            pub fn arity(self) -> Arity {
                match self { $(Func::$Var => crate::func::arity_of!($arity),)* }
            }
        }
    };
}

/// How many inputs a [`Func`] takes.
///
/// ```
/// assert_eq!(simdmath::Func::Log.arity(), simdmath::Arity::Unary);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arity {
    /// `out[i] = f(x[i])`: [`crate::eval`], [`crate::Pool::eval`].
    Unary,
    /// `out[i] = f(x[i], y[i])` or `f(x[i], y)`: [`crate::eval2`], [`crate::eval2_scalar`],
    /// [`crate::Pool::eval2`].
    Binary,
    /// One input, two outputs (`sincos`): [`crate::eval_pair`], [`crate::Pool::eval_pair`].
    UnaryPair,
}

macro_rules! arity_of {
    (unary) => {
        Arity::Unary
    };
    (binary) => {
        Arity::Binary
    };
    (unary2) => {
        Arity::UnaryPair
    };
}
pub(crate) use arity_of;

/// The convenience function of one registry line, by its arity.
macro_rules! convenience {
    (unary $Var:ident $snake:ident $name:literal) => {
        #[doc = concat!("`out[i] = ", $name, "(x[i])` on one thread with [`Isa::best`](crate::Isa::best); ")]
        #[doc = concat!("the same as `eval(Func::", stringify!($Var), ", x, out)`.")]
        ///
        /// # Panics
        /// If `x` and `out` differ in length (the message names both lengths).
        ///
        /// ```
        #[doc = concat!("let x = [0.25f64, 0.5, 1.0];")]
        #[doc = concat!("let (mut a, mut b) = ([0.0; 3], [0.0; 3]);")]
        #[doc = concat!("simdmath::", stringify!($snake), "(&x, &mut a);")]
        #[doc = concat!("simdmath::eval(simdmath::Func::", stringify!($Var), ", &x, &mut b);")]
        #[doc = concat!("assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits)); // NaN where out of domain")]
        /// ```
        #[track_caller]
        pub fn $snake<T: Real>(x: &[T], out: &mut [T]) {
            crate::eval(Func::$Var, x, out)
        }
    };
    (unary2 $Var:ident $snake:ident $name:literal) => {
        #[doc = concat!("`(out0[i], out1[i]) = ", $name, "(x[i])` on one thread with [`Isa::best`](crate::Isa::best), ")]
        #[doc = concat!("one pass for both outputs; the same as `eval_pair(Func::", stringify!($Var), ", x, out0, out1)`.")]
        ///
        /// # Panics
        /// If the lengths differ (the message names them).
        ///
        /// ```
        #[doc = concat!("let x = [0.25f64, 0.5, 1.0];")]
        #[doc = concat!("let (mut a, mut b) = ([0.0; 3], [0.0; 3]);")]
        #[doc = concat!("simdmath::", stringify!($snake), "(&x, &mut a, &mut b);")]
        #[doc = concat!("let (mut c, mut d) = ([0.0; 3], [0.0; 3]);")]
        #[doc = concat!("simdmath::eval_pair(simdmath::Func::", stringify!($Var), ", &x, &mut c, &mut d);")]
        #[doc = concat!("assert_eq!((a, b), (c, d));")]
        /// ```
        #[track_caller]
        pub fn $snake<T: Real>(x: &[T], out0: &mut [T], out1: &mut [T]) {
            crate::eval_pair(Func::$Var, x, out0, out1)
        }
    };
    (binary $Var:ident $snake:ident $name:literal) => {
        #[doc = concat!("`out[i] = ", $name, "(x[i], y[i])` on one thread with [`Isa::best`](crate::Isa::best); ")]
        #[doc = concat!("the same as `eval2(Func::", stringify!($Var), ", x, y, out)`; a scalar `y` is ")]
        #[doc = concat!("`eval2_scalar(Func::", stringify!($Var), ", x, y, out)`.")]
        ///
        /// # Panics
        /// If the lengths differ (the message names them).
        ///
        /// ```
        #[doc = concat!("let (x, y) = ([0.25f64, 0.5, 1.0], [2.0, 0.5, 3.0]);")]
        #[doc = concat!("let (mut a, mut b) = ([0.0; 3], [0.0; 3]);")]
        #[doc = concat!("simdmath::", stringify!($snake), "(&x, &y, &mut a);")]
        #[doc = concat!("simdmath::eval2(simdmath::Func::", stringify!($Var), ", &x, &y, &mut b);")]
        #[doc = concat!("assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits)); // NaN where out of domain")]
        /// ```
        #[track_caller]
        pub fn $snake<T: Real>(x: &[T], y: &[T], out: &mut [T]) {
            crate::eval2(Func::$Var, x, y, out)
        }
    };
}
pub(crate) use convenience;

simdmath_kernels::for_each_func!(define_funcs {});

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Func {
    type Err = FuncError;
    fn from_str(s: &str) -> Result<Func, FuncError> {
        let t = s.trim().to_ascii_lowercase();
        Func::ALL
            .iter()
            .copied()
            .find(|f| f.name() == t)
            .ok_or_else(|| {
                let valid: Vec<_> = Func::ALL.iter().map(|f| f.name()).collect();
                FuncError(format!(
                    "unknown function '{s}' (valid: {})",
                    valid.join(", ")
                ))
            })
    }
}
