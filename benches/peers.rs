//! Peers, in the same criterion groups as benches/kernels.rs (`<func>_<type>`, ids
//! `<peer>/<n>`), so one report compares them with every backend: glibc's scalar libm through
//! `std` (`glibc-scalar`), a STREAM-style copy as the memory floor (`copy`, group `copy_<type>`),
//! and with `--features sleef` SLEEF's u10 vector functions (`sleef-u10-avx512`,
//! `sleef-u10-avx2`, Debian's `libsleef-dev`) and glibc's libmvec (`libmvec-avx512`, the plain
//! loop vectorized by GCC, as ../shared/peers/c/glibc_kern.c). Inputs U[0,1), as the peers'.

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use simdmath::{Func, Real, ulp::Float, ulp::inputs};
use std::hint::black_box;

#[path = "common.rs"]
mod common;
use common::sizes;

/// An array kernel `y[i] = f(x[i])` from C.
type CKernel<T> = unsafe extern "C" fn(*const T, *mut T, usize);

#[cfg(feature = "sleef")]
mod c {
    use super::CKernel;
    macro_rules! decl {
        ($($name:ident: $T:ty;)*) => {
            // SAFETY (of every use): each shim function reads `n` elements from `x` and writes `n`
            // to `y` (benches/shim/*.c); the callers pass valid, equally long, distinct slices.
            unsafe extern "C" { $(fn $name(x: *const $T, y: *mut $T, n: usize);)* }
        };
    }
    decl! {
        sm_sleef_exp_f64_avx512: f64; sm_sleef_exp_f32_avx512: f32; sm_sleef_exp_f64_avx2: f64; sm_sleef_exp_f32_avx2: f32;
        sm_sleef_log_f64_avx512: f64; sm_sleef_log_f32_avx512: f32; sm_sleef_log_f64_avx2: f64; sm_sleef_log_f32_avx2: f32;
        sm_sleef_sin_f64_avx512: f64; sm_sleef_sin_f32_avx512: f32; sm_sleef_sin_f64_avx2: f64; sm_sleef_sin_f32_avx2: f32;
        sm_sleef_cos_f64_avx512: f64; sm_sleef_cos_f32_avx512: f32; sm_sleef_cos_f64_avx2: f64; sm_sleef_cos_f32_avx2: f32;
        sm_mvec_exp_f64: f64; sm_mvec_exp_f32: f32; sm_mvec_log_f64: f64; sm_mvec_log_f32: f32;
        sm_mvec_sin_f64: f64; sm_mvec_sin_f32: f32; sm_mvec_cos_f64: f64; sm_mvec_cos_f32: f32;
    }

    /// (peer name, needs AVX-512, kernel) for `f` in `f64`.
    pub fn f64s(f: &str) -> Vec<(&'static str, bool, CKernel<f64>)> {
        match f {
            "exp" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_exp_f64_avx512 as CKernel<f64>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_exp_f64_avx2),
                ("libmvec-avx512", true, sm_mvec_exp_f64),
            ],
            "log" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_log_f64_avx512 as CKernel<f64>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_log_f64_avx2),
                ("libmvec-avx512", true, sm_mvec_log_f64),
            ],
            "sin" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_sin_f64_avx512 as CKernel<f64>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_sin_f64_avx2),
                ("libmvec-avx512", true, sm_mvec_sin_f64),
            ],
            "cos" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_cos_f64_avx512 as CKernel<f64>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_cos_f64_avx2),
                ("libmvec-avx512", true, sm_mvec_cos_f64),
            ],
            _ => vec![],
        }
    }
    /// (peer name, needs AVX-512, kernel) for `f` in `f32`.
    pub fn f32s(f: &str) -> Vec<(&'static str, bool, CKernel<f32>)> {
        match f {
            "exp" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_exp_f32_avx512 as CKernel<f32>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_exp_f32_avx2),
                ("libmvec-avx512", true, sm_mvec_exp_f32),
            ],
            "log" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_log_f32_avx512 as CKernel<f32>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_log_f32_avx2),
                ("libmvec-avx512", true, sm_mvec_log_f32),
            ],
            "sin" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_sin_f32_avx512 as CKernel<f32>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_sin_f32_avx2),
                ("libmvec-avx512", true, sm_mvec_sin_f32),
            ],
            "cos" => vec![
                (
                    "sleef-u10-avx512",
                    true,
                    sm_sleef_cos_f32_avx512 as CKernel<f32>,
                ),
                ("sleef-u10-avx2", false, sm_sleef_cos_f32_avx2),
                ("libmvec-avx512", true, sm_mvec_cos_f32),
            ],
            _ => vec![],
        }
    }
}

/// The C peers of `f` for `T` (empty without the `sleef` feature).
trait Peers: Real + Float {
    fn c_peers(f: Func) -> Vec<(&'static str, bool, CKernel<Self>)>;
}
impl Peers for f64 {
    #[allow(unused_variables)]
    fn c_peers(f: Func) -> Vec<(&'static str, bool, CKernel<f64>)> {
        #[cfg(feature = "sleef")]
        return c::f64s(f.name());
        #[cfg(not(feature = "sleef"))]
        Vec::new()
    }
}
impl Peers for f32 {
    #[allow(unused_variables)]
    fn c_peers(f: Func) -> Vec<(&'static str, bool, CKernel<f32>)> {
        #[cfg(feature = "sleef")]
        return c::f32s(f.name());
        #[cfg(not(feature = "sleef"))]
        Vec::new()
    }
}

fn has_avx512() -> bool {
    simdmath::Isa::Avx512.is_available()
}

fn sampling(n: usize) -> SamplingMode {
    if n >= 1 << 20 {
        SamplingMode::Flat
    } else {
        SamplingMode::Auto
    }
}

fn bench_type<T: Peers>(c: &mut Criterion, f: Func, max: usize) {
    let x: Vec<T> = inputs::uniform(max, 0.0, 1.0, 12345);
    let mut y = vec![T::default(); max];
    let mut g = c.benchmark_group(format!("{f}_{}", T::NAME));
    let peers = T::c_peers(f);
    for n in sizes() {
        g.throughput(Throughput::Elements(n as u64));
        g.sampling_mode(sampling(n));
        g.bench_function(BenchmarkId::new("glibc-scalar", n), |b| {
            b.iter(|| {
                for (o, &v) in black_box(&mut y[..n]).iter_mut().zip(black_box(&x[..n])) {
                    *o = T::libm(f, v);
                }
            })
        });
        for &(name, avx512, k) in &peers {
            if avx512 && !has_avx512() {
                continue;
            }
            g.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| {
                    let (xs, ys) = (black_box(&x[..n]), black_box(&mut y[..n]));
                    // SAFETY: `xs` and `ys` are distinct slices of `n` elements; the kernel
                    // reads `n` from the first and writes `n` to the second; its ISA is
                    // available (checked above; AVX2 is on every CPU that runs these benches).
                    unsafe { k(xs.as_ptr(), ys.as_mut_ptr(), n) }
                })
            });
        }
    }
    g.finish();
}

fn copy_type<T: Peers>(c: &mut Criterion, max: usize) {
    let x: Vec<T> = inputs::uniform(max, 0.0, 1.0, 12345);
    let mut y = vec![T::default(); max];
    let mut g = c.benchmark_group(format!("copy_{}", T::NAME));
    for n in sizes() {
        g.throughput(Throughput::Elements(n as u64));
        g.sampling_mode(sampling(n));
        g.bench_function(BenchmarkId::new("copy", n), |b| {
            b.iter(|| black_box(&mut y[..n]).copy_from_slice(black_box(&x[..n])))
        });
    }
    g.finish();
}

fn peers(c: &mut Criterion) {
    let max = sizes().into_iter().max().unwrap_or(4096);
    copy_type::<f64>(c, max);
    copy_type::<f32>(c, max);
    for &f in Func::ALL {
        bench_type::<f64>(c, f, max);
        bench_type::<f32>(c, f, max);
    }
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = peers
}
criterion_main!(benches);
