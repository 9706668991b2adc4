//! The pool and the random fill: results identical to one thread for any thread count and odd
//! lengths, panics reaching the caller, and a fill that depends only on (seed, index).

mod common;
use common::unary;
use simdmath::{Func, Isa, Pool, PoolError, Topology, random};
use std::sync::OnceLock;

/// Pools of 1, 2, 3 and 5 workers (more workers than CPUs share them), built once.
fn pools() -> &'static [Pool] {
    static POOLS: OnceLock<Vec<Pool>> = OnceLock::new();
    POOLS.get_or_init(|| {
        [1, 2, 3, 5]
            .iter()
            .map(|&t| Pool::with_threads(t).unwrap())
            .collect()
    })
}

/// 0, 1, lanes ± 1, chunk ± 1 (8192 f64 / 16384 f32), several chunks ± 1, primes.
fn lengths(chunk: usize) -> Vec<usize> {
    let mut v = vec![0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 1009];
    for k in [1, 2, 3, 7] {
        v.extend([k * chunk - 1, k * chunk, k * chunk + 1]);
    }
    v.extend([65_537, 100_003, 131_071]);
    v
}

fn inputs_f64(n: usize) -> Vec<f64> {
    // Spread over each function's interesting range, with a few specials.
    let mut x: Vec<f64> = random::uniform_vec(None, 9, n, -50.0, 50.0);
    for (i, s) in [0.0, -0.0, f64::INFINITY, f64::NAN, 1e-310, 700.0]
        .into_iter()
        .enumerate()
    {
        if i * 1000 < n {
            x[i * 1000] = s;
        }
    }
    x
}

#[test]
fn pool_eval_matches_one_thread_f64() {
    for n in lengths(8192) {
        let x = inputs_f64(n);
        for f in unary() {
            let mut want = vec![0.0; n];
            simdmath::eval(f, &x, &mut want);
            for pool in pools() {
                let mut got = vec![1.5; n];
                pool.eval(f, &x, &mut got);
                let same = got
                    .iter()
                    .zip(&want)
                    .all(|(a, b)| a.to_bits() == b.to_bits());
                assert!(
                    same,
                    "{f} f64 n={n} threads={}: out of place differs",
                    pool.threads()
                );
                let mut inplace = x.clone();
                pool.eval_in_place(f, &mut inplace);
                let same = inplace
                    .iter()
                    .zip(&want)
                    .all(|(a, b)| a.to_bits() == b.to_bits());
                assert!(
                    same,
                    "{f} f64 n={n} threads={}: in place differs",
                    pool.threads()
                );
            }
        }
    }
}

#[test]
fn pool_eval_matches_one_thread_f32_every_isa() {
    for n in lengths(16384) {
        let x: Vec<f32> = random::uniform_vec(None, 4, n, -20.0, 20.0);
        for &isa in &Isa::available() {
            for f in unary() {
                let mut want = vec![0.0f32; n];
                simdmath::eval_with(isa, f, &x, &mut want);
                for pool in pools() {
                    let mut got = vec![0.0f32; n];
                    pool.eval_with(isa, f, &x, &mut got);
                    assert!(
                        got.iter()
                            .zip(&want)
                            .all(|(a, b)| a.to_bits() == b.to_bits()),
                        "{f} f32 {isa} n={n} threads={}",
                        pool.threads()
                    );
                    let mut inplace = x.clone();
                    pool.eval_in_place_with(isa, f, &mut inplace);
                    assert!(
                        inplace
                            .iter()
                            .zip(&want)
                            .all(|(a, b)| a.to_bits() == b.to_bits())
                    );
                }
            }
        }
    }
}

#[test]
fn in_place_matches_out_of_place() {
    // Lengths around the entry loops' prefetch distance and the last partial vector.
    for n in lengths(256).into_iter().chain([20_000, 70_001]) {
        let x = inputs_f64(n);
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        for &isa in &Isa::available() {
            for f in unary() {
                let mut a = vec![0.0; n];
                simdmath::eval_with(isa, f, &x, &mut a);
                let mut c = x.clone();
                simdmath::eval_in_place_with(isa, f, &mut c);
                assert!(
                    a.iter().zip(&c).all(|(p, q)| p.to_bits() == q.to_bits()),
                    "{f} {isa} n={n}"
                );
                let (mut a, mut b) = (vec![0.0f32; n], x32.clone());
                simdmath::eval_with(isa, f, &x32, &mut a);
                simdmath::eval_in_place_with(isa, f, &mut b);
                assert!(
                    a.iter().zip(&b).all(|(p, q)| p.to_bits() == q.to_bits()),
                    "{f} {isa} f32 n={n}"
                );
            }
        }
    }
}

#[test]
fn wrong_length_panics_naming_both() {
    let pool = &pools()[1];
    let x = vec![0.0f64; 10];
    let mut y = vec![0.0f64; 11];
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pool.eval(Func::Exp, &x, &mut y);
    }))
    .unwrap_err();
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("10") && msg.contains("11"), "{msg}");
}

#[test]
fn worker_panic_reaches_caller() {
    for pool in pools() {
        let mut v = vec![0u32; 200_000];
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.for_each_chunk(&mut v, |off, c| {
                if off > 100_000 {
                    panic!("boom at {off}");
                }
                c.fill(1);
            });
        }));
        let err = r.expect_err("the panic must reach the caller");
        let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.starts_with("boom at"), "{msg}");
        // The pool is still usable afterwards.
        let mut w = vec![0.0f64; 50_000];
        pool.eval_in_place(Func::Exp, &mut w);
        assert!(w.iter().all(|&y| y == 1.0));
    }
}

/// The calling thread takes chunks too (a worker's part, or chunks while the workers wake up):
/// every chunk is run exactly once and the call returns only after all of them, whoever ran
/// them, with calls from several threads at once, from inside a worker (nested), and with a
/// panic in a chunk on the caller's side while the workers still run theirs.
#[test]
fn every_chunk_once_whoever_runs_it() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    for pool in pools() {
        // Several threads calling one pool at once; each checks its own counts.
        std::thread::scope(|s| {
            for t in 0..4usize {
                s.spawn(move || {
                    for round in 0..40usize {
                        let n = 1 + (t * 7919 + round * 104_729) % 300_000;
                        let mut v = vec![0u32; n];
                        let calls = AtomicUsize::new(0);
                        pool.for_each_chunk(&mut v, |_, c| {
                            calls.fetch_add(1, Ordering::Relaxed);
                            for x in c.iter_mut() {
                                *x += 1;
                            }
                        });
                        assert!(v.iter().all(|&x| x == 1), "thread {t} round {round} n {n}");
                        let chunks = n.div_ceil(16_384);
                        assert_eq!(calls.into_inner(), chunks, "n {n}");
                    }
                });
            }
        });
        // Nested: a job that itself calls the same pool (from a worker or the caller).
        let hits = AtomicUsize::new(0);
        pool.for_each_index(8, |i| {
            let x = vec![i as f64; 40_000];
            let mut y = vec![0.0; x.len()];
            pool.eval(Func::Exp, &x, &mut y);
            assert!(y.iter().all(|&v| v == (i as f64).exp()));
            hits.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(hits.into_inner(), 8);
        // A slow chunk 0 (the caller's first claim) panics after the others are done.
        let mut v = vec![0u8; 400_000];
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.for_each_chunk(&mut v, |off, c| {
                if off == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    panic!("first chunk");
                }
                c.fill(1);
            });
        }));
        assert!(r.is_err());
        assert!(v[65_536..].iter().all(|&x| x == 1));
    }
}

#[test]
fn zero_threads_is_an_error() {
    assert_eq!(Pool::with_threads(0).unwrap_err(), PoolError::ZeroThreads);
}

#[test]
fn pools_are_pinned_to_allowed_cpus() {
    let topo = Topology::get();
    let phys = Pool::physical().unwrap();
    let logi = Pool::logical().unwrap();
    assert_eq!(phys.threads(), topo.physical());
    assert_eq!(logi.threads(), topo.logical());
    for pool in [&phys, &logi].into_iter().chain(pools()) {
        let masks = pool.worker_masks();
        assert_eq!(masks.len(), pool.threads());
        if let Some(cpus) = pool.cpus() {
            for (mask, &cpu) in masks.iter().zip(cpus) {
                assert!(topo.allowed_cpus().contains(&cpu));
                assert_eq!(mask, &vec![cpu], "worker not pinned where it says");
            }
        }
    }
    if let Some(cpus) = phys.cpus() {
        let mut c = cpus.to_vec();
        c.dedup();
        assert_eq!(c.len(), cpus.len(), "one worker per physical core");
    }
}

#[test]
fn copy_and_read_write_floor_ops() {
    for pool in pools() {
        for n in [0, 1, 8191, 8193, 100_003] {
            let a: Vec<f64> = (0..n).map(|i| i as f64).collect();
            let mut b = vec![0.0; n];
            pool.copy(&a, &mut b);
            assert_eq!(a, b);
            pool.read_write_in_place(simdmath::Isa::best(), &mut b);
            assert_eq!(a, b);
        }
    }
}

#[test]
fn fill_identical_across_thread_counts_and_offsets() {
    for n in [
        0usize, 1, 7, 8, 9, 8191, 8192, 8193, 16_385, 100_003, 250_000,
    ] {
        let want64: Vec<f64> = random::uniform_vec(None, 12345, n, 0.0, 1.0);
        let want32: Vec<f32> = random::uniform_vec(None, 12345, n, 0.0, 1.0);
        assert!(want64.iter().all(|&u| (0.0..1.0).contains(&u)));
        assert!(want32.iter().all(|&u| (0.0..1.0).contains(&u)));
        for pool in pools() {
            let got: Vec<f64> = random::uniform_vec(Some(pool), 12345, n, 0.0, 1.0);
            assert_eq!(got, want64, "f64 n={n} threads={}", pool.threads());
            let mut got32 = vec![0.0f32; n];
            random::fill_uniform(Some(pool), 12345, &mut got32, 0.0, 1.0);
            assert_eq!(got32, want32, "f32 n={n} threads={}", pool.threads());
        }
        // Any window equals the same window of the whole fill (prefix-stable, offset-exact).
        for (s, len) in [(0, 3), (5, 17), (8190, 5), (8192, 9000), (99_999, 4)] {
            if s + len <= n {
                let mut w = vec![0.0f64; len];
                random::fill_uniform_at(12345, s, &mut w, 0.0, 1.0);
                assert_eq!(w[..], want64[s..s + len]);
            }
        }
    }
}

#[test]
fn large_streamed_fill_matches_windows() {
    // 40 MB: above the non-temporal threshold (32 MiB); windows are filled through the cache.
    let n = 5_000_001;
    let mut whole = vec![0.0f64; n];
    random::fill_uniform(Some(&pools()[1]), 77, &mut whole, 0.0, 1.0); // streamed
    let seq: Vec<f64> = random::uniform_vec(None, 77, n, 0.0, 1.0); // through the cache
    assert!(
        whole == seq,
        "parallel and sequential streamed fills differ"
    );
    for s in [0, 3, 8191, 4_000_000, n - 9] {
        let mut w = vec![0.0f64; 9];
        random::fill_uniform_at(77, s, &mut w, 0.0, 1.0);
        assert_eq!(w[..], whole[s..s + 9], "window at {s}");
    }
    let mut w32 = vec![0.0f32; 9_000_003];
    random::fill_uniform(None, 77, &mut w32, 0.0, 1.0);
    let mut head = vec![0.0f32; 1000];
    random::fill_uniform_at(77, 8_999_000, &mut head, 0.0, 1.0);
    assert_eq!(head[..], w32[8_999_000..9_000_000]);
}

#[test]
fn fill_range_and_seeds() {
    let a: Vec<f64> = random::uniform_vec(None, 1, 10_000, -3.0, 5.0);
    assert!(a.iter().all(|&u| (-3.0..5.0).contains(&u)));
    let mean = a.iter().sum::<f64>() / a.len() as f64;
    assert!((mean - 1.0).abs() < 0.1, "mean {mean}");
    let b: Vec<f64> = random::uniform_vec(None, 2, 10_000, -3.0, 5.0);
    assert_ne!(a, b);
    let tiny: Vec<f32> = random::uniform_vec(None, 1, 10_000, 1.0, 1.0f32.next_up());
    assert!(tiny.iter().all(|&u| u == 1.0));
    let r = std::panic::catch_unwind(|| random::uniform_vec::<f64>(None, 1, 10, 1.0, 1.0));
    assert!(r.is_err(), "an empty range must panic");
}

#[test]
fn fill_golden_values() {
    // Recorded once; they change only if the generator, the seeding or the mapping changes.
    let v: Vec<f64> = random::uniform_vec(None, 1, 3 * 8192, 0.0, 1.0);
    let w: Vec<f32> = random::uniform_vec(None, 1, 3 * 8192, 0.0, 1.0);
    let picks = [0usize, 1, 7, 8, 8191, 8192, 24_575];
    let got64: Vec<u64> = picks.iter().map(|&i| v[i].to_bits()).collect();
    let got32: Vec<u32> = picks.iter().map(|&i| w[i].to_bits()).collect();
    assert_eq!(got64, GOLDEN_F64);
    assert_eq!(got32, GOLDEN_F32);
}

const GOLDEN_F64: [u64; 7] = [
    0x3fef82e826636acd,
    0x3fe1dfa2351abaf5,
    0x3fd10a92e8de2e32,
    0x3fdf5d31965729b2,
    0x3fe8c2d2df148ccd,
    0x3fda9b1362c382e0,
    0x3fe611f3cf5dbf74,
];
const GOLDEN_F32: [u32; 7] = [
    0x3f7c1741, 0x3f0efd11, 0x3e885496, 0x3efae98c, 0x3f461696, 0x3ed4d89a, 0x3f308f9e,
];

/// Two-input functions on the pool (two slices, a scalar, in place) are bit-identical to one
/// thread, for every thread count and lengths around the chunking.
#[test]
fn binary_functions_on_the_pool_match_one_thread() {
    use simdmath::ulp::inputs;
    let (x, y): (Vec<f64>, Vec<f64>) = inputs::random_pairs(100_003, 5);
    let pools: Vec<Pool> = [1, 2, 3]
        .iter()
        .map(|&t| Pool::with_threads(t).unwrap())
        .collect();
    for f in Func::ALL
        .iter()
        .copied()
        .filter(|f| f.arity() == simdmath::Arity::Binary)
    {
        let mut want = vec![0.0; x.len()];
        simdmath::eval2(f, &x, &y, &mut want);
        let mut want_s = vec![0.0; x.len()];
        simdmath::eval2_scalar(f, &x, 1.5, &mut want_s);
        for p in &pools {
            let mut got = vec![0.0; x.len()];
            p.eval2(f, &x, &y, &mut got);
            let mut inplace = x.clone();
            p.eval2_in_place_with(Isa::best(), f, &mut inplace, &y);
            let mut scalar = vec![0.0; x.len()];
            p.eval2_scalar(f, &x, 1.5, &mut scalar);
            let mut scalar_in = x.clone();
            p.eval2_scalar_in_place_with(Isa::best(), f, &mut scalar_in, 1.5);
            let same = |a: &[f64], b: &[f64]| {
                a.iter()
                    .zip(b)
                    .all(|(u, v)| u.to_bits() == v.to_bits() || (u.is_nan() && v.is_nan()))
            };
            assert!(
                same(&got, &want) && same(&inplace, &want),
                "{f} on {} threads",
                p.threads()
            );
            assert!(
                same(&scalar, &want_s) && same(&scalar_in, &want_s),
                "{f} scalar y"
            );
        }
    }
}

/// Mixing up the arity is a clear panic naming the right call.
#[test]
fn wrong_arity_panics_naming_the_right_call() {
    let r = std::panic::catch_unwind(|| {
        let mut o = [0.0f64; 2];
        simdmath::eval(Func::Pow, &[1.0, 2.0], &mut o);
    });
    let e = r.unwrap_err();
    let msg = e.downcast_ref::<String>().unwrap();
    assert!(
        msg.contains("pow takes two inputs") && msg.contains("eval2"),
        "{msg}"
    );
    let r = std::panic::catch_unwind(|| {
        let mut o = [0.0f64; 2];
        simdmath::eval2(Func::Exp, &[1.0, 2.0], &[1.0, 2.0], &mut o);
    });
    let e = r.unwrap_err();
    let msg = e.downcast_ref::<String>().unwrap();
    assert!(msg.contains("exp takes one input"), "{msg}");
    let r = std::panic::catch_unwind(|| {
        let mut o = [0.0f64; 2];
        simdmath::pow(&[1.0, 2.0], &[1.0, 2.0, 3.0], &mut o);
    });
    let e = r.unwrap_err();
    let msg = e.downcast_ref::<String>().unwrap();
    assert!(msg.contains('2') && msg.contains('3'), "{msg}");
}

/// Two-output functions on the pool are bit-identical to one thread.
#[test]
fn pair_functions_on_the_pool_match_one_thread() {
    let x: Vec<f32> = simdmath::ulp::inputs::random_bits(70_001, 9);
    for f in Func::ALL
        .iter()
        .copied()
        .filter(|f| f.arity() == simdmath::Arity::UnaryPair)
    {
        let (mut a, mut b) = (vec![0.0f32; x.len()], vec![0.0f32; x.len()]);
        simdmath::eval_pair(f, &x, &mut a, &mut b);
        for t in [1, 2, 3] {
            let p = Pool::with_threads(t).unwrap();
            let (mut c, mut d) = (vec![0.0f32; x.len()], vec![0.0f32; x.len()]);
            p.eval_pair(f, &x, &mut c, &mut d);
            let same = |u: &[f32], v: &[f32]| {
                u.iter()
                    .zip(v)
                    .all(|(p, q)| p.to_bits() == q.to_bits() || (p.is_nan() && q.is_nan()))
            };
            assert!(same(&a, &c) && same(&b, &d), "{f} on {t} threads");
        }
    }
}
