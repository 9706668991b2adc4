//! Double-double (about 106 bits) evaluations of every `f64` function of the registry (exp,
//! log, sin, cos, tan, sinpi, cospi, exp2, exp10, expm1, sinh, cosh, tanh, log2, log10, log1p,
//! asinh, acosh, atanh, cbrt, atan, asin, acos, and the two-input pow, atan2 and hypot): the
//! "exact" value behind the real-valued error of `f64` results. Dekker/Knuth error-free transformations
//! (no `fma`: a baseline build would call the slow software one). Each function returns
//! `None` where it does not promise its precision (non-finite inputs, overflow, and sin/cos of
//! arguments beyond 2^30); callers then fall back to the correctly rounded value.
//!
//! Precision: the result `(hi + lo) * 2^exp` has a relative error below about 2^-95 (`pow`:
//! below about 2^-93, its logarithm's error times `|y ln x| <= 800`), so the real-valued error
//! of an `f64` result computed from it is off by less than 2^-40 ulp. The tests
//! (`tests/ulp.rs`) check, for every function, that `hi + lo` rounds to core-math's correctly
//! rounded result.

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

/// `x = k pi/2 + r` for finite `|x| <= 2^30`: `(r, k mod 4)`, `r` in double-double (the four
/// parts of `pi/2`, each product exact).
fn reduce_pio2(x: f64) -> Option<(DD, i64)> {
    if !x.is_finite() || x.abs() > (1u64 << 30) as f64 {
        return None;
    }
    let k = (x / PIO2[0]).round();
    let mut r = DD::from(x);
    for p in PIO2 {
        r = r.sub(two_prod(k, p));
    }
    Some((r, (k as i64).rem_euclid(4)))
}

/// `sin` (`want_sin`) or `cos` of `r + q pi/2` from `s = sin r`, `c = cos r`, `q` in `0..4`.
fn by_quadrant(s: DD, c: DD, want_sin: bool, q: i64) -> DD {
    match (want_sin, q) {
        (true, 0) | (false, 3) => s,
        (true, 1) | (false, 0) => c,
        (true, 2) | (false, 1) => s.neg(),
        _ => c.neg(),
    }
}

fn sin_cos(x: f64, want_sin: bool) -> Option<Scaled> {
    let (r, q) = reduce_pio2(x)?;
    let (s, c) = sin_cos_small(r);
    let v = by_quadrant(s, c, want_sin, q);
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
// ---------------------------------------------------------------- the log family and cbrt
// (`log2`, `log10`, `log1p`, `asinh`, `acosh`, `atanh`, `cbrt`): a Newton step from the `f64`
// value of the system libm, with the residual in double-double (exp through `exp_parts` and
// `expm1_small`, the inverse hyperbolics through their inverses near 0, where a logarithm
// would leave only absolute precision). Relative error below about 2^-100.

/// `1/ln 2` and `1/ln 10` as double-doubles (Sollya, `kernels/gen/log_family.sollya`).
const INV_LN2: DD = DD(
    f64::from_bits(0x3ff7_1547_652b_82fe),
    f64::from_bits(0x3c77_77d0_ffda_0d24),
);
const INV_LN10: DD = DD(
    f64::from_bits(0x3fdb_cb7b_1526_e50e),
    f64::from_bits(0x3c69_5355_baaa_fad3),
);

impl DD {
    fn sqrt(self) -> DD {
        let s = self.0.sqrt();
        let r = self.sub(two_prod(s, s));
        fast_two_sum(s, r.0 / (2.0 * s))
    }
}

fn plain(v: DD) -> Option<Scaled> {
    Some(Scaled {
        hi: v.0 + v.1,
        lo: v.1 - ((v.0 + v.1) - v.0),
        exp: 0,
    })
}

/// `ln(y)` for a positive normal double-double `y`, to about 2^-104 absolute: one Newton step
/// on exp from `ln(y.0)`, `ln(y) = y0 + ln(1 + z)`, `1 + z = y e^-y0`.
fn log_of(y: DD) -> DD {
    let y0 = y.0.ln();
    let (t, k) = exp_parts(DD::from(-y0));
    let u = DD(super::ldexp(y.0, k), super::ldexp(y.1, k));
    let z = u.add(u.mul(t)).sub(DD::from(1.0));
    DD::from(y0).add(z).sub(DD::from(0.5 * z.0 * z.0))
}

/// `sinh(h)` for `|h| <= 0.35`, full relative precision.
fn sinh_small(h: DD) -> DD {
    expm1_small(h).sub(expm1_small(h.neg())).scale(0.5)
}

/// `log2(x)` in double-double (`x > 0` finite).
pub(crate) fn log2(x: f64) -> Option<Scaled> {
    let l = log(x)?;
    plain(DD(l.hi, l.lo).mul(INV_LN2))
}

/// `log10(x)` in double-double (`x > 0` finite).
pub(crate) fn log10(x: f64) -> Option<Scaled> {
    let l = log(x)?;
    plain(DD(l.hi, l.lo).mul(INV_LN10))
}

/// `log1p(x)` in double-double (`x > -1` finite, `|x|` normal or 0 excluded).
pub(crate) fn log1p(x: f64) -> Option<Scaled> {
    if !(x > -1.0 && x.is_finite()) || x.abs() < f64::MIN_POSITIVE {
        return None;
    }
    if x.abs() < 1e-150 {
        // log1p(x) = x - x^2/2 + ...: x^2 is below 2^-498 of x (and expm1_small would
        // underflow).
        return plain(DD::from(x));
    }
    let y0 = x.ln_1p();
    if y0.abs() <= 0.35 {
        // Newton on expm1: y0 - (expm1(y0) - x)/(1 + expm1(y0)).
        let em = expm1_small(DD::from(y0));
        let c = em.sub(DD::from(x)).div(DD::from(1.0).add(em));
        return plain(DD::from(y0).sub(c));
    }
    plain(log_of(two_sum(1.0, x)))
}

/// `asinh(x)` in double-double (finite, not subnormal).
pub(crate) fn asinh(x: f64) -> Option<Scaled> {
    if !x.is_finite() || x.abs() < f64::MIN_POSITIVE {
        return None;
    }
    let a = x.abs();
    let v = if a < 1e-150 {
        DD::from(a) // a - a^3/6: a^2 is below 2^-498
    } else if a <= 0.3 {
        // Newton on sinh: y0 - (sinh(y0) - a)/cosh(y0).
        let y0 = a.asinh();
        let num = sinh_small(DD::from(y0)).sub(DD::from(a));
        DD::from(y0).sub(DD::from(num.0 / y0.cosh()))
    } else if a > 1e18 {
        log_of(DD::from(a)).add(LN2)
    } else {
        let w = two_prod(a, a).add(DD::from(1.0));
        log_of(w.sqrt().add(DD::from(a)))
    };
    plain(if x < 0.0 { v.neg() } else { v })
}

/// `acosh(x)` in double-double (`x >= 1` finite).
pub(crate) fn acosh(x: f64) -> Option<Scaled> {
    if !(x >= 1.0 && x.is_finite()) {
        return None;
    }
    if x == 1.0 {
        return plain(DD::from(0.0));
    }
    let v = if x < 1.05 {
        // Newton on cosh: cosh(y) - 1 = 2 sinh(y/2)^2, x - 1 exact.
        let y0 = x.acosh();
        let sh = sinh_small(DD::from(0.5 * y0));
        let num = sh.mul(sh).scale(2.0).sub(DD::from(x - 1.0));
        DD::from(y0).sub(DD::from(num.0 / y0.sinh()))
    } else if x > 1e18 {
        log_of(DD::from(x)).add(LN2)
    } else {
        let w = two_prod(x, x).sub(DD::from(1.0));
        log_of(w.sqrt().add(DD::from(x)))
    };
    plain(v)
}

/// `atanh(x)` in double-double (`|x| < 1`, not subnormal).
pub(crate) fn atanh(x: f64) -> Option<Scaled> {
    let a = x.abs();
    if !(f64::MIN_POSITIVE..1.0).contains(&a) {
        return None;
    }
    let v = if a < 1e-150 {
        DD::from(a) // a + a^3/3: a^2 is below 2^-498
    } else if a <= 0.15 {
        // Newton on tanh: tanh(y) = expm1(2y)/(expm1(2y) + 2), tanh' = 1/cosh^2.
        let y0 = a.atanh();
        let em = expm1_small(DD::from(2.0 * y0));
        let th = em.div(em.add(DD::from(2.0)));
        let c = y0.cosh();
        DD::from(y0).sub(DD::from(th.sub(DD::from(a)).0 * c * c))
    } else {
        log_of(two_sum(1.0, a).div(two_sum(1.0, -a))).scale(0.5)
    };
    plain(if x < 0.0 { v.neg() } else { v })
}

/// `cbrt(x)` in double-double, scaled (`x != 0` finite): `x = m 2^(3k)`, one Newton step on
/// `y^3 = m` with the residual in double-double.
pub(crate) fn cbrt(x: f64) -> Option<Scaled> {
    if !x.is_finite() || x == 0.0 {
        return None;
    }
    let a = x.abs();
    let k = (a.log2().floor() as i32).div_euclid(3);
    let m = super::ldexp(a, -3 * k);
    let y0 = m.cbrt();
    let r = two_prod(y0, y0).mul_f(y0).sub(DD::from(m));
    let v = DD::from(y0).sub(DD::from(r.0 / (3.0 * y0 * y0)));
    let v = if x < 0.0 { v.neg() } else { v };
    let p = plain(v)?;
    Some(Scaled { exp: k, ..p })
}

// ---------------------------------------------------------------- tan, sinpi, cospi, the
// inverse trigonometric functions, and the two-input functions (`pow`, `atan2`, `hypot`).

/// `pi/2` as a double-double (the first three parts of `PIO2`).
fn pio2() -> DD {
    DD(PIO2[0], PIO2[1]).add(DD::from(PIO2[2]))
}

/// `tan(x)` in double-double for `|x| <= 2^30`: `sin(r)/cos(r)` or `-cos(r)/sin(r)` of the
/// reduced argument (`|r| <= pi/4`, so the divisor is not small: `cos(r) >= 0.7`, and
/// `sin(r)` keeps full relative precision however small `r` is).
pub(crate) fn tan(x: f64) -> Option<Scaled> {
    if x != 0.0 && x.abs() < 1e-290 {
        return None; // tiny: the Taylor terms would lose precision to underflow
    }
    let (r, q) = reduce_pio2(x)?;
    let (s, c) = sin_cos_small(r);
    let v = if q % 2 == 0 { s.div(c) } else { c.div(s).neg() };
    plain(v)
}

/// `sin(pi x)` (`cos` false) or `cos(pi x)` in double-double: `x = k/2 + r` exactly (`k =
/// round(2x)`, `|r| <= 1/4`), then `sin`/`cos` of `pi r` (a double-double product) by quadrant.
fn sin_cos_pi(x: f64, want_sin: bool) -> Option<Scaled> {
    if !x.is_finite() || (x != 0.0 && x.abs() < 1e-290) {
        return None;
    }
    let (r, q) = if x.abs() >= 9_007_199_254_740_992.0 {
        (0.0, 0) // |x| >= 2^53: an even integer (sin = 0, cos = 1); 2x might not fit an i64
    } else {
        let k = (2.0 * x).round();
        (x - 0.5 * k, (k as i64).rem_euclid(4)) // exact: both multiples of ulp(x), |r| <= 1/4
    };
    let pi = pio2().scale(2.0);
    let arg = pi.mul_f(r);
    let (s, c) = sin_cos_small(arg);
    let v = by_quadrant(s, c, want_sin, q);
    plain(v)
}

/// `sin(pi x)` in double-double (finite `x`, not below 1e-290 in magnitude unless 0).
pub(crate) fn sinpi(x: f64) -> Option<Scaled> {
    sin_cos_pi(x, true)
}

/// `cos(pi x)` in double-double (finite `x`, not below 1e-290 in magnitude unless 0).
pub(crate) fn cospi(x: f64) -> Option<Scaled> {
    sin_cos_pi(x, false)
}

/// `atan(u)` for a double-double `|u| <= 1` (a little more is fine): one Newton step on
/// `tan(y) = u` from the system libm's `atan(u.0)`, `y1 = y0 - (sin y0 - u cos y0) cos y0`,
/// the residual in double-double (the step squares the start's relative error, 2^-52, and
/// `|tan y| <= 1` keeps the constant below 1).
fn atan_small(u: DD) -> DD {
    if u.0.abs() < 1e-150 {
        return u; // u - u^3/3: u^2 is below 2^-996
    }
    let y0 = u.0.atan();
    let (s, c) = sin_cos_small(DD::from(y0));
    let res = s.sub(u.mul(c));
    DD::from(y0).sub(DD::from(res.0 * c.0))
}

/// `asin(u)` for a double-double `|u| <= 1/2` (a little more is fine): one Newton step on
/// `sin(y) = u` from the system libm's `asin(u.0)`, `y1 = y0 - (sin y0 - u)/cos y0`
/// (`cos y0 >= 0.86`).
fn asin_small(u: DD) -> DD {
    if u.0.abs() < 1e-150 {
        return u; // u + u^3/6: u^2 is below 2^-996
    }
    let y0 = u.0.asin();
    let (s, c) = sin_cos_small(DD::from(y0));
    DD::from(y0).sub(DD::from(s.sub(u).0 / c.0))
}

/// `atan(x)` in double-double (finite, not subnormal): [`atan_small`] for `|x| <= 1`, else
/// `±pi/2 - atan(1/x)` (at least `pi/4`: no cancellation), `1/x` a double-double quotient.
pub(crate) fn atan(x: f64) -> Option<Scaled> {
    if !x.is_finite() || (x != 0.0 && x.abs() < f64::MIN_POSITIVE) {
        return None;
    }
    let a = x.abs();
    let v = if a <= 1.0 {
        atan_small(DD::from(a))
    } else if a > 1e300 {
        pio2() // 1/a is below 2^-996 of pi/2
    } else {
        pio2().sub(atan_small(DD::from(1.0).div(DD::from(a))))
    };
    plain(if x < 0.0 { v.neg() } else { v })
}

/// `asin(x)` in double-double (`|x| <= 1`, not subnormal): [`asin_small`] for `|x| <= 1/2`,
/// else `pi/2 - 2 asin(sqrt((1 - |x|)/2))` (`1 - |x|` and the halving exact, the square root
/// in double-double), where a Newton step on `sin` would lose precision to `cos y` near 0.
pub(crate) fn asin(x: f64) -> Option<Scaled> {
    let a = x.abs();
    if a.is_nan() || a > 1.0 || (x != 0.0 && a < f64::MIN_POSITIVE) {
        return None;
    }
    let v = if a <= 0.5 {
        asin_small(DD::from(a))
    } else {
        pio2().sub(asin_half_angle(a).scale(2.0))
    };
    plain(if x < 0.0 { v.neg() } else { v })
}

/// `asin(sqrt((1 - a)/2))` for `1/2 <= a <= 1` (`acos(a)/2`), in double-double.
fn asin_half_angle(a: f64) -> DD {
    let t = 0.5 * (1.0 - a); // exact (Sterbenz, then a power of two)
    if t == 0.0 {
        return DD::from(0.0);
    }
    asin_small(DD::from(t).sqrt())
}

/// `acos(x)` in double-double (`|x| <= 1`): `pi/2 - asin(x)` for `|x| <= 1/2` (at least
/// `pi/3`), `2 asin(sqrt((1 - x)/2))` above, `pi - 2 asin(sqrt((1 + x)/2))` below.
pub(crate) fn acos(x: f64) -> Option<Scaled> {
    let a = x.abs();
    if a.is_nan() || a > 1.0 {
        return None;
    }
    let v = if a <= 0.5 {
        pio2().sub(asin_small(DD::from(x)))
    } else if x > 0.0 {
        asin_half_angle(a).scale(2.0)
    } else {
        pio2().scale(2.0).sub(asin_half_angle(a).scale(2.0))
    };
    plain(v)
}

/// The binary exponent of a positive normal `a` (`2^e <= a < 2^(e+1)`).
fn exponent(a: f64) -> i32 {
    ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023
}

/// `atan2(y, x)` in double-double (both finite and normal; not where `0 < y/x < 2^-899`):
/// both scaled by the same power of two (the angle does not change; the products of the
/// quotient's residual then stay in range), `atan(y/x)` plus `±pi` for `x < 0` where `|y| <=
/// |x|`, else `±pi/2 - atan(x/y)`; the quotients in double-double.
pub(crate) fn atan2(y: f64, x: f64) -> Option<Scaled> {
    if !(x.is_normal() && y.is_normal()) {
        return None;
    }
    let (ex, ey) = (exponent(x.abs()), exponent(y.abs()));
    if ey - ex > 900 {
        // |x/y| < 2^-899: ±pi/2 - x/y is ±pi/2 within the precision.
        return plain(if y < 0.0 { pio2().neg() } else { pio2() });
    }
    if ex - ey > 900 {
        // |y/x| < 2^-899: ±pi + y/x is ±pi within the precision; y/x itself (x > 0) may be
        // subnormal: left to the correctly rounded value.
        if x > 0.0 {
            return None;
        }
        let pi = pio2().scale(2.0);
        return plain(if y < 0.0 { pi.neg() } else { pi });
    }
    let e = ex.max(ey);
    let (xs, ys) = (super::ldexp(x, -e), super::ldexp(y, -e));
    let v = if ys.abs() <= xs.abs() {
        let a = atan_small(DD::from(ys).div(DD::from(xs)));
        match (xs < 0.0, ys < 0.0) {
            (false, _) => a,
            (true, false) => a.add(pio2().scale(2.0)),
            (true, true) => a.sub(pio2().scale(2.0)),
        }
    } else {
        let a = atan_small(DD::from(xs).div(DD::from(ys)));
        if ys < 0.0 {
            pio2().neg().sub(a)
        } else {
            pio2().sub(a)
        }
    };
    plain(v)
}

/// `hypot(x, y)` in double-double, scaled (both finite): `a sqrt(1 + (b/a)^2)` as `sqrt(a^2 +
/// b^2)` on `a = max(|x|, |y|)` and `b` scaled to `a`'s binade (the squares exact); `a` itself
/// where `b/a < 2^-60` (the rest is below `2^-121` relative).
pub(crate) fn hypot(x: f64, y: f64) -> Option<Scaled> {
    if !(x.is_finite() && y.is_finite()) {
        return None;
    }
    let (a, b) = if x.abs() >= y.abs() {
        (x.abs(), y.abs())
    } else {
        (y.abs(), x.abs())
    };
    if a == 0.0 {
        return plain(DD::from(0.0));
    }
    if a < f64::MIN_POSITIVE {
        return None;
    }
    let e = exponent(a);
    let (as_, bs) = (super::ldexp(a, -e), super::ldexp(b, -e));
    if bs < 8.673_617_379_884_035e-19 {
        // b/a < 2^-60 (also b = 0)
        return Some(Scaled {
            hi: as_,
            lo: 0.0,
            exp: e,
        });
    }
    let v = two_prod(as_, as_).add(two_prod(bs, bs)).sqrt();
    Some(Scaled {
        hi: v.0,
        lo: v.1,
        exp: e,
    })
}

/// `pow(x, y)` in double-double, scaled: `e^(y ln|x|)` with `ln|x|` from [`log`] (relative
/// error about 2^-104), the product in double-double and [`exp_parts`] on it; for `x < 0` only
/// integer `y` (the sign from its parity). `None` where the result overflows or underflows far
/// (`|y ln x| > 800`), for `x = 0` and non-finite inputs.
pub(crate) fn pow(x: f64, y: f64) -> Option<Scaled> {
    if !(x.is_finite() && y.is_finite()) || x == 0.0 {
        return None;
    }
    let negative = if x < 0.0 {
        if y.fract() != 0.0 {
            return None; // NaN
        }
        // |y| >= 2^53 is even.
        y.abs() < 9_007_199_254_740_992.0 && (y as i64) % 2 != 0
    } else {
        false
    };
    let l = log(x.abs())?;
    if l.hi == 0.0 {
        // |x| = 1: exactly ±1 for every y (the product below would split a huge y and overflow).
        return plain(DD::from(if negative { -1.0 } else { 1.0 }));
    }
    // ln|x| is at least 2^-53 in magnitude here, so |y| > 1e290 is far beyond 800.
    if y.abs() > 1e290 || (l.hi * y).abs() > 800.0 {
        return None;
    }
    let l = DD(l.hi, l.lo);
    let (t, k) = exp_parts(l.mul_f(y));
    let m = DD::from(1.0).add(t);
    let m = if negative { m.neg() } else { m };
    Some(Scaled {
        hi: m.0,
        lo: m.1,
        exp: k,
    })
}
