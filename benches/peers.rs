//! Peers, in the same criterion groups as benches/kernels.rs (`<func>_<type>@<range>`, ids
//! `<peer>/<n>`, the same seeded inputs), so one report compares them with every backend:
//! glibc's scalar libm through `std` (`glibc-scalar`), a STREAM-style copy as the memory floor
//! (`copy`, group `copy_<type>`), and with `--features sleef` (Debian's `libsleef-dev` and
//! glibc's libmvec):
//!
//! - `sleef-u10-avx512`, `sleef-u10-avx2`: SLEEF 3.5 `Sleef_expd8_u10avx512f`, `..._u10avx2`
//!   (1 ULP); `sleef-u35-avx512`, `sleef-u35-avx2` (3.5 ULP; Debian's libsleef has no u35
//!   `exp`); `sleef-u05-*` for `sinpi`/`cospi`, which SLEEF has only as u05;
//! - `libmvec-avx512`, `libmvec-avx2`: the plain loop `y[i] = exp(x[i])` vectorized by GCC
//!   through glibc's libmvec (`_ZGVeN8v_exp`, `_ZGVdN4v_exp`), as ../shared/peers/c/glibc_kern.c.
//!
//! Two-input functions (`pow`, `atan2`, `hypot`) get the same peers as loops
//! `y[i] = f(a[i], b[i])` on the same two seeded inputs as benches/kernels.rs
//! ([`common::second_inputs`]; atan2's first input is y, as in C): SLEEF `Sleef_powd8_u10avx512f`
//! (u10 only), `Sleef_atan2d8_u10avx512f` and `_u35`, `Sleef_hypotd8_u05avx512f` and `_u35`
//! (ids `sleef-u05-*`, `sleef-u35-*`), and their `f16`, `d4`/`f8` `avx2` twins; libmvec's
//! `_ZGVeN8vv_pow`, `_ZGVdN4vv_pow`, ... (glibc 2.36 vectorizes pow, atan2 and hypot).
//!
//! The peer list is a table in C (benches/shim/sleef_shim.c, mvec_shim.c: one line per
//! function), looked up here by the registry's function names, so a function added to the
//! registry gets its peers without a change here. Peers whose instruction set the CPU lacks
//! (AVX-512: x86-64-v4; AVX2: x86-64-v3) are skipped (checked at run time). Sizes and ranges as benches/kernels.rs: every size on the
//! ordinary range, n = 4096 on the others; at the sizes above 4096 only the u10 AVX-512 and
//! libmvec AVX-512 vector peers run (the AVX2 and u35 ones at n = 4096 only), to keep the
//! whole `cargo bench --features sleef` near 15 minutes on 2 cores.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use simdmath::{Func, Isa, Pool, Real, ulp::Float};
use std::hint::black_box;

#[path = "common.rs"]
mod common;
use common::{N_ALL_RANGES, Range, group, seed, selected_ranges, sizes, sizes_for, windows};

/// An array kernel `y[i] = f(x[i])` from C.
type CKernel<T> = unsafe extern "C" fn(*const T, *mut T, usize);
/// An array kernel `y[i] = f(a[i], b[i])` of a two-input function from C.
type CKernel2<T> = unsafe extern "C" fn(*const T, *const T, *mut T, usize);

/// A peer's array kernel, by the function's number of inputs (built only from the C tables,
/// so never without the `sleef` feature).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "sleef"), allow(dead_code))]
enum Kernel<T> {
    Unary(CKernel<T>),
    Binary(CKernel2<T>),
}

/// One vector peer of a function: its criterion id, whether it needs AVX-512, its kernel.
struct Peer<T> {
    name: String,
    avx512: bool,
    kernel: Kernel<T>,
}

#[cfg(feature = "sleef")]
mod c {
    use super::{CKernel, CKernel2, Kernel, Peer};
    use std::ffi::{CStr, c_char, c_int};

    /// `struct sm_peer` of benches/shim/peers.h.
    #[repr(C)]
    pub struct CPeer {
        func: *const c_char,
        peer: *const c_char,
        sym64: *const c_char,
        avx512: c_int,
        pub f64: Option<CKernel<f64>>,
        pub f32: Option<CKernel<f32>>,
        pub f64_2: Option<CKernel2<f64>>,
        pub f32_2: Option<CKernel2<f32>>,
    }

    unsafe extern "C" {
        // Each returns a static table and writes its length (benches/shim/*.c).
        fn sm_sleef_peers_avx512(len: *mut usize) -> *const CPeer;
        fn sm_sleef_peers_avx2(len: *mut usize) -> *const CPeer;
        fn sm_mvec_peers_avx512(len: *mut usize) -> *const CPeer;
        fn sm_mvec_peers_avx2(len: *mut usize) -> *const CPeer;
    }

    /// Every row of the four C tables.
    fn rows() -> Vec<&'static CPeer> {
        let tables: [unsafe extern "C" fn(*mut usize) -> *const CPeer; 4] = [
            sm_sleef_peers_avx512,
            sm_sleef_peers_avx2,
            sm_mvec_peers_avx512,
            sm_mvec_peers_avx2,
        ];
        let mut v = Vec::new();
        for t in tables {
            let mut len = 0usize;
            // SAFETY: the C function only writes the length through the valid pointer and
            // returns a pointer to a static array of `len` initialized rows (benches/shim/*.c);
            // the rows live for the whole program.
            let rows = unsafe {
                let p = t(&mut len);
                std::slice::from_raw_parts(p, len)
            };
            v.extend(rows.iter());
        }
        v
    }

    fn s(p: *const c_char) -> &'static str {
        // SAFETY: every string in the tables is a C string literal (static, NUL-terminated).
        unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("?")
    }

    /// The peers of function `name` in the type whose kernel `pick` takes from a row.
    pub fn peers<T>(name: &str, pick: fn(&CPeer) -> Option<Kernel<T>>) -> Vec<Peer<T>> {
        rows()
            .into_iter()
            .filter(|r| s(r.func) == name)
            .filter_map(|r| {
                pick(r).map(|kernel| Peer {
                    name: s(r.peer).to_string(),
                    avx512: r.avx512 != 0,
                    kernel,
                })
            })
            .collect()
    }
}

/// The vector peers of `f` for `T` (empty without the `sleef` feature).
trait Peers: Real + Float {
    fn c_peers(f: Func) -> Vec<Peer<Self>>;
}
impl Peers for f64 {
    #[allow(unused_variables)]
    fn c_peers(f: Func) -> Vec<Peer<f64>> {
        #[cfg(feature = "sleef")]
        return c::peers(f.name(), |r| {
            (r.f64.map(Kernel::Unary)).or(r.f64_2.map(Kernel::Binary))
        });
        #[cfg(not(feature = "sleef"))]
        Vec::new()
    }
}
impl Peers for f32 {
    #[allow(unused_variables)]
    fn c_peers(f: Func) -> Vec<Peer<f32>> {
        #[cfg(feature = "sleef")]
        return c::peers(f.name(), |r| {
            (r.f32.map(Kernel::Unary)).or(r.f32_2.map(Kernel::Binary))
        });
        #[cfg(not(feature = "sleef"))]
        Vec::new()
    }
}

/// Whether this CPU runs a peer's loops: the AVX-512 ones need x86-64-v4 (libmvec's loop is
/// compiled with `-march=x86-64-v4`; SLEEF's needs AVX-512F), the others x86-64-v3 (AVX2,
/// FMA, BMI1/2, F16C, LZCNT, MOVBE). Checked at run time, so the benches skip them cleanly.
fn runs(avx512: bool) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        let v3 = has!("avx2")
            && has!("fma")
            && has!("bmi1")
            && has!("bmi2")
            && has!("f16c")
            && has!("lzcnt")
            && has!("movbe");
        let v4 = v3
            && has!("avx512f")
            && has!("avx512bw")
            && has!("avx512cd")
            && has!("avx512dq")
            && has!("avx512vl");
        if avx512 { v4 } else { v3 }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = avx512;
        false
    }
}

/// The peers that run at every size (the others run at n = 4096 only).
fn at_every_size(name: &str) -> bool {
    matches!(name, "sleef-u10-avx512" | "libmvec-avx512")
}

fn bench_range<T: Peers>(c: &mut Criterion, f: Func, r: &Range, peers: &[Peer<T>]) {
    let sizes = sizes_for(r);
    let Some(&max) = sizes.iter().max() else {
        return;
    };
    let len = sizes.iter().map(|&n| n * windows(n)).max().unwrap_or(max);
    let x: Vec<T> = r.inputs(len, seed(f, r));
    // The second input of a two-input function (empty otherwise), as benches/kernels.rs.
    let x2: Vec<T> = common::second_inputs(f, r, len);
    let binary = !x2.is_empty();
    let mut y = vec![T::default(); max];
    let mut g = c.benchmark_group(group::<T>(f, r));
    for n in sizes {
        let w = windows(n);
        g.throughput(Throughput::Elements(n as u64));
        common::sampling(&mut g, n);
        let mut k = 0;
        g.bench_function(BenchmarkId::new("glibc-scalar", n), |b| {
            b.iter(|| {
                k = (k + 1) % w;
                let xs = black_box(&x[k * n..(k + 1) * n]);
                let ys = black_box(&mut y[..n]);
                if binary {
                    let bs = black_box(&x2[k * n..(k + 1) * n]);
                    for ((o, &a), &b) in ys.iter_mut().zip(xs).zip(bs) {
                        *o = T::libm2(f, a, b);
                    }
                } else {
                    for (o, &v) in ys.iter_mut().zip(xs) {
                        *o = T::libm(f, v);
                    }
                }
            })
        });
        for p in peers {
            if !runs(p.avx512) || (n != N_ALL_RANGES && !at_every_size(&p.name)) {
                continue;
            }
            let mut k = 0;
            g.bench_function(BenchmarkId::new(&p.name, n), |b| {
                b.iter(|| {
                    k = (k + 1) % w;
                    let (xs, ys) = (black_box(&x[k * n..(k + 1) * n]), black_box(&mut y[..n]));
                    match p.kernel {
                        // SAFETY: `xs` and `ys` are distinct slices of `n` elements; the
                        // kernel reads `n` from the first and writes `n` to the second; the
                        // CPU runs the instruction set it was compiled for (`runs`, above).
                        Kernel::Unary(kernel) => unsafe { kernel(xs.as_ptr(), ys.as_mut_ptr(), n) },
                        Kernel::Binary(kernel) => {
                            // A two-input row is found by a two-input function's name, so
                            // `x2` holds its second input (the slice panics otherwise).
                            let bs = black_box(&x2[k * n..(k + 1) * n]);
                            // SAFETY: as above, with `bs` a third slice of `n` elements that
                            // the kernel reads.
                            unsafe { kernel(xs.as_ptr(), bs.as_ptr(), ys.as_mut_ptr(), n) }
                        }
                    }
                })
            });
        }
    }
    g.finish();
}

/// The memory floors: `copy` = `copy_from_slice` (glibc's `memcpy`, one call); `entry` = the
/// functions' entry loop with no math on one thread ([`simdmath::copy_with`]: non-temporal
/// stores where input and output together reach [`simdmath::streaming_threshold`] bytes, as
/// the functions'); `pool` =
/// the same on the pinned pool (every logical CPU) at 2^20 and 2^24, beside the functions'
/// `pool` ids.
fn copy_type<T: Peers>(c: &mut Criterion, pool: Option<&Pool>) {
    let max = sizes().into_iter().max().unwrap_or(4096);
    let x: Vec<T> = simdmath::ulp::inputs::uniform(max, 0.0, 1.0, 12345);
    let mut y = vec![T::default(); max];
    let mut g = c.benchmark_group(format!("copy_{}", T::NAME));
    for n in sizes() {
        g.throughput(Throughput::Elements(n as u64));
        common::sampling(&mut g, n);
        g.bench_function(BenchmarkId::new("copy", n), |b| {
            b.iter(|| black_box(&mut y[..n]).copy_from_slice(black_box(&x[..n])))
        });
        g.bench_function(BenchmarkId::new("entry", n), |b| {
            b.iter(|| simdmath::copy_with(Isa::best(), black_box(&x[..n]), black_box(&mut y[..n])))
        });
        if let Some(p) = pool.filter(|_| n >= 1 << 20) {
            g.bench_function(BenchmarkId::new("pool", n), |b| {
                b.iter(|| p.copy_with(Isa::best(), black_box(&x[..n]), black_box(&mut y[..n])))
            });
        }
    }
    g.finish();
}

fn peers(c: &mut Criterion) {
    common::write_ranges_json();
    let pool = Pool::logical().ok();
    copy_type::<f64>(c, pool.as_ref());
    copy_type::<f32>(c, pool.as_ref());
    // Peers (and glibc's scalar loop) for the one-output functions, one or two inputs
    // (`sincos`, two outputs, has none yet).
    for &f in Func::ALL
        .iter()
        .filter(|f| matches!(f.arity(), simdmath::Arity::Unary | simdmath::Arity::Binary))
    {
        let (p64, p32) = (f64::c_peers(f), f32::c_peers(f));
        for r in selected_ranges(f) {
            bench_range::<f64>(c, f, &r, &p64);
            bench_range::<f32>(c, f, &r, &p32);
        }
    }
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = peers
}
criterion_main!(benches);
