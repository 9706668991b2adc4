//! Accuracy of every function × type × backend against the correctly rounded `core-math`:
//! random inputs over every exponent, the hard regions of each function, special values (which
//! must match glibc's libm bit for bit), the tail handling, and the agreement of the FMA
//! backends. One test body per property, instantiated for every backend; a backend this CPU
//! cannot run is reported and skipped. Seeds are printed on failure (`SIMDMATH_TEST_SEED`).

mod common;
use common::*;
use simdmath::ulp::inputs;
use simdmath::{Accuracy, Func, Isa};

/// `2^k` exactly, `-1074 <= k <= 1023` (`powi` underflows below `2^-1022`).
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// Special inputs for every function; results must match glibc bit for bit (or both be NaN).
fn special_inputs<T: TestReal>() -> Vec<T> {
    let f64mode = T::TOTAL_BITS == 64;
    let (max, minp, minsub) = if f64mode {
        (f64::MAX, f64::MIN_POSITIVE, f64::from_bits(1))
    } else {
        (
            f32::MAX as f64,
            f32::MIN_POSITIVE as f64,
            f32::from_bits(1) as f64,
        )
    };
    let mut v: Vec<T> = [0.0, f64::INFINITY, f64::NAN, max, minp, minsub, 1.0, 2.0]
        .iter()
        .flat_map(|&x| [T::from_f64(x), T::from_f64(-x)])
        .collect();
    v.extend([800.0, 1000.0, -800.0, -1000.0, 100.0, -120.0].map(T::from_f64));
    v
}

fn random_all_exponents<T: TestReal>(isa: Isa) {
    let seed = seed();
    for f in unary() {
        let xs: Vec<T> = random_bits(1 << 18, seed ^ f as u64);
        let rep = check(isa, f, &xs, bound::<T>(f));
        assert_report(
            "random bits, every exponent",
            isa,
            f,
            &rep,
            bound::<T>(f),
            seed,
        );
    }
}

fn hard_regions<T: TestReal>(isa: Isa) {
    let seed = seed();
    for f in unary() {
        let xs: Vec<T> = inputs::hard_regions(f, seed);
        let rep = check(isa, f, &xs, bound::<T>(f));
        assert_report("hard regions", isa, f, &rep, bound::<T>(f), seed);
    }
}

fn special_values<T: TestReal>(isa: Isa) {
    for f in unary() {
        let xs: Vec<T> = special_inputs();
        let mut out = vec![T::default(); xs.len()];
        simdmath::eval_with(isa, f, &xs, &mut out);
        for (&x, &y) in xs.iter().zip(&out) {
            let libm = T::libm(f, x);
            let cr = T::reference(f, x);
            let same = |a: T, b: T| (a.is_nan_() && b.is_nan_()) || a.bits_() == b.bits_();
            let special = |v: T| v.is_nan_() || v.to_f64() == 0.0 || v.to_f64().is_infinite();
            if special(x) || special(libm) || special(cr) {
                // Special inputs and results (±0, ±inf, NaN, overflow, underflow to zero) are
                // libm's, bit for bit.
                assert!(
                    same(y, libm),
                    "{f} {} on {isa}: special input {:e} ({:#x}) gave {:e} ({:#x}); libm gives {:e} ({:#x})",
                    T::NAME,
                    x.to_f64(),
                    x.bits_(),
                    y.to_f64(),
                    y.bits_(),
                    libm.to_f64(),
                    libm.bits_()
                );
            } else {
                let d = ulp_distance(y, cr);
                assert!(
                    d <= bound::<T>(f),
                    "{f} {} on {isa}: x = {:e}: {d} ulp",
                    T::NAME,
                    x.to_f64()
                );
            }
        }
    }
}

/// Libm's special values spelled out, bit for bit.
fn special_values_explicit<T: TestReal>(isa: Isa) {
    let one = |f: Func, x: f64| {
        let mut y = [T::default()];
        simdmath::eval_with(isa, f, &[T::from_f64(x)], &mut y);
        y[0]
    };
    let bits = |x: f64| T::from_f64(x).bits_();
    let inf = f64::INFINITY;
    assert_eq!(one(Func::Exp, 0.0).bits_(), bits(1.0));
    assert_eq!(one(Func::Exp, -0.0).bits_(), bits(1.0));
    assert_eq!(one(Func::Exp, inf).bits_(), bits(inf));
    assert_eq!(one(Func::Exp, -inf).bits_(), bits(0.0));
    assert!(one(Func::Exp, f64::NAN).is_nan_());
    assert_eq!(one(Func::Log, 0.0).bits_(), bits(-inf));
    assert_eq!(one(Func::Log, -0.0).bits_(), bits(-inf));
    assert_eq!(one(Func::Log, 1.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Log, inf).bits_(), bits(inf));
    assert!(one(Func::Log, -1.0).is_nan_());
    assert!(one(Func::Log, -inf).is_nan_());
    assert!(one(Func::Log, f64::NAN).is_nan_());
    assert_eq!(one(Func::Sin, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Sin, -0.0).bits_(), bits(-0.0));
    assert!(one(Func::Sin, inf).is_nan_() && one(Func::Sin, -inf).is_nan_());
    assert!(one(Func::Sin, f64::NAN).is_nan_());
    assert_eq!(one(Func::Cos, 0.0).bits_(), bits(1.0));
    assert_eq!(one(Func::Cos, -0.0).bits_(), bits(1.0));
    assert!(one(Func::Cos, inf).is_nan_() && one(Func::Cos, -inf).is_nan_());
    assert!(one(Func::Cos, f64::NAN).is_nan_());
    // sinpi/cospi (IEEE 754-2019): zeros at integers with the sign of x, +0 at half-integers.
    for (x, s) in [
        (0.0, 0.0),
        (-0.0, -0.0),
        (1.0, 0.0),
        (-1.0, -0.0),
        (2.0, 0.0),
        (-3.0, -0.0),
    ] {
        assert_eq!(one(Func::Sinpi, x).bits_(), bits(s), "sinpi({x})");
    }
    assert_eq!(one(Func::Sinpi, 0.5).bits_(), bits(1.0));
    assert_eq!(one(Func::Sinpi, -0.5).bits_(), bits(-1.0));
    assert_eq!(one(Func::Sinpi, 1.5).bits_(), bits(-1.0));
    assert_eq!(one(Func::Sinpi, 1e30).bits_(), bits(0.0));
    assert_eq!(one(Func::Sinpi, -1e30).bits_(), bits(-0.0));
    for x in [0.5, -0.5, 1.5, -2.5, 100.5] {
        assert_eq!(one(Func::Cospi, x).bits_(), bits(0.0), "cospi({x})");
    }
    for (x, c) in [
        (0.0, 1.0),
        (-0.0, 1.0),
        (1.0, -1.0),
        (-1.0, -1.0),
        (2.0, 1.0),
        (1e30, 1.0),
    ] {
        assert_eq!(one(Func::Cospi, x).bits_(), bits(c), "cospi({x})");
    }
    assert_eq!(one(Func::Tan, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Tan, -0.0).bits_(), bits(-0.0));
    assert!(one(Func::Tan, inf).is_nan_() && one(Func::Tan, -inf).is_nan_());
    for f in [Func::Sinpi, Func::Cospi] {
        assert!(one(f, inf).is_nan_() && one(f, -inf).is_nan_() && one(f, f64::NAN).is_nan_());
    }
    let nan = f64::NAN;
    for f in [Func::Exp2, Func::Exp10] {
        assert_eq!(one(f, 0.0).bits_(), bits(1.0), "{f}(0)");
        assert_eq!(one(f, -0.0).bits_(), bits(1.0), "{f}(-0)");
        assert_eq!(one(f, inf).bits_(), bits(inf), "{f}(inf)");
        assert_eq!(one(f, -inf).bits_(), bits(0.0), "{f}(-inf)");
        assert_eq!(one(f, 1e30).bits_(), bits(inf), "{f}(1e30)");
        assert_eq!(one(f, -1e30).bits_(), bits(0.0), "{f}(-1e30)");
        assert!(one(f, nan).is_nan_(), "{f}(NaN)");
    }
    // Exact results: every power of two (subnormal ones included), and the powers of ten
    // that are representable (10^0..10^22 in f64, 10^0..10^10 in f32), as glibc gives them.
    let nan = f64::NAN;
    for f in [Func::Log2, Func::Log10] {
        assert_eq!(one(f, 0.0).bits_(), bits(-inf));
        assert_eq!(one(f, -0.0).bits_(), bits(-inf));
        assert_eq!(one(f, 1.0).bits_(), bits(0.0));
        assert_eq!(one(f, inf).bits_(), bits(inf));
        assert!(one(f, -1.0).is_nan_() && one(f, -inf).is_nan_() && one(f, nan).is_nan_());
        assert!(one(f, -1e-30).is_nan_());
    }
    // Exact powers give exact results, as libm: log2(2^k) = k (subnormals included) and
    // log10(10^k) = k for the powers of ten that are exact in the type.
    let (emin, emax) = if T::TOTAL_BITS == 64 {
        (-1074, 1023)
    } else {
        (-149, 127)
    };
    for e in emin..=emax {
        let p = 2f64.powi(e / 2) * 2f64.powi(e - e / 2); // exact, also for subnormals
        assert_eq!(one(Func::Exp2, e as f64).bits_(), bits(p), "exp2({e})");
    }
    let kmax = if T::TOTAL_BITS == 64 { 22 } else { 10 };
    for k in 0..=kmax {
        let want = format!("1e{k}").parse::<f64>().unwrap();
        assert_eq!(one(Func::Exp10, k as f64).bits_(), bits(want), "exp10({k})");
    }
    assert_eq!(one(Func::Exp10, 1.0).bits_(), bits(10.0));
    assert_eq!(one(Func::Expm1, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Expm1, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Expm1, inf).bits_(), bits(inf));
    assert_eq!(one(Func::Expm1, -inf).bits_(), bits(-1.0));
    assert_eq!(one(Func::Expm1, -1e30).bits_(), bits(-1.0));
    assert_eq!(one(Func::Expm1, 1e30).bits_(), bits(inf));
    assert!(one(Func::Expm1, nan).is_nan_());
    let tiny = if T::TOTAL_BITS == 64 { 1e-300 } else { 1e-30 };
    let sub = T::from_bits_(1).to_f64();
    for f in [Func::Expm1, Func::Sinh, Func::Tanh] {
        for x in [tiny, -tiny, sub, -sub] {
            assert_eq!(one(f, x).bits_(), bits(x), "{f}({x:e}) = x");
        }
    }
    assert_eq!(one(Func::Sinh, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Sinh, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Sinh, inf).bits_(), bits(inf));
    assert_eq!(one(Func::Sinh, -inf).bits_(), bits(-inf));
    assert_eq!(one(Func::Sinh, 1e30).bits_(), bits(inf));
    assert_eq!(one(Func::Sinh, -1e30).bits_(), bits(-inf));
    assert!(one(Func::Sinh, nan).is_nan_());
    assert_eq!(one(Func::Cosh, 0.0).bits_(), bits(1.0));
    assert_eq!(one(Func::Cosh, -0.0).bits_(), bits(1.0));
    assert_eq!(one(Func::Cosh, inf).bits_(), bits(inf));
    assert_eq!(one(Func::Cosh, -inf).bits_(), bits(inf));
    assert_eq!(one(Func::Cosh, -1e30).bits_(), bits(inf));
    assert_eq!(one(Func::Cosh, tiny).bits_(), bits(1.0));
    assert!(one(Func::Cosh, nan).is_nan_());
    assert_eq!(one(Func::Tanh, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Tanh, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Tanh, inf).bits_(), bits(1.0));
    assert_eq!(one(Func::Tanh, -inf).bits_(), bits(-1.0));
    assert_eq!(one(Func::Tanh, 1e30).bits_(), bits(1.0));
    assert_eq!(one(Func::Tanh, -1e30).bits_(), bits(-1.0));
    assert_eq!(one(Func::Tanh, 25.0).bits_(), bits(1.0));
    assert!(one(Func::Tanh, nan).is_nan_());
    for k in emin..=emax {
        assert_eq!(
            one(Func::Log2, pow2(k)).bits_(),
            bits(k as f64),
            "log2(2^{k})"
        );
    }
    for k in 0..=if T::TOTAL_BITS == 64 { 22 } else { 10 } {
        assert_eq!(
            one(Func::Log10, 10f64.powi(k)).bits_(),
            bits(k as f64),
            "log10(1e{k})"
        );
    }
    assert_eq!(one(Func::Log1p, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Log1p, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Log1p, -1.0).bits_(), bits(-inf));
    assert_eq!(one(Func::Log1p, inf).bits_(), bits(inf));
    assert!(one(Func::Log1p, -1.5).is_nan_() && one(Func::Log1p, -inf).is_nan_());
    assert!(one(Func::Log1p, nan).is_nan_());
    let tiny = if T::TOTAL_BITS == 64 { 1e-300 } else { 1e-30 };
    assert_eq!(one(Func::Log1p, tiny).bits_(), bits(tiny));
    assert_eq!(one(Func::Log1p, -tiny).bits_(), bits(-tiny));
    assert_eq!(one(Func::Asinh, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Asinh, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Asinh, inf).bits_(), bits(inf));
    assert_eq!(one(Func::Asinh, -inf).bits_(), bits(-inf));
    assert!(one(Func::Asinh, nan).is_nan_());
    assert_eq!(one(Func::Asinh, -tiny).bits_(), bits(-tiny));
    assert_eq!(one(Func::Acosh, 1.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Acosh, inf).bits_(), bits(inf));
    assert!(one(Func::Acosh, 0.5).is_nan_() && one(Func::Acosh, 0.0).is_nan_());
    assert!(one(Func::Acosh, -1.0).is_nan_() && one(Func::Acosh, -inf).is_nan_());
    assert!(one(Func::Acosh, nan).is_nan_());
    assert_eq!(one(Func::Atanh, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Atanh, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Atanh, 1.0).bits_(), bits(inf));
    assert_eq!(one(Func::Atanh, -1.0).bits_(), bits(-inf));
    assert!(one(Func::Atanh, 1.5).is_nan_() && one(Func::Atanh, -inf).is_nan_());
    assert!(one(Func::Atanh, inf).is_nan_() && one(Func::Atanh, nan).is_nan_());
    assert_eq!(one(Func::Atanh, -tiny).bits_(), bits(-tiny));
    assert_eq!(one(Func::Cbrt, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Cbrt, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Cbrt, inf).bits_(), bits(inf));
    assert_eq!(one(Func::Cbrt, -inf).bits_(), bits(-inf));
    assert!(one(Func::Cbrt, nan).is_nan_());
    // Exact cubes give exact results.
    for k in 1..200i32 {
        let k3 = (k as f64).powi(3);
        assert_eq!(one(Func::Cbrt, k3).bits_(), bits(k as f64), "cbrt({k3})");
        assert_eq!(one(Func::Cbrt, -k3).bits_(), bits(-k as f64), "cbrt(-{k3})");
    }
    assert_eq!(one(Func::Cbrt, 0.125).bits_(), bits(0.5));
    inv_trig_rules::<T>(isa);
}

/// The special values of atan, asin and acos, spelled out (C99 Annex F, glibc).
fn inv_trig_rules<T: TestReal>(isa: Isa) {
    let one = |f: Func, x: f64| {
        let mut y = [T::default()];
        simdmath::eval_with(isa, f, &[T::from_f64(x)], &mut y);
        y[0]
    };
    let bits = |x: f64| T::from_f64(x).bits_();
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let (pio2, pi) = (std::f64::consts::FRAC_PI_2, std::f64::consts::PI);
    assert_eq!(one(Func::Atan, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Atan, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Atan, inf).bits_(), bits(pio2));
    assert_eq!(one(Func::Atan, -inf).bits_(), bits(-pio2));
    assert_eq!(
        one(Func::Atan, 1.0).bits_(),
        bits(std::f64::consts::FRAC_PI_4)
    );
    assert_eq!(
        one(Func::Atan, -1.0).bits_(),
        bits(-std::f64::consts::FRAC_PI_4)
    );
    assert_eq!(one(Func::Atan, 1e300).bits_(), bits(pio2));
    assert_eq!(one(Func::Atan, 1e-300).bits_(), bits(1e-300));
    assert!(one(Func::Atan, nan).is_nan_());
    assert_eq!(one(Func::Asin, 0.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Asin, -0.0).bits_(), bits(-0.0));
    assert_eq!(one(Func::Asin, 1.0).bits_(), bits(pio2));
    assert_eq!(one(Func::Asin, -1.0).bits_(), bits(-pio2));
    assert_eq!(one(Func::Asin, 1e-300).bits_(), bits(1e-300));
    assert_eq!(one(Func::Acos, 1.0).bits_(), bits(0.0));
    assert_eq!(one(Func::Acos, -1.0).bits_(), bits(pi));
    assert_eq!(one(Func::Acos, 0.0).bits_(), bits(pio2));
    assert_eq!(one(Func::Acos, -0.0).bits_(), bits(pio2));
    for f in [Func::Asin, Func::Acos] {
        for x in [1.0 + 1e-7, -1.0 - 1e-7, 2.0, -2.0, 1e300, inf, -inf, nan] {
            assert!(one(f, x).is_nan_(), "{f}({x}) must be NaN");
        }
    }
}

/// Every length and offset gives the same result per element: the tail goes through the same
/// kernel, in place and out of place agree.
fn position_independent<T: TestReal>(isa: Isa) {
    for f in unary() {
        let xs: Vec<T> = random_bits(64, seed() ^ 77);
        let mut full = vec![T::default(); xs.len()];
        simdmath::eval_with(isa, f, &xs, &mut full);
        for start in 0..17 {
            for len in 0..(xs.len() - start).min(40) {
                let mut part = vec![T::default(); len];
                simdmath::eval_with(isa, f, &xs[start..start + len], &mut part);
                let mut inplace = xs[start..start + len].to_vec();
                simdmath::eval_in_place_with(isa, f, &mut inplace);
                for i in 0..len {
                    let want = full[start + i].bits_();
                    assert!(
                        part[i].bits_() == want || (part[i].is_nan_() && full[start + i].is_nan_()),
                        "{f} {} on {isa}: element {} differs at offset {start} length {len}",
                        T::NAME,
                        start + i
                    );
                    assert_eq!(
                        part[i].bits_(),
                        inplace[i].bits_(),
                        "in place differs from out of place"
                    );
                }
            }
        }
    }
}

/// Two-input functions: random pairs (every exponent and sign, and moderate ones), the hard
/// pairs, and the special pairs of C99 Annex F (bit for bit as libm where an input or the result
/// is NaN, ±0 or ±inf, within the bound otherwise); the scalar-`y` entry point and in place
/// give the same bits as two slices.
fn binary_pairs<T: TestReal>(isa: Isa) {
    let seed = seed();
    for f in binary() {
        let (mut xs, mut ys): (Vec<T>, Vec<T>) = inputs::random_pairs(1 << 17, seed ^ f as u64);
        let (hx, hy): (Vec<T>, Vec<T>) = inputs::hard_pairs(f, 1 << 17, seed);
        xs.extend(hx);
        ys.extend(hy);
        let mut out = vec![T::default(); xs.len()];
        simdmath::eval2_with(isa, f, &xs, &ys, &mut out);
        let b = bound::<T>(f);
        let mut worst = (0u64, 0usize);
        for i in 0..xs.len() {
            let d = ulp_distance(out[i], T::reference2(f, xs[i], ys[i]));
            if d > worst.0 {
                worst = (d, i);
            }
        }
        let i = worst.1;
        assert!(
            worst.0 <= b,
            "{f} {} on {isa}: {} ulp at ({:e}, {:e}) (bits {:#x}, {:#x}): got {:e}, want {:e}; seed {seed}",
            T::NAME,
            worst.0,
            xs[i].to_f64(),
            ys[i].to_f64(),
            xs[i].bits_(),
            ys[i].bits_(),
            out[i].to_f64(),
            T::reference2(f, xs[i], ys[i]).to_f64()
        );
        // One scalar y for the whole slice, and in place, agree with two slices.
        for &y in &ys[..64] {
            let ybuf = vec![y; 257];
            let (mut a, mut c) = (vec![T::default(); 257], xs[..257].to_vec());
            simdmath::eval2_scalar_with(isa, f, &xs[..257], y, &mut a);
            let mut bb = vec![T::default(); 257];
            simdmath::eval2_with(isa, f, &xs[..257], &ybuf, &mut bb);
            simdmath::eval2_scalar_in_place_with(isa, f, &mut c, y);
            for k in 0..257 {
                assert_eq!(
                    a[k].bits_(),
                    bb[k].bits_(),
                    "{f}: scalar y differs from a slice of y"
                );
                assert_eq!(a[k].bits_(), c[k].bits_(), "{f}: in place differs");
            }
        }
        let (sx, sy): (Vec<T>, Vec<T>) = inputs::special_pairs(f);
        let mut so = vec![T::default(); sx.len()];
        simdmath::eval2_with(isa, f, &sx, &sy, &mut so);
        let special = |v: T| v.is_nan_() || v.to_f64() == 0.0 || v.to_f64().is_infinite();
        for i in 0..sx.len() {
            let libm = T::libm2(f, sx[i], sy[i]);
            let ok = if special(sx[i]) || special(sy[i]) || special(libm) {
                (so[i].is_nan_() && libm.is_nan_()) || so[i].bits_() == libm.bits_()
            } else {
                ulp_distance(so[i], T::reference2(f, sx[i], sy[i])) <= b
            };
            assert!(
                ok,
                "{f} {} on {isa}: {f}({:e}, {:e}) = {:e} ({:#x}); libm {:e} ({:#x})",
                T::NAME,
                sx[i].to_f64(),
                sy[i].to_f64(),
                so[i].to_f64(),
                so[i].bits_(),
                libm.to_f64(),
                libm.bits_()
            );
        }
    }
}

/// One-input, two-output functions (`sincos`): each output bit for bit the one-output
/// function's (`sin`, `cos`) on random bits and the hard regions, out of place and with the
/// first output in place, for every length around the vector width.
fn pair_outputs<T: TestReal>(isa: Isa) {
    for f in Func::ALL
        .iter()
        .copied()
        .filter(|f| f.arity() == simdmath::Arity::UnaryPair)
    {
        let (fa, fb) = match f {
            Func::Sincos => (Func::Sin, Func::Cos),
            _ => unimplemented!("no component functions for {f}"),
        };
        let mut xs: Vec<T> = random_bits(1 << 16, seed());
        xs.extend(inputs::hard_regions::<T>(fa, seed()));
        xs.extend(special_inputs::<T>());
        let n = xs.len();
        let (mut a, mut b) = (vec![T::default(); n], vec![T::default(); n]);
        simdmath::eval_pair_with(isa, f, &xs, &mut a, &mut b);
        let (mut wa, mut wb) = (vec![T::default(); n], vec![T::default(); n]);
        simdmath::eval_with(isa, fa, &xs, &mut wa);
        simdmath::eval_with(isa, fb, &xs, &mut wb);
        let same = |x: T, y: T| x.bits_() == y.bits_() || (x.is_nan_() && y.is_nan_());
        for i in 0..n {
            assert!(
                same(a[i], wa[i]) && same(b[i], wb[i]),
                "{f} {} on {isa}: x = {:e}: ({:e}, {:e}) but {fa}, {fb} give ({:e}, {:e})",
                T::NAME,
                xs[i].to_f64(),
                a[i].to_f64(),
                b[i].to_f64(),
                wa[i].to_f64(),
                wb[i].to_f64()
            );
        }
        for len in 0..40 {
            let mut v = xs[..len].to_vec();
            let mut c = vec![T::default(); len];
            simdmath::eval_pair_in_place_with(isa, f, &mut v, &mut c);
            for i in 0..len {
                assert!(
                    same(v[i], wa[i]) && same(c[i], wb[i]),
                    "{f}: in place, length {len}"
                );
            }
        }
    }
}

/// C99 Annex F's rules for `pow`, spelled out.
fn pow_rules<T: TestReal>(isa: Isa) {
    let p = |x: f64, y: f64| {
        let mut o = [T::default()];
        simdmath::eval2_with(isa, Func::Pow, &[T::from_f64(x)], &[T::from_f64(y)], &mut o);
        o[0]
    };
    let bits = |x: f64| T::from_f64(x).bits_();
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    for x in [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, inf, -inf, nan] {
        assert_eq!(p(x, 0.0).bits_(), bits(1.0), "pow({x}, 0)");
        assert_eq!(p(x, -0.0).bits_(), bits(1.0), "pow({x}, -0)");
    }
    for y in [0.0, 3.0, -3.0, 0.5, inf, -inf, nan] {
        assert_eq!(p(1.0, y).bits_(), bits(1.0), "pow(1, {y})");
    }
    assert_eq!(p(-1.0, inf).bits_(), bits(1.0));
    assert_eq!(p(-1.0, -inf).bits_(), bits(1.0));
    // pow(-1, y) = 1 for huge (even integer) y: Dekker's split of y in `two_prod` overflows
    // for |y| >= 0x1.ffffffcp+996 and made it NaN on the backend without FMA (glibc's test
    // expectations found it); 1.5 * 2^1000 and MAX too, and -1 for the largest odd integer.
    for y in [
        f64::from_bits(0x7e3f_ffff_fc00_0000),
        1.5 * pow2(1000),
        f64::MAX,
    ] {
        assert_eq!(p(-1.0, y).bits_(), bits(1.0), "pow(-1, {y:e})");
        assert_eq!(p(-1.0, -y).bits_(), bits(1.0), "pow(-1, -{y:e})");
    }
    let odd = if T::TOTAL_BITS == 64 {
        9007199254740991.0
    } else {
        16777215.0
    };
    assert_eq!(p(-1.0, odd).bits_(), bits(-1.0));
    assert_eq!(p(-1.0, -odd).bits_(), bits(-1.0));
    assert!(p(-1.0, 0.5).is_nan_() && p(-1.0, nan).is_nan_());
    assert!(p(-2.0, 0.5).is_nan_() && p(-0.5, 2.5).is_nan_());
    assert!(p(nan, 1.0).is_nan_() && p(2.0, nan).is_nan_());
    // Zeros: signed only for odd integer y.
    assert_eq!(p(-0.0, -3.0).bits_(), bits(-inf));
    assert_eq!(p(0.0, -3.0).bits_(), bits(inf));
    assert_eq!(p(-0.0, -2.0).bits_(), bits(inf));
    assert_eq!(p(-0.0, -0.5).bits_(), bits(inf));
    assert_eq!(p(-0.0, 3.0).bits_(), bits(-0.0));
    assert_eq!(p(-0.0, 2.0).bits_(), bits(0.0));
    assert_eq!(p(-0.0, 0.5).bits_(), bits(0.0));
    assert_eq!(p(0.0, -inf).bits_(), bits(inf));
    // Infinite y: by |x| against 1.
    assert_eq!(p(0.5, inf).bits_(), bits(0.0));
    assert_eq!(p(-0.5, -inf).bits_(), bits(inf));
    assert_eq!(p(2.0, inf).bits_(), bits(inf));
    assert_eq!(p(-2.0, -inf).bits_(), bits(0.0));
    // Infinite x.
    assert_eq!(p(-inf, -3.0).bits_(), bits(-0.0));
    assert_eq!(p(-inf, -2.0).bits_(), bits(0.0));
    assert_eq!(p(-inf, 3.0).bits_(), bits(-inf));
    assert_eq!(p(-inf, 2.5).bits_(), bits(inf));
    assert_eq!(p(inf, -0.5).bits_(), bits(0.0));
    assert_eq!(p(inf, 0.5).bits_(), bits(inf));
    // Negative x with integer y: (-1)^y |x|^y; overflow and underflow keep the sign.
    assert_eq!(p(-2.0, 3.0).bits_(), bits(-8.0));
    assert_eq!(p(-2.0, 4.0).bits_(), bits(16.0));
    assert_eq!(p(-10.0, 1001.0).bits_(), bits(-inf));
    assert_eq!(p(-10.0, -1001.0).bits_(), bits(-0.0));
    assert_eq!(p(10.0, 1000.0).bits_(), bits(inf));
    assert_eq!(p(10.0, -1000.0).bits_(), bits(0.0));
    // A signaling NaN gives NaN even where a quiet one gives 1 (glibc; IEEE 754-2019 9.2.1).
    let pt = |x: T, y: T| {
        let mut o = [T::default()];
        simdmath::eval2_with(isa, Func::Pow, &[x], &[y], &mut o);
        o[0]
    };
    for s in snans::<T>() {
        for z in [0.0, -0.0] {
            let z = T::from_f64(z);
            assert!(pt(s, z).is_nan_(), "pow(sNaN, {z:?})");
            assert!(
                T::libm2(Func::Pow, s, z).is_nan_(),
                "glibc pow(sNaN, {z:?})"
            );
        }
        let one = T::from_f64(1.0);
        assert!(pt(one, s).is_nan_(), "pow(1, sNaN)");
        assert!(T::libm2(Func::Pow, one, s).is_nan_(), "glibc pow(1, sNaN)");
    }
}

/// Signaling NaNs of both signs (quiet bit clear), built from bits.
fn snans<T: TestReal>() -> [T; 2] {
    let b = if T::TOTAL_BITS == 64 {
        0x7ff4_0000_0000_0000
    } else {
        0x7fa0_0000
    };
    let sign = 1u64 << (T::TOTAL_BITS - 1);
    [T::from_bits_(b), T::from_bits_(b | sign)]
}

/// C99 Annex F's rules for `atan2(y, x)` (first input `y`), spelled out.
fn atan2_rules<T: TestReal>(isa: Isa) {
    let a = |y: f64, x: f64| {
        let mut o = [T::default()];
        simdmath::eval2_with(
            isa,
            Func::Atan2,
            &[T::from_f64(y)],
            &[T::from_f64(x)],
            &mut o,
        );
        o[0]
    };
    let libm = |y: f64, x: f64| T::libm2(Func::Atan2, T::from_f64(y), T::from_f64(x)).bits_();
    let bits = |x: f64| T::from_f64(x).bits_();
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    let (pi, pio2, pio4) = (
        std::f64::consts::PI,
        std::f64::consts::FRAC_PI_2,
        std::f64::consts::FRAC_PI_4,
    );
    for s in [1.0, -1.0] {
        let z = s * 0.0;
        assert_eq!(a(z, 0.0).bits_(), bits(z), "atan2({z}, +0)");
        assert_eq!(a(z, -0.0).bits_(), bits(s * pi), "atan2({z}, -0)");
        assert_eq!(a(z, -2.0).bits_(), bits(s * pi), "atan2({z}, -2)");
        assert_eq!(a(z, 2.0).bits_(), bits(z), "atan2({z}, 2)");
        assert_eq!(a(s * 3.0, 0.0).bits_(), bits(s * pio2));
        assert_eq!(a(s * 3.0, -0.0).bits_(), bits(s * pio2));
        assert_eq!(a(s * 3.0, -inf).bits_(), bits(s * pi));
        assert_eq!(a(s * 3.0, inf).bits_(), bits(z));
        assert_eq!(a(s * inf, 3.0).bits_(), bits(s * pio2));
        assert_eq!(a(s * inf, -3.0).bits_(), bits(s * pio2));
        assert_eq!(a(s * inf, inf).bits_(), bits(s * pio4));
        assert_eq!(a(s * inf, -inf).bits_(), libm(s * inf, -inf));
        assert_eq!(a(s * 1.0, 1.0).bits_(), bits(s * pio4));
        assert_eq!(a(s * 1.0, -1.0).bits_(), libm(s * 1.0, -1.0));
    }
    assert!(a(nan, 1.0).is_nan_() && a(1.0, nan).is_nan_() && a(nan, inf).is_nan_());
    assert!(a(inf, nan).is_nan_() && a(0.0, nan).is_nan_());
}

/// C99 Annex F's rules for `hypot`, spelled out.
fn hypot_rules<T: TestReal>(isa: Isa) {
    let h = |x: f64, y: f64| {
        let mut o = [T::default()];
        simdmath::eval2_with(
            isa,
            Func::Hypot,
            &[T::from_f64(x)],
            &[T::from_f64(y)],
            &mut o,
        );
        o[0]
    };
    let bits = |x: f64| T::from_f64(x).bits_();
    let (inf, nan) = (f64::INFINITY, f64::NAN);
    for v in [0.0, -0.0, 1.0, -2.5, inf, -inf, nan, f64::MAX] {
        assert_eq!(h(inf, v).bits_(), bits(inf), "hypot(inf, {v})");
        assert_eq!(h(-inf, v).bits_(), bits(inf), "hypot(-inf, {v})");
        assert_eq!(h(v, inf).bits_(), bits(inf), "hypot({v}, inf)");
        assert_eq!(h(v, -inf).bits_(), bits(inf), "hypot({v}, -inf)");
    }
    assert!(h(nan, 1.0).is_nan_() && h(1.0, nan).is_nan_() && h(nan, 0.0).is_nan_());
    assert_eq!(h(0.0, 0.0).bits_(), bits(0.0));
    assert_eq!(h(-0.0, -0.0).bits_(), bits(0.0));
    assert_eq!(h(-3.0, 0.0).bits_(), bits(3.0));
    assert_eq!(h(-0.0, -7.5).bits_(), bits(7.5));
    assert_eq!(h(3.0, -4.0).bits_(), bits(5.0));
    assert_eq!(h(-5.0, 12.0).bits_(), bits(13.0));
    let max = if T::TOTAL_BITS == 64 {
        f64::MAX
    } else {
        f32::MAX as f64
    };
    assert_eq!(h(max, max).bits_(), bits(inf));
    assert_eq!(h(max, 1.0).bits_(), bits(max));
    let tiny = if T::TOTAL_BITS == 64 {
        5e-324
    } else {
        f32::from_bits(1) as f64
    };
    assert_eq!(h(tiny, 0.0).bits_(), bits(tiny));
    assert_eq!(h(3.0 * tiny, 4.0 * tiny).bits_(), bits(5.0 * tiny));
    // A signaling NaN gives NaN even beside an infinity (glibc).
    let ht = |x: T, y: T| {
        let mut o = [T::default()];
        simdmath::eval2_with(isa, Func::Hypot, &[x], &[y], &mut o);
        o[0]
    };
    for s in snans::<T>() {
        for i in [inf, -inf] {
            let i = T::from_f64(i);
            assert!(
                ht(i, s).is_nan_() && ht(s, i).is_nan_(),
                "hypot({i:?}, sNaN)"
            );
            assert!(
                T::libm2(Func::Hypot, i, s).is_nan_(),
                "glibc hypot({i:?}, sNaN)"
            );
        }
    }
}

/// Same bits as core-math (NaN for NaN), the correctly rounded tier's criterion.
fn same_bits(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// The correctly rounded `f32` tier on this backend: the same bits as core-math on random bit
/// patterns over every exponent, the hard regions, the special values, and every input of the
/// function's exceptions list with its neighbours (a wrong entry, a missing one or a broken
/// lookup fails here on every backend, before the exhaustive test).
fn correctly_rounded_f32(isa: Isa) {
    let seed = seed();
    for f in unary() {
        if f.info().max_ulp_f32_cr.is_none() {
            continue;
        }
        let ex = simdmath_kernels::cr::exceptions(f.name()).expect("a list per function");
        let mut xs: Vec<f32> = random_bits(1 << 17, seed ^ f as u64 ^ 0xc0);
        xs.extend(inputs::hard_regions::<f32>(f, seed));
        xs.extend(special_inputs::<f32>());
        for &(x, r) in ex {
            assert!(
                same_bits(f32::from_bits(r), f32::reference(f, f32::from_bits(x))),
                "{f}: the exceptions list says {r:#010x} for {x:#010x}, core-math disagrees"
            );
            xs.extend((x.saturating_sub(2)..=x.saturating_add(2)).map(f32::from_bits));
        }
        let mut out = vec![0f32; xs.len()];
        simdmath::eval_with_accuracy(isa, Accuracy::CorrectlyRounded, f, &xs, &mut out);
        let bad: Vec<_> = xs
            .iter()
            .zip(&out)
            .filter(|&(&x, &y)| !same_bits(y, f32::reference(f, x)))
            .take(5)
            .map(|(&x, &y)| {
                format!(
                    "x = {x:e} ({:#010x}) gave {y:e} ({:#010x}), core-math {:e}",
                    x.to_bits(),
                    y.to_bits(),
                    f32::reference(f, x)
                )
            })
            .collect();
        assert!(
            bad.is_empty(),
            "correctly rounded {f} f32 on {isa} (seed {seed}): {}",
            bad.join("; ")
        );
        // In place gives the same bits.
        let mut inplace = xs.clone();
        simdmath::eval_in_place_with_accuracy(isa, Accuracy::CorrectlyRounded, f, &mut inplace);
        assert!(inplace.iter().zip(&out).all(|(&a, &b)| same_bits(a, b)));
    }
}

macro_rules! per_backend {
    ($($m:ident => $isa:expr),* $(,)?) => {$(
        mod $m {
            use super::*;
            fn isa() -> Option<Isa> {
                let isa: Isa = $isa;
                if isa.is_available() {
                    Some(isa)
                } else {
                    eprintln!("skipped: {isa} is not available on this CPU");
                    None
                }
            }
            macro_rules! t {
                ($name:ident, $body:ident, $T:ty) => {
                    #[test]
                    fn $name() {
                        if let Some(isa) = isa() {
                            $body::<$T>(isa);
                        }
                    }
                };
            }
            t!(random_all_exponents_f64, random_all_exponents, f64);
            t!(random_all_exponents_f32, random_all_exponents, f32);
            t!(hard_regions_f64, hard_regions, f64);
            t!(hard_regions_f32, hard_regions, f32);
            t!(special_values_f64, special_values, f64);
            t!(special_values_f32, special_values, f32);
            t!(special_values_explicit_f64, special_values_explicit, f64);
            t!(special_values_explicit_f32, special_values_explicit, f32);
            t!(position_independent_f64, position_independent, f64);
            t!(position_independent_f32, position_independent, f32);
            t!(binary_pairs_f64, binary_pairs, f64);
            t!(binary_pairs_f32, binary_pairs, f32);
            t!(pow_rules_f64, pow_rules, f64);
            t!(pow_rules_f32, pow_rules, f32);
            t!(pair_outputs_f64, pair_outputs, f64);
            t!(pair_outputs_f32, pair_outputs, f32);
            t!(hypot_rules_f64, hypot_rules, f64);
            t!(hypot_rules_f32, hypot_rules, f32);
            t!(atan2_rules_f64, atan2_rules, f64);
            t!(atan2_rules_f32, atan2_rules, f32);
            #[test]
            fn correctly_rounded_f32() {
                if let Some(isa) = isa() {
                    super::correctly_rounded_f32(isa);
                }
            }
            #[test]
            fn correctly_rounded_sincos_f32() {
                if let Some(isa) = isa() {
                    super::correctly_rounded_sincos_f32(isa);
                }
            }
        }
    )*};
}

per_backend!(portable => Isa::Portable, avx2 => Isa::Avx2, avx512 => Isa::Avx512, neon => Isa::Neon);

/// All inputs of the tests above.
fn all_inputs<T: TestReal>(f: Func) -> Vec<T> {
    let mut xs: Vec<T> = random_bits(1 << 18, seed() ^ f as u64);
    xs.extend(inputs::hard_regions::<T>(f, seed()));
    xs.extend(special_inputs::<T>());
    xs
}

fn fma_backends_identical<T: TestReal>() {
    if !(Isa::Avx2.is_available() && Isa::Avx512.is_available()) {
        eprintln!("skipped: needs both avx2 and avx512");
        return;
    }
    for f in unary() {
        let xs: Vec<T> = all_inputs(f);
        let (mut a, mut b, mut p) = (
            vec![T::default(); xs.len()],
            vec![T::default(); xs.len()],
            vec![T::default(); xs.len()],
        );
        simdmath::eval_with(Isa::Avx2, f, &xs, &mut a);
        simdmath::eval_with(Isa::Avx512, f, &xs, &mut b);
        simdmath::eval_with(Isa::Portable, f, &xs, &mut p);
        let same = |x: T, y: T| x.bits_() == y.bits_() || (x.is_nan_() && y.is_nan_());
        let diff = a.iter().zip(&b).filter(|&(&x, &y)| !same(x, y)).count();
        assert_eq!(
            diff,
            0,
            "{f} {}: avx2 and avx512 differ on {diff} of {} inputs",
            T::NAME,
            xs.len()
        );
        let pdiff = a.iter().zip(&p).filter(|&(&x, &y)| !same(x, y)).count();
        println!(
            "{f} {}: avx2 == avx512 on all {} inputs; portable differs on {pdiff} ({:.3} %)",
            T::NAME,
            xs.len(),
            100.0 * pdiff as f64 / xs.len() as f64
        );
    }
}

#[test]
fn fma_backends_bit_identical_f64() {
    fma_backends_identical::<f64>();
    fma_backends_identical_binary::<f64>();
}

fn fma_backends_identical_binary<T: TestReal>() {
    if !(Isa::Avx2.is_available() && Isa::Avx512.is_available()) {
        eprintln!("skipped: needs both avx2 and avx512");
        return;
    }
    for f in binary() {
        let (mut xs, mut ys): (Vec<T>, Vec<T>) = inputs::random_pairs(1 << 16, seed());
        let (hx, hy): (Vec<T>, Vec<T>) = inputs::hard_pairs(f, 1 << 16, seed());
        let (sx, sy): (Vec<T>, Vec<T>) = inputs::special_pairs(f);
        xs.extend(hx.into_iter().chain(sx));
        ys.extend(hy.into_iter().chain(sy));
        let (mut a, mut b) = (vec![T::default(); xs.len()], vec![T::default(); xs.len()]);
        simdmath::eval2_with(Isa::Avx2, f, &xs, &ys, &mut a);
        simdmath::eval2_with(Isa::Avx512, f, &xs, &ys, &mut b);
        let diff = a
            .iter()
            .zip(&b)
            .filter(|&(&x, &y)| x.bits_() != y.bits_() && !(x.is_nan_() && y.is_nan_()))
            .count();
        assert_eq!(
            diff,
            0,
            "{f} {}: avx2 and avx512 differ on {diff} pairs",
            T::NAME
        );
    }
}

#[test]
fn fma_backends_bit_identical_f32() {
    fma_backends_identical::<f32>();
    fma_backends_identical_binary::<f32>();
}

/// The checker itself can fail: a result moved by 2 ulps is caught, 1 ulp is within bound,
/// a NaN where a number is due is caught, and ±0 count as equal only for the distance.
#[test]
fn checker_catches_perturbed_results() {
    let xs: Vec<f64> = uniform(1000, -5.0, 5.0, 9);
    let mut out = vec![0.0; xs.len()];
    simdmath::eval(Func::Exp, &xs, &mut out);
    assert!(compare(Func::Exp, &xs, &out, 1).max <= 1);
    let cr: Vec<f64> = xs.iter().map(|&x| core_math::exp(x)).collect();
    let mut bad = cr.clone();
    bad[500] = f64::from_bits(bad[500].to_bits() + 2);
    let rep = compare(Func::Exp, &xs, &bad, 1);
    assert_eq!((rep.max, rep.over), (2, 1));
    assert_eq!(rep.worst_x, xs[500]);
    bad[500] = f64::from_bits(cr[500].to_bits() - 1);
    assert_eq!(compare(Func::Exp, &xs, &bad, 1).max, 1);
    bad[10] = f64::NAN;
    assert_eq!(compare(Func::Exp, &xs, &bad, 1).max, u64::MAX);
    assert_eq!(ulp_distance(0.0f64, -0.0), 0);
    assert_eq!(ulp_distance(f64::from_bits(1), -f64::from_bits(1)), 2);
    assert_eq!(ulp_distance(1.0f32, 1.0 - f32::EPSILON / 2.0), 1);
    assert_eq!(ulp_distance(f64::INFINITY, f64::MAX), 1);
}

/// Every `f32` input, every function, on the dispatched best backend (CI) or, with
/// `SIMDMATH_TEST_ALL_ISAS=1`, on every backend this CPU runs: `cargo test --release --test
/// accuracy -- --ignored --nocapture exhaustive` (about 40 s per function and backend on two
/// cores).
#[test]
#[ignore = "exhaustive: all 2^32 f32 inputs, minutes; run with --ignored"]
fn exhaustive_f32() {
    let isas = if std::env::var("SIMDMATH_TEST_ALL_ISAS").is_ok_and(|v| v == "1") {
        Isa::available()
    } else {
        vec![Isa::best()]
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // SIMDMATH_TEST_FUNCS=exp,log limits the run to those functions.
    let only = std::env::var("SIMDMATH_TEST_FUNCS").unwrap_or_default();
    for f in unary() {
        if !only.is_empty() && !only.split(',').any(|n| n == f.name()) {
            continue;
        }
        let bound = bound::<f32>(f);
        let has_cr = f.info().max_ulp_f32_cr.is_some();
        let t0 = std::time::Instant::now();
        // Per ISA: (max distance, count over bound, count not correctly rounded, worst input).
        type Acc = (Vec<(u64, u64, u64, u32)>, Vec<(u64, u32)>);
        let per_thread: Vec<Acc> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..threads)
                .map(|t| {
                    let isas = &isas;
                    s.spawn(move || {
                        let mut acc = vec![(0u64, 0u64, 0u64, 0u32); isas.len()];
                        // Per ISA: (results of the correctly rounded tier not core-math's bits,
                        // first such input).
                        let mut cr_acc = vec![(0u64, 0u32); isas.len()];
                        const CH: u64 = 1 << 16;
                        let mut xs = vec![0f32; CH as usize];
                        let mut ys = vec![0f32; CH as usize];
                        let mut refs = vec![0f32; CH as usize];
                        let mut c = t as u64;
                        while c * CH < 1 << 32 {
                            for (i, x) in xs.iter_mut().enumerate() {
                                *x = f32::from_bits((c * CH) as u32 + i as u32);
                            }
                            for (r, &x) in refs.iter_mut().zip(&xs) {
                                *r = f32::reference(f, x);
                            }
                            for (k, &isa) in isas.iter().enumerate() {
                                simdmath::eval_with(isa, f, &xs, &mut ys);
                                for i in 0..xs.len() {
                                    let d = ulp_distance(ys[i], refs[i]);
                                    let a = &mut acc[k];
                                    if d > a.0 {
                                        a.0 = d;
                                        a.3 = xs[i].to_bits();
                                    }
                                    a.1 += (d > bound) as u64;
                                    a.2 += (d > 0) as u64;
                                }
                                if has_cr {
                                    simdmath::eval_with_accuracy(
                                        isa,
                                        Accuracy::CorrectlyRounded,
                                        f,
                                        &xs,
                                        &mut ys,
                                    );
                                    for i in 0..xs.len() {
                                        if !same_bits(ys[i], refs[i]) {
                                            if cr_acc[k].0 == 0 {
                                                cr_acc[k].1 = xs[i].to_bits();
                                            }
                                            cr_acc[k].0 += 1;
                                        }
                                    }
                                }
                            }
                            c += threads as u64;
                        }
                        (acc, cr_acc)
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (k, isa) in isas.iter().enumerate() {
            let (mut max, mut over, mut notcr, mut worst) = (0, 0, 0, 0);
            let (mut cr_wrong, mut cr_first) = (0u64, 0u32);
            for (acc, cr_acc) in &per_thread {
                if cr_acc[k].0 > 0 && cr_wrong == 0 {
                    cr_first = cr_acc[k].1;
                }
                cr_wrong += cr_acc[k].0;
                let a = acc[k];
                if a.0 > max {
                    max = a.0;
                    worst = a.3;
                }
                over += a.1;
                notcr += a.2;
            }
            println!(
                "exhaustive {f} f32 {isa:8}: max {max} ulp (worst x = {:e}, {worst:#010x}), {notcr} of 2^32 not correctly rounded ({:.4} %), {over} over bound [{:.0} s]",
                f32::from_bits(worst),
                100.0 * notcr as f64 / 2f64.powi(32),
                t0.elapsed().as_secs_f64()
            );
            if has_cr {
                println!(
                    "exhaustive {f} f32 {isa:8} correctly rounded tier: {cr_wrong} of 2^32 differ from core-math ({} exceptions listed)",
                    simdmath_kernels::cr::exceptions(f.name()).map_or(0, |e| e.len())
                );
            }
            assert_eq!(
                over, 0,
                "{f} f32 on {isa}: {over} inputs over the bound of {bound} ulp (worst {worst:#010x})"
            );
            assert_eq!(
                cr_wrong, 0,
                "correctly rounded {f} f32 on {isa}: {cr_wrong} inputs differ from core-math (first {cr_first:#010x})"
            );
        }
    }
}

/// `f32` two-input functions on 10^9 random pairs (half random bit patterns, half moderate;
/// see `inputs::random_pairs`) plus 2^24 hard pairs, on the best backend:
/// `cargo test --release --test accuracy -- --ignored --nocapture exhaustive` runs it with the
/// exhaustive test (about a minute per function on two cores).
#[test]
#[ignore = "10^9 pairs, a minute; run with --ignored"]
fn exhaustive_binary_f32_billion_pairs() {
    let isa = Isa::best();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    const CH: usize = 1 << 20;
    let chunks = 1_000_000_000usize.div_ceil(CH) + 16; // + 16 chunks of hard pairs
    for f in binary() {
        let bound = bound::<f32>(f);
        let t0 = std::time::Instant::now();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<(u64, u64, u64, (f32, f32))> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..threads)
                .map(|_| {
                    let next = &next;
                    s.spawn(move || {
                        let (mut max, mut over, mut notcr, mut worst) =
                            (0u64, 0u64, 0u64, (0.0, 0.0));
                        let mut out = vec![0f32; CH];
                        loop {
                            let c = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            if c >= chunks {
                                break;
                            }
                            let (xs, ys): (Vec<f32>, Vec<f32>) = if c < 16 {
                                inputs::hard_pairs(f, CH, 0xbead ^ c as u64)
                            } else {
                                inputs::random_pairs(CH, 0x5eed_0000 + c as u64)
                            };
                            simdmath::eval2_with(isa, f, &xs, &ys, &mut out);
                            for i in 0..CH {
                                let d = ulp_distance(out[i], f32::reference2(f, xs[i], ys[i]));
                                if d > max {
                                    max = d;
                                    worst = (xs[i], ys[i]);
                                }
                                over += (d > bound) as u64;
                                notcr += (d > 0) as u64;
                            }
                        }
                        (max, over, notcr, worst)
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let max = results.iter().map(|r| r.0).max().unwrap_or(0);
        let over: u64 = results.iter().map(|r| r.1).sum();
        let notcr: u64 = results.iter().map(|r| r.2).sum();
        let worst = results
            .iter()
            .max_by_key(|r| r.0)
            .map(|r| r.3)
            .unwrap_or((0.0, 0.0));
        let n = (chunks * CH) as f64;
        println!(
            "pairs {f} f32 {isa}: {} pairs, max {max} ulp (worst {:e}, {:e}), {notcr} not correctly rounded ({:.5} %), {over} over bound [{:.0} s]",
            chunks * CH,
            worst.0,
            worst.1,
            100.0 * notcr as f64 / n,
            t0.elapsed().as_secs_f64()
        );
        assert_eq!(
            over, 0,
            "{f} f32 on {isa}: {over} pairs over the bound of {bound} ulp"
        );
    }
}

/// The correctly rounded `sincos` is bit for bit the tier's `sin` and `cos`, on this backend and
/// through the pool (so the exhaustive check of sin and cos covers it).
fn correctly_rounded_sincos_f32(isa: Isa) {
    let mut xs: Vec<f32> = random_bits(1 << 17, seed() ^ 0x5c);
    xs.extend(inputs::hard_regions::<f32>(Func::Sin, seed()));
    xs.extend(special_inputs::<f32>());
    let n = xs.len();
    let (mut s, mut c) = (vec![0f32; n], vec![0f32; n]);
    let cr = Accuracy::CorrectlyRounded;
    simdmath::eval_pair_with_accuracy(isa, cr, Func::Sincos, &xs, &mut s, &mut c);
    let (mut s1, mut c1) = (vec![0f32; n], vec![0f32; n]);
    simdmath::eval_with_accuracy(isa, cr, Func::Sin, &xs, &mut s1);
    simdmath::eval_with_accuracy(isa, cr, Func::Cos, &xs, &mut c1);
    for i in 0..n {
        assert!(
            same_bits(s[i], s1[i]) && same_bits(c[i], c1[i]),
            "sincos cr f32 on {isa} at x = {:e}: ({:e}, {:e}) against sin {:e}, cos {:e}",
            xs[i],
            s[i],
            c[i],
            s1[i],
            c1[i]
        );
    }
    let pool = simdmath::Pool::with_threads(2).unwrap();
    let (mut ps, mut pc) = (vec![0f32; n], vec![0f32; n]);
    pool.eval_pair_with_accuracy(isa, cr, Func::Sincos, &xs, &mut ps, &mut pc);
    assert!((0..n).all(|i| same_bits(ps[i], s[i]) && same_bits(pc[i], c[i])));
}

#[test]
#[should_panic(expected = "no correctly rounded f64 kernel exists yet (exp)")]
fn correctly_rounded_f64_panics() {
    let mut y = [0.0f64; 2];
    simdmath::eval_with_accuracy(
        Isa::best(),
        Accuracy::CorrectlyRounded,
        Func::Exp,
        &[1.0, 2.0],
        &mut y,
    );
}

#[test]
#[should_panic(expected = "pow has no correctly rounded tier")]
fn correctly_rounded_pow_panics() {
    let mut y = [0.0f32; 2];
    simdmath::eval_in_place_with_accuracy(
        Isa::best(),
        Accuracy::CorrectlyRounded,
        Func::Pow,
        &mut y,
    );
}

#[test]
#[should_panic(expected = "no correctly rounded f64 kernel")]
fn pool_correctly_rounded_f64_panics_on_the_callers_thread() {
    let pool = simdmath::Pool::with_threads(2).unwrap();
    let mut v = vec![1.0f64; 100_000];
    pool.eval_in_place_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Log, &mut v);
}

/// `Accuracy::Faithful` is `eval_with`, bit for bit, and the pool gives the one-thread bits.
#[test]
fn accuracy_tiers_through_the_pool() {
    let pool = simdmath::Pool::with_threads(2).unwrap();
    let xs: Vec<f32> = random_bits(300_001, seed());
    for f in [Func::Exp, Func::Log, Func::Sin, Func::Cos, Func::Atan] {
        let mut a = vec![0f32; xs.len()];
        let mut b = vec![0f32; xs.len()];
        simdmath::eval_with(Isa::best(), f, &xs, &mut a);
        simdmath::eval_with_accuracy(Isa::best(), Accuracy::Faithful, f, &xs, &mut b);
        assert!(a.iter().zip(&b).all(|(&p, &q)| same_bits(p, q)));
        simdmath::eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, f, &xs, &mut a);
        pool.eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, f, &xs, &mut b);
        assert!(a.iter().zip(&b).all(|(&p, &q)| same_bits(p, q)), "{f}");
        let mut c = xs.clone();
        pool.eval_in_place_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, f, &mut c);
        assert!(a.iter().zip(&c).all(|(&p, &q)| same_bits(p, q)), "{f}");
    }
}
