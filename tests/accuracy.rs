//! Accuracy of every function × type × backend against the correctly rounded `core-math`:
//! random inputs over every exponent, the hard regions of each function, special values (which
//! must match glibc's libm bit for bit), the tail handling, and the agreement of the FMA
//! backends. One test body per property, instantiated for every backend; a backend this CPU
//! cannot run is reported and skipped. Seeds are printed on failure (`SIMDMATH_TEST_SEED`).

mod common;
use common::*;
use simdmath::{Func, Isa};

/// Inputs where each function is hardest, for type `T`.
fn hard_inputs<T: TestReal>(f: Func, seed: u64) -> Vec<T> {
    let f64mode = T::TOTAL_BITS == 64;
    let c = |x: f64| T::from_f64(x);
    let mut v: Vec<T> = Vec::new();
    match f {
        Func::Exp => {
            let (ovf, min_norm, zero, lo, hi) = if f64mode {
                (
                    709.782712893384,
                    -708.3964185322641,
                    -745.1332191019411,
                    -746.0,
                    710.0,
                )
            } else {
                (88.72284, -87.33655, -103.97208, -104.0, 89.0)
            };
            for x in [ovf, min_norm, zero, -ovf, 0.0] {
                v.extend(around(c(x), 2000));
            }
            v.extend(uniform::<T>(1 << 15, lo, hi, seed));
            v.extend(uniform::<T>(1 << 14, zero - 0.5, min_norm + 0.5, seed + 1)); // subnormal results
            v.extend(uniform::<T>(1 << 13, -1e-6, 1e-6, seed + 2));
            for k in -1100i32..1100 {
                v.extend(around(c(k as f64 * std::f64::consts::LN_2), 2));
                v.extend(around(c((k as f64 + 0.5) * std::f64::consts::LN_2), 2));
            }
        }
        Func::Log => {
            v.extend(around(c(1.0), 3000));
            v.extend(uniform::<T>(1 << 14, 0.5, 2.0, seed));
            // Subnormals: random mantissas with a zero exponent field.
            let mut r = SplitMix(seed + 3);
            let mant = if f64mode {
                (1u64 << 52) - 1
            } else {
                (1u64 << 23) - 1
            };
            v.extend((0..(1 << 14)).map(|_| T::from_bits_(r.next_u64() & mant)));
            v.extend(around(T::from_bits_(1), 100));
            let max = if f64mode { f64::MAX } else { f32::MAX as f64 };
            v.extend(around(c(max), 1000).into_iter().filter(|x| !x.is_nan_()));
            for e in -1074..1024 {
                v.extend(around(c(2f64.powi(e)), 2));
            }
            v.extend(around(c(std::f64::consts::E), 100));
        }
        Func::Sin | Func::Cos => {
            let half_pi = std::f64::consts::FRAC_PI_2;
            // Floats nearest k*pi/2, for small k densely and large k sparsely.
            for k in 1..20_000i64 {
                v.extend(around(c(k as f64 * half_pi), 2));
            }
            let mut r = SplitMix(seed + 4);
            for _ in 0..20_000 {
                let k = (r.next_u64() >> 12) as f64; // up to 2^52
                let x = c(k * half_pi);
                v.extend(around(x, 1));
            }
            // Small arguments, subnormals.
            v.extend(uniform::<T>(1 << 13, -1e-5, 1e-5, seed + 5));
            v.extend(around(T::from_bits_(1), 50));
            v.extend(uniform::<T>(1 << 14, -10.0, 10.0, seed + 6));
            // From 1e6 up to MAX, log-uniform, both signs.
            let top = if f64mode { 308.0 } else { 38.0 };
            for _ in 0..(1 << 14) {
                let e = 6.0 + (top - 6.0) * r.unit();
                let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
                v.push(c(s * 10f64.powf(e)));
            }
            let max = if f64mode { f64::MAX } else { f32::MAX as f64 };
            v.extend(around(c(max), 50).into_iter().filter(|x| !x.is_nan_()));
            // Known hard cases: the double closest to a multiple of pi/2 (Muller), 2^1023, 1e22.
            if f64mode {
                v.extend(around(c(6381956970095103.0 * 2f64.powi(797)), 3));
                v.extend(around(c(2f64.powi(1023)), 3));
                v.extend(around(c(1e22), 3));
            }
            // The fast/slow reduction boundaries.
            for b in [1048576.0, 268435456.0] {
                v.extend(around(c(b), 20));
                v.extend(around(c(-b), 20));
            }
        }
        Func::Log2 | Func::Log10 => {
            v.extend(around(c(1.0), 3000));
            v.extend(uniform::<T>(1 << 14, 0.5, 2.0, seed));
            let mut r = SplitMix(seed + 7);
            v.extend((0..(1 << 14)).map(|_| T::from_bits_(r.next_u64() & mant_mask::<T>())));
            v.extend(around(T::from_bits_(1), 100));
            v.extend(
                around(c(max_of::<T>()), 1000)
                    .into_iter()
                    .filter(|x| !x.is_nan_()),
            );
            // Exact powers of two and of ten (log2(2^k) = k, log10(10^k) = k) and neighbours.
            for e in -1074..1024 {
                v.extend(around(c(pow2(e)), 2));
            }
            for k in -323..=308 {
                v.extend(around(c(format!("1e{k}").parse().unwrap()), 2));
            }
            // Every exponent, random mantissas.
            for e in -1022..1024 {
                v.push(c(2f64.powi(e) * (1.0 + r.unit())));
            }
        }
        Func::Log1p => {
            // Near 0 (both signs, down to the subnormals) and near -1 (from above).
            v.extend(around(c(0.0), 2000));
            v.extend(uniform::<T>(1 << 13, -1e-6, 1e-6, seed));
            v.extend(log_uniform::<T>(1 << 14, -70.0, 0.0, true, seed + 8));
            v.extend(
                around(c(-1.0), 3000)
                    .into_iter()
                    .filter(|x| x.to_f64() >= -1.0),
            );
            v.extend(uniform::<T>(1 << 14, -0.9, 10.0, seed + 9));
            v.extend(uniform::<T>(1 << 12, -1.0, -0.9, seed + 10));
            // 2^k - 1 (1 + x a power of two) and the switch at 2^-27.
            for e in -60..1024 {
                v.extend(around(c(2f64.powi(e) - 1.0), 2));
            }
            v.extend(around(c(7.450580596923828e-9), 20));
            v.extend(around(c(-7.450580596923828e-9), 20));
            v.extend(log_uniform::<T>(1 << 13, 0.0, 1023.9, false, seed + 11));
            v.extend(
                around(c(max_of::<T>()), 100)
                    .into_iter()
                    .filter(|x| !x.is_nan_()),
            );
        }
        Func::Asinh => {
            v.extend(uniform::<T>(1 << 14, -2.0, 2.0, seed));
            v.extend(log_uniform::<T>(1 << 14, -70.0, 1023.9, true, seed + 12));
            v.extend(around(c(0.0), 200));
            // The switches at 2^-26 and 2^28.
            for b in [1.4901161193847656e-8, 268435456.0] {
                v.extend(around(c(b), 50));
                v.extend(around(c(-b), 50));
            }
            v.extend(
                around(c(max_of::<T>()), 100)
                    .into_iter()
                    .filter(|x| !x.is_nan_()),
            );
            v.extend(
                around(c(-max_of::<T>()), 100)
                    .into_iter()
                    .filter(|x| !x.is_nan_()),
            );
        }
        Func::Acosh => {
            v.extend(
                around(c(1.0), 5000)
                    .into_iter()
                    .filter(|x| x.to_f64() >= 1.0),
            );
            v.extend(uniform::<T>(1 << 14, 1.0, 2.0, seed));
            v.extend(uniform::<T>(1 << 12, 0.0, 1.0, seed + 13)); // NaN
            let mut r = SplitMix(seed + 14);
            for _ in 0..(1 << 14) {
                v.push(c(1.0 + (-60.0 * r.unit()).exp2()));
            }
            v.extend(around(c(268435456.0), 50));
            v.extend(log_uniform::<T>(1 << 14, 0.0, 1023.9, false, seed + 15));
            v.extend(
                around(c(max_of::<T>()), 100)
                    .into_iter()
                    .filter(|x| !x.is_nan_()),
            );
        }
        Func::Atanh => {
            v.extend(around(c(1.0), 3000));
            v.extend(around(c(-1.0), 3000));
            v.extend(uniform::<T>(1 << 15, -1.0, 1.0, seed));
            v.extend(log_uniform::<T>(1 << 14, -70.0, 0.0, true, seed + 16));
            let mut r = SplitMix(seed + 17);
            for _ in 0..(1 << 14) {
                let s = if r.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
                v.push(c(s * (1.0 - (-54.0 * r.unit()).exp2())));
            }
            v.extend(around(c(0.0), 200));
            v.extend(around(c(1.4901161193847656e-8), 50));
            v.extend(around(c(0.5), 50));
        }
        Func::Cbrt => {
            // Exact cubes (integers and dyadic numbers) and their neighbours, both signs.
            for k in 1..(1 << 14) {
                let k3 = (k as f64).powi(3);
                v.extend(around(c(k3), 1));
                v.extend(around(c(-k3), 1));
            }
            for j in -40..40 {
                for k in 1..64 {
                    v.extend(around(c((k as f64 * 2f64.powi(j)).powi(3)), 1));
                }
            }
            let mut r = SplitMix(seed + 18);
            v.extend((0..(1 << 14)).map(|_| T::from_bits_(r.next_u64() & mant_mask::<T>())));
            let sign = 1u64 << (T::TOTAL_BITS - 1);
            v.extend(
                (0..(1 << 12)).map(|_| T::from_bits_(sign | (r.next_u64() & mant_mask::<T>()))),
            );
            v.extend(around(T::from_bits_(1), 100));
            for e in -1074..1024 {
                v.extend(around(c(pow2(e)), 2));
                v.extend(around(c(-pow2(e)), 1));
            }
            v.extend(uniform::<T>(1 << 14, -10.0, 10.0, seed));
            v.extend(
                around(c(max_of::<T>()), 100)
                    .into_iter()
                    .filter(|x| !x.is_nan_()),
            );
        }
        _ => unimplemented!("no hard inputs for {f}"),
    }
    v
}

/// `2^k` exactly, `-1074 <= k <= 1023` (`powi` underflows below `2^-1022`).
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// The largest finite value of `T`, as `f64`.
fn max_of<T: TestReal>() -> f64 {
    if T::TOTAL_BITS == 64 {
        f64::MAX
    } else {
        f32::MAX as f64
    }
}

/// The mask of the mantissa bits of `T` (random subnormals).
fn mant_mask<T: TestReal>() -> u64 {
    if T::TOTAL_BITS == 64 {
        (1u64 << 52) - 1
    } else {
        (1u64 << 23) - 1
    }
}

/// `n` values `±2^u`, `u` uniform in `[lo, hi]` (random signs if `signed`), rounded to `T`.
fn log_uniform<T: TestReal>(n: usize, lo: f64, hi: f64, signed: bool, seed: u64) -> Vec<T> {
    let mut r = SplitMix(seed);
    (0..n)
        .map(|_| {
            let s = if signed && r.next_u64() & 1 == 1 {
                -1.0
            } else {
                1.0
            };
            T::from_f64(s * (lo + (hi - lo) * r.unit()).exp2())
        })
        .collect()
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
    for &f in Func::ALL {
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
    for &f in Func::ALL {
        let xs: Vec<T> = hard_inputs(f, seed);
        let rep = check(isa, f, &xs, bound::<T>(f));
        assert_report("hard regions", isa, f, &rep, bound::<T>(f), seed);
    }
}

fn special_values<T: TestReal>(isa: Isa) {
    for &f in Func::ALL {
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
}

/// Every length and offset gives the same result per element: the tail goes through the same
/// kernel, in place and out of place agree.
fn position_independent<T: TestReal>(isa: Isa) {
    for &f in Func::ALL {
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
        }
    )*};
}

per_backend!(portable => Isa::Portable, avx2 => Isa::Avx2, avx512 => Isa::Avx512);

/// All inputs of the tests above.
fn all_inputs<T: TestReal>(f: Func) -> Vec<T> {
    let mut xs: Vec<T> = random_bits(1 << 18, seed() ^ f as u64);
    xs.extend(hard_inputs::<T>(f, seed()));
    xs.extend(special_inputs::<T>());
    xs
}

fn fma_backends_identical<T: TestReal>() {
    if !(Isa::Avx2.is_available() && Isa::Avx512.is_available()) {
        eprintln!("skipped: needs both avx2 and avx512");
        return;
    }
    for &f in Func::ALL {
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
}

#[test]
fn fma_backends_bit_identical_f32() {
    fma_backends_identical::<f32>();
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
    for &f in Func::ALL {
        if !only.is_empty() && !only.split(',').any(|n| n == f.name()) {
            continue;
        }
        let bound = bound::<f32>(f);
        let t0 = std::time::Instant::now();
        // Per ISA: (max distance, count over bound, count not correctly rounded, worst input).
        let per_thread: Vec<Vec<(u64, u64, u64, u32)>> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..threads)
                .map(|t| {
                    let isas = &isas;
                    s.spawn(move || {
                        let mut acc = vec![(0u64, 0u64, 0u64, 0u32); isas.len()];
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
                            }
                            c += threads as u64;
                        }
                        acc
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (k, isa) in isas.iter().enumerate() {
            let (mut max, mut over, mut notcr, mut worst) = (0, 0, 0, 0);
            for acc in &per_thread {
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
            assert_eq!(
                over, 0,
                "{f} f32 on {isa}: {over} inputs over the bound of {bound} ulp (worst {worst:#010x})"
            );
        }
    }
}
