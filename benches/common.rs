//! Shared by the bench binaries (`#[path]`-included).

/// The sizes to run: `SIMDMATH_BENCH_SIZES` (comma list) or L1, L2, L3-ish and memory.
pub fn sizes() -> Vec<usize> {
    match std::env::var("SIMDMATH_BENCH_SIZES") {
        Ok(s) if !s.trim().is_empty() => s
            .split(',')
            .map(|t| {
                t.trim()
                    .parse()
                    .expect("SIMDMATH_BENCH_SIZES: comma list of sizes")
            })
            .collect(),
        _ => vec![4096, 32768, 1 << 20, 1 << 24],
    }
}

/// The criterion settings of both bench binaries: short warm-up and measurement (the whole
/// `cargo bench` takes about 11 minutes here), 10 samples, no plots (report.py draws its own).
pub fn config() -> criterion::Criterion {
    criterion::Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(1))
        .sample_size(10)
        .without_plots()
}
