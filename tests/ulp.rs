//! The ULP arithmetic itself (src/ulp.rs): known distances across a power of two, through
//! subnormals and ±0, with NaN and the infinities; the real-valued error; the input sets.

mod common;
use common::unary;
use simdmath::ulp::{Args, Values};
use simdmath::ulp::{Float, Stats, distance, inputs, ordinal, real_error, special_matches, ulp};
use simdmath::{Arity, Func};

#[test]
fn distance_across_a_power_of_two() {
    // Below 2 the spacing is half what it is above: 2 - eps/2 .. 2 .. 2 + eps.
    let below = 2.0f64.next_down();
    assert_eq!(2.0 - below, f64::EPSILON);
    assert_eq!(distance(below, 2.0), 1);
    assert_eq!(distance(below, 2.0f64.next_up()), 2);
    assert_eq!(distance(1.0f64, 2.0), 1 << 52);
    assert_eq!(distance(1.0f32, 2.0), 1 << 23);
    assert_eq!(distance(0.5f32, 2.0), 2 << 23);
    // symmetric, and the same on the negative side
    assert_eq!(distance(2.0f64, below), 1);
    assert_eq!(distance(-below, -2.0f64), 1);
}

#[test]
fn distance_through_subnormals_and_zero() {
    let tiny = f64::from_bits(1);
    assert_eq!(distance(0.0, tiny), 1);
    assert_eq!(distance(-tiny, tiny), 2);
    assert_eq!(distance(0.0f64, -0.0), 0);
    assert_eq!(distance(-0.0f32, f32::from_bits(3)), 3);
    // largest subnormal to smallest normal: one step, same spacing
    let max_sub = f64::from_bits((1 << 52) - 1);
    assert_eq!(distance(max_sub, f64::MIN_POSITIVE), 1);
    assert_eq!(f64::MIN_POSITIVE - max_sub, tiny);
    assert_eq!(distance(0.0f32, f32::MIN_POSITIVE), 1 << 23);
    assert_eq!(ordinal(-f32::MIN_POSITIVE), -(1 << 23));
}

#[test]
fn distance_nan_and_infinities() {
    assert_eq!(distance(f64::NAN, f64::NAN), 0);
    assert_eq!(distance(f32::NAN, f32::from_bits(0xffc0_0001)), 0); // any payload
    assert_eq!(distance(f64::NAN, 0.0), u64::MAX);
    assert_eq!(distance(1.0f32, f32::NAN), u64::MAX);
    assert_eq!(distance(f64::INFINITY, f64::INFINITY), 0);
    assert_eq!(distance(f64::MAX, f64::INFINITY), 1);
    assert_eq!(distance(-f32::MAX, f32::NEG_INFINITY), 1);
    // the whole line: -inf to +inf
    assert_eq!(distance(f32::NEG_INFINITY, f32::INFINITY), 2 * 0x7f80_0000);
}

#[test]
fn ulp_sizes() {
    assert_eq!(ulp::<f64>(1.0), f64::EPSILON);
    assert_eq!(ulp::<f64>(2.0f64.next_down()), f64::EPSILON);
    assert_eq!(ulp::<f64>(2.0), 2.0 * f64::EPSILON);
    assert_eq!(ulp::<f32>(-3.0), 2.0 * f32::EPSILON as f64);
    assert_eq!(ulp::<f64>(f64::MIN_POSITIVE), f64::from_bits(1));
    assert_eq!(ulp::<f64>(1e-320), f64::from_bits(1));
    assert_eq!(ulp::<f32>(1e-40), f32::from_bits(1) as f64);
    assert_eq!(ulp::<f32>(1e-30), (2.0f64).powi(-100 - 23)); // 1e-30 is in [2^-100, 2^-99)
    assert_eq!(ulp::<f64>(f64::INFINITY), ulp::<f64>(f64::MAX));
}

#[test]
fn real_error_values() {
    // f32 with an exact value between floats: 1 + 0.3 ulp, results 1 and 1 + ulp
    let e = f32::EPSILON as f64;
    let exact = 1.0 + 0.3 * e;
    // (1 + 0.3 ulp_f32 is itself rounded to f64: 2^-29 ulp_f32 of slack)
    assert!((real_error(1.0f32, 1.0, exact) - 0.3).abs() < 1e-8);
    assert!((real_error(1.0f32 + f32::EPSILON, 1.0, exact) - 0.7).abs() < 1e-8);
    // just below a power of two, the ulp is that of the binade below (e, not 2e): 0.25 ulp,
    // and the float below 2 is 0.75 ulp away
    let exact = 2.0 - 0.25 * e;
    assert!((real_error(2.0f32, 2.0, exact) - 0.25).abs() < 1e-8);
    assert!((real_error(2.0f32.next_down(), 2.0, exact) - 0.75).abs() < 1e-8);
    // just above it, the ulp is 2e: the float above 2 is 0.875 ulp away
    let exact = 2.0 + 0.25 * e;
    assert!((real_error(2.0f32.next_up(), 2.0, exact) - 0.875).abs() < 1e-8);
    // subnormal results: the subnormal spacing
    let s = f32::from_bits(1) as f64;
    assert!((real_error(f32::from_bits(2), f32::from_bits(2), 2.4 * s) - 0.4).abs() < 1e-9);
    // f64: distance to the correctly rounded value
    assert_eq!(
        real_error(1.0f64, 1.0 + f64::EPSILON, 1.0 + f64::EPSILON),
        1.0
    );
    assert_eq!(real_error(-0.0f64, 0.0, 0.0), 0.0);
    // undefined cases fall back to the integer distance
    assert_eq!(real_error(f64::INFINITY, f64::INFINITY, f64::INFINITY), 0.0);
    assert_eq!(real_error(f32::MAX, f32::INFINITY, 1e39), 1.0);
    assert_eq!(real_error(f64::NAN, f64::NAN, f64::NAN), 0.0);
    assert_eq!(real_error(f64::NAN, 1.0, 1.0), f64::INFINITY);
}

#[test]
fn real_error_f32_reference_is_core_math_f64() {
    // exp(1) in f32: the correctly rounded value and its real error (< 0.5 by definition)
    let cr = <f32 as Float>::reference(Func::Exp, 1.0);
    let exact = <f32 as Float>::exact(Func::Exp, 1.0);
    assert_eq!(exact.hi, std::f64::consts::E);
    let r = real_error(cr, cr, exact);
    assert!(r <= 0.5, "{r}");
    let other = cr.next_up();
    assert!(
        (real_error(other, cr, exact) - (1.0 - r)).abs() < 1e-6
            || (real_error(other, cr, exact) - (1.0 + r)).abs() < 1e-6
    );
}

#[test]
fn stats_merge_and_worst() {
    let mut a = Stats::<f64>::with_bound(1);
    a.add(1.0, 1.0, 1.0, 1.0);
    a.add(2.0, 2.0f64.next_up().next_up(), 2.0, 2.0);
    let mut b = Stats::<f64>::with_bound(1);
    b.add(3.0, f64::NAN, 3.0, 3.0);
    a.merge(&b);
    assert_eq!(a.n, 3);
    assert_eq!(a.correct, 1);
    assert_eq!(a.over, 2);
    assert_eq!(a.max_dist, u64::MAX);
    assert_eq!(a.hist, [1, 0, 1, 0, 0, 0, 1]);
    assert_eq!(a.worst.unwrap().x, 3.0);
    assert_eq!(a.mean(), 1.0); // (0 + 2) / 2 finite
}

#[test]
fn specials_and_inputs() {
    assert!(!special_matches(0.0f64, -0.0));
    assert!(special_matches(f32::NAN, -f32::NAN));
    let s: Vec<f32> = inputs::specials(Func::Exp);
    assert!(s.contains(&f32::INFINITY) && s.iter().any(|x| x.is_nan()));
    assert_eq!(inputs::step(-0.0f64, 1), f64::from_bits(1));
    assert_eq!(inputs::step(0.0f64, -1), -f64::from_bits(1));
    assert_eq!(inputs::step(f32::NEG_INFINITY, -1), f32::NEG_INFINITY);
    for f in unary() {
        let h: Vec<f64> = inputs::hard(f, 2000, 1);
        assert_eq!(h.len(), 2000);
        assert!(h.iter().all(|x| !x.is_nan()), "{f}");
        assert_eq!(h, inputs::hard::<f64>(f, 2000, 1));
    }
    let r: Vec<f64> = inputs::random_bits(4096, 5);
    let exps: std::collections::HashSet<u64> = r.iter().map(|x| x.to_bits() >> 52).collect();
    assert!(exps.len() > 1000, "every exponent and sign: {}", exps.len());
}

#[test]
fn f64_double_double_reference_agrees_with_core_math() {
    // The double-double "exact" value rounds to the correctly rounded result, and the correctly
    // rounded result is within half an ulp of it, for every f64 function (where one has no
    // double-double value, sin/cos/tan beyond 2^30 and the edges each function names, the
    // correctly rounded value stands in, flagged approximate).
    for &f in Func::ALL {
        let sets: Vec<Args<f64>> = match f.arity() {
            Arity::Unary => {
                let mut xs: Vec<f64> = inputs::hard(f, 20_000, 11);
                xs.extend(inputs::uniform::<f64>(20_000, -700.0, 700.0, 12));
                xs.extend(inputs::uniform::<f64>(20_000, -1.0, 1.0, 14));
                xs.extend(inputs::random_bits::<f64>(20_000, 13));
                xs.into_iter().map(Args::X).collect()
            }
            Arity::Binary => {
                let (mut a, mut b) = inputs::hard_pairs::<f64>(f, 20_000, 11);
                let (ra, rb) = inputs::random_pairs::<f64>(20_000, 13);
                a.extend(ra);
                b.extend(rb);
                let (ua, ub) = (
                    inputs::uniform::<f64>(20_000, 0.0, 10.0, 15),
                    inputs::uniform::<f64>(20_000, -20.0, 20.0, 16),
                );
                a.extend(ua);
                b.extend(ub);
                a.into_iter().zip(b).map(|(x, y)| Args::XY(x, y)).collect()
            }
            // sincos: its outputs are sin's and cos's (above)
            _ => continue,
        };
        let (mut checked, mut approx) = (0, 0);
        for args in sets {
            let Values::One(cr) = <f64 as Float>::reference_of(f, args) else {
                unreachable!()
            };
            let Values::One(e) = <f64 as Float>::exact_of(f, args) else {
                unreachable!()
            };
            if !cr.is_finite() || cr.abs() < f64::MIN_POSITIVE {
                continue; // overflow, NaN, and subnormal results (where hi + lo rounds twice)
            }
            if e.approximate {
                approx += 1;
                continue;
            }
            checked += 1;
            let r = real_error(cr, cr, e);
            if (r - 0.5).abs() > 1e-9 {
                assert_eq!(e.value(), cr, "{f}{args:?}: double-double {e:?}");
            } else {
                // An exact midpoint (`pow(-17, 13)`): hi + lo may round to either neighbour.
                assert!(distance(e.value(), cr) <= 1, "{f}{args:?}: {e:?}");
            }
            assert!(
                r <= 0.5 + 1e-9,
                "{f}{args:?}: correctly rounded result {r} ulp from the exact value"
            );
            // the neighbour is 1 ulp further (2 across a power of two, where ulp halves below)
            let r1 = real_error(cr.next_up(), cr, e);
            assert!(
                (0.5 - 1e-9..=2.5 + 1e-9).contains(&r1),
                "{f}{args:?}: next_up {r1}"
            );
        }
        assert!(
            checked > 25_000,
            "{f}: {checked} checked, {approx} approximate"
        );
        if matches!(f, Func::Exp | Func::Log) {
            assert_eq!(approx, 0, "{f}: exp and log have double-double everywhere");
        }
        if f == Func::Pow {
            // |x| = 1 with a y too large for Dekker's split: exactly ±1, not NaN.
            for (x, y, want) in [(1.0, 1.5e300, 1.0), (-1.0, 1.6e308, 1.0), (-1.0, 3.0, -1.0)] {
                let Values::One(e) = <f64 as Float>::exact_of(f, Args::XY(x, y)) else {
                    unreachable!()
                };
                assert!(
                    !e.approximate && e.value() == want,
                    "pow({x}, {y:e}): {e:?}"
                );
            }
        }
        eprintln!("{f}: {checked} checked, {approx} approximate");
    }
}
