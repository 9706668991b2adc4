//! When an out-of-place call writes its output with non-temporal stores.
//!
//! An ordinary store to a line that is not in cache first reads the line (read for ownership),
//! so a large map `out = f(x)` moves three bytes for every two it needs: read `x`, read `out`,
//! write `out`. Non-temporal ("streaming") stores write whole lines without reading them, and
//! do not keep them in cache. That is right for an output that would not stay in cache anyway
//! and wrong for one a caller is about to read again from cache, so the choice is made on the
//! size of the whole call's output (a pool's chunks all follow the call's choice): at or above
//! [`streaming_threshold`] bytes, every out-of-place evaluation of this crate ([`crate::eval`],
//! [`crate::eval2`], [`crate::eval_pair`] and their `_with`/`_with_accuracy` forms, and the
//! [`crate::Pool`] methods of the same names) streams; in place never does (the line is read
//! anyway, for its input). The results are the same bits either way.

use crate::{Accuracy, Func, Isa, Real};
use simdmath_kernels::backend::Kernel;
use std::sync::OnceLock;

/// Used when the operating system does not say how large the last-level cache is: 32 MiB, the
/// L3 of one Zen 2-5 CCX or of a mid-size Intel server part. Too small a value streams some
/// outputs that would have stayed in cache (a consumer then reads them from memory); too large
/// a value only forgoes the saving, so a guess errs on the large side.
const FALLBACK_BYTES: usize = 32 << 20;

/// Output size in bytes from which out-of-place calls write with non-temporal stores: the
/// environment variable `SIMDMATH_STREAM_BYTES` if set (a byte count, `0` for always, `off`
/// for never), else the size of the last-level cache of CPU 0 (Linux `sysfs`; one instance of
/// it, e.g. one CCX's L3 on AMD), else 32 MiB. Read once per process.
///
/// ```
/// let t = simdmath::streaming_threshold();
/// assert!(t > 0 || std::env::var("SIMDMATH_STREAM_BYTES").as_deref() == Ok("0"));
/// // A 1 GB output streams (unless SIMDMATH_STREAM_BYTES says otherwise); 4 KiB never does
/// // with the default.
/// # if std::env::var_os("SIMDMATH_STREAM_BYTES").is_none() {
/// assert!(t <= 1 << 30 && t > 4096);
/// # }
/// ```
pub fn streaming_threshold() -> usize {
    static T: OnceLock<usize> = OnceLock::new();
    *T.get_or_init(|| match std::env::var("SIMDMATH_STREAM_BYTES") {
        Ok(v) => parse_env(&v).unwrap_or_else(|| {
            eprintln!(
                "simdmath: note: SIMDMATH_STREAM_BYTES='{v}' is not a byte count or 'off'; using the cache size"
            );
            llc_bytes().unwrap_or(FALLBACK_BYTES)
        }),
        Err(_) => llc_bytes().unwrap_or(FALLBACK_BYTES),
    })
}

/// `SIMDMATH_STREAM_BYTES`: a byte count (`_` separators allowed) or `off`/`never`.
fn parse_env(v: &str) -> Option<usize> {
    let v = v.trim();
    if v.eq_ignore_ascii_case("off") || v.eq_ignore_ascii_case("never") {
        return Some(usize::MAX);
    }
    v.replace('_', "").parse().ok()
}

/// The largest cache level's size of CPU 0 from `/sys/devices/system/cpu/cpu0/cache` (Linux).
fn llc_bytes() -> Option<usize> {
    let dir = std::fs::read_dir("/sys/devices/system/cpu/cpu0/cache").ok()?;
    let mut best: Option<(u32, usize)> = None;
    for e in dir.flatten() {
        let p = e.path();
        let read = |f: &str| std::fs::read_to_string(p.join(f)).ok();
        let (Some(level), Some(size)) = (read("level"), read("size")) else {
            continue;
        };
        if read("type").is_some_and(|t| t.trim() == "Instruction") {
            continue;
        }
        let (Ok(level), Some(bytes)) = (level.trim().parse::<u32>(), parse_size(&size)) else {
            continue;
        };
        if best.is_none_or(|(l, _)| level > l) {
            best = Some((level, bytes));
        }
    }
    best.map(|(_, b)| b).filter(|&b| b > 0)
}

/// `sysfs` cache sizes: `32768K`, `2M`, or plain bytes.
fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mul) = match s.as_bytes().last()? {
        b'K' | b'k' => (&s[..s.len() - 1], 1 << 10),
        b'M' | b'm' => (&s[..s.len() - 1], 1 << 20),
        b'G' | b'g' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim().parse::<usize>().ok()?.checked_mul(mul)
}

/// The operands of one [`eval_checked`] call, by the function's shape; inputs and outputs
/// apart (out of place), every slice of the same length.
///
/// ```
/// use simdmath::Operands;
/// let (x, mut y) = ([1.0f32; 4], [0.0f32; 4]);
/// let ops = Operands::Unary(&x, &mut y);
/// assert_eq!(ops.len(), 4);
/// ```
#[derive(Debug)]
pub enum Operands<'a, T> {
    /// `out[i] = f(x[i])`: `(x, out)`.
    Unary(&'a [T], &'a mut [T]),
    /// `out[i] = f(x[i], y[i])`: `(x, y, out)`.
    Binary(&'a [T], &'a [T], &'a mut [T]),
    /// `out[i] = f(x[i], y)`: `(x, y, out)`.
    BinaryScalar(&'a [T], T, &'a mut [T]),
    /// `(out0[i], out1[i]) = f(x[i])`: `(x, out0, out1)`.
    Pair(&'a [T], &'a mut [T], &'a mut [T]),
}

impl<T> Operands<'_, T> {
    /// The number of elements (of the first input).
    ///
    /// ```
    /// let (x, mut a, mut b) = ([0.5f64; 3], [0.0; 3], [0.0; 3]);
    /// assert_eq!(simdmath::Operands::Pair(&x, &mut a, &mut b).len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            Operands::Unary(x, _)
            | Operands::Binary(x, ..)
            | Operands::BinaryScalar(x, ..)
            | Operands::Pair(x, ..) => x.len(),
        }
    }

    /// Whether there are no elements.
    ///
    /// ```
    /// let (x, mut y) = ([0.0f32; 0], [0.0f32; 0]);
    /// assert!(simdmath::Operands::Unary(&x, &mut y).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Evaluates `f` in tier `acc` on one thread with `isa` and returns whether any result is not a
/// normal number (NaN, ±inf, ±0 or subnormal); with `stream` the outputs are written with
/// non-temporal stores. The same bits as [`crate::eval_with_accuracy`] and its two-input and
/// two-output forms.
///
/// This is the call for one block of an out-of-place evaluation when the caller also needs the
/// floating-point exceptions numpy would report (the Python ufuncs): the check is made on the
/// results while they are in registers, so only a block for which it returns `true` needs to
/// be looked at again, instead of every output being scanned (or, when a large output streams,
/// read back from memory). `stream` is for blocks of an output larger than the cache
/// ([`streaming_threshold`]); the other `eval` functions choose it by size.
///
/// # Panics
/// If the slices' lengths differ (naming both), the operands do not fit `f`'s shape, `isa`
/// is not available, or the tier has no kernel for `f` and `T` (as
/// [`crate::eval_with_accuracy`]).
///
/// ```
/// use simdmath::{Accuracy, Func, Isa, Operands};
/// let x: Vec<f64> = (1..=1000).map(|i| i as f64).collect();
/// let mut y = vec![0.0; 1000];
/// let ops = Operands::Unary(&x, &mut y);
/// let unusual = simdmath::eval_checked(Isa::best(), Accuracy::Faithful, Func::Log, ops, false);
/// assert!(unusual); // log(1) = 0
/// let mut z = vec![0.0; 1000];
/// simdmath::eval(Func::Log, &x, &mut z);
/// assert_eq!(y, z);
/// let (a, mut b) = ([2.0f32; 5], [0.0f32; 5]);
/// let hyp = Operands::BinaryScalar(&a, 3.0, &mut b);
/// assert!(!simdmath::eval_checked(Isa::best(), Accuracy::Faithful, Func::Hypot, hyp, true));
/// ```
#[track_caller]
pub fn eval_checked<T: Real>(
    isa: Isa,
    acc: Accuracy,
    f: Func,
    ops: Operands<'_, T>,
    stream: bool,
) -> bool {
    crate::check_isa(isa);
    let k = match acc {
        Accuracy::Faithful => T::kernel_checked(isa, f, stream),
        Accuracy::CorrectlyRounded => match T::cr_kernel_checked(isa, f, stream) {
            Some(k) => k,
            None => panic!(
                "simdmath: {f} has no correctly rounded {} tier: use Accuracy::Faithful",
                T::NAME
            ),
        },
    };
    let what = "eval_checked";
    match (k, ops) {
        (Kernel::Unary(e), Operands::Unary(x, out)) => {
            crate::check_lengths(what, x.len(), out.len());
            // SAFETY: both valid for `x.len()` elements and apart (`&` and `&mut`); the CPU
            // runs `isa` (checked above).
            unsafe { e(x.as_ptr(), out.as_mut_ptr(), x.len()) }
        }
        (Kernel::Binary(e, _), Operands::Binary(x, y, out)) => {
            crate::check_lengths(what, x.len(), out.len());
            crate::check_lengths(what, y.len(), out.len());
            // SAFETY: as above, three slices.
            unsafe { e(x.as_ptr(), y.as_ptr(), out.as_mut_ptr(), x.len()) }
        }
        (Kernel::Binary(_, e), Operands::BinaryScalar(x, y, out)) => {
            crate::check_lengths(what, x.len(), out.len());
            // SAFETY: as above.
            unsafe { e(x.as_ptr(), y, out.as_mut_ptr(), x.len()) }
        }
        (Kernel::Pair(e), Operands::Pair(x, a, b)) => {
            crate::check_lengths(what, x.len(), a.len());
            crate::check_lengths(what, x.len(), b.len());
            // SAFETY: as above, one input and two outputs.
            unsafe { e(x.as_ptr(), a.as_mut_ptr(), b.as_mut_ptr(), x.len()) }
        }
        (Kernel::Unary(_), _) => {
            panic!("simdmath: {f} takes one input and one output: use Operands::Unary")
        }
        (Kernel::Binary(..), _) => {
            panic!("simdmath: {f} takes two inputs: use Operands::Binary or Operands::BinaryScalar")
        }
        (Kernel::Pair(_), _) => panic!("simdmath: {f} has two outputs: use Operands::Pair"),
    }
}

/// Whether an out-of-place output of `n` elements of `T` is written with non-temporal stores:
/// its bytes reach [`streaming_threshold`] (the last-level cache, or `SIMDMATH_STREAM_BYTES`).
/// The one rule every out-of-place path follows (`eval`, the pool, the Python ufuncs, `simdmath run`).
///
/// ```
/// let big = simdmath::streaming_threshold() / 8 + 1;
/// assert!(simdmath::streams::<f64>(big) && !simdmath::streams::<f64>(0));
/// ```
#[inline]
pub fn streams<T>(n: usize) -> bool {
    n.saturating_mul(std::mem::size_of::<T>()) >= streaming_threshold()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_env_values() {
        assert_eq!(parse_size("32768K\n"), Some(32 << 20));
        assert_eq!(parse_size("2M"), Some(2 << 20));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("x"), None);
        assert_eq!(parse_env("off"), Some(usize::MAX));
        assert_eq!(parse_env(" 0 "), Some(0));
        assert_eq!(parse_env("1_000"), Some(1000));
        assert_eq!(parse_env("lots"), None);
    }
}
