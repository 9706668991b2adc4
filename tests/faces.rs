//! Every registered function has every face that is not generated from its registry line:
//! its typed facts agree with the correctly rounded reference, it has hard inputs and special
//! values for the accuracy tests and `simdmath ulp`, and bench ranges. A function added to
//! the registry without one of them fails here (or does not compile), naming it. The faces
//! the docs show (the `simdmath functions` table in README.md, docs/ACCURACY.md's rows) are
//! tests/docs.rs's; the Python package's floating-point flags read the facts checked here.

use simdmath::ulp::{Args, Float, Values, inputs};
use simdmath::{Arity, Func, Points};

#[path = "../benches/common.rs"]
mod bench;

/// `k / 8` for `|k| <= 8 * m`: every integer, half-integer and quarter up to `m`, where no
/// registered function overflows or underflows, so an infinite result is a pole and a zero
/// result is exact.
fn grid(m: i32) -> impl Iterator<Item = f64> {
    (-8 * m..=8 * m).map(|k| k as f64 / 8.0)
}

/// One-input functions: `f(x)` is infinite exactly at the poles and zero exactly at the
/// zeros, in both types (for `sincos`, the zeros are its first output's).
fn one_input_facts<T: Float>(f: Func) {
    let (poles, zeros) = (f.info().poles, f.info().zeros);
    for x in grid(8).chain([-0.0]) {
        let t = T::narrow(x);
        let (y, second) = match T::reference_of(f, Args::X(t)).map(T::widen) {
            Values::One(a) => (a, None),
            Values::Two(a, b) => (a, Some(b)),
        };
        assert_eq!(
            y.is_infinite(),
            poles.contains(x),
            "{f} {}: {f}({x}) = {y}, the registry's poles are {poles:?}",
            T::NAME
        );
        assert_eq!(
            y == 0.0,
            zeros.contains(x),
            "{f} {}: {f}({x}) = {y}, the registry's exact zeros are {zeros:?}",
            T::NAME
        );
        if let Some(b) = second {
            assert!(b.is_finite() && b != 0.0, "{f}({x}): second output {b}");
        }
    }
}

/// Two-input functions: the facts are about the first input. An infinite result from the grid
/// has its first input among the poles, and each pole gives one for some second input; a zero
/// result has its first input among the exact zeros, and each of them gives one.
fn two_input_facts<T: Float>(f: Func) {
    let (poles, zeros) = (f.info().poles, f.info().zeros);
    let ys = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0];
    for x in grid(2) {
        let r: Vec<f64> = ys
            .iter()
            .map(|&y| T::reference2(f, T::narrow(x), T::narrow(y)).widen())
            .collect();
        for (&y, &v) in ys.iter().zip(&r) {
            assert!(
                !v.is_infinite() || poles.contains(x),
                "{f} {}: {f}({x}, {y}) = {v}, the registry's poles are {poles:?}",
                T::NAME
            );
            assert!(
                v != 0.0 || zeros.contains(x),
                "{f} {}: {f}({x}, {y}) = {v}, the registry's exact zeros are {zeros:?}",
                T::NAME
            );
        }
        if poles.contains(x) {
            assert!(r.iter().any(|v| v.is_infinite()), "{f}({x}, y): no pole");
        }
        if zeros.contains(x) {
            assert!(r.contains(&0.0), "{f}({x}, y): never 0");
        }
    }
}

#[test]
fn facts_agree_with_the_reference() {
    for &f in Func::ALL {
        if f.arity() == Arity::Binary {
            two_input_facts::<f64>(f);
            two_input_facts::<f32>(f);
        } else {
            one_input_facts::<f64>(f);
            one_input_facts::<f32>(f);
        }
    }
    // Beyond the grid: sinpi's zeros are every integer, cospi's none of the large floats.
    let (sinpi, cospi) = (Func::Sinpi.info(), Func::Cospi.info());
    assert_eq!(
        (sinpi.zeros, cospi.zeros),
        (Points::Integers, Points::HalfOddIntegers)
    );
    for x in [2f64.powi(52) + 1.0, 2f64.powi(60), -1e300] {
        assert!(sinpi.zeros.contains(x) && f64::reference(Func::Sinpi, x) == 0.0);
        assert!(!cospi.zeros.contains(x) && f64::reference(Func::Cospi, x) != 0.0);
    }
}

/// The input sets of `simdmath ulp` and tests/accuracy.rs: one-input functions have hard
/// regions (drawn and fixed) and special values, two-input ones hard and special pairs.
#[test]
fn hard_inputs_for_every_function() {
    for &f in Func::ALL {
        if f.arity() == Arity::Binary {
            let (x, y): (Vec<f64>, Vec<f64>) = inputs::hard_pairs(f, 500, 1);
            assert_eq!((x.len(), y.len()), (500, 500), "{f}");
            let (x, y): (Vec<f32>, Vec<f32>) = inputs::special_pairs(f);
            assert!(!x.is_empty() && x.len() == y.len(), "{f}");
        } else {
            assert_eq!(inputs::hard::<f64>(f, 500, 1).len(), 500, "{f}");
            assert_eq!(inputs::hard::<f32>(f, 500, 1).len(), 500, "{f}");
            assert!(inputs::hard_regions::<f64>(f, 1).len() > 10_000, "{f}");
            assert!(inputs::hard_regions::<f32>(f, 1).len() > 10_000, "{f}");
            assert!(!inputs::specials::<f32>(f).is_empty(), "{f}");
        }
    }
}

/// benches/common.rs's table: every function has ranges, exactly one of them ordinary (the
/// one with the size sweep), distinct labels, and inputs inside the bounds in both types.
#[test]
fn bench_ranges_for_every_function() {
    for &f in Func::ALL {
        let r = bench::ranges(f);
        assert_eq!(r.iter().filter(|r| r.ordinary).count(), 1, "{f}: {r:?}");
        let mut labels: Vec<_> = r.iter().map(|r| r.label).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), r.len(), "{f}: labels repeat");
        for range in &r {
            assert_eq!(range.inputs::<f64>(100, 1).len(), 100);
            assert_eq!(range.inputs::<f32>(100, 1).len(), 100);
            let second: Vec<f32> = bench::second_inputs(f, range, 100);
            assert_eq!(
                second.len(),
                if f.arity() == Arity::Binary { 100 } else { 0 }
            );
        }
    }
}
