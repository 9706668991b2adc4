//! Small building blocks shared by the kernels: polynomial evaluation and error-free sums.

use crate::lanes::{Lanes, Scalar};

/// `c[0] + x*(c[1] + x*(c[2] + ...))` by Horner's rule with [`Lanes::mul_add`].
#[inline(always)]
pub fn horner<V: Lanes, const N: usize>(x: V, c: &[V::Scalar; N]) -> V {
    let mut acc = V::splat(c[N - 1]);
    let mut i = N - 1;
    while i > 0 {
        i -= 1;
        acc = acc.mul_add(x, V::splat(c[i]));
    }
    acc
}

/// `c[0] + c[1] x + ... + c[N-1] x^(N-1)` by second-order Horner: the even and the odd
/// coefficients as two Horner chains in `x^2`, run side by side, then `E(x^2) + x O(x^2)`: one
/// operation more than [`horner`], about half its chain of dependent operations (the roundings
/// differ, each of the same size).
#[inline(always)]
pub(crate) fn horner2<V: Lanes, const N: usize>(x: V, c: &[V::Scalar; N]) -> V {
    let x2 = x * x;
    let top = (N - 1) & !1;
    let mut e = V::splat(c[top]);
    let mut i = top;
    while i >= 2 {
        i -= 2;
        e = e.mul_add(x2, V::splat(c[i]));
    }
    let topo = if N.is_multiple_of(2) { N - 1 } else { N - 2 };
    let mut o = V::splat(c[topo]);
    let mut j = topo;
    while j >= 3 {
        j -= 2;
        o = o.mul_add(x2, V::splat(c[j]));
    }
    o.mul_add(x, e)
}

/// `c[0] + c[1] x + ... + c[4] x^4` by Estrin's scheme: `(c0 + c1 x) + x^2 ((c2 + c3 x) +
/// x^2 c4)`, three dependent operations after `x^2` instead of Horner's four (the roundings
/// differ from [`horner`]'s, each of the same size).
#[inline(always)]
pub(crate) fn estrin5<V: Lanes>(x: V, c: &[V::Scalar; 5]) -> V {
    let x2 = x * x;
    let p01 = x.mul_add(V::splat(c[1]), V::splat(c[0]));
    let p24 = x2.mul_add(V::splat(c[4]), x.mul_add(V::splat(c[3]), V::splat(c[2])));
    x2.mul_add(p24, p01)
}

/// `c[0] + c[1] x + ... + c[5] x^5` by Estrin's scheme: `(c0 + c1 x) + x^2 (c2 + c3 x) +
/// x^4 (c4 + c5 x)`, two dependent operations after the pairs and `x^4`.
#[inline(always)]
pub(crate) fn estrin6<V: Lanes>(x: V, c: &[V::Scalar; 6]) -> V {
    let x2 = x * x;
    let p01 = x.mul_add(V::splat(c[1]), V::splat(c[0]));
    let p23 = x.mul_add(V::splat(c[3]), V::splat(c[2]));
    let p45 = x.mul_add(V::splat(c[5]), V::splat(c[4]));
    (x2 * x2).mul_add(p45, x2.mul_add(p23, p01))
}

/// `c[0] + c[1] x + ... + c[7] x^7` by Estrin's scheme: the pairs `c_i + c_{i+1} x`, then
/// `x^2`, `x^4` (three dependent operations after the pairs instead of Horner's seven).
#[inline(always)]
pub(crate) fn estrin8<V: Lanes>(x: V, c: &[V::Scalar; 8]) -> V {
    let x2 = x * x;
    let x4 = x2 * x2;
    let p01 = x.mul_add(V::splat(c[1]), V::splat(c[0]));
    let p23 = x.mul_add(V::splat(c[3]), V::splat(c[2]));
    let p45 = x.mul_add(V::splat(c[5]), V::splat(c[4]));
    let p67 = x.mul_add(V::splat(c[7]), V::splat(c[6]));
    x4.mul_add(x2.mul_add(p67, p45), x2.mul_add(p23, p01))
}

/// `c[0] + c[1] x + ... + c[8] x^8` by Estrin's scheme: the pairs `c_i + c_{i+1} x`, then
/// `x^2`, `x^4`: `(p01 + x^2 p23) + x^4 ((p45 + x^2 p67) + x^4 c8)`, four dependent operations
/// after `x^4` instead of Horner's eight (`tan` `f64`'s `U`).
#[inline(always)]
pub(crate) fn estrin9<V: Lanes>(x: V, c: &[V::Scalar; 9]) -> V {
    let x2 = x * x;
    let x4 = x2 * x2;
    let p01 = x.mul_add(V::splat(c[1]), V::splat(c[0]));
    let p23 = x.mul_add(V::splat(c[3]), V::splat(c[2]));
    let p45 = x.mul_add(V::splat(c[5]), V::splat(c[4]));
    let p67 = x.mul_add(V::splat(c[7]), V::splat(c[6]));
    let p03 = x2.mul_add(p23, p01);
    let p48 = x4.mul_add(V::splat(c[8]), x2.mul_add(p67, p45));
    x4.mul_add(p48, p03)
}

/// `1/(2h)` within 5.06 % for positive normal `h`, from the bits
/// ([`Scalar::RECIP_HALF_MAGIC`](crate::lanes::Scalar::RECIP_HALF_MAGIC)): one integer
/// subtraction, no division; a large finite value for `h = 0`.
#[inline(always)]
pub(crate) fn recip_half_approx<V: Lanes>(h: V) -> V {
    V::from_bits(
        V::splat_bits(<V::Scalar as crate::lanes::Scalar>::RECIP_HALF_MAGIC) - V::to_bits(h),
    )
}

/// `y`, with `x` itself in the lanes where `x` is `±0` (an odd function's signed zero that its
/// reduction lost): the select only for a vector that has such a lane, so the usual vector pays
/// a compare and a predictable branch instead of a blend (AVX2's `vblendvpd` is 3 micro-ops on
/// Intel). The same bits either way. Used where it measured faster (`sin`, `sincos`, `tan`,
/// `expm1` `f64`; `tan` `f32`); the native `f32` `sin`/`sincos`/`expm1` and the correctly rounded
/// tier keep the plain select, which was as fast or faster there (an Intel Xeon, 2026-12-05).
#[inline(always)]
pub(crate) fn keep_zeros<V: Lanes>(x: V, y: V) -> V {
    let z = x.eq(V::splat(V::Scalar::ZERO));
    if V::bitmask(z) == 0 {
        y
    } else {
        V::select(z, x, y)
    }
}

/// The [`Lanes::bitmask`] with every lane set (`V::LANES` low bits).
#[inline(always)]
pub(crate) fn full_mask<V: Lanes>() -> u32 {
    ((1u64 << V::LANES) - 1) as u32
}

/// Whether every lane of `m` is set.
#[inline(always)]
pub(crate) fn all_set<V: Lanes>(m: V::Mask) -> bool {
    V::bitmask(m) == full_mask::<V>()
}

/// Whether every lane of `x` is a normal number below `bound` in magnitude (NaN, zero and
/// subnormals fail): the input test of the registry's `usual` for the functions whose result
/// is normal wherever their argument is (and below `bound`, where they overflow or leave
/// their domain).
#[inline(always)]
pub(crate) fn all_normal_below<V: Lanes>(x: V, bound: V::Scalar) -> bool {
    let a = x.abs();
    all_set::<V>(V::splat(V::Scalar::MIN_POSITIVE).le(a) & a.lt(V::splat(bound)))
}

/// The lanes of `a` (an absolute value) that are finite and at least `from` (±inf and NaN
/// fail): the trigonometric kernels' lanes for the exact reduction.
#[inline(always)]
pub(crate) fn finite_from<V: Lanes>(a: V, from: V::Scalar) -> V::Mask {
    V::splat(from).le(a) & a.lt(V::splat(V::Scalar::INFINITY))
}

/// Fast two-sum for `|a| >= |b|` (or `a == 0`): `(s, e)` with `s = fl(a + b)`, `s + e == a + b`.
#[inline(always)]
pub fn fast_two_sum<V: Lanes>(a: V, b: V) -> (V, V) {
    let s = a + b;
    (s, b - (s - a))
}

/// Knuth's two-sum: `(s, e)` with `s = fl(a + b)` and `s + e == a + b` exactly.
#[inline(always)]
pub fn two_sum<V: Lanes>(a: V, b: V) -> (V, V) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

/// `n - q d`, exact where it is representable, as for the residual of a correctly rounded
/// quotient `q = RN(n/d)` or square root `q = d = RN(sqrt(n))`: one FMA (which rounds it once
/// otherwise) where the backend has it; without, Dekker's exact product `q d = p + pe`, `n - p`
/// (exact by Sterbenz where `q d` is within a factor 2 of `n`), minus `pe`.
#[inline(always)]
pub(crate) fn residual<V: Lanes>(n: V, q: V, d: V) -> V {
    if V::FUSED {
        (-q).mul_add(d, n)
    } else {
        let (p, pe) = two_prod(q, d);
        (n - p) - pe
    }
}

/// `(p, e)` with `p = fl(a * b)` and `p + e == a * b` exactly: one FMA where the backend has
/// it, Dekker's split otherwise (exact as long as nothing overflows; `|a|, |b| < 2^996`). Both
/// give the same bits, so kernels built on it agree on every backend.
#[inline(always)]
pub fn two_prod<V: Lanes>(a: V, b: V) -> (V, V) {
    let p = a * b;
    if V::FUSED {
        (p, a.mul_add(b, -p))
    } else {
        let (ah, al) = split(a);
        let (bh, bl) = split(b);
        (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }
}

/// Dekker's split of `a` into two halves of at most 26 significant bits each.
#[inline(always)]
fn split<V: Lanes>(a: V) -> (V, V) {
    // 2^27 + 1 for f64, 2^12 + 1 for f32.
    let c = V::Scalar::SPLITTER;
    let t = V::splat(c) * a;
    let hi = t - (t - a);
    (hi, a - hi)
}

/// The integer nearest `v` (ties to even) for any finite `v`, exactly, a zero result `+0`:
/// [`Lanes::rint`] (one rounding instruction and `+ 0` where the backend has one; elsewhere
/// an addition and subtraction of `2^MANT_BITS` with `v`'s sign; the same values).
#[inline(always)]
pub fn rint<V: Lanes>(v: V) -> V {
    v.rint()
}

/// `2^k` for `-1022 <= k <= 1023`, exactly (table construction, the rounding tests' widths).
pub(crate) const fn pow2(k: i32) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// Lanes holding a signaling NaN: a NaN whose quiet bit (the top mantissa bit) is clear.
/// C99 Annex F's exceptions that return a number for a NaN argument (`pow(NaN, 0) = 1`,
/// `hypot(inf, NaN) = inf`) are for quiet NaNs only (IEEE 754-2019 9.2.1, and glibc): a
/// signaling NaN there gives NaN.
#[inline(always)]
pub fn is_snan<V: Lanes>(v: V) -> V::Mask {
    let quiet = V::splat_bits(1 << (V::Scalar::MANT_BITS - 1));
    v.is_nan() & V::bits_eq(V::to_bits(v) & quiet, V::splat_bits(0))
}

/// `[[a[0], b[0]], [a[1], b[1]], ...]`: two tables interleaved at compile time, for
/// [`Lanes::lookup2`](crate::lanes::Lanes::lookup2).
pub(crate) const fn interleave<const N: usize>(a: &[f64; N], b: &[f64; N]) -> [[f64; 2]; N] {
    let mut out = [[0.0; 2]; N];
    let mut k = 0;
    while k < N {
        out[k] = [a[k], b[k]];
        k += 1;
    }
    out
}

/// `v` with the lanes whose magnitude `av = |v|` is below `2^-60` replaced by `+0`: the base of
/// a tiny path's power term (`log1p`'s `x - x^2/2`, `atanh`'s `a + a^3/3`), which is far below
/// half an ulp of the sum there, so the same bits, and no product underflows (on Zen 4 an
/// underflowing product costs a microcode assist per vector; issue 18).
#[inline(always)]
pub(crate) fn zero_below_2m60<V: Lanes<Scalar = f64>>(v: V, av: V) -> V {
    V::select(av.lt(V::splat(8.673617379884035e-19)), V::splat(0.0), v)
}
