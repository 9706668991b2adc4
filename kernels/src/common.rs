//! Small building blocks shared by the kernels: polynomial evaluation and error-free sums.

use crate::lanes::Lanes;

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

/// Knuth's two-sum: `(s, e)` with `s = fl(a + b)` and `s + e == a + b` exactly.
#[inline(always)]
pub fn two_sum<V: Lanes>(a: V, b: V) -> (V, V) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}
