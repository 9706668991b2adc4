//! Instruction sets and their runtime detection.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// Declares [`Isa`] from one line per instruction set: its variant, the `simdmath_kernels`
/// backend module that holds its facts (the module's `isa!` macro: name, target features,
/// detection) and the `cfg` of the builds that have that module. [`Isa::name`],
/// [`Isa::features`] and [`Isa::is_available`] read them from there.
macro_rules! isas {
    ($(#[$meta:meta])* pub enum Isa {
        $($(#[$doc:meta])* $V:ident => $m:ident if $cfg:meta,)*
    }) => {
        $(#[$meta])*
        pub enum Isa {
            $($(#[$doc])* $V,)*
        }

        impl Isa {
            /// Every instruction set this build knows, available or not, slowest first among
            /// those of one architecture (x86-64: portable, avx2, avx512; aarch64: portable, neon).
            ///
            /// ```
            /// assert_eq!(simdmath::Isa::ALL[0], simdmath::Isa::Portable);
            /// assert!(simdmath::Isa::ALL.contains(&simdmath::Isa::Neon));
            /// ```
            pub const ALL: &'static [Isa] = &[$(Isa::$V),*];

            /// Lower-case name, as accepted by `SIMDMATH_ISA` and `--isa`: the name of its
            /// backend module in `simdmath_kernels::backend`.
            ///
            /// ```
            /// assert_eq!(simdmath::Isa::Avx512.name(), "avx512");
            /// ```
            pub fn name(self) -> &'static str {
                match self {
                    $(Isa::$V => stringify!($m),)*
                }
            }

            /// The target features its entry points are compiled with and that
            /// [`Isa::is_available`] checks (the backend's `FEATURES`); empty for
            /// [`Isa::Portable`], which needs nothing beyond the build's baseline, and for an
            /// instruction set of another architecture than this build's.
            ///
            /// ```
            /// use simdmath::Isa;
            /// assert!(Isa::Portable.features().is_empty());
            /// if cfg!(target_arch = "x86_64") {
            ///     assert_eq!(Isa::Avx2.features(), ["avx2", "fma"]);
            /// }
            /// ```
            pub fn features(self) -> &'static [&'static str] {
                match self {
                    $(Isa::$V => {
                        #[cfg($cfg)]
                        let f = simdmath_kernels::backend::$m::FEATURES;
                        #[cfg(not($cfg))]
                        let f: &[&str] = &[];
                        f
                    })*
                }
            }
        }

        /// Whether this CPU has each instruction set, in [`Isa::ALL`]'s order (false for one of
        /// another architecture).
        fn detect() -> [bool; Isa::ALL.len()] {
            [$({
                #[cfg($cfg)]
                let d = simdmath_kernels::backend::$m::isa!(detected);
                #[cfg(not($cfg))]
                let d = false;
                d
            }),*]
        }
    };
}

isas! {
    /// An instruction set a kernel can run on.
    ///
    /// ```
    /// use simdmath::Isa;
    /// let best = Isa::best();
    /// assert!(Isa::available().contains(&best));
    /// assert!(Isa::available().contains(&Isa::Portable));
    /// assert_eq!("avx2".parse::<Isa>(), Ok(Isa::Avx2));
    /// ```
    #[non_exhaustive]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Isa {
        /// The `wide` crate's vectors, compiled for the build's baseline (SSE2 on x86-64, NEON on
        /// aarch64; AVX2+FMA with `-C target-cpu=native`). Runs everywhere.
        Portable => portable if all(),
        /// AVX2 + FMA through `core::arch`, 4 `f64` / 8 `f32` lanes (x86-64 only).
        Avx2 => avx2 if target_arch = "x86_64",
        /// AVX-512 (F + DQ) through `core::arch`, 8 `f64` / 16 `f32` lanes (x86-64 only).
        Avx512 => avx512 if target_arch = "x86_64",
        /// NEON (Advanced SIMD, with its fused multiply-add) through `core::arch`, 2 `f64` /
        /// 4 `f32` lanes (aarch64 only). The same bits as AVX2 and AVX-512.
        Neon => neon if target_arch = "aarch64",
    }
}

/// Error for an instruction-set name that is unknown or not available on this CPU.
///
/// ```
/// let err = "sse9".parse::<simdmath::Isa>().unwrap_err();
/// assert!(err.to_string().contains("portable"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsaError(String);

impl fmt::Display for IsaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for IsaError {}

impl Isa {
    /// Whether this CPU can run the instruction set: has every one of [`Isa::features`]
    /// (detected once per process, by its backend's `isa!(detected)`).
    ///
    /// ```
    /// assert!(simdmath::Isa::Portable.is_available());
    /// ```
    pub fn is_available(self) -> bool {
        static DETECTED: OnceLock<[bool; Isa::ALL.len()]> = OnceLock::new();
        DETECTED.get_or_init(detect)[self as usize]
    }

    /// All instruction sets this CPU can run, slowest first; [`Isa::Portable`] is always there.
    ///
    /// ```
    /// assert_eq!(simdmath::Isa::available()[0], simdmath::Isa::Portable);
    /// ```
    pub fn available() -> Vec<Isa> {
        Isa::ALL
            .iter()
            .copied()
            .filter(|i| i.is_available())
            .collect()
    }

    /// The fastest instruction set this CPU can run, ignoring `SIMDMATH_ISA`.
    ///
    /// ```
    /// assert!(simdmath::Isa::detected().is_available());
    /// ```
    pub fn detected() -> Isa {
        *Isa::available()
            .last()
            .expect("portable is always available")
    }

    /// The instruction set named by the `SIMDMATH_ISA` environment variable, if it is set.
    ///
    /// # Errors
    /// The name is unknown or names an instruction set this CPU cannot run.
    ///
    /// ```
    /// // Unset in doctests unless the caller set it; either way it is never unavailable here.
    /// if let Ok(Some(isa)) = simdmath::Isa::from_env() {
    ///     assert!(isa.is_available());
    /// }
    /// ```
    pub fn from_env() -> Result<Option<Isa>, IsaError> {
        match std::env::var("SIMDMATH_ISA") {
            Ok(s) if !s.trim().is_empty() => s
                .parse::<Isa>()
                .and_then(Isa::require_available)
                .map(Some)
                .map_err(|e| IsaError(format!("SIMDMATH_ISA: {e}"))),
            _ => Ok(None),
        }
    }

    /// `Ok(self)` if this CPU can run it, else an error naming what it can run.
    ///
    /// # Errors
    /// The instruction set is not available on this CPU.
    ///
    /// ```
    /// assert!(simdmath::Isa::Portable.require_available().is_ok());
    /// ```
    pub fn require_available(self) -> Result<Isa, IsaError> {
        if self.is_available() {
            Ok(self)
        } else {
            Err(IsaError(format!(
                "instruction set '{}' is not available on this CPU (available: {})",
                self.name(),
                names(&Isa::available())
            )))
        }
    }

    /// What [`eval`](crate::eval) uses: `SIMDMATH_ISA` if set, else [`Isa::detected`].
    /// Decided once per process.
    ///
    /// # Panics
    /// If `SIMDMATH_ISA` names an unknown instruction set or one this CPU cannot run (the
    /// message says which names are valid); check with [`Isa::from_env`] first to avoid it.
    ///
    /// ```
    /// assert!(simdmath::Isa::best().is_available());
    /// ```
    pub fn best() -> Isa {
        static BEST: OnceLock<Isa> = OnceLock::new();
        *BEST.get_or_init(|| match Isa::from_env() {
            Ok(Some(isa)) => isa,
            Ok(None) => Isa::detected(),
            Err(e) => panic!("{e}"),
        })
    }
}

fn names(isas: &[Isa]) -> String {
    isas.iter().map(|i| i.name()).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Isa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Isa {
    type Err = IsaError;
    fn from_str(s: &str) -> Result<Isa, IsaError> {
        let t = s.trim().to_ascii_lowercase();
        Isa::ALL
            .iter()
            .copied()
            .find(|i| i.name() == t)
            .ok_or_else(|| {
                IsaError(format!(
                    "unknown instruction set '{s}' (valid: {})",
                    names(Isa::ALL)
                ))
            })
    }
}
