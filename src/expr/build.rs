//! The builder: expressions made in Rust ([`Expr::var`], [`Expr::lit`], `+ - * /`, unary `-`,
//! [`Expr::call`] and the builtins) instead of parsed from a string.
//!
//! A built expression is its canonical text, parenthesized only where the grammar needs it,
//! and that text goes through the same parser as [`Expr::parse`]: so a function name resolves
//! as the parser resolves it (every registry function, no list of its own here), `**` takes
//! numpy's fast paths as the parser does, identical subexpressions are shared, and a built
//! expression compiles to the very program of its parsed text, bit for bit the same results.
//! Each step parses the text again: building costs a parse per operator (nothing for an
//! expression of a line), evaluating costs nothing more.

use super::{Expr, ExprError, parse};
use crate::Func;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// How tightly an expression's text binds, loosest first (the parser's grammar levels).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Prec {
    /// A comparison (or a parsed text of unknown shape: always parenthesized as an operand).
    Cmp,
    /// `a + b`, `a - b`.
    Sum,
    /// `a * b`, `a / b`.
    Term,
    /// `-a`.
    Unary,
    /// `a ** b`.
    Power,
    /// A number, a name, a call, a parenthesized expression.
    Atom,
}

impl Prec {
    /// The binding of a parsed text: an atom when it is one number or name, otherwise
    /// unknown (the loosest).
    pub(crate) fn of_source(src: &str) -> Prec {
        if parse::is_single_token(src) {
            Prec::Atom
        } else {
            Prec::Cmp
        }
    }
}

/// `e`'s text, parenthesized unless it binds at least as tightly as `min`.
fn wrap(e: &Expr, min: Prec) -> String {
    if e.prec >= min {
        e.src.clone()
    } else {
        format!("({})", e.src)
    }
}

/// The expression of a built text.
fn built(src: String, prec: Prec) -> Expr {
    let mut e =
        Expr::parse(&src).unwrap_or_else(|err| panic!("a built expression parses: {src:?}: {err}"));
    e.prec = prec;
    e
}

fn binary(a: &Expr, op: &str, b: &Expr, prec: Prec, left: Prec, right: Prec) -> Expr {
    built(format!("{} {op} {}", wrap(a, left), wrap(b, right)), prec)
}

fn builtin(name: &str, args: &[&Expr]) -> Expr {
    let args: Vec<&str> = args.iter().map(|a| a.src.as_str()).collect();
    built(format!("{name}({})", args.join(", ")), Prec::Atom)
}

impl Expr {
    /// The input named `name`.
    ///
    /// # Panics
    /// If `name` is not a name of the language (letters, digits and `_`, not starting with a
    /// digit) or is a function's name (`exp`, `where`, ...).
    ///
    /// ```
    /// use simdmath::{Expr, Input};
    /// let x = Expr::var("x");
    /// let e = x.clone() * x + 1.0;
    /// assert_eq!(e.to_string(), "x * x + 1.0");
    /// let mut out = [0.0f32; 3];
    /// e.eval(&[("x", Input::from(&[1.0f32, 2.0, 3.0]))], &mut out)?;
    /// assert_eq!(out, [2.0, 5.0, 10.0]);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn var(name: &str) -> Expr {
        match Expr::parse(name) {
            Ok(e) if e.inputs() == [name] => e,
            _ => panic!("{name:?} is not an input name (letters, digits and _, not a function)"),
        }
    }

    /// A numeric literal: `v`, rounded to the evaluation's type as a literal of
    /// [`Expr::parse`] is. Its text is the shortest decimal of `v` that reads back as `v`
    /// (a negative value is `-` applied to its magnitude, as the parser reads `-0.5`); an
    /// infinity is `(1.0 / 0.0)` and a NaN `(0.0 / 0.0)`, which the language computes.
    ///
    /// ```
    /// use simdmath::Expr;
    /// assert_eq!(Expr::lit(0.5).to_string(), "0.5");
    /// assert_eq!((Expr::var("x") * -0.5).to_string(), "x * -0.5");
    /// assert_eq!(Expr::lit(1e-300).to_string(), "1e-300");
    /// assert_eq!(Expr::lit(f64::NEG_INFINITY).to_string(), "-(1.0 / 0.0)");
    /// ```
    pub fn lit(v: f64) -> Expr {
        let (text, neg) = if v.is_nan() {
            ("(0.0 / 0.0)".to_owned(), false)
        } else if v.is_infinite() {
            ("(1.0 / 0.0)".to_owned(), v < 0.0)
        } else {
            (format!("{:?}", v.abs()), v.is_sign_negative())
        };
        if neg {
            built(format!("-{text}"), Prec::Unary)
        } else {
            built(text, Prec::Atom)
        }
    }

    /// A call of a registry function of one or two inputs, resolved as the parser resolves
    /// `f.name()` (so `Expr::call(Func::Exp, [x])` is `exp(x)`).
    ///
    /// # Errors
    /// [`ExprErrorKind::Arity`](super::ExprErrorKind::Arity) for the wrong number of
    /// arguments, [`ExprErrorKind::NotAValue`](super::ExprErrorKind::NotAValue) for
    /// `sincos` (two outputs); the position is in the built text.
    ///
    /// ```
    /// use simdmath::{Expr, ExprErrorKind, Func};
    /// let x = Expr::var("x");
    /// let e = Expr::call(Func::Atan2, [Expr::var("y"), x.clone()])?;
    /// assert_eq!(e.to_string(), "atan2(y, x)");
    /// let err = Expr::call(Func::Sincos, [x]).unwrap_err();
    /// assert_eq!(err.kind(), ExprErrorKind::NotAValue);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn call<I>(f: Func, args: I) -> Result<Expr, ExprError>
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        let args: Vec<String> = args.into_iter().map(|a| a.into().src).collect();
        let src = format!("{}({})", f.name(), args.join(", "));
        let mut e = Expr::parse(&src)?;
        e.prec = Prec::Atom;
        Ok(e)
    }

    /// `f(self)`, a one-input registry function ([`Expr::call`] with one argument).
    ///
    /// # Errors
    /// As [`Expr::call`]: a function of two inputs, or `sincos`.
    ///
    /// ```
    /// use simdmath::{Expr, Func};
    /// let x = Expr::var("x");
    /// let gauss = (-0.5 * x.clone() * x).apply(Func::Exp)?;
    /// assert_eq!(gauss.to_string(), "exp(-0.5 * x * x)");
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn apply(self, f: Func) -> Result<Expr, ExprError> {
        Expr::call(f, [self])
    }

    /// `f(self, other)`, a two-input registry function ([`Expr::call`] with two arguments).
    ///
    /// # Errors
    /// As [`Expr::call`]: a function of one input, or `sincos`.
    ///
    /// ```
    /// use simdmath::{Expr, Func};
    /// let h = Expr::var("x").apply2(Func::Hypot, Expr::var("y"))?;
    /// assert_eq!(h.to_string(), "hypot(x, y)");
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn apply2(self, f: Func, other: impl Into<Expr>) -> Result<Expr, ExprError> {
        Expr::call(f, [self, other.into()])
    }

    /// `abs(self)`: numpy's `absolute` (the sign bit cleared).
    ///
    /// ```
    /// assert_eq!((-simdmath::Expr::var("x")).abs().to_string(), "abs(-x)");
    /// ```
    pub fn abs(self) -> Expr {
        builtin("abs", &[&self])
    }

    /// `sqrt(self)`: IEEE square root, correctly rounded.
    ///
    /// ```
    /// use simdmath::Expr;
    /// let (x, y) = (Expr::var("x"), Expr::var("y"));
    /// let r = (x.clone() * x + y.clone() * y).sqrt();
    /// assert_eq!(r.to_string(), "sqrt(x * x + y * y)");
    /// ```
    pub fn sqrt(self) -> Expr {
        builtin("sqrt", &[&self])
    }

    /// `min(self, other)`: numpy's `minimum` (NaN if either is NaN).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").min(0.0).to_string(), "min(x, 0.0)");
    /// ```
    pub fn min(self, other: impl Into<Expr>) -> Expr {
        builtin("min", &[&self, &other.into()])
    }

    /// `max(self, other)`: numpy's `maximum` (NaN if either is NaN).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").max(0.0).to_string(), "max(x, 0.0)");
    /// ```
    pub fn max(self, other: impl Into<Expr>) -> Expr {
        builtin("max", &[&self, &other.into()])
    }

    /// `fma(self, b, c)`: `self * b + c` with one rounding (`self * b + c` written with the
    /// operators is two).
    ///
    /// ```
    /// use simdmath::Expr;
    /// let e = Expr::var("a").fma(Expr::var("b"), 1.0);
    /// assert_eq!(e.to_string(), "fma(a, b, 1.0)");
    /// ```
    pub fn fma(self, b: impl Into<Expr>, c: impl Into<Expr>) -> Expr {
        builtin("fma", &[&self, &b.into(), &c.into()])
    }

    /// `self ** exponent`, as the parser reads `**`: numpy's `power` with its fast paths for a
    /// literal exponent (`2`: `self * self`, `0.5`: `sqrt`, `-1`: `1 / self`, `1`, `0`),
    /// otherwise the registry's `pow`.
    ///
    /// ```
    /// use simdmath::{Expr, Input};
    /// let x = Expr::var("x");
    /// assert_eq!(x.clone().pow(2).to_string(), "x ** 2.0");
    /// assert_eq!((-x.clone()).pow(-1).to_string(), "(-x) ** -1.0");
    /// let mut out = [0.0];
    /// x.pow(3).eval(&[("x", Input::from(&[2.0]))], &mut out)?;
    /// assert_eq!(out, [8.0]);
    /// # Ok::<(), simdmath::ExprError>(())
    /// ```
    pub fn pow(self, exponent: impl Into<Expr>) -> Expr {
        binary(
            &self,
            "**",
            &exponent.into(),
            Prec::Power,
            Prec::Atom,
            Prec::Unary,
        )
    }

    /// `where(cond, a, b)`: `a` where `cond` is nonzero (NaN included), else `b`, as numpy's
    /// `where(cond != 0, a, b)`.
    ///
    /// ```
    /// use simdmath::Expr;
    /// let x = Expr::var("x");
    /// let relu = Expr::where_(x.clone().gt(0.0), x, 0.0);
    /// assert_eq!(relu.to_string(), "where(x > 0.0, x, 0.0)");
    /// ```
    pub fn where_(cond: impl Into<Expr>, a: impl Into<Expr>, b: impl Into<Expr>) -> Expr {
        builtin("where", &[&cond.into(), &a.into(), &b.into()])
    }

    fn compare(self, op: &str, other: Expr) -> Expr {
        binary(&self, op, &other, Prec::Cmp, Prec::Sum, Prec::Sum)
    }

    /// `self < other`: 1 where true, 0 where false ([`Expr::is_boolean`]).
    ///
    /// ```
    /// let e = simdmath::Expr::var("x").lt(1.0);
    /// assert!(e.is_boolean());
    /// assert_eq!(e.to_string(), "x < 1.0");
    /// ```
    pub fn lt(self, other: impl Into<Expr>) -> Expr {
        self.compare("<", other.into())
    }
    /// `self <= other` (see [`Expr::lt`]).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").le(1.0).to_string(), "x <= 1.0");
    /// ```
    pub fn le(self, other: impl Into<Expr>) -> Expr {
        self.compare("<=", other.into())
    }
    /// `self > other` (see [`Expr::lt`]).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").gt(1.0).to_string(), "x > 1.0");
    /// ```
    pub fn gt(self, other: impl Into<Expr>) -> Expr {
        self.compare(">", other.into())
    }
    /// `self >= other` (see [`Expr::lt`]).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").ge(1.0).to_string(), "x >= 1.0");
    /// ```
    pub fn ge(self, other: impl Into<Expr>) -> Expr {
        self.compare(">=", other.into())
    }
    /// `self == other` (see [`Expr::lt`]; a method, as `==` on expressions would be Rust's
    /// equality).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").equal(1.0).to_string(), "x == 1.0");
    /// ```
    pub fn equal(self, other: impl Into<Expr>) -> Expr {
        self.compare("==", other.into())
    }
    /// `self != other` (see [`Expr::lt`]).
    ///
    /// ```
    /// assert_eq!(simdmath::Expr::var("x").not_equal(1.0).to_string(), "x != 1.0");
    /// ```
    pub fn not_equal(self, other: impl Into<Expr>) -> Expr {
        self.compare("!=", other.into())
    }
}

/// [`Expr::lit`].
///
/// ```
/// let e: simdmath::Expr = 2.5.into();
/// assert_eq!(e.to_string(), "2.5");
/// ```
impl From<f64> for Expr {
    fn from(v: f64) -> Expr {
        Expr::lit(v)
    }
}
/// [`Expr::lit`] of the exact `f64` value.
///
/// ```
/// let e: simdmath::Expr = 0.1f32.into();
/// assert_eq!(e.to_string(), "0.10000000149011612");
/// ```
impl From<f32> for Expr {
    fn from(v: f32) -> Expr {
        Expr::lit(f64::from(v))
    }
}
/// [`Expr::lit`] of the exact `f64` value.
///
/// ```
/// let e: simdmath::Expr = 3.into();
/// assert_eq!(e.to_string(), "3.0");
/// ```
impl From<i32> for Expr {
    fn from(v: i32) -> Expr {
        Expr::lit(f64::from(v))
    }
}
/// A clone.
///
/// ```
/// let x = simdmath::Expr::var("x");
/// assert_eq!((&x * &x).to_string(), "x * x");
/// ```
impl From<&Expr> for Expr {
    fn from(e: &Expr) -> Expr {
        e.clone()
    }
}

macro_rules! arith {
    ($Trait:ident, $method:ident, $op:literal, $prec:ident, $left:ident, $right:ident) => {
        impl<R: Into<Expr>> $Trait<R> for Expr {
            type Output = Expr;
            fn $method(self, rhs: R) -> Expr {
                binary(
                    &self,
                    $op,
                    &rhs.into(),
                    Prec::$prec,
                    Prec::$left,
                    Prec::$right,
                )
            }
        }
        impl<R: Into<Expr>> $Trait<R> for &Expr {
            type Output = Expr;
            fn $method(self, rhs: R) -> Expr {
                binary(
                    self,
                    $op,
                    &rhs.into(),
                    Prec::$prec,
                    Prec::$left,
                    Prec::$right,
                )
            }
        }
        impl $Trait<Expr> for f64 {
            type Output = Expr;
            fn $method(self, rhs: Expr) -> Expr {
                Expr::lit(self).$method(rhs)
            }
        }
        impl $Trait<&Expr> for f64 {
            type Output = Expr;
            fn $method(self, rhs: &Expr) -> Expr {
                Expr::lit(self).$method(rhs)
            }
        }
    };
}

arith!(Add, add, "+", Sum, Sum, Term);
arith!(Sub, sub, "-", Sum, Sum, Term);
arith!(Mul, mul, "*", Term, Term, Unary);
arith!(Div, div, "/", Term, Term, Unary);

/// `-e`: numpy's `negative` (the sign bit flipped).
///
/// ```
/// use simdmath::Expr;
/// assert_eq!((-(Expr::var("x") + 1.0)).to_string(), "-(x + 1.0)");
/// ```
impl Neg for Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        -&self
    }
}
/// `-e` (see `Neg for Expr`).
///
/// ```
/// let x = simdmath::Expr::var("x");
/// assert_eq!((-&x).to_string(), "-x");
/// ```
impl Neg for &Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        // `--x` parses, but `-(-x)` reads better.
        let inner = if self.prec >= Prec::Unary && !self.src.starts_with('-') {
            self.src.clone()
        } else {
            format!("({})", self.src)
        };
        built(format!("-{inner}"), Prec::Unary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The builder's expression and the parsed text have the same graph (so the same
    /// program), up to the inputs' positions in the text.
    fn same(built: Expr, text: &str) {
        let parsed = Expr::parse(text).unwrap();
        let names = |e: &Expr| e.inputs().iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&built), names(&parsed), "{built} vs {text}");
        let (mut a, mut b) = (built.graph.clone(), parsed.graph.clone());
        a.names.clear();
        b.names.clear();
        assert_eq!(a, b, "{built} vs {text}");
    }

    #[test]
    fn builds_the_parsed_graph() {
        let x = Expr::var("x");
        let y = Expr::var("y");
        same((-0.5 * &x * &x).apply(Func::Exp).unwrap(), "exp(-0.5*x*x)");
        same(
            1.0 / (1.0 + (-&x).apply(Func::Exp).unwrap()),
            "1/(1+exp(-x))",
        );
        same(
            x.clone()
                .apply(Func::Exp)
                .unwrap()
                .apply(Func::Log1p)
                .unwrap(),
            "log1p(exp(x))",
        );
        let inner = 0.7978845608 * (&x + 0.044715 * &x * &x * &x);
        same(
            0.5 * &x * (1.0 + inner.apply(Func::Tanh).unwrap()),
            "0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))",
        );
        same((&x * &x + &y * &y).sqrt(), "sqrt(x*x + y*y)");
        same(&x - (&y - 1.0), "x - (y - 1)");
        same(&x / (&y * 2.0), "x / (y * 2)");
        same(x.clone().pow(y.clone().pow(2)), "x ** y ** 2");
        same(x.clone().pow(2).pow(3), "(x ** 2) ** 3");
        same((-&x).pow(-1), "(-x) ** -1");
        same(-(x.clone().pow(0.5)), "-x ** 0.5");
        same(-(-&x), "-(-x)");
        same(
            Expr::where_(x.clone().lt(&y), x.clone().min(&y), x.clone().max(1)),
            "where(x < y, min(x, y), max(x, 1))",
        );
        same((&x + 1.0).lt(&y).equal(0.0 * &y), "((x + 1) < y) == 0*y");
        same(x.clone().fma(&y, -2.0).abs(), "abs(fma(x, y, -2))");
        same(Expr::parse("x + y").unwrap() * 2.0, "(x + y) * 2");
        same(Expr::lit(f64::INFINITY) * &x, "(1 / 0) * x");
        for &f in Func::ALL {
            let args = match f.arity() {
                crate::Arity::Unary => vec![x.clone()],
                crate::Arity::Binary => vec![x.clone(), y.clone()],
                _ => {
                    assert!(Expr::call(f, [x.clone()]).is_err());
                    continue;
                }
            };
            let text = if args.len() == 1 {
                format!("{}(x)", f.name())
            } else {
                format!("{}(x, y)", f.name())
            };
            same(Expr::call(f, args).unwrap(), &text);
        }
    }

    #[test]
    #[should_panic(expected = "not an input name")]
    fn var_refuses_a_function_name() {
        let _ = Expr::var("exp");
    }
}
