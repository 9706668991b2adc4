//! Non-temporal ("streaming") stores for large out-of-place outputs: every streaming entry point
//! gives the same bits as its ordinary twin, for aligned and unaligned outputs and odd lengths,
//! writes nothing outside its output, and the public calls that choose it by size give what
//! the in-place (never streaming) calls give.

use simdmath::{Accuracy, Func, Isa, Pool};
use simdmath_kernels::backend::{self, Entry, Kernel};

/// A table of entry points in registry order.
type Table<T> = &'static [Kernel<T>];
/// The correctly rounded tier's table.
type CrTable = &'static [Option<Kernel<f32>>];
/// A backend's copy entry points (`f64`, `f32`).
type Copy2 = (Entry<f64>, Entry<f32>);

/// One backend's ordinary and streaming tables.
struct Tables {
    isa: Isa,
    f64: (Table<f64>, Table<f64>),
    f32: (Table<f32>, Table<f32>),
    cr: (CrTable, CrTable),
    copy: (Copy2, Copy2),
}

macro_rules! tables {
    ($isa:expr, $m:ident) => {
        Tables {
            isa: $isa,
            f64: (backend::$m::F64, backend::$m::F64_STREAM),
            f32: (backend::$m::F32, backend::$m::F32_STREAM),
            cr: (backend::$m::F32_CR, backend::$m::F32_CR_STREAM),
            copy: (backend::$m::COPY, backend::$m::COPY_STREAM),
        }
    };
}

/// The backends this CPU runs.
fn backends() -> Vec<Tables> {
    let mut v = vec![tables!(Isa::Portable, portable)];
    #[cfg(target_arch = "x86_64")]
    {
        v.push(tables!(Isa::Avx2, avx2));
        v.push(tables!(Isa::Avx512, avx512));
    }
    v.retain(|t| t.isa.is_available());
    v
}

/// Bit patterns of every kind: random bits (NaNs, infinities, subnormals, huge and tiny
/// values) mixed with ordinary values of either sign.
trait Bits: Copy + Default + PartialEq + std::fmt::Debug + 'static {
    fn from_u64(u: u64, k: usize) -> Self;
    fn bits(self) -> u64;
    const SENTINEL: Self;
}
impl Bits for f64 {
    fn from_u64(u: u64, k: usize) -> f64 {
        if k.is_multiple_of(3) {
            f64::from_bits(u)
        } else {
            (u >> 11) as f64 / (1u64 << 53) as f64 * 40.0 - 20.0
        }
    }
    fn bits(self) -> u64 {
        self.to_bits()
    }
    const SENTINEL: f64 = -1234.5;
}
impl Bits for f32 {
    fn from_u64(u: u64, k: usize) -> f32 {
        if k.is_multiple_of(3) {
            f32::from_bits((u >> 32) as u32)
        } else {
            (u >> 40) as f32 / (1u32 << 24) as f32 * 40.0 - 20.0
        }
    }
    fn bits(self) -> u64 {
        self.to_bits() as u64
    }
    const SENTINEL: f32 = -1234.5;
}

fn inputs<T: Bits>(n: usize, seed: u64) -> Vec<T> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|k| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            T::from_u64(s, k)
        })
        .collect()
}

const LENGTHS: &[usize] = &[
    0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 100, 257, 1001,
];
const MAX_N: usize = 1001;

/// A buffer with a 64-byte aligned position `base` and room for shifts of up to 32 elements.
struct Out<T> {
    v: Vec<T>,
    base: usize,
}
impl<T: Bits> Out<T> {
    fn new() -> Out<T> {
        let v = vec![T::SENTINEL; MAX_N + 64 + 32];
        let size = std::mem::size_of::<T>();
        let base = (v.as_ptr() as usize).wrapping_neg() % 64 / size;
        Out { v, base }
    }
    fn reset(&mut self) {
        self.v.fill(T::SENTINEL);
    }
    fn ptr(&mut self, shift: usize) -> *mut T {
        // SAFETY: `base + shift` < 16 + 32 lies within the buffer.
        unsafe { self.v.as_mut_ptr().add(self.base + shift) }
    }
    /// Elements `shift..shift + n` past `base`; panics if anything else changed.
    fn written(&self, shift: usize, n: usize, what: &str) -> Vec<T> {
        let (s, e) = (self.base + shift, self.base + shift + n);
        for (i, x) in self.v.iter().enumerate() {
            if (i < s || i >= e) && x.bits() != T::SENTINEL.bits() {
                panic!("{what}: element {i} outside the output was written");
            }
        }
        self.v[s..e].to_vec()
    }
}

fn same_bits<T: Bits>(a: &[T], b: &[T], what: &str) {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x.bits(), y.bits(), "{what}: element {i}: {x:?} vs {y:?}");
    }
}

/// Every shift of the output against a 64-byte boundary (aligned for every backend at 0, and
/// with a head of every size up to a whole AVX-512 vector of `f32`), every length.
fn shifts() -> impl Iterator<Item = usize> {
    0..=17
}

fn check_unary<T: Bits>(plain: Entry<T>, stream: Entry<T>, what: &str) {
    let x: Vec<T> = inputs(MAX_N, 7);
    let (mut a, mut b) = (Out::<T>::new(), Out::<T>::new());
    for &n in LENGTHS {
        for s in shifts() {
            a.reset();
            b.reset();
            // SAFETY: the CPU runs the backend (callers filter); `x` holds `n` elements and
            // both outputs `n` from the shifted position; they do not overlap.
            unsafe {
                plain(x.as_ptr(), a.ptr(s), n);
                stream(x.as_ptr(), b.ptr(s), n);
            }
            let w = format!("{what} n={n} shift={s}");
            same_bits(&a.written(s, n, &w), &b.written(s, n, &w), &w);
        }
    }
}

fn check_kernels<T: Bits>(isa: Isa, plain: &[Kernel<T>], stream: &[Kernel<T>], tier: &str) {
    let x: Vec<T> = inputs(MAX_N, 11);
    let y: Vec<T> = inputs(MAX_N, 13);
    let ty = std::any::type_name::<T>();
    for (i, (p, s)) in plain.iter().zip(stream).enumerate() {
        let name = simdmath_kernels::FUNCS[i].name;
        let what = format!("{} {name} {ty} {tier}", isa.name());
        match (*p, *s) {
            (Kernel::Unary(p), Kernel::Unary(s)) => check_unary(p, s, &what),
            (Kernel::Binary(p2, ps), Kernel::Binary(s2, ss)) => {
                let (mut a, mut b) = (Out::<T>::new(), Out::<T>::new());
                for &n in LENGTHS {
                    for sh in shifts() {
                        for scalar in [false, true] {
                            a.reset();
                            b.reset();
                            // SAFETY: as in `check_unary`, with `y` holding `n` elements.
                            unsafe {
                                if scalar {
                                    ps(x.as_ptr(), y[5], a.ptr(sh), n);
                                    ss(x.as_ptr(), y[5], b.ptr(sh), n);
                                } else {
                                    p2(x.as_ptr(), y.as_ptr(), a.ptr(sh), n);
                                    s2(x.as_ptr(), y.as_ptr(), b.ptr(sh), n);
                                }
                            }
                            let w = format!("{what} n={n} shift={sh} scalar={scalar}");
                            same_bits(&a.written(sh, n, &w), &b.written(sh, n, &w), &w);
                        }
                    }
                }
            }
            (Kernel::Pair(p), Kernel::Pair(s)) => {
                let (mut a0, mut a1) = (Out::<T>::new(), Out::<T>::new());
                let (mut b0, mut b1) = (Out::<T>::new(), Out::<T>::new());
                for &n in LENGTHS {
                    for sh in shifts() {
                        // The second output at the same and at a different alignment.
                        for sh1 in [sh, (sh + 3) % 18] {
                            for o in [&mut a0, &mut a1, &mut b0, &mut b1] {
                                o.reset();
                            }
                            // SAFETY: as in `check_unary`, four distinct outputs.
                            unsafe {
                                p(x.as_ptr(), a0.ptr(sh), a1.ptr(sh1), n);
                                s(x.as_ptr(), b0.ptr(sh), b1.ptr(sh1), n);
                            }
                            let w = format!("{what} n={n} shifts={sh},{sh1}");
                            same_bits(&a0.written(sh, n, &w), &b0.written(sh, n, &w), &w);
                            same_bits(&a1.written(sh1, n, &w), &b1.written(sh1, n, &w), &w);
                        }
                    }
                }
            }
            _ => panic!("{what}: the streaming table has another arity"),
        }
    }
}

#[test]
fn streaming_entry_points_give_the_same_bits_on_every_backend() {
    for t in backends() {
        check_kernels(t.isa, t.f64.0, t.f64.1, "faithful");
        check_kernels(t.isa, t.f32.0, t.f32.1, "faithful");
        for (i, (p, s)) in t.cr.0.iter().zip(t.cr.1).enumerate() {
            match (p, s) {
                (Some(p), Some(s)) => check_kernels(
                    t.isa,
                    std::slice::from_ref(p),
                    std::slice::from_ref(s),
                    &format!("cr #{i}"),
                ),
                (None, None) => {}
                _ => panic!("{} F32_CR and F32_CR_STREAM differ at {i}", t.isa.name()),
            }
        }
        let w = format!("{} copy", t.isa.name());
        check_unary(t.copy.0.0, t.copy.1.0, &w);
        check_unary(t.copy.0.1, t.copy.1.1, &w);
    }
}

#[test]
fn streaming_copy_copies() {
    for t in backends() {
        let x: Vec<f64> = inputs(MAX_N, 3);
        let mut o = Out::<f64>::new();
        for &n in LENGTHS {
            for s in shifts() {
                o.reset();
                // SAFETY: the CPU runs the backend; valid, distinct buffers of `n` elements.
                unsafe { (t.copy.1.0)(x.as_ptr(), o.ptr(s), n) };
                let w = format!("{} copy n={n} shift={s}", t.isa.name());
                same_bits(&o.written(s, n, &w), &x[..n], &w);
            }
        }
    }
}

/// Elements of `T` just over the streaming threshold (at most 40 MB worth, so the test stays
/// small where `SIMDMATH_STREAM_BYTES` or the cache size asks for more).
fn large_n<T>() -> Option<usize> {
    let t = simdmath::streaming_threshold();
    let size = std::mem::size_of::<T>();
    (t <= 40 << 20).then(|| t / size + 1001)
}

#[test]
fn large_out_of_place_calls_match_in_place_and_one_thread() {
    let pool = Pool::with_threads(2).unwrap();
    let Some(n) = large_n::<f32>() else {
        eprintln!("skipped: the streaming threshold is above 40 MB");
        return;
    };
    // Inputs over exp's, log's and sin's interesting ranges, with an odd start in the output
    // (the slice starts one element into its allocation). The outputs are written before
    // (not zeroed allocations, whose fresh pages a call does not stream into), so every call
    // below streams: the path under test.
    let x: Vec<f32> = (0..n).map(|i| (i % 20011) as f32 * 0.01 - 90.0).collect();
    let written = |len: usize| vec![-7.0f32; len];
    for f in [Func::Exp, Func::Log, Func::Sin] {
        let mut want = x.clone();
        simdmath::eval_in_place_with(Isa::best(), f, &mut want);
        let mut out = written(n + 1);
        assert!(simdmath::streams_to(out[1..].as_ptr(), n, 2));
        simdmath::eval_with(Isa::best(), f, &x, &mut out[1..]);
        same_bits(&out[1..], &want, &format!("eval {f}"));
        let mut out = written(n);
        pool.eval_with(Isa::best(), f, &x, &mut out);
        same_bits(&out, &want, &format!("Pool::eval {f}"));
        pool.eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, f, &x, &mut out);
        let mut cr = x.clone();
        pool.eval_in_place_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, f, &mut cr);
        same_bits(&out, &cr, &format!("Pool::eval_with_accuracy cr {f}"));
    }
    let mut want = x.clone();
    simdmath::eval2_scalar_in_place_with(Isa::best(), Func::Pow, &mut want, 1.5);
    let mut out = written(n);
    pool.eval2_scalar_with(Isa::best(), Func::Pow, &x, 1.5, &mut out);
    same_bits(&out, &want, "Pool::eval2_scalar pow");
    let y = vec![1.5f32; n];
    pool.eval2_with(Isa::best(), Func::Pow, &x, &y, &mut out);
    same_bits(&out, &want, "Pool::eval2 pow");
    let (mut s, mut c) = (written(n), written(n));
    pool.eval_pair_with(Isa::best(), Func::Sincos, &x, &mut s, &mut c);
    let mut sin = x.clone();
    simdmath::eval_in_place(Func::Sin, &mut sin);
    same_bits(&s, &sin, "Pool::eval_pair sincos");
    pool.copy_with(Isa::best(), &x, &mut out);
    same_bits(&out, &x, "Pool::copy_with");
    // A zeroed allocation (fresh pages where the allocator maps them: then not streamed into):
    // the same bits.
    let mut fresh = vec![0.0f32; n];
    pool.eval_with(Isa::best(), Func::Exp, &x, &mut fresh);
    let mut want = x.clone();
    simdmath::eval_in_place_with(Isa::best(), Func::Exp, &mut want);
    same_bits(&fresh, &want, "Pool::eval exp into a zeroed allocation");
}

/// An expression whose output streams (`n` over the threshold), on blocks: its results with
/// `out` on a cache line, one element and 16 bytes past it, half a line and one element short
/// of the next (the first block then ends on a line: see `Bound::run`), with the default and odd
/// block lengths and 1-3 threads, bit for bit those of the same expression over pieces too
/// short to stream, and every element written. (Five offsets, not all: under `qemu-aarch64`
/// every offset of both types took about 300 s.)
fn check_large_expressions<T: simdmath::Real + Bits>(n: usize) {
    use simdmath::{Expr, Input};
    let x: Vec<T> = (0..n)
        .map(|i| T::from_f64((i % 20011) as f64 * 0.001 - 10.0))
        .collect();
    let line = 64 / std::mem::size_of::<T>();
    let sentinel = T::from_f64(12345.0);
    // A staged arithmetic step after a function, a function into `out`, arithmetic alone, a
    // function of a function's result.
    for src in ["1/(1+exp(-x))", "exp(-0.5*x*x)", "x*x+1", "log1p(exp(x))"] {
        let e = Expr::parse(src).unwrap();
        let mut want = vec![T::default(); n];
        for (xs, ws) in x.chunks(4093).zip(want.chunks_mut(4093)) {
            e.eval(&[("x", Input::from(xs))], ws).unwrap();
        }
        for (threads, block) in [(1, 0), (2, 1000), (3, 100)] {
            let pool = Pool::with_threads(threads).unwrap();
            for shift in [0, 1, 16 / std::mem::size_of::<T>(), line / 2, line - 1] {
                let mut buf = vec![sentinel; n + line];
                let out = &mut buf[shift..shift + n];
                pool.eval_expr_with(Isa::best(), block, &e, &[("x", Input::from(&x))], out)
                    .unwrap();
                let what = format!("{src} {threads} threads block {block} shift {shift}");
                same_bits(out, &want, &what);
            }
        }
    }
}

#[test]
fn large_expressions_give_the_same_bits_at_line_offsets() {
    let (Some(n64), Some(n32)) = (large_n::<f64>(), large_n::<f32>()) else {
        eprintln!("skipped: the streaming threshold is above 40 MB");
        return;
    };
    assert!(simdmath::streams::<f64>(n64) && simdmath::streams::<f32>(n32));
    check_large_expressions::<f64>(n64);
    check_large_expressions::<f32>(n32);
}

/// Whether `v` is NaN, ±inf, ±0 or subnormal (what the checked entry points report).
fn unusual<T: simdmath::Real>(v: T) -> bool {
    let x = v.to_f64();
    let min = if T::NAME == "f32" {
        f32::MIN_POSITIVE as f64
    } else {
        f64::MIN_POSITIVE
    };
    !(x.abs() >= min && x.is_finite())
}

/// One function, tier and backend through `eval_checked`: the same bits as the plain call,
/// and `true` exactly where some written element is unusual. Returns how many calls said
/// `false` (so the caller can see both answers were exercised).
fn check_checked<T: simdmath::Real + Bits>(
    isa: Isa,
    acc: Accuracy,
    f: Func,
    stream: bool,
) -> usize {
    use simdmath::Operands;
    let kinds = [inputs::<T>(MAX_N + 32, 17), {
        // Ordinary values only (no NaN, inf or tiny input): mostly normal results.
        let mut v = inputs::<T>(MAX_N + 32, 19);
        for (k, e) in v.iter_mut().enumerate() {
            *e = T::from_u64(0x5DEE_CE66_D123_4567u64.wrapping_mul(k as u64 + 1), 1);
        }
        v
    }];
    let mut said_false = 0;
    let w = |n: usize, s: usize| {
        format!(
            "{} {f} {} {acc} stream={stream} n={n} shift={s}",
            isa.name(),
            T::NAME
        )
    };
    for x in &kinds {
        let y = &x[7..];
        for &n in &[0, 1, 3, 16, 17, 33, 100, 1001] {
            for s in [0, 1, 3, 8, 15] {
                let (mut a, mut b) = (vec![T::default(); n + 16], vec![T::default(); n + 16]);
                let (mut a1, mut b1) = (vec![T::default(); n + 16], vec![T::default(); n + 16]);
                let got = match f.info().arity {
                    "unary" => {
                        simdmath::eval_with_accuracy(isa, acc, f, &x[..n], &mut a[s..s + n]);
                        eval_checked_of(
                            isa,
                            acc,
                            stream,
                            f,
                            Operands::Unary(&x[..n], &mut b[s..s + n]),
                        )
                    }
                    "binary" => {
                        simdmath::eval2_with(isa, f, &x[..n], &y[..n], &mut a[s..s + n]);
                        let g = eval_checked_of(
                            isa,
                            acc,
                            stream,
                            f,
                            Operands::Binary(&x[..n], &y[..n], &mut b[s..s + n]),
                        );
                        same_bits(&a[s..s + n], &b[s..s + n], &w(n, s));
                        assert_eq!(g, b[s..s + n].iter().any(|&v| unusual(v)), "{}", w(n, s));
                        simdmath::eval2_scalar_with(isa, f, &x[..n], y[3], &mut a[s..s + n]);
                        eval_checked_of(
                            isa,
                            acc,
                            stream,
                            f,
                            Operands::BinaryScalar(&x[..n], y[3], &mut b[s..s + n]),
                        )
                    }
                    "unary2" => {
                        simdmath::eval_pair_with_accuracy(
                            isa,
                            acc,
                            f,
                            &x[..n],
                            &mut a[s..s + n],
                            &mut a1[s..s + n],
                        );
                        let g = eval_checked_of(
                            isa,
                            acc,
                            stream,
                            f,
                            Operands::Pair(&x[..n], &mut b[s..s + n], &mut b1[s..s + n]),
                        );
                        same_bits(&a1[s..s + n], &b1[s..s + n], &w(n, s));
                        g
                    }
                    other => panic!("{f}: arity {other}"),
                };
                same_bits(&a[s..s + n], &b[s..s + n], &w(n, s));
                let mut want = b[s..s + n].iter().any(|&v| unusual(v));
                if f.info().arity == "unary2" {
                    want |= b1[s..s + n].iter().any(|&v| unusual(v));
                }
                // Every unusual result is reported, but an exact zero of the function (its
                // registry `zeros`) may not be (a vector of the kernel's usual path).
                let exact_zero = |i: usize| {
                    f.info().arity == "unary"
                        && b[s + i].to_f64() == 0.0
                        && f.info().zeros.contains(x[i].to_f64())
                };
                let must = (0..n).any(|i| unusual(b[s + i]) && !exact_zero(i))
                    || (f.info().arity == "unary2" && b1[s..s + n].iter().any(|&v| unusual(v)));
                assert!(
                    got == want || (want && !must),
                    "{}: the check ({got})",
                    w(n, s)
                );
                said_false += usize::from(!got && n > 0);
            }
        }
    }
    said_false
}

fn eval_checked_of<T: simdmath::Real>(
    isa: Isa,
    acc: Accuracy,
    stream: bool,
    f: Func,
    ops: simdmath::Operands<'_, T>,
) -> bool {
    simdmath::eval_checked(isa, acc, f, ops, stream)
}

#[test]
fn checked_entry_points_give_the_same_bits_and_flag_exactly_the_unusual_results() {
    for t in backends() {
        let mut said_false = 0;
        for &f in Func::ALL {
            for stream in [false, true] {
                said_false += check_checked::<f64>(t.isa, Accuracy::Faithful, f, stream);
                said_false += check_checked::<f32>(t.isa, Accuracy::Faithful, f, stream);
                if f.info().max_ulp_f32_cr.is_some() {
                    said_false +=
                        check_checked::<f32>(t.isa, Accuracy::CorrectlyRounded, f, stream);
                }
            }
        }
        // Some non-empty calls had only normal results and said so.
        assert!(
            said_false > 8 * Func::ALL.len(),
            "{}: {said_false}",
            t.isa.name()
        );
    }
}

/// One unusual result anywhere in a long call is found, in every block of the checked loops
/// (AVX2 tests its results block by block after computing them, `Lanes::CHECK_AFTER`, and a
/// streamed `tanh`'s inputs after the block, its registry `input` test marked `after`), and a
/// call without one says so: one- and two-input entry points, both types, every backend,
/// aligned and not, plain and streaming, out of place and in place.
#[test]
fn checked_entry_points_find_one_unusual_result_anywhere() {
    fn run<T: simdmath::Real>(isa: Isa, stream: bool) {
        use simdmath::Operands;
        let n = 5000;
        let one = T::from_f64(1.0);
        let big = T::from_f64(1e6); // exp(1e6) = +inf
        let inf = T::from_f64(f64::INFINITY);
        let mut positions = vec![0, 1, 7, 8, 15, 16, 255, 256, 511, 512, 513];
        positions.extend([
            1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4983, 4984, 4999,
        ]);
        for s in [0, 3] {
            let x = vec![one; n + s];
            let mut out = vec![T::default(); n + s];
            let w = |p: Option<usize>| {
                format!("{} {} stream={stream} s={s} at {p:?}", isa.name(), T::NAME)
            };
            // Whether checked `exp(a)` (Exp), `tanh(a)` (Tanh, out of place and in place) or
            // `hypot(x, a)` (Hypot) reports an unusual result.
            let mut says = |f: Func, a: &[T], in_place: bool| {
                let mut copy = a.to_vec();
                let ops = match f {
                    Func::Hypot => Operands::Binary(&x[s..], &a[s..], &mut out[s..]),
                    _ if in_place => Operands::UnaryInPlace(&mut copy[s..]),
                    _ => Operands::Unary(&a[s..], &mut out[s..]),
                };
                simdmath::eval_checked(isa, Accuracy::Faithful, f, ops, stream)
            };
            for f in [Func::Exp, Func::Hypot, Func::Tanh] {
                assert!(!says(f, &x, false), "{f} {}", w(None));
            }
            assert!(!says(Func::Tanh, &x, true), "tanh in place {}", w(None));
            for &p in &positions {
                let (mut xe, mut y, mut z) = (x.clone(), x.clone(), x.clone());
                xe[s + p] = big;
                y[s + p] = inf;
                z[s + p] = T::from_f64(if p % 2 == 0 { 0.0 } else { f64::NAN }); // tanh: 0, NaN
                assert!(says(Func::Exp, &xe, false), "exp {}", w(Some(p)));
                assert!(says(Func::Hypot, &y, false), "hypot {}", w(Some(p)));
                assert!(says(Func::Tanh, &z, false), "tanh {}", w(Some(p)));
                assert!(says(Func::Tanh, &z, true), "tanh in place {}", w(Some(p)));
            }
        }
    }
    for t in backends() {
        for stream in [false, true] {
            run::<f64>(t.isa, stream);
            run::<f32>(t.isa, stream);
        }
    }
}

/// The registry's `usual` tests (`exp_f64_usual`, ...: a vector on the kernel's usual path has
/// only normal results, or exact zeros, so the checked loops skip their test of its results)
/// hold at their edges: vectors of arguments just inside each end report no unusual result and
/// have none, and one lane just outside (or past the next end of the function's normal
/// results) is found, on every backend, plain and streaming. The functions are monotonic, so
/// the ends decide. `log(1) = 0` on a usual vector may go unreported: it is exact.
#[test]
fn usual_paths_hold_at_their_edges() {
    use simdmath::Operands;
    fn run<T: simdmath::Real>(isa: Isa, f: Func, inside: [f64; 2], outside: [f64; 2]) {
        let n = 100;
        // Arguments well inside, none at an exact zero of the function.
        let mid = if f == Func::Cbrt || f == Func::Acosh || f.name().starts_with("log") {
            1.5
        } else {
            -0.5
        };
        for stream in [false, true] {
            // The checked call on x: (what it reports, the results).
            let checked = |x: &[T]| {
                let mut y = vec![T::default(); n];
                let ops = Operands::Unary(x, &mut y);
                let got = simdmath::eval_checked(isa, Accuracy::Faithful, f, ops, stream);
                (got, y)
            };
            let what = |at: f64| format!("{} {f} {} stream={stream} at {at}", isa.name(), T::NAME);
            for &edge in &inside {
                let x: Vec<T> = (0..n)
                    .map(|i| T::from_f64(if i % 3 == 0 { edge } else { mid }))
                    .collect();
                let (got, y) = checked(&x);
                let bad = y.iter().any(|&v| unusual(v));
                assert!(!got && !bad, "{}: {:?}", what(edge), &y[..4]);
            }
            for &out in &outside {
                let mut x: Vec<T> = (0..n).map(|_| T::from_f64(mid)).collect();
                x[37] = T::from_f64(out);
                let (got, y) = checked(&x);
                assert!(got && unusual(y[37]), "{}: {:?}", what(out), y[37]);
            }
        }
    }
    // (function, the ends of its usual interval just inside, arguments outside): f64, then f32.
    let dn = |v: f64| f64::from_bits(v.to_bits() - 1);
    let dn32 = |v: f32| f32::from_bits(v.to_bits() - 1) as f64;
    let (min32, max32) = (f32::MIN_POSITIVE as f64, f32::MAX as f64);
    let above1 = f64::from_bits(1.0f64.to_bits() + 1);
    let above1_32 = f32::from_bits(1.0f32.to_bits() + 1) as f64;
    let below_2p20 = dn32(1048576.0);
    let (min, max, inf, nan) = (f64::MIN_POSITIVE, f64::MAX, f64::INFINITY, f64::NAN);
    let (two_m26, two_p20) = (2f64.powi(-26), 2f64.powi(20));
    // exp family: |x| < 707, 1020, 307 (f64), (-86.9, 88.3), (-125.5, 127.5), (-37.5, 38.2)
    // (f32), outside results past the normal range; cbrt: normal x; log family: positive
    // normal x (log(1) = 0 is exact), outside -inf and NaN; acosh: 1 <= x < inf (acosh(1) = 0
    // exact); cosh f64: |x| < 710, outside an overflow and NaN; sin, cos, tan f64: |x| < 2^20
    // and not within 2^-27 of a multiple of pi/2, outside a subnormal (sin, tan) or an
    // infinity (cos), and NaN; sinh f64: 0.25 <= |x| < 710, outside a subnormal and an
    // overflow; expm1 f64: x outside about (-0.74, 0.69), below 709.7, outside a subnormal and
    // an overflow; cos f32: |x| < 2^20 in native f32 lanes. The input tests: normal |x| (tanh,
    // atan, asinh; sin, tan f32 below 2^20; sinh, expm1 f32 below 89 and 88; atanh below 1;
    // asin at most 1), |x| <= 1 (acos), |x| < 89 (cosh f32), -1 < x < inf with |x| normal
    // (log1p), outside a subnormal (its result
    // is one too) or an argument whose result is not normal (NaN, an overflow, a pole).
    let cases64 = [
        (Func::Exp, [-dn(707.0), dn(707.0)], [-746.0, 710.0]),
        (Func::Exp2, [-dn(1020.0), dn(1020.0)], [-1030.0, 1024.0]),
        (Func::Exp10, [-dn(307.0), dn(307.0)], [-310.0, 309.0]),
        (Func::Cbrt, [-min, max], [-0.0, inf]),
        (Func::Log, [min, max], [0.0, -1.0]),
        (Func::Log2, [min, max], [0.0, -1.0]),
        (Func::Log10, [min, max], [0.0, -1.0]),
        (Func::Acosh, [above1, max], [0.5, -1.0]),
        (Func::Cosh, [-dn(710.0), dn(710.0)], [711.0, nan]),
        (Func::Sin, [two_m26, dn(two_p20)], [1e-310, nan]),
        (Func::Cos, [-dn(two_p20), dn(two_p20)], [inf, nan]),
        (Func::Tan, [-two_m26, -dn(two_p20)], [-1e-310, nan]),
        (Func::Sinh, [-0.25, dn(710.0)], [1e-310, 711.0]),
        (Func::Expm1, [-1e300, dn(709.7)], [-1e-310, 710.0]),
        (Func::Tanh, [-min, max], [1e-310, nan]),
        (Func::Atanh, [-min, dn(1.0)], [1e-310, 1.0]),
        (Func::Atan, [-min, max], [1e-310, nan]),
        (Func::Acos, [-1.0, dn(1.0)], [above1, nan]),
        (Func::Log1p, [-dn(1.0), max], [1e-310, -1.0]),
        (Func::Asinh, [-min, max], [1e-310, inf]),
        (Func::Asin, [-min, 1.0], [1e-310, above1]),
    ];
    let cases32 = [
        (Func::Exp, [-dn32(86.9), dn32(88.3)], [-87.5, 89.0]),
        (Func::Exp2, [-dn32(125.5), dn32(127.5)], [-127.0, 128.0]),
        (Func::Exp10, [-dn32(37.5), dn32(38.2)], [-38.5, 38.6]),
        (Func::Cbrt, [-min32, max32], [0.0, inf]),
        (Func::Log, [min32, max32], [0.0, -1.0]),
        (Func::Log2, [min32, max32], [0.0, -1.0]),
        (Func::Log10, [min32, max32], [0.0, -1.0]),
        (Func::Acosh, [above1_32, max32], [0.5, -1.0]),
        (Func::Cos, [-below_2p20, below_2p20], [inf, nan]),
        (Func::Sin, [-min32, below_2p20], [1e-40, nan]),
        (Func::Tan, [min32, -below_2p20], [-1e-40, nan]),
        (Func::Expm1, [-max32, dn32(88.0)], [1e-40, 89.0]),
        (Func::Sinh, [-min32, dn32(89.0)], [1e-40, 90.0]),
        (Func::Cosh, [-dn32(89.0), dn32(89.0)], [90.0, nan]),
        (Func::Tanh, [-min32, max32], [1e-40, nan]),
        (Func::Asinh, [-min32, max32], [1e-40, inf]),
        (Func::Atanh, [-min32, dn32(1.0)], [1e-40, 1.0]),
        (Func::Atan, [-min32, max32], [1e-40, nan]),
        (Func::Asin, [-min32, 1.0], [1e-40, above1_32]),
        (Func::Acos, [-1.0, dn32(1.0)], [above1_32, nan]),
        (Func::Log1p, [-dn32(1.0), max32], [1e-40, -1.0]),
    ];
    for t in backends() {
        let isa = t.isa;
        for (f, inside, outside) in cases64 {
            run::<f64>(isa, f, inside, outside);
        }
        for (f, inside, outside) in cases32 {
            run::<f32>(isa, f, inside, outside);
        }
        // log(1) = +0 on a usual vector: exact, reported or not.
        let x = vec![1.0f64; 64];
        let mut y = vec![1.0f64; 64];
        let ops = Operands::Unary(&x, &mut y);
        simdmath::eval_checked(isa, Accuracy::Faithful, Func::Log, ops, false);
        assert!(y.iter().all(|v| v.to_bits() == 0), "{} log(1)", isa.name());
    }
}

/// `sincos` `f64` asks `sin`'s usual-path test (the registry's `usual` for the two-output
/// function): vectors of arguments at both ends of that path report nothing and have only normal
/// results in both outputs; one argument outside among usual ones (a subnormal, whose sine is
/// one; NaN) is found, on every backend, plain and streamed.
#[test]
fn sincos_usual_path_holds_at_its_edges() {
    use simdmath::Operands;
    let n = 100;
    let (two_m26, below_2p20) = (2f64.powi(-26), f64::from_bits(2f64.powi(20).to_bits() - 1));
    for t in backends() {
        let isa = t.isa;
        for stream in [false, true] {
            let checked = |x: &[f64]| {
                let (mut s, mut c) = (vec![0.0; n], vec![0.0; n]);
                let got = simdmath::eval_checked(
                    isa,
                    Accuracy::Faithful,
                    Func::Sincos,
                    Operands::Pair(x, &mut s, &mut c),
                    stream,
                );
                (got, s, c)
            };
            for edge in [two_m26, -two_m26, below_2p20, -below_2p20] {
                let x: Vec<f64> = (0..n)
                    .map(|i| if i % 3 == 0 { edge } else { -0.5 })
                    .collect();
                let (got, s, c) = checked(&x);
                let bad = s.iter().chain(&c).any(|&v| unusual(v));
                assert!(
                    !got && !bad,
                    "{} sincos stream={stream} at {edge}",
                    isa.name()
                );
            }
            for out in [1e-310, f64::NAN] {
                let mut x = vec![-0.5; n];
                x[37] = out;
                let (got, s, _) = checked(&x);
                assert!(
                    got && unusual(s[37]),
                    "{} sincos stream={stream} at {out}",
                    isa.name()
                );
            }
        }
    }
}

/// A two-input function's usual-path test (the registry's `usual`), on backend `isa`, plain and
/// streamed: for each pair `(a, b)` of `inside`, vectors with every third pair `(a, b)` and the
/// rest `(0.5, -0.25)`, and the first vector (every third `a`, the rest 0.5) with `b` as a scalar
/// second input, report no unusual result and have none; one pair of `outside` or with NaN as
/// either input, among `(0.5, -0.25)` pairs, whose result is not normal, is reported.
fn usual_pairs_hold<T: simdmath::Real>(
    isa: Isa,
    func: Func,
    inside: &[(f64, f64)],
    outside: &[(f64, f64)],
) {
    use simdmath::Operands;
    let n = 100;
    let t = |v: f64| T::from_f64(v);
    let name = func.info().name;
    let checked = |ops: Operands<'_, T>, stream: bool| {
        simdmath::eval_checked(isa, Accuracy::Faithful, func, ops, stream)
    };
    let every_third = |v: f64, rest: f64| -> Vec<T> {
        (0..n)
            .map(|i| t(if i % 3 == 0 { v } else { rest }))
            .collect()
    };
    // NaN as either input is outside every usual path.
    let nan = [(f64::NAN, 1.0), (1.0, f64::NAN)];
    for stream in [false, true] {
        let what =
            |p: (f64, f64)| format!("{} {name} {} stream={stream} at {p:?}", isa.name(), T::NAME);
        for &(a, b) in inside {
            let (x, y) = (every_third(a, 0.5), every_third(b, -0.25));
            let mut o = vec![T::default(); n];
            let got = checked(Operands::Binary(&x, &y, &mut o), stream);
            assert!(!got && !o.iter().any(|&v| unusual(v)), "{}", what((a, b)));
            let got = checked(Operands::BinaryScalar(&x, t(b), &mut o), stream);
            let bad = o.iter().any(|&v| unusual(v));
            assert!(!got && !bad, "{} (scalar)", what((a, b)));
        }
        for &(a, b) in outside.iter().chain(&nan) {
            let (mut x, mut y) = (vec![t(0.5); n], vec![t(-0.25); n]);
            (x[37], y[37]) = (t(a), t(b));
            let mut o = vec![T::default(); n];
            let got = checked(Operands::Binary(&x, &y, &mut o), stream);
            assert!(got && unusual(o[37]), "{}: {:?}", what((a, b)), o[37]);
        }
    }
}

/// `hypot`'s usual-path tests: pairs with `max(|x|, |y|)` at both ends of the interval
/// (`[2^-480, 2^500]` for `f64`, `[2^-40, 2^60]` for `f32`), as `x`, as `y` and as both, are not
/// reported, on every backend, plain and streamed, both vectors and scalars as the second input;
/// one pair outside among usual ones (a subnormal result, an overflow, NaN as either input) is.
#[test]
fn hypot_usual_path_holds_at_its_edges() {
    let edges = |lo: f64, hi: f64| {
        [lo, hi]
            .into_iter()
            .flat_map(|e| [(e, 0.0), (0.0, e), (e, e)])
            .collect::<Vec<_>>()
    };
    let (p, tiny32) = (|e: i32| 2f64.powi(e), f32::from_bits(1) as f64);
    for b in backends() {
        let outside = [(f64::from_bits(1), 0.0), (1.5e308, 1.5e308)];
        usual_pairs_hold::<f64>(b.isa, Func::Hypot, &edges(p(-480), p(500)), &outside);
        let outside = [(tiny32, 0.0), (3e38, 3e38)];
        usual_pairs_hold::<f32>(b.isa, Func::Hypot, &edges(p(-40), p(60)), &outside);
    }
}

/// `atan2`'s usual-path tests (the kernels' first tests): pairs `(y, x)` at the ends of their
/// ranges (`|x| + |y|` below `2^511` (`f64`), `2^62` (`f32`), `min(|x|, |y|)` at least
/// `2^-500`, `2^-62`; the results there are normal) report no unusual result, on every backend,
/// plain and streamed, both vectors and scalars as the second input; one pair outside among
/// usual ones whose result is not normal (subnormal, NaN) is reported.
#[test]
fn atan2_usual_path_holds_at_its_edges() {
    let p = |e: i32| 2f64.powi(e);
    // (y, x) with min(|x|, |y|) = lo, |x| + |y| just below the bound: the smallest ratio both
    // ways round and both signs, the smallest minimum.
    let inside = |lo: f64, hi: f64| {
        [
            (lo, hi),
            (lo, -hi),
            (-hi, lo),
            (hi, lo),
            (lo, lo),
            (lo, 1.0),
        ]
    };
    for b in backends() {
        let outside = [(p(-30), p(1000)), (p(-1074), 0.4)];
        usual_pairs_hold::<f64>(
            b.isa,
            Func::Atan2,
            &inside(p(-500), p(510) * 1.99),
            &outside,
        );
        let outside = [(p(-28), p(99)), (p(-100), p(30)), (1e-45, 1.0)];
        usual_pairs_hold::<f32>(b.isa, Func::Atan2, &inside(p(-62), p(61) * 1.99), &outside);
    }
}

/// The pair shape (`sincos`) with its two outputs at every kind of distance modulo a page: at
/// the same offset and just ahead (where `backend::streams_clash` keeps the streaming entry
/// point from streaming), behind, and half a page apart (where it streams): the same bits as
/// the ordinary entry point, and nothing written outside either output.
#[test]
fn pair_outputs_at_any_page_offset_give_the_same_bits() {
    fn run<T: Bits>(what: &str, plain: Table<T>, stream: Table<T>) {
        let i = simdmath_kernels::FUNCS
            .iter()
            .position(|f| f.arity == "unary2")
            .expect("a one-input, two-output function");
        let (Kernel::Pair(p), Kernel::Pair(s)) = (plain[i], stream[i]) else {
            panic!("{what}: sincos is not a pair entry point");
        };
        let size = std::mem::size_of::<T>();
        let n = 3 * 4096 / size + 5;
        let x: Vec<T> = inputs(n, 17);
        let page = 4096 / size;
        for delta in [0usize, 64, 128, 2048, 4096 - 64] {
            for shift in [0usize, 1, 3] {
                let mut bufs = [vec![T::SENTINEL; 10 * page], vec![T::SENTINEL; 10 * page]];
                let mut outs = Vec::new();
                for b in &mut bufs {
                    let base = (b.as_ptr() as usize).wrapping_neg() % 4096 / size + shift;
                    let second = base + 4 * page + delta / size;
                    // SAFETY: both outputs lie in the buffer (second + n < 10 pages) and apart.
                    let (o0, o1) =
                        unsafe { (b.as_mut_ptr().add(base), b.as_mut_ptr().add(second)) };
                    outs.push((o0, o1, base, second));
                }
                let ((a0, a1, pa, qa), (b0, b1, base, second)) = (outs[0], outs[1]);
                // SAFETY: the CPU runs the backend (callers filter); `x` holds `n` elements,
                // each output `n` from its position, all four apart.
                unsafe {
                    p(x.as_ptr(), a0, a1, n);
                    s(x.as_ptr(), b0, b1, n);
                }
                let w = format!("{what} delta={delta} shift={shift}");
                same_bits(&bufs[0][pa..pa + n], &bufs[1][base..base + n], &w);
                same_bits(&bufs[0][qa..qa + n], &bufs[1][second..second + n], &w);
                for (k, v) in bufs[1].iter().enumerate() {
                    let inside = (base..base + n).contains(&k) || (second..second + n).contains(&k);
                    assert!(
                        inside || v.bits() == T::SENTINEL.bits(),
                        "{w}: element {k} outside the outputs was written"
                    );
                }
            }
        }
    }
    for t in backends() {
        run(&format!("{} f64", t.isa.name()), t.f64.0, t.f64.1);
        run(&format!("{} f32", t.isa.name()), t.f32.0, t.f32.1);
    }
}

/// The streaming entry points where the output lies just ahead of an input in a page (they then
/// write with ordinary stores, `backend::store_alias`) and elsewhere: the same bits as the
/// ordinary entry points, and nothing written outside the output.
fn check_output_ahead<T: Bits>(plain: &[Kernel<T>], stream: &[Kernel<T>], what: &str) {
    const N: usize = 600;
    let size = std::mem::size_of::<T>();
    let page = 4096 / size;
    // x at a page boundary, y one page later; the output two pages after x plus `ahead`.
    let mut buf = vec![T::SENTINEL; 6 * page];
    let p0 = (buf.as_ptr() as usize).wrapping_neg() % 4096 / size;
    let (xs, ys) = (inputs::<T>(N, 21), inputs::<T>(N, 23));
    buf[p0..p0 + N].copy_from_slice(&xs);
    buf[p0 + page..p0 + page + N].copy_from_slice(&ys);
    let ty = std::any::type_name::<T>();
    for (i, (p, s)) in plain.iter().zip(stream).enumerate() {
        let name = simdmath_kernels::FUNCS[i].name;
        for ahead in [0usize, 8, 16, 48, 64, 120, 128, 256, 4088] {
            let o = p0 + 2 * page + ahead / size;
            let mut got = [Vec::new(), Vec::new()];
            for (k, kernel) in [p, s].into_iter().enumerate() {
                buf[p0 + 2 * page..].fill(T::SENTINEL);
                let (x, y, out) = (
                    buf[p0..].as_ptr(),
                    buf[p0 + page..].as_ptr(),
                    buf[o..].as_mut_ptr(),
                );
                // SAFETY: the CPU runs the backend (callers filter); `x`, `y` and `out` hold
                // `N` elements each (`out` ends before the buffer does) and do not overlap.
                unsafe {
                    match *kernel {
                        Kernel::Unary(e) => e(x, out, N),
                        Kernel::Binary(e, _) => e(x, y, out, N),
                        Kernel::Pair(_) => continue,
                    };
                }
                let w = format!("{what} {name} {ty} ahead={ahead}");
                for (j, v) in buf[p0 + 2 * page..].iter().enumerate() {
                    let inside = (o - p0 - 2 * page..o - p0 - 2 * page + N).contains(&j);
                    assert!(
                        inside || v.bits() == T::SENTINEL.bits(),
                        "{w}: wrote outside"
                    );
                }
                got[k] = buf[o..o + N].to_vec();
            }
            same_bits(
                &got[0],
                &got[1],
                &format!("{what} {name} {ty} ahead={ahead}"),
            );
        }
    }
}

#[test]
fn streaming_entry_points_with_the_output_just_ahead_of_an_input_give_the_same_bits() {
    for t in backends() {
        let what = t.isa.name();
        check_output_ahead(t.f64.0, t.f64.1, what);
        check_output_ahead(t.f32.0, t.f32.1, what);
    }
}
