//! Builds the C peers for `cargo bench --features sleef` (benches/shim/). Without the feature
//! this does nothing, so the default build needs no C library beyond core-math's.
//!
//! Each shim is compiled twice, once per vector width, so that every loop is built for exactly
//! its ISA (the AVX2 loops contain no AVX-512 instruction and run on an AVX2-only CPU):
//! SLEEF with `-mavx512f` / `-mavx2 -mfma`, the libmvec loop as ../shared/peers/c/glibc_kern.c
//! (`-march=x86-64-v4 -mprefer-vector-width=512`: `_ZGVeN8v_exp`; `-march=x86-64-v3`:
//! `_ZGVdN4v_exp`). `benches/shim/verify.sh` lists what each loop calls.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "sleef")]
    {
        for f in ["peers.h", "sleef_shim.c", "mvec_shim.c"] {
            println!("cargo:rerun-if-changed=benches/shim/{f}");
        }
        let widths: [(&str, &str, &[&str], &[&str]); 2] = [
            (
                "avx512",
                "1",
                &["-mavx512f", "-mavx2", "-mfma"],
                &["-march=x86-64-v4", "-mprefer-vector-width=512"],
            ),
            ("avx2", "0", &["-mavx2", "-mfma"], &["-march=x86-64-v3"]),
        ];
        for (width, is512, sleef_flags, mvec_flags) in widths {
            let mut b = cc::Build::new();
            b.file("benches/shim/sleef_shim.c")
                .opt_level(3)
                .define("SM_IS512", is512);
            for fl in sleef_flags {
                b.flag(fl);
            }
            b.compile(&format!("simdmath_sleef_shim_{width}"));
            let mut b = cc::Build::new();
            b.file("benches/shim/mvec_shim.c")
                .opt_level(3)
                .define("SM_WIDTH", width)
                .define("SM_IS512", is512)
                .flag("-ffast-math")
                .flag("-fopenmp-simd");
            for fl in mvec_flags {
                b.flag(fl);
            }
            b.compile(&format!("simdmath_mvec_shim_{width}"));
        }
        println!("cargo:rustc-link-lib=dylib=sleef");
        println!("cargo:rustc-link-lib=dylib=mvec");
        println!("cargo:rustc-link-lib=dylib=m");
    }
}
