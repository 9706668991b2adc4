//! Builds the C peers for `cargo bench --features sleef` (benches/shim/). Without the feature
//! this does nothing, so the default build needs no C library beyond core-math's.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "sleef")]
    {
        println!("cargo:rerun-if-changed=benches/shim/sleef_shim.c");
        println!("cargo:rerun-if-changed=benches/shim/mvec_shim.c");
        cc::Build::new()
            .file("benches/shim/sleef_shim.c")
            .opt_level(3)
            .flag("-mavx512f")
            .flag("-mavx2")
            .flag("-mfma")
            .compile("simdmath_sleef_shim");
        cc::Build::new()
            .file("benches/shim/mvec_shim.c")
            .opt_level(3)
            .flag("-ffast-math")
            .flag("-fopenmp-simd")
            .flag("-march=x86-64-v4")
            .flag("-mprefer-vector-width=512")
            .compile("simdmath_mvec_shim");
        println!("cargo:rustc-link-lib=dylib=sleef");
        println!("cargo:rustc-link-lib=dylib=mvec");
        println!("cargo:rustc-link-lib=dylib=m");
    }
}
