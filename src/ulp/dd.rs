//! Double-double (about 106 bits) evaluations of exp, log, sin and cos, exp2, exp10, expm1,
//! sinh, cosh and tanh: the "exact" value
//! behind the real-valued error of `f64` results. Dekker/Knuth error-free transformations
//! (no `fma`: a baseline build would call the slow software one). Each function returns
//! `None` where it does not promise its precision (non-finite inputs, overflow, and sin/cos of
//! arguments beyond 2^30); callers then fall back to the correctly rounded value.
//!
//! Precision: the result `(hi + lo) * 2^exp` has a relative error below about 2^-95, so the
//! real-valued error of an `f64` result computed from it is off by less than 2^-40 ulp. The
//! tests check that `hi + lo` rounds to core-math's correctly rounded result.

/// `(hi + lo) * 2^exp`, `|lo| <= ulp(hi) / 2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scaled {
    pub hi: f64,
    pub lo: f64,
    pub exp: i32,
}

#[derive(Clone, Copy, Debug)]
struct DD(f64, f64);

fn two_sum(a: f64, b: f64) -> DD {
    let s = a + b;
    let bb = s - a;
    DD(s, (a - (s - bb)) + (b - bb))
}

fn fast_two_sum(a: f64, b: f64) -> DD {
    let s = a + b;
    DD(s, b - (s - a))
}

fn split(a: f64) -> (f64, f64) {
    let t = 134_217_729.0 * a; // 2^27 + 1
    let hi = t - (t - a);
    (hi, a - hi)
}

fn two_prod(a: f64, b: f64) -> DD {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    DD(p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

impl DD {
    fn from(a: f64) -> DD {
        DD(a, 0.0)
    }
    fn add(self, o: DD) -> DD {
        let s = two_sum(self.0, o.0);
        let t = two_sum(self.1, o.1);
        let s = fast_two_sum(s.0, s.1 + t.0);
        fast_two_sum(s.0, s.1 + t.1)
    }
    fn neg(self) -> DD {
        DD(-self.0, -self.1)
    }
    fn sub(self, o: DD) -> DD {
        self.add(o.neg())
    }
    fn mul(self, o: DD) -> DD {
        let p = two_prod(self.0, o.0);
        fast_two_sum(p.0, p.1 + (self.0 * o.1 + self.1 * o.0))
    }
    fn mul_f(self, b: f64) -> DD {
        let p = two_prod(self.0, b);
        fast_two_sum(p.0, p.1 + self.1 * b)
    }
    fn div(self, o: DD) -> DD {
        // Three quotient digits, each from the exact residual.
        let q0 = self.0 / o.0;
        let r = self.sub(o.mul_f(q0));
        let q1 = r.0 / o.0;
        let r = r.sub(o.mul_f(q1));
        let q2 = r.0 / o.0;
        let q = fast_two_sum(q0, q1);
        fast_two_sum(q.0, q.1 + q2)
    }
    fn scale(self, s: f64) -> DD {
        // `s` is a power of two and nothing under- or overflows here: exact.
        DD(self.0 * s, self.1 * s)
    }
}

// ln 2 and pi/2 as sums of doubles (the QD library's constants; the leading parts are
// `std::f64::consts::LN_2` and `FRAC_PI_2`, the next ones their rounding errors, ...).
const LN2: DD = DD(std::f64::consts::LN_2, 2.319_046_813_846_299_6e-17);
const LN2_3: f64 = 5.707_708_438_416_212e-34;
// ln 10 as three doubles (each the double nearest the rest; Sollya at 500 bits).
const LN10: [f64; 3] = [
    std::f64::consts::LN_10,
    -2.170_756_223_382_249_4e-16,
    -9.984_262_454_465_777e-33,
];
const PIO2: [f64; 4] = [
    std::f64::consts::FRAC_PI_2,
    6.123_233_995_736_766e-17,
    -1.497_384_904_859_169_8e-33,
    5.562_271_104_316_826e-50,
];

fn recip(n: u32) -> DD {
    let hi = 1.0 / n as f64;
    // residual 1 - n*hi, exact with two_prod
    let p = two_prod(hi, n as f64);
    let lo = ((1.0 - p.0) - p.1) / n as f64;
    DD(hi, lo)
}

/// `exp(r) - 1` for `|r| <= 0.35` (double-double), with full relative precision: Taylor on
/// r / 1024 (10 terms reach 2^-120), then ten squarings of 1 + t kept as t; `r + r^2/2` for
/// `|r| < 2^-60`.
fn expm1_small(r: DD) -> DD {
    if r.0.abs() < 8.673_617_379_884_035e-19 {
        // |r| < 2^-60: r + r^2/2 (the next term is below 2^-121 relative), and r/1024 could
        // be subnormal.
        return fast_two_sum(r.0, r.1 + r.0 * r.0 * 0.5);
    }
    let s = r.scale(1.0 / 1024.0);
    let mut term = s;
    let mut sum = s;
    for n in 2..=10u32 {
        term = term.mul(s).mul(recip(n));
        sum = sum.add(term);
    }
    let mut t = sum;
    for _ in 0..10 {
        t = t.scale(2.0).add(t.mul(t));
    }
    t
}

/// `exp(x)` as `(1 + t) * 2^k`: returns `(t, k)`; `x` finite, `|x| <= 800`.
fn exp_parts(x: DD) -> (DD, i32) {
    let k = (x.0 / LN2.0).round();
    let r = x.sub(LN2.mul_f(k)).sub(DD::from(LN2_3 * k));
    (expm1_small(r), k as i32)
}

/// `exp(x)` in double-double, scaled.
pub(crate) fn exp(x: f64) -> Option<Scaled> {
    if !x.is_finite() || x.abs() > 800.0 {
        return None;
    }
    let (t, k) = exp_parts(DD::from(x));
    let m = DD::from(1.0).add(t);
    Some(Scaled {
        hi: m.0,
        lo: m.1,
        exp: k,
    })
}

/// `log(x)` in double-double (`x > 0` finite, subnormals included).
pub(crate) fn log(x: f64) -> Option<Scaled> {
    if !(x > 0.0 && x.is_finite()) {
        return None;
    }
    // Normalize subnormals: x = xn * 2^-64.
    let (xn, extra) = if x < f64::MIN_POSITIVE {
        (x * 18446744073709551616.0, -64)
    } else {
        (x, 0)
    };
    let y0 = xn.ln() + extra as f64 * std::f64::consts::LN_2;
    if y0 == 0.0 {
        return Some(Scaled {
            hi: 0.0,
            lo: 0.0,
            exp: 0,
        });
    }
    // One Newton step on exp: y1 = y0 + x * exp(-y0) - 1, with exp(-y0) = (1 + t) 2^k:
    // x exp(-y0) - 1 = (x 2^k - 1) + x 2^k t, and x 2^k - 1 is exact (x 2^k is near 1).
    let (t, k) = exp_parts(DD::from(-y0));
    let xs = super::ldexp(xn, k + extra); // exact: a power-of-two scaling to near 1
    let z = DD::from(xs - 1.0).add(t.mul_f(xs));
    let y = DD::from(y0).add(z);
    Some(Scaled {
        hi: y.0,
        lo: y.1,
        exp: 0,
    })
}

/// `sin(r)`, `cos(r)` for `|r| <= pi/4 + a little`, Taylor in double-double.
fn sin_cos_small(r: DD) -> (DD, DD) {
    let r2 = r.mul(r);
    let mut s = r;
    let mut term = r;
    let mut c = DD::from(1.0);
    let mut cterm = DD::from(1.0);
    for n in 1..=14u32 {
        term = term.mul(r2).mul(recip((2 * n) * (2 * n + 1))).neg();
        s = s.add(term);
        cterm = cterm.mul(r2).mul(recip((2 * n - 1) * (2 * n))).neg();
        c = c.add(cterm);
    }
    (s, c)
}

fn sin_cos(x: f64, want_sin: bool) -> Option<Scaled> {
    if !x.is_finite() || x.abs() > (1u64 << 30) as f64 {
        return None;
    }
    let k = (x / PIO2[0]).round();
    let mut r = DD::from(x);
    for p in PIO2 {
        r = r.sub(two_prod(k, p));
    }
    let (s, c) = sin_cos_small(r);
    let q = (k as i64).rem_euclid(4);
    let v = match (want_sin, q) {
        (true, 0) | (false, 3) => s,
        (true, 1) | (false, 0) => c,
        (true, 2) | (false, 1) => s.neg(),
        _ => c.neg(),
    };
    Some(Scaled {
        hi: v.0,
        lo: v.1,
        exp: 0,
    })
}

/// `sin(x)` in double-double for `|x| <= 2^30`.
pub(crate) fn sin(x: f64) -> Option<Scaled> {
    sin_cos(x, true)
}

/// `cos(x)` in double-double for `|x| <= 2^30`.
pub(crate) fn cos(x: f64) -> Option<Scaled> {
    sin_cos(x, false)
}

/// `2^x` in double-double, scaled: `x = k + f` exactly (`k = round(x)`), `2^f = 1 + expm1(f ln2)`.
pub(crate) fn exp2(x: f64) -> Option<Scaled> {
    if !x.is_finite() || x.abs() > 1100.0 {
        return None;
    }
    let k = x.round();
    let f = x - k; // exact, |f| <= 1/2
    let r = LN2.mul_f(f).add(DD::from(LN2_3 * f));
    let m = DD::from(1.0).add(expm1_small(r));
    Some(Scaled {
        hi: m.0,
        lo: m.1,
        exp: k as i32,
    })
}

/// `10^x` in double-double, scaled: `e^(x ln10)` with `x ln10` in double-double (three parts
/// of ln 10).
pub(crate) fn exp10(x: f64) -> Option<Scaled> {
    if !x.is_finite() || x.abs() > 340.0 {
        return None;
    }
    let y = two_prod(x, LN10[0])
        .add(two_prod(x, LN10[1]))
        .add(DD::from(x * LN10[2]));
    let (t, k) = exp_parts(y);
    let m = DD::from(1.0).add(t);
    Some(Scaled {
        hi: m.0,
        lo: m.1,
        exp: k,
    })
}

/// `e^x - 1` as a double-double `p` and a scale `k` (`(p * 2^k)`), for finite `|x| <= 800`:
/// Taylor with full relative precision for `|x| <= 0.35`, `-1 + e^x` below -60, else
/// `((1 + t) - 2^-k) * 2^k`.
fn expm1_parts(x: f64) -> (DD, i32) {
    if x.abs() <= 0.35 {
        return (expm1_small(DD::from(x)), 0);
    }
    if x < -60.0 {
        // -1 + e^x, e^x below 2^-86: its own f64 rounding is far beyond the precision.
        return (fast_two_sum(-1.0, x.exp()), 0);
    }
    let (t, k) = exp_parts(DD::from(x));
    // 2^-k: exact for -87 <= k <= 1074; below 2^-1074 (k > 1074) it rounds to 0, far beyond
    // the precision.
    let c = super::ldexp(1.0, -k);
    (DD::from(1.0).add(t).sub(DD::from(c)), k)
}

/// `e^x - 1` in double-double, scaled, without cancellation near 0.
pub(crate) fn expm1(x: f64) -> Option<Scaled> {
    if !x.is_finite() || x.abs() > 800.0 {
        return None;
    }
    let (p, k) = expm1_parts(x);
    Some(Scaled {
        hi: p.0,
        lo: p.1,
        exp: k,
    })
}

/// `sinh(x)` or `cosh(x)` in double-double, scaled: `(e^|x| ∓ e^-|x|)/2` on a common scale
/// (sinh of `|x| <= 0.35` as `(expm1(|x|) - expm1(-|x|))/2`, which does not cancel).
fn sinh_cosh(x: f64, cosh: bool) -> Option<Scaled> {
    if !x.is_finite() || x.abs() > 800.0 {
        return None;
    }
    let a = x.abs();
    let (m, k) = if a <= 0.35 && !cosh {
        let d = expm1_small(DD::from(a)).sub(expm1_small(DD::from(-a)));
        (d.scale(0.5), 0)
    } else {
        let (t1, k1) = exp_parts(DD::from(a));
        let (t2, k2) = exp_parts(DD::from(-a));
        let p1 = DD::from(1.0).add(t1);
        let p2 = DD::from(1.0).add(t2);
        // e^-a relative to e^a's scale (exact unless it underflows, where it is negligible).
        let p2 = DD(super::ldexp(p2.0, k2 - k1), super::ldexp(p2.1, k2 - k1));
        (if cosh { p1.add(p2) } else { p1.sub(p2) }, k1 - 1)
    };
    let m = if !cosh && x < 0.0 { m.neg() } else { m };
    Some(Scaled {
        hi: m.0,
        lo: m.1,
        exp: k,
    })
}

/// `sinh(x)` in double-double, scaled.
pub(crate) fn sinh(x: f64) -> Option<Scaled> {
    sinh_cosh(x, false)
}

/// `cosh(x)` in double-double, scaled.
pub(crate) fn cosh(x: f64) -> Option<Scaled> {
    sinh_cosh(x, true)
}

/// `tanh(x)` in double-double: `t/(t + 2)` with `t = expm1(2|x|)`; beyond `|x| = 40`,
/// `1 - tanh` is below `2^-114` and `±1` is within the precision.
pub(crate) fn tanh(x: f64) -> Option<Scaled> {
    if !x.is_finite() {
        return None;
    }
    let a = x.abs();
    let q = if a > 40.0 {
        DD::from(1.0)
    } else {
        let (p, k) = expm1_parts(2.0 * a);
        // t/(t + 2) = p/(p + 2^(1-k)), the scale cancels.
        p.div(p.add(DD::from(super::ldexp(2.0, -k))))
    };
    let q = if x < 0.0 { q.neg() } else { q };
    Some(Scaled {
        hi: q.0,
        lo: q.1,
        exp: 0,
    })
}
