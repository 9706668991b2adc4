//! Derives `kernels/src/cr_exceptions.rs`, the exceptions lists of the correctly rounded `f32`
//! tier (see `kernels/src/cr.rs`). Run by `kernels/gen/cr_exceptions.sh`:
//!
//! ```text
//! cargo run --release --example derive_cr_exceptions -- [--funcs exp,log] [--out FILE]
//! ```
//!
//! For every function of the tier and every `f32` input, on every backend this CPU runs, it
//! evaluates the function's `f64` entry point on the widened input (stage 2 of the tier: the
//! same kernel, lane for lane), and where stage 2's rounding test fails
//! (`simdmath_kernels::cr::uncertain`) compares the rounded value with core-math's. The wrong
//! ones, the union over the backends with core-math's result, form the list. The lanes that
//! pass the test are checked by the exhaustive test (`tests/accuracy.rs`, `exhaustive_f32`),
//! which runs the whole tier against core-math on all 2^32 inputs.
//!
//! `sincos` has no list of its own: its correctly rounded kernel is the tier's `sin` and `cos`.
//!
//! A backend missing from this CPU is missing from the union: derive on a CPU with AVX-512
//! (which runs all three backends) before committing the list.

use simdmath::ulp::Float;
use simdmath::{Arity, Func, Isa};
use simdmath_kernels::cr::{DELTA_F64, uncertain};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

/// Per function: input bits -> core-math's result bits, and per backend (uncertain, wrong).
type Found = (BTreeMap<u32, u32>, Vec<(u64, u64)>);

fn derive(f: Func, isas: &[Isa], threads: usize) -> Found {
    const CH: u64 = 1 << 16;
    let parts: Vec<Found> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut map = BTreeMap::new();
                    let mut counts = vec![(0u64, 0u64); isas.len()];
                    let mut wide = vec![0f64; CH as usize];
                    let mut ys = vec![0f64; CH as usize];
                    let mut c = t as u64;
                    while c * CH < 1 << 32 {
                        for (i, w) in wide.iter_mut().enumerate() {
                            *w = f32::from_bits((c * CH) as u32 + i as u32) as f64;
                        }
                        for (k, &isa) in isas.iter().enumerate() {
                            simdmath::eval_with(isa, f, &wide, &mut ys);
                            for (&w, &y) in wide.iter().zip(&ys) {
                                if !uncertain(y, DELTA_F64) {
                                    continue;
                                }
                                counts[k].0 += 1;
                                let x = w as f32;
                                let cr = f32::reference(f, x);
                                let r = y as f32;
                                let same =
                                    r.to_bits() == cr.to_bits() || (r.is_nan() && cr.is_nan());
                                if !same {
                                    counts[k].1 += 1;
                                    map.insert(x.to_bits(), cr.to_bits());
                                }
                            }
                        }
                        c += threads as u64;
                    }
                    (map, counts)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut map = BTreeMap::new();
    let mut counts = vec![(0, 0); isas.len()];
    for (m, c) in parts {
        map.extend(m);
        for (a, b) in counts.iter_mut().zip(c) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
    (map, counts)
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut funcs: Vec<Func> = Func::ALL
        .iter()
        .copied()
        .filter(|f| f.info().max_ulp_f32_cr.is_some() && f.arity() == Arity::Unary)
        .collect();
    let mut out = String::from("kernels/src/cr_exceptions.rs");
    let mut it = argv.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--funcs" => {
                let list = it.next().expect("--funcs needs a list");
                funcs.retain(|f| list.split(',').any(|n| n == f.name()));
            }
            "--out" => out = it.next().expect("--out needs a path").clone(),
            _ => {
                eprintln!(
                    "derive_cr_exceptions: unknown argument '{a}' (valid: --funcs LIST, --out FILE)"
                );
                std::process::exit(2);
            }
        }
    }
    let isas = Isa::available();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let names: Vec<_> = isas.iter().map(|i| i.name()).collect();
    eprintln!(
        "deriving the exceptions of {} functions on {} ({threads} threads)",
        funcs.len(),
        names.join(", ")
    );
    let mut file = String::new();
    writeln!(
        file,
        "//! Generated by `kernels/gen/cr_exceptions.sh` (`cargo run --release --example \
         derive_cr_exceptions`) on\n//! {} backends: do not edit.\n//!\n//! Per function of the \
         correctly rounded `f32` tier: the inputs where stage 2's `f64` value (the\n//! \
         registry's `f64` kernel on the widened input) rounds to another `f32` than core-math \
         on some\n//! backend, sorted, as `(input bits, core-math's result bits)` (see `cr.rs`).",
        names.join(", ")
    )
    .unwrap();
    for f in Func::ALL
        .iter()
        .filter(|f| f.info().max_ulp_f32_cr.is_some() && f.arity() == Arity::Unary)
    {
        let t0 = Instant::now();
        let name = f.name();
        let entries = if funcs.contains(f) {
            let (map, counts) = derive(*f, &isas, threads);
            for (isa, (unc, wrong)) in names.iter().zip(&counts) {
                eprintln!(
                    "{name:6} {isa:8}: {unc:6} inputs fail stage 2's test, {wrong:4} of them round wrong"
                );
            }
            eprintln!(
                "{name:6} {} exceptions in all [{:.0} s]",
                map.len(),
                t0.elapsed().as_secs_f64()
            );
            let counts: Vec<String> = names
                .iter()
                .zip(&counts)
                .map(|(i, c)| format!("{i} {} of {}", c.1, c.0))
                .collect();
            Some((map, counts.join(", ")))
        } else {
            None
        };
        let upper = name.to_ascii_uppercase();
        match entries {
            Some((map, counts)) => {
                writeln!(
                    file,
                    "\n/// `{name}`: {} inputs (wrong / failing the test, per backend: {counts}).",
                    map.len()
                )
                .unwrap();
                write!(file, "pub(crate) const {upper}: &[(u32, u32)] = &[").unwrap();
                for (k, (x, r)) in map.iter().enumerate() {
                    if k % 4 == 0 {
                        file.push_str("\n    ");
                    } else {
                        file.push(' ');
                    }
                    write!(file, "(0x{x:08x}, 0x{r:08x}),").unwrap();
                }
                if !map.is_empty() {
                    file.push('\n');
                }
                file.push_str("];\n");
            }
            None => {
                // Keep the committed list of a function not derived this time.
                let old = std::fs::read_to_string(&out).unwrap_or_default();
                let start = old.find(&format!("\n/// `{name}`:"));
                let block = start.and_then(|s| {
                    let rest = &old[s..];
                    rest.find("];\n").map(|e| &rest[..e + 3])
                });
                match block {
                    Some(b) => file.push_str(b),
                    None => {
                        writeln!(file, "\n/// `{name}`: not derived.").unwrap();
                        writeln!(file, "pub(crate) const {upper}: &[(u32, u32)] = &[];").unwrap();
                    }
                }
            }
        }
    }
    file.push_str(
        "\n/// Every list by function name (for the tests).\npub(crate) const BY_NAME: &[(&str, &[(u32, u32)])] = &[\n",
    );
    for f in Func::ALL
        .iter()
        .filter(|f| f.info().max_ulp_f32_cr.is_some() && f.arity() == Arity::Unary)
    {
        let name = f.name();
        writeln!(file, "    (\"{name}\", {}),", name.to_ascii_uppercase()).unwrap();
    }
    file.push_str("];\n");
    std::fs::File::create(&out)
        .and_then(|mut w| w.write_all(file.as_bytes()))
        .unwrap_or_else(|e| panic!("writing {out}: {e}"));
    eprintln!("wrote {out}");
}
