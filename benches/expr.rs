//! `simdmath::Expr` against the function alone, one thread, best ISA, in cache (n = 4096): an
//! expression of one function (`exp(x)`) should cost what `eval(Exp)` costs (the program adds
//! no per-element work), and the issue's expressions show what their operators add.
//!
//! ```text
//! cargo bench --bench expr
//! ```
//!
//! Groups `expr_<type>`, ids `<what>/4096`: `eval-exp`, `eval-tanh`, `eval-log1p` and
//! `eval2-hypot` (the functions alone, `simdmath::eval`/`eval2`), `expr-exp` (`exp(x)` as an
//! Expr), then the six expressions of issue 20 (the two-input ones with `y = x` reversed).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use simdmath::{Expr, Func, Input, Real};
use std::hint::black_box;

const N: usize = 4096;

const EXPRS: &[(&str, &str)] = &[
    ("expr-exp", "exp(x)"),
    ("gauss", "exp(-0.5*x*x)"),
    ("sigmoid", "1/(1+exp(-x))"),
    ("softplus", "log1p(exp(x))"),
    ("gelu", "0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))"),
    ("sincos", "sin(x)*cos(y) + x*y"),
    ("norm", "sqrt(x*x + y*y)"),
];

fn bench<T: Real>(c: &mut Criterion) {
    let x: Vec<T> = (0..N)
        .map(|i| T::from_f64(-5.0 + 10.0 * ((i * 7919) % N) as f64 / N as f64))
        .collect();
    let y: Vec<T> = x.iter().rev().copied().collect();
    let mut out = vec![T::default(); N];
    let mut g = c.benchmark_group(format!("expr_{}", T::NAME));
    g.throughput(Throughput::Elements(N as u64));
    // The single functions issue 20 compares the expressions with (`python/bench/expr.py`'s
    // "fn"): exp (gauss, sigmoid, softplus), tanh (GELU), hypot (`sin*cos`, norm).
    for (id, f) in [
        ("eval-exp", Func::Exp),
        ("eval-tanh", Func::Tanh),
        ("eval-log1p", Func::Log1p),
    ] {
        g.bench_function(BenchmarkId::new(id, N), |b| {
            b.iter(|| simdmath::eval(f, black_box(&x), &mut out))
        });
    }
    g.bench_function(BenchmarkId::new("eval2-hypot", N), |b| {
        b.iter(|| simdmath::eval2(Func::Hypot, black_box(&x), black_box(&y), &mut out))
    });
    for &(id, src) in EXPRS {
        let e = Expr::parse(src).expect("the bench's expressions parse");
        let inputs = [("x", Input::from(&x)), ("y", Input::from(&y))];
        g.bench_function(BenchmarkId::new(id, N), |b| {
            b.iter(|| e.eval(black_box(&inputs), &mut out).expect("inputs bound"))
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench::<f64>(c);
    bench::<f32>(c);
}

criterion_group!(expr, benches);
criterion_main!(expr);
