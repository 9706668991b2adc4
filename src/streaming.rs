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
