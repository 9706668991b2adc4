//! Portable backend: the `wide` crate's vector types.
//!
//! `wide` picks its instruction set at compile time (`cfg(target_feature)`): SSE2 on a baseline
//! x86-64 build (no FMA: [`Lanes::mul_add`] is a separate multiply and add), NEON on aarch64
//! (`mul_add` is `vfmaq`, fused), and AVX2+FMA for a build with `-C target-cpu=native`. It has
//! no runtime dispatch of its own, so it is the backend that exists everywhere; the x86 and NEON
//! backends are runtime-dispatched `core::arch`.
//!
//! [`Lanes::FUSED`] says what `wide`'s `mul_add` does in this build (its source, 1.7: fused
//! with the `fma` target feature, and on aarch64 with `neon`), so the kernels take the
//! FMA-exact code paths (e.g. `two_prod`) exactly where the multiply-add is one rounding.

use crate::lanes::{Lanes, Widen};
use wide::{f32x8, f64x4, u32x8, u64x4};

/// Whether `wide`'s `mul_add` is one fused operation in this build: with the `fma` target
/// feature (x86), and on aarch64 with `neon` (`vfmaq_f64`/`vfmaq_f32`); a separate multiply
/// and add otherwise.
///
/// ```
/// use simdmath_kernels::{Lanes, backend::portable::WIDE_FUSED};
/// let fused = wide::f64x4::splat(1.0 + f64::EPSILON)
///     .mul_add(wide::f64x4::splat(1.0 - f64::EPSILON), wide::f64x4::splat(-1.0));
/// // (1 + e)(1 - e) - 1 = -e^2 exactly with one rounding, 0 with two.
/// assert_eq!(fused.to_array()[0] != 0.0, WIDE_FUSED);
/// assert_eq!(<wide::f64x4 as Lanes>::FUSED, WIDE_FUSED);
/// ```
pub const WIDE_FUSED: bool = cfg!(any(
    target_feature = "fma",
    all(target_arch = "aarch64", target_feature = "neon")
));

/// A comparison mask, hidden from the optimiser on aarch64 (an empty `asm!` on its two
/// registers; no instruction), so that [`Lanes::bitmask`] tests the lanes themselves.
///
/// Without it LLVM folds "some lane of `c <= |x|` is set" over the two `float64x2_t` halves of
/// a `wide` vector into one compare of `fmaxnm(|x_lo|, |x_hi|)`, and `fmaxnm` returns NaN when
/// one input is a *signaling* NaN: a huge `x` beside a signaling NaN then missed the
/// large-argument path of `sin`/`cos`/`tan` (`inf` or NaN for an ordinary input, found by the
/// golden-digest test under `qemu-aarch64`).
#[inline(always)]
fn opaque<T: Copy>(m: T) -> T {
    #[cfg(target_arch = "aarch64")]
    {
        use core::arch::aarch64::uint64x2_t;
        const { assert!(core::mem::size_of::<T>() == 32) };
        // SAFETY: `T` is `f64x4` or `f32x8`, 32 bytes of plain data: the same bits as two
        // 128-bit registers and back.
        let [mut a, mut b]: [uint64x2_t; 2] = unsafe { core::mem::transmute_copy(&m) };
        // SAFETY: an empty instruction template: reads and writes nothing but the two registers.
        unsafe {
            core::arch::asm!(
                "/* {0:v} {1:v} */",
                inout(vreg) a,
                inout(vreg) b,
                options(pure, nomem, nostack, preserves_flags)
            )
        };
        // SAFETY: as above.
        unsafe { core::mem::transmute_copy(&[a, b]) }
    }
    #[cfg(not(target_arch = "aarch64"))]
    m
}

impl Lanes for f64x4 {
    type Scalar = f64;
    type Bits = u64x4;
    type Mask = f64x4;
    const LANES: usize = 4;
    const FUSED: bool = WIDE_FUSED;

    #[inline(always)]
    fn splat(x: f64) -> Self {
        f64x4::splat(x)
    }
    #[inline(always)]
    fn splat_bits(x: u64) -> u64x4 {
        u64x4::splat(x)
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> Self {
        // SAFETY: the caller guarantees `p` is readable for 4 elements; f64x4 is plain data.
        unsafe { core::ptr::read_unaligned(p as *const f64x4) }
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f64) {
        // SAFETY: the caller guarantees `p` is writable for 4 elements.
        unsafe { core::ptr::write_unaligned(p as *mut f64x4, self) }
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        f64x4::mul_add(self, b, c)
    }
    #[inline(always)]
    fn abs(self) -> Self {
        f64x4::abs(self)
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        // `sqrtpd`/`sqrtps` on x86-64 (SSE2), the IEEE square root on every target.
        f64x4::sqrt(self)
    }
    #[inline(always)]
    fn min(self, o: Self) -> Self {
        // `self < o`-style compares are false for NaN, so a NaN `self` is kept.
        o.simd_lt(self).select(o, self)
    }
    #[inline(always)]
    fn max(self, o: Self) -> Self {
        self.simd_lt(o).select(o, self)
    }
    #[inline(always)]
    fn to_bits(self) -> u64x4 {
        f64x4::to_bits(self)
    }
    #[inline(always)]
    fn from_bits(b: u64x4) -> Self {
        f64x4::from_bits(b)
    }
    #[inline(always)]
    fn shl(b: u64x4, n: u32) -> u64x4 {
        b << n
    }
    #[inline(always)]
    fn shr(b: u64x4, n: u32) -> u64x4 {
        b >> n
    }
    #[inline(always)]
    fn bits_eq(a: u64x4, b: u64x4) -> f64x4 {
        f64x4::from_bits(a.simd_eq(b))
    }
    #[inline(always)]
    fn lt(self, o: Self) -> f64x4 {
        self.simd_lt(o)
    }
    #[inline(always)]
    fn le(self, o: Self) -> f64x4 {
        self.simd_le(o)
    }
    #[inline(always)]
    fn eq(self, o: Self) -> f64x4 {
        self.simd_eq(o)
    }
    #[inline(always)]
    fn ne(self, o: Self) -> f64x4 {
        self.simd_ne(o)
    }
    #[inline(always)]
    fn is_nan(self) -> f64x4 {
        f64x4::is_nan(self)
    }
    #[inline(always)]
    fn select(m: f64x4, a: Self, b: Self) -> Self {
        m.select(a, b)
    }
    #[inline(always)]
    fn bitmask(m: f64x4) -> u32 {
        opaque(m).to_bitmask()
    }
}

impl Lanes for f32x8 {
    type Scalar = f32;
    type Bits = u32x8;
    type Mask = f32x8;
    const LANES: usize = 8;
    const FUSED: bool = WIDE_FUSED;

    #[inline(always)]
    fn splat(x: f32) -> Self {
        f32x8::splat(x)
    }
    #[inline(always)]
    fn splat_bits(x: u64) -> u32x8 {
        u32x8::splat(x as u32)
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self {
        // SAFETY: the caller guarantees `p` is readable for 8 elements; f32x8 is plain data.
        unsafe { core::ptr::read_unaligned(p as *const f32x8) }
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f32) {
        // SAFETY: the caller guarantees `p` is writable for 8 elements.
        unsafe { core::ptr::write_unaligned(p as *mut f32x8, self) }
    }
    #[inline(always)]
    fn mul_add(self, b: Self, c: Self) -> Self {
        f32x8::mul_add(self, b, c)
    }
    #[inline(always)]
    fn abs(self) -> Self {
        f32x8::abs(self)
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        // `sqrtpd`/`sqrtps` on x86-64 (SSE2), the IEEE square root on every target.
        f32x8::sqrt(self)
    }
    #[inline(always)]
    fn min(self, o: Self) -> Self {
        // `self < o`-style compares are false for NaN, so a NaN `self` is kept.
        o.simd_lt(self).select(o, self)
    }
    #[inline(always)]
    fn max(self, o: Self) -> Self {
        self.simd_lt(o).select(o, self)
    }
    #[inline(always)]
    fn to_bits(self) -> u32x8 {
        f32x8::to_bits(self)
    }
    #[inline(always)]
    fn from_bits(b: u32x8) -> Self {
        f32x8::from_bits(b)
    }
    #[inline(always)]
    fn shl(b: u32x8, n: u32) -> u32x8 {
        b << n
    }
    #[inline(always)]
    fn shr(b: u32x8, n: u32) -> u32x8 {
        b >> n
    }
    #[inline(always)]
    fn bits_eq(a: u32x8, b: u32x8) -> f32x8 {
        f32x8::from_bits(a.simd_eq(b))
    }
    #[inline(always)]
    fn lt(self, o: Self) -> f32x8 {
        self.simd_lt(o)
    }
    #[inline(always)]
    fn le(self, o: Self) -> f32x8 {
        self.simd_le(o)
    }
    #[inline(always)]
    fn eq(self, o: Self) -> f32x8 {
        self.simd_eq(o)
    }
    #[inline(always)]
    fn ne(self, o: Self) -> f32x8 {
        self.simd_ne(o)
    }
    #[inline(always)]
    fn is_nan(self) -> f32x8 {
        f32x8::is_nan(self)
    }
    #[inline(always)]
    fn select(m: f32x8, a: Self, b: Self) -> Self {
        m.select(a, b)
    }
    #[inline(always)]
    fn bitmask(m: f32x8) -> u32 {
        opaque(m).to_bitmask()
    }
}

impl Widen for f32x8 {
    type Wide = f64x4;
    #[inline(always)]
    fn widen(self) -> (f64x4, f64x4) {
        let a = self.to_array();
        let w = |k: usize| {
            f64x4::from([
                a[k] as f64,
                a[k + 1] as f64,
                a[k + 2] as f64,
                a[k + 3] as f64,
            ])
        };
        (w(0), w(4))
    }
    #[inline(always)]
    fn narrow(lo: f64x4, hi: f64x4) -> f32x8 {
        let (l, h) = (lo.to_array(), hi.to_array());
        f32x8::from([
            l[0] as f32,
            l[1] as f32,
            l[2] as f32,
            l[3] as f32,
            h[0] as f32,
            h[1] as f32,
            h[2] as f32,
            h[3] as f32,
        ])
    }
}

/// The portable backend's instruction-set facts (see [`isa_facts!`](crate::isa_facts)): no
/// target features beyond the build's baseline, so `isa!(detected)` is `true` and `isa! {
/// target_feature fn ... }` leaves functions as they are (for code stamped once per backend).
///
/// ```
/// use simdmath_kernels::backend::portable;
/// assert!(portable::isa!(detected));
/// ```
#[macro_export]
macro_rules! portable_isa {
    ($($t:tt)*) => {
        $crate::isa_facts! { {portable []} $($t)* }
    };
}
pub use crate::portable_isa as isa;

isa!(stamp f64x4, f32x8);

/// Non-temporal stores with SSE2's 16-byte `movntpd`/`movntps` on x86-64 (part of the baseline,
/// whatever width `wide` was built for); an ordinary store on other targets.
impl crate::backend::Stream for f64x4 {
    const ALIGN: usize = 16;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f64) {
        #[cfg(target_arch = "x86_64")]
        {
            use core::arch::x86_64::{_mm_loadu_pd, _mm_stream_pd};
            let a = self.as_array();
            // SAFETY: the caller guarantees `p` is writable for 4 elements and 16-byte
            // aligned, so `p` and `p + 2` are aligned; SSE2 is part of the x86-64 baseline.
            unsafe {
                _mm_stream_pd(p, _mm_loadu_pd(a.as_ptr()));
                _mm_stream_pd(p.add(2), _mm_loadu_pd(a.as_ptr().add(2)));
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        // SAFETY: forwarded to the caller.
        unsafe {
            self.store(p)
        }
    }
}
impl crate::backend::Stream for f32x8 {
    const ALIGN: usize = 16;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f32) {
        #[cfg(target_arch = "x86_64")]
        {
            use core::arch::x86_64::{_mm_loadu_ps, _mm_stream_ps};
            let a = self.as_array();
            // SAFETY: the caller guarantees `p` is writable for 8 elements and 16-byte
            // aligned, so `p` and `p + 4` are aligned; SSE2 is part of the x86-64 baseline.
            unsafe {
                _mm_stream_ps(p, _mm_loadu_ps(a.as_ptr()));
                _mm_stream_ps(p.add(4), _mm_loadu_ps(a.as_ptr().add(4)));
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        // SAFETY: forwarded to the caller.
        unsafe {
            self.store(p)
        }
    }
}
