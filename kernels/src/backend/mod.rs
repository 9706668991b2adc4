//! The backends: one file per instruction set, each implementing [`crate::Lanes`] for one `f64`
//! and one `f32` vector type and calling `stamp_backend!` once, which stamps out one entry
//! point per registry function and type (see [`crate::registry`]).
//!
//! Adding an instruction set: a new file here with its two `Lanes` impls and one
//! `stamp_backend!` line, and one variant of `Isa` (with its detection) in the `simdmath` crate.

pub mod portable;

#[cfg(target_arch = "x86_64")]
pub mod avx2;
#[cfg(target_arch = "x86_64")]
pub mod avx512;
#[cfg(target_arch = "aarch64")]
pub mod neon;

/// An entry point: applies one function to `n` elements read from `src` and written to `dst`.
///
/// ```
/// use simdmath_kernels::backend::{Entry, portable};
/// let log: Entry<f64> = portable::F64[1].unary().unwrap();
/// let x = [1.0f64, std::f64::consts::E];
/// let mut y = [0.0; 2];
/// // SAFETY: valid pointers for 2 elements; the portable backend runs on any CPU.
/// unsafe { log(x.as_ptr(), y.as_mut_ptr(), 2) };
/// assert_eq!(y, [0.0, 1.0]);
/// ```
///
/// # Safety
/// `src` must be valid for reading and `dst` for writing `n` elements; they may be equal (in
/// place) but must not otherwise overlap. The CPU must support the backend's instruction set.
pub type Entry<T> = unsafe fn(src: *const T, dst: *mut T, n: usize);

/// An entry point of a two-input function: `dst[i] = f(x[i], y[i])` for `n` elements.
///
/// # Safety
/// `x` and `y` must be valid for reading and `dst` for writing `n` elements; `dst` may equal
/// `x` or `y` (in place) but must not otherwise overlap them. The CPU must support the
/// backend's instruction set.
pub type Entry2<T> = unsafe fn(x: *const T, y: *const T, dst: *mut T, n: usize);

/// An entry point of a two-input function with the second input one scalar:
/// `dst[i] = f(x[i], y)`.
///
/// # Safety
/// As [`Entry`].
pub type EntryScalar<T> = unsafe fn(x: *const T, y: T, dst: *mut T, n: usize);

/// An entry point of a one-input, two-output function (`sincos`): `dst0[i], dst1[i] = f(x[i])`.
///
/// # Safety
/// `src` must be valid for reading and `dst0`, `dst1` for writing `n` elements; `dst0` may
/// equal `src` (in place), otherwise none may overlap. The CPU must support the backend's
/// instruction set.
pub type EntryPair<T> = unsafe fn(src: *const T, dst0: *mut T, dst1: *mut T, n: usize);

/// A registry function's entry points on one backend, by its arity.
///
/// ```
/// use simdmath_kernels::backend::{Kernel, portable};
/// assert!(matches!(portable::F64[0], Kernel::Unary(_))); // exp
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Kernel<T> {
    /// One input, one output.
    Unary(Entry<T>),
    /// Two inputs (two slices, or a slice and a scalar), one output.
    Binary(Entry2<T>, EntryScalar<T>),
    /// One input, two outputs.
    Pair(EntryPair<T>),
}

impl<T> Kernel<T> {
    /// The entry point of a one-input function.
    ///
    /// ```
    /// assert!(simdmath_kernels::backend::portable::F32[0].unary().is_some());
    /// ```
    pub fn unary(self) -> Option<Entry<T>> {
        match self {
            Kernel::Unary(e) => Some(e),
            _ => None,
        }
    }
    /// The entry points (two slices, slice and scalar) of a two-input function.
    ///
    /// ```
    /// assert!(simdmath_kernels::backend::portable::F32[0].binary().is_none());
    /// ```
    pub fn binary(self) -> Option<(Entry2<T>, EntryScalar<T>)> {
        match self {
            Kernel::Binary(a, b) => Some((a, b)),
            _ => None,
        }
    }
    /// The entry point of a one-input, two-output function.
    ///
    /// ```
    /// assert!(simdmath_kernels::backend::portable::F32[0].pair().is_none());
    /// ```
    pub fn pair(self) -> Option<EntryPair<T>> {
        match self {
            Kernel::Pair(e) => Some(e),
            _ => None,
        }
    }
}

/// How far ahead of the vector being computed the entry loops prefetch their input, in bytes.
///
/// Measured on the 2-core VM (`simdmath run`, n = 1e8 `f64` in place, 2 threads, best of 5):
/// `exp` took 0.129 s with no software prefetch (the hardware prefetcher alone kept too few
/// lines in flight) and 0.045-0.047 s at 2048 bytes ahead into L1, against a memory floor of
/// about 0.030 s; 1024-1536 bytes were worse. 4096 bytes ahead into L2 (`T1`) gave the same for
/// `exp` and 5-8 % less time for `log`, `sin` and `cos`, whose math leaves less room to hide
/// misses. In cache (n = 8192) the prefetch costs nothing measurable.
pub const PREFETCH_AHEAD: usize = 4096;

/// A software prefetch of the line at `p` into L2 (x86-64 `prefetcht1`; aarch64 `prfm
/// pldl2keep`, whose distance is the x86 one, unmeasured on Arm hardware; nothing elsewhere).
#[doc(hidden)]
#[inline(always)]
pub fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_MM_HINT_T1, _mm_prefetch};
        // SAFETY: SSE is part of the x86-64 baseline; a prefetch is a hint with no memory effect
        // and never faults, whatever the address.
        unsafe { _mm_prefetch::<_MM_HINT_T1>(p.cast::<i8>()) };
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: `prfm` is in the aarch64 base instruction set; it is a hint with no memory
    // effect, never faults whatever the address, and touches no register or flag but its input.
    unsafe {
        core::arch::asm!("prfm pldl2keep, [{0}]", in(reg) p, options(nostack, preserves_flags, readonly));
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    let _ = p;
}

/// Runs kernel `$k` over `n` elements with vector type `$V`. Full vectors are loaded and stored
/// directly, each after a prefetch of the input [`PREFETCH_AHEAD`] bytes further on (a hint:
/// it never faults, even past the end); the last partial vector is copied into a zero-padded
/// buffer, run through the same kernel, and copied back, so an element's result never depends
/// on its position.
#[doc(hidden)]
#[macro_export]
macro_rules! apply_loop {
    ($V:ty, $k:path, $src:expr, $dst:expr, $n:expr) => {{
        use $crate::lanes::Lanes as _;
        let (src, dst, n) = ($src, $dst, $n);
        let lanes = <$V as $crate::lanes::Lanes>::LANES;
        let ahead = $crate::backend::PREFETCH_AHEAD
            / core::mem::size_of::<<$V as $crate::lanes::Lanes>::Scalar>();
        let mut i = 0usize;
        while i + lanes <= n {
            $crate::backend::prefetch(src.wrapping_add(i + ahead));
            // SAFETY: i + lanes <= n and the caller guarantees `src`/`dst` are valid for `n`
            // elements; a store after the load of the same lanes is fine in place.
            unsafe {
                let v = <$V as $crate::lanes::Lanes>::load(src.add(i));
                $k(v).store(dst.add(i));
            }
            i += lanes;
        }
        if i < n {
            let rem = n - i;
            let mut buf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
            // SAFETY: `rem < lanes <= 16` elements remain in `src` and `dst`; `buf` holds 16.
            unsafe {
                core::ptr::copy_nonoverlapping(src.add(i), buf.as_mut_ptr(), rem);
                let v = <$V as $crate::lanes::Lanes>::load(buf.as_ptr());
                $k(v).store(buf.as_mut_ptr());
                core::ptr::copy_nonoverlapping(buf.as_ptr(), dst.add(i), rem);
            }
        }
    }};
}

/// [`apply_loop!`] for a two-input kernel `$k(x, y)`: `$y` is the second input's pointer, or
/// with `scalar` a scalar splatted to every lane. The tail goes through the same kernel with
/// both inputs padded.
#[doc(hidden)]
#[macro_export]
macro_rules! apply_loop2 {
    ($V:ty, $k:path, $src:expr, $y:expr, $dst:expr, $n:expr, $($scalar:ident)?) => {{
        use $crate::lanes::Lanes as _;
        let (src, y, dst, n) = ($src, $y, $dst, $n);
        let lanes = <$V as $crate::lanes::Lanes>::LANES;
        let ahead = $crate::backend::PREFETCH_AHEAD
            / core::mem::size_of::<<$V as $crate::lanes::Lanes>::Scalar>();
        let mut i = 0usize;
        while i + lanes <= n {
            $crate::backend::prefetch(src.wrapping_add(i + ahead));
            // SAFETY: i + lanes <= n and the caller guarantees the pointers are valid for `n`
            // elements; a store after the loads of the same lanes is fine in place.
            unsafe {
                let v = <$V as $crate::lanes::Lanes>::load(src.add(i));
                let w = $crate::apply_loop2!(@y $V, y, i, $($scalar)?);
                $k(v, w).store(dst.add(i));
            }
            i += lanes;
        }
        if i < n {
            let rem = n - i;
            let mut buf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
            // SAFETY: `rem < lanes <= 16` elements remain in the inputs and `dst`; the buffers
            // hold 16.
            unsafe {
                core::ptr::copy_nonoverlapping(src.add(i), buf.as_mut_ptr(), rem);
                let v = <$V as $crate::lanes::Lanes>::load(buf.as_ptr());
                let w = $crate::apply_loop2!(@tail $V, y, i, rem, $($scalar)?);
                $k(v, w).store(buf.as_mut_ptr());
                core::ptr::copy_nonoverlapping(buf.as_ptr(), dst.add(i), rem);
            }
        }
    }};
    (@y $V:ty, $y:ident, $i:ident, scalar) => { <$V as $crate::lanes::Lanes>::splat($y) };
    (@y $V:ty, $y:ident, $i:ident, ) => {
        <$V as $crate::lanes::Lanes>::load($y.add($i))
    };
    (@tail $V:ty, $y:ident, $i:ident, $rem:ident, scalar) => { <$V as $crate::lanes::Lanes>::splat($y) };
    (@tail $V:ty, $y:ident, $i:ident, $rem:ident, ) => {{
        let mut ybuf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
        core::ptr::copy_nonoverlapping($y.add($i), ybuf.as_mut_ptr(), $rem);
        <$V as $crate::lanes::Lanes>::load(ybuf.as_ptr())
    }};
}

/// [`apply_loop!`] for a one-input, two-output kernel `$k(x) -> (a, b)`.
#[doc(hidden)]
#[macro_export]
macro_rules! apply_loop_pair {
    ($V:ty, $k:path, $src:expr, $d0:expr, $d1:expr, $n:expr) => {{
        use $crate::lanes::Lanes as _;
        let (src, d0, d1, n) = ($src, $d0, $d1, $n);
        let lanes = <$V as $crate::lanes::Lanes>::LANES;
        let ahead = $crate::backend::PREFETCH_AHEAD
            / core::mem::size_of::<<$V as $crate::lanes::Lanes>::Scalar>();
        let mut i = 0usize;
        while i + lanes <= n {
            $crate::backend::prefetch(src.wrapping_add(i + ahead));
            // SAFETY: i + lanes <= n and the caller guarantees the pointers are valid for `n`
            // elements; the stores come after the load of the same lanes (in place into d0).
            unsafe {
                let v = <$V as $crate::lanes::Lanes>::load(src.add(i));
                let (a, b) = $k(v);
                a.store(d0.add(i));
                b.store(d1.add(i));
            }
            i += lanes;
        }
        if i < n {
            let rem = n - i;
            let mut buf = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
            let mut buf1 = [<$V as $crate::lanes::Lanes>::Scalar::default(); 16];
            // SAFETY: `rem < lanes <= 16` elements remain in `src`, `d0` and `d1`; the buffers
            // hold 16.
            unsafe {
                core::ptr::copy_nonoverlapping(src.add(i), buf.as_mut_ptr(), rem);
                let (a, b) = $k(<$V as $crate::lanes::Lanes>::load(buf.as_ptr()));
                a.store(buf.as_mut_ptr());
                b.store(buf1.as_mut_ptr());
                core::ptr::copy_nonoverlapping(buf.as_ptr(), d0.add(i), rem);
                core::ptr::copy_nonoverlapping(buf1.as_ptr(), d1.add(i), rem);
            }
        }
    }};
}

/// Stamps out a backend's entry points: `f64_entries::<fn>` and `f32_entries::<fn>` for every
/// registry function, and the tables `F64`/`F32` in registry order. Arguments: the entry
/// points' attributes (`#[target_feature(...)]`), the backend module's name and a Rust
/// expression that is true where the CPU runs it (for the generated doc examples), then the
/// `f64` and `f32` vector types.
#[doc(hidden)]
#[macro_export]
macro_rules! stamp_backend {
    ($(#[$attr:meta])* $backend:literal, $detect:literal; $V64:ty, $V32:ty) => {
        $crate::for_each_func!($crate::stamp_entries { [$(#[$attr])*] $backend $detect $V64, $V32 });
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! stamp_entries {
    ($attrs:tt $backend:literal $detect:literal $V64:ty, $V32:ty;
     $( $Var:ident $snake:ident $name:literal $arity:ident ($c64:ident $c32:ident $($nolibm:ident)?) [$k64:path] [$k32:path] $u64:literal $u32:literal (cr $([$kcr:path] $ucr:literal)?) $dom:literal $sp:literal ; )*) => {
        /// Entry points for `f64` slices, one per registry function (reach them via [`F64`]).
        #[doc(hidden)]
        pub mod f64_entries {
            #[allow(unused_imports)]
            use super::*;
            $( $crate::stamp_arity!($arity $attrs $snake $name f64 $V64, $k64); )*
            $crate::stamp_one!($attrs copy "copy (no math)" f64 $V64, core::convert::identity);
        }
        /// Entry points for `f32` slices, one per registry function (reach them via [`F32`]).
        #[doc(hidden)]
        pub mod f32_entries {
            #[allow(unused_imports)]
            use super::*;
            $( $crate::stamp_arity!($arity $attrs $snake $name f32 $V32, $k32); )*
            $crate::stamp_one!($attrs copy "copy (no math)" f32 $V32, core::convert::identity);
        }
        /// Entry points of the correctly rounded `f32` tier, one per function that has it.
        #[doc(hidden)]
        pub mod f32_cr_entries {
            #[allow(unused_imports)]
            use super::*;
            $( $( $crate::stamp_arity!($arity $attrs $snake $name f32 $V32, $kcr); )? )*
        }
        /// The correctly rounded `f32` tier's entry points in registry order (`None` where a
        /// function has no such tier; see [`crate::cr`]): `Kernel::Unary`, or `Kernel::Pair` for
        /// `sincos`.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", $backend, "::F32_CR;")]
        /// let x = [1.0f32; 5];
        /// let mut y = [0.0f32; 5];
        #[doc = concat!("if ", $detect, " {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 5 elements.
        ///     let exp = F32_CR[0].and_then(|k| k.unary()).unwrap();
        ///     unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 5) };
        ///     assert_eq!(y, [std::f32::consts::E; 5]);
        /// }
        /// ```
        pub const F32_CR: &[Option<$crate::backend::Kernel<f32>>] =
            &[$($crate::cr_of!($arity f32_cr_entries::$snake $(, $ucr)?)),*];
        /// The `f64` entry points in registry order (index `i` is `FUNCS[i]`).
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", $backend, "::F64;")]
        /// let x = [0.0f64; 3];
        /// let mut y = [f64::NAN; 3];
        #[doc = concat!("if ", $detect, " {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 3 elements.
        ///     if let simdmath_kernels::backend::Kernel::Unary(exp) = F64[0] {
        ///         unsafe { exp(x.as_ptr(), y.as_mut_ptr(), 3) };
        ///     }
        ///     assert_eq!(y, [1.0; 3]);
        /// }
        /// ```
        pub const F64: &[$crate::backend::Kernel<f64>] =
            &[$($crate::kernel_of!($arity f64_entries::$snake)),*];
        /// The `f32` entry points in registry order (index `i` is `FUNCS[i]`).
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", $backend, "::F32;")]
        /// let mut v = [1.0f32; 20];
        #[doc = concat!("if ", $detect, " {")]
        ///     // SAFETY: the CPU runs this backend; in place is allowed.
        ///     if let simdmath_kernels::backend::Kernel::Unary(log) = F32[1] {
        ///         unsafe { log(v.as_ptr(), v.as_mut_ptr(), 20) };
        ///     }
        ///     assert_eq!(v, [0.0; 20]);
        /// }
        /// ```
        pub const F32: &[$crate::backend::Kernel<f32>] =
            &[$($crate::kernel_of!($arity f32_entries::$snake)),*];
        /// The entry loop with no math (`dst[i] = src[i]`, in place allowed), `f64` and `f32`:
        /// the same loads, stores and prefetches as every entry point, the memory floor that
        /// `simdmath run` compares the functions with.
        ///
        /// ```
        #[doc = concat!("use simdmath_kernels::backend::", $backend, "::COPY;")]
        /// let x = [1.5f64; 9];
        /// let mut y = [0.0f64; 9];
        #[doc = concat!("if ", $detect, " {")]
        ///     // SAFETY: the CPU runs this backend; both pointers are valid for 9 elements.
        ///     unsafe { (COPY.0)(x.as_ptr(), y.as_mut_ptr(), 9) };
        ///     assert_eq!(x, y);
        /// }
        /// ```
        pub const COPY: ($crate::backend::Entry<f64>, $crate::backend::Entry<f32>) =
            (f64_entries::copy, f32_entries::copy);

        $crate::with_attrs! { $attrs
            /// Checks [`Lanes::lookup`](crate::Lanes::lookup) of this backend against plain
            /// indexing for tables of 2 to 1024 entries (register permutes, blends and gathers)
            /// and indices with stray high bits; returns the first `(type, N, lane)` that differs.
            ///
            /// # Safety
            /// The CPU must run this backend.
            ///
            /// ```
            #[doc = concat!("use simdmath_kernels::backend::", $backend, "::lookup_check;")]
            #[doc = concat!("if ", $detect, " {")]
            ///     // SAFETY: the CPU runs this backend.
            ///     assert_eq!(unsafe { lookup_check() }, None);
            /// }
            /// ```
            pub unsafe fn lookup_check() -> Option<(&'static str, usize, usize)> {
                $crate::backend::lookup_check_one::<$V64>("f64")
                    .or_else(|| $crate::backend::lookup_check_one::<$V32>("f32"))
            }
        }
    };
}

/// Puts a bracketed list of attributes on an item.
#[doc(hidden)]
#[macro_export]
macro_rules! with_attrs {
    ([$(#[$attr:meta])*] $item:item) => {
        $(#[$attr])*
        $item
    };
}

/// The body of every backend's `lookup_check`, for one vector type.
#[doc(hidden)]
#[inline(always)]
pub fn lookup_check_one<V: crate::Lanes>(ty: &'static str) -> Option<(&'static str, usize, usize)>
where
    V::Scalar: crate::lanes::FromIndex,
{
    check_n::<V, 1>(ty)
        .or_else(|| check_n::<V, 2>(ty))
        .or_else(|| check_n::<V, 4>(ty))
        .or_else(|| check_n::<V, 8>(ty))
        .or_else(|| check_n::<V, 16>(ty))
        .or_else(|| check_n::<V, 32>(ty))
        .or_else(|| check_n::<V, 64>(ty))
        .or_else(|| check_n::<V, 1024>(ty))
}

/// [`lookup_check_one`] for tables of `N` entries.
#[inline(always)]
fn check_n<V: crate::Lanes, const N: usize>(
    ty: &'static str,
) -> Option<(&'static str, usize, usize)>
where
    V::Scalar: crate::lanes::FromIndex,
{
    use crate::lanes::FromIndex;
    let mut t = [V::Scalar::default(); N];
    for (k, e) in t.iter_mut().enumerate() {
        *e = FromIndex::from_index(1000 + 3 * k);
    }
    // Index patterns: ascending, descending, strided, and with stray high bits.
    for pat in 0..4usize {
        let mut idx = [V::Scalar::default(); 16];
        let mut want = [0usize; 16];
        for lane in 0..V::LANES {
            let i = match pat {
                0 => lane,
                1 => N - 1 - lane % N,
                2 => lane * 7 + 3,
                _ => lane * 5 + 1,
            } & (N - 1);
            want[lane] = i;
            let stray = if pat == 3 { N * (lane + 1) } else { 0 };
            idx[lane] = FromIndex::from_bits_usize(i + stray);
        }
        // SAFETY: `idx` and `out` hold 16 >= LANES elements.
        let got = V::lookup(&t, V::to_bits(unsafe { V::load(idx.as_ptr()) }));
        let mut out = [V::Scalar::default(); 16];
        // SAFETY: as above.
        unsafe { got.store(out.as_mut_ptr()) };
        if let Some(lane) = (0..V::LANES).find(|&l| out[l] != t[want[l]]) {
            return Some((ty, N, lane));
        }
    }
    None
}

#[doc(hidden)]
#[macro_export]
macro_rules! stamp_one {
    ([$(#[$attr:meta])*] $snake:ident $name:literal $T:ident $V:ty, $k:path) => {
        #[doc = concat!("`", $name, "` over `n` `", stringify!($T), "` elements.")]
        ///
        /// # Safety
        /// As [`crate::backend::Entry`].
        $(#[$attr])*
        pub unsafe fn $snake(src: *const $T, dst: *mut $T, n: usize) {
            $crate::apply_loop!($V, $k, src, dst, n)
        }
    };
}

/// Stamps a registry function's entry points by its arity: [`stamp_one!`] for `unary`; for
/// `binary` a module `$snake` with `slices` (an [`Entry2`]) and `scalar` (an [`EntryScalar`]).
#[doc(hidden)]
#[macro_export]
macro_rules! stamp_arity {
    (unary $($t:tt)*) => { $crate::stamp_one!($($t)*); };
    (unary2 [$(#[$attr:meta])*] $snake:ident $name:literal $T:ident $V:ty, $k:path) => {
        #[doc = concat!("`", $name, "` over `n` `", stringify!($T), "` elements, two outputs.")]
        ///
        /// # Safety
        /// As [`crate::backend::EntryPair`].
        $(#[$attr])*
        pub unsafe fn $snake(src: *const $T, dst0: *mut $T, dst1: *mut $T, n: usize) {
            $crate::apply_loop_pair!($V, $k, src, dst0, dst1, n)
        }
    };
    (binary [$(#[$attr:meta])*] $snake:ident $name:literal $T:ident $V:ty, $k:path) => {
        #[doc = concat!("`", $name, "` entry points for `", stringify!($T), "`.")]
        pub mod $snake {
            #[allow(unused_imports)]
            use super::*;
            #[doc = concat!("`", $name, "(x[i], y[i])` over `n` `", stringify!($T), "` elements.")]
            ///
            /// # Safety
            /// As [`crate::backend::Entry2`].
            $(#[$attr])*
            pub unsafe fn slices(x: *const $T, y: *const $T, dst: *mut $T, n: usize) {
                $crate::apply_loop2!($V, $k, x, y, dst, n, )
            }
            #[doc = concat!("`", $name, "(x[i], y)` over `n` `", stringify!($T), "` elements.")]
            ///
            /// # Safety
            /// As [`crate::backend::EntryScalar`].
            $(#[$attr])*
            pub unsafe fn scalar(x: *const $T, y: $T, dst: *mut $T, n: usize) {
                $crate::apply_loop2!($V, $k, x, y, dst, n, scalar)
            }
        }
    };
}

/// `Some(entry)` for a function with a correctly rounded `f32` tier, `None` without.
#[doc(hidden)]
#[macro_export]
macro_rules! cr_of {
    ($arity:ident $p:path) => { None };
    ($arity:ident $p:path, $u:literal) => { Some($crate::kernel_of!($arity $p)) };
}

/// The [`Kernel`] value of a stamped function, by its arity.
#[doc(hidden)]
#[macro_export]
macro_rules! kernel_of {
    (unary $p:path) => { $crate::backend::Kernel::Unary($p) };
    (unary2 $p:path) => { $crate::backend::Kernel::Pair($p) };
    (binary $($p:ident)::+) => {
        $crate::backend::Kernel::Binary($($p)::+::slices, $($p)::+::scalar)
    };
}
