//! A denser check of the `f32` `hypot` than the random pairs of `accuracy.rs` (where most
//! random bit patterns have exponents far apart, so the result is `max(|x|, |y|)`): pairs of
//! comparable magnitude over every exponent, on every backend this CPU runs, against core-math.
//! `SIMDMATH_HYPOT_PAIRS=N` sets the number of pairs per kind (default 2^24; five kinds):
//! `cargo test --release --test hypot_f32_dense -- --ignored --nocapture`.

use simdmath::ulp::inputs::SplitMix as Rng;
use simdmath::ulp::{Float, distance};
use simdmath::{Func, Isa};

/// `r`'s next value reduced modulo `n`.
fn below(r: &mut Rng, n: u64) -> u64 {
    r.next_u64() % n
}

/// A random `f32` with biased exponent `e` (0: subnormal) and a random mantissa and sign.
fn with_exp(r: &mut Rng, e: u64) -> f32 {
    let m = r.next_u64() & 0x7f_ffff;
    let s = (r.next_u64() & 1) << 31;
    f32::from_bits((s | (e << 23) | m) as u32)
}

/// `n` pairs of one kind.
fn pairs(kind: u32, n: usize, r: &mut Rng) -> (Vec<f32>, Vec<f32>) {
    (0..n)
        .map(|_| match kind {
            // Exponents at most 13 apart (the smaller square matters), every exponent.
            0 => {
                let e = below(r, 255);
                let d = below(r, 14);
                (with_exp(r, e), with_exp(r, e.saturating_sub(d)))
            }
            // The same binade.
            1 => {
                let e = below(r, 255);
                (with_exp(r, e), with_exp(r, e))
            }
            // Exponents 12 to 26 apart: b^2 near the last bits of a^2.
            2 => {
                let e = below(r, 255);
                let d = 12 + below(r, 15);
                (with_exp(r, e), with_exp(r, e.saturating_sub(d)))
            }
            // Integers below 2^24 (exact sums of squares: ties and exact results), scaled.
            3 => {
                let (p, q) =
                    [(3, 4), (5, 12), (8, 15), (20, 21), (1, 1), (1, 2)][below(r, 6) as usize];
                let k = 1 + below(r, ((1 << 24) - 1) / q);
                let s = f32::from_bits(((1 + below(r, 250)) << 23) as u32);
                let x = ((p * k) as f32) * s;
                let y = ((q * k) as f32) * s;
                (x, y)
            }
            // Random integers below 2^24, scaled by a power of two.
            _ => {
                let s = f32::from_bits(((1 + below(r, 200)) << 23) as u32);
                (
                    (below(r, 1 << 24) as f32) * s,
                    (below(r, 1 << 24) as f32) * s,
                )
            }
        })
        .unzip()
}

/// Per backend: (max distance, not correctly rounded, worst pair).
type Acc = (u64, u64, (f32, f32));

#[test]
#[ignore = "dense random pairs on every backend, a minute; run with --ignored"]
fn hypot_f32_dense_pairs() {
    let n: usize = std::env::var("SIMDMATH_HYPOT_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1 << 24);
    let isas = Isa::available();
    let kinds = 5;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for kind in 0..kinds {
        let res: Vec<Vec<Acc>> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..threads)
                .map(|t| {
                    let isas = &isas;
                    s.spawn(move || {
                        let mut r = Rng(0x4a90_0000 ^ ((kind as u64) << 8) ^ t as u64);
                        let (xs, ys) = pairs(kind, n / threads, &mut r);
                        let want: Vec<f32> = xs
                            .iter()
                            .zip(&ys)
                            .map(|(&x, &y)| f32::reference2(Func::Hypot, x, y))
                            .collect();
                        let mut out = vec![0f32; xs.len()];
                        isas.iter()
                            .map(|&isa| {
                                simdmath::eval2_with(isa, Func::Hypot, &xs, &ys, &mut out);
                                let mut acc = (0u64, 0u64, (0f32, 0f32));
                                for i in 0..xs.len() {
                                    let d = distance(out[i], want[i]);
                                    if d > acc.0 {
                                        acc = (d, acc.1, (xs[i], ys[i]));
                                    }
                                    acc.1 += (d > 0) as u64;
                                }
                                acc
                            })
                            .collect()
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (k, isa) in isas.iter().enumerate() {
            let max = res.iter().map(|v| v[k].0).max().unwrap();
            let notcr: u64 = res.iter().map(|v| v[k].1).sum();
            let worst = res.iter().max_by_key(|v| v[k].0).unwrap()[k].2;
            println!(
                "hypot f32 dense kind {kind} {isa}: {} pairs, max {max} ulp (worst {:e}, {:e}), {notcr} not correctly rounded",
                n / threads * threads,
                worst.0,
                worst.1
            );
            assert!(max <= 1, "hypot f32 on {isa}: {max} ulp at {worst:?}");
        }
    }
}
