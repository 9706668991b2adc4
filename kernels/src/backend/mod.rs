//! The backends: one file per instruction set, each implementing [`crate::Lanes`] for one `f64`
//! and one `f32` vector type and calling `stamp_backend!` once, which stamps out one entry
//! point per registry function and type (see [`crate::registry`]).
//!
//! Each backend file also holds its instruction set's facts, written once: an `isa!` macro
//! (see [`isa_facts!`](crate::isa_facts)) with the module's name, the target features its entry
//! points are compiled with and the `std::arch` macro that detects them. From it come the
//! module's [`NAME`](portable::NAME) and [`FEATURES`](portable::FEATURES), the entry points'
//! `#[target_feature]` attributes, and `isa!(detected)`, the run-time check that the `simdmath`
//! crate's `Isa` and every other `#[target_feature]` function (the random fill, the expression
//! operations, the Python flag scan) use instead of feature strings of their own.
//!
//! Adding an instruction set: a new file here with its `isa!` macro, its two `Lanes` impls and
//! one `isa!(stamp ...)` line, its `pub mod` line below, and one line of `Isa` (and one arm of
//! `by_backend!`) in the `simdmath` crate.

pub mod portable;

#[cfg(target_arch = "x86_64")]
pub mod avx2;
#[cfg(target_arch = "x86_64")]
pub mod avx512;
#[cfg(target_arch = "aarch64")]
pub mod neon;

/// An entry point: applies one function to `n` elements read from `src` and written to `dst`.
///
/// ```
/// use simdmath_kernels::backend::{Entry, portable};
/// let log: Entry<f64> = portable::F64[1].unary().unwrap();
/// let x = [1.0f64, std::f64::consts::E];
/// let mut y = [0.0; 2];
/// // SAFETY: valid pointers for 2 elements; the portable backend runs on any CPU.
/// unsafe { log(x.as_ptr(), y.as_mut_ptr(), 2) };
/// assert_eq!(y, [0.0, 1.0]);
/// ```
///
/// # Safety
/// `src` must be valid for reading and `dst` for writing `n` elements; they may be equal (in
/// place) but must not otherwise overlap. The CPU must support the backend's instruction set.
pub type Entry<T, R = ()> = unsafe fn(src: *const T, dst: *mut T, n: usize) -> R;

/// An entry point of a two-input function: `dst[i] = f(x[i], y[i])` for `n` elements.
///
/// # Safety
/// `x` and `y` must be valid for reading and `dst` for writing `n` elements; `dst` may equal
/// `x` or `y` (in place) but must not otherwise overlap them. The CPU must support the
/// backend's instruction set.
pub type Entry2<T, R = ()> = unsafe fn(x: *const T, y: *const T, dst: *mut T, n: usize) -> R;

/// An entry point of a two-input function with the second input one scalar:
/// `dst[i] = f(x[i], y)`.
///
/// # Safety
/// As [`Entry`].
pub type EntryScalar<T, R = ()> = unsafe fn(x: *const T, y: T, dst: *mut T, n: usize) -> R;

/// An entry point of a one-input, two-output function (`sincos`): `dst0[i], dst1[i] = f(x[i])`.
///
/// # Safety
/// `src` must be valid for reading and `dst0`, `dst1` for writing `n` elements; `dst0` may
/// equal `src` (in place), otherwise none may overlap. The CPU must support the backend's
/// instruction set.
pub type EntryPair<T, R = ()> = unsafe fn(src: *const T, dst0: *mut T, dst1: *mut T, n: usize) -> R;

/// A registry function's entry points on one backend, by its arity.
///
/// ```
/// use simdmath_kernels::backend::{Kernel, portable};
/// assert!(matches!(portable::F64[0], Kernel::Unary(_))); // exp
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Kernel<T, R = ()> {
    /// One input, one output.
    Unary(Entry<T, R>),
    /// Two inputs (two slices, or a slice and a scalar), one output.
    Binary(Entry2<T, R>, EntryScalar<T, R>),
    /// One input, two outputs.
    Pair(EntryPair<T, R>),
}

/// Entry points that also return whether any result is not a normal number (NaN, ±inf, ±0 or
/// subnormal; [`Lanes::not_normal`](crate::Lanes::not_normal)): `F64_CHECKED`, `F32_CHECKED`
/// and `F32_CR_CHECKED` of each backend, and their `_STREAM_CHECKED` twins that write with
/// non-temporal stores. A caller that derives floating-point flags from the results looks at a
/// block again only where this says so, instead of scanning every output (or reading a
/// streamed one back from memory). The same bits as [`Kernel`].
///
/// One kind of such result may go unreported: an exact zero of the function (its registry
/// `zeros`, such as `log(1) = 0`) on a vector of the kernel's usual path (the registry's
/// `usual`), where the loop asks the kernel's own test of the vector instead of testing the
/// results. An exact zero needs no floating-point flag. Every NaN, infinity, subnormal and
/// inexact zero is reported.
///
/// ```
/// use simdmath_kernels::backend::{Checked, portable::F64_CHECKED};
/// let log: Checked<f64> = F64_CHECKED[1];
/// let (x, mut y) = ([0.0f64, 2.0, 4.0, 8.0, 3.0], [0.0f64; 5]);
/// // SAFETY: the portable backend runs everywhere; both pointers are valid for 5 elements.
/// let unusual = unsafe { log.unary().unwrap()(x.as_ptr(), y.as_mut_ptr(), 5) };
/// assert!(unusual); // log(0) = -inf
/// let unusual = unsafe { log.unary().unwrap()(x[1..].as_ptr(), y.as_mut_ptr(), 4) };
/// assert!(!unusual);
/// ```
pub type Checked<T> = Kernel<T, bool>;

/// The one-input entry loop's `mode` bits (`<function>::any`): write with non-temporal stores.
#[doc(hidden)]
pub const LOOP_STREAM: u32 = 1;
/// The one-input entry loop's `mode` bits: return whether any result is not a normal number.
#[doc(hidden)]
pub const LOOP_CHECK: u32 = 2;
/// The one-input entry loop's `mode` bits: no store fence after streaming (the caller's).
#[doc(hidden)]
pub const LOOP_NO_FENCE: u32 = 4;

/// A one-input function's entry loop with its prefetch stream and store policy given
/// (`F64_PREFETCHING`, `F32_PREFETCHING` of each backend): `dst[i] = f(src[i])` for `n`
/// elements, as the [`Entry`] of the same function (the same bits), but the loop's software
/// prefetch reads ahead of `pf` instead of `src` (at element `i`, the line of `pf[i + A]`, `A`
/// = [`PREFETCH_AHEAD`] bytes), and with `stream` the output is written with non-temporal
/// stores **without** the store fence that ends the streaming entry points: the caller
/// issues [`store_fence`] before anything else reads `dst` (or before another thread may).
/// With `check` it returns whether any result is not a normal number (as [`Checked`]), else
/// `false`.
///
/// For a caller that computes a long program block by block in cache (`simdmath::Expr`): its
/// function step, whose input is a temporary already in L1, prefetches the next block's input
/// from memory while it computes, one line per vector, and its output streams without a
/// fence per block.
///
/// ```
/// use simdmath_kernels::backend::{portable::F64_PREFETCHING, store_fence, PREFETCH_AHEAD};
/// let exp = F64_PREFETCHING[0].unwrap();
/// let (x, next) = ([0.0f64, 1.0, 2.0], [5.0f64; 64]);
/// let mut y = [0.0f64; 3];
/// let pf = next.as_ptr().wrapping_sub(PREFETCH_AHEAD / 8);
/// // SAFETY: the portable backend runs everywhere; `x` and `y` are valid for 3 elements (the
/// // prefetch address is a hint and never read); the fence comes before `y` is read.
/// let unusual = unsafe { exp(x.as_ptr(), pf, y.as_mut_ptr(), 3, true, true) };
/// store_fence();
/// assert!(!unusual);
/// assert_eq!(y[0], 1.0);
/// ```
///
/// # Safety
/// As [`Entry`] for `src`, `dst` and `n`; `pf` may point anywhere (a prefetch never faults);
/// with `stream`, a [`store_fence`] before `dst` is read by another thread.
pub type EntryPf<T> = unsafe fn(
    src: *const T,
    pf: *const T,
    dst: *mut T,
    n: usize,
    stream: bool,
    check: bool,
) -> bool;

impl<T, R> Kernel<T, R> {
    /// The entry point of a one-input function.
    ///
    /// ```
    /// assert!(simdmath_kernels::backend::portable::F32[0].unary().is_some());
    /// ```
    pub fn unary(self) -> Option<Entry<T, R>> {
        match self {
            Kernel::Unary(e) => Some(e),
            _ => None,
        }
    }
    /// The entry points (two slices, slice and scalar) of a two-input function.
    ///
    /// ```
    /// assert!(simdmath_kernels::backend::portable::F32[0].binary().is_none());
    /// ```
    pub fn binary(self) -> Option<(Entry2<T, R>, EntryScalar<T, R>)> {
        match self {
            Kernel::Binary(a, b) => Some((a, b)),
            _ => None,
        }
    }
    /// The entry point of a one-input, two-output function.
    ///
    /// ```
    /// assert!(simdmath_kernels::backend::portable::F32[0].pair().is_none());
    /// ```
    pub fn pair(self) -> Option<EntryPair<T, R>> {
        match self {
            Kernel::Pair(e) => Some(e),
            _ => None,
        }
    }
}

/// How far ahead of the vector being computed the entry loops prefetch their input, in bytes.
///
/// Measured on the 2-core VM (`simdmath run`, n = 1e8 `f64` in place, 2 threads, best of 5):
/// `exp` took 0.129 s with no software prefetch (the hardware prefetcher alone kept too few
/// lines in flight) and 0.045-0.047 s at 2048 bytes ahead into L1, against a memory floor of
/// about 0.030 s; 1024-1536 bytes were worse. 4096 bytes ahead into L2 (`T1`) gave the same for
/// `exp` and 5-8 % less time for `log`, `sin` and `cos`, whose math leaves less room to hide
/// misses. In cache (n = 8192) the prefetch costs nothing measurable.
pub const PREFETCH_AHEAD: usize = 4096;

/// The block, in bytes of output, that a checked entry loop computes before testing it where
/// the backend checks after the fact ([`crate::Lanes::CHECK_AFTER`]): small enough to be in L1
/// when it is read back.
#[doc(hidden)]
pub const CHECK_BLOCK_BYTES: usize = 4096;

/// [`crate::Lanes::bitmask`] of the OR of `not_normal` over the whole vectors of `p[from..to]`
/// (`to - from` a multiple of the lane count; nonzero exactly where some element is not a
/// normal number): the after-the-fact test of the checked entry loops
/// ([`crate::Lanes::CHECK_AFTER`]). Two vectors per step, their masks OR-ed in a register and
/// turned into bits once: AMD Zen 3, AVX2, n = 65536, one thread, checked / plain 1.06-1.16x
/// -> 1.03-1.09x for the functions that test after the block (docs/PERFORMANCE.md).
///
/// # Safety
/// `p` must be valid for reads of `to` elements.
///
/// ```
/// use simdmath_kernels::backend::not_normal_bits;
/// let v = [1.0f64, 0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
/// // SAFETY: `v` holds 8 elements.
/// assert_ne!(unsafe { not_normal_bits::<wide::f64x4>(v.as_ptr(), 0, 8) }, 0);
/// assert_eq!(unsafe { not_normal_bits::<wide::f64x4>(v.as_ptr(), 4, 8) }, 0);
/// ```
#[doc(hidden)]
#[inline(always)]
pub unsafe fn not_normal_bits<V: crate::Lanes>(p: *const V::Scalar, from: usize, to: usize) -> u32 {
    let zero = V::splat(Default::default());
    let mut seen = zero.lt(zero);
    let mut i = from;
    while i + 2 * V::LANES <= to {
        // SAFETY: i + 2 LANES <= to, and the caller guarantees `p` is valid for `to` elements.
        let (a, b) = unsafe { (V::load(p.add(i)), V::load(p.add(i + V::LANES))) };
        seen = seen | a.not_normal() | b.not_normal();
        i += 2 * V::LANES;
    }
    if i + V::LANES <= to {
        // SAFETY: i + LANES <= to, as above.
        seen = seen | unsafe { V::load(p.add(i)) }.not_normal();
    }
    V::bitmask(seen)
}

/// `|x|`'s bits shifted right by one, read as a float: monotone in `|x|` (ties between
/// neighbours aside) and never NaN (its bits are below `0x3fff_ffff` for `f32`,
/// `0x3fff_ffff_ffff_ffff` for `f64`: a finite float whatever `x` is, NaN and the infinities
/// above the finite numbers), so that `min` and `max` order it.
#[doc(hidden)]
#[inline(always)]
pub fn half_magnitude<V: crate::Lanes>(x: V) -> V {
    V::from_bits(V::shr(x.abs().to_bits(), 1))
}

/// The lane-wise least and greatest [`half_magnitude`] over the whole vectors of
/// `p[from..to]` (`to - from` a positive multiple of the lane count): two operations a vector
/// and a `min` and a `max`, for the registry's `input` tests marked `after`, asked of a
/// streamed block's inputs after it ([`magnitude_bounds`]). Two vectors per step. (As
/// [`not_normal_bits`]'s test it was no faster than the masks: Zen 3, n = 65536, 1.05-1.09x
/// -> 1.06-1.11x.)
///
/// # Safety
/// `p` must be valid for reads of `to` elements.
///
/// ```
/// use simdmath_kernels::backend::{half_magnitudes, magnitude_bounds};
/// use wide::f64x4;
/// let v = [1.0f64, -3.0, f64::NAN, 0.5, 4.0, -0.25, 6.0, 7.0];
/// // SAFETY: `v` holds 8 elements.
/// let (lo, hi) = magnitude_bounds(unsafe { half_magnitudes::<f64x4>(v.as_ptr(), 0, 8) });
/// assert_eq!(lo.to_array(), [1.0, 0.25, 6.0, 0.5]);
/// assert!(hi.to_array()[2].is_nan());
/// assert!(hi.to_array()[1] >= 3.0 && hi.to_array()[3] >= 7.0);
/// ```
#[doc(hidden)]
#[inline(always)]
pub unsafe fn half_magnitudes<V: crate::Lanes>(
    p: *const V::Scalar,
    from: usize,
    to: usize,
) -> (V, V) {
    let (mut lo, mut hi) = (
        V::splat(<V::Scalar as crate::lanes::Scalar>::INFINITY),
        V::splat(<V::Scalar as crate::lanes::Scalar>::ZERO),
    );
    let (mut lo1, mut hi1) = (lo, hi);
    let mut i = from;
    while i + 2 * V::LANES <= to {
        // SAFETY: i + 2 LANES <= to, and the caller guarantees `p` is valid for `to` elements.
        let (a, b) = unsafe { (V::load(p.add(i)), V::load(p.add(i + V::LANES))) };
        let (a, b) = (half_magnitude(a), half_magnitude(b));
        (lo, hi) = (a.min(lo), a.max(hi));
        (lo1, hi1) = (b.min(lo1), b.max(hi1));
        i += 2 * V::LANES;
    }
    if i + V::LANES <= to {
        // SAFETY: i + LANES <= to, as above.
        let a = half_magnitude(unsafe { V::load(p.add(i)) });
        (lo, hi) = (a.min(lo), a.max(hi));
    }
    (lo.min(lo1), hi.max(hi1))
}

/// Magnitudes `(l, h)` from [`half_magnitudes`]'s `(lo, hi)` with `l <= |x| <= h` for every
/// `x` that gave them, lane by lane (`h` is NaN where some `x` was infinite or NaN).
#[doc(hidden)]
#[inline(always)]
pub fn magnitude_bounds<V: crate::Lanes>((lo, hi): (V, V)) -> (V, V) {
    let l = V::from_bits(V::shl(lo.to_bits(), 1));
    let h = V::from_bits(V::shl(hi.to_bits(), 1) | V::splat_bits(1));
    (l, h)
}

/// A copy of `t` repeated to `W` entries (entry `k` at `k`, `k + N`, `k + 2N`, ...; `N` a power
/// of two below `W`), for the x86 lookups of tables smaller than a register: a permute that
/// reads only the index's low bits then finds `t[i mod N]` without masking the index.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn repeated<T: Copy + Default, const N: usize, const W: usize>(t: &[T; N]) -> [T; W] {
    let mut rep = [T::default(); W];
    for (k, r) in rep.iter_mut().enumerate() {
        *r = t[k % N];
    }
    rep
}

/// A software prefetch of the line at `p` into L2 (x86-64 `prefetcht1`; aarch64 `prfm
/// pldl2keep`, whose distance is the x86 one, unmeasured on Arm hardware; nothing elsewhere).
#[doc(hidden)]
#[inline(always)]
pub fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_MM_HINT_T1, _mm_prefetch};
        // SAFETY: SSE is part of the x86-64 baseline; a prefetch is a hint with no memory effect
        // and never faults, whatever the address.
        unsafe { _mm_prefetch::<_MM_HINT_T1>(p.cast::<i8>()) };
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: `prfm` is in the aarch64 base instruction set; it is a hint with no memory
    // effect, never faults whatever the address, and touches no register or flag but its input.
    unsafe {
        core::arch::asm!("prfm pldl2keep, [{0}]", in(reg) p, options(nostack, preserves_flags, readonly));
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    let _ = p;
}

/// Non-temporal ("streaming") vector stores: the write-combining store that skips reading a
/// cache line before overwriting it, for outputs too large to stay in cache. Each backend
/// implements it for its two vector types (AVX-512 `vmovntpd`/`vmovntps` on 64 bytes, AVX2 on
/// 32, the portable backend with SSE2's 16-byte `movntpd`/`movntps` on x86-64 and an ordinary
/// store elsewhere). The entry points' `stream` variants use it for the aligned body of the
/// output and ordinary stores for the partial vectors at both ends, followed by a store fence;
/// the values are the same bits either way, only the cache traffic differs.
///
/// ```
/// use simdmath_kernels::backend::Stream;
/// use simdmath_kernels::Lanes;
/// use wide::f64x4;
/// assert_eq!(<f64x4 as Stream>::ALIGN % 16, 0);
/// // An aligned buffer of 4 f64 (16-byte alignment is all the portable backend needs).
/// #[repr(align(64))]
/// struct A([f64; 4]);
/// let mut a = A([0.0; 4]);
/// // SAFETY: `a` is valid for 4 elements and aligned to `ALIGN`.
/// unsafe { f64x4::splat(2.5).store_stream(a.0.as_mut_ptr()) };
/// simdmath_kernels::backend::store_fence();
/// assert_eq!(a.0, [2.5; 4]);
/// ```
pub trait Stream: crate::Lanes {
    /// The alignment, in bytes, that [`Stream::store_stream`] needs (a power of two, at most 64).
    const ALIGN: usize;
    /// Stores `LANES` elements with non-temporal stores where the instruction set has them.
    /// Call [`store_fence`] before anything else may read them (another thread included).
    ///
    /// # Safety
    /// `p` must be valid for writing `LANES` elements and aligned to [`Stream::ALIGN`] bytes.
    unsafe fn store_stream(self, p: *mut Self::Scalar);
}

/// Orders earlier non-temporal stores before every later store (`sfence` on x86-64; nothing
/// elsewhere, where [`Stream::store_stream`] is an ordinary store).
///
/// ```
/// simdmath_kernels::backend::store_fence();
/// ```
#[inline(always)]
pub fn store_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of the x86-64 baseline; a fence has no other effect.
    unsafe {
        core::arch::x86_64::_mm_sfence()
    };
}

/// Where the streaming loops start their aligned body: `(head, stream)`, with `head` the
/// elements before the first [`Stream::ALIGN`]-aligned element at `dst` (at most `n`; written
/// with ordinary stores through the padded partial vector) and `stream` false, head 0, when
/// streaming was not asked for or `dst` is not even element-aligned.
#[doc(hidden)]
#[inline(always)]
pub fn stream_plan<V: Stream>(dst: *mut V::Scalar, n: usize, stream: bool) -> (usize, bool) {
    let size = core::mem::size_of::<V::Scalar>();
    let gap = (dst as usize).wrapping_neg() & (V::ALIGN - 1);
    if !stream || !gap.is_multiple_of(size) {
        (0, false)
    } else {
        ((gap / size).min(n), true)
    }
}

/// Whether a loop that reads `src` and writes `dst` at the same index would have its loads
/// wait on its own recent stores: `dst` lies less than [`STORE_ALIAS_BYTES`] ahead of `src`
/// modulo 4096. A load whose address matches an older store's in its low 12 bits waits for
/// that store (4K aliasing); with `dst` a little ahead, each vector's load matches the store
/// of a vector just before it. The streaming entry loops then write with ordinary stores,
/// whose stores leave the queue sooner than non-temporal ones (the same bits either way).
///
/// ```
/// use simdmath_kernels::backend::store_alias;
/// let buf = vec![0.0f64; 1024];
/// let p = buf.as_ptr();
/// assert!(store_alias(p, p.wrapping_add(6).cast_mut())); // 48 bytes ahead
/// assert!(store_alias(p, p.wrapping_add(512 + 2).cast_mut())); // 4096 + 16 bytes ahead
/// assert!(!store_alias(p, p.cast_mut())); // in place: each load precedes its store
/// assert!(!store_alias(p.wrapping_add(2), p.cast_mut())); // behind
/// assert!(!store_alias(p, p.wrapping_add(64).cast_mut())); // 512 bytes ahead
/// ```
///
/// Measured on AMD Zen 3 (family 25 model 1, AVX2), n = 1e8 out of place on the pool of 2,
/// `src` 16 bytes past a page, ms by how far `dst` lies ahead (non-temporal stores / ordinary
/// stores; numpy's large arrays and Rust's large `Vec`s lie at the same offset in a page, 0):
///
/// | ahead, bytes | 0 | 8 | 16 | 32 | 48 | 64 | 96 | 128 | 192 | 256 | -16 |
/// |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
/// | `exp` `f64` | 66.7 / 69.6 | 85.4 / 69.8 | 84.7 / 68.5 | 86.7 / 70.3 | 104.3 / 74.0 | 74.7 / 75.3 | 72.9 / 70.7 | 68.7 / 67.9 | 66.4 / 66.2 | 66.4 / 67.6 | 66.0 / 68.6 |
/// | `log` `f64` | 85.9 / 84.3 | 113.3 / 87.6 | 112.0 / 85.4 | 114.3 / 93.8 | 113.0 / 92.8 | 96.8 / 85.7 | 93.1 / 85.1 | 92.1 / 87.0 | 85.8 / 84.4 | 86.5 / 84.3 | 85.1 / 83.1 |
/// | `log` `f32` | 32.6 / 34.3 | 41.4 / 33.7 | 40.3 / 33.1 | 41.5 / 36.2 | 74.1 / 37.0 | 37.2 / 33.5 | 35.7 / 33.0 | 35.2 / 33.9 | 33.1 / 33.7 | 32.9 / 32.4 | 32.2 / 35.0 |
#[doc(hidden)]
#[inline(always)]
pub fn store_alias<T>(src: *const T, dst: *mut T) -> bool {
    let ahead = page_ahead(src, dst);
    ahead != 0 && ahead < STORE_ALIAS_BYTES
}

/// How many bytes `b` lies ahead of `a` modulo 4096 (`0..4096`): where the two fall against
/// each other in a page, which decides 4K aliasing ([`store_alias`]) and clashing streams
/// ([`streams_clash`]).
#[inline(always)]
fn page_ahead<T>(a: *const T, b: *const T) -> usize {
    (b as usize).wrapping_sub(a as usize) & 4095
}

/// How far (modulo 4096) an output may lie ahead of an input before [`store_alias`] holds
/// that the two do not slow each other's loop: 128 bytes. On Zen 3, 120 bytes was still slow
/// with non-temporal stores (`exp` `f32` 35.7 against 29.3 ms with ordinary ones), and at
/// 128-192 bytes non-temporal stores cost no more than at 0 while ordinary ones cost `exp`
/// `f32` 27-30 against 25-26 ms.
#[doc(hidden)]
pub const STORE_ALIAS_BYTES: usize = 128;

/// Whether `n` elements from `a` and `n` from `b` share no byte.
///
/// ```
/// use simdmath_kernels::backend::apart;
/// let mut v = [0.0f32; 8];
/// let p = v.as_mut_ptr();
/// assert!(apart(p, p.wrapping_add(4), 4));
/// assert!(!apart(p, p.wrapping_add(3), 4));
/// assert!(!apart(p.wrapping_add(3), p, 4));
/// ```
#[doc(hidden)]
#[inline(always)]
pub fn apart<T>(a: *const T, b: *mut T, n: usize) -> bool {
    let (a, b, len) = (a as usize, b as usize, n * core::mem::size_of::<T>());
    a.wrapping_add(len) <= b || b.wrapping_add(len) <= a
}

/// Whether two outputs written side by side with non-temporal stores (the `pair` shape,
/// `sincos`) would clash: the second (`b`) less than [`STREAM_CLASH_BYTES`] ahead of the first
/// (`a`) modulo 4096, so that the line the second stream fills sits at the offset in its page
/// of a line the first fills a few vectors later. Then the pair loop does not stream (behind
/// the first, or further ahead, the two streams ran at full speed: the table below). numpy's large arrays start at the same
/// offset in a page (each its own `mmap`), so `sincos(x, out=(y, y2))` is that case.
///
/// ```
/// use simdmath_kernels::backend::streams_clash;
/// let buf = vec![0.0f64; 4096];
/// let p = buf.as_ptr().cast_mut();
/// assert!(streams_clash(p, p.wrapping_add(512))); // 4096 bytes apart
/// assert!(!streams_clash(p, p.wrapping_add(256))); // 2048 bytes apart
/// assert!(!streams_clash(p.wrapping_add(8), p)); // the second 64 bytes behind
/// ```
///
/// Measured on AMD Zen 3 (family 25 model 1, AVX2), `sincos` n = 1e7 out of place, one call
/// on the pool of 2 (ms; the second output's offset from the first's, modulo 4096, in bytes):
///
/// | offset | 0 | 32 | 64 | 128 | 192 | 256 | 512 | 2048 | -64 | -256 | not streamed |
/// |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
/// | `f32` | 16.3 | 11.8 | 6.2 | 6.1 | 4.2 | 4.1 | 4.3 | 4.2 | 4.7 | 4.0 | 5.7 |
/// | `f64` | 39.5 | 24.5 | 13.9 | 13.3 | 15.1 | 14.7 | 13.1 | 11.9 | 13.6 | 11.8 | 14.0 |
#[doc(hidden)]
#[inline(always)]
pub fn streams_clash<T>(a: *mut T, b: *mut T) -> bool {
    page_ahead(a, b) < STREAM_CLASH_BYTES
}

/// How far (modulo 4096) the second of two streamed outputs must lie ahead of the first
/// before [`streams_clash`] lets them stream.
#[doc(hidden)]
pub const STREAM_CLASH_BYTES: usize = 256;

/// Stores `v` at `p` with [`Stream::store_stream`] when `stream`, else with an ordinary store.
///
/// # Safety
/// As [`crate::Lanes::store`]; with `stream` also as [`Stream::store_stream`].
#[doc(hidden)]
#[inline(always)]
pub unsafe fn store_maybe_stream<V: Stream>(v: V, p: *mut V::Scalar, stream: bool) {
    // SAFETY: forwarded to the caller.
    unsafe {
        if stream {
            v.store_stream(p)
        } else {
            v.store(p)
        }
    }
}

/// The entry loop, one driver for every shape: runs kernel `$k` over `n` elements with vector
/// type `$V`, for one input and one output (`unary`), two inputs (`binary`: the second a pointer,
/// or with `scalar` one value splatted to every lane) or one input and two outputs (`pair`).
/// Full vectors are loaded and stored directly, each after a prefetch of the (first) input
/// [`PREFETCH_AHEAD`] bytes further on (a hint: it never faults, even past the end; `unary`
/// takes the pointer it prefetches ahead of, and whether a streamed call ends with the store
/// fence, as arguments: [`EntryPf`]); the last
/// partial vector is copied into a zero-padded buffer, run through the same kernel, and copied
/// back, so an element's result never depends on its position.
///
/// With `$stream` true (the entry points' `stream` variants) the full vectors are written with
/// [`Stream::store_stream`]: the elements before the first aligned one go through the padded
/// buffer as the tail does, and a store fence ends the call (`pair`: only where both outputs
/// reach alignment together and do not clash in their pages, [`streams_clash`]; otherwise
/// neither streams). Same bits either way.
///
/// The loop's value is `$check && (some result is not a normal number)`
/// ([`Lanes::not_normal`](crate::Lanes::not_normal) of each vector, its bitmask OR-ed into a
/// `u32`, the padding lanes of the partial vectors left out): the entry points' `checked`
/// variants return it, so a caller that derives floating-point flags from the results (the
/// Python ufuncs) need not read a streamed output back. The other entry points pass `false`:
/// in the one-input loops one predictable branch per vector, and one copy of the kernel for all
/// entry points; the two-input and two-output loops pass it as a constant (a copy each, see
/// `stamp_arity!`). The `pair` shape (`sincos`, the one function with two outputs) tests its
/// input instead of both outputs: `sin x` and `cos x` are both normal numbers exactly where `x`
/// is (checked on all 2^32 `f32` inputs on every x86 backend; for `f64`, every double lies far
/// more than the smallest normal from a multiple of `pi/2`, and near the smallest normals `sin
/// x` rounds to `x`), so the answer is the same for one test per vector instead of two.
///
/// What the check costs, Zen 5, n = 4096 in L1, one thread (checked / plain entry point):
/// before this form (the masks OR-ed in a vector register, which the large AVX2 loops spilled
/// to the stack; AVX2's `not_normal` in five instructions; `sincos` testing both outputs) AVX2
/// `f32` `sin` 1.30x, `exp` 1.40x, `hypot` 1.78x, `sincos` 1.50x; now 1.17x, 1.21x, 1.26x,
/// 1.07x. AVX-512 is unchanged but for `sincos` (1.15x, now 1.04x): `sin` 1.03x, `exp` 1.06x,
/// `log` 1.13x, `hypot` `f32` 1.25x. Tried and slower: accumulating `r * 0 + acc` (NaN, inf)
/// and `min(|r|)` (zero, subnormal) in two vector registers, no compare per vector (AVX-512
/// `log` `f32` 1.93x, `hypot` 1.75x: the FMA chain's latency); the bits shifted so that their
/// float order is the exponent's (`((b << 1) - (MIN_POSITIVE << 1)) >> 2`, at least 1.0
/// exactly where not normal) and a running `max` (AVX2 1.08-1.51x, AVX-512 1.06-1.73x);
/// earlier, on Zen 4, a blend into a vector accumulator (`hypot` +28 %), and a copy of the
/// one-input loop with the check compiled in, no faster and twice the build time.
///
/// Where the backend says so ([`Lanes::CHECK_AFTER`](crate::Lanes::CHECK_AFTER): AVX2), a
/// checked call that does not stream runs the kernel's loop unchecked over a block of
/// [`CHECK_BLOCK_BYTES`] of output, then tests that block's results in a short loop of its own
/// ([`not_normal_bits`]) while they are in L1: the kernel keeps its 16 registers. AVX2, Zen 5,
/// checked / plain: `f32` `sin` 1.17x -> 1.12-1.14x, `exp` 1.20x -> 1.09-1.12x, `tanh` 1.19x ->
/// 1.07-1.09x, `hypot` 1.24x -> 1.17-1.18x; `f64` `exp` 1.18x -> 1.11x, `log` 1.21x -> 1.10x,
/// `tanh` 1.06-1.20x -> 1.03x. On AVX-512 (32 registers) it was slower for the one-input
/// loops (`f32` `sin` 1.02x -> 1.13x, `exp` 1.08x -> 1.15x), which test each vector there, and
/// faster for the two-input ones ([`Lanes::CHECK_AFTER_BINARY`](crate::Lanes::CHECK_AFTER_BINARY):
/// `hypot` `f32` 1.22-1.26x -> 1.10-1.14x, `f64` 1.14-1.16x -> 1.11-1.15x; `atan2`, `pow` within
/// 0.02x either way). A streamed output is never read back: it is tested in the loop, on every
/// backend.
///
/// A one-input function whose kernel has a usual path on which every result is a normal number or
/// an exact zero of the function (the registry's `usual`: `exp`, `exp2`, `exp10` where
/// [`Lanes::mul_exp2`](crate::Lanes::mul_exp2) is not one instruction, and `cosh`, `sinh`,
/// `expm1` `f64` there; `sin`, `cos`, `tan` `f64` and `cos` `f32` where there is FMA; `cbrt`,
/// `acosh`, `log`, `log2`, `log10` everywhere, the last four with an exact zero at `x = 1`, and
/// `log1p` `f32`) asks
/// the kernel's own test of the vector instead of testing its results: the compiler computes that
/// test once, so on those vectors the check costs nothing, and such a function does not test
/// after the fact. Intel Xeon (family 6 model 167), n = 4096 and 1e5, one thread, checked /
/// plain: AVX2 1.07-1.35x -> 0.98-1.02x for those functions (`exp2` `f32` 1.30-1.35x ->
/// 1.00-1.01x), AVX-512 1.04-1.10x -> 0.98-1.02x (`log`, `cbrt`, `acosh`, `cos` `f32`); the
/// AVX-512 `exp` family keeps its check (`vscalef` scales every lane, so there is no such path to
/// ask), 1.10-1.19x (docs/PERFORMANCE.md). A function whose results are normal wherever its
/// argument passes a test of two compares or fewer that the kernel does not compute (the
/// registry's `input`: `acos`, `atan`, `atanh`, `tanh`, `asin`, `asinh`; `sin`, `tan`, `expm1`,
/// `sinh`, `cosh` `f32`; `log1p` `f64`) asks that test where the loop tests each vector
/// (streaming, and on backends that do not test after the block), and tests its results after
/// the block where the backend does that (AVX2 without streaming). AMD Zen 3, AVX2, n = 1e7
/// (streamed), ufunc / kernel: `acos` 1.17-1.22x -> 1.04-1.10x, `asin` `f32` 1.19x -> 1.08x,
/// `atanh` `f32` 1.11x -> 1.04x (`asin` and `asinh` `f64` came later, with the test after the
/// block: 2-5 % slower in the loop there; docs/PERFORMANCE.md). Where the backend tests after
/// the block, a streamed call of a function whose `input` test is marked `after` (`tanh`;
/// `asin`, `asinh` `f64`; `tan`, `expm1`, `sinh`, `cosh`, `atan` `f32`) tests the block's
/// inputs after it instead, by their magnitudes' lane-wise bounds ([`half_magnitudes`]: two
/// operations a vector and a `min` and a `max`, where the test costs its compares, a bitmask
/// and a branch), when the output does not overlap the input; a block whose bounds fail the
/// test is tested vector by vector, and each vector that fails computed again and its results
/// tested. AMD Zen 3, AVX2, n = 1e7, one thread, checked / plain: `tanh` `f64` 1.14-1.18x ->
/// 1.03-1.05x, `f32` 1.14-1.19x -> 1.07-1.08x, `tan` `f32` 1.08-1.10x -> 1.03-1.05x, `atan`
/// `f32` 1.09-1.12x -> 1.02-1.03x, `asin` `f64` (which tested its results before) 1.15-1.16x ->
/// 1.06-1.07x (docs/PERFORMANCE.md). The two-input loop does as the one-input loop for `hypot`
/// (its usual pairs: `max(|x|, |y|)` in range, no NaN; every result normal) and `atan2` (`|x| +
/// |y|` below and `min(|x|, |y|)` above a bound: Zen 3, n = 1e7, medians of six, `f64` 1.09x ->
/// 0.98x, `f32` 1.11x -> 1.03x), and the two-output loop for `sincos` `f64` (the usual path of
/// `sin`'s reduction: both results normal; elsewhere it tests the input, whose normal values
/// give normal results). `sincos`: AMD Zen 3, AVX2, checked / plain, one thread: n = 4096
/// 1.07-1.11x -> 1.00-1.02x, 1e5 1.09x -> 0.98x, 1e7 (streamed) 1.08-1.12x -> 1.03x
/// (docs/PERFORMANCE.md).
///
/// Everything is expanded inline (no closure, no function pointer in the loop: DESIGN.md's
/// inlining trap); `scripts/check_inlining.py` checks the release build's entry loops call
/// nothing out of line. The shapes differ only in their per-vector and per-partial-vector
/// steps, which each arm passes to the one `@drive` skeleton as blocks over named variables.
#[doc(hidden)]
#[macro_export]
macro_rules! entry_loop {
    (unary $V:ty, $k:path, $src:expr, $pf:expr, $dst:expr, $n:expr, $stream:expr, $check:expr, $fence:expr $(, usual $u:path)? $(, input $i:path $(; $ia:ident)?)?) => {{
        let (src, pf, dst, n, check) = ($src, $pf, $dst, $n, $check);
        $crate::entry_loop!(@drive $V, src, pf, $fence, n, check,
            after(dst, <$V as $crate::lanes::Lanes>::CHECK_AFTER && !$crate::entry_loop!(@has $($u)?)),
            inputs($($crate::entry_loop!(@after_input $($ia)?)
                && <$V as $crate::lanes::Lanes>::CHECK_AFTER && stream && $crate::backend::apart(src, dst, n), from, to, {
                // The block's inputs (still in L1, unchanged: `apart`) by their magnitudes'
                // bounds, lane by lane: the registry's `input` tests are compares of `x` and
                // `|x|` with constants, so each passes on every `x` with `l <= |x| <= h` where
                // it passes on `±l` and `±h`. Where it does not, each vector by the test, and
                // one that fails it computed again and its results tested.
                let (l, h) = $crate::backend::magnitude_bounds::<$V>($crate::backend::half_magnitudes(src, from, to));
                if $i(l) && $i(h) && $i(-l) && $i(-h) {
                    0
                } else {
                    let mut bits = 0u32;
                    let mut j = from;
                    while j < to {
                        let v = <$V as $crate::lanes::Lanes>::load(src.add(j));
                        if !$i(v) {
                            bits |= <$V as $crate::lanes::Lanes>::bitmask($k(v).not_normal());
                        }
                        j += <$V as $crate::lanes::Lanes>::LANES;
                    }
                    bits
                }
            })?),
            $crate::backend::stream_plan::<$V>(dst, n, $stream && !$crate::backend::store_alias(src, dst)),
            vec(i, stream, seen) {
                let v = <$V as $crate::lanes::Lanes>::load(src.add(i));
                let r = $k(v);
                // A vector on the kernel's usual path has only normal results and exact zeros
                // (the registry's `usual`; the same test as the kernel's, computed once), and so
                // has one that passes the registry's `input` test (asked only here, in the loop).
                if check
                    && !$crate::entry_loop!(@usual v $(, $u)?)
                    && !$crate::entry_loop!(@usual v $(, $i)?)
                {
                    seen |= <$V as $crate::lanes::Lanes>::bitmask(r.not_normal());
                }
                $crate::backend::store_maybe_stream(r, dst.add(i), stream);
            },
            part(at, rem) {
                let mut buf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
                core::ptr::copy_nonoverlapping(src.add(at), buf.as_mut_ptr(), rem);
                let r = $k(<$V as $crate::lanes::Lanes>::load(buf.as_ptr()));
                let unusual = check && $crate::entry_loop!(@first $V, r, rem);
                r.store(buf.as_mut_ptr());
                core::ptr::copy_nonoverlapping(buf.as_ptr(), dst.add(at), rem);
                unusual
            })
    }};
    (binary $V:ty, $k:path, $src:expr, $y:expr, $dst:expr, $n:expr, $stream:expr, $check:expr, $($scalar:ident)? $(; usual $u:path)?) => {{
        let (src, y, dst, n, check) = ($src, $y, $dst, $n, $check);
        $crate::entry_loop!(@drive $V, src, src, true, n, check,
            after(dst, <$V as $crate::lanes::Lanes>::CHECK_AFTER_BINARY && !$crate::entry_loop!(@has $($u)?)),
            inputs(),
            $crate::backend::stream_plan::<$V>(dst, n, $stream
                && !$crate::backend::store_alias(src, dst)
                && !$crate::entry_loop!(@y_alias y, dst, $($scalar)?)),
            vec(i, stream, seen) {
                let v = <$V as $crate::lanes::Lanes>::load(src.add(i));
                let w = $crate::entry_loop!(@y $V, y, i, $($scalar)?);
                let r = $k(v, w);
                // As the one-input loop: a pair of vectors on the kernel's usual path (`hypot`)
                // has only normal results.
                if check && !$crate::entry_loop!(@usual2 v, w $(, $u)?) {
                    seen |= <$V as $crate::lanes::Lanes>::bitmask(r.not_normal());
                }
                $crate::backend::store_maybe_stream(r, dst.add(i), stream);
            },
            part(at, rem) {
                let mut buf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
                core::ptr::copy_nonoverlapping(src.add(at), buf.as_mut_ptr(), rem);
                let v = <$V as $crate::lanes::Lanes>::load(buf.as_ptr());
                let w = $crate::entry_loop!(@y_part $V, y, at, rem, $($scalar)?);
                let r = $k(v, w);
                let unusual = check && $crate::entry_loop!(@first $V, r, rem);
                r.store(buf.as_mut_ptr());
                core::ptr::copy_nonoverlapping(buf.as_ptr(), dst.add(at), rem);
                unusual
            })
    }};
    (pair $V:ty, $k:path, $src:expr, $d0:expr, $d1:expr, $n:expr, $stream:expr, $check:expr $(, usual $u:path)?) => {{
        let (src, d0, d1, n, check) = ($src, $d0, $d1, $n, $check);
        $crate::entry_loop!(@drive $V, src, src, true, n, check, after(),
            inputs(),
            {
                let (head, s0) = $crate::backend::stream_plan::<$V>(d0, n, $stream);
                let (head1, s1) = $crate::backend::stream_plan::<$V>(d1, n, $stream);
                // One head for both outputs: stream only when they reach alignment together,
                // and not when their lines fall at nearly the same offset in a page
                // (`streams_clash`) or just ahead of the input's (`store_alias`).
                if s0 && s1 && head == head1 && !$crate::backend::streams_clash(d0, d1)
                    && !$crate::backend::store_alias(src, d0)
                    && !$crate::backend::store_alias(src, d1)
                {
                    (head, true)
                } else {
                    (0, false)
                }
            },
            vec(i, stream, seen) {
                let v = <$V as $crate::lanes::Lanes>::load(src.add(i));
                let (a, b) = $k(v);
                // A vector on the kernel's usual path (the registry's `usual`, computed once
                // with the kernel's) has only normal results and exact zeros: no test.
                if check && !$crate::entry_loop!(@usual v $(, $u)?) {
                    seen |= <$V as $crate::lanes::Lanes>::bitmask(v.not_normal());
                }
                $crate::backend::store_maybe_stream(a, d0.add(i), stream);
                $crate::backend::store_maybe_stream(b, d1.add(i), stream);
            },
            part(at, rem) {
                let mut buf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
                let mut buf1 = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
                core::ptr::copy_nonoverlapping(src.add(at), buf.as_mut_ptr(), rem);
                let v = <$V as $crate::lanes::Lanes>::load(buf.as_ptr());
                let (a, b) = $k(v);
                let unusual = check && $crate::entry_loop!(@first $V, v, rem);
                a.store(buf.as_mut_ptr());
                b.store(buf1.as_mut_ptr());
                core::ptr::copy_nonoverlapping(buf.as_ptr(), d0.add(at), rem);
                core::ptr::copy_nonoverlapping(buf1.as_ptr(), d1.add(at), rem);
                unusual
            })
    }};
    // The skeleton every shape shares: the stream plan `(head, stream)`, the full vectors from
    // `head` on (`$vec` per vector at element `$i`, OR-ing its check into `$seen`), the partial
    // vectors before `head` and after the last full one (`$part` at `$at`, `$rem` elements,
    // giving its check), the store fence (unless `$fence` is false: the caller's), the
    // check's value. The prefetch reads ahead of `$pf` (`$src` but for `EntryPf` calls).
    (@drive $V:ty, $src:ident, $pf:ident, $fence:expr, $n:ident, $check:ident, after($($out:ident, $pref:expr)?),
     inputs($($inpref:expr, $from:ident, $to:ident, $inblk:block)?), $plan:expr,
     vec($i:ident, $stream:ident, $seen:ident) $vec:block,
     part($at:ident, $rem:ident) $part:block) => {{
        use $crate::lanes::Lanes as _;
        let lanes = <$V as $crate::lanes::Lanes>::LANES;
        let ahead = $crate::backend::PREFETCH_AHEAD
            / core::mem::size_of::<<$V as $crate::lanes::Lanes>::Scalar>();
        let (head, $stream) = $plan;
        let mut $seen = 0u32;
        let mut tail_seen = false;
        let asked = $check;
        // Where the backend prefers it (`Lanes::CHECK_AFTER`), a checked call that does not
        // stream tests its results block by block after computing them, while they are in L1,
        // and the kernel's loop runs unchecked (`$check` false inside it); where the shape asks
        // (`$inpref`: a streamed `input` test marked `after`), it tests the block's inputs.
        // Both in blocks of `CHECK_BLOCK_BYTES` of output.
        let after_in = asked && $crate::entry_loop!(@after_pref $($inpref)?);
        let after = asked && !$stream && !after_in && $crate::entry_loop!(@after_pref $($pref)?);
        let block = if after || after_in {
            $crate::backend::CHECK_BLOCK_BYTES
                / core::mem::size_of::<<$V as $crate::lanes::Lanes>::Scalar>()
        } else {
            usize::MAX
        };
        let $check = asked && !after && !after_in;
        let mut $i = head;
        while $i + lanes <= $n {
            let (from, end) = ($i, $i.saturating_add(block).min($n));
            while $i + lanes <= end {
                $crate::backend::prefetch($pf.wrapping_add($i + ahead));
                // SAFETY: i + lanes <= n and the caller guarantees every pointer is valid for
                // `n` elements; a store after the loads of the same lanes is fine in place; a
                // streaming store's address is aligned (`stream_plan`'s head, whole vectors
                // since).
                unsafe { $vec }
                $i += lanes;
            }
            $(
                if after {
                    // SAFETY: elements `from..i` of the output were written just above (whole
                    // vectors), and the caller guarantees it is valid for `n` elements.
                    $seen |= unsafe { $crate::backend::not_normal_bits::<$V>($out, from, $i) };
                }
            )?
            $(
                if after_in {
                    let ($from, $to) = (from, $i);
                    // SAFETY: elements `from..i` of the input were read just above (whole
                    // vectors) and are unchanged (`apart`).
                    $seen |= unsafe { $inblk };
                }
            )?
            let _ = from;
        }
        let $check = asked;
        // The partial vectors: the head before the aligned body (streaming only) and the tail.
        for ($at, $rem) in [(0, head), ($i, $n - $i)] {
            if $rem == 0 {
                continue;
            }
            // SAFETY: `rem < lanes <= 16` elements from `at` lie in every operand; the buffers
            // hold 16.
            tail_seen |= unsafe { $part };
        }
        if $stream && $fence {
            $crate::backend::store_fence();
        }
        $check && (tail_seen || $seen != 0)
    }};
    // Whether the function has a usual-path test (the registry's `usual`), and its value on `v`.
    (@has $u:path) => { true };
    (@has) => { false };
    (@usual $v:ident, $u:path) => { $u($v) };
    (@usual $v:ident) => { false };
    (@usual2 $v:ident, $w:ident, $u:path) => { $u($v, $w) };
    (@usual2 $v:ident, $w:ident) => { false };
    // Whether the shape tests its output after the fact on this backend (`pair` tests its
    // input, in the loop).
    (@after_pref $pref:expr) => { $pref };
    (@after_pref) => { false };
    // Whether a registry `input` test is marked `after` (tested after a streamed block).
    (@after_input after) => { true };
    (@after_input) => { false };
    // Whether any of the first `rem` lanes of `r` is not a normal number.
    (@first $V:ty, $r:expr, $rem:expr) => {
        <$V as $crate::lanes::Lanes>::bitmask($r.not_normal()) & ((1u32 << $rem) - 1) != 0
    };
    // The second input of a full vector: a load, or the scalar splatted.
    (@y $V:ty, $y:ident, $i:ident, scalar) => { <$V as $crate::lanes::Lanes>::splat($y) };
    (@y $V:ty, $y:ident, $i:ident, ) => {
        <$V as $crate::lanes::Lanes>::load($y.add($i))
    };
    // Whether the output lies just ahead of the second input in a page (`store_alias`; never
    // for a scalar).
    (@y_alias $y:ident, $dst:ident, scalar) => { false };
    (@y_alias $y:ident, $dst:ident, ) => { $crate::backend::store_alias($y, $dst) };
    // The second input of a partial vector: padded like the first, or the scalar splatted.
    (@y_part $V:ty, $y:ident, $i:ident, $rem:ident, scalar) => { <$V as $crate::lanes::Lanes>::splat($y) };
    (@y_part $V:ty, $y:ident, $i:ident, $rem:ident, ) => {{
        let mut ybuf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
        core::ptr::copy_nonoverlapping($y.add($i), ybuf.as_mut_ptr(), $rem);
        <$V as $crate::lanes::Lanes>::load(ybuf.as_ptr())
    }};
}

/// An instruction set's facts and what is derived from them: the body of every backend's `isa!`
/// macro, which passes its facts in braces (`{avx2 is_x86_feature_detected ["avx2" "fma"]}`:
/// the backend module's name, the `std::arch` detection macro and the target features; the
/// portable backend has neither of the last two) followed by what is asked:
///
/// - `detected`: a `bool` expression, true where this CPU has every feature (each checked with
///   the detection macro; `true` for no features). Expands to `std::arch` calls, so it is for
///   crates with `std` (this one has none; its doc tests have it).
/// - `target_feature` followed by items (functions): the items, each with one
///   `#[target_feature(enable = ...)]` per feature.
/// - `stamp V64, V32`: the backend's `NAME` and `FEATURES` constants and its entry points
///   ([`stamp_backend!`](crate::stamp_backend)) for its `f64` and `f32` vector types.
///
/// ```
/// use simdmath_kernels::backend::portable;
/// // The portable backend needs nothing beyond the build's baseline.
/// assert!(portable::isa!(detected));
/// assert!(portable::FEATURES.is_empty());
/// portable::isa! { target_feature
///     fn twice(x: f64) -> f64 { 2.0 * x }
/// }
/// assert_eq!(twice(1.5), 3.0);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! isa_facts {
    ({$m:ident $($det:ident)? []} detected) => { true };
    ({$m:ident $det:ident [$f0:tt $($f:tt)*]} detected) => {
        ::std::arch::$det!($f0) $(&& ::std::arch::$det!($f))*
    };
    ({$m:ident $($det:ident)? [$($f:tt)*]} target_feature) => {};
    ({$m:ident $($det:ident)? [$($f:tt)*]} target_feature $item:item $($rest:item)*) => {
        $(#[target_feature(enable = $f)])*
        $item
        $crate::isa_facts! { {$m $($det)? [$($f)*]} target_feature $($rest)* }
    };
    ({$m:ident $($det:ident)? [$($f:tt)*]} stamp $V64:ty, $V32:ty) => {
        #[doc = concat!("The instruction set's name: `", stringify!($m), "`, as `simdmath::Isa` and `SIMDMATH_ISA` spell it.")]
        ///
        /// ```
        #[doc = concat!("assert_eq!(simdmath_kernels::backend::", stringify!($m), "::NAME, \"", stringify!($m), "\");")]
        /// ```
        pub const NAME: &str = stringify!($m);
        /// The target features this backend's entry points are compiled with (`isa!(target_feature
        /// ...)` puts them on other functions; `isa!(detected)` checks them at run time); empty
        /// for nothing beyond the build's baseline.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($m), "::FEATURES;")]
        /// assert!(FEATURES.iter().all(|f| !f.is_empty() && !f.contains(',')));
        /// ```
        pub const FEATURES: &[&str] = &[$($f),*];
        $crate::stamp_backend!($(#[target_feature(enable = $f)])* $m; $V64, $V32);
    };
}

/// Stamps out a backend's entry points: `f64_entries::<fn>` and `f32_entries::<fn>` for every
/// registry function, and the tables `F64`/`F32` in registry order. Arguments: the entry
/// points' attributes (`#[target_feature(...)]`) and the backend module's name (whose `isa!`
/// macro the generated doc examples use), then the `f64` and `f32` vector types. Called by
/// [`isa_facts!`](crate::isa_facts)'s `stamp`.
#[doc(hidden)]
#[macro_export]
macro_rules! stamp_backend {
    ($(#[$attr:meta])* $backend:ident; $V64:ty, $V32:ty) => {
        $crate::for_each_func!($crate::stamp_entries { [$(#[$attr])*] $backend $V64, $V32 });
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! stamp_entries {
    ($attrs:tt $backend:ident $V64:ty, $V32:ty;
     $( $Var:ident $snake:ident $name:literal $arity:ident ($c64:ident $c32:ident $($nolibm:ident)?) [$k64:path] [$k32:path] $u64:literal $u32:literal (cr $([$kcr:path] $ucr:literal)?) {poles: $poles:ident, zeros: $zeros:ident $(, usual: [$($us64:path)?] [$($us32:path)?])? $(, input: [$($in64:path $(; $ia64:ident)?)?] [$($in32:path $(; $ia32:ident)?)?])?} $dom:literal $sp:literal ; )*) => {
        /// Entry points for `f64` slices, one per registry function (reach them via [`F64`]).
        #[doc(hidden)]
        pub mod f64_entries {
            #[allow(unused_imports)]
            use super::*;
            $( $crate::stamp_arity!($arity $attrs $snake $name f64 $V64, $k64 $($(, usual $us64)?)? $($(, input $in64 $(; $ia64)?)?)?); )*
            $crate::stamp_one!($attrs copy "copy (no math)" f64 $V64, core::convert::identity);
        }
        /// Entry points for `f32` slices, one per registry function (reach them via [`F32`]).
        #[doc(hidden)]
        pub mod f32_entries {
            #[allow(unused_imports)]
            use super::*;
            $( $crate::stamp_arity!($arity $attrs $snake $name f32 $V32, $k32 $($(, usual $us32)?)? $($(, input $in32 $(; $ia32)?)?)?); )*
            $crate::stamp_one!($attrs copy "copy (no math)" f32 $V32, core::convert::identity);
        }
        /// Entry points of the correctly rounded `f32` tier, one per function that has it.
        #[doc(hidden)]
        pub mod f32_cr_entries {
            #[allow(unused_imports)]
            use super::*;
            $( $( $crate::stamp_arity!($arity $attrs $snake $name f32 $V32, $kcr); )? )*
        }
        /// The correctly rounded `f32` tier's entry points in registry order (`None` where a
        /// function has no such tier; see [`crate::cr`]): `Kernel::Unary`, or `Kernel::Pair` for
        /// `sincos`.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F32_CR;")]
        /// let x = [1.0f32; 5];
        /// let mut y = [0.0f32; 5];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 5 elements.
        ///     let exp = F32_CR[0].and_then(|k| k.unary()).unwrap();
        ///     unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 5) };
        ///     assert_eq!(y, [std::f32::consts::E; 5]);
        /// }
        /// ```
        pub const F32_CR: &[Option<$crate::backend::Kernel<f32>>] =
            &[$($crate::cr_of!($arity f32_cr_entries::$snake $(, $ucr)?)),*];
        /// The `f64` entry points in registry order (index `i` is `FUNCS[i]`).
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F64;")]
        /// let x = [0.0f64; 3];
        /// let mut y = [f64::NAN; 3];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 3 elements.
        ///     if let simdmath_kernels::backend::Kernel::Unary(exp) = F64[0] {
        ///         unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 3) };
        ///     }
        ///     assert_eq!(y, [1.0; 3]);
        /// }
        /// ```
        pub const F64: &[$crate::backend::Kernel<f64>] =
            &[$($crate::kernel_of!($arity f64_entries::$snake)),*];
        /// The `f32` entry points in registry order (index `i` is `FUNCS[i]`).
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F32;")]
        /// let mut v = [1.0f32; 20];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     // SAFETY: the CPU runs this backend; in place is allowed.
        ///     if let simdmath_kernels::backend::Kernel::Unary(log) = F32[1] {
        ///         unsafe { log(v.as_ptr(), v.as_mut_ptr(), 20) };
        ///     }
        ///     assert_eq!(v, [0.0; 20]);
        /// }
        /// ```
        pub const F32: &[$crate::backend::Kernel<f32>] =
            &[$($crate::kernel_of!($arity f32_entries::$snake)),*];
        /// The entry loop with no math (`dst[i] = src[i]`, in place allowed), `f64` and `f32`:
        /// the same loads, stores and prefetches as every entry point, the memory floor that
        /// `simdmath run` compares the functions with.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::COPY;")]
        /// let x = [1.5f64; 9];
        /// let mut y = [0.0f64; 9];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 9 elements.
        ///     unsafe { (COPY.0)(x.as_ptr(), y.as_mut_ptr(), 9) };
        ///     assert_eq!(x, y);
        /// }
        /// ```
        pub const COPY: ($crate::backend::Entry<f64>, $crate::backend::Entry<f32>) =
            (f64_entries::copy, f32_entries::copy);
        /// [`F64`] with every output written with non-temporal stores (see
        /// [`Stream`](crate::backend::Stream)): for out-of-place calls whose arrays together
        /// exceed the last-level cache. The same bits as [`F64`].
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::{F64, F64_STREAM};")]
        /// let x: Vec<f64> = (0..1001).map(|i| i as f64 * 0.01).collect();
        /// let (mut a, mut b) = (vec![0.0f64; 1001], vec![0.0f64; 1001]);
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     let (exp, exp_nt) = (F64[0].unary().unwrap(), F64_STREAM[0].unary().unwrap());
        ///     // SAFETY: the CPU runs this backend; the pointers are valid for 1000 elements
        ///     // (the second call's output starts one element in: unaligned on purpose).
        ///     unsafe {
        ///         exp(x.as_ptr(), a.as_mut_ptr(), 1000);
        ///         exp_nt(x.as_ptr(), b.as_mut_ptr().add(1), 1000);
        ///     }
        ///     assert_eq!(a[..1000], b[1..]);
        /// }
        /// ```
        pub const F64_STREAM: &[$crate::backend::Kernel<f64>] =
            &[$($crate::kernel_stream_of!($arity f64_entries::$snake)),*];
        /// [`F32`] with every output written with non-temporal stores; the same bits as [`F32`].
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::{F32, F32_STREAM};")]
        /// let x: Vec<f32> = (1..=999).map(|i| i as f32).collect();
        /// let (mut a, mut b) = (vec![0.0f32; 999], vec![0.0f32; 999]);
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     let (log, log_nt) = (F32[1].unary().unwrap(), F32_STREAM[1].unary().unwrap());
        ///     // SAFETY: the CPU runs this backend; the pointers are valid for 999 elements.
        ///     unsafe {
        ///         log(x.as_ptr(), a.as_mut_ptr(), 999);
        ///         log_nt(x.as_ptr(), b.as_mut_ptr(), 999);
        ///     }
        ///     assert_eq!(a, b);
        /// }
        /// ```
        pub const F32_STREAM: &[$crate::backend::Kernel<f32>] =
            &[$($crate::kernel_stream_of!($arity f32_entries::$snake)),*];
        /// [`F32_CR`] with every output written with non-temporal stores; the same bits.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F32_CR_STREAM;")]
        /// let x = [0.0f32; 77];
        /// let mut y = [0.0f32; 77];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     let exp = F32_CR_STREAM[0].and_then(|k| k.unary()).unwrap();
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 77 elements.
        ///     unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 77) };
        ///     assert_eq!(y, [1.0; 77]);
        /// }
        /// ```
        pub const F32_CR_STREAM: &[Option<$crate::backend::Kernel<f32>>] =
            &[$($crate::cr_stream_of!($arity f32_cr_entries::$snake $(, $ucr)?)),*];
        /// [`F64`], each entry point also returning whether any result is not a normal number
        /// (see [`Checked`](crate::backend::Checked)); the same bits.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F64_CHECKED;")]
        /// let x = [0.5f64, 1.0, 2.0, 710.0];
        /// let mut y = [0.0f64; 4];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     let exp = F64_CHECKED[0].unary().unwrap();
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 3 or 4 elements.
        ///     assert!(!unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 3) });
        ///     assert!(unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 4) }); // exp(710) = inf
        /// }
        /// ```
        pub const F64_CHECKED: &[$crate::backend::Checked<f64>] =
            &[$($crate::kernel_checked_of!($arity f64_entries::$snake)),*];
        /// [`F64_CHECKED`] with the outputs written with non-temporal stores; the same bits.
        pub const F64_STREAM_CHECKED: &[$crate::backend::Checked<f64>] =
            &[$($crate::kernel_checked_of!(stream $arity f64_entries::$snake)),*];
        /// [`F32`], each entry point also returning whether any result is not a normal number
        /// (see [`Checked`](crate::backend::Checked)); the same bits.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F32_CHECKED;")]
        /// let x = [0.5f32, 1.0, 2.0, -1.0];
        /// let mut y = [0.0f32; 4];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     let log = F32_CHECKED[1].unary().unwrap();
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 4 or 1 elements.
        ///     assert!(unsafe { log(x.as_ptr(), y.as_mut_ptr(), 4) }); // log(-1) = NaN
        ///     assert!(!unsafe { log(x.as_ptr(), y.as_mut_ptr(), 1) });
        /// }
        /// ```
        pub const F32_CHECKED: &[$crate::backend::Checked<f32>] =
            &[$($crate::kernel_checked_of!($arity f32_entries::$snake)),*];
        /// [`F32_CHECKED`] with the outputs written with non-temporal stores; the same bits.
        pub const F32_STREAM_CHECKED: &[$crate::backend::Checked<f32>] =
            &[$($crate::kernel_checked_of!(stream $arity f32_entries::$snake)),*];
        /// The one-input functions' loops with their prefetch stream and store policy given
        /// ([`EntryPf`](crate::backend::EntryPf)), `None` for the others; the same bits as
        /// [`F64`].
        pub const F64_PREFETCHING: &[Option<$crate::backend::EntryPf<f64>>] =
            &[$($crate::kernel_pf_of!($arity f64_entries::$snake)),*];
        /// [`F64_PREFETCHING`] for `f32`; the same bits as [`F32`].
        pub const F32_PREFETCHING: &[Option<$crate::backend::EntryPf<f32>>] =
            &[$($crate::kernel_pf_of!($arity f32_entries::$snake)),*];
        /// [`F32_CR`], each entry point also returning whether any result is not a normal
        /// number (see [`Checked`](crate::backend::Checked)); the same bits.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::F32_CR_CHECKED;")]
        /// let x = [0.0f32; 33];
        /// let mut y = [0.0f32; 33];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     let sin = F32_CR_CHECKED[2].and_then(|k| k.unary()).unwrap();
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 33 elements.
        ///     assert!(unsafe { sin(x.as_ptr(), y.as_mut_ptr(), 33) }); // sin(0) = 0
        /// }
        /// ```
        pub const F32_CR_CHECKED: &[Option<$crate::backend::Checked<f32>>] =
            &[$($crate::cr_checked_of!(: $arity f32_cr_entries::$snake $(, $ucr)?)),*];
        /// [`F32_CR_CHECKED`] with the outputs written with non-temporal stores; the same bits.
        pub const F32_CR_STREAM_CHECKED: &[Option<$crate::backend::Checked<f32>>] =
            &[$($crate::cr_checked_of!(stream : $arity f32_cr_entries::$snake $(, $ucr)?)),*];
        /// [`COPY`] with the output written with non-temporal stores: the memory floor of an
        /// out-of-place function whose output streams.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::COPY_STREAM;")]
        /// let x: Vec<f32> = (0..333).map(|i| i as f32).collect();
        /// let mut y = vec![0.0f32; 333];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 333 elements.
        ///     unsafe { (COPY_STREAM.1)(x.as_ptr(), y.as_mut_ptr(), 333) };
        ///     assert_eq!(x, y);
        /// }
        /// ```
        pub const COPY_STREAM: ($crate::backend::Entry<f64>, $crate::backend::Entry<f32>) =
            (f64_entries::copy::stream, f32_entries::copy::stream);
        /// [`COPY`]'s loop with its prefetch stream and store policy given (see
        /// [`EntryPf`](crate::backend::EntryPf)): with `stream`, non-temporal stores and no
        /// fence, which the caller issues. An expression's last arithmetic step, computed into
        /// a block in L1, goes to a large output through it.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::COPY_PREFETCHING;")]
        /// let x: Vec<f64> = (0..333).map(|i| i as f64).collect();
        /// let mut y = vec![0.0f64; 333];
        #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 333 elements;
        ///     // the fence comes before `y` is read.
        ///     unsafe { (COPY_PREFETCHING.0)(x.as_ptr(), x.as_ptr(), y.as_mut_ptr(), 333, true, false) };
        ///     simdmath_kernels::backend::store_fence();
        ///     assert_eq!(x, y);
        /// }
        /// ```
        pub const COPY_PREFETCHING: (
            $crate::backend::EntryPf<f64>,
            $crate::backend::EntryPf<f32>,
        ) = (f64_entries::copy::prefetching, f32_entries::copy::prefetching);

        $crate::with_attrs! { $attrs
            /// Checks [`Lanes::lookup`](crate::Lanes::lookup) and `lookup2` of this backend against plain
            /// indexing for tables of 2 to 1024 entries (register permutes, blends and gathers)
            /// and indices with stray high bits; returns the first `(type, N, lane)` that differs.
            ///
            /// # Safety
            /// The CPU must run this backend.
            ///
            /// ```
            #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::lookup_check;")]
            #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
            ///     // SAFETY: the CPU runs this backend.
            ///     assert_eq!(unsafe { lookup_check() }, None);
            /// }
            /// ```
            pub unsafe fn lookup_check() -> Option<(&'static str, usize, usize)> {
                $crate::backend::lookup_check_one::<$V64>("f64")
                    .or_else(|| $crate::backend::lookup_check_one::<$V32>("f32"))
            }
        }

        $crate::with_attrs! { $attrs
            /// Checks [`Lanes::sqrt_normal`](crate::Lanes::sqrt_normal) of this backend's `f64`
            /// lanes against [`Lanes::sqrt`](crate::Lanes::sqrt) (correctly rounded) on `s`,
            /// which must lie in `sqrt_normal`'s domain `[2^-960, 2^1021]`; returns the first
            /// input whose bits differ.
            ///
            /// # Safety
            /// The CPU must run this backend.
            ///
            /// ```
            #[doc = concat!("use simdmath_kernels::backend::", stringify!($backend), "::sqrt_normal_check;")]
            #[doc = concat!("if simdmath_kernels::backend::", stringify!($backend), "::isa!(detected) {")]
            ///     // SAFETY: the CPU runs this backend.
            ///     assert_eq!(unsafe { sqrt_normal_check(&[2.0, 0.5, 1e300, 3.0e-280, 7.0]) }, None);
            /// }
            /// ```
            pub unsafe fn sqrt_normal_check(s: &[f64]) -> Option<f64> {
                $crate::backend::sqrt_normal_check_one::<$V64>(s)
            }
        }
    };
}

/// Puts a bracketed list of attributes on an item.
#[doc(hidden)]
#[macro_export]
macro_rules! with_attrs {
    ([$(#[$attr:meta])*] $item:item) => {
        $(#[$attr])*
        $item
    };
}

/// The body of every backend's `lookup_check`, for one vector type.
#[doc(hidden)]
#[inline(always)]
pub fn lookup_check_one<V: crate::Lanes>(ty: &'static str) -> Option<(&'static str, usize, usize)>
where
    V::Scalar: crate::lanes::FromIndex,
{
    check_n::<V, 1>(ty)
        .or_else(|| check_n::<V, 2>(ty))
        .or_else(|| check_n::<V, 4>(ty))
        .or_else(|| check_n::<V, 8>(ty))
        .or_else(|| check_n::<V, 16>(ty))
        .or_else(|| check_n::<V, 32>(ty))
        .or_else(|| check_n::<V, 64>(ty))
        .or_else(|| check_n::<V, 1024>(ty))
}

/// The body of every backend's `sqrt_normal_check`.
#[doc(hidden)]
#[inline(always)]
pub fn sqrt_normal_check_one<V: crate::Lanes<Scalar = f64>>(s: &[f64]) -> Option<f64> {
    let mut buf = [1.0f64; 16];
    let mut a = [0.0f64; 16];
    let mut b = [0.0f64; 16];
    for c in s.chunks(V::LANES) {
        buf[..c.len()].copy_from_slice(c);
        // SAFETY: the three arrays hold 16 >= LANES elements.
        let v = unsafe { V::load(buf.as_ptr()) };
        // SAFETY: as above.
        unsafe {
            v.sqrt().store(a.as_mut_ptr());
            v.sqrt_normal().store(b.as_mut_ptr());
        }
        if let Some(i) = (0..c.len()).find(|&i| a[i].to_bits() != b[i].to_bits()) {
            return Some(c[i]);
        }
    }
    None
}

/// [`lookup_check_one`] for tables of `N` entries.
#[inline(always)]
fn check_n<V: crate::Lanes, const N: usize>(
    ty: &'static str,
) -> Option<(&'static str, usize, usize)>
where
    V::Scalar: crate::lanes::FromIndex,
{
    use crate::lanes::FromIndex;
    let mut t = [V::Scalar::default(); N];
    for (k, e) in t.iter_mut().enumerate() {
        *e = FromIndex::from_index(1000 + 3 * k);
    }
    // A second table and both interleaved, for `lookup2`.
    let mut t2 = [V::Scalar::default(); N];
    let mut pairs = [[V::Scalar::default(); 2]; N];
    for k in 0..N {
        t2[k] = FromIndex::from_index(5000 + 7 * k);
        pairs[k] = [t[k], t2[k]];
    }
    // Index patterns: ascending, descending, strided, and with stray high bits.
    for pat in 0..4usize {
        let mut idx = [V::Scalar::default(); 16];
        let mut want = [0usize; 16];
        for lane in 0..V::LANES {
            let i = match pat {
                0 => lane,
                1 => N - 1 - lane % N,
                2 => lane * 7 + 3,
                _ => lane * 5 + 1,
            } & (N - 1);
            want[lane] = i;
            let stray = if pat == 3 { N * (lane + 1) } else { 0 };
            idx[lane] = FromIndex::from_bits_usize(i + stray);
        }
        // SAFETY: `idx` holds 16 >= LANES elements.
        let i = V::to_bits(unsafe { V::load(idx.as_ptr()) });
        // Every strategy: `lookup` and both halves of `lookup2`.
        let (h2, l2) = V::lookup2(&t, &t2, &pairs, i);
        for (got, tab) in [(V::lookup(&t, i), &t), (h2, &t), (l2, &t2)] {
            let mut out = [V::Scalar::default(); 16];
            // SAFETY: `out` holds 16 >= LANES elements.
            unsafe { got.store(out.as_mut_ptr()) };
            if let Some(lane) = (0..V::LANES).find(|&l| out[l] != tab[want[l]]) {
                return Some((ty, N, lane));
            }
        }
    }
    None
}

#[doc(hidden)]
#[macro_export]
macro_rules! stamp_one {
    ([$(#[$attr:meta])*] $snake:ident $name:literal $T:ident $V:ty, $k:path $(, usual $u:path)? $(, input $i:path $(; $ia:ident)?)?) => {
        #[doc = concat!("`", $name, "` over `n` `", stringify!($T), "` elements.")]
        ///
        /// # Safety
        /// As [`crate::backend::Entry`].
        $(#[$attr])*
        pub unsafe fn $snake(src: *const $T, dst: *mut $T, n: usize) {
            // SAFETY: forwarded; the same instruction set.
            unsafe { $snake::any(src, src, dst, n, 0) };
        }
        #[doc = concat!("`", $name, "`'s streaming entry point and the loop both share.")]
        pub mod $snake {
            #[allow(unused_imports)]
            use super::*;
            #[doc = concat!("`", $name, "` over `n` `", stringify!($T), "` elements, the output")]
            /// written with non-temporal stores (see [`crate::backend::Stream`]).
            ///
            /// # Safety
            /// As [`crate::backend::Entry`].
            $(#[$attr])*
            pub unsafe fn stream(src: *const $T, dst: *mut $T, n: usize) {
                // SAFETY: forwarded; the same instruction set.
                unsafe { any(src, src, dst, n, $crate::backend::LOOP_STREAM) };
            }
            /// [`stream`], returning whether any result is not a normal number (see
            /// [`crate::backend::Checked`]).
            ///
            /// # Safety
            /// As [`crate::backend::Entry`].
            $(#[$attr])*
            pub unsafe fn stream_checked(src: *const $T, dst: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { any(src, src, dst, n, $crate::backend::LOOP_STREAM | $crate::backend::LOOP_CHECK) }
            }
            /// The entry point, returning whether any result is not a normal number (see
            /// [`crate::backend::Checked`]).
            ///
            /// # Safety
            /// As [`crate::backend::Entry`].
            $(#[$attr])*
            pub unsafe fn checked(src: *const $T, dst: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { any(src, src, dst, n, $crate::backend::LOOP_CHECK) }
            }
            /// The entry loop with its prefetch stream and store policy given (see
            /// [`crate::backend::EntryPf`]).
            ///
            /// # Safety
            /// As [`crate::backend::EntryPf`].
            $(#[$attr])*
            pub unsafe fn prefetching(
                src: *const $T,
                pf: *const $T,
                dst: *mut $T,
                n: usize,
                stream: bool,
                check: bool,
            ) -> bool {
                let mode = (stream as u32) * $crate::backend::LOOP_STREAM
                    | (check as u32) * $crate::backend::LOOP_CHECK
                    | $crate::backend::LOOP_NO_FENCE;
                // SAFETY: forwarded; the same instruction set.
                unsafe { any(src, pf, dst, n, mode) }
            }
            /// The loop, prefetching ahead of `pf`, with `mode` a set of
            /// [`LOOP_STREAM`](crate::backend::LOOP_STREAM),
            /// [`LOOP_CHECK`](crate::backend::LOOP_CHECK) and
            /// [`LOOP_NO_FENCE`](crate::backend::LOOP_NO_FENCE) (one copy of the kernel for
            /// every entry point: a copy of its own for the checked one doubled the crate's
            /// build time and measured no faster; five arguments, so that every entry point
            /// reaches it by a jump).
            ///
            /// # Safety
            /// As [`crate::backend::EntryPf`] (the fence unless `LOOP_NO_FENCE`).
            $(#[$attr])*
            #[inline(never)]
            pub(crate) unsafe fn any(
                src: *const $T,
                pf: *const $T,
                dst: *mut $T,
                n: usize,
                mode: u32,
            ) -> bool {
                let stream = mode & $crate::backend::LOOP_STREAM != 0;
                let check = mode & $crate::backend::LOOP_CHECK != 0;
                let fence = mode & $crate::backend::LOOP_NO_FENCE == 0;
                $crate::entry_loop!(unary $V, $k, src, pf, dst, n, stream, check, fence $(, usual $u)? $(, input $i $(; $ia)?)?)
            }
        }
    };
}

/// Stamps a registry function's entry points by its arity: [`stamp_one!`] for `unary`; for
/// `binary` a module `$snake` with `slices` (an [`Entry2`]) and `scalar` (an [`EntryScalar`]).
/// Each entry point has a streaming twin (`$snake::stream`, `slices_stream`, `scalar_stream`)
/// that writes its output with non-temporal stores; both run one shared loop.
#[doc(hidden)]
#[macro_export]
macro_rules! stamp_arity {
    (unary $($t:tt)*) => { $crate::stamp_one!($($t)*); };
    (unary2 [$(#[$attr:meta])*] $snake:ident $name:literal $T:ident $V:ty, $k:path $(, usual $u:path)?) => {
        #[doc = concat!("`", $name, "` over `n` `", stringify!($T), "` elements, two outputs.")]
        ///
        /// # Safety
        /// As [`crate::backend::EntryPair`].
        $(#[$attr])*
        pub unsafe fn $snake(src: *const $T, dst0: *mut $T, dst1: *mut $T, n: usize) {
            // SAFETY: forwarded; the same instruction set.
            unsafe { $snake::any::<false>(src, dst0, dst1, n, false) };
        }
        #[doc = concat!("`", $name, "`'s streaming entry point and the loop both share.")]
        pub mod $snake {
            #[allow(unused_imports)]
            use super::*;
            #[doc = concat!("`", $name, "` over `n` `", stringify!($T), "` elements, both outputs")]
            /// written with non-temporal stores (see [`crate::backend::Stream`]).
            ///
            /// # Safety
            /// As [`crate::backend::EntryPair`].
            $(#[$attr])*
            pub unsafe fn stream(src: *const $T, dst0: *mut $T, dst1: *mut $T, n: usize) {
                // SAFETY: forwarded; the same instruction set.
                unsafe { any::<false>(src, dst0, dst1, n, true) };
            }
            /// [`stream`], returning whether any result (of either output) is not a normal
            /// number (see [`crate::backend::Checked`]; tested on the input, see
            /// [`entry_loop!`](crate::entry_loop)).
            ///
            /// # Safety
            /// As [`crate::backend::EntryPair`].
            $(#[$attr])*
            pub unsafe fn stream_checked(
                src: *const $T,
                dst0: *mut $T,
                dst1: *mut $T,
                n: usize,
            ) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { any::<true>(src, dst0, dst1, n, true) }
            }
            /// The entry point, returning whether any result (of either output) is not a
            /// normal number (see [`crate::backend::Checked`]; tested on the input, see
            /// [`entry_loop!`](crate::entry_loop)).
            ///
            /// # Safety
            /// As [`crate::backend::EntryPair`].
            $(#[$attr])*
            pub unsafe fn checked(src: *const $T, dst0: *mut $T, dst1: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { any::<true>(src, dst0, dst1, n, false) }
            }
            /// The loop, streaming or not, and with `CHECK` of the checked entry points (its
            /// own copy, as the two-input loops'; one function, so little build time).
            ///
            /// # Safety
            /// As [`crate::backend::EntryPair`].
            $(#[$attr])*
            #[inline(never)]
            pub(crate) unsafe fn any<const CHECK: bool>(
                src: *const $T,
                dst0: *mut $T,
                dst1: *mut $T,
                n: usize,
                stream: bool,
            ) -> bool {
                $crate::entry_loop!(pair $V, $k, src, dst0, dst1, n, stream, CHECK $(, usual $u)?)
            }
        }
    };
    (binary [$(#[$attr:meta])*] $snake:ident $name:literal $T:ident $V:ty, $k:path $(, usual $u:path)?) => {
        #[doc = concat!("`", $name, "` entry points for `", stringify!($T), "`.")]
        pub mod $snake {
            #[allow(unused_imports)]
            use super::*;
            #[doc = concat!("`", $name, "(x[i], y[i])` over `n` `", stringify!($T), "` elements.")]
            ///
            /// # Safety
            /// As [`crate::backend::Entry2`].
            $(#[$attr])*
            pub unsafe fn slices(x: *const $T, y: *const $T, dst: *mut $T, n: usize) {
                // SAFETY: forwarded; the same instruction set.
                unsafe { slices_any::<false>(x, y, dst, n, false) };
            }
            /// [`slices`] with the output written with non-temporal stores.
            ///
            /// # Safety
            /// As [`crate::backend::Entry2`].
            $(#[$attr])*
            pub unsafe fn slices_stream(x: *const $T, y: *const $T, dst: *mut $T, n: usize) {
                // SAFETY: forwarded; the same instruction set.
                unsafe { slices_any::<false>(x, y, dst, n, true) };
            }
            /// [`slices_stream`], returning whether any result is not a normal number (see
            /// [`crate::backend::Checked`]).
            ///
            /// # Safety
            /// As [`crate::backend::Entry2`].
            $(#[$attr])*
            pub unsafe fn slices_stream_checked(x: *const $T, y: *const $T, dst: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { slices_any::<true>(x, y, dst, n, true) }
            }
            /// [`slices`], returning whether any result is not a normal number (see
            /// [`crate::backend::Checked`]).
            ///
            /// # Safety
            /// As [`crate::backend::Entry2`].
            $(#[$attr])*
            pub unsafe fn slices_checked(x: *const $T, y: *const $T, dst: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { slices_any::<true>(x, y, dst, n, false) }
            }
            /// The loop of [`slices`] and [`slices_stream`], and with `CHECK` of the checked
            /// entry points (its own copy: the run-time switch that the one-input loops share
            /// cost the plain `hypot` `f32` loop 4 %; the one-input loops showed nothing).
            ///
            /// # Safety
            /// As [`crate::backend::Entry2`].
            $(#[$attr])*
            #[inline(never)]
            pub(crate) unsafe fn slices_any<const CHECK: bool>(
                x: *const $T,
                y: *const $T,
                dst: *mut $T,
                n: usize,
                stream: bool,
            ) -> bool {
                $crate::entry_loop!(binary $V, $k, x, y, dst, n, stream, CHECK, $(; usual $u)?)
            }
            #[doc = concat!("`", $name, "(x[i], y)` over `n` `", stringify!($T), "` elements.")]
            ///
            /// # Safety
            /// As [`crate::backend::EntryScalar`].
            $(#[$attr])*
            pub unsafe fn scalar(x: *const $T, y: $T, dst: *mut $T, n: usize) {
                // SAFETY: forwarded; the same instruction set.
                unsafe { scalar_any::<false>(x, y, dst, n, false) };
            }
            /// [`scalar`] with the output written with non-temporal stores.
            ///
            /// # Safety
            /// As [`crate::backend::EntryScalar`].
            $(#[$attr])*
            pub unsafe fn scalar_stream(x: *const $T, y: $T, dst: *mut $T, n: usize) {
                // SAFETY: forwarded; the same instruction set.
                unsafe { scalar_any::<false>(x, y, dst, n, true) };
            }
            /// [`scalar_stream`], returning whether any result is not a normal number (see
            /// [`crate::backend::Checked`]).
            ///
            /// # Safety
            /// As [`crate::backend::EntryScalar`].
            $(#[$attr])*
            pub unsafe fn scalar_stream_checked(x: *const $T, y: $T, dst: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { scalar_any::<true>(x, y, dst, n, true) }
            }
            /// [`scalar`], returning whether any result is not a normal number (see
            /// [`crate::backend::Checked`]).
            ///
            /// # Safety
            /// As [`crate::backend::EntryScalar`].
            $(#[$attr])*
            pub unsafe fn scalar_checked(x: *const $T, y: $T, dst: *mut $T, n: usize) -> bool {
                // SAFETY: forwarded; the same instruction set.
                unsafe { scalar_any::<true>(x, y, dst, n, false) }
            }
            /// The loop of [`scalar`] and [`scalar_stream`].
            ///
            /// # Safety
            /// As [`crate::backend::EntryScalar`].
            $(#[$attr])*
            #[inline(never)]
            pub(crate) unsafe fn scalar_any<const CHECK: bool>(
                x: *const $T,
                y: $T,
                dst: *mut $T,
                n: usize,
                stream: bool,
            ) -> bool {
                $crate::entry_loop!(binary $V, $k, x, y, dst, n, stream, CHECK, scalar $(; usual $u)?)
            }
        }
    };
}

/// `Some(entry)` for a function with a correctly rounded `f32` tier, `None` without.
#[doc(hidden)]
#[macro_export]
macro_rules! cr_of {
    ($arity:ident $p:path) => { None };
    ($arity:ident $p:path, $u:literal) => { Some($crate::kernel_of!($arity $p)) };
}

/// `Some` streaming entry for a function with a correctly rounded `f32` tier, `None` without.
#[doc(hidden)]
#[macro_export]
macro_rules! cr_stream_of {
    ($arity:ident $($p:ident)::+) => { None };
    ($arity:ident $($p:ident)::+, $u:literal) => { Some($crate::kernel_stream_of!($arity $($p)::+)) };
}

/// The [`EntryPf`] of a stamped function by its arity: `Some` for one input, else `None`.
#[doc(hidden)]
#[macro_export]
macro_rules! kernel_pf_of {
    (unary $($p:ident)::+) => { Some($($p)::+::prefetching) };
    ($arity:ident $($p:ident)::+) => { None };
}

/// The [`Kernel`] value of a stamped function's streaming entry points, by its arity.
#[doc(hidden)]
#[macro_export]
macro_rules! kernel_stream_of {
    (unary $($p:ident)::+) => { $crate::backend::Kernel::Unary($($p)::+::stream) };
    (unary2 $($p:ident)::+) => { $crate::backend::Kernel::Pair($($p)::+::stream) };
    (binary $($p:ident)::+) => {
        $crate::backend::Kernel::Binary($($p)::+::slices_stream, $($p)::+::scalar_stream)
    };
}

/// The [`Checked`] value of a stamped function's streaming, checked entry points, by its arity.
#[doc(hidden)]
#[macro_export]
macro_rules! kernel_checked_of {
    (unary $($p:ident)::+) => { $crate::backend::Kernel::Unary($($p)::+::checked) };
    (unary2 $($p:ident)::+) => { $crate::backend::Kernel::Pair($($p)::+::checked) };
    (binary $($p:ident)::+) => {
        $crate::backend::Kernel::Binary($($p)::+::slices_checked, $($p)::+::scalar_checked)
    };
    (stream unary $($p:ident)::+) => { $crate::backend::Kernel::Unary($($p)::+::stream_checked) };
    (stream unary2 $($p:ident)::+) => { $crate::backend::Kernel::Pair($($p)::+::stream_checked) };
    (stream binary $($p:ident)::+) => {
        $crate::backend::Kernel::Binary(
            $($p)::+::slices_stream_checked,
            $($p)::+::scalar_stream_checked,
        )
    };
}

/// `Some` checked entry for a function with a correctly rounded `f32` tier, `None` without.
#[doc(hidden)]
#[macro_export]
macro_rules! cr_checked_of {
    ($($s:ident)? : $arity:ident $($p:ident)::+) => { None };
    ($($s:ident)? : $arity:ident $($p:ident)::+, $u:literal) => {
        Some($crate::kernel_checked_of!($($s)? $arity $($p)::+))
    };
}

/// The [`Kernel`] value of a stamped function, by its arity.
#[doc(hidden)]
#[macro_export]
macro_rules! kernel_of {
    (unary $p:path) => { $crate::backend::Kernel::Unary($p) };
    (unary2 $p:path) => { $crate::backend::Kernel::Pair($p) };
    (binary $($p:ident)::+) => {
        $crate::backend::Kernel::Binary($($p)::+::slices, $($p)::+::scalar)
    };
}
