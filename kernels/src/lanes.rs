//! The lane trait every kernel is written against.
//!
//! A kernel is an `#[inline(always)]` generic function `fn(V) -> V` with `V: Lanes`. Each
//! instruction set implements [`Lanes`] once (see `backend/`), for one `f64` vector type and one
//! `f32` vector type. Everything here is `#[inline(always)]`: the kernels only become real
//! instructions once they are inlined into a `#[target_feature]` entry point (see
//! `backend/mod.rs`), and one out-of-line call in the hot loop costs more than the math.

use core::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Sub};

/// A scalar element type the kernels work on: `f64` or `f32`.
///
/// ```
/// use simdmath_kernels::Scalar;
/// assert_eq!(f64::ROUND_MAGIC + 2.5 - f64::ROUND_MAGIC, 2.0); // ties to even
/// assert_eq!(<f32 as Scalar>::MANT_BITS, 23);
/// ```
pub trait Scalar: Copy + Default + PartialOrd + Send + Sync + 'static {
    /// Number of lanes a padded tail buffer must hold (the widest vector of any backend).
    const MAX_LANES: usize;
    /// `+0.0`.
    const ZERO: Self;
    /// `+inf`.
    const INFINITY: Self;
    /// The smallest positive normal number.
    const MIN_POSITIVE: Self;
    /// A quiet NaN.
    const NAN: Self;
    /// `0.5`.
    const HALF: Self;
    /// `1.0`.
    const ONE: Self;
    /// Explicit mantissa bits (52, 23).
    const MANT_BITS: u32;
    /// `1.5 * 2^MANT_BITS`: adding it rounds to an integer (ties to even) and leaves that
    /// integer in the low bits of the sum.
    const ROUND_MAGIC: Self;
    /// The bits of [`Scalar::ROUND_MAGIC`].
    const ROUND_MAGIC_BITS: u64;
    /// Twice the exponent bias plus two (2048, 256): `k + EXP2_OFFSET >= 0` for every `k` that
    /// [`Lanes::mul_exp2`] accepts.
    const EXP2_OFFSET: u64;
    /// `2^MANT_BITS` (every float of at least this magnitude is an integer).
    const TWO_POW_MANT: Self;
    /// Dekker's splitting constant `2^ceil((MANT_BITS + 1) / 2) + 1`.
    const SPLITTER: Self;
    /// The bit-trick reciprocal's constant: `from_bits(RECIP_HALF_MAGIC - bits(h))` is
    /// `1/(2h)` within 5.06 % for every positive normal `h` (checked by
    /// `kernels/gen/recip_magic.py`).
    const RECIP_HALF_MAGIC: u64;
    /// The bit pattern, widened to `u64`.
    fn low_bits(self) -> u64;
}
impl Scalar for f64 {
    const MAX_LANES: usize = 8;
    const ZERO: f64 = 0.0;
    const INFINITY: f64 = f64::INFINITY;
    const MIN_POSITIVE: f64 = f64::MIN_POSITIVE;
    const NAN: f64 = f64::NAN;
    const HALF: f64 = 0.5;
    const ONE: f64 = 1.0;
    const MANT_BITS: u32 = 52;
    const ROUND_MAGIC: f64 = 6755399441055744.0;
    const ROUND_MAGIC_BITS: u64 = 0x4338_0000_0000_0000;
    const EXP2_OFFSET: u64 = 2048;
    const TWO_POW_MANT: f64 = 4503599627370496.0;
    const SPLITTER: f64 = 134217729.0;
    const RECIP_HALF_MAGIC: u64 = 0x7fce_6238_0000_0000;
    #[inline(always)]
    fn low_bits(self) -> u64 {
        self.to_bits()
    }
}
impl Scalar for f32 {
    const MAX_LANES: usize = 16;
    const ZERO: f32 = 0.0;
    const INFINITY: f32 = f32::INFINITY;
    const MIN_POSITIVE: f32 = f32::MIN_POSITIVE;
    const NAN: f32 = f32::NAN;
    const HALF: f32 = 0.5;
    const ONE: f32 = 1.0;
    const MANT_BITS: u32 = 23;
    const ROUND_MAGIC: f32 = 12582912.0;
    const ROUND_MAGIC_BITS: u64 = 0x4b40_0000;
    const EXP2_OFFSET: u64 = 256;
    const TWO_POW_MANT: f32 = 8388608.0;
    const SPLITTER: f32 = 4097.0;
    const RECIP_HALF_MAGIC: u64 = 0x7e73_1200;
    #[inline(always)]
    fn low_bits(self) -> u64 {
        self.to_bits() as u64
    }
}

/// A vector of floating-point lanes with a same-width integer view (`Bits`) and a comparison
/// mask type (`Mask`). Integer lanes wrap on overflow; shifts are logical.
///
/// ```
/// use simdmath_kernels::Lanes;
/// use wide::f64x4;
/// // A kernel is a generic function over the lanes; this one is 2x + 1.
/// fn twice_plus_one<V: Lanes<Scalar = f64>>(x: V) -> V {
///     x.mul_add(V::splat(2.0), V::splat(1.0))
/// }
/// assert_eq!(twice_plus_one(f64x4::splat(3.0)).to_array(), [7.0; 4]);
/// assert_eq!(f64x4::splat(3.0).mul_exp2(f64x4::splat(-1.0)).to_array(), [1.5; 4]);
/// ```
pub trait Lanes:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// `f64` or `f32`.
    type Scalar: Scalar;
    /// Unsigned integer lanes of the same width (`u64` lanes for `f64`, `u32` for `f32`).
    type Bits: Copy
        + Add<Output = Self::Bits>
        + Sub<Output = Self::Bits>
        + BitAnd<Output = Self::Bits>
        + BitOr<Output = Self::Bits>
        + BitXor<Output = Self::Bits>;
    /// Result of a lane-wise comparison.
    type Mask: Copy + BitAnd<Output = Self::Mask> + BitOr<Output = Self::Mask>;

    /// Number of lanes.
    const LANES: usize;
    /// Whether [`Lanes::mul_add`] is fused (one rounding). Kernels are written to be within
    /// their bound either way; FMA backends give bit-identical results to each other.
    const FUSED: bool;
    /// Whether [`Lanes::mul_exp2`] is one instruction (AVX-512's `vscalef`). Kernels whose
    /// scale is usually in the normal range may add the exponent to the bits instead where it
    /// is not (the same bits either way: both are exact there).
    const MUL_EXP2_NATIVE: bool = false;
    /// Whether [`Lanes::rint`] and [`Lanes::floor`] are rounding instructions (x86's
    /// `vround`/`vrndscale`, NEON's `frintn`/`frintm`); where they are not, `exp`'s
    /// `floor(k/16)` keeps its magic-number form (cheaper than the default `floor`).
    const ROUND_NATIVE: bool = false;
    /// Whether the checked entry loops (`backend::entry_loop!`) test their results block by
    /// block after computing them, while the block is in L1, instead of each vector inside the
    /// kernel's loop: cheaper where that loop has few registers to spare (AVX2's 16).
    const CHECK_AFTER: bool = false;
    /// [`Lanes::CHECK_AFTER`] for the two-input entry loops (`hypot`, `atan2`, `pow`), where a
    /// short kernel (`hypot`) makes the test in the loop relatively dearer; by default the same.
    const CHECK_AFTER_BINARY: bool = Self::CHECK_AFTER;
    /// Whether a per-lane [`Lanes::select`] costs more than an arithmetic operation: AVX2's
    /// `vblendvpd`/`vblendvps` are 3 micro-ops on Intel's Golden Cove cores (one on AMD's),
    /// where AVX-512 blends by a mask register and NEON's `bsl` are one. Kernels that can trade
    /// selects for arithmetic giving the same bits (`sin`/`cos` `f64`: both polynomials and one
    /// select instead of a select per Horner step; the `f32` `atan`/`atan2` reduction: addends
    /// masked by [`Lanes::and_mask`] instead of selected sums) consult it; the results are
    /// identical.
    const SELECT_COSTLY: bool = false;

    /// All lanes equal to `x`.
    fn splat(x: Self::Scalar) -> Self;
    /// All integer lanes equal to `x` (truncated to the lane width).
    fn splat_bits(x: u64) -> Self::Bits;
    /// Loads `LANES` elements.
    ///
    /// # Safety
    /// `p` must be valid for reading `LANES` elements (no alignment needed).
    unsafe fn load(p: *const Self::Scalar) -> Self;
    /// Stores `LANES` elements.
    ///
    /// # Safety
    /// `p` must be valid for writing `LANES` elements (no alignment needed).
    unsafe fn store(self, p: *mut Self::Scalar);

    /// `self * b + c`, fused where the backend has FMA.
    fn mul_add(self, b: Self, c: Self) -> Self;
    /// Absolute value (clears the sign bit).
    fn abs(self) -> Self;
    /// Square root, correctly rounded (IEEE `sqrt`: `vsqrtpd`/`vsqrtps`, `sqrtpd`/`sqrtps`);
    /// `sqrt(-0) = -0`, negative lanes give NaN.
    fn sqrt(self) -> Self;
    /// [`Lanes::sqrt`] of lanes that are positive normal numbers (a kernel's usual path):
    /// the same bits, correctly rounded. The default is `sqrt`; AVX-512's `f64` lanes compute
    /// it on the FMA ports instead of the divide/square-root unit, whose `vsqrtpd` on 512 bits
    /// takes about 16 cycles per vector on Intel's Golden Cove cores (the bound of `hypot`
    /// there): `vrsqrt14pd` (`2^-14`), one Goldschmidt step (`2^-27.4`), one Newton correction
    /// (within 0.41 ulp), then the exact rounding test, which moves the result by one ulp where
    /// the square root lies on the other side of a midpoint (see `backend/avx512.rs`). Its
    /// domain is `[2^-960, 2^1021]`; elsewhere (zero, tiny, huge, infinite, negative or NaN
    /// lanes) the values are unspecified.
    ///
    /// ```
    /// use simdmath_kernels::lanes::Lanes;
    /// use wide::f64x4;
    /// let s = f64x4::from([2.0, 0.25, 1e300, f64::from_bits(0x3fdf_ffff_ffff_ffff)]);
    /// assert_eq!(s.sqrt_normal().to_array(), s.sqrt().to_array());
    /// ```
    #[inline(always)]
    fn sqrt_normal(self) -> Self {
        self.sqrt()
    }
    /// Lane-wise minimum; a NaN lane of `self` stays NaN (`o` must not be NaN).
    fn min(self, o: Self) -> Self;
    /// Lane-wise maximum; a NaN lane of `self` stays NaN (`o` must not be NaN).
    fn max(self, o: Self) -> Self;

    /// Reinterprets the lanes as integers.
    fn to_bits(self) -> Self::Bits;
    /// Reinterprets integer lanes as floats.
    fn from_bits(b: Self::Bits) -> Self;
    /// Logical left shift of every integer lane by `n` (a constant after inlining).
    fn shl(b: Self::Bits, n: u32) -> Self::Bits;
    /// Logical right shift of every integer lane by `n` (a constant after inlining).
    fn shr(b: Self::Bits, n: u32) -> Self::Bits;
    /// Integer lanes equal.
    fn bits_eq(a: Self::Bits, b: Self::Bits) -> Self::Mask;

    /// `self < o` (false where either is NaN).
    fn lt(self, o: Self) -> Self::Mask;
    /// `self <= o` (false where either is NaN).
    fn le(self, o: Self) -> Self::Mask;
    /// `self == o` (false where either is NaN).
    fn eq(self, o: Self) -> Self::Mask;
    /// `self != o` (true where either is NaN).
    fn ne(self, o: Self) -> Self::Mask;
    /// Lanes that are NaN.
    fn is_nan(self) -> Self::Mask;
    /// Lanes that are not a normal finite number: NaN, ±inf, ±0 or subnormal (what the
    /// entry points' `checked` variants report, for callers that derive floating-point flags
    /// from the results). The default is two comparisons (`|x| < MIN_POSITIVE`, and `x * 0`
    /// is NaN exactly where `x` is NaN or infinite); AVX-512 uses one `vfpclass`.
    #[inline(always)]
    fn not_normal(self) -> Self::Mask {
        let tiny = self.abs().lt(Self::splat(Self::Scalar::MIN_POSITIVE));
        tiny | (self * Self::splat(Self::Scalar::ZERO)).is_nan()
    }
    /// Whether every lane is a positive normal finite number (`MIN_POSITIVE <= x < inf`; NaN,
    /// ±0, ±inf, subnormals and negative numbers are not): the logarithms' test for the
    /// usual data. The default is two comparisons and a bitmask; AVX-512 uses one `vfpclass`
    /// (every class: all lanes outside it) and a mask test.
    ///
    /// ```
    /// use simdmath_kernels::lanes::Lanes;
    /// use wide::f64x4;
    /// assert!(f64x4::from([1.0, 3e-308, 3.0, 1e308]).all_positive_normal());
    /// assert!(!f64x4::from([1.0, 2.0, -3.0, 4.0]).all_positive_normal());
    /// assert!(!f64x4::from([1.0, 2.0, 1e-310, 4.0]).all_positive_normal());
    /// assert!(!f64x4::from([1.0, f64::NAN, 3.0, 4.0]).all_positive_normal());
    /// ```
    #[inline(always)]
    fn all_positive_normal(self) -> bool {
        let ok = Self::splat(Self::Scalar::MIN_POSITIVE).le(self)
            & self.lt(Self::splat(Self::Scalar::INFINITY));
        crate::common::all_set::<Self>(ok)
    }
    /// `(m, e)` with `self = 2^e m`, `m` in `[3/4, 3/2)`, both exact, for positive normal
    /// finite lanes (other lanes get unspecified values): the reduction of the native `f32`
    /// logarithms. The default is integer operations on the bits (adding half a mantissa
    /// carries into the exponent field exactly where the mantissa is at least `1.5`); AVX-512
    /// uses `vgetmant` (interval `[3/4, 3/2)`), `vgetexp` and one masked addition. Both give
    /// the same values.
    ///
    /// ```
    /// use simdmath_kernels::lanes::Lanes;
    /// use wide::f32x8;
    /// let (m, e) = f32x8::from([1.0, 1.5, 3.0, 0.7, 2e-38, 3e38, 1.4999999, 96.0]).mant_exp_34();
    /// assert_eq!(m.to_array(), [1.0, 0.75, 0.75, 1.4, 0.8507059, 0.88162076, 1.4999999, 0.75]);
    /// assert_eq!(e.to_array(), [0.0, 1.0, 2.0, -1.0, -125.0, 128.0, 0.0, 7.0]);
    /// ```
    #[inline(always)]
    fn mant_exp_34(self) -> (Self, Self) {
        // Adding half a mantissa carries into the exponent field where the mantissa is >= 1.5.
        mant_exp_from(self, 1u64 << (Self::Scalar::MANT_BITS - 1))
    }
    /// `(t, e)` with `self = 2^e t`, `t` in `[1, 2)`, both exact, for positive normal finite
    /// lanes (other lanes get unspecified values). The default is integer operations on the
    /// bits; AVX-512 uses `vgetmant` (interval `[1, 2)`) and `vgetexp`. Both give the same values.
    ///
    /// ```
    /// use simdmath_kernels::lanes::Lanes;
    /// use wide::f64x4;
    /// let (t, e) = f64x4::from([1.0, 3.0, 0.75, 1e-300]).mant_exp_12();
    /// assert_eq!(t.to_array()[..3], [1.0, 1.5, 1.5]);
    /// assert_eq!(e.to_array(), [0.0, 1.0, -1.0, -997.0]);
    /// ```
    #[inline(always)]
    fn mant_exp_12(self) -> (Self, Self) {
        mant_exp_from(self, 0)
    }
    /// The integer nearest each lane, ties to even, exactly, for finite lanes (values of
    /// magnitude `2^MANT_BITS` and more are integers and come back unchanged; ±inf and NaN stay
    /// as they are); a zero result is `+0`, whatever the sign of the lane. The default adds
    /// and subtracts `2^MANT_BITS` with the lane's sign (about seven operations); the backends
    /// with a rounding instruction round and add `+0` (which leaves every other value as it is).
    ///
    /// ```
    /// use simdmath_kernels::lanes::Lanes;
    /// use wide::f64x4;
    /// let r = f64x4::from([2.5, -3.5, -0.25, 1e300]).rint().to_array();
    /// assert_eq!(r, [2.0, -4.0, 0.0, 1e300]);
    /// assert_eq!(r[2].to_bits(), 0); // +0
    /// ```
    #[inline(always)]
    fn rint(self) -> Self {
        let two_p = Self::splat(Self::Scalar::TWO_POW_MANT);
        let sign = Self::to_bits(self) & Self::to_bits(-Self::splat(Self::Scalar::ZERO));
        let c = Self::from_bits(Self::to_bits(two_p) | sign);
        let r = (self + c) - c;
        Self::select(two_p.le(self.abs()), self, r)
    }
    /// The largest integer not above each lane, exactly, for finite lanes (±inf and NaN stay);
    /// the sign of a zero result is unspecified (the instruction keeps `-0`, the default
    /// gives `+0`). The default is [`Lanes::rint`], a comparison and a select.
    ///
    /// ```
    /// use simdmath_kernels::lanes::Lanes;
    /// use wide::f64x4;
    /// let r = f64x4::from([2.5, -3.5, -0.25, 7.0]).floor().to_array();
    /// assert_eq!(r, [2.0, -4.0, -1.0, 7.0]);
    /// ```
    #[inline(always)]
    fn floor(self) -> Self {
        let r = self.rint();
        Self::select(self.lt(r), r - Self::splat(Self::Scalar::ONE), r)
    }
    /// `m ? a : b` lane-wise.
    fn select(m: Self::Mask, a: Self, b: Self) -> Self;
    /// `m ? a : +0` lane-wise: the same bits as `select(m, a, 0)`. AVX2 ANDs the mask into `a`
    /// (one `vandps` where `vblendvps` is 3 micro-ops on Intel); AVX-512's zero-masking move and
    /// NEON's `bsl` are one operation either way.
    ///
    /// ```
    /// use simdmath_kernels::Lanes;
    /// use wide::f64x4;
    /// fn positive_part<V: Lanes<Scalar = f64>>(x: V) -> V {
    ///     V::and_mask(V::splat(0.0).lt(x), x)
    /// }
    /// let y = positive_part(f64x4::from([-1.5, 2.0, -0.0, f64::INFINITY])).to_array();
    /// assert_eq!(y.map(f64::to_bits), [0.0, 2.0, 0.0, f64::INFINITY].map(f64::to_bits));
    /// ```
    #[inline(always)]
    fn and_mask(m: Self::Mask, a: Self) -> Self {
        Self::select(m, a, Self::splat(Self::Scalar::ZERO))
    }
    /// `m ? +0 : a` lane-wise: the same bits as `select(m, 0, a)` (AVX2: one `vandnps`).
    ///
    /// ```
    /// use simdmath_kernels::Lanes;
    /// use wide::f32x8;
    /// fn clear_negative<V: Lanes<Scalar = f32>>(x: V) -> V {
    ///     V::andnot_mask(x.lt(V::splat(0.0)), x)
    /// }
    /// let y = clear_negative(f32x8::from([-1.0, 1.0, -0.0, 3.5, -1e-45, 0.0, -7.0, 2.0]));
    /// // -0.0 is not below 0.0, so it stays -0.0; every negative lane becomes +0.
    /// let want = [0.0, 1.0, -0.0, 3.5, 0.0, 0.0, 0.0, 2.0];
    /// assert_eq!(y.to_array().map(f32::to_bits), want.map(f32::to_bits));
    /// ```
    #[inline(always)]
    fn andnot_mask(m: Self::Mask, a: Self) -> Self {
        Self::select(m, Self::splat(Self::Scalar::ZERO), a)
    }
    /// Bit `i` set where lane `i` of `m` is set.
    fn bitmask(m: Self::Mask) -> u32;

    /// `t[i mod N]` on every lane, for a constant table `t` of `N` entries (`N` a power of two;
    /// only the low `log2(N)` bits of each integer lane are used). The default stores the
    /// indices and loads the entries one by one (the portable backend); the x86 backends use
    /// register permutes (`vpermpd`/`vpermps`, `vpermi2pd`/`vpermt2ps`, blends) for tables that
    /// fit in one or two registers and a hardware gather for larger ones (AVX2's `f64`: four
    /// scalar loads for 16 entries). Every implementation returns
    /// the same bits (a table lookup has no rounding).
    #[inline(always)]
    fn lookup<const N: usize>(t: &[Self::Scalar; N], i: Self::Bits) -> Self {
        const { assert!(N.is_power_of_two() && N <= 4096) };
        let mut idx = [Self::Scalar::default(); 16];
        let mut out = [Self::Scalar::default(); 16];
        // SAFETY: both arrays hold 16 >= LANES elements.
        unsafe { Self::from_bits(i).store(idx.as_mut_ptr()) };
        for k in 0..Self::LANES {
            out[k] = t[(Self::Scalar::low_bits(idx[k]) as usize) & (N - 1)];
        }
        // SAFETY: as above.
        unsafe { Self::load(out.as_ptr()) }
    }

    /// Two tables read at the same index: `(lookup(hi, i), lookup(lo, i))`. `pairs` holds the
    /// same entries interleaved (`pairs[k] = [hi[k], lo[k]]`, see
    /// `crate::common::interleave`), for a backend that reads one 16-byte pair per lane: AVX2
    /// for `f64` tables of 16 entries or more (four loads, two inserts and two unpacks for both
    /// tables, where two [`Lanes::lookup`]s take eight loads). The same bits as two lookups.
    #[inline(always)]
    fn lookup2<const N: usize>(
        hi: &[Self::Scalar; N],
        lo: &[Self::Scalar; N],
        pairs: &[[Self::Scalar; 2]; N],
        i: Self::Bits,
    ) -> (Self, Self) {
        let _ = pairs;
        (Self::lookup(hi, i), Self::lookup(lo, i))
    }

    /// `self * 2^k`, rounded once, for integer-valued `k` with `|k| <= EXP2_OFFSET/2 - 2` (the
    /// caller clamps): overflow to infinity and gradual underflow happen exactly as for the
    /// exact product. The default multiplies by two exact powers of two, `2^floor(k/2)` and
    /// `2^ceil(k/2)` (the first product is exact, the second rounds once); AVX-512 overrides it
    /// with `vscalef`, which computes the same single rounding.
    #[inline(always)]
    fn mul_exp2(self, k: Self) -> Self {
        let s = Self::Scalar::ROUND_MAGIC;
        let u = Self::to_bits(k + Self::splat(s))
            - Self::splat_bits(Self::Scalar::ROUND_MAGIC_BITS - Self::Scalar::EXP2_OFFSET);
        // u = k + OFFSET >= 0: 2^floor(k/2) has biased exponent (u >> 1) - 1, 2^ceil(k/2)
        // has u - (u >> 1) - 1.
        let k1 = Self::shr(u, 1);
        let k2 = u - k1;
        let one = Self::splat_bits(1);
        let m = Self::Scalar::MANT_BITS;
        self * Self::from_bits(Self::shl(k1 - one, m)) * Self::from_bits(Self::shl(k2 - one, m))
    }
}

/// `f32` lanes that widen to two `f64` vectors of the same backend (the low and the high half,
/// each exactly) and narrow back with one rounding per lane. Kernels that evaluate an `f32`
/// function in `f64` (sin, cos) are written against it.
///
/// ```
/// use simdmath_kernels::lanes::Widen;
/// use wide::f32x8;
/// let x = f32x8::from([1.5, -2.0, 3.25, 0.1, 5.0, 6.0, 7.0, 8.0]);
/// let (lo, hi) = x.widen();
/// assert_eq!(lo.to_array(), [1.5, -2.0, 3.25, 0.1f32 as f64]);
/// assert_eq!(<f32x8 as Widen>::narrow(lo, hi).to_array(), x.to_array());
/// ```
pub trait Widen: Lanes<Scalar = f32> {
    /// The `f64` vector with half as many lanes.
    type Wide: Lanes<Scalar = f64>;
    /// `(low half, high half)`, exactly.
    fn widen(self) -> (Self::Wide, Self::Wide);
    /// The two halves rounded to `f32` (round to nearest even) and put back together.
    fn narrow(lo: Self::Wide, hi: Self::Wide) -> Self;
}

/// Test support for [`Lanes::lookup`]: table entries and index bit patterns from integers.
#[doc(hidden)]
pub trait FromIndex: Scalar {
    /// The integer `k` as a float (exact for small `k`).
    fn from_index(k: usize) -> Self;
    /// The float whose bit pattern is `k`.
    fn from_bits_usize(k: usize) -> Self;
}
impl FromIndex for f64 {
    fn from_index(k: usize) -> f64 {
        k as f64
    }
    fn from_bits_usize(k: usize) -> f64 {
        f64::from_bits(k as u64)
    }
}
impl FromIndex for f32 {
    fn from_index(k: usize) -> f32 {
        k as f32
    }
    fn from_bits_usize(k: usize) -> f32 {
        f32::from_bits(k as u32)
    }
}

/// The default of [`Lanes::mant_exp_34`] (`off` = half a mantissa) and [`Lanes::mant_exp_12`]
/// (`off = 0`): `x = 2^e m` with `m` in `[1 - off', 2 - 2 off')` (`off'` = `off` as a fraction
/// of the mantissa's range), by integer operations on the bits of `x + off` (in bit space):
/// its mantissa field with the exponent of `1 - off'`, and its exponent field made a float
/// exactly (`2^MANT + (e + bias)` from its bits, minus `2^MANT + bias`).
#[inline(always)]
fn mant_exp_from<V: Lanes>(x: V, off: u64) -> (V, V) {
    let mant = V::Scalar::MANT_BITS;
    let one = V::Scalar::ONE.low_bits();
    let ix = V::to_bits(x) + V::splat_bits(off);
    let m = V::from_bits((ix & V::splat_bits((1u64 << mant) - 1)) + V::splat_bits(one - off));
    let bias = one >> mant;
    let magic = (bias + u64::from(mant)) << mant;
    let e = V::from_bits(V::shr(ix, mant) | V::splat_bits(magic))
        - V::from_bits(V::splat_bits(magic + bias));
    (m, e)
}
