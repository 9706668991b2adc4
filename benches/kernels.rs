//! Per-ISA micro-benchmarks: function × type × input range × backend × size, one thread,
//! throughput in elements/s. Every backend this CPU runs is in the same run, so AVX-512, AVX2
//! and portable are compared side by side (benches/peers.rs adds glibc, SLEEF, libmvec and a
//! copy in the same groups).
//!
//! Groups are `<func>_<type>@<range>` (e.g. `sin_f32@phase`), ids `<isa>/<n>`, and for `f32`
//! functions with a correctly rounded tier also `<isa>-cr/<n>` (that tier). The ranges are
//! the table `ranges` of benches/common.rs: `unit` = U[0,1) (the earlier figures and
//! ../shared/peers), and the ranges users pass (exp over its finite range, log over every
//! exponent, sin/cos at |x| <= 3, 1e4, 2^20 and log-uniform up to MAX). The function's
//! ordinary range runs at every size: 4096 (L1/L2), 32768, 2^20 (L3-ish), 2^24 (memory), plus
//! `pool/<n>` (the pinned pool, every logical CPU, best ISA) at 2^20 and 2^24; the other
//! ranges run at n = 4096 only. Each benchmark cycles through at least 64 Ki distinct seeded
//! inputs (16 windows of 4096), so no call replays the inputs of the previous one.
//!
//! ```text
//! cargo bench --features sleef                      # everything, ~15 min on 2 cores
//! cargo bench --bench kernels                       # our backends only
//! SIMDMATH_BENCH_SIZES=4096 cargo bench --features sleef          # n = 4096 only
//! SIMDMATH_BENCH_RANGES=small,phase cargo bench --features sleef  # only these range labels
//! SIMDMATH_BENCH_SIZES=4096 cargo bench --features sleef -- 'sin_f32@'   # a criterion filter
//! python3 benches/numpy_peer.py && python3 benches/report.py      # tables, checks
//! SIMDMATH_BENCH_FTZ=1 cargo bench --bench kernels  # x86-64: subnormals flushed (diagnostic)
//! SIMDMATH_BENCH_CHECKED=1 SIMDMATH_BENCH_SIZES=4096 cargo bench --bench kernels  # + checked
//! ```
//!
//! `SIMDMATH_BENCH_CHECKED=1` adds, for the one-input functions on their ordinary range at n =
//! 4096, the id `<isa>-checked`: the checked entry point ([`simdmath::eval_checked`], what the
//! Python ufuncs call to derive numpy's floating-point flags) beside the plain one, so the cost of
//! the check (and that the registry's `usual` paths remove it) is read off one run.
//!
//! `SIMDMATH_BENCH_FTZ=1` sets the flush-to-zero and denormals-are-zero bits of MXCSR on the
//! bench's thread (x86-64 only; the results change, the timing is what it is for): a kernel
//! that runs much faster so has intermediate results that underflow, each costing a microcode
//! assist on the vector (on Zen 4, 1.4-2.1x for `asinh`, `atan` and `log1p` `f64` over every
//! exponent before issue 18's fix). Run it beside a plain run of the same binary.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use simdmath::{Accuracy, Func, Isa, Pool, ulp::Float};
use std::hint::black_box;

#[path = "common.rs"]
mod common;
use common::{Range, group, seed, selected_ranges, sizes_for, windows};

fn bench_range<T: Float>(c: &mut Criterion, f: Func, r: &Range, pool: Option<&Pool>) {
    let sizes = sizes_for(r);
    let Some(&max) = sizes.iter().max() else {
        return;
    };
    let len = sizes.iter().map(|&n| n * windows(n)).max().unwrap_or(max);
    let x: Vec<T> = r.inputs(len, seed(f, r));
    // The second input of a two-input function (empty otherwise), as benches/peers.rs.
    let x2: Vec<T> = common::second_inputs(f, r, len);
    let mut y = vec![T::default(); max];
    let mut y2 = vec![T::default(); max];
    let mut g = c.benchmark_group(group::<T>(f, r));
    for n in sizes {
        let w = windows(n);
        g.throughput(Throughput::Elements(n as u64));
        common::sampling(&mut g, n);
        for isa in Isa::available() {
            let mut k = 0;
            g.bench_function(BenchmarkId::new(isa.name(), n), |b| {
                b.iter(|| {
                    k = (k + 1) % w;
                    let w2 = if x2.is_empty() {
                        &x2[..]
                    } else {
                        &x2[k * n..(k + 1) * n]
                    };
                    common::eval_any(
                        isa,
                        f,
                        black_box(&x[k * n..(k + 1) * n]),
                        black_box(w2),
                        black_box(&mut y[..n]),
                        &mut y2[..n],
                    )
                })
            });
        }
        // The correctly rounded tier (f32 one-input functions), id `<isa>-cr`, beside the
        // faithful kernel of the same backend.
        if T::NAME == "f32"
            && f.info().max_ulp_f32_cr.is_some()
            && f.arity() == simdmath::Arity::Unary
        {
            for isa in Isa::available() {
                let mut k = 0;
                g.bench_function(BenchmarkId::new(format!("{}-cr", isa.name()), n), |b| {
                    b.iter(|| {
                        k = (k + 1) % w;
                        simdmath::eval_with_accuracy(
                            isa,
                            Accuracy::CorrectlyRounded,
                            f,
                            black_box(&x[k * n..(k + 1) * n]),
                            black_box(&mut y[..n]),
                        )
                    })
                });
            }
        }
        // The checked entry point beside the plain one (SIMDMATH_BENCH_CHECKED=1; one-input
        // functions, their ordinary range, n = 4096).
        if checked_asked() && n == 4096 && r.ordinary && f.arity() == simdmath::Arity::Unary {
            for isa in Isa::available() {
                let mut k = 0;
                g.bench_function(
                    BenchmarkId::new(format!("{}-checked", isa.name()), n),
                    |b| {
                        b.iter(|| {
                            k = (k + 1) % w;
                            let ops = simdmath::Operands::Unary(
                                black_box(&x[k * n..(k + 1) * n]),
                                black_box(&mut y[..n]),
                            );
                            simdmath::eval_checked(isa, Accuracy::Faithful, f, ops, false)
                        })
                    },
                );
            }
        }
        // The pinned pool (one worker per logical CPU, best ISA) at the large sizes only:
        // small slices are not worth splitting.
        if let Some(p) = pool.filter(|_| n >= 1 << 20) {
            g.bench_function(BenchmarkId::new("pool", n), |b| {
                b.iter(|| {
                    let w2 = if x2.is_empty() { &x2[..] } else { &x2[..n] };
                    common::pool_eval_any(
                        p,
                        f,
                        black_box(&x[..n]),
                        w2,
                        black_box(&mut y[..n]),
                        &mut y2[..n],
                    )
                })
            });
        }
    }
    g.finish();
}

/// Whether `SIMDMATH_BENCH_CHECKED=1` asks for the checked entry points too.
fn checked_asked() -> bool {
    std::env::var("SIMDMATH_BENCH_CHECKED").is_ok_and(|v| v == "1")
}

fn kernels(c: &mut Criterion) {
    common::write_ranges_json();
    #[cfg(target_arch = "x86_64")]
    if std::env::var("SIMDMATH_BENCH_FTZ").is_ok_and(|v| v == "1") {
        #[allow(deprecated)]
        // SAFETY: MXCSR bits 15 (flush to zero) and 6 (denormals are zero) only change how
        // subnormal values are treated on this thread (a diagnostic: the results are not used).
        unsafe {
            use std::arch::x86_64::{_mm_getcsr, _mm_setcsr};
            _mm_setcsr(_mm_getcsr() | 0x8040);
        }
    }
    let pool = Pool::logical().ok();
    for &f in Func::ALL {
        for r in selected_ranges(f) {
            bench_range::<f64>(c, f, &r, pool.as_ref());
            bench_range::<f32>(c, f, &r, pool.as_ref());
        }
    }
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = kernels
}
criterion_main!(benches);
