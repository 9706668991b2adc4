//! `simdmath run`: the tutorial's experiment (fill n random numbers, apply a function,
//! sequentially and on a pool per physical / logical core), timed phase by phase, against the
//! memory floor measured in the same run, with a sampled accuracy check.

use super::args::Dtype;
use super::{CliError, args, bail};
use simdmath::{Accuracy, Expr, Func, Input, Isa, Pool, Real, Topology, random};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
touch = the fill's own page faults, always shown: each worker first touches a chunk's pages
(one write per 4 KiB page; the kernel faults them in and zeroes them) just before filling it
and times that, and touch is the largest worker's total (plus the output's first touch out of
place): measured inside the fill, on its pages, threads and moment, so never above the fill.
The limit passes (--limits), each under the conditions of the work it bounds: floor = a pass
over the work's own array right after the function, with the same threads and chunking and
no math: each element read and written back in place by the functions' entry loop, or
copied x -> out by that loop out of place (with non-temporal stores where the function's
output uses them: outputs of at least simdmath::streaming_threshold() bytes, the last-level
cache or SIMDMATH_STREAM_BYTES); math = the function on the same threads and chunking with its
data in L1 (its memory untouched): the compute-bound limit. Accuracy: max distance in ulps
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
    let cfg = parse(argv)?;
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

fn parse(argv: &[String]) -> Result<Config, CliError> {
    let o = args::parse(
        argv,
        &[
            "--func",
            "--dtype",
            "--n",
            "--modes",
            "--threads",
            "--isa",
            "--seed",
            "--repeat",
            "--y",
            "--accuracy",
            "--expr",
        ],
        &[
            "--in-place",
            "--out-of-place",
            "--json",
            "--fused",
            "--limits",
            "--quick",
            "--cold",
        ],
    )?;
    let expr = match o.get("--expr") {
        None => None,
        Some(src) => {
            let e = Expr::parse(src).map_err(|e| CliError(format!("--expr: {e}")))?;
            if let Some(&(name, pos)) = e.input_positions().iter().find(|(n, _)| *n != "x") {
                bail!(
                    "--expr: the run fills one input, x; '{name}' (at position {pos}) has no values"
                );
            }
            for (opt, what) in [
                ("--func", "--func"),
                ("--y", "--y"),
                ("--accuracy", "--accuracy"),
            ] {
                if o.get(opt).is_some() {
                    bail!(
                        "--expr and {what} exclude each other (the expression names its functions)"
                    );
                }
            }
            for flag in ["--fused", "--limits", "--in-place"] {
                if o.flag(flag) {
                    bail!("--expr runs two passes out of place; drop {flag}");
                }
            }
            Some(e)
        }
    };
    let func = match o.get("--func") {
        None => Func::Exp,
        Some(s) => s.parse::<Func>().map_err(|e| CliError(e.to_string()))?,
    };
    let binary = func.arity() == simdmath::Arity::Binary;
    if !binary && func.arity() != simdmath::Arity::Unary {
        bail!("--func {func}: simdmath run applies functions with one output ({func} has two)");
    }
    let y = match o.get("--y") {
        Some(_) if !binary => {
            bail!("--y is the second input of a two-input function ({func} takes one)")
        }
        Some(s) => match s.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => bail!("--y '{s}' is not a finite number"),
        },
        None => 2.5,
    };
    if binary && (o.flag("--fused") || o.flag("--limits")) {
        bail!("--fused and --limits apply to one-input functions ({func} takes two)");
    }
    let dtype = match o.get("--dtype") {
        None => Dtype::F64,
        Some(s) => s.parse::<Dtype>().map_err(CliError)?,
    };
    let accuracy = match o.get("--accuracy") {
        None => Accuracy::Faithful,
        Some(s) => s
            .parse::<Accuracy>()
            .map_err(|e| CliError(format!("--accuracy: {e}")))?,
    };
    if accuracy == Accuracy::CorrectlyRounded {
        if dtype == Dtype::F64 {
            bail!(
                "--accuracy cr: no correctly rounded f64 kernel exists yet; use --dtype f32 (or --accuracy faithful)"
            );
        }
        if func.info().max_ulp_f32_cr.is_none() {
            bail!(
                "--accuracy cr: {func} has no correctly rounded tier (one-input f32 functions have one)"
            );
        }
        if o.flag("--fused") {
            bail!("--accuracy cr: --fused runs the faithful tier only; drop --fused");
        }
    }
    let n = match o.get("--n") {
        None => DEFAULT_N,
        Some(s) => args::parse_count(s).map_err(|e| CliError(format!("--n: {e}")))?,
    };
    if n == 0 {
        bail!("--n must be at least 1");
    }
    let Ok(n) = usize::try_from(n) else {
        bail!("--n {n} is too large for this machine")
    };
    let threads = match o.get("--threads") {
        None => None,
        Some(s) => {
            let t = args::parse_count(s).map_err(|e| CliError(format!("--threads: {e}")))?;
            if t == 0 {
                bail!("--threads must be at least 1 (got 0)");
            }
            if t > 4096 {
                bail!("--threads {t} is more than this tool allows (4096)");
            }
            Some(t as usize)
        }
    };
    let mut modes = match o.get("--modes") {
        None if threads.is_some() => vec![Mode::Sequential],
        None => vec![Mode::Sequential, Mode::Physical, Mode::Logical],
        Some(s) => args::parse_list(s, &[Mode::Sequential, Mode::Physical, Mode::Logical])
            .map_err(|e| CliError(format!("--modes: {e}")))?,
    };
    if modes.contains(&Mode::Threads) && threads.is_none() {
        bail!("--modes threads needs --threads N");
    }
    if threads.is_some() && !modes.contains(&Mode::Threads) {
        modes.push(Mode::Threads);
    }
    modes.dedup();
    let isa = match o.get("--isa") {
        Some(s) => s.parse::<Isa>().and_then(Isa::require_available),
        None => Isa::from_env().map(|e| e.unwrap_or_else(Isa::detected)),
    }
    .map_err(|e| CliError(format!("--isa: {e}")))?;
    if o.flag("--in-place") && o.flag("--out-of-place") {
        bail!("--in-place and --out-of-place exclude each other");
    }
    if o.flag("--limits") && o.flag("--quick") {
        bail!("--limits and --quick exclude each other (--quick skips the limits)");
    }
    let seed = o.parse_or("--seed", 1u64)?;
    let repeat = match o.get("--repeat") {
        None => 1,
        Some(s) => match args::parse_count(s) {
            Ok(r) if (1..=1000).contains(&r) => r as usize,
            _ => bail!("--repeat '{s}' must be a count from 1 to 1000"),
        },
    };
    let cfg = Config {
        func,
        dtype,
        n,
        modes,
        threads,
        isa,
        in_place: !o.flag("--out-of-place") && expr.is_none(),
        seed,
        repeat,
        json: o.flag("--json"),
        fused: o.flag("--fused"),
        limits: o.flag("--limits"),
        quick: o.flag("--quick"),
        cold: o.flag("--cold"),
        y,
        accuracy,
        expr,
    };
    check_memory(&cfg)?;
    Ok(cfg)
}

fn elem_size(d: Dtype) -> usize {
    match d {
        Dtype::F64 => 8,
        Dtype::F32 => 4,
    }
}

/// Refuses, before anything is allocated, a size that would not fit in available memory.
fn check_memory(cfg: &Config) -> Result<(), CliError> {
    let arrays = if cfg.in_place { 1 } else { 2 };
    let name = if cfg.dtype == Dtype::F64 {
        "f64"
    } else {
        "f32"
    };
    let how = if cfg.in_place {
        "in place"
    } else {
        "out of place"
    };
    let need = (cfg.n as u128) * (elem_size(cfg.dtype) as u128) * arrays;
    if need > isize::MAX as u128 {
        bail!(
            "n = {} {name} {how} needs {need} bytes, more than this machine can address",
            cfg.n
        );
    }
    if let Some(avail) = mem_available()
        && need > avail as u128
    {
        bail!(
            "n = {} {name} {how} needs {need} bytes ({:.2} GB) but only {avail} bytes ({:.2} GB) are available",
            cfg.n,
            need as f64 / 1e9,
            avail as f64 / 1e9
        );
    }
    Ok(())
}

/// `MemAvailable` from `/proc/meminfo`, in bytes (Linux); `None` elsewhere.
fn mem_available() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = s.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The libm reference in f64 for one element (the registry line's libm function).
fn reference(f: Func, x: f64) -> f64 {
    <f64 as simdmath::ulp::Float>::libm(f, x)
}

/// Distance in representable values between `a` and `b` (as f32 values when `f32`), by
/// [`simdmath::ulp::distance`]: 0 for two NaNs, `u64::MAX` for a NaN and a number.
fn ulp_distance(a: f64, b: f64, f32: bool) -> u64 {
    if f32 {
        simdmath::ulp::distance(a as f32, b as f32)
    } else {
        simdmath::ulp::distance(a, b)
    }
}

/// The limit passes of one mode (best of `repeat`), measured with `--limits`.
#[derive(Clone, Copy)]
struct Limits {
    /// The pass over the same bytes with no math (two-pass only).
    floor: Option<f64>,
    /// The function with its data in L1.
    math: f64,
}

/// One mode's measurements (best of `repeat`).
struct ModeResult {
    mode: Mode,
    threads: usize,
    cpus: Option<Vec<usize>>,
    masks: Vec<Vec<usize>>,
    /// Fill and compute, two-pass only (the fused pass has no split).
    fill: Option<f64>,
    compute: Option<f64>,
    total: f64,
    /// The fill's own page faults: the largest worker's time first-touching its pages,
    /// measured inside the fill (a lower bound of the fill by construction).
    touch: f64,
    limits: Option<Limits>,
    /// Max ulp, samples and digest of the sampled outputs; `None` with `--quick`.
    accuracy: Option<(u64, usize, u64)>,
    /// Seconds spent in the work (every repetition), the limits and the accuracy check.
    spent_work: f64,
    spent_limits: f64,
    spent_accuracy: f64,
}

/// A phase indicator on stderr for phases longer than a second; off when stderr is not a
/// terminal or with --json.
struct Progress {
    state: Arc<Mutex<Option<(String, Instant, bool)>>>,
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        let state: Arc<Mutex<Option<(String, Instant, bool)>>> = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let handle = enabled.then(|| {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(250));
                    let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some((label, t0, drawn)) = g.as_mut() {
                        let s = t0.elapsed().as_secs_f64();
                        if s >= 1.0 {
                            eprint!("\r\x1b[K{label} … {s:.1} s");
                            *drawn = true;
                        }
                    }
                }
            })
        });
        Progress {
            state,
            stop,
            handle,
        }
    }

    fn phase(&self, label: String) {
        self.end();
        if self.handle.is_some() {
            *self.state.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((label, Instant::now(), false));
        }
    }

    fn end(&self) {
        let mut g = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, true)) = g.take() {
            eprint!("\r\x1b[K");
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Times `f` in seconds.
fn timed(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

fn run_mode<T: Real>(cfg: &Config, mode: Mode, pool: Option<&Pool>, prog: &Progress) -> ModeResult {
    let n = cfg.n;
    let (lo, hi) = (T::from_f64(0.0), T::from_f64(1.0));
    let (mut fill, mut compute, mut total) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut touch, mut floor, mut math) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut spent_work, mut spent_limits, mut spent_accuracy) = (0.0, 0.0, 0.0);
    let mut accuracy = None;
    let mut sample = vec![T::default(); KERNEL_SAMPLE];
    random::fill_uniform_at(cfg.seed, 0, &mut sample, lo, hi);
    let label = |what: &str| format!("{}: {what} ({} x {})", mode.name(), cfg.n, T::NAME);
    for rep in 0..cfg.repeat {
        // Fresh arrays every repetition, as the tutorial allocates them: the fill includes
        // the page faults.
        let mut x: Vec<T> = Vec::new();
        let mut out: Vec<T> = Vec::new();
        if cfg.fused {
            prog.phase(label(&format!("fill + {} fused", cfg.func.name())));
            let mut faults = 0.0;
            let t = timed(|| {
                if cfg.in_place {
                    (x, faults) = random::uniform_vec_eval_timed(
                        pool, cfg.seed, n, lo, hi, cfg.isa, cfg.func,
                    );
                } else {
                    (x, out, faults) = random::uniform_vecs_eval_timed(
                        pool, cfg.seed, n, lo, hi, cfg.isa, cfg.func,
                    );
                }
            });
            total = total.min(t);
            touch = touch.min(faults);
            spent_work += t;
        } else {
            prog.phase(label("fill"));
            let mut faults = 0.0;
            let t_fill = timed(|| {
                (x, faults) = random::uniform_vec_timed(pool, cfg.seed, n, lo, hi);
                if !cfg.in_place {
                    // The output's first touch is part of the fill phase, and all touch.
                    let t = Instant::now();
                    out = simdmath::filled_vec(pool, n, T::default());
                    faults += t.elapsed().as_secs_f64();
                }
            });
            prog.phase(label(&cfg.what()));
            let (f, isa, y, acc) = (cfg.func, cfg.isa, T::from_f64(cfg.y), cfg.accuracy);
            let binary = f.arity() == simdmath::Arity::Binary;
            let t_compute = timed(|| match (pool, cfg.in_place, binary) {
                _ if cfg.expr.is_some() => {
                    let e = cfg.expr.as_ref().expect("checked");
                    let inputs = [("x", Input::from(&x))];
                    match pool {
                        Some(p) => p.eval_expr_with(isa, 0, e, &inputs, &mut out),
                        None => e.eval_with(isa, 0, &inputs, &mut out),
                    }
                    .expect("the expression's inputs were checked when parsing");
                }
                (Some(p), true, false) => p.eval_in_place_with_accuracy(isa, acc, f, &mut x),
                (Some(p), false, false) => p.eval_with_accuracy(isa, acc, f, &x, &mut out),
                (None, true, false) => simdmath::eval_in_place_with_accuracy(isa, acc, f, &mut x),
                (None, false, false) => simdmath::eval_with_accuracy(isa, acc, f, &x, &mut out),
                (Some(p), true, true) => p.eval2_scalar_in_place_with(isa, f, &mut x, y),
                (Some(p), false, true) => p.eval2_scalar_with(isa, f, &x, y, &mut out),
                (None, true, true) => simdmath::eval2_scalar_in_place_with(isa, f, &mut x, y),
                (None, false, true) => simdmath::eval2_scalar_with(isa, f, &x, y, &mut out),
            });
            fill = fill.min(t_fill);
            touch = touch.min(faults);
            compute = compute.min(t_compute);
            total = total.min(t_fill + t_compute);
            spent_work += t_fill + t_compute;
        }
        prog.end();
        if rep + 1 == cfg.repeat && !cfg.quick {
            prog.phase(label("accuracy check"));
            let t0 = Instant::now();
            accuracy = Some(check_accuracy(cfg, if cfg.in_place { &x } else { &out }));
            spent_accuracy += t0.elapsed().as_secs_f64();
        }
        if cfg.limits {
            let t0 = Instant::now();
            if !cfg.fused {
                // The floor on the work's own pages, just after the function ran on them.
                prog.phase(label("memory floor"));
                let t = timed(|| match (pool, cfg.in_place) {
                    (Some(p), true) => p.read_write_in_place(cfg.isa, &mut x),
                    (Some(p), false) => p.copy_with(cfg.isa, &x, &mut out),
                    (None, true) => simdmath::read_write_in_place(cfg.isa, &mut x),
                    (None, false) => simdmath::copy_with(cfg.isa, &x, &mut out),
                });
                floor = floor.min(t);
            }
            prog.phase(label("math in cache"));
            math = math.min(timed(|| kernel_in_cache(cfg, pool, &mut x, &sample)));
            spent_limits += t0.elapsed().as_secs_f64();
        }
        prog.end();
    }
    ModeResult {
        mode,
        threads: pool.map_or(1, Pool::threads),
        cpus: pool.and_then(|p| p.cpus().map(<[usize]>::to_vec)),
        masks: pool.map(Pool::worker_masks).unwrap_or_default(),
        fill: (!cfg.fused).then_some(fill),
        compute: (!cfg.fused).then_some(compute),
        total,
        touch,
        limits: cfg.limits.then_some(Limits {
            floor: (!cfg.fused).then_some(floor),
            math,
        }),
        accuracy,
        spent_work,
        spent_limits,
        spent_accuracy,
    }
}

/// Inputs in the L1-resident sample of [`kernel_in_cache`] (16 KiB of `f64`).
const KERNEL_SAMPLE: usize = 2048;

/// The function alone with its data in L1: the same threads and chunking as the compute
/// phase, each chunk's element count evaluated from `sample` (the first inputs of the run) into
/// a buffer on the stack; the chunk's own memory is never read or written. A lower bound on
/// compute wherever the math, not memory, is the limit.
fn kernel_in_cache<T: Real>(cfg: &Config, pool: Option<&Pool>, x: &mut [T], sample: &[T]) {
    let entry = match cfg.accuracy {
        Accuracy::Faithful => T::kernel(cfg.isa, cfg.func).unary(),
        _ => T::cr_kernel(cfg.isa, cfg.func).and_then(|k| k.unary()),
    }
    .expect("run applies one-input, one-output functions of the tier (checked when parsing)");
    let run = |_: usize, c: &mut [T]| {
        // Uninitialised: zeroing 16 KiB per 64 KiB chunk made this "limit" 8 % slower than the
        // compute it bounds.
        let mut out = [std::mem::MaybeUninit::<T>::uninit(); KERNEL_SAMPLE];
        let mut left = c.len();
        while left > 0 {
            let k = left.min(sample.len()).min(KERNEL_SAMPLE);
            // SAFETY: `sample` holds at least `k` elements and `out` `KERNEL_SAMPLE >= k`; the
            // entry point only writes `out`; `cfg.isa` was checked available when parsed.
            unsafe { entry(sample.as_ptr(), out.as_mut_ptr().cast::<T>(), k) };
            std::hint::black_box(&mut out);
            left -= k;
        }
    };
    match pool {
        Some(p) => p.for_each_chunk(x, run),
        None => run(0, x),
    }
}

/// Max ulp distance from libm over up to `SAMPLES` elements of `y` (100 evenly spaced runs;
/// the inputs are regenerated from the seed), and a digest of the sampled outputs.
fn check_accuracy<T: Real>(cfg: &Config, y: &[T]) -> (u64, usize, u64) {
    let n = y.len();
    let groups = if n <= SAMPLES { 1 } else { 100 };
    let len = (SAMPLES / groups).min(n / groups);
    let is_f32 = T::NAME == "f32";
    let (mut max, mut count, mut digest) = (0u64, 0usize, 0xcbf29ce484222325u64);
    let mut xs = vec![T::default(); len];
    for g in 0..groups {
        let start = g * (n / groups);
        random::fill_uniform_at(cfg.seed, start, &mut xs, T::from_f64(0.0), T::from_f64(1.0));
        for (k, &xv) in xs.iter().enumerate() {
            let got = y[start + k].to_f64();
            let want = if let Some(e) = &cfg.expr {
                e.eval_scalar(&[("x", xv.to_f64())], |f, x, y| {
                    if f.arity() == simdmath::Arity::Binary {
                        <f64 as simdmath::ulp::Float>::libm2(f, x, y)
                    } else {
                        reference(f, x)
                    }
                })
                .expect("the expression's inputs were checked when parsing")
            } else if cfg.func.arity() == simdmath::Arity::Binary {
                <f64 as simdmath::ulp::Float>::libm2(
                    cfg.func,
                    xv.to_f64(),
                    T::from_f64(cfg.y).to_f64(),
                )
            } else if cfg.accuracy == Accuracy::CorrectlyRounded {
                // The tier's promise: core-math's f32, bit for bit.
                <f32 as simdmath::ulp::Float>::reference(cfg.func, xv.to_f64() as f32) as f64
            } else {
                reference(cfg.func, xv.to_f64())
            };
            let want = if is_f32 { want as f32 as f64 } else { want };
            max = max.max(ulp_distance(got, want, is_f32));
            digest = (digest ^ got.to_bits()).wrapping_mul(0x100000001b3);
            count += 1;
        }
    }
    (max, count, digest)
}

fn run<T: Real>(cfg: &Config, started: Instant) -> Result<i32, CliError> {
    let topo = Topology::get();
    let prog = Progress::new(!cfg.json && std::io::stderr().is_terminal());
    let warm = (!cfg.cold).then(|| warm_up::<T>(cfg, &prog));
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
        results.push(run_mode::<T>(cfg, mode, pool.as_ref(), &prog));
    }
    drop(prog);
    let wall = started.elapsed().as_secs_f64();
    if cfg.json {
        println!("{}", json::<T>(cfg, topo, &results, warm, wall));
    } else {
        print!("{}", table::<T>(cfg, topo, &results, warm, wall));
    }
    Ok(0)
}

/// Elements of `T` the largest mode allocates: `x`, plus `out` out of place.
fn footprint(cfg: &Config) -> usize {
    if cfg.in_place { cfg.n } else { 2 * cfg.n }
}

/// The warm-up (see HELP): allocates the footprint of one mode, touches every page on a pool of
/// every allowed CPU and frees it, before any mode is timed, so that no mode pays the machine's
/// first touch of memory it had not mapped yet (a cost of the host, paid once, by whichever
/// mode came first). Returns its seconds.
fn warm_up<T: Real>(cfg: &Config, prog: &Progress) -> f64 {
    let n = footprint(cfg);
    prog.phase(format!(
        "warm-up: first touch of {:.1} MB",
        (n * std::mem::size_of::<T>()) as f64 / 1e6
    ));
    let t = Instant::now();
    let pool = Pool::logical().ok();
    let v = simdmath::filled_vec(pool.as_ref(), n, T::default());
    std::hint::black_box(&v);
    drop(v);
    drop(pool);
    let s = t.elapsed().as_secs_f64();
    prog.end();
    s
}

/// Whether a speed-up over sequential is above what `threads` threads can give (with 5 %
/// for the noise of two timings): then the modes did not pay the same costs, and the figure is
/// marked, not reported as a result.
fn implausible(speedup: f64, threads: usize) -> bool {
    speedup > 1.05 * threads as f64
}

fn list(v: &[usize]) -> String {
    v.iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn bytes_moved<T>(n: usize) -> f64 {
    2.0 * n as f64 * std::mem::size_of::<T>() as f64
}

/// `v` with `prec` decimals, or `-` for `None`, right-aligned in `width`.
fn cell(v: Option<f64>, width: usize, prec: usize) -> String {
    match v {
        Some(v) => format!("{v:>width$.prec$}"),
        None => format!("{:>width$}", "-"),
    }
}

/// A speed-up `a / b` over sequential as `1.23x`, or `-`; marked `1.23x!` (and `marked` set)
/// where it is [`implausible`] for `threads` threads.
fn speedup(
    a: Option<f64>,
    b: Option<f64>,
    threads: usize,
    width: usize,
    marked: &mut bool,
) -> String {
    match (a, b) {
        (Some(a), Some(b)) => {
            let bad = implausible(a / b, threads);
            *marked |= bad;
            let mark = if bad { "!" } else { "" };
            format!("{:>width$}", format!("{:.2}x{mark}", a / b))
        }
        _ => format!("{:>width$}", "-"),
    }
}

/// A ratio `a / b` as `1.23x`, or `-`.
fn ratio(a: Option<f64>, b: Option<f64>, width: usize) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{:>width$}", format!("{:.2}x", a / b)),
        _ => format!("{:>width$}", "-"),
    }
}

/// Whether the sampled outputs of every mode are the same (`None` with `--quick`).
fn identical(rs: &[ModeResult]) -> Option<bool> {
    let d: Option<Vec<u64>> = rs.iter().map(|r| r.accuracy.map(|a| a.2)).collect();
    d.map(|d| d.windows(2).all(|w| w[0] == w[1]))
}

/// Seconds the command spent on the work, the limits and the accuracy check.
fn spent(rs: &[ModeResult]) -> (f64, f64, f64) {
    rs.iter().fold((0.0, 0.0, 0.0), |(w, l, a), r| {
        (w + r.spent_work, l + r.spent_limits, a + r.spent_accuracy)
    })
}

fn table<T: Real>(
    cfg: &Config,
    topo: &Topology,
    rs: &[ModeResult],
    warm: Option<f64>,
    wall: f64,
) -> String {
    let mut s = String::new();
    let mb = cfg.n as f64 * std::mem::size_of::<T>() as f64 / 1e6;
    let _ = writeln!(
        s,
        "simdmath run: {} on n = {} {} ({mb:.1} MB per array), {}, {}, seed {}, best of {}",
        cfg.what(),
        cfg.n,
        T::NAME,
        if cfg.in_place {
            "in place"
        } else {
            "out of place"
        },
        if cfg.fused {
            "fused (fill and function in one pass)"
        } else {
            "two passes (fill, then function)"
        },
        cfg.seed,
        cfg.repeat
    );
    let avail: Vec<_> = Isa::available().iter().map(|i| i.name()).collect();
    let _ = writeln!(
        s,
        "ISA: {} (available: {}); accuracy tier: {}",
        cfg.isa,
        avail.join(", "),
        match cfg.accuracy {
            Accuracy::Faithful => "faithful (within 1 ulp)",
            _ => "correctly rounded (0 ulp)",
        }
    );
    let _ = writeln!(
        s,
        "CPUs: {} physical cores, {} logical CPUs (allowed: {}){}",
        topo.physical(),
        topo.logical(),
        list(topo.allowed_cpus()),
        topo.note().map(|n| format!("; {n}")).unwrap_or_default()
    );
    let seq = rs.iter().find(|r| r.mode == Mode::Sequential);
    let mut marked = false;
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<10} {:>7} {:<8} | {:>8} {:>9} {:>8} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "", "", "", "work:", "", "", "", "", "", "limits:", "", "", "", "", ""
    );
    let _ = writeln!(
        s,
        "{:<10} {:>7} {:<8} | {:>8} {:>9} {:>8} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "mode",
        "threads",
        "cpus",
        "fill s",
        "compute s",
        "total s",
        "elem/ns",
        "speed-up",
        "(compute)",
        "touch s",
        "fill/tch",
        "floor s",
        "cmp/flr",
        "math s",
        "cmp/bnd"
    );
    for r in rs {
        let cpus = match (&r.cpus, r.mode) {
            (_, Mode::Sequential) => "main".to_string(),
            (Some(c), _) => list(c),
            (None, _) => "unpinned".to_string(),
        };
        let (sp, spc) = match seq {
            Some(q) => (
                speedup(Some(q.total), Some(r.total), r.threads, 8, &mut marked),
                speedup(q.compute, r.compute, r.threads, 9, &mut marked),
            ),
            None => (format!("{:>8}", "-"), format!("{:>9}", "-")),
        };
        let l = r.limits;
        let touch = Some(r.touch);
        let floor = l.and_then(|l| l.floor);
        let math = l.map(|l| l.math);
        // The fill's bound is the touch; the fused pass (no split) is compared as a whole.
        let filled = r.fill.or((cfg.fused).then_some(r.total));
        let bound = match (floor, math) {
            (Some(f), Some(m)) => Some(f.max(m)),
            _ => None,
        };
        let _ = writeln!(
            s,
            "{:<10} {:>7} {:<8} | {} {} {} {:>8.3} {} {} | {} {} {} {} {} {}",
            r.mode.name(),
            r.threads,
            cpus,
            cell(r.fill, 8, 4),
            cell(r.compute, 9, 4),
            cell(Some(r.total), 8, 4),
            cfg.n as f64 / (r.total * 1e9),
            sp,
            spc,
            cell(touch, 8, 4),
            ratio(filled, touch, 8),
            cell(floor, 8, 4),
            ratio(r.compute, floor, 8),
            cell(math, 8, 4),
            ratio(r.compute, bound, 8),
        );
    }
    let _ = writeln!(s);
    if marked {
        let _ = writeln!(
            s,
            "!: a speed-up above the mode's thread count (more than 5 % above it) is not a result: \
             the modes did not pay the same costs ({}); rerun with --repeat 3",
            if warm.is_some() {
                "another load on the machine, or the clock"
            } else {
                "with --cold the first mode timed pays the machine's first touch of the memory: \
                 rerun without --cold"
            }
        );
    }
    let _ = writeln!(
        s,
        "{}",
        match warm {
            Some(w) => format!(
                "warm-up: {:.1} MB allocated, touched on every allowed CPU and freed before any \
                 mode was timed ({w:.3} s), so no mode pays the machine's first touch of the \
                 memory (--cold skips it)",
                (footprint(cfg) * std::mem::size_of::<T>()) as f64 / 1e6
            ),
            None => "warm-up: skipped (--cold): the first mode timed pays the machine's first \
                     touch of the memory"
                .to_owned(),
        }
    );
    let _ = writeln!(
        s,
        "work: what the tutorial times, fresh arrays (page faults included); fill = allocation + \
         random fill{}, compute = the function {}, total = {}; elem/ns = n / total; speed-up = \
         sequential total / total (and compute / compute)",
        if cfg.in_place {
            ""
        } else {
            " (+ first touch of out)"
        },
        if cfg.in_place { "in place" } else { "x -> out" },
        if cfg.fused {
            "the fused pass (fill and function per 16 KiB piece in L1)"
        } else {
            "fill + compute"
        }
    );
    let _ = writeln!(
        s,
        "touch s: the fill's own page faults, measured inside it (each worker times its first \
         touch of a chunk's pages just before filling them; the largest worker's total{}): a \
         lower bound of the {} by construction; fill/tch = {} / touch",
        if cfg.in_place {
            ""
        } else {
            ", plus the output's first touch"
        },
        if cfg.fused { "fused pass" } else { "fill" },
        if cfg.fused { "total" } else { "fill" },
    );
    if cfg.limits {
        let _ = writeln!(
            s,
            "limit passes (--limits), same threads and chunking, on the work's own pages:\n  \
             floor s: {} of the work's {mb:.1} MB right after the function, no math; cmp/flr = \
             compute / floor{}\n  math s: the function alone with its inputs and outputs in \
             L1, its memory untouched; cmp/bnd = compute / max(floor, math)",
            if cfg.in_place {
                "read + write-back in place through the functions' entry loop".to_owned()
            } else {
                format!(
                    "copy x -> out through the functions' entry loop ({} stores, as the function's: \
                     non-temporal from {} MB of output)",
                    if (cfg.n * elem_size(cfg.dtype)) >= simdmath::streaming_threshold() {
                        "non-temporal"
                    } else {
                        "ordinary"
                    },
                    simdmath::streaming_threshold() as f64 / 1e6
                )
            },
            if cfg.fused {
                " (two-pass only: the fused pass reads nothing back)"
            } else {
                ""
            }
        );
    } else {
        let _ = writeln!(
            s,
            "limit passes: not run (add --limits for the memory floor and the math in cache)"
        );
    }
    match (
        rs.iter().map(|r| r.accuracy).collect::<Option<Vec<_>>>(),
        identical(rs),
    ) {
        (Some(acc), Some(same)) => {
            let max = acc.iter().map(|a| a.0).max().unwrap_or(0);
            let _ = writeln!(
                s,
                "accuracy: max {max} ulp from {} over {} sampled elements per mode; outputs identical across modes: {}",
                if cfg.expr.is_some() {
                    "the expression in f64 with the system libm's functions"
                } else if cfg.accuracy == Accuracy::Faithful {
                    "the system libm"
                } else {
                    "core-math (correctly rounded)"
                },
                acc.first().map_or(0, |a| a.1),
                if same { "yes" } else { "NO" }
            );
        }
        _ => {
            let _ = writeln!(s, "accuracy: not checked (--quick)");
        }
    }
    let (w, l, a) = spent(rs);
    let _ = writeln!(
        s,
        "wall time: {wall:.3} s for this command = warm-up {:.3} s + work {w:.3} s (every \
         repetition) + limits {l:.3} s + accuracy check {a:.3} s + other {:.3} s (start, pools, \
         freeing memory)",
        warm.unwrap_or(0.0),
        (wall - warm.unwrap_or(0.0) - w - l - a).max(0.0)
    );
    s
}

fn opt(v: Option<f64>) -> String {
    v.map_or("null".to_string(), |v| v.to_string())
}

fn json<T: Real>(
    cfg: &Config,
    topo: &Topology,
    rs: &[ModeResult],
    warm: Option<f64>,
    wall: f64,
) -> String {
    let mut s = String::from("{");
    let _ = write!(
        s,
        "\"func\":{},\"expr\":{},\"dtype\":\"{}\",\"n\":{},\"in_place\":{},\"fused\":{},\"limits\":{},\"quick\":{},\"seed\":{},\"repeat\":{},\"isa\":\"{}\",\"accuracy\":\"{}\",",
        super::ulp::json_str(&cfg.what()),
        cfg.expr.is_some(),
        T::NAME,
        cfg.n,
        cfg.in_place,
        cfg.fused,
        cfg.limits,
        cfg.quick,
        cfg.seed,
        cfg.repeat,
        cfg.isa,
        cfg.accuracy
    );
    let _ = write!(
        s,
        "\"physical_cores\":{},\"logical_cpus\":{},\"allowed_cpus\":[{}],\"bytes_per_pass\":{},\"modes\":[",
        topo.physical(),
        topo.logical(),
        list(topo.allowed_cpus()),
        bytes_moved::<T>(cfg.n)
    );
    let seq = rs.iter().find(|r| r.mode == Mode::Sequential);
    for (i, r) in rs.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let cpus = r
            .cpus
            .as_ref()
            .map_or("null".to_string(), |c| format!("[{}]", list(c)));
        let masks: Vec<String> = r.masks.iter().map(|m| format!("[{}]", list(m))).collect();
        let speedup = seq.map_or("null".to_string(), |q| format!("{}", q.total / r.total));
        let plausible = seq.map_or("null".to_string(), |q| {
            let c = q.compute.zip(r.compute).map(|(a, b)| a / b);
            let bad = implausible(q.total / r.total, r.threads)
                || c.is_some_and(|c| implausible(c, r.threads));
            (!bad).to_string()
        });
        let l = r.limits;
        let touch = Some(r.touch);
        let floor = l.and_then(|l| l.floor);
        let math = l.map(|l| l.math);
        let filled = r.fill.or(cfg.fused.then_some(r.total));
        let div = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a / b);
        let bound = floor.zip(math).map(|(f, m)| f.max(m));
        let (max_ulp, samples, digest) = match r.accuracy {
            Some((m, c, d)) => (m.to_string(), c.to_string(), format!("\"{d:016x}\"")),
            None => ("null".into(), "null".into(), "null".into()),
        };
        let _ = write!(
            s,
            "{{\"mode\":\"{}\",\"threads\":{},\"cpus\":{cpus},\"worker_masks\":[{}],\"fill_s\":{},\"compute_s\":{},\"total_s\":{},\"elements_per_ns\":{},\"gb_per_s\":{},\"speedup\":{speedup},\"speedup_plausible\":{plausible},\"first_touch_s\":{},\"fill_over_touch\":{},\"floor_s\":{},\"compute_over_floor\":{},\"math_in_cache_s\":{},\"compute_over_bound\":{},\"max_ulp\":{max_ulp},\"samples\":{samples},\"digest\":{digest}}}",
            r.mode.name(),
            r.threads,
            masks.join(","),
            opt(r.fill),
            opt(r.compute),
            r.total,
            cfg.n as f64 / (r.total * 1e9),
            opt(r.compute.map(|c| bytes_moved::<T>(cfg.n) / c / 1e9)),
            opt(touch),
            opt(div(filled, touch)),
            opt(floor),
            opt(div(r.compute, floor)),
            opt(math),
            opt(div(r.compute, bound)),
        );
    }
    let (w, l, a) = spent(rs);
    let same = identical(rs).map_or("null".to_string(), |b| b.to_string());
    let _ = write!(
        s,
        "],\"identical_across_modes\":{same},\"warm_up_s\":{},\"wall_s\":{wall},\"work_s\":{w},\"limits_s\":{l},\"accuracy_s\":{a}}}",
        opt(warm)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speedup_above_the_thread_count_is_marked() {
        let mut marked = false;
        assert_eq!(speedup(Some(2.0), Some(1.0), 2, 8, &mut marked), "   2.00x");
        assert!(!marked);
        // 5 % above the count is noise; beyond it, not a result.
        assert_eq!(speedup(Some(2.1), Some(1.0), 2, 8, &mut marked), "   2.10x");
        assert!(!marked);
        assert_eq!(
            speedup(Some(32.95), Some(1.0), 2, 8, &mut marked),
            " 32.95x!"
        );
        assert!(marked);
        let mut marked = false;
        assert_eq!(speedup(None, Some(1.0), 2, 9, &mut marked), "        -");
        assert_eq!(
            speedup(Some(1.5), Some(1.0), 1, 9, &mut marked),
            "   1.50x!"
        );
        assert!(marked);
    }
}
