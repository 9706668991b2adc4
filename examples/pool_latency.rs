//! What a call on the pool costs at the sizes where waking its workers matters: `exp` `f64`
//! out of place, n = 2^14 .. 2^20, on the calling thread (`simdmath::eval`), on the pool back
//! to back, and on the pool after a 300 µs pause (its workers asleep, as between the calls of a
//! program that does other work in between). Minimum and median of 300 calls each, µs.
//!
//! `cargo run --release --example pool_latency` (run it alone on the machine: it times).

use simdmath::{Func, Pool};
use std::time::{Duration, Instant};

/// Minimum and median of `v`.
fn min_median(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2])
}

fn main() {
    let pool = Pool::physical().expect("the pool's threads start");
    let reps = 300;
    println!(
        "exp f64, out of place; {} pool threads; µs per call",
        pool.threads()
    );
    println!(
        "{:>8} {:>9} {:>9} {:>9} {:>9} {:>10} {:>10}",
        "n", "1 thr min", "1 thr med", "pool min", "pool med", "paused min", "paused med"
    );
    for e in [14, 15, 16, 17, 18, 20] {
        let n = 1usize << e;
        let x: Vec<f64> = (0..n).map(|i| (i as f64 * 1e-3) % 40.0 - 20.0).collect();
        let mut out = vec![0.0f64; n];
        let (mut one, mut hot, mut cold) = (vec![], vec![], vec![]);
        let time = |v: &mut Vec<f64>, f: &mut dyn FnMut()| {
            let t = Instant::now();
            f();
            v.push(t.elapsed().as_secs_f64() * 1e6);
        };
        for _ in 0..reps {
            time(&mut one, &mut || simdmath::eval(Func::Exp, &x, &mut out));
            time(&mut hot, &mut || pool.eval(Func::Exp, &x, &mut out));
            std::thread::sleep(Duration::from_micros(300));
            time(&mut cold, &mut || pool.eval(Func::Exp, &x, &mut out));
        }
        let ((a, b), (c, d), (f, g)) = (min_median(one), min_median(hot), min_median(cold));
        println!(
            "{:>8} {a:>9.1} {b:>9.1} {c:>9.1} {d:>9.1} {f:>10.1} {g:>10.1}",
            format!("2^{e}")
        );
    }
}
