//! `Func`, the registered functions, and one convenience function per `Func`, all generated from
//! the kernels crate's registry (`kernels/src/registry.rs`).

use crate::{Real, eval};
use std::fmt;
use std::str::FromStr;

/// Error for an unknown function name; its message lists the valid names.
///
/// ```
/// let e = "tan".parse::<simdmath::Func>().unwrap_err();
/// assert!(e.to_string().contains("exp, log, sin, cos"));
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
    (; $( $Var:ident $snake:ident $name:literal $arity:ident ($c64:ident $c32:ident) [$k64:path] [$k32:path] $u64:literal $u32:literal $dom:literal $sp:literal ; )*) => {
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

        $(
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
            #[doc = concat!("assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits)); // NaN-safe (acosh)")]
            /// ```
            #[track_caller]
            pub fn $snake<T: Real>(x: &[T], out: &mut [T]) {
                eval(Func::$Var, x, out)
            }
        )*
    };
}
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
