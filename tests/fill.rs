//! The random fill (issue 13): identical for every thread count, chunking and instruction set,
//! every one of the 53 (`f64`) and 24 (`f32`) bits in use, uniform (chi-square and
//! Kolmogorov-Smirnov with fixed seeds), and the fused pipeline bit for bit equal to the two
//! passes it replaces. Golden values are in tests/pool.rs (unchanged by the per-ISA fill).

#[path = "common/spawn.rs"]
mod spawn;

use simdmath::{Func, Isa, Pool, random};
use std::sync::OnceLock;

fn pools() -> &'static [Pool] {
    static POOLS: OnceLock<Vec<Pool>> = OnceLock::new();
    POOLS.get_or_init(|| {
        [1, 2, 3]
            .iter()
            .map(|&t| Pool::with_threads(t).unwrap())
            .collect()
    })
}

/// Lengths around the lockstep group (8), the block (8192), the pool's chunk (8192 f64 /
/// 16384 f32) and the fused pipeline's piece (2048 f64 / 4096 f32).
const LENGTHS: [usize; 12] = [
    0, 1, 7, 9, 2047, 2049, 4097, 8191, 8193, 16_385, 40_961, 100_003,
];

#[test]
fn fill_identical_across_chunkings() {
    let n = 100_003;
    let whole: Vec<f64> = random::uniform_vec(None, 99, n, 0.0, 1.0);
    let whole32: Vec<f32> = random::uniform_vec(None, 99, n, 0.0, 1.0);
    // Cut into windows of every awkward length, each filled on its own from its start index.
    for step in [1usize, 3, 8, 13, 1000, 2048, 8191, 8193, 30_000] {
        let mut got = vec![0.0f64; n];
        let mut got32 = vec![0.0f32; n];
        let mut s = 0;
        while s < n {
            let e = (s + step).min(n);
            random::fill_uniform_at(99, s, &mut got[s..e], 0.0, 1.0);
            random::fill_uniform_at(99, s, &mut got32[s..e], 0.0, 1.0);
            s = e;
        }
        assert!(got == whole, "f64 windows of {step}");
        assert!(got32 == whole32, "f32 windows of {step}");
    }
    for pool in pools() {
        let v: Vec<f64> = random::uniform_vec(Some(pool), 99, n, 0.0, 1.0);
        assert!(v == whole, "f64 on {} threads", pool.threads());
        let v: Vec<f32> = random::uniform_vec(Some(pool), 99, n, 0.0, 1.0);
        assert!(v == whole32, "f32 on {} threads", pool.threads());
    }
}

/// The integer each value encodes: `u * 2^bits`, which must be a whole number below `2^bits`.
fn to_int(u: f64, bits: u32) -> u64 {
    let m = u * (1u64 << bits) as f64;
    assert!(
        m.fract() == 0.0 && m >= 0.0 && m < (1u64 << bits) as f64,
        "{u}"
    );
    m as u64
}

/// Every bit of the `bits`-bit integers set in close to half of the values: a stuck or missing
/// bit (always 0 or always 1, e.g. a 52-bit mapping) is far outside 6 standard deviations.
fn check_bits(ints: &[u64], bits: u32) {
    let n = ints.len() as f64;
    let sd = (n / 4.0).sqrt();
    for k in 0..bits {
        let ones = ints.iter().filter(|&&m| m >> k & 1 == 1).count() as f64;
        assert!(
            (ones - n / 2.0).abs() < 6.0 * sd,
            "bit {k} of {bits}: set in {ones} of {n} values"
        );
    }
    assert!(ints.iter().all(|&m| m < 1 << bits));
}

#[test]
fn every_bit_is_used() {
    let n = 1 << 16;
    let v: Vec<f64> = random::uniform_vec(None, 2024, n, 0.0, 1.0);
    check_bits(&v.iter().map(|&u| to_int(u, 53)).collect::<Vec<_>>(), 53);
    let w: Vec<f32> = random::uniform_vec(None, 2024, n, 0.0, 1.0);
    check_bits(
        &w.iter()
            .map(|&u| to_int(f64::from(u), 24))
            .collect::<Vec<_>>(),
        24,
    );
    // Values as small as 2^-53 (f64) and 2^-24 (f32) occur in principle; the lowest bit is
    // exercised above, and 0 itself is reachable: both are multiples of the step.
}

/// Chi-square over `bins` equal bins of `[0, 1)`, and the Kolmogorov-Smirnov statistic
/// `sqrt(n) * D`.
fn uniformity(us: &mut [f64], bins: usize) -> (f64, f64) {
    let n = us.len() as f64;
    let mut counts = vec![0u64; bins];
    for &u in us.iter() {
        counts[((u * bins as f64) as usize).min(bins - 1)] += 1;
    }
    let e = n / bins as f64;
    let chi2 = counts.iter().map(|&c| (c as f64 - e).powi(2) / e).sum();
    us.sort_unstable_by(f64::total_cmp);
    let d = us
        .iter()
        .enumerate()
        .map(|(i, &u)| ((i + 1) as f64 / n - u).max(u - i as f64 / n))
        .fold(0.0, f64::max);
    (chi2, n.sqrt() * d)
}

#[test]
fn uniform_by_chi_square_and_kolmogorov() {
    // Fixed seeds, so the outcome is fixed; the thresholds are the 0.1 % critical values
    // (chi-square with 999 degrees of freedom: 1143; Kolmogorov: 1.95), so a correct
    // generator passes them with room, and a biased one (e.g. a lost bit or a wrong scale)
    // fails by far.
    for seed in [1u64, 7, 123_456_789] {
        let mut v: Vec<f64> = random::uniform_vec(None, seed, 1_000_000, 0.0, 1.0);
        let (chi2, ks) = uniformity(&mut v, 1000);
        assert!(chi2 < 1143.0, "f64 seed {seed}: chi-square {chi2}");
        assert!(ks < 1.95, "f64 seed {seed}: Kolmogorov {ks}");
        let w: Vec<f32> = random::uniform_vec(None, seed, 1_000_000, 0.0, 1.0);
        let mut w: Vec<f64> = w.into_iter().map(f64::from).collect();
        let (chi2, ks) = uniformity(&mut w, 1000);
        assert!(chi2 < 1143.0, "f32 seed {seed}: chi-square {chi2}");
        assert!(ks < 1.95, "f32 seed {seed}: Kolmogorov {ks}");
    }
    // A range other than [0, 1) maps the same stream affinely.
    let a: Vec<f64> = random::uniform_vec(None, 5, 100_000, 0.0, 1.0);
    let b: Vec<f64> = random::uniform_vec(None, 5, 100_000, -2.0, 6.0);
    for (&u, &v) in a.iter().zip(&b) {
        assert_eq!(v, (-2.0 + 8.0 * u).min(6.0f64.next_down()));
    }
}

#[test]
fn fill_identical_on_every_isa() {
    // SIMDMATH_ISA picks the fill's instruction set too: run the fill under each available
    // one in a child process and compare digests (the dispatch is cached per process).
    let exe = std::env::current_exe().unwrap();
    if std::env::var_os("FILL_DIGEST_CHILD").is_some() {
        return;
    }
    let digest = |isa: Isa| {
        let o = spawn::command(&exe)
            .args(["--exact", "fill_digest_child", "--nocapture"])
            .env("FILL_DIGEST_CHILD", "1")
            .env("SIMDMATH_ISA", isa.name())
            .output()
            .expect("spawn the test binary");
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(o.status.success(), "{isa}: {out}");
        let line = out
            .lines()
            .find_map(|l| l.strip_prefix("digest="))
            .unwrap_or_else(|| panic!("{isa}: no digest in {out}"))
            .to_string();
        assert!(line.ends_with(&format!(" isa={isa}")), "{isa}: {line}");
        line.split(' ').next().unwrap().to_string()
    };
    let want = digest(Isa::Portable);
    for isa in Isa::available() {
        assert_eq!(digest(isa), want, "{isa} fills other values than portable");
    }
}

#[test]
fn fill_digest_child() {
    if std::env::var_os("FILL_DIGEST_CHILD").is_none() {
        return;
    }
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |bits: u64| h = (h ^ bits).wrapping_mul(0x100_0000_01b3);
    for &n in &LENGTHS {
        for (lo, hi) in [(0.0, 1.0), (-3.0, 5.0), (1.0, 1.0 + 1e-6)] {
            let v: Vec<f64> = random::uniform_vec(None, 31, n, lo, hi);
            v.iter().for_each(|x| eat(x.to_bits()));
            let w: Vec<f32> = random::uniform_vec(None, 31, n, lo as f32, hi as f32);
            w.iter().for_each(|x| eat(u64::from(x.to_bits())));
            let mut part = vec![0.0f64; n.min(1001)];
            random::fill_uniform_at(31, 8187, &mut part, lo, hi);
            part.iter().for_each(|x| eat(x.to_bits()));
        }
    }
    println!("digest={h:016x} isa={}", Isa::best());
}

/// Bit-for-bit equality (NaN results of functions outside their domain included).
fn same<T: Copy + Into<f64>>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(&x, &y)| {
            let (x, y): (f64, f64) = (x.into(), y.into());
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        })
}

#[test]
fn fused_equals_two_pass_bit_for_bit() {
    let isas = Isa::available();
    for &f in Func::ALL
        .iter()
        .filter(|f| f.arity() == simdmath::Arity::Unary)
    {
        for &n in &LENGTHS {
            for &isa in &isas {
                let mut two: Vec<f64> = random::uniform_vec(None, 17, n, 0.0, 1.0);
                simdmath::eval_in_place_with(isa, f, &mut two);
                let mut two32: Vec<f32> = random::uniform_vec(None, 17, n, 0.0, 1.0);
                simdmath::eval_in_place_with(isa, f, &mut two32);
                let one: Vec<f64> = random::uniform_vec_eval(None, 17, n, 0.0, 1.0, isa, f);
                assert!(same(&one, &two), "{f} f64 n={n} {isa} sequential");
                let one32: Vec<f32> = random::uniform_vec_eval(None, 17, n, 0.0, 1.0, isa, f);
                assert!(same(&one32, &two32), "{f} f32 n={n} {isa} sequential");
                for pool in pools() {
                    let t = pool.threads();
                    let p: Vec<f64> = random::uniform_vec_eval(Some(pool), 17, n, 0.0, 1.0, isa, f);
                    assert!(same(&p, &two), "{f} f64 n={n} {isa} {t} threads");
                    let (x, y): (Vec<f32>, Vec<f32>) =
                        random::uniform_vecs_eval(Some(pool), 17, n, 0.0, 1.0, isa, f);
                    assert!(
                        same(&y, &two32),
                        "{f} f32 n={n} {isa} {t} threads out of place"
                    );
                    let x0: Vec<f32> = random::uniform_vec(None, 17, n, 0.0, 1.0);
                    assert!(x == x0, "{f} f32 n={n} {isa} {t} threads: the kept inputs");
                }
            }
        }
    }
}

#[test]
fn fused_other_ranges_and_out_of_place_f64() {
    let pool = &pools()[1];
    let n = 50_001;
    let (x, y): (Vec<f64>, Vec<f64>) =
        random::uniform_vecs_eval(Some(pool), 3, n, -20.0, 20.0, Isa::best(), Func::Exp);
    let x0: Vec<f64> = random::uniform_vec(None, 3, n, -20.0, 20.0);
    assert!(x == x0);
    let mut y0 = vec![0.0; n];
    pool.eval(Func::Exp, &x0, &mut y0);
    assert!(y == y0);
    let r = std::panic::catch_unwind(|| {
        random::uniform_vec_eval::<f64>(None, 1, 10, 1.0, 1.0, Isa::Portable, Func::Exp)
    });
    assert!(r.is_err(), "an empty range must panic");
}

#[test]
fn timed_variants_give_the_same_values() {
    let n = 100_003;
    let isa = Isa::best();
    for pool in pools() {
        let p = Some(pool);
        let (v, faults) = random::uniform_vec_timed::<f64>(p, 8, n, 0.0, 1.0);
        assert!(faults >= 0.0);
        assert!(v == random::uniform_vec::<f64>(None, 8, n, 0.0, 1.0));
        let (y, faults) = random::uniform_vec_eval_timed::<f32>(p, 8, n, 0.0, 1.0, isa, Func::Sin);
        assert!(faults >= 0.0);
        assert!(y == random::uniform_vec_eval::<f32>(None, 8, n, 0.0, 1.0, isa, Func::Sin));
        let (x, y, faults) =
            random::uniform_vecs_eval_timed::<f64>(p, 8, n, 0.5, 2.0, isa, Func::Log);
        assert!(faults >= 0.0);
        let (x0, y0) = random::uniform_vecs_eval::<f64>(None, 8, n, 0.5, 2.0, isa, Func::Log);
        assert!(x == x0 && y == y0);
    }
}
