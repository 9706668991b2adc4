//! Per-ISA micro-benchmarks: function × type × backend × size, one thread, throughput in
//! elements/s. Every backend this CPU runs is in the same run, so AVX-512, AVX2 and portable
//! are compared side by side (benches/peers.rs adds glibc, SLEEF, libmvec and a copy).
//!
//! Groups are `<func>_<type>` (e.g. `exp_f64`), ids `<isa>/<n>`; inputs are U[0,1), as in
//! ../shared/peers (`domain=unit`). Sizes: 4096 (L1), 32768 (L2), 2^20 (L3-ish), 2^24
//! (memory); plus `pool/<n>` (the pinned pool, every logical CPU, best ISA) at 2^20 and
//! 2^24. `SIMDMATH_BENCH_SIZES=4096,32768` picks others. Run with
//! `cargo bench --bench kernels` (or `cargo bench --features sleef` for everything), then
//! `python3 benches/report.py`.

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use simdmath::{Func, Isa, Pool, ulp::Float, ulp::inputs};
use std::hint::black_box;

#[path = "common.rs"]
mod common;
use common::sizes;

fn bench_type<T: Float>(c: &mut Criterion, f: Func, max: usize, pool: Option<&Pool>) {
    let x: Vec<T> = inputs::uniform(max, 0.0, 1.0, 12345);
    let mut y = vec![T::default(); max];
    let mut g = c.benchmark_group(format!("{f}_{}", T::NAME));
    for n in sizes() {
        g.throughput(Throughput::Elements(n as u64));
        g.sampling_mode(if n >= 1 << 20 {
            SamplingMode::Flat
        } else {
            SamplingMode::Auto
        });
        for isa in Isa::available() {
            g.bench_function(BenchmarkId::new(isa.name(), n), |b| {
                b.iter(|| simdmath::eval_with(isa, f, black_box(&x[..n]), black_box(&mut y[..n])))
            });
        }
        // The pinned pool (one worker per logical CPU, best ISA) at the large sizes only:
        // small slices are not worth splitting.
        if let Some(p) = pool.filter(|_| n >= 1 << 20) {
            g.bench_function(BenchmarkId::new("pool", n), |b| {
                b.iter(|| p.eval(f, black_box(&x[..n]), black_box(&mut y[..n])))
            });
        }
    }
    g.finish();
}

fn kernels(c: &mut Criterion) {
    let max = sizes().into_iter().max().unwrap_or(4096);
    let pool = Pool::logical().ok();
    for &f in Func::ALL {
        bench_type::<f64>(c, f, max, pool.as_ref());
        bench_type::<f32>(c, f, max, pool.as_ref());
    }
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = kernels
}
criterion_main!(benches);
