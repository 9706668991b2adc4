//! When an out-of-place call writes its output with non-temporal stores.
//!
//! An ordinary store to a line that is not in cache first reads the line (read for ownership),
//! so a large map `out = f(x)` moves three bytes for every two it needs: read `x`, read `out`,
//! write `out`. Non-temporal ("streaming") stores write whole lines without reading them, and
//! do not keep them in cache. That is right for an output that would not stay in cache anyway
//! and wrong for one a caller is about to read again from cache. A call's inputs pass through
//! the cache as its outputs do, so what decides is the call's whole footprint: the bytes of
//! every array it reads and writes (a pool's chunks all follow the call's choice). At or above
//! [`streaming_threshold`] bytes (the last-level cache), the output could not have stayed
//! cached, and every out-of-place evaluation of this crate ([`crate::eval`],
//! [`crate::eval2`], [`crate::eval_pair`] and their `_with`/`_with_accuracy` forms, the
//! [`crate::Pool`] methods of the same names, whole expressions and the Python ufuncs)
//! streams, unless its output's pages have never been written ([`streams_to`]: the operating
//! system's clearing of a fresh page leaves it in cache, where an ordinary store is cheaper);
//! in place never does (the line is read anyway, for its input). The results are the same
//! bits either way.
//!
//! Until 2026-12-08 only the output's bytes counted. On the Xeon of docs/PERFORMANCE.md
//! (`lscpu` family 6 model 167, 480 MiB of L3 reported) a `f32` map of 1e8 elements (400 MB
//! out, 400 MB in) then did not stream: `exp` took 36.8 ms and `sin` 36.7 on the pool of 2,
//! streamed 28.8 and 30.0.

use std::sync::OnceLock;

/// Used when the operating system does not say how large the last-level cache is: 32 MiB, the
/// L3 of one Zen 2-5 CCX or of a mid-size Intel server part. Too small a value streams some
/// outputs that would have stayed in cache (a consumer then reads them from memory); too large
/// a value only forgoes the saving, so a guess errs on the large side.
const FALLBACK_BYTES: usize = 32 << 20;

/// A call's footprint in bytes (every array it reads or writes, [`streams_arrays`]) from which
/// out-of-place calls write with non-temporal stores: the environment variable
/// `SIMDMATH_STREAM_BYTES` if set (a byte count; `0` for always, fresh pages included, see
/// [`streams_to`]; `off` for never), else the size of the last-level cache of CPU 0 (Linux
/// `sysfs`; one instance of it, e.g. one CCX's L3 on AMD), else 32 MiB. Read once per process.
///
/// ```
/// let t = simdmath::streaming_threshold();
/// assert!(t > 0 || std::env::var("SIMDMATH_STREAM_BYTES").as_deref() == Ok("0"));
/// // A call moving 1 GB streams (unless SIMDMATH_STREAM_BYTES says otherwise); 4 KiB never
/// // does with the default.
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

/// Whether an out-of-place call of `n` elements that reads and writes `arrays` arrays of `T`
/// in all (inputs and outputs: 2 for `y = f(x)`, 3 for `z = f(x, y)` or `sincos`, scalars not
/// counted) writes its outputs with non-temporal stores: those `n * arrays` elements' bytes
/// reach [`streaming_threshold`] (the last-level cache, or `SIMDMATH_STREAM_BYTES`): the size
/// half of [`streams_to`], the one rule every out-of-place path follows (`eval`, the pool,
/// expressions, the Python ufuncs, `simdmath run`).
///
/// ```
/// let t = simdmath::streaming_threshold();
/// // Three f64 arrays just over the threshold stream; two of the same length do not.
/// # if t >= 64 && t < 1 << 40 {
/// let n = t / 24 + 1;
/// assert!(simdmath::streams_arrays::<f64>(n, 3));
/// assert!(!simdmath::streams_arrays::<f64>(n, 2));
/// # }
/// ```
#[inline]
pub fn streams_arrays<T>(n: usize, arrays: usize) -> bool {
    reaches(n, arrays, std::mem::size_of::<T>(), streaming_threshold())
}

/// [`streams_arrays`] for a call that writes `n` elements at `out` (the first output; `sincos`
/// asks for each of its two): and only where `out`'s memory has been written before. A page
/// the call would be the first to write is cleared by the operating system when the call
/// faults it in, which leaves its lines in cache; an ordinary store then finds the line there,
/// while a non-temporal one writes the line to memory a second time. On Linux the pages holding
/// the first, middle and last element are asked (`mincore`: three system calls, against a
/// call that moves at least the last-level cache); where one of them is not resident the call
/// does not stream. Elsewhere, or where the system cannot say, the size decides alone, and so
/// it does with `SIMDMATH_STREAM_BYTES=0`, which streams every out-of-place call (the
/// streamed path's tests).
///
/// Measured on the Xeon of docs/PERFORMANCE.md (`lscpu` family 6 model 167, AVX-512, 480 MiB
/// of L3), n = 1e8, from Python, best of 5: `y = simdmath.exp(x)`, which writes a new array
/// each call, took `float32` 75-91 ms and `float64` 166-176 ms with non-temporal stores and
/// 57-58 and 116-121 ms without them; `simdmath.exp(x, out=y)` into the same `y` again took
/// 29-32 and 60-64 ms streamed, 36-41 and 71-91 not.
///
/// ```
/// let mut y = vec![0.0f64; 1000];
/// y.fill(2.0); // written: resident
/// let t = simdmath::streaming_threshold();
/// assert_eq!(simdmath::streams_to(y.as_ptr(), y.len(), 2), t <= 16_000);
/// ```
pub fn streams_to<T>(out: *const T, n: usize, arrays: usize) -> bool {
    streams_arrays::<T>(n, arrays)
        && (streaming_threshold() == 0
            || resident(out.cast(), n.saturating_mul(std::mem::size_of::<T>())))
}

/// Whether the pages holding the first, middle and last of `bytes` bytes at `p` are resident
/// (Linux `mincore`); `true` where that cannot be asked or the system does not answer, and for
/// an empty span.
fn resident(p: *const u8, bytes: usize) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        const SC_PAGESIZE: i32 = 30; // Linux, glibc and musl
        unsafe extern "C" {
            fn sysconf(name: i32) -> std::ffi::c_long;
            fn mincore(addr: *mut std::ffi::c_void, len: usize, vec: *mut u8) -> i32;
        }
        static PAGE: AtomicUsize = AtomicUsize::new(0);
        if bytes == 0 {
            return true;
        }
        let mut page = PAGE.load(Ordering::Relaxed);
        if page == 0 {
            // SAFETY: `sysconf` only reads a system constant.
            let v = unsafe { sysconf(SC_PAGESIZE) };
            page = usize::try_from(v)
                .ok()
                .filter(|p| p.is_power_of_two())
                .unwrap_or(4096);
            PAGE.store(page, Ordering::Relaxed);
        }
        let start = p as usize;
        [start, start + bytes / 2, start + (bytes - 1)]
            .iter()
            .all(|&a| {
                let mut v = 0u8;
                // SAFETY: `mincore` reads no memory at `addr` (it asks the kernel about the
                // mapping of one page-aligned page) and writes one byte into `v`; an address that
                // is not mapped is an error (`ENOMEM`), taken as resident.
                let rc = unsafe { mincore((a & !(page - 1)) as *mut std::ffi::c_void, 1, &mut v) };
                rc != 0 || v & 1 != 0
            })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (p, bytes);
        true
    }
}

/// Whether `arrays` arrays of `n` elements of `size` bytes reach `threshold` bytes (saturating).
fn reaches(n: usize, arrays: usize, size: usize, threshold: usize) -> bool {
    n.saturating_mul(arrays).saturating_mul(size) >= threshold
}

/// Whether an out-of-place one-input, one-output call of `n` elements of `T` (`y = f(x)`)
/// writes with non-temporal stores: [`streams_arrays`] of two arrays, `2 n` elements' bytes
/// at least [`streaming_threshold`].
///
/// ```
/// let big = simdmath::streaming_threshold() / 16 + 1;
/// assert!(simdmath::streams::<f64>(big) && !simdmath::streams::<f64>(0));
/// ```
#[inline]
pub fn streams<T>(n: usize) -> bool {
    streams_arrays::<T>(n, 2)
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

    /// The footprint counts every array: with a 480 MiB cache (the Xeon's), a 400 MB `f32`
    /// map (1e8 elements in, 1e8 out) streams, a 200 MB one does not; a two-input call of
    /// 170 MB arrays does; `0` always, `off` (`usize::MAX`) never.
    #[test]
    fn the_footprint_counts_inputs_and_outputs() {
        let llc = 480 << 20;
        assert!(reaches(100_000_000, 2, 4, llc));
        assert!(!reaches(100_000_000, 1, 4, llc));
        assert!(!reaches(50_000_000, 2, 4, llc));
        assert!(reaches(21_250_000, 3, 8, llc) && !reaches(21_250_000, 2, 8, llc));
        assert!(reaches(0, 2, 8, 0));
        assert!(!reaches(1 << 40, 3, 8, usize::MAX));
    }

    /// A fresh allocation's pages are not resident until written (so a call into it does not
    /// stream), every page is after a write, and only the written part of a half-written one.
    #[cfg(target_os = "linux")]
    #[test]
    fn fresh_pages_are_not_resident_until_written() {
        // 64 MiB of f64: above glibc's largest mmap threshold, so a fresh mapping each time.
        let n = 8 << 20;
        let mut v = vec![0.0f64; n];
        let (p, bytes) = (v.as_ptr().cast::<u8>(), n * 8);
        assert!(
            !resident(p, bytes),
            "a fresh zeroed allocation reads as resident"
        );
        v[..n / 4].fill(1.0);
        assert!(
            !resident(p, bytes),
            "the middle and last pages were never written"
        );
        assert!(resident(p, bytes / 4), "the written quarter");
        v.fill(2.0);
        assert!(resident(p, bytes));
        assert!(resident(p, 0));
    }
}
