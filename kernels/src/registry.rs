//! The function registry: every function, its kernels, its stated error bound, domain and
//! special values, in one place. Tests, docs and the `simdmath` crate's `Func` enum are
//! generated from this list, so adding a function is its kernel file plus one line here.
//!
//! Bounds are stated as the largest integer distance, in representable values, between a
//! result and the correctly rounded value (0 = correctly rounded, 1 = faithfully rounded: the
//! result is one of the two floats around the exact value), on every backend.

/// Calls macro `$m` with its own leading tokens, a `;`, then one line per function:
/// `Variant snake "name" arity (c_f64 c_f32) [f64 kernel] [f32 kernel] max_ulp_f64 max_ulp_f32
/// (cr [f32 kernel] max_ulp) {poles: P, zeros: Z} "domain" "specials";` where `arity` is
/// `unary` (`f(x)`), `binary` (`f(x, y)`) or `unary2` (one input, two outputs), `(cr [kernel] 0)` names the correctly
/// rounded `f32` tier's kernel and its bound (`(cr)`: the function has no such tier), and `(c_f64 c_f32)`
/// are the C names of the function (`exp expf`): the `simdmath` crate takes its correctly
/// rounded reference (`core_math::exp`) and the system libm's (`exp` from libm) by those names;
/// `(sinpi sinpif nolibm)` marks a function the system libm may lack (its libm column is then
/// core-math's), and `{poles: P, zeros: Z}` are the function's typed facts, [`Points`] variants
/// ([`FuncInfo::poles`], [`FuncInfo::zeros`]: the Python package's floating-point flags read
/// them). A function whose kernels have a usual path on which every result is a normal number
/// or an exact zero (`zeros`) adds `usual: [f64 test] [f32 test]` to that group (`[]` for a type
/// without one): the kernel's own test of a vector, or for a two-input function of a pair of
/// vectors (`exp_f64_usual`, `hypot_f64_usual`, `atan2_f32_usual`: where the kernel's fast path
/// may give subnormal results, it tests first a narrower range where it gives none; `sincos`
/// `f64` names `sin`'s), which the checked entry loops ([`crate::backend::Checked`]) ask
/// instead of testing the results, so that where the kernel takes that path the check costs
/// nothing (the compiler computes the test once). A
/// consumer that does not read the facts takes that group as one `$facts:tt`. A function whose
/// results are normal wherever its argument passes a cheap test of its own (`asin_usual`:
/// `|x|` normal and at most 1), which the kernel does not compute, names that test as
/// `input: [f64 test] [f32 test]` instead: the checked loops ask it where they test each
/// vector's results in the loop (streaming, or on backends without [`crate::Lanes::CHECK_AFTER`]),
/// and keep testing the results after the block where they do that. Such a test is a
/// conjunction of compares of `x` and `|x|` with constants (so it passes on every `x` with `l
/// <= |x| <= h` where it passes on `±l` and `±h`), and a test followed by `; after`
/// (`[tanh_usual; after]`) is asked of a streamed block's inputs after the block on
/// `CHECK_AFTER` backends, by their magnitudes' bounds ([`crate::backend::half_magnitudes`]):
/// chosen by measurement, where that is cheaper than the test in the loop (AMD Zen 3, AVX2, n =
/// 1e7, checked / plain: `tanh` `f64` 1.16-1.18x -> 1.03-1.05x; `tan` `f32` 1.10x -> 1.03x;
/// `cosh` `f32` by the ufunc on two threads, 1.08-1.17x -> 1.07-1.12x, though one thread in
/// Rust measured 2-3 % slower), not where the kernel computes the test's compares itself
/// (`acos`: 1.03-1.07x in the loop, 2-3 % more after the block), where the bounds are too loose
/// for the usual data (`log1p` `f64` over `[-0.5, 100]`: every block fails them), or where the
/// output's memory traffic decides (`sin` `f32`: the ufunc on two threads, 1.04-1.09x ->
/// 1.07-1.15x).
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_func {
    ($m:path { $($args:tt)* }) => {
        $m! { $($args)* ;
            Exp exp "exp" unary (exp expf) [$crate::exp::exp_f64] [$crate::exp::exp_f32] 1 1 (cr [$crate::exp::exp_f32_cr] 0)
                {poles: None, zeros: None, usual: [$crate::exp::exp_f64_usual] [$crate::exp::exp_f32_usual]}
                "every float; overflows to +inf above 709.782712893384 (f64) / 88.72284 (f32), rounds to +0 below -745.1332191019412 (f64) / -103.97208 (f32), subnormal results in between"
                "exp(±0) = 1, exp(+inf) = +inf, exp(-inf) = +0, exp(NaN) = NaN";
            Log log "log" unary (log logf) [$crate::log::log_f64] [$crate::log::log_f32] 1 1 (cr [$crate::log::log_f32_cr] 0)
                {poles: Zero, zeros: One, usual: [$crate::log::log_f64_usual] [$crate::log::log_f32_usual]}
                "x >= 0 including subnormals; NaN for x < 0"
                "log(±0) = -inf, log(1) = +0, log(+inf) = +inf, log(x < 0) = NaN, log(NaN) = NaN";
            Sin sin "sin" unary (sin sinf) [$crate::trig::sin_cos::sin_f64] [$crate::trig::sin_cos::sin_f32] 1 1 (cr [$crate::trig::sin_cos::sin_f32_cr] 0)
                {poles: None, zeros: Zero, usual: [$crate::trig::trig_f64_usual] [], input: [] [$crate::trig::sin_tan_f32_usual]}
                "every finite float up to MAX (exact Payne-Hanek reduction for large arguments)"
                "sin(±0) = ±0, sin(±inf) = NaN, sin(NaN) = NaN";
            Cos cos "cos" unary (cos cosf) [$crate::trig::sin_cos::cos_f64] [$crate::trig::sin_cos::cos_f32] 1 1 (cr [$crate::trig::sin_cos::cos_f32_cr] 0)
                {poles: None, zeros: None, usual: [$crate::trig::trig_f64_usual] [$crate::trig::sin_cos::cos_f32_usual]}
                "every finite float up to MAX (exact Payne-Hanek reduction for large arguments)"
                "cos(±0) = 1, cos(±inf) = NaN, cos(NaN) = NaN";
            Tan tan "tan" unary (tan tanf) [$crate::trig::tan::tan_f64] [$crate::trig::tan::tan_f32] 1 1 (cr [$crate::trig::tan::tan_f32_cr] 0)
                {poles: None, zeros: Zero, usual: [$crate::trig::trig_f64_usual] [], input: [] [$crate::trig::sin_tan_f32_usual; after]}
                "every finite float up to MAX (sin/cos's reduction, exact Payne-Hanek for large arguments)"
                "tan(±0) = ±0, tan(±inf) = NaN, tan(NaN) = NaN";
            Sincos sincos "sincos" unary2 (sincos sincosf) [$crate::trig::sin_cos::sincos_f64] [$crate::trig::sin_cos::sincos_f32] 1 1 (cr [$crate::trig::sin_cos::sincos_f32_cr] 0)
                {poles: None, zeros: Zero, usual: [$crate::trig::trig_f64_usual] []}
                "every finite float up to MAX (one reduction for both outputs)"
                "as sin and cos: sincos(±0) = (±0, 1), sincos(±inf) = (NaN, NaN)";
            Sinpi sinpi "sinpi" unary (sinpi sinpif nolibm) [$crate::trig::pi::sinpi_f64] [$crate::trig::pi::sinpi_f32] 1 1 (cr [$crate::trig::pi::sinpi_f32_cr] 0)
                {poles: None, zeros: Integers}
                "every float (exact reduction: no pi in it)"
                "sinpi(±0) = ±0, sinpi(n) = ±0 with the sign of n, sinpi(n + 1/2) = ±1, sinpi(±inf) = NaN, sinpi(NaN) = NaN";
            Cospi cospi "cospi" unary (cospi cospif nolibm) [$crate::trig::pi::cospi_f64] [$crate::trig::pi::cospi_f32] 1 1 (cr [$crate::trig::pi::cospi_f32_cr] 0)
                {poles: None, zeros: HalfOddIntegers}
                "every float (exact reduction: no pi in it)"
                "cospi(±0) = 1, cospi(n + 1/2) = +0, cospi(n) = ±1, cospi(±inf) = NaN, cospi(NaN) = NaN";
            Pow pow "pow" binary (pow powf) [$crate::pow::pow_f64] [$crate::pow::pow_f32] 1 1 (cr)
                {poles: Zero, zeros: Zero}
                "every pair of floats; negative x only with integer y (NaN otherwise); overflow to ±inf and underflow to ±0 as the exact value rounds"
                "pow(x, ±0) = 1 and pow(1, y) = 1 for every x, y (quiet NaN too; a signaling NaN gives NaN, as glibc), pow(-1, ±inf) = 1, pow(x, ±inf) by |x| < 1, pow(±0, y) and pow(±inf, y) by the sign of y (negative only for a negative base and odd integer y), pow(x < 0, non-integer y) = NaN";
            Exp2 exp2 "exp2" unary (exp2 exp2f) [$crate::exp_family::exp2_f64] [$crate::exp_family::exp2_f32] 1 1 (cr [$crate::exp_family::exp2_f32_cr] 0)
                {poles: None, zeros: None, usual: [$crate::exp_family::exp2_f64_usual] [$crate::exp_family::exp2_f32_usual]}
                "every float; overflows to +inf from 1024 (f64) / 128 (f32) on, rounds to +0 from -1075 (f64) / -150 (f32) down, subnormal results in between; exact at integers"
                "exp2(±0) = 1, exp2(+inf) = +inf, exp2(-inf) = +0, exp2(NaN) = NaN";
            Exp10 exp10 "exp10" unary (exp10 exp10f) [$crate::exp_family::exp10_f64] [$crate::exp_family::exp10_f32] 1 1 (cr [$crate::exp_family::exp10_f32_cr] 0)
                {poles: None, zeros: None, usual: [$crate::exp_family::exp10_f64_usual] [$crate::exp_family::exp10_f32_usual]}
                "every float; overflows to +inf above 308.25471555991675 (f64) / 38.53184 (f32), rounds to +0 below -323.6072453387798 (f64) / -45.1545 (f32), subnormal results in between; exact at the integers 0..22 (f64) / 0..10 (f32)"
                "exp10(±0) = 1, exp10(+inf) = +inf, exp10(-inf) = +0, exp10(NaN) = NaN";
            Expm1 expm1 "expm1" unary (expm1 expm1f) [$crate::exp_family::expm1_f64] [$crate::exp_family::expm1_f32] 1 1 (cr [$crate::exp_family::expm1_f32_cr] 0)
                {poles: None, zeros: Zero, usual: [$crate::exp_family::expm1_f64_usual] [], input: [] [$crate::exp_family::expm1_f32_usual; after]}
                "every float; overflows to +inf above 709.782712893384 (f64) / 88.72284 (f32), rounds to -1 below -37.43 (f64) / -17.33 (f32); expm1(x) = x for tiny x, no cancellation near 0"
                "expm1(±0) = ±0, expm1(+inf) = +inf, expm1(-inf) = -1, expm1(NaN) = NaN";
            Sinh sinh "sinh" unary (sinh sinhf) [$crate::hyperbolic::sinh_f64] [$crate::hyperbolic::sinh_f32] 1 1 (cr [$crate::hyperbolic::sinh_f32_cr] 0)
                {poles: None, zeros: Zero, usual: [$crate::hyperbolic::sinh_f64_usual] [], input: [] [$crate::hyperbolic::sinh_f32_usual; after]}
                "every float; overflows to ±inf beyond ±710.4758600739439 (f64) / ±89.41599 (f32); sinh(x) = x for tiny x"
                "sinh(±0) = ±0, sinh(±inf) = ±inf, sinh(NaN) = NaN";
            Cosh cosh "cosh" unary (cosh coshf) [$crate::hyperbolic::cosh_f64] [$crate::hyperbolic::cosh_f32] 1 1 (cr [$crate::hyperbolic::cosh_f32_cr] 0)
                {poles: None, zeros: None, usual: [$crate::hyperbolic::cosh_f64_usual] [], input: [] [$crate::hyperbolic::cosh_f32_usual; after]}
                "every float; overflows to +inf beyond ±710.4758600739439 (f64) / ±89.41599 (f32)"
                "cosh(±0) = 1, cosh(±inf) = +inf, cosh(NaN) = NaN";
            Tanh tanh "tanh" unary (tanh tanhf) [$crate::hyperbolic::tanh_f64] [$crate::hyperbolic::tanh_f32] 1 1 (cr [$crate::hyperbolic::tanh_f32_cr] 0)
                {poles: None, zeros: Zero, input: [$crate::hyperbolic::tanh_usual; after] [$crate::hyperbolic::tanh_usual; after]}
                "every float; rounds to ±1 beyond ±19.06 (f64) / ±9.01 (f32); tanh(x) = x for tiny x"
                "tanh(±0) = ±0, tanh(±inf) = ±1, tanh(NaN) = NaN";
            Log2 log2 "log2" unary (log2 log2f) [$crate::log_family::log2_f64] [$crate::log_family::log2_f32] 1 1 (cr [$crate::log_family::log2_f32_cr] 0)
                {poles: Zero, zeros: One, usual: [$crate::log::log_f64_usual] [$crate::log::log_f32_usual]}
                "x >= 0 including subnormals; NaN for x < 0"
                "log2(±0) = -inf, log2(1) = +0, log2(2^k) = k, log2(+inf) = +inf, log2(x < 0) = NaN, log2(NaN) = NaN";
            Log10 log10 "log10" unary (log10 log10f) [$crate::log_family::log10_f64] [$crate::log_family::log10_f32] 1 1 (cr [$crate::log_family::log10_f32_cr] 0)
                {poles: Zero, zeros: One, usual: [$crate::log::log_f64_usual] [$crate::log::log_f32_usual]}
                "x >= 0 including subnormals; NaN for x < 0"
                "log10(±0) = -inf, log10(1) = +0, log10(10^k) = k, log10(+inf) = +inf, log10(x < 0) = NaN, log10(NaN) = NaN";
            Log1p log1p "log1p" unary (log1p log1pf) [$crate::log_family::log1p_f64] [$crate::log_family::log1p_f32] 1 1 (cr [$crate::log_family::log1p_f32_cr] 0)
                {poles: MinusOne, zeros: Zero, usual: [] [$crate::log_family::log1p_f32_usual], input: [$crate::log_family::log1p_usual] []}
                "x >= -1; NaN for x < -1; log1p(x) = x - x^2/2 for tiny |x| (subnormals exact)"
                "log1p(±0) = ±0, log1p(-1) = -inf, log1p(x < -1) = NaN, log1p(+inf) = +inf, log1p(-inf) = NaN, log1p(NaN) = NaN";
            Asinh asinh "asinh" unary (asinh asinhf) [$crate::inv_hyperbolic::asinh_f64] [$crate::inv_hyperbolic::asinh_f32] 1 1 (cr [$crate::inv_hyperbolic::asinh_f32_cr] 0)
                {poles: None, zeros: Zero, input: [$crate::inv_hyperbolic::asinh_usual; after] [$crate::inv_hyperbolic::asinh_usual]}
                "every float up to ±MAX (log(2|x|) beyond 2^28)"
                "asinh(±0) = ±0, asinh(±inf) = ±inf, asinh(NaN) = NaN";
            Acosh acosh "acosh" unary (acosh acoshf) [$crate::inv_hyperbolic::acosh_f64] [$crate::inv_hyperbolic::acosh_f32] 1 1 (cr [$crate::inv_hyperbolic::acosh_f32_cr] 0)
                {poles: None, zeros: One, usual: [$crate::inv_hyperbolic::acosh_f64_usual] [$crate::inv_hyperbolic::acosh_f32_usual]}
                "x >= 1 up to MAX; NaN for x < 1"
                "acosh(1) = +0, acosh(+inf) = +inf, acosh(x < 1) = NaN (including -inf), acosh(NaN) = NaN";
            Atanh atanh "atanh" unary (atanh atanhf) [$crate::inv_hyperbolic::atanh_f64] [$crate::inv_hyperbolic::atanh_f32] 1 1 (cr [$crate::inv_hyperbolic::atanh_f32_cr] 0)
                {poles: Unit, zeros: Zero, input: [$crate::inv_hyperbolic::atanh_usual] [$crate::inv_hyperbolic::atanh_usual]}
                "-1 <= x <= 1; NaN for |x| > 1"
                "atanh(±0) = ±0, atanh(±1) = ±inf, atanh(|x| > 1) = NaN, atanh(NaN) = NaN";
            Cbrt cbrt "cbrt" unary (cbrt cbrtf) [$crate::cbrt::cbrt_f64] [$crate::cbrt::cbrt_f32] 1 1 (cr [$crate::cbrt::cbrt_f32_cr] 0)
                {poles: None, zeros: Zero, usual: [$crate::cbrt::cbrt_f64_usual] [$crate::cbrt::cbrt_f32_usual]}
                "every float, subnormals included (exact cubes give exact results)"
                "cbrt(±0) = ±0, cbrt(±inf) = ±inf, cbrt(NaN) = NaN";
            Atan atan "atan" unary (atan atanf) [$crate::inv_trig::atan_f64] [$crate::inv_trig::atan_f32] 1 1 (cr [$crate::inv_trig::atan_f32_cr] 0)
                {poles: None, zeros: Zero, input: [$crate::inv_trig::atan_usual] [$crate::inv_trig::atan_usual; after]}
                "every float; tiny x give x, |x| beyond 2^53 (f64) / 2^24 (f32) give ±pi/2 rounded"
                "atan(±0) = ±0, atan(±inf) = ±pi/2 (rounded), atan(NaN) = NaN";
            Asin asin "asin" unary (asin asinf) [$crate::inv_trig::asin_f64] [$crate::inv_trig::asin_f32] 1 1 (cr [$crate::inv_trig::asin_f32_cr] 0)
                {poles: None, zeros: Zero, input: [$crate::inv_trig::asin_usual; after] [$crate::inv_trig::asin_usual]}
                "-1 <= x <= 1; NaN outside"
                "asin(±0) = ±0, asin(±1) = ±pi/2 (rounded), asin(|x| > 1) = NaN, asin(±inf) = NaN, asin(NaN) = NaN";
            Acos acos "acos" unary (acos acosf) [$crate::inv_trig::acos_f64] [$crate::inv_trig::acos_f32] 1 1 (cr [$crate::inv_trig::acos_f32_cr] 0)
                {poles: None, zeros: One, input: [$crate::inv_trig::acos_usual] [$crate::inv_trig::acos_usual]}
                "-1 <= x <= 1; NaN outside"
                "acos(1) = +0, acos(-1) = pi (rounded), acos(±0) = pi/2 (rounded), acos(|x| > 1) = NaN, acos(±inf) = NaN, acos(NaN) = NaN";
            Atan2 atan2 "atan2" binary (atan2 atan2f) [$crate::inv_trig::atan2_f64] [$crate::inv_trig::atan2_f32] 1 1 (cr)
                {poles: None, zeros: Zero, usual: [$crate::inv_trig::atan2_f64_usual] [$crate::inv_trig::atan2_f32_usual]}
                "every pair of floats; the first input is y, the second x (C's atan2(y, x), numpy's arctan2(y, x)); results in [-pi, pi]"
                "atan2(±0, +0) = ±0, atan2(±0, -0) = ±pi, atan2(±0, x < 0) = ±pi, atan2(±0, x > 0) = ±0, atan2(y, ±0) = ±pi/2 by the sign of y != 0, atan2(±y, -inf) = ±pi and atan2(±y, +inf) = ±0 for finite y > 0, atan2(±inf, x) = ±pi/2 for finite x, atan2(±inf, -inf) = ±3pi/4, atan2(±inf, +inf) = ±pi/4, NaN in gives NaN";
            Hypot hypot "hypot" binary (hypot hypotf) [$crate::hypot::hypot_f64] [$crate::hypot::hypot_f32] 1 1 (cr)
                {poles: None, zeros: Zero, usual: [$crate::hypot::hypot_f64_usual] [$crate::hypot::hypot_f32_usual]}
                "every pair of floats; overflows to +inf only where the exact value does, subnormal results in between"
                "hypot(±inf, y) = hypot(x, ±inf) = +inf (y, x quiet NaN too; a signaling NaN gives NaN, as glibc), otherwise NaN in gives NaN; hypot(±0, ±0) = +0, hypot(x, ±0) = |x|; never negative";
        }
    };
}

/// What the registry states about one function.
///
/// ```
/// let exp = &simdmath_kernels::FUNCS[0];
/// assert_eq!((exp.name, exp.max_ulp_f64, exp.max_ulp_f32), ("exp", 1, 1));
/// assert_eq!(exp.max_ulp_f32_cr, Some(0)); // the correctly rounded tier
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FuncInfo {
    /// Lower-case name (`"exp"`).
    pub name: &'static str,
    /// `"unary"`: one input, one output (`out[i] = f(x[i])`); `"binary"`: two inputs
    /// (`out[i] = f(x[i], y[i])`); `"unary2"`: one input, two outputs (`sincos`).
    pub arity: &'static str,
    /// Stated bound for `f64`: max integer distance to the correctly rounded result.
    pub max_ulp_f64: u32,
    /// Stated bound for `f32`.
    pub max_ulp_f32: u32,
    /// Stated bound of the correctly rounded `f32` tier (`Some(0)`), `None` where the function
    /// has no such tier (see [`crate::cr`]).
    pub max_ulp_f32_cr: Option<u32>,
    /// Domain in words.
    pub domain: &'static str,
    /// Special values in words (they match libm).
    pub specials: &'static str,
    /// Where an infinite result from finite inputs is a pole, not an overflow (numpy's
    /// "divide by zero"): the inputs `x` with `f(x) = ±inf` (`log(±0)`, `atanh(±1)`); for a
    /// two-input function, the first inputs `x` at which `f(x, y)` has one (`pow(±0, y < 0)`).
    pub poles: Points,
    /// Where a zero result is exact, not an underflow: for one input, the finite `x` with
    /// `f(x) = ±0` exactly (`log(1)`, `sin(±0)`, `sinpi` at the integers); for two inputs, first
    /// inputs `x` at which a zero result is exact (`pow(±0, y > 0)`, `atan2(±0, x)`,
    /// `hypot(±0, ±0)`); for `sincos`, the first output's.
    pub zeros: Points,
}

/// A set of points on the real line: where a function has its poles or exact zeros
/// ([`FuncInfo::poles`], [`FuncInfo::zeros`]).
///
/// ```
/// use simdmath_kernels::registry::Points;
/// assert!(Points::Zero.contains(-0.0) && !Points::Zero.contains(1e-300));
/// assert!(Points::Integers.contains(-3.0) && Points::Integers.contains(1e300));
/// assert!(Points::HalfOddIntegers.contains(-2.5) && !Points::HalfOddIntegers.contains(3.0));
/// assert!(!Points::Unit.contains(f64::NAN) && !Points::None.contains(0.0));
/// let log = &simdmath_kernels::FUNCS[1];
/// assert_eq!((log.name, log.poles, log.zeros), ("log", Points::Zero, Points::One));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Points {
    /// No point.
    None,
    /// `±0`.
    Zero,
    /// `1`.
    One,
    /// `-1`.
    MinusOne,
    /// `±1`.
    Unit,
    /// Every integer (every float from `2^52` on is one; not the infinities).
    Integers,
    /// `n + 1/2` for every integer `n`.
    HalfOddIntegers,
}

impl Points {
    /// Whether `x` is one of the points (never for NaN or the infinities).
    ///
    /// ```
    /// use simdmath_kernels::registry::Points;
    /// assert!(Points::Unit.contains(-1.0) && !Points::Unit.contains(2.0));
    /// assert!(!Points::Integers.contains(f64::INFINITY) && !Points::Integers.contains(0.5));
    /// ```
    pub fn contains(self, x: f64) -> bool {
        // `f64::fract` is not in `core`: below 2^52 a float is an integer when truncating it
        // to an `i64` and back gives it again; from 2^52 on every float is one.
        let integer =
            |t: f64| t.is_finite() && (t.abs() >= 4503599627370496.0 || t == t as i64 as f64);
        match self {
            Points::None => false,
            Points::Zero => x == 0.0,
            Points::One => x == 1.0,
            Points::MinusOne => x == -1.0,
            Points::Unit => x.abs() == 1.0,
            Points::Integers => integer(x),
            // Below 2^52, |x| - 1/2 is exact for a half-integer |x|.
            Points::HalfOddIntegers => x.abs() < 4503599627370496.0 && integer(x.abs() - 0.5),
        }
    }
}

#[doc(hidden)]
#[macro_export]
macro_rules! registry_table {
    (; $( $Var:ident $snake:ident $name:literal $arity:ident ($c64:ident $c32:ident $($nolibm:ident)?) [$k64:path] [$k32:path] $u64:literal $u32:literal (cr $([$kcr:path] $ucr:literal)?) {poles: $poles:ident, zeros: $zeros:ident $(, usual: [$($us64:path)?] [$($us32:path)?])? $(, input: [$($in64:path $(; $ia64:ident)?)?] [$($in32:path $(; $ia32:ident)?)?])?} $dom:literal $sp:literal ; )*) => {
        /// Every registered function, in registry order.
        ///
        /// ```
        /// let names: Vec<_> = simdmath_kernels::FUNCS.iter().map(|f| f.name).collect();
        /// assert_eq!(names[..4], ["exp", "log", "sin", "cos"]);
        /// assert!(names.contains(&"pow"));
        /// assert!(names.contains(&"cbrt"));
        /// ```
        pub const FUNCS: &[FuncInfo] = &[$(FuncInfo {
            name: $name, arity: stringify!($arity), max_ulp_f64: $u64, max_ulp_f32: $u32,
            max_ulp_f32_cr: $crate::registry_table!(@cr $($ucr)?),
            domain: $dom, specials: $sp,
            poles: $crate::registry::Points::$poles, zeros: $crate::registry::Points::$zeros,
        }),*];
    };
    (@cr $u:literal) => { Some($u) };
    (@cr) => { None };
}
crate::for_each_func!(crate::registry_table {});
