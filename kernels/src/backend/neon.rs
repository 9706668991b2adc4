//! aarch64 NEON backend, written with `core::arch::aarch64`: 2 `f64` or 4 `f32` lanes in one
//! 128-bit register, all-ones vector masks, fused multiply-add (`fmla`).
//!
//! NEON (Advanced SIMD) is part of the aarch64 baseline; the entry points stamped at the bottom
//! of this file are still compiled with the target features of [`isa!`] ([`FEATURES`]: `neon`)
//! and only called after runtime detection (`isa!(detected)`, through the `simdmath` crate's
//! `Isa`), which is the safety argument of every `unsafe` block below.
//!
//! **The same bits as the x86 FMA backends.** Every operation here is chosen to give exactly
//! what AVX2 and AVX-512 give: `mul_add` is one fused rounding (`vfmaq`), `min`/`max` are
//! compare-and-select with x86's operand order (`minpd(o, self)` = `o < self ? o : self`, so a
//! NaN `self` is kept and `min(+0, -0)` is `+0`; NEON's own `fmin` would return `-0` there),
//! negation flips the sign bit by an XOR, the square root and the conversions of [`Widen`] are
//! the IEEE operations, and table lookups have no rounding at all. The generic kernels then run
//! the same operations in the same order, so each result is the same number; the golden-digest
//! test (`tests/golden.rs`) checks it on every test input.
//!
//! Table lookups: `vqtbl1q`/`vqtbl2q`/`vqtbl4q` byte shuffles for tables of up to 64 bytes
//! (8 `f64` or 16 `f32` entries), indexed loads beyond (NEON has no gather).

use crate::lanes::{Lanes, Widen};
use core::arch::aarch64::*;
use core::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Sub};

/// 2 `f64` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct F64x2(pub(crate) float64x2_t);
/// 4 `f32` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct F32x4(pub(crate) float32x4_t);
/// 2 `u64` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct U64x2(pub(crate) uint64x2_t);
/// 4 `u32` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct U32x4(pub(crate) uint32x4_t);
/// Comparison mask of [`F64x2`] (all-ones lanes where true).
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct M64x2(pub(crate) uint64x2_t);
/// Comparison mask of [`F32x4`] (all-ones lanes where true).
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct M32x4(pub(crate) uint32x4_t);

/// Implements a binary operator trait by one intrinsic.
macro_rules! op {
    ($T:ident, $Tr:ident, $m:ident, $intr:ident) => {
        impl $Tr for $T {
            type Output = $T;
            #[inline(always)]
            fn $m(self, o: $T) -> $T {
                // SAFETY: only reached inside NEON entry points after CPU detection (module doc).
                $T(unsafe { $intr(self.0, o.0) })
            }
        }
    };
}
op!(F64x2, Add, add, vaddq_f64);
op!(F64x2, Sub, sub, vsubq_f64);
op!(F64x2, Mul, mul, vmulq_f64);
op!(F64x2, Div, div, vdivq_f64);
op!(F32x4, Add, add, vaddq_f32);
op!(F32x4, Sub, sub, vsubq_f32);
op!(F32x4, Mul, mul, vmulq_f32);
op!(F32x4, Div, div, vdivq_f32);
op!(U64x2, Add, add, vaddq_u64);
op!(U64x2, Sub, sub, vsubq_u64);
op!(U64x2, BitAnd, bitand, vandq_u64);
op!(U64x2, BitOr, bitor, vorrq_u64);
op!(U64x2, BitXor, bitxor, veorq_u64);
op!(U32x4, Add, add, vaddq_u32);
op!(U32x4, Sub, sub, vsubq_u32);
op!(U32x4, BitAnd, bitand, vandq_u32);
op!(U32x4, BitOr, bitor, vorrq_u32);
op!(U32x4, BitXor, bitxor, veorq_u32);
op!(M64x2, BitAnd, bitand, vandq_u64);
op!(M64x2, BitOr, bitor, vorrq_u64);
op!(M32x4, BitAnd, bitand, vandq_u32);
op!(M32x4, BitOr, bitor, vorrq_u32);

impl Neg for F64x2 {
    type Output = F64x2;
    #[inline(always)]
    fn neg(self) -> F64x2 {
        // An XOR of the sign bit, as on x86 (NaNs keep their payload).
        F64x2::from_bits(self.to_bits() ^ F64x2::splat_bits(1 << 63))
    }
}
impl Neg for F32x4 {
    type Output = F32x4;
    #[inline(always)]
    fn neg(self) -> F32x4 {
        F32x4::from_bits(self.to_bits() ^ F32x4::splat_bits(1 << 31))
    }
}

/// The lane operations whose intrinsics differ in shape between the two types (kept out of
/// the `lanes!` argument lists).
trait Raw: Sized {
    type U;
    type M;
    fn raw_sqrt(self) -> Self;
    fn raw_shl(b: Self::U, n: u32) -> Self::U;
    fn raw_shr(b: Self::U, n: u32) -> Self::U;
    fn raw_ne(a: Self, b: Self) -> Self::M;
    fn raw_bitmask(m: Self::M) -> u32;
}
impl Raw for F64x2 {
    type U = U64x2;
    type M = M64x2;
    #[inline(always)]
    fn raw_sqrt(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F64x2(unsafe { vsqrtq_f64(self.0) })
    }
    #[inline(always)]
    fn raw_shl(b: U64x2, n: u32) -> U64x2 {
        // SAFETY: as above. `ushl` by a positive count shifts left (64 and more give 0).
        U64x2(unsafe { vshlq_u64(b.0, vdupq_n_s64(n as i64)) })
    }
    #[inline(always)]
    fn raw_shr(b: U64x2, n: u32) -> U64x2 {
        // SAFETY: as above. `ushl` by a negative count is a logical right shift.
        U64x2(unsafe { vshlq_u64(b.0, vdupq_n_s64(-(n as i64))) })
    }
    #[inline(always)]
    fn raw_ne(a: Self, b: Self) -> M64x2 {
        // SAFETY: as above. Not-equal is the complement of ordered-equal (true for NaN).
        M64x2(unsafe {
            vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(vceqq_f64(a.0, b.0))))
        })
    }
    #[inline(always)]
    fn raw_bitmask(m: M64x2) -> u32 {
        let m = opaque(m.0);
        // SAFETY: as above.
        unsafe { ((vgetq_lane_u64::<0>(m) & 1) | ((vgetq_lane_u64::<1>(m) & 1) << 1)) as u32 }
    }
}
impl Raw for F32x4 {
    type U = U32x4;
    type M = M32x4;
    #[inline(always)]
    fn raw_sqrt(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F32x4(unsafe { vsqrtq_f32(self.0) })
    }
    #[inline(always)]
    fn raw_shl(b: U32x4, n: u32) -> U32x4 {
        // SAFETY: as above.
        U32x4(unsafe { vshlq_u32(b.0, vdupq_n_s32(n as i32)) })
    }
    #[inline(always)]
    fn raw_shr(b: U32x4, n: u32) -> U32x4 {
        // SAFETY: as above.
        U32x4(unsafe { vshlq_u32(b.0, vdupq_n_s32(-(n as i32))) })
    }
    #[inline(always)]
    fn raw_ne(a: Self, b: Self) -> M32x4 {
        // SAFETY: as above.
        M32x4(unsafe { vmvnq_u32(vceqq_f32(a.0, b.0)) })
    }
    #[inline(always)]
    fn raw_bitmask(m: M32x4) -> u32 {
        const WEIGHTS: [u32; 4] = [1, 2, 4, 8];
        // SAFETY: as above; `WEIGHTS` holds 4 `u32`.
        unsafe {
            let m = vreinterpretq_u32_u64(opaque(vreinterpretq_u64_u32(m.0)));
            vaddvq_u32(vandq_u32(m, vld1q_u32(WEIGHTS.as_ptr())))
        }
    }
}

/// A comparison mask, hidden from the optimiser (an empty `asm!` on its register; no
/// instruction), so that [`Lanes::bitmask`] tests the lanes themselves: LLVM may otherwise fold
/// "some lane of `c <= |x|`" into a compare of an `fmaxnm` reduction, which gives NaN for a
/// *signaling* NaN lane and so loses a set lane beside it (seen with the portable backend's
/// two-register vectors; see `portable.rs`).
#[inline(always)]
fn opaque(mut m: uint64x2_t) -> uint64x2_t {
    // SAFETY: an empty instruction template: reads and writes nothing but the register.
    unsafe {
        core::arch::asm!("/* {0:v} */", inout(vreg) m, options(pure, nomem, nostack, preserves_flags))
    };
    m
}

/// Implements [`Lanes`] for one float/bits/mask triple.
macro_rules! lanes {
    ($F:ident, $U:ident, $M:ident, $S:ty, $N:literal, $ubits:ty,
     $dup:ident, $dupi:ident, $ld:ident, $st:ident, $fma:ident, $abs:ident,
     $castfi:ident, $castif:ident, $ceqi:ident, $clt:ident, $cle:ident, $ceq:ident,
     $bsl:ident, $lookup:ident, $rndn:ident, $rndm:ident, $add:ident) => {
        impl Lanes for $F {
            type Scalar = $S;
            type Bits = $U;
            type Mask = $M;
            const LANES: usize = $N;
            const FUSED: bool = true;
            const ROUND_NATIVE: bool = true;

            #[inline(always)]
            fn rint(self) -> Self {
                // SAFETY: as above. `frintn` rounds to nearest, ties to even; `+ 0` turns a
                // `-0` result into `+0` and leaves the rest.
                $F(unsafe { $add($rndn(self.0), $dup(0.0)) })
            }
            #[inline(always)]
            fn floor(self) -> Self {
                // SAFETY: as above. `frintm` rounds toward -inf.
                $F(unsafe { $rndm(self.0) })
            }

            #[inline(always)]
            fn splat(x: $S) -> Self {
                // SAFETY: only reached inside NEON entry points after CPU detection.
                $F(unsafe { $dup(x) })
            }
            #[inline(always)]
            fn splat_bits(x: u64) -> $U {
                // SAFETY: as above.
                $U(unsafe { $dupi(x as $ubits) })
            }
            #[inline(always)]
            unsafe fn load(p: *const $S) -> Self {
                // SAFETY: the caller guarantees `p` is readable for LANES elements; `ld1` needs
                // no alignment beyond the element's.
                $F(unsafe { $ld(p) })
            }
            #[inline(always)]
            unsafe fn store(self, p: *mut $S) {
                // SAFETY: the caller guarantees `p` is writable for LANES elements.
                unsafe { $st(p, self.0) }
            }
            #[inline(always)]
            fn mul_add(self, b: Self, c: Self) -> Self {
                // SAFETY: as above. `fmla`: c + self*b with one rounding.
                $F(unsafe { $fma(c.0, self.0, b.0) })
            }
            #[inline(always)]
            fn abs(self) -> Self {
                // SAFETY: as above. `fabs` clears the sign bit (NaNs keep their payload).
                $F(unsafe { $abs(self.0) })
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                Raw::raw_sqrt(self)
            }
            #[inline(always)]
            fn min(self, o: Self) -> Self {
                // x86's `minpd(o, self)`: `o < self ? o : self` (a NaN `self` is kept, and
                // `min(±0, ∓0)` is `self`), not NEON's `fmin`.
                Self::select(o.lt(self), o, self)
            }
            #[inline(always)]
            fn max(self, o: Self) -> Self {
                Self::select(self.lt(o), o, self)
            }
            #[inline(always)]
            fn to_bits(self) -> $U {
                // SAFETY: as above.
                $U(unsafe { $castfi(self.0) })
            }
            #[inline(always)]
            fn from_bits(b: $U) -> Self {
                // SAFETY: as above.
                $F(unsafe { $castif(b.0) })
            }
            #[inline(always)]
            fn shl(b: $U, n: u32) -> $U {
                <$F as Raw>::raw_shl(b, n)
            }
            #[inline(always)]
            fn shr(b: $U, n: u32) -> $U {
                <$F as Raw>::raw_shr(b, n)
            }
            #[inline(always)]
            fn bits_eq(a: $U, b: $U) -> $M {
                // SAFETY: as above.
                $M(unsafe { $ceqi(a.0, b.0) })
            }
            #[inline(always)]
            fn lt(self, o: Self) -> $M {
                // SAFETY: as above (ordered: false for NaN).
                $M(unsafe { $clt(self.0, o.0) })
            }
            #[inline(always)]
            fn le(self, o: Self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $cle(self.0, o.0) })
            }
            #[inline(always)]
            fn eq(self, o: Self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $ceq(self.0, o.0) })
            }
            #[inline(always)]
            fn ne(self, o: Self) -> $M {
                <$F as Raw>::raw_ne(self, o)
            }
            #[inline(always)]
            fn is_nan(self) -> $M {
                <$F as Raw>::raw_ne(self, self)
            }
            #[inline(always)]
            fn select(m: $M, a: Self, b: Self) -> Self {
                // SAFETY: as above. `bsl` takes `a`'s bits where `m` is set.
                $F(unsafe { $bsl(m.0, a.0, b.0) })
            }
            #[inline(always)]
            fn bitmask(m: $M) -> u32 {
                <$F as Raw>::raw_bitmask(m)
            }
            #[inline(always)]
            fn lookup<const N: usize>(t: &[$S; N], i: $U) -> Self {
                $lookup(t, i)
            }
        }
    };
}

/// A copy of `t` padded with zeros to `W` entries (for tables smaller than the shuffle's
/// 64 bytes).
#[inline(always)]
fn padded<T: Copy + Default, const N: usize, const W: usize>(t: &[T; N]) -> [T; W] {
    let mut p = [T::default(); W];
    p[..N.min(W)].copy_from_slice(&t[..N.min(W)]);
    p
}

/// Byte shuffle of a 64-byte table `p` by byte indices `b`, with as few table registers as
/// `bytes` (16, 32 or 64) needs.
///
/// # Safety
/// NEON must be available; `p` must be readable for 64 bytes.
#[inline(always)]
unsafe fn tbl(p: *const u8, bytes: usize, b: uint8x16_t) -> uint8x16_t {
    // SAFETY: the caller's contract; the loads read at most 64 bytes of `p`.
    unsafe {
        if bytes <= 16 {
            vqtbl1q_u8(vld1q_u8(p), b)
        } else if bytes <= 32 {
            vqtbl2q_u8(uint8x16x2_t(vld1q_u8(p), vld1q_u8(p.add(16))), b)
        } else {
            vqtbl4q_u8(
                uint8x16x4_t(
                    vld1q_u8(p),
                    vld1q_u8(p.add(16)),
                    vld1q_u8(p.add(32)),
                    vld1q_u8(p.add(48)),
                ),
                b,
            )
        }
    }
}

/// [`Lanes::lookup`] for 2 `f64` lanes: a `tbl` byte shuffle for up to 8 entries (64 bytes,
/// up to four table registers), two indexed loads beyond.
#[inline(always)]
fn lookup_f64x2<const N: usize>(t: &[f64; N], i: U64x2) -> F64x2 {
    const { assert!(N.is_power_of_two() && N <= 4096) };
    // SAFETY: only reached inside NEON entry points after CPU detection (module doc); the
    // shuffle reads the 64 bytes of the padded copy, the loads `t[i & (N - 1)]`.
    unsafe {
        let m = vandq_u64(i.0, vdupq_n_u64((N - 1) as u64));
        if N <= 8 {
            // Lane index m -> byte indices 8m .. 8m + 7: broadcast each lane's low byte over
            // its 8 bytes, times 8, plus 0..7.
            const BCAST: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8, 8, 8];
            const STEP: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7];
            let lo = vqtbl1q_u8(vreinterpretq_u8_u64(m), vld1q_u8(BCAST.as_ptr()));
            let b = vaddq_u8(vshlq_n_u8::<3>(lo), vld1q_u8(STEP.as_ptr()));
            let p: [f64; 8] = padded(t);
            let r = tbl(p.as_ptr().cast(), N * 8, b);
            F64x2(vreinterpretq_f64_u8(r))
        } else {
            let a = t[vgetq_lane_u64::<0>(m) as usize];
            let b = t[vgetq_lane_u64::<1>(m) as usize];
            F64x2(vld1q_lane_f64::<1>(&b, vld1q_dup_f64(&a)))
        }
    }
}

/// [`Lanes::lookup`] for 4 `f32` lanes: a `tbl` byte shuffle for up to 16 entries (64 bytes),
/// four indexed loads beyond.
#[inline(always)]
fn lookup_f32x4<const N: usize>(t: &[f32; N], i: U32x4) -> F32x4 {
    const { assert!(N.is_power_of_two() && N <= 4096) };
    // SAFETY: as for `lookup_f64x2`.
    unsafe {
        let m = vandq_u32(i.0, vdupq_n_u32((N - 1) as u32));
        if N <= 16 {
            const BCAST: [u8; 16] = [0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12];
            const STEP: [u8; 16] = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];
            let lo = vqtbl1q_u8(vreinterpretq_u8_u32(m), vld1q_u8(BCAST.as_ptr()));
            let b = vaddq_u8(vshlq_n_u8::<2>(lo), vld1q_u8(STEP.as_ptr()));
            let p: [f32; 16] = padded(t);
            let r = tbl(p.as_ptr().cast(), N * 4, b);
            F32x4(vreinterpretq_f32_u8(r))
        } else {
            let e = [
                t[vgetq_lane_u32::<0>(m) as usize],
                t[vgetq_lane_u32::<1>(m) as usize],
                t[vgetq_lane_u32::<2>(m) as usize],
                t[vgetq_lane_u32::<3>(m) as usize],
            ];
            F32x4(vld1q_f32(e.as_ptr()))
        }
    }
}

lanes!(
    F64x2,
    U64x2,
    M64x2,
    f64,
    2,
    u64,
    vdupq_n_f64,
    vdupq_n_u64,
    vld1q_f64,
    vst1q_f64,
    vfmaq_f64,
    vabsq_f64,
    vreinterpretq_u64_f64,
    vreinterpretq_f64_u64,
    vceqq_u64,
    vcltq_f64,
    vcleq_f64,
    vceqq_f64,
    vbslq_f64,
    lookup_f64x2,
    vrndnq_f64,
    vrndmq_f64,
    vaddq_f64
);
lanes!(
    F32x4,
    U32x4,
    M32x4,
    f32,
    4,
    u32,
    vdupq_n_f32,
    vdupq_n_u32,
    vld1q_f32,
    vst1q_f32,
    vfmaq_f32,
    vabsq_f32,
    vreinterpretq_u32_f32,
    vreinterpretq_f32_u32,
    vceqq_u32,
    vcltq_f32,
    vcleq_f32,
    vceqq_f32,
    vbslq_f32,
    lookup_f32x4,
    vrndnq_f32,
    vrndmq_f32,
    vaddq_f32
);

/// The NEON backend's instruction-set facts, the one place they are written (see
/// [`isa_facts!`](crate::isa_facts)): `isa!(detected)` says whether this CPU has NEON;
/// `isa! { target_feature fn ... }` compiles functions for it.
///
/// ```
/// use simdmath_kernels::backend::neon;
/// neon::isa! { target_feature
///     fn sum(x: &[f64]) -> f64 { x.iter().sum() }
/// }
/// if neon::isa!(detected) {
///     // SAFETY: the CPU has the features `sum` is compiled for.
///     assert_eq!(unsafe { sum(&[1.0, 2.0]) }, 3.0);
/// }
/// ```
#[macro_export]
macro_rules! neon_isa {
    ($($t:tt)*) => {
        $crate::isa_facts! { {neon is_aarch64_feature_detected ["neon"]} $($t)* }
    };
}
pub use crate::neon_isa as isa;

isa!(stamp F64x2, F32x4);

impl Widen for F32x4 {
    type Wide = F64x2;
    #[inline(always)]
    fn widen(self) -> (F64x2, F64x2) {
        // SAFETY: only reached inside NEON entry points after CPU detection (module doc).
        unsafe {
            (
                F64x2(vcvt_f64_f32(vget_low_f32(self.0))),
                F64x2(vcvt_high_f64_f32(self.0)),
            )
        }
    }
    #[inline(always)]
    fn narrow(lo: F64x2, hi: F64x2) -> F32x4 {
        // SAFETY: as above. `fcvtn`/`fcvtn2` round to nearest even (the default FPCR mode).
        unsafe { F32x4(vcvt_high_f32_f64(vcvt_f32_f64(lo.0), hi.0)) }
    }
}

// Streaming stores: NEON has a non-temporal pair store (`stnp`) but no intrinsic for it, and
// its effect on Arm cores is unmeasured here (emulation only), so the streaming entry points
// store normally on this backend (the same bits; `store_fence` is nothing on aarch64).
impl crate::backend::Stream for F64x2 {
    const ALIGN: usize = 16;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f64) {
        // SAFETY: forwarded to the caller (`p` writable for 2 elements).
        unsafe { crate::Lanes::store(self, p) }
    }
}

impl crate::backend::Stream for F32x4 {
    const ALIGN: usize = 16;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f32) {
        // SAFETY: forwarded to the caller (`p` writable for 4 elements).
        unsafe { crate::Lanes::store(self, p) }
    }
}
