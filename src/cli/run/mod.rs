//! `simdmath run`: the tutorial's experiment (fill n random numbers, apply a function,
//! sequentially and on a pool per physical / logical core), timed phase by phase, against the
//! memory floor measured in the same run, with a sampled accuracy check.

mod args;
mod measure;
mod report;

use super::CliError;
use super::args::Dtype;
use super::progress::Progress;
use simdmath::{Accuracy, Expr, Func, Isa, Pool, Real, Topology};
use std::io::IsTerminal;
use std::time::Instant;

const DEFAULT_N: u64 = 100_000_000;
const SAMPLES: usize = 100_000;

const HELP: &str = "\
simdmath run: fill n uniform [0, 1) numbers and apply a function, sequentially and on pinned
pools; prints fill / compute / total times, elements/ns, speed-up over sequential, and a
sampled accuracy check; with --limits also the limits of the work measured in the same run.

usage: simdmath run [options]

options:
  --func NAME        any one-output function of `simdmath functions` (default exp); a
                     two-input one (pow, atan2, hypot) takes its second input from --y
  --expr EXPR        an expression of x instead of one function: 'exp(-0.5*x*x)',
                     '1/(1+exp(-x))' (simdmath::Expr: + - * / ** < > where min max fma
                     sqrt abs and every function of one or two inputs), evaluated in one
                     pass block by block, out of place; the accuracy check compares it with
                     the same expression in f64 with the system libm's functions
  --y VALUE          the second input of a two-input function, one scalar for every
                     element (default 2.5): pow(x, 2.5)
  --dtype T          f64 or f32 (default f64)
  --accuracy A       faithful (default: within 1 ulp) or cr: the correctly rounded tier
                     (f32 one-input functions; the accuracy check then compares with
                     core-math and must find 0 ulp)
  --n COUNT          elements: 1e9, 100000000, 100_000_000 (default 1e8: 800 MB of f64,
                     well under a second for all three modes here)
  --modes LIST       comma list of sequential, physical, logical, or all (default all)
  --threads N        also run on a pool of N pinned threads (mode 'threads')
  --isa NAME         instruction set for the function: portable, avx2, avx512, neon
                     (default: SIMDMATH_ISA or the best this CPU runs)
  --in-place         apply the function in place (default; needs n x size bytes)
  --out-of-place     write into a second array (needs 2 x n x size bytes)
  --fused            one pass: each worker fills a 16 KiB piece and applies the function
                     before the piece leaves L1, so every page is written once (same numbers
                     as the default two passes, fill then function, bit for bit)
  --limits           also run the limit passes (floor, math; see below) on the same
                     threads and pages as the work; they add passes to the wall time
  --quick            the work alone: no limits and no accuracy check
  --seed S           random seed, u64 (default 1); the data depend only on seed and n
  --repeat R         run each mode R times and report the best of each phase (default 1);
                     every repetition allocates fresh arrays, as the tutorial does
  --cold             skip the warm-up (below): the first mode timed then pays the
                     machine's first touch of the memory, the others do not
  --json             one JSON object on stdout, no progress
  -h, --help         this text

The work (what the tutorial times): fill = allocation and random fill of x on the mode's
threads, page faults included (plus the allocation and first touch of the output array out
of place); compute = the function alone; total = fill + compute (--fused: the one pass).
touch = the fill's own page faults, always shown: each thread first touches a chunk's pages
(one write per 4 KiB page; the kernel faults them in and zeroes them) just before filling it
and times that, and touch is the largest thread's total (plus the output's first touch out of
place): measured inside the fill, on its pages, threads and moment, so never above the fill.
The limit passes (--limits), each under the conditions of the work it bounds: floor = a pass
over the work's own array right after the function, with the same threads and chunking and
no math: each element read and written back in place by the functions' entry loop, or
copied x -> out by that loop out of place (with non-temporal stores where the function's
output uses them: where input and output together reach simdmath::streaming_threshold()
bytes, the last-level cache or SIMDMATH_STREAM_BYTES, and out has been written before);
math = the function on the same threads and chunking with its data in L1 (its memory untouched): the compute-bound limit. Accuracy: max distance in ulps
from the system libm (computed in f64, rounded for f32; with --accuracy cr from core-math's
f32) over 1e5 elements sampled from the output. The last line gives the command's wall time and what it was spent on.
Warm-up (unless --cold): before any mode is timed, the largest footprint a mode allocates is
allocated, touched on every allowed CPU and freed. On a fresh machine or VM the first touch of
memory the host has not mapped yet costs up to 20x a later one (2.4 s against 0.1 s for 800 MB
here); without the warm-up that cost falls on whichever mode runs first, and a speed-up of 20x
from 2 cores appears. Every mode still pays its own page faults (touch s). A speed-up above
the mode's thread count is marked `!` and explained under the table: it is not a result.
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Sequential,
    Physical,
    Logical,
    Threads,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Sequential => "sequential",
            Mode::Physical => "physical",
            Mode::Logical => "logical",
            Mode::Threads => "threads",
        }
    }
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Mode, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sequential" | "seq" => Ok(Mode::Sequential),
            "physical" => Ok(Mode::Physical),
            "logical" => Ok(Mode::Logical),
            "threads" => Ok(Mode::Threads),
            _ => Err(format!(
                "unknown mode '{s}' (valid: sequential, physical, logical, all)"
            )),
        }
    }
}

struct Config {
    func: Func,
    dtype: Dtype,
    n: usize,
    modes: Vec<Mode>,
    threads: Option<usize>,
    isa: Isa,
    in_place: bool,
    seed: u64,
    repeat: usize,
    json: bool,
    fused: bool,
    limits: bool,
    quick: bool,
    /// `--cold`: no warm-up before the modes are timed.
    cold: bool,
    /// The second input of a two-input function, one scalar for every element (`--y`).
    y: f64,
    /// The accuracy tier of the function (`--accuracy`).
    accuracy: Accuracy,
    /// `--expr`: an expression of `x` in place of `func`.
    expr: Option<Expr>,
}

impl Config {
    /// What the run applies: the function's name or the expression's text.
    fn what(&self) -> String {
        match &self.expr {
            Some(e) => e.source().to_owned(),
            None => self.func.name().to_owned(),
        }
    }
}

/// Runs `simdmath run`; returns the exit code.
pub fn main(argv: &[String]) -> Result<i32, CliError> {
    if argv.iter().any(|a| a == "--help" || a == "-h") {
        print!("{HELP}");
        return Ok(0);
    }
    let started = Instant::now();
    let cfg = args::parse(argv)?;
    fixed_mmap_threshold();
    match cfg.dtype {
        Dtype::F64 => run::<f64>(&cfg, started),
        Dtype::F32 => run::<f32>(&cfg, started),
    }
}

/// Makes every allocation of 1 MiB or more a fresh `mmap` (glibc only). By default glibc
/// raises its mmap threshold after a large block is freed (up to 32 MiB), so from the second
/// repetition on an array of up to 32 MB came from the heap, on pages the first one never met.
fn fixed_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const M_MMAP_THRESHOLD: i32 = -3;
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // SAFETY: `mallopt` only changes the allocator's policy for later allocations; it is
        // called before this command allocates its arrays.
        unsafe { mallopt(M_MMAP_THRESHOLD, 1 << 20) };
    }
}

fn run<T: Real>(cfg: &Config, started: Instant) -> Result<i32, CliError> {
    let topo = Topology::get();
    let prog = Progress::new(!cfg.json && std::io::stderr().is_terminal());
    let warm = (!cfg.cold).then(|| measure::warm_up::<T>(cfg, &prog));
    let mut results = Vec::new();
    for &mode in &cfg.modes {
        let pool = match mode {
            Mode::Sequential => None,
            Mode::Physical => Some(Pool::physical()),
            Mode::Logical => Some(Pool::logical()),
            Mode::Threads => Some(Pool::with_threads(cfg.threads.unwrap_or(1))),
        }
        .transpose()
        .map_err(|e| CliError(format!("{}: {e}", mode.name())))?;
        results.push(measure::run_mode::<T>(cfg, mode, pool.as_ref(), &prog));
    }
    drop(prog);
    let wall = started.elapsed().as_secs_f64();
    if cfg.json {
        println!("{}", report::json::<T>(cfg, topo, &results, warm, wall));
    } else {
        print!("{}", report::table::<T>(cfg, topo, &results, warm, wall));
    }
    Ok(0)
}

/// Elements of `T` the largest mode allocates: `x`, plus `out` out of place.
fn footprint(cfg: &Config) -> usize {
    if cfg.in_place { cfg.n } else { 2 * cfg.n }
}
