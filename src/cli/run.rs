//! `simdmath run`: the tutorial's experiment (fill n random numbers, apply a function,
//! sequentially and on a pool per physical / logical core), timed phase by phase, against the
//! memory floor measured in the same run, with a sampled accuracy check.

use super::args::Dtype;
use super::{CliError, args, bail};
use simdmath::{Func, Isa, Pool, Real, Topology, random};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEFAULT_N: u64 = 100_000_000;
const SAMPLES: usize = 100_000;

const HELP: &str = "\
simdmath run: fill n uniform [0, 1) numbers and apply a function, sequentially and on pinned
pools; prints fill / compute / total times, GB/s, elements/ns, speed-up over sequential, the
memory floor measured in the same run, and a sampled accuracy check.

usage: simdmath run [options]

options:
  --func NAME        exp, log, sin, cos (default exp)
  --dtype T          f64 or f32 (default f64)
  --n COUNT          elements: 1e9, 100000000, 100_000_000 (default 1e8: 800 MB of f64,
                     a few seconds for all three modes here)
  --modes LIST       comma list of sequential, physical, logical, or all (default all)
  --threads N        also run on a pool of N pinned threads (mode 'threads')
  --isa NAME         instruction set for the function: portable, avx2, avx512
                     (default: SIMDMATH_ISA or the best this CPU runs)
  --in-place         apply the function in place (default; needs n x size bytes)
  --out-of-place     write into a second array (needs 2 x n x size bytes)
  --seed S           random seed, u64 (default 1); the data depend only on seed and n
  --repeat R         run each mode R times and report the best of each phase (default 1);
                     every repetition allocates fresh arrays, as the tutorial does
  --json             one JSON object on stdout, no progress
  -h, --help         this text

Timings: fill = allocation and random fill of x on the mode's threads, page faults included
(plus the allocation and first touch of the output array out of place); compute = the
function alone; total = fill + compute. The memory floor is a parallel pass over the same
bytes with the same chunking and no math: each element read and written back in place by the
same entry loop as the functions', or copied x -> out out of place. math = the function on the
same threads and chunking with its data in L1 (its memory untouched): the compute-bound limit.
touch = n fresh elements' pages faulted in on the same threads, no random numbers: the limit
of the fill. Accuracy: max distance in ulps from
the system libm (computed in f64, rounded for f32) over 1e5 elements sampled from the output.
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
}

/// Runs `simdmath run`; returns the exit code.
pub fn main(argv: &[String]) -> Result<i32, CliError> {
    if argv.iter().any(|a| a == "--help" || a == "-h") {
        print!("{HELP}");
        return Ok(0);
    }
    let cfg = parse(argv)?;
    match cfg.dtype {
        Dtype::F64 => run::<f64>(&cfg),
        Dtype::F32 => run::<f32>(&cfg),
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
        ],
        &["--in-place", "--out-of-place", "--json"],
    )?;
    let func = match o.get("--func") {
        None => Func::Exp,
        Some(s) => s.parse::<Func>().map_err(|e| CliError(e.to_string()))?,
    };
    let dtype = match o.get("--dtype") {
        None => Dtype::F64,
        Some(s) => s.parse::<Dtype>().map_err(CliError)?,
    };
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
        in_place: !o.flag("--out-of-place"),
        seed,
        repeat,
        json: o.flag("--json"),
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

/// The libm reference in f64 for one element.
fn reference(f: Func, x: f64) -> f64 {
    match f.name() {
        "exp" => x.exp(),
        "log" => x.ln(),
        "sin" => x.sin(),
        "cos" => x.cos(),
        "exp2" => x.exp2(),
        "exp10" => 10f64.powf(x),
        "expm1" => x.exp_m1(),
        "sinh" => x.sinh(),
        "cosh" => x.cosh(),
        "tanh" => x.tanh(),
        other => unreachable!("no libm reference for '{other}'"),
    }
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

/// One mode's measurements (best of `repeat`).
struct ModeResult {
    mode: Mode,
    threads: usize,
    cpus: Option<Vec<usize>>,
    masks: Vec<Vec<usize>>,
    fill: f64,
    touch: f64,
    floor: f64,
    kernel: f64,
    compute: f64,
    total: f64,
    max_ulp: u64,
    samples: usize,
    digest: u64,
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
    let (mut fill, mut floor, mut compute, mut total) = (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    let (mut kernel, mut touch) = (f64::MAX, f64::MAX);
    let mut sample = vec![T::default(); KERNEL_SAMPLE];
    random::fill_uniform_at(cfg.seed, 0, &mut sample, lo, hi);
    let label = |what: &str| format!("{}: {what} ({} x {})", mode.name(), cfg.n, T::NAME);
    let mut x: Vec<T> = Vec::new();
    let mut out: Vec<T> = Vec::new();
    for _ in 0..cfg.repeat {
        // Fresh arrays every repetition, as the tutorial allocates them: the fill includes
        // the page faults. The old ones are freed first so that memory is never doubled.
        x = Vec::new();
        out = Vec::new();
        prog.phase(label("first touch"));
        // The fill's lower bound: fresh pages faulted in (and zeroed by the kernel) with the
        // same threads and chunking, then freed before x is allocated.
        let mut fresh: Vec<T> = Vec::new();
        let t_touch = timed(|| fresh = simdmath::filled_vec(pool, n, T::default()));
        drop(fresh);
        prog.phase(label("fill"));
        let t_fill = timed(|| {
            x = random::uniform_vec(pool, cfg.seed, n, lo, hi);
            if !cfg.in_place {
                out = simdmath::filled_vec(pool, n, T::default());
            }
        });
        prog.phase(label("memory floor"));
        let t_floor = timed(|| match (pool, cfg.in_place) {
            (Some(p), true) => p.read_write_in_place(cfg.isa, &mut x),
            (Some(p), false) => p.copy(&x, &mut out),
            (None, true) => simdmath::read_write_in_place(cfg.isa, &mut x),
            (None, false) => out.copy_from_slice(&x),
        });
        prog.phase(label("math in cache"));
        let t_kernel = timed(|| kernel_in_cache(cfg, pool, &mut x, &sample));
        prog.phase(label(cfg.func.name()));
        let t_compute = timed(|| match (pool, cfg.in_place) {
            (Some(p), true) => p.eval_in_place_with(cfg.isa, cfg.func, &mut x),
            (Some(p), false) => p.eval_with(cfg.isa, cfg.func, &x, &mut out),
            (None, true) => simdmath::eval_in_place_with(cfg.isa, cfg.func, &mut x),
            (None, false) => simdmath::eval_with(cfg.isa, cfg.func, &x, &mut out),
        });
        prog.end();
        fill = fill.min(t_fill);
        floor = floor.min(t_floor);
        kernel = kernel.min(t_kernel);
        touch = touch.min(t_touch);
        compute = compute.min(t_compute);
        total = total.min(t_fill + t_compute);
    }
    let y = if cfg.in_place { &x } else { &out };
    let (max_ulp, samples, digest) = check_accuracy(cfg, y);
    ModeResult {
        mode,
        threads: pool.map_or(1, Pool::threads),
        cpus: pool.and_then(|p| p.cpus().map(<[usize]>::to_vec)),
        masks: pool.map(Pool::worker_masks).unwrap_or_default(),
        fill,
        touch,
        floor,
        kernel,
        compute,
        total,
        max_ulp,
        samples,
        digest,
    }
}

/// Inputs in the L1-resident sample of [`kernel_in_cache`] (16 KiB of `f64`).
const KERNEL_SAMPLE: usize = 2048;

/// The function alone with its data in L1: the same threads and chunking as the compute
/// phase, each chunk's element count evaluated from `sample` (the first inputs of the run) into
/// a buffer on the stack; the chunk's own memory is never read or written. A lower bound on
/// compute wherever the math, not memory, is the limit.
fn kernel_in_cache<T: Real>(cfg: &Config, pool: Option<&Pool>, x: &mut [T], sample: &[T]) {
    let run = |_: usize, c: &mut [T]| {
        let mut out = [T::default(); KERNEL_SAMPLE];
        let mut left = c.len();
        while left > 0 {
            let k = left.min(sample.len());
            simdmath::eval_with(cfg.isa, cfg.func, &sample[..k], &mut out[..k]);
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
            let want = reference(cfg.func, xv.to_f64());
            let want = if is_f32 { want as f32 as f64 } else { want };
            max = max.max(ulp_distance(got, want, is_f32));
            digest = (digest ^ got.to_bits()).wrapping_mul(0x100000001b3);
            count += 1;
        }
    }
    (max, count, digest)
}

fn run<T: Real>(cfg: &Config) -> Result<i32, CliError> {
    let topo = Topology::get();
    let prog = Progress::new(!cfg.json && std::io::stderr().is_terminal());
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
    if cfg.json {
        println!("{}", json::<T>(cfg, topo, &results));
    } else {
        print!("{}", table::<T>(cfg, topo, &results));
    }
    Ok(0)
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

fn table<T: Real>(cfg: &Config, topo: &Topology, rs: &[ModeResult]) -> String {
    let mut s = String::new();
    let mb = cfg.n as f64 * std::mem::size_of::<T>() as f64 / 1e6;
    let _ = writeln!(
        s,
        "simdmath run: {} on n = {} {} ({mb:.1} MB per array), {}, seed {}, best of {}",
        cfg.func,
        cfg.n,
        T::NAME,
        if cfg.in_place {
            "in place"
        } else {
            "out of place"
        },
        cfg.seed,
        cfg.repeat
    );
    let avail: Vec<_> = Isa::available().iter().map(|i| i.name()).collect();
    let _ = writeln!(s, "ISA: {} (available: {})", cfg.isa, avail.join(", "));
    let _ = writeln!(
        s,
        "CPUs: {} physical cores, {} logical CPUs (allowed: {}){}",
        topo.physical(),
        topo.logical(),
        list(topo.allowed_cpus()),
        topo.note().map(|n| format!("; {n}")).unwrap_or_default()
    );
    let seq = rs.iter().find(|r| r.mode == Mode::Sequential);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<10} {:>7} {:<8} {:>8} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>8} {:>8} {:>8}",
        "mode",
        "threads",
        "cpus",
        "fill s",
        "touch s",
        "compute s",
        "total s",
        "floor s",
        "cmp/flr",
        "math s",
        "cmp/bnd",
        "GB/s",
        "elem/ns",
        "speed-up",
        "(compute)"
    );
    for r in rs {
        let cpus = match (&r.cpus, r.mode) {
            (_, Mode::Sequential) => "main".to_string(),
            (Some(c), _) => list(c),
            (None, _) => "unpinned".to_string(),
        };
        let (sp, spc) = match seq {
            Some(q) => (
                format!("{:.2}x", q.total / r.total),
                format!("{:.2}x", q.compute / r.compute),
            ),
            None => ("-".into(), "-".into()),
        };
        let _ = writeln!(
            s,
            "{:<10} {:>7} {:<8} {:>8.4} {:>8.4} {:>9.4} {:>8.4} {:>8.4} {:>7.3}x {:>8.4} {:>7.3}x {:>7.1} {:>8.3} {:>8} {:>9}",
            r.mode.name(),
            r.threads,
            cpus,
            r.fill,
            r.touch,
            r.compute,
            r.total,
            r.floor,
            r.compute / r.floor,
            r.kernel,
            r.compute / r.floor.max(r.kernel),
            bytes_moved::<T>(cfg.n) / r.compute / 1e9,
            cfg.n as f64 / (r.compute * 1e9),
            sp,
            spc
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "touch s: n fresh elements' pages faulted in (zeroed by the kernel) on the same threads, \
         no random numbers: the fill's lower bound\n\
         memory floor: {} of the same {mb:.1} MB with the same threads and chunking, no math; cmp/flr = compute / floor (1.00x = at the floor)\n\
         math s: the function alone on the same threads and chunking with its inputs and outputs \
         in L1; cmp/bnd = compute / max(floor, math), how close compute came to the nearer limit",
        if cfg.in_place {
            "read + write-back in place through the functions' entry loop (vector loads, stores, \
             prefetch)"
        } else {
            "copy x -> out (memcpy)"
        }
    );
    let _ = writeln!(
        s,
        "GB/s counts {:.1} GB moved per pass (each element read once, written once)",
        bytes_moved::<T>(cfg.n) / 1e9
    );
    let max = rs.iter().map(|r| r.max_ulp).max().unwrap_or(0);
    let same = rs.windows(2).all(|w| w[0].digest == w[1].digest);
    let _ = writeln!(
        s,
        "accuracy: max {max} ulp from the system libm over {} sampled elements per mode; outputs identical across modes: {}",
        rs.first().map_or(0, |r| r.samples),
        if same { "yes" } else { "NO" }
    );
    s
}

fn json<T: Real>(cfg: &Config, topo: &Topology, rs: &[ModeResult]) -> String {
    let mut s = String::from("{");
    let _ = write!(
        s,
        "\"func\":\"{}\",\"dtype\":\"{}\",\"n\":{},\"in_place\":{},\"seed\":{},\"repeat\":{},\"isa\":\"{}\",",
        cfg.func,
        T::NAME,
        cfg.n,
        cfg.in_place,
        cfg.seed,
        cfg.repeat,
        cfg.isa
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
        let _ = write!(
            s,
            "{{\"mode\":\"{}\",\"threads\":{},\"cpus\":{cpus},\"worker_masks\":[{}],\"fill_s\":{},\"first_touch_s\":{},\"compute_s\":{},\"total_s\":{},\"floor_s\":{},\"compute_over_floor\":{},\"math_in_cache_s\":{},\"compute_over_bound\":{},\"gb_per_s\":{},\"elements_per_ns\":{},\"speedup\":{speedup},\"max_ulp\":{},\"samples\":{}}}",
            r.mode.name(),
            r.threads,
            masks.join(","),
            r.fill,
            r.touch,
            r.compute,
            r.total,
            r.floor,
            r.compute / r.floor,
            r.kernel,
            r.compute / r.floor.max(r.kernel),
            bytes_moved::<T>(cfg.n) / r.compute / 1e9,
            cfg.n as f64 / (r.compute * 1e9),
            r.max_ulp,
            r.samples
        );
    }
    let same = rs.windows(2).all(|w| w[0].digest == w[1].digest);
    let _ = write!(s, "],\"identical_across_modes\":{same}}}");
    s
}
