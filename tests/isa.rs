//! Instruction-set selection: names, availability, and the `SIMDMATH_ISA` override as the
//! command line sees it (a bad value is a one-line error with exit code 2).

use simdmath::{Func, Isa};
#[path = "common/spawn.rs"]
mod spawn;

#[test]
fn names_round_trip_and_unknown_names_list_the_valid_ones() {
    for &isa in Isa::ALL {
        assert_eq!(isa.name().parse::<Isa>(), Ok(isa));
    }
    let e = "sse9".parse::<Isa>().unwrap_err().to_string();
    assert!(
        e.contains("sse9") && e.contains("portable, avx2, avx512, neon"),
        "{e}"
    );
    assert!(Isa::available().contains(&Isa::Portable));
    assert!(Isa::detected().is_available());
    // NEON is the aarch64 baseline: there it is detected and the best.
    assert_eq!(Isa::Neon.is_available(), cfg!(target_arch = "aarch64"));
    if cfg!(target_arch = "aarch64") {
        assert_eq!(Isa::detected(), Isa::Neon);
    }
}

#[test]
fn eval_with_an_unavailable_isa_panics_with_a_clear_message() {
    let Some(&missing) = Isa::ALL.iter().find(|i| !i.is_available()) else {
        eprintln!("skipped: every instruction set is available here");
        return;
    };
    let r = std::panic::catch_unwind(|| {
        let mut y = [0.0f64; 4];
        simdmath::eval_with(missing, Func::Exp, &[0.0; 4], &mut y);
    });
    let msg = r.unwrap_err();
    let msg = msg.downcast_ref::<String>().unwrap();
    assert!(msg.contains("not available"), "{msg}");
}

#[test]
fn mismatched_lengths_panic_naming_both_lengths() {
    let r = std::panic::catch_unwind(|| {
        let mut y = [0.0f32; 3];
        simdmath::eval(Func::Sin, &[0.0f32; 5], &mut y);
    });
    let msg = r.unwrap_err();
    let msg = msg.downcast_ref::<String>().unwrap();
    assert!(msg.contains('5') && msg.contains('3'), "{msg}");
}

fn simdmath(isa_env: &str, args: &[&str]) -> std::process::Output {
    spawn::simdmath()
        .args(args)
        .env("SIMDMATH_ISA", isa_env)
        .output()
        .expect("run simdmath")
}

#[test]
fn bad_simdmath_isa_is_a_one_line_error_with_exit_code_2() {
    for bad in ["sse9", "AVX-1024"] {
        let out = simdmath(bad, &["run", "--n", "1000"]);
        assert_eq!(out.status.code(), Some(2), "SIMDMATH_ISA={bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains("SIMDMATH_ISA") && err.contains("portable"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn simdmath_isa_overrides_the_choice() {
    let out = simdmath(
        "portable",
        &["run", "--n", "10000", "--modes", "sequential"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ISA: portable"), "{text}");
}

/// Calls a backend check (`lookup_check()`, `sqrt_normal_check(&s)`: `None` when it passes)
/// of the portable backend and of every other backend this CPU runs, asserting `None`; a
/// backend the CPU lacks is skipped with a line on stderr.
macro_rules! on_every_backend {
    ($check:ident($($arg:expr),*)) => {{
        use simdmath_kernels::backend;
        // SAFETY (each call): a backend's check runs only where the CPU has it.
        assert_eq!(unsafe { backend::portable::$check($($arg),*) }, None);
        #[cfg(target_arch = "x86_64")]
        for (isa, name) in [(Isa::Avx2, "avx2"), (Isa::Avx512, "avx512")] {
            if !isa.is_available() {
                eprintln!("skipped: {name} is not available on this CPU");
            } else if isa == Isa::Avx2 {
                assert_eq!(unsafe { backend::avx2::$check($($arg),*) }, None, "avx2");
            } else {
                assert_eq!(unsafe { backend::avx512::$check($($arg),*) }, None, "avx512");
            }
        }
        #[cfg(target_arch = "aarch64")]
        if Isa::Neon.is_available() {
            assert_eq!(unsafe { backend::neon::$check($($arg),*) }, None, "neon");
        } else {
            eprintln!("skipped: neon is not available on this CPU");
        }
    }};
}

/// Every backend's table lookup (register permutes, blends and gathers) equals plain indexing,
/// for tables of 1 to 1024 entries and indices with stray high bits.
#[test]
fn table_lookups_match_plain_indexing_on_every_backend() {
    on_every_backend!(lookup_check());
}

/// The hardest square roots for `sqrt_normal`: `s = (m^2 - r) / 2^54` for odd `m` in
/// `[2^53, 2^53.5)` and small `r = 1 mod 8` (`m` a square root of `r` modulo `2^54`, by Hensel
/// lifting), so `sqrt(s)` lies within about `|r| 2^-108` (relative) of the midpoint
/// `m 2^-27`; each at even powers of two across `[2^-960, 2^1020]`. Then every `s` just below
/// and at a power of four (a square root just under the midpoint below a power of two), and
/// random positive normal numbers over the same range.
fn hard_square_roots() -> Vec<f64> {
    let k = 54u32;
    let modulus = 1u128 << k;
    let mut out = Vec::new();
    let mut r = -39_999i64;
    while r <= 40_001 {
        let rm = ((r as i128).rem_euclid(modulus as i128)) as u128;
        let mut x = 1u128;
        for i in 3..k {
            let mask = (1u128 << (i + 1)) - 1;
            if (x.wrapping_mul(x).wrapping_sub(rm)) & mask != 0 {
                x += 1 << (i - 1);
            }
        }
        assert_eq!(
            x.wrapping_mul(x).wrapping_sub(rm) & (modulus - 1),
            0,
            "r = {r}"
        );
        let half = modulus >> 1;
        for m in [
            x,
            modulus - x,
            (x + half) % modulus,
            (modulus - x + half) % modulus,
        ] {
            if m < 1 << 53 || (m as f64) * (m as f64) >= 2f64.powi(107) {
                continue;
            }
            let num = (m * m) as i128 - r as i128;
            assert_eq!(num % modulus as i128, 0);
            let s = (num / modulus as i128) as u64;
            if !(1u64 << 52..1u64 << 53).contains(&s) {
                continue;
            }
            for e in (-1012..=966).step_by(98) {
                out.push(s as f64 * 2f64.powi(e));
            }
        }
        r += 8;
    }
    for e in -479..=510 {
        let p = 4f64.powi(e);
        out.extend([
            p,
            f64::from_bits(p.to_bits() - 1),
            f64::from_bits(p.to_bits() + 1),
        ]);
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..200_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let e = 1023 - 960 + (seed >> 52) % 1980;
        out.push(f64::from_bits(e << 52 | (seed & ((1 << 52) - 1))));
    }
    out
}

/// Every backend's `sqrt_normal` (AVX-512: `vrsqrt14pd`, a Goldschmidt step, Newton's
/// correction and an exact rounding test instead of `vsqrtpd`) gives the bits of the correctly
/// rounded square root on its domain, the hardest cases included.
#[test]
fn sqrt_normal_is_the_correctly_rounded_square_root_on_every_backend() {
    let s = hard_square_roots();
    assert!(s.len() > 100_000, "{}", s.len());
    assert!(
        s.iter()
            .all(|v| v.is_normal() && *v >= 2f64.powi(-960) && *v <= 2f64.powi(1021))
    );
    on_every_backend!(sqrt_normal_check(&s));
}

/// `Isa` reads each instruction set's facts from its backend: the same name, the same target
/// features, the same detection.
#[test]
fn isa_facts_are_the_backends() {
    use simdmath_kernels::backend;
    assert_eq!(Isa::Portable.name(), backend::portable::NAME);
    assert_eq!(Isa::Portable.features(), backend::portable::FEATURES);
    assert!(Isa::Portable.is_available());
    #[cfg(target_arch = "x86_64")]
    {
        assert_eq!(Isa::Avx2.name(), backend::avx2::NAME);
        assert_eq!(Isa::Avx2.features(), backend::avx2::FEATURES);
        assert_eq!(Isa::Avx2.is_available(), backend::avx2::isa!(detected));
        assert_eq!(Isa::Avx512.name(), backend::avx512::NAME);
        assert_eq!(Isa::Avx512.features(), backend::avx512::FEATURES);
        assert_eq!(Isa::Avx512.is_available(), backend::avx512::isa!(detected));
        // Every AVX-512 CPU has AVX2 and FMA; the AVX-512 entry points are compiled with them.
        assert!(
            Isa::Avx2
                .features()
                .iter()
                .all(|f| Isa::Avx512.features().contains(f))
        );
        assert!(Isa::Neon.features().is_empty());
    }
    #[cfg(target_arch = "aarch64")]
    {
        assert_eq!(Isa::Neon.name(), backend::neon::NAME);
        assert_eq!(Isa::Neon.features(), backend::neon::FEATURES);
        assert_eq!(Isa::Neon.is_available(), backend::neon::isa!(detected));
    }
}

/// The target features and their detection are written once, in each backend's `isa!` macro
/// (`kernels/src/backend/<isa>.rs`): no other source file spells a `#[target_feature]`
/// attribute or a `std::arch` detection call. The one exception is the peers bench's check for
/// the x86-64-v3/v4 levels its C libraries are compiled for, which is a fact about them.
#[test]
fn target_features_are_spelled_only_in_the_backends() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Built from pieces, so that this file does not match itself.
    let needles = [
        ["target_feature", "(enable"].concat(),
        ["_feature", "_detected!("].concat(),
    ];
    let allowed = ["kernels/src/backend/mod.rs", "benches/peers.rs"];
    let mut found = Vec::new();
    let mut dirs: Vec<_> = ["src", "kernels/src", "python/src", "benches", "tests"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let path = e.expect("a directory entry").path();
            let rel = path.strip_prefix(root).expect("under the root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                dirs.push(path);
            } else if rel.ends_with(".rs") && !allowed.contains(&rel.as_str()) {
                let text = std::fs::read_to_string(&path).expect("a readable source file");
                for (i, line) in text.lines().enumerate() {
                    if needles.iter().any(|n| line.contains(n.as_str())) {
                        found.push(format!("{rel}:{}: {}", i + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "use the backend's `isa!` (target_feature, detected) or `Isa` instead:\n{}",
        found.join("\n")
    );
}
