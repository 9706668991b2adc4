//! `simdmath::Expr`: the contract (bit for bit what one operation at a time gives: IEEE
//! arithmetic of the type, numpy's negative/absolute/minimum/maximum/where/power fast paths,
//! simdmath's functions), special values flowing through, invariance under thread count,
//! block length and chunking, every instruction set, and every error path.

use simdmath::{Arity, Expr, ExprErrorKind, Func, Input, Isa, Pool, Real};

/// Deterministic pseudo-random numbers (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// The special values every input gets mixed in.
fn specials() -> Vec<f64> {
    vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        2.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE / 4.0,
        1e-310,
        f64::MAX,
        -f64::MAX,
        1e300,
        100.0,
        -800.0,
        3.0e38,
        1e-40,
    ]
}

/// `n` values: specials first, then uniform in `[lo, hi]`, then a few wide-range magnitudes.
fn inputs<T: Real>(seed: u64, n: usize, lo: f64, hi: f64) -> Vec<T> {
    let mut r = Rng(seed);
    let sp = specials();
    (0..n)
        .map(|i| {
            let v = if i % 97 < sp.len() && i % 3 == 0 {
                sp[i % 97]
            } else if i % 11 == 0 {
                let e = r.uniform(-40.0, 40.0);
                (if r.next() & 1 == 0 { 1.0 } else { -1.0 }) * 10f64.powf(e)
            } else {
                r.uniform(lo, hi)
            };
            T::from_f64(v)
        })
        .collect()
}

/// The bits of each value (exact for `f32` and `f64`), every NaN as one pattern: the sign and
/// payload of a NaN result are no part of the contract (IEEE 754 leaves them unspecified;
/// compilers commute `a * b` and so pick either NaN operand's).
fn bits<T: Real>(v: &[T]) -> Vec<u64> {
    v.iter()
        .map(|x| {
            let d = x.to_f64();
            if d.is_nan() { u64::MAX } else { d.to_bits() }
        })
        .collect()
}

#[track_caller]
fn assert_same<T: Real>(what: &str, got: &[T], want: &[T], x: &[T]) {
    let (g, w) = (bits(got), bits(want));
    if let Some(i) = (0..g.len()).find(|&i| g[i] != w[i]) {
        panic!(
            "{what} ({}): element {i} (x = {:?}): got {:?}, want {:?}; {} of {} differ",
            T::NAME,
            x.get(i),
            got[i],
            want[i],
            (0..g.len()).filter(|&i| g[i] != w[i]).count(),
            g.len()
        );
    }
}

/// One operation at a time, on whole vectors: the reference the contract names.
mod oneop {
    use super::*;
    pub fn f1<T: Real>(isa: Isa, f: Func, a: &[T]) -> Vec<T> {
        let mut o = vec![T::default(); a.len()];
        simdmath::eval_with(isa, f, a, &mut o);
        o
    }
    pub fn f2<T: Real>(isa: Isa, f: Func, a: &[T], b: &[T]) -> Vec<T> {
        let mut o = vec![T::default(); a.len()];
        simdmath::eval2_with(isa, f, a, b, &mut o);
        o
    }
    pub fn map2<T: Copy>(a: &[T], b: &[T], f: impl Fn(T, T) -> T) -> Vec<T> {
        a.iter().zip(b).map(|(&a, &b)| f(a, b)).collect()
    }
    pub fn map1<T: Copy>(a: &[T], f: impl Fn(T) -> T) -> Vec<T> {
        a.iter().map(|&a| f(a)).collect()
    }
    pub fn splat<T: Copy>(v: T, n: usize) -> Vec<T> {
        vec![v; n]
    }
}

macro_rules! arith_tests {
    ($T:ty, $name:ident) => {
        mod $name {
            use super::oneop::*;
            use super::*;
            type T = $T;
            const N: usize = 5003;

            fn x() -> Vec<T> {
                inputs::<T>(1, N, -6.0, 6.0)
            }
            fn y() -> Vec<T> {
                inputs::<T>(2, N, -6.0, 6.0)
            }
            fn ev(src: &str, x: &[T], y: &[T]) -> Vec<T> {
                ev_isa(Isa::best(), src, x, y)
            }
            fn ev_isa(isa: Isa, src: &str, x: &[T], y: &[T]) -> Vec<T> {
                let e = Expr::parse(src).unwrap();
                let mut out = vec![T::NAN; x.len()];
                e.eval_with(isa, 0, &[("x", Input::from(x)), ("y", Input::from(y))], &mut out)
                    .unwrap();
                out
            }
            fn min(a: T, b: T) -> T {
                if a.is_nan() || a < b { a } else { b }
            }
            fn max(a: T, b: T) -> T {
                if a.is_nan() || a > b { a } else { b }
            }

            #[test]
            fn arithmetic_is_ieee_one_operation_at_a_time() {
                let (x, y) = (x(), y());
                let c = |s: &str, want: Vec<T>| assert_same(s, &ev(s, &x, &y), &want, &x);
                c("x + y", map2(&x, &y, |a, b| a + b));
                c("x - y", map2(&x, &y, |a, b| a - b));
                c("x * y", map2(&x, &y, |a, b| a * b));
                c("x / y", map2(&x, &y, |a, b| a / b));
                c("-x", map1(&x, |a| -a));
                c("+x", x.clone());
                c("x", x.clone());
                c("abs(x)", map1(&x, |a| a.abs()));
                c("sqrt(x)", map1(&x, |a| a.sqrt()));
                c("min(x, y)", map2(&x, &y, min));
                c("max(x, y)", map2(&x, &y, max));
                c("min(y, x)", map2(&y, &x, min));
                // No contraction: two roundings, left to right.
                let xy = map2(&x, &y, |a, b| a * b);
                c("x*y + x", map2(&xy, &x, |a, b| a + b));
                c("x*y - y*x", map2(&xy, &xy, |a, b| a - b));
                let xx = map2(&x, &x, |a, b| a * b);
                c("x*x*x", map2(&xx, &x, |a, b| a * b));
                c("x*(x*x)", map2(&x, &xx, |a, b| a * b));
                c("x - y - x", map2(&map2(&x, &y, |a, b| a - b), &x, |a, b| a - b));
                // fma: one rounding.
                let fma: Vec<T> = (0..N).map(|i| x[i].mul_add(y[i], x[i])).collect();
                c("fma(x, y, x)", fma);
                // Literals rounded to the type, scalar on either side.
                let k = 0.7978845608f64 as T;
                c("0.7978845608 * x", map1(&x, |a| k * a));
                c("x - 0.1", map1(&x, |a| a - 0.1f64 as T));
                c("1 / x", map1(&x, |a| 1.0 / a));
                c("(1/3) * x", map1(&x, |a| (1.0 as T / 3.0 as T) * a));
                c("2 - -x", map1(&x, |a| 2.0 - (-a)));
            }

            #[test]
            fn chained_arithmetic_is_two_roundings_in_every_shape_and_isa() {
                // Two operations in a row run as one fused pass (`-0.5*x*x`, `1/(1+t)`): every
                // operation, form and order of the pair, against one operation at a time, on
                // inputs with specials.
                let (mut x, mut y) = (x(), y());
                for (i, &v) in specials().iter().enumerate() {
                    x[7 * i] = v as T;
                    y[11 * i + 3] = v as T;
                }
                let ops: [(&str, fn(T, T) -> T); 4] =
                    [("+", |a, b| a + b), ("-", |a, b| a - b), ("*", |a, b| a * b), ("/", |a, b| a / b)];
                let (k1, k2) = (1.5 as T, 0.75 as T);
                for &isa in &Isa::available() {
                    for (s1, f1) in ops {
                        let firsts = [
                            (format!("x {s1} y"), map2(&x, &y, f1)),
                            (format!("x {s1} 1.5"), map1(&x, |a| f1(a, k1))),
                            (format!("1.5 {s1} x"), map1(&x, |a| f1(k1, a))),
                        ];
                        for (a, r) in &firsts {
                            for (s2, f2) in ops {
                                let cases = [
                                    (format!("({a}) {s2} y"), map2(r, &y, f2)),
                                    (format!("({a}) {s2} 0.75"), map1(r, |v| f2(v, k2))),
                                    (format!("y {s2} ({a})"), map2(&y, r, f2)),
                                    (format!("0.75 {s2} ({a})"), map1(r, |v| f2(k2, v))),
                                    // The first result read twice: no fusion, the same bits.
                                    (format!("({a}) {s2} ({a})"), map2(r, r, f2)),
                                ];
                                for (src, want) in cases {
                                    assert_same(&format!("{src} {isa}"), &ev_isa(isa, &src, &x, &y), &want, &x);
                                }
                            }
                        }
                    }
                }
            }

            #[test]
            fn comparisons_and_where() {
                let (x, y) = (x(), y());
                let c = |s: &str, want: Vec<T>| assert_same(s, &ev(s, &x, &y), &want, &x);
                let b = |v: bool| if v { 1.0 } else { 0.0 };
                c("x < y", map2(&x, &y, |p, q| b(p < q)));
                c("x <= y", map2(&x, &y, |p, q| b(p <= q)));
                c("x > y", map2(&x, &y, |p, q| b(p > q)));
                c("x >= y", map2(&x, &y, |p, q| b(p >= q)));
                c("x == x", map2(&x, &x, |p, q| b(p == q)));
                c("x != x", map2(&x, &x, |p, q| b(p != q)));
                c("x < 0.5", map1(&x, |p| b(p < 0.5)));
                c("where(x < y, x, y)", map2(&x, &y, |p, q| if p < q { p } else { q }));
                // A float condition: nonzero and NaN are true.
                c("where(x, y, 7)", map2(&x, &y, |p, q| if p != 0.0 { q } else { 7.0 }));
                c("(x > 0) * y", map2(&x, &y, |p, q| b(p > 0.0) * q));
                assert!(Expr::parse("x < y").unwrap().is_boolean());
            }

            #[test]
            fn powers_follow_numpys_fast_paths() {
                let isa = Isa::best();
                let (x, y) = (x(), y());
                let c = |s: &str, want: Vec<T>| assert_same(s, &ev(s, &x, &y), &want, &x);
                c("x**2", map2(&x, &x, |a, b| a * b));
                c("x**2.0", map2(&x, &x, |a, b| a * b));
                c("x**0.5", map1(&x, |a| a.sqrt()));
                c("x**-1", map1(&x, |a| 1.0 / a));
                c("x**1", x.clone());
                c("x**0", splat(1.0, N));
                c("-x**2", map1(&x, |a| -(a * a)));
                // Any other exponent is the registry's pow, x**3 included.
                c("x**3", f2(isa, Func::Pow, &x, &splat(3.0, N)));
                c("x**y", f2(isa, Func::Pow, &x, &y));
                c("2**x", f2(isa, Func::Pow, &splat(2.0, N), &x));
                // Right-associative: x**y**2 = x**(y*y).
                c("x**y**2", f2(isa, Func::Pow, &x, &map2(&y, &y, |a, b| a * b)));
            }

            #[test]
            fn every_function_is_its_eval_bit_for_bit_on_every_isa() {
                for &isa in &Isa::available() {
                    for &f in Func::ALL {
                        let x = inputs::<T>(10 + f as u64, 3001, -3.0, 3.0);
                        let y = inputs::<T>(20 + f as u64, 3001, -3.0, 3.0);
                        match f.arity() {
                            Arity::Unary => {
                                let src = format!("{}(x)", f.name());
                                assert_same(&format!("{src} {isa}"), &ev_isa(isa, &src, &x, &y), &f1(isa, f, &x), &x);
                                // As an operand and of an operand.
                                let src = format!("{}(x*y) + 1", f.name());
                                let t = f1(isa, f, &map2(&x, &y, |a, b| a * b));
                                assert_same(&format!("{src} {isa}"), &ev_isa(isa, &src, &x, &y), &map1(&t, |a| a + 1.0), &x);
                            }
                            Arity::Binary => {
                                let src = format!("{}(x, y)", f.name());
                                assert_same(&format!("{src} {isa}"), &ev_isa(isa, &src, &x, &y), &f2(isa, f, &x, &y), &x);
                                let src = format!("{}(x, 1.5)", f.name());
                                assert_same(&format!("{src} {isa}"), &ev_isa(isa, &src, &x, &y), &f2(isa, f, &x, &splat(1.5, 3001)), &x);
                                let src = format!("{}(1.5, x)", f.name());
                                assert_same(&format!("{src} {isa}"), &ev_isa(isa, &src, &x, &y), &f2(isa, f, &splat(1.5, 3001), &x), &x);
                            }
                            _ => {}
                        }
                    }
                }
            }

            #[test]
            fn the_issues_expressions_one_operation_at_a_time() {
                let isa = Isa::best();
                let (x, y) = (x(), y());
                let n = x.len();
                let mul = |a: &[T], b: &[T]| map2(a, b, |p, q| p * q);
                let add = |a: &[T], b: &[T]| map2(a, b, |p, q| p + q);
                let k = |v: f64| splat(v as T, n);
                let c = |s: &str, want: Vec<T>| assert_same(s, &ev(s, &x, &y), &want, &x);
                // Gaussian: exp(-0.5*x*x) = exp(((-0.5)*x)*x).
                c("exp(-0.5*x*x)", f1(isa, Func::Exp, &mul(&mul(&k(-0.5), &x), &x)));
                // Sigmoid.
                let den = add(&k(1.0), &f1(isa, Func::Exp, &map1(&x, |a| -a)));
                c("1/(1+exp(-x))", map2(&k(1.0), &den, |p, q| p / q));
                c("log1p(exp(x))", f1(isa, Func::Log1p, &f1(isa, Func::Exp, &x)));
                // GELU, tanh form.
                let cube = mul(&mul(&k(0.044715), &x), &mul(&x, &x));
                let _ = cube;
                let inner = add(&x, &mul(&mul(&mul(&k(0.044715), &x), &x), &x));
                let t = f1(isa, Func::Tanh, &mul(&k(0.7978845608), &inner));
                let gelu = mul(&mul(&k(0.5), &x), &add(&k(1.0), &t));
                c("0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))", gelu);
                let sc = mul(&f1(isa, Func::Sin, &x), &f1(isa, Func::Cos, &y));
                c("sin(x)*cos(y) + x*y", add(&sc, &mul(&x, &y)));
                c("sqrt(x*x + y*y)", map1(&add(&mul(&x, &x), &mul(&y, &y)), |a| a.sqrt()));
            }

            #[test]
            fn scalar_inputs_and_uniform_subexpressions() {
                let isa = Isa::best();
                let x = x();
                let e = Expr::parse("exp(a * x) + exp(a) * b").unwrap();
                let mut out = vec![0.0 as T; N];
                e.eval(&[("x", Input::from(&x)), ("a", Input::from(0.25 as T)), ("b", Input::from(-3.0 as T))], &mut out).unwrap();
                let ea = f1(isa, Func::Exp, &[0.25 as T])[0];
                let want = map1(&f1(isa, Func::Exp, &map1(&x, |v| 0.25 * v)), |v| v + ea * -3.0);
                assert_same("exp(a*x) + exp(a)*b", &out, &want, &x);
                // A uniform result fills the output.
                let e = Expr::parse("exp(a) + 1").unwrap();
                e.eval(&[("a", Input::from(1.0 as T))], &mut out).unwrap();
                let v = f1(isa, Func::Exp, &[1.0 as T])[0] + 1.0;
                assert!(out.iter().all(|&o| o == v));
                // Inputs of a uniform operand in fma/where (broadcast) and pow (scalar form).
                let e = Expr::parse("fma(x, a, 1) + where(x > 0, a, x) + pow(x, a)").unwrap();
                e.eval(&[("x", Input::from(&x)), ("a", Input::from(0.5 as T))], &mut out).unwrap();
                let f = map1(&x, |v| v.mul_add(0.5, 1.0));
                let w = map1(&x, |v| if v > 0.0 { 0.5 } else { v });
                let p = f2(isa, Func::Pow, &x, &splat(0.5, N));
                assert_same("fma+where+pow", &out, &map2(&map2(&f, &w, |a, b| a + b), &p, |a, b| a + b), &x);
            }

            #[test]
            fn thread_count_block_length_and_isa_do_not_change_a_bit() {
                let n = 200_003;
                let x = inputs::<T>(5, n, -20.0, 20.0);
                let y = inputs::<T>(6, n, -20.0, 20.0);
                let src = "0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x))) + where(x < y, sin(x)*cos(y), hypot(x, y)) - pow(abs(y), 0.3)";
                let e = Expr::parse(src).unwrap();
                let inp = [("x", Input::from(&x)), ("y", Input::from(&y))];
                for &isa in &Isa::available() {
                    let mut want = vec![0.0 as T; n];
                    e.eval_with(isa, 0, &inp, &mut want).unwrap();
                    for block in [1, 3, 16, 17, 100, 1000, 4096, 70_000] {
                        let mut got = vec![0.0 as T; n];
                        e.eval_with(isa, block, &inp, &mut got).unwrap();
                        assert_same(&format!("{isa} block {block}"), &got, &want, &x);
                    }
                    for threads in [1, 2, 3, 5] {
                        let pool = Pool::with_threads(threads).unwrap();
                        for block in [0, 5, 333] {
                            let mut got = vec![0.0 as T; n];
                            pool.eval_expr_with(isa, block, &e, &inp, &mut got).unwrap();
                            assert_same(&format!("{isa} {threads} threads block {block}"), &got, &want, &x);
                        }
                    }
                }
            }

            #[test]
            fn special_values_flow_through() {
                let sp: Vec<T> = specials().into_iter().map(T::from_f64).collect();
                // Every pair of specials.
                let x: Vec<T> = sp.iter().flat_map(|&a| sp.iter().map(move |_| a)).collect();
                let y: Vec<T> = sp.iter().flat_map(|_| sp.iter().copied()).collect();
                let isa = Isa::best();
                let c = |s: &str, want: Vec<T>| assert_same(s, &ev(s, &x, &y), &want, &x);
                c("x * y", map2(&x, &y, |a, b| a * b));
                c("x / y", map2(&x, &y, |a, b| a / b));
                c("x - y", map2(&x, &y, |a, b| a - b));
                c("min(x, y)", map2(&x, &y, min));
                c("max(x, y)", map2(&x, &y, max));
                c("-x", map1(&x, |a| -a));
                c("abs(x)", map1(&x, |a| a.abs()));
                c("sqrt(x)", map1(&x, |a| a.sqrt()));
                c("exp(x) * y", map2(&f1(isa, Func::Exp, &x), &y, |a, b| a * b));
                c("log(x) + y", map2(&f1(isa, Func::Log, &x), &y, |a, b| a + b));
                c("atan2(x, y)", f2(isa, Func::Atan2, &x, &y));
                c("where(x, x, y)", map2(&x, &y, |a, b| if a != 0.0 { a } else { b }));
            }
        }
    };
}
arith_tests!(f64, f64_tests);
arith_tests!(f32, f32_tests);

#[test]
fn syntax_errors_name_the_token_and_position() {
    let cases: &[(&str, &str, usize, ExprErrorKind)] = &[
        ("", "end of input", 0, ExprErrorKind::Syntax),
        ("x +", "end of input", 3, ExprErrorKind::Syntax),
        ("exp(x) + * 2", "*", 9, ExprErrorKind::Syntax),
        ("(x", "end of input", 2, ExprErrorKind::Syntax),
        ("x)", ")", 1, ExprErrorKind::Syntax),
        ("x $ y", "$", 2, ExprErrorKind::Syntax),
        ("2x", "2x", 0, ExprErrorKind::Syntax),
        ("1.2.3", "1.2.3", 0, ExprErrorKind::Syntax),
        ("x y", "y", 2, ExprErrorKind::Syntax),
        ("exp x", "exp", 0, ExprErrorKind::Syntax),
        ("a < b < c", "<", 6, ExprErrorKind::Syntax),
        ("f(,)", ",", 2, ExprErrorKind::Syntax),
        ("expp(x)", "expp", 0, ExprErrorKind::UnknownFunction),
        ("1 + foo(x, y)", "foo", 4, ExprErrorKind::UnknownFunction),
        ("EXP(x)", "EXP", 0, ExprErrorKind::UnknownFunction),
        ("pow(x)", "pow", 0, ExprErrorKind::Arity),
        ("x + exp(x, y)", "exp", 4, ExprErrorKind::Arity),
        ("where(x, y)", "where", 0, ExprErrorKind::Arity),
        ("fma(x, y)", "fma", 0, ExprErrorKind::Arity),
        ("sqrt()", "sqrt", 0, ExprErrorKind::Arity),
        ("2 * sincos(x)", "sincos", 4, ExprErrorKind::NotAValue),
    ];
    for &(src, token, pos, kind) in cases {
        let e = Expr::parse(src).expect_err(src);
        assert_eq!(
            (e.token(), e.position(), e.kind()),
            (token, pos, kind),
            "{src}: {e}"
        );
        assert!(
            e.to_string().ends_with(&format!("(at position {pos})")),
            "{src}: {e}"
        );
    }
    let e = Expr::parse("expp(x)").unwrap_err();
    assert!(
        e.message().contains("valid:") && e.message().contains("atan2"),
        "{e}"
    );
    assert!(!e.message().contains("sincos"), "{e}");
}

#[test]
fn evaluation_errors_leave_out_untouched() {
    let e = Expr::parse("x + exp(y)").unwrap();
    let x = vec![1.0f64; 10];
    let short = vec![1.0f64; 9];
    let mut out = vec![42.0f64; 10];
    let err = e.eval(&[("x", Input::from(&x))], &mut out).unwrap_err();
    assert_eq!(
        (err.kind(), err.token(), err.position()),
        (ExprErrorKind::MissingInput, "y", 8)
    );
    let err = e
        .eval(
            &[("x", Input::from(&x)), ("y", Input::from(&short))],
            &mut out,
        )
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.token(), err.position()),
        (ExprErrorKind::Length, "y", 8)
    );
    assert!(
        err.to_string().contains("9 elements") && err.to_string().contains("10"),
        "{err}"
    );
    let pool = Pool::with_threads(2).unwrap();
    let big = vec![1.0f64; 100_000];
    let mut big_out = vec![42.0f64; 100_000];
    let err = pool
        .eval_expr(
            &e,
            &[("x", Input::from(&big)), ("y", Input::from(&x))],
            &mut big_out,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ExprErrorKind::Length);
    assert!(out.iter().all(|&v| v == 42.0) && big_out.iter().all(|&v| v == 42.0));
    // Extra inputs are ignored; a scalar input needs no length.
    e.eval(
        &[
            ("x", Input::from(&x)),
            ("y", Input::from(0.0)),
            ("z", Input::from(&short)),
        ],
        &mut out,
    )
    .unwrap();
    assert!(out.iter().all(|&v| v == 2.0));
}

#[test]
fn empty_and_odd_lengths() {
    let e = Expr::parse("sin(x) + 1").unwrap();
    let mut out: Vec<f32> = vec![];
    e.eval(&[("x", Input::from(&Vec::<f32>::new()))], &mut out)
        .unwrap();
    for n in [1, 2, 15, 17, 31, 1023, 1025] {
        let x: Vec<f32> = (0..n).map(|i| i as f32 * 0.37).collect();
        let mut out = vec![0.0f32; n];
        e.eval(&[("x", Input::from(&x))], &mut out).unwrap();
        let mut s = vec![0.0f32; n];
        simdmath::sin(&x, &mut s);
        assert_eq!(
            out,
            s.iter().map(|v| v + 1.0).collect::<Vec<_>>(),
            "n = {n}"
        );
    }
}

#[test]
fn kept_plans_follow_type_inputs_and_length() {
    // One Expr reused with f64 and f32, slice and scalar for the same name, several lengths:
    // each result is that of a fresh Expr.
    let e = Expr::parse("exp(a * x) - a").unwrap();
    for round in 0..2 {
        for n in [3usize, 1000, 20_000] {
            let x: Vec<f64> = (0..n).map(|i| i as f64 * 1e-3 - round as f64).collect();
            let a: Vec<f64> = (0..n).map(|i| (i % 7) as f64 * 0.1).collect();
            let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
            for scalar in [false, true] {
                let ia = if scalar {
                    Input::from(0.3)
                } else {
                    Input::from(&a)
                };
                let inp = [("x", Input::from(&x)), ("a", ia)];
                let (mut got, mut want) = (vec![0.0; n], vec![0.0; n]);
                e.eval(&inp, &mut got).unwrap();
                Expr::parse("exp(a * x) - a")
                    .unwrap()
                    .eval(&inp, &mut want)
                    .unwrap();
                assert_same("f64 reuse", &got, &want, &x);
                let inp32 = [("x", Input::from(&x32)), ("a", Input::from(0.25f32))];
                let (mut g32, mut w32) = (vec![0.0f32; n], vec![0.0f32; n]);
                e.eval(&inp32, &mut g32).unwrap();
                Expr::parse("exp(a * x) - a")
                    .unwrap()
                    .eval(&inp32, &mut w32)
                    .unwrap();
                assert_same("f32 reuse", &g32, &w32, &x32);
            }
        }
    }
    let c = e.clone();
    assert_eq!(c.source(), e.source());
}

/// The builder gives the parsed expression's results bit for bit, and its text parses back to
/// the same results.
#[test]
fn builder_matches_parse() {
    let x = Expr::var("x");
    let y = Expr::var("y");
    let tanh_arg = 0.7978845608 * (&x + 0.044715 * &x * &x * &x);
    let cases: Vec<(Expr, &str)> = vec![
        ((-0.5 * &x * &x).apply(Func::Exp).unwrap(), "exp(-0.5*x*x)"),
        (
            1.0 / (1.0 + (-&x).apply(Func::Exp).unwrap()),
            "1/(1+exp(-x))",
        ),
        (
            x.clone()
                .apply(Func::Exp)
                .unwrap()
                .apply(Func::Log1p)
                .unwrap(),
            "log1p(exp(x))",
        ),
        (
            0.5 * &x * (1.0 + tanh_arg.apply(Func::Tanh).unwrap()),
            "0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))",
        ),
        (
            x.clone().apply(Func::Sin).unwrap() * y.clone().apply(Func::Cos).unwrap() + &x * &y,
            "sin(x)*cos(y) + x*y",
        ),
        ((&x * &x + &y * &y).sqrt(), "sqrt(x*x + y*y)"),
        (
            x.clone().pow(3) - y.clone().pow(2) + x.clone().pow(-1),
            "x**3 - y**2 + x**-1",
        ),
        (
            Expr::where_(
                x.clone().ge(&y),
                x.clone().fma(&y, 1.5),
                (-&y).abs().min(&x).max(0),
            ),
            "where(x >= y, fma(x, y, 1.5), max(min(abs(-y), x), 0))",
        ),
        (
            x.clone().apply2(Func::Atan2, &y).unwrap() / 3.0,
            "atan2(x, y) / 3",
        ),
    ];
    let n = 3000;
    for (built, text) in cases {
        let parsed = Expr::parse(text).unwrap();
        let reparsed = Expr::parse(&built.to_string()).unwrap();
        assert_eq!(built.inputs(), parsed.inputs());
        for seed in [1u64, 2] {
            let xs: Vec<f64> = inputs(seed, n, -5.0, 5.0);
            let ys: Vec<f64> = inputs(seed + 10, n, -5.0, 5.0);
            let ins = [("x", Input::from(&xs)), ("y", Input::from(&ys))];
            let run = |e: &Expr| {
                let mut out = vec![0.0f64; n];
                e.eval(&ins, &mut out).unwrap();
                out.iter()
                    .map(|v| if v.is_nan() { u64::MAX } else { v.to_bits() })
                    .collect::<Vec<_>>()
            };
            let want = run(&parsed);
            assert_eq!(run(&built), want, "{built} vs {text}");
            assert_eq!(run(&reparsed), want, "{built} reparsed");
        }
    }
    assert_eq!(
        (-0.5 * &x * &x).apply(Func::Exp).unwrap().to_string(),
        "exp(-0.5 * x * x)"
    );
}

/// A reversed view with a stride: element `i` is `data[last - stride * i]`.
struct Rev<'a> {
    data: &'a [f64],
    stride: usize,
    len: usize,
}
impl simdmath::Gather<f64> for Rev<'_> {
    fn len(&self) -> usize {
        self.len
    }
    fn gather(&self, start: usize, out: &mut [f64]) {
        let last = self.data.len() - 1;
        for (i, o) in out.iter_mut().enumerate() {
            *o = self.data[last - self.stride * (start + i)];
        }
    }
}

/// Gathered inputs give the bits of the same values as a slice, for any block length and on
/// the pool, and a gather of the wrong length is the length error.
#[test]
fn gathered_inputs_match_slices() {
    let n = 10_007;
    let data: Vec<f64> = inputs(5, 3 * n, -6.0, 6.0);
    let y: Vec<f64> = inputs(6, n, -6.0, 6.0);
    let rev = Rev {
        data: &data,
        stride: 3,
        len: n,
    };
    let copied: Vec<f64> = (0..n).map(|i| data[data.len() - 1 - 3 * i]).collect();
    let pool = Pool::with_threads(3).unwrap();
    for src in [
        "exp(x)",
        "x * y + 1",
        "sin(x) * cos(y) + x * y",
        "where(x < 0, x, 2)",
    ] {
        let e = Expr::parse(src).unwrap();
        let mut want = vec![0.0; n];
        e.eval(
            &[("x", Input::from(&copied)), ("y", Input::from(&y))],
            &mut want,
        )
        .unwrap();
        let want: Vec<u64> = want
            .iter()
            .map(|v| if v.is_nan() { 0 } else { v.to_bits() })
            .collect();
        let bits = |v: &[f64]| {
            v.iter()
                .map(|v| if v.is_nan() { 0 } else { v.to_bits() })
                .collect::<Vec<u64>>()
        };
        let ins = [("x", Input::Gather(&rev)), ("y", Input::from(&y))];
        for block in [0, 1, 7, 64, 4096] {
            let mut got = vec![0.0; n];
            e.eval_with(Isa::best(), block, &ins, &mut got).unwrap();
            assert_eq!(bits(&got), want, "{src} block {block}");
        }
        let mut got = vec![0.0; n];
        pool.eval_expr(&e, &ins, &mut got).unwrap();
        assert_eq!(bits(&got), want, "{src} on the pool");
        let short = Rev {
            data: &data,
            stride: 3,
            len: n - 1,
        };
        let err = e
            .eval(
                &[("x", Input::Gather(&short)), ("y", Input::from(&y))],
                &mut got,
            )
            .unwrap_err();
        assert_eq!(err.kind(), ExprErrorKind::Length);
    }
}

/// An expression of more names than an evaluation binds on the stack (8), one of them gathered
/// and one a scalar, gives the left-to-right sum that plain Rust gives (the same roundings),
/// on one thread and on the pool; a missing name is still the error that names it.
#[test]
fn many_inputs_bind_on_the_heap() {
    let n = 5_003;
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
    let cols: Vec<Vec<f64>> = (0..names.len())
        .map(|k| inputs(40 + k as u64, n, -3.0, 3.0))
        .collect();
    let data: Vec<f64> = inputs(60, 2 * n, -3.0, 3.0);
    let rev = Rev {
        data: &data,
        stride: 2,
        len: n,
    };
    let src = "a + b + c + d + e + f + g + h + i + j + k + r + s";
    let e = Expr::parse(src).unwrap();
    let mut ins: Vec<(&str, Input<'_, f64>)> = names
        .iter()
        .zip(&cols)
        .map(|(&k, c)| (k, Input::from(c)))
        .collect();
    ins.push(("r", Input::Gather(&rev)));
    ins.push(("s", Input::Scalar(0.25)));
    let want: Vec<f64> = (0..n)
        .map(|i| {
            let mut v = cols[0][i];
            for c in &cols[1..] {
                v += c[i];
            }
            v + data[data.len() - 1 - 2 * i] + 0.25
        })
        .collect();
    let mut got = vec![0.0; n];
    e.eval(&ins, &mut got).unwrap();
    assert_same(src, &got, &want, &cols[0]);
    let mut got = vec![0.0; n];
    Pool::with_threads(2)
        .unwrap()
        .eval_expr(&e, &ins, &mut got)
        .unwrap();
    assert_same("on the pool", &got, &want, &cols[0]);
    let err = e.eval(&ins[1..], &mut got).unwrap_err();
    assert_eq!(
        (err.kind(), err.token()),
        (ExprErrorKind::MissingInput, "a")
    );
}

/// The inspection hook sees every step of every block, on one thread and on the pool, with
/// the operands and result the evaluation computed (here: `add`'s result is `a + b`).
#[test]
fn inspect_sees_every_step_of_every_block() {
    use simdmath::{Inspect, Operand, StepKind};
    use std::sync::atomic::{AtomicUsize, Ordering};
    struct Count {
        exp: AtomicUsize,
        add: AtomicUsize,
    }
    impl Inspect<f64> for Count {
        fn step(&self, kind: StepKind, args: &[Operand<'_, f64>], out: &[f64]) {
            match kind {
                StepKind::F1(Func::Exp) => {
                    assert_eq!(args.len(), 1);
                    self.exp.fetch_add(out.len(), Ordering::Relaxed);
                }
                StepKind::Op("add") => {
                    assert_eq!(args.len(), 2);
                    for (i, &r) in out.iter().enumerate() {
                        assert_eq!(r.to_bits(), (args[0].get(i) + args[1].get(i)).to_bits());
                    }
                    self.add.fetch_add(out.len(), Ordering::Relaxed);
                }
                other => panic!("unexpected step {other:?}"),
            }
        }
    }
    let n = 100_003;
    let x: Vec<f64> = inputs(9, n, -3.0, 3.0)
        .into_iter()
        .map(|v: f64| if v.is_nan() { 0.0 } else { v })
        .collect();
    let e = Expr::parse("exp(x) + 2.5").unwrap();
    let (mut a, mut b) = (vec![0.0; n], vec![0.0; n]);
    let c1 = Count {
        exp: AtomicUsize::new(0),
        add: AtomicUsize::new(0),
    };
    e.eval_inspect(&[("x", Input::from(&x))], &mut a, &c1)
        .unwrap();
    let c2 = Count {
        exp: AtomicUsize::new(0),
        add: AtomicUsize::new(0),
    };
    Pool::with_threads(3)
        .unwrap()
        .eval_expr_inspect(&e, &[("x", Input::from(&x))], &mut b, &c2)
        .unwrap();
    for c in [&c1, &c2] {
        assert_eq!(
            (c.exp.load(Ordering::Relaxed), c.add.load(Ordering::Relaxed)),
            (n, n)
        );
    }
    let mut want = vec![0.0; n];
    e.eval(&[("x", Input::from(&x))], &mut want).unwrap();
    assert!(a.iter().zip(&want).all(|(p, q)| p.to_bits() == q.to_bits()));
    assert!(b.iter().zip(&want).all(|(p, q)| p.to_bits() == q.to_bits()));
}

/// An inspector that asks for unusual results only sees a function's step in the blocks where
/// some result is NaN, ±inf, ±0 or subnormal (the checked entry points; not an exact zero such
/// as `log(1) = 0` among usual arguments, which needs no flag), every arithmetic step, and the
/// same results as without it, on one thread and on the pool.
#[test]
fn inspect_only_unusual_skips_function_steps_with_normal_results() {
    use simdmath::{Inspect, Operand, StepKind};
    use std::sync::Mutex;
    struct Seen {
        log_blocks: Mutex<Vec<Vec<f64>>>,
        mul: std::sync::atomic::AtomicUsize,
    }
    impl Inspect<f64> for Seen {
        fn step(&self, kind: StepKind, _args: &[Operand<'_, f64>], out: &[f64]) {
            match kind {
                StepKind::F1(Func::Log) => self.log_blocks.lock().unwrap().push(out.to_vec()),
                StepKind::Op("mul") => {
                    self.mul
                        .fetch_add(out.len(), std::sync::atomic::Ordering::Relaxed);
                }
                other => panic!("unexpected step {other:?}"),
            }
        }
        fn only_unusual(&self) -> bool {
            true
        }
    }
    let n = 50_001;
    let mut x: Vec<f64> = (0..n).map(|i| 2.0 + (i % 97) as f64).collect();
    // One exact zero of log (log(1) = 0) and one pole (log(0) = -inf), far apart.
    x[10] = 1.0;
    x[n - 3] = 0.0;
    let e = Expr::parse("log(x) * 3").unwrap();
    let mut want = vec![0.0; n];
    e.eval(&[("x", Input::from(&x))], &mut want).unwrap();
    for pool in [None, Some(Pool::with_threads(2).unwrap())] {
        let seen = Seen {
            log_blocks: Mutex::new(Vec::new()),
            mul: std::sync::atomic::AtomicUsize::new(0),
        };
        assert_eq!(eval_inspect_on(pool.as_ref(), &e, &x, &seen), want);
        let blocks = seen.log_blocks.into_inner().unwrap();
        // Exactly the block holding log(0) = -inf: log(1) = 0 is exact, on a vector of
        // positive normal numbers (log's usual path, the registry's `usual`), so not reported.
        assert_eq!(
            blocks.len(),
            1,
            "{:?}",
            blocks.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert!(blocks[0].contains(&f64::NEG_INFINITY));
        assert_eq!(seen.mul.into_inner(), n);
    }
}

/// An inspector that asks for non-finite operation results only sees an arithmetic step in
/// the blocks where some result is NaN or ±inf, with the same results as without it.
#[test]
fn inspect_only_nonfinite_ops_skips_finite_blocks() {
    use simdmath::{Inspect, Operand, StepKind};
    use std::sync::Mutex;
    struct Seen(Mutex<Vec<(StepKind, Vec<f64>)>>);
    impl Inspect<f64> for Seen {
        fn step(&self, kind: StepKind, _args: &[Operand<'_, f64>], out: &[f64]) {
            self.0.lock().unwrap().push((kind, out.to_vec()));
        }
        fn only_nonfinite_ops(&self) -> bool {
            true
        }
    }
    let n = 40_000;
    let mut x: Vec<f64> = (0..n).map(|i| 1.0 + (i % 31) as f64).collect();
    x[20_000] = 1e300; // x * x overflows here only
    let e = Expr::parse("x * x + 1").unwrap();
    let mut want = vec![0.0; n];
    e.eval(&[("x", Input::from(&x))], &mut want).unwrap();
    for pool in [None, Some(Pool::with_threads(2).unwrap())] {
        let seen = Seen(Mutex::new(Vec::new()));
        assert_eq!(eval_inspect_on(pool.as_ref(), &e, &x, &seen), want);
        let steps = seen.0.into_inner().unwrap();
        // The block with x * x = inf, once for the product and once for the sum.
        let kinds: Vec<StepKind> = steps.iter().map(|s| s.0).collect();
        assert_eq!(kinds, [StepKind::Op("mul"), StepKind::Op("add")]);
        assert!(steps.iter().all(|s| s.1.contains(&f64::INFINITY)));
    }
}

/// `e` of the input `x` with the inspector `seen`, on `pool` or (`None`) on this thread.
fn eval_inspect_on<I: simdmath::Inspect<f64>>(
    pool: Option<&Pool>,
    e: &Expr,
    x: &[f64],
    seen: &I,
) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    match pool {
        None => e.eval_inspect(&[("x", Input::from(x))], &mut out, seen),
        Some(p) => p.eval_expr_inspect(e, &[("x", Input::from(x))], &mut out, seen),
    }
    .unwrap();
    out
}
