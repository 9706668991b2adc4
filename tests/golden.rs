//! The same bits on every FMA backend and every architecture: AVX2, AVX-512 (x86-64) and NEON
//! (aarch64) against one checked-in file of digests, `tests/golden/digests.txt`.
//!
//! For every function, element type and accuracy tier (the faithful tier of `f64` and `f32`,
//! the correctly rounded tier of `f32` where a function has it), fixed deterministic inputs:
//! random bit patterns over every exponent and sign, the function's hard regions and its
//! special values (`simdmath::ulp::inputs`, a fixed seed; pairs for the two-input functions).
//! Each line of the file holds one digest of all the inputs (so a drifting input generator is
//! told apart from a drifting kernel) and one FNV-1a 64 digest of the output bits per block of
//! [`BLOCK`] inputs (both outputs of `sincos`). NaN outputs count as one canonical NaN: IEEE
//! 754 leaves a NaN's sign and payload open, and x86 and Arm make different ones (x86's default
//! NaN is negative, Arm's positive).
//!
//! `golden_digests_match_on_every_fma_backend` (part of `cargo test`) recomputes the digests on
//! every fused backend this CPU runs (AVX2 and AVX-512 on x86-64; NEON and the portable `wide`
//! backend, whose `mul_add` is fused there, on aarch64; the portable backend elsewhere only in
//! a build with FMA) and names every block that differs. (It found that LLVM folded the
//! portable backend's "any lane" tests into an `fmaxnm` compare on aarch64, which a signaling
//! NaN beside a huge `x` defeated: see `opaque` in `kernels/src/backend/portable.rs`.)
//!
//! The file is written on x86-64 by
//!
//! ```text
//! cargo test --release --test golden -- --ignored regenerate_golden_digests
//! ```
//!
//! (AVX2 or AVX-512 needed; both are compared when present). Rerun it after a change to a
//! kernel that changes its results, and commit the file with the change; the aarch64 run
//! (`.ci/run`, under `qemu-aarch64`) then proves NEON gives the same bits.
//!
//! To find the elements of a block that differs, dump one line's inputs and outputs on both
//! machines and compare: `SIMDMATH_GOLDEN_DUMP="exp f64 faithful"` makes the check write
//! `target/golden-dump/<name>-<type>-<tier>-<backend>.txt` (one `input output` line of hex
//! bits per element), e.g. `scripts/aarch64.sh test --test golden` and `cargo test --test
//! golden`, then `diff` the two files.

use simdmath::ulp::inputs;
use simdmath::{Accuracy, Arity, Func, Isa};
use std::fmt::Write as _;

/// Inputs per digest block.
const BLOCK: usize = 4096;
/// The inputs' seed (fixed: the file depends on it).
const SEED: u64 = 0x601d_2026;
/// Random bit patterns per function and type (pairs for the two-input functions).
const RANDOM: usize = 1 << 17;
/// Inputs from the hard regions per function and type.
const HARD: usize = 1 << 16;
const FILE: &str = "tests/golden/digests.txt";
const HEADER: &str = "\
# simdmath golden digests: one line per function, type and accuracy tier:
#   name type tier n input-digest output-digest-per-block-of-4096...
# FNV-1a 64 of the little-endian bits (NaN outputs canonical); see tests/golden.rs.
# Regenerate on x86-64 (AVX2 or AVX-512) after a kernel change that changes results:
#   cargo test --release --test golden -- --ignored regenerate_golden_digests
";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bits: u64, bytes: usize) -> u64 {
    for b in &bits.to_le_bytes()[..bytes] {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The element types, with what the digests need of them.
trait Elem: simdmath::Real + simdmath::ulp::Float + Default {
    fn canon_bits(self) -> u64 {
        if simdmath::ulp::is_nan(self) {
            // The quiet NaN with no payload, positive.
            if Self::BITS == 64 {
                0x7ff8_0000_0000_0000
            } else {
                0x7fc0_0000
            }
        } else {
            self.bits()
        }
    }
}
impl Elem for f64 {}
impl Elem for f32 {}

/// One line of the file: what it is about, and its digests.
#[derive(Debug, PartialEq)]
struct Line {
    key: String,
    n: usize,
    input: u64,
    blocks: Vec<u64>,
}

impl Line {
    fn render(&self) -> String {
        let mut s = format!("{} {} {:016x}", self.key, self.n, self.input);
        for b in &self.blocks {
            write!(s, " {b:016x}").unwrap();
        }
        s
    }

    fn parse(l: &str) -> Line {
        let w: Vec<&str> = l.split_whitespace().collect();
        assert!(w.len() >= 5, "{FILE}: short line {l:?}");
        let hex = |s: &str| u64::from_str_radix(s, 16).unwrap_or_else(|e| panic!("{s}: {e}"));
        Line {
            key: w[..3].join(" "),
            n: w[3].parse().unwrap(),
            input: hex(w[4]),
            blocks: w[5..].iter().map(|s| hex(s)).collect(),
        }
    }
}

/// The inputs of `f` for type `T` (`y` empty for one-input functions).
fn inputs_of<T: Elem>(f: Func) -> (Vec<T>, Vec<T>) {
    let seed = SEED ^ (f as u64) << 8;
    match f.arity() {
        Arity::Binary => {
            let (mut x, mut y): (Vec<T>, Vec<T>) = inputs::random_pairs(RANDOM, seed);
            let (hx, hy) = inputs::hard_pairs::<T>(f, HARD, seed);
            let (sx, sy) = inputs::special_pairs::<T>(f);
            x.extend(hx.into_iter().chain(sx));
            y.extend(hy.into_iter().chain(sy));
            (x, y)
        }
        _ => {
            let mut x: Vec<T> = inputs::random_bits(RANDOM, seed);
            x.extend(inputs::hard::<T>(f, HARD, seed));
            x.extend(inputs::specials::<T>(f));
            (x, Vec::new())
        }
    }
}

/// The outputs of `f` on `isa` in tier `acc` (both outputs of a pair, element by element).
fn outputs<T: Elem>(isa: Isa, acc: Accuracy, f: Func, x: &[T], y: &[T]) -> Vec<[T; 2]> {
    let n = x.len();
    let (mut a, mut b) = (vec![T::default(); n], vec![T::default(); n]);
    match f.arity() {
        Arity::Binary => simdmath::eval2_with(isa, f, x, y, &mut a),
        Arity::UnaryPair => simdmath::eval_pair_with_accuracy(isa, acc, f, x, &mut a, &mut b),
        _ => simdmath::eval_with_accuracy(isa, acc, f, x, &mut a),
    }
    a.into_iter().zip(b).map(|(a, b)| [a, b]).collect()
}

/// Every (function, tier) of type `T` with a kernel, as `(key, function, tier)`.
fn cases<T: Elem>() -> Vec<(String, Func, Accuracy)> {
    let mut v = Vec::new();
    for &f in Func::ALL {
        for &acc in Accuracy::ALL {
            if acc.bound::<T>(f).is_some()
                && (acc == Accuracy::Faithful || f.arity() != Arity::Binary)
            {
                v.push((format!("{} {} {}", f.name(), T::NAME, acc.name()), f, acc));
            }
        }
    }
    v
}

fn input_digest<T: Elem>(x: &[T], y: &[T]) -> u64 {
    let b = T::BITS as usize / 8;
    let h = x.iter().fold(FNV_OFFSET, |h, v| fnv(h, v.bits(), b));
    y.iter().fold(h, |h, v| fnv(h, v.bits(), b))
}

fn line<T: Elem>(isa: Isa, key: &str, f: Func, acc: Accuracy, x: &[T], y: &[T]) -> Line {
    let b = T::BITS as usize / 8;
    let out = outputs(isa, acc, f, x, y);
    let pair = f.arity() == Arity::UnaryPair;
    if std::env::var("SIMDMATH_GOLDEN_DUMP").is_ok_and(|k| k == key) {
        dump(isa, key, x, y, &out);
    }
    let blocks = out
        .chunks(BLOCK)
        .map(|c| {
            c.iter().fold(FNV_OFFSET, |h, [s, t]| {
                let h = fnv(h, s.canon_bits(), b);
                if pair { fnv(h, t.canon_bits(), b) } else { h }
            })
        })
        .collect();
    Line {
        key: key.to_string(),
        n: x.len(),
        input: input_digest(x, y),
        blocks,
    }
}

/// Writes one line's inputs and outputs (hex bits, canonical NaNs) for `SIMDMATH_GOLDEN_DUMP`.
fn dump<T: Elem>(isa: Isa, key: &str, x: &[T], y: &[T], out: &[[T; 2]]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/golden-dump");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{isa}.txt", key.replace(' ', "-")));
    let mut s = String::new();
    for (i, (v, [a, c])) in x.iter().zip(out).enumerate() {
        write!(s, "{i} {:x}", v.bits()).unwrap();
        if let Some(w) = y.get(i) {
            write!(s, " {:x}", w.bits()).unwrap();
        }
        writeln!(s, " -> {:x} {:x}", a.canon_bits(), c.canon_bits()).unwrap();
    }
    std::fs::write(&path, s).unwrap();
    eprintln!("wrote {}", path.display());
}

fn lines_of<T: Elem>(isa: Isa) -> Vec<Line> {
    cases::<T>()
        .into_iter()
        .map(|(key, f, acc)| {
            let (x, y) = inputs_of::<T>(f);
            line(isa, &key, f, acc, &x, &y)
        })
        .collect()
}

fn all_lines(isa: Isa) -> Vec<Line> {
    let mut v = lines_of::<f64>(isa);
    v.extend(lines_of::<f32>(isa));
    v
}

/// The backends whose results must equal the file's: every available one with a fused
/// multiply-add (the portable backend where `wide`'s `mul_add` is fused in this build).
fn fused_isas() -> Vec<Isa> {
    Isa::available()
        .into_iter()
        .filter(|&i| i != Isa::Portable || simdmath_kernels::backend::portable::WIDE_FUSED)
        .collect()
}

fn golden_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE)
}

const REGEN: &str = "cargo test --release --test golden -- --ignored regenerate_golden_digests";

/// Compares the digests of `isa` with the file's; one message per line that differs.
fn compare<T: Elem>(isa: Isa, golden: &[Line], problems: &mut Vec<String>, table: &mut String) {
    for (key, f, acc) in cases::<T>() {
        let Some(want) = golden.iter().find(|l| l.key == key) else {
            problems.push(format!("{key}: not in {FILE} (a new function or tier?)"));
            continue;
        };
        let (x, y) = inputs_of::<T>(f);
        let got = line(isa, &key, f, acc, &x, &y);
        let verdict = if got.n != want.n || got.input != want.input {
            problems.push(format!(
                "{key}: the inputs differ from the file's (n {} vs {}, digest {:016x} vs {:016x}): \
                 the input generator changed, or gives other inputs on this machine",
                got.n, want.n, got.input, want.input
            ));
            "inputs differ".to_string()
        } else {
            let bad: Vec<usize> = (0..got.blocks.len())
                .filter(|&k| got.blocks[k] != want.blocks[k])
                .collect();
            if let Some(&k) = bad.first() {
                let lo = k * BLOCK;
                let first: Vec<String> = x[lo..(lo + 4).min(x.len())]
                    .iter()
                    .map(|v| format!("{:#x}", v.bits()))
                    .collect();
                problems.push(format!(
                    "{key} on {isa}: {} of {} blocks differ (first: block {k}, inputs {lo}..{}, \
                     x bits from {})",
                    bad.len(),
                    got.blocks.len(),
                    (lo + BLOCK).min(x.len()),
                    first.join(", ")
                ));
                format!("DIFFERS ({} blocks)", bad.len())
            } else {
                "identical".to_string()
            }
        };
        writeln!(
            table,
            "| {} | {} | {} | {isa} | {verdict} |",
            f.name(),
            T::NAME,
            acc.name()
        )
        .unwrap();
    }
}

#[test]
fn golden_digests_match_on_every_fma_backend() {
    let text = std::fs::read_to_string(golden_path())
        .unwrap_or_else(|e| panic!("{FILE}: {e}; write it on x86-64 with `{REGEN}`"));
    let golden: Vec<Line> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(Line::parse)
        .collect();
    let isas = fused_isas();
    if isas.is_empty() {
        eprintln!("skipped: no backend with a fused multiply-add on this CPU");
        return;
    }
    let mut problems = Vec::new();
    let mut table = String::from(
        "| function | type | tier | backend | against the file |\n|---|---|---|---|---|\n",
    );
    for &isa in &isas {
        compare::<f64>(isa, &golden, &mut problems, &mut table);
        compare::<f32>(isa, &golden, &mut problems, &mut table);
    }
    println!("{table}");
    assert!(
        problems.is_empty(),
        "{} of the golden digests differ on {}:\n{}\n\
         If a kernel changed its results on purpose, regenerate the file on x86-64 with `{REGEN}` \
         and commit it with the change; otherwise this backend no longer gives the x86 FMA bits.",
        problems.len(),
        isas.iter().map(|i| i.name()).collect::<Vec<_>>().join(", "),
        problems.join("\n")
    );
}

/// Writes `tests/golden/digests.txt` from this CPU's FMA backends (x86-64 with AVX2 or
/// AVX-512; every one present must agree, which this checks before writing).
#[test]
#[ignore = "writes tests/golden/digests.txt; run on x86-64 after a kernel change"]
fn regenerate_golden_digests() {
    let isas: Vec<Isa> = Isa::available()
        .into_iter()
        .filter(|&i| matches!(i, Isa::Avx2 | Isa::Avx512))
        .collect();
    assert!(
        !isas.is_empty(),
        "the golden digests come from the x86 FMA backends: run this on x86-64 with AVX2 or AVX-512"
    );
    let lines = all_lines(isas[0]);
    for &other in &isas[1..] {
        let o = all_lines(other);
        for (a, b) in lines.iter().zip(&o) {
            assert_eq!(
                a, b,
                "{} and {other} differ on {}: fix that first",
                isas[0], a.key
            );
        }
    }
    let mut text = String::from(HEADER);
    for l in &lines {
        text.push_str(&l.render());
        text.push('\n');
    }
    let p = golden_path();
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    println!(
        "wrote {} lines to {} from {}",
        lines.len(),
        p.display(),
        isas.iter()
            .map(|i| i.name())
            .collect::<Vec<_>>()
            .join(" and ")
    );
}
