//! The process-wide pinned pool behind the ufuncs and `random`.
//!
//! Its size comes from, in order: `set_num_threads(n)`; `SIMDMATH_NUM_THREADS` (a count,
//! `physical` or `logical`); `OMP_NUM_THREADS` (Dask's nanny sets it to 1 in every worker
//! process and Ray to the task's CPU count, so several worker processes on one machine do not
//! each start a pool over all its cores); the physical cores of the process's affinity mask.
//! One thread means no pool at all: everything runs, unpinned, on the calling thread.
//!
//! The default is read at import; the pool is built on first use and rebuilt, with the same
//! size, after a `fork` (a forked child has none of its parent's threads).

use sm::{Pool, Topology};
use std::sync::{Arc, Mutex};

/// How the thread count was chosen.
#[derive(Clone, Debug)]
pub struct Choice {
    pub threads: usize,
    pub source: String,
}

struct State {
    choice: Choice,
    /// Whether `pool` was built for this choice in this process (`pid`).
    built: Option<u32>,
    /// `None` for one thread (the calling thread does the work).
    pool: Option<Arc<Pool>>,
    logical: bool,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

/// A thread-count spec: a positive integer, `physical` or `logical`.
pub fn parse(spec: &str) -> Result<usize, String> {
    let t = Topology::get();
    match spec.trim().to_ascii_lowercase().as_str() {
        "physical" => Ok(t.physical()),
        "logical" => Ok(t.logical()),
        s => match s.parse::<usize>() {
            Ok(0) | Err(_) => Err(format!(
                "thread count must be a positive integer, 'physical' or 'logical' (got '{spec}')"
            )),
            Ok(n) => Ok(n),
        },
    }
}

/// The default: `SIMDMATH_NUM_THREADS`, else `OMP_NUM_THREADS`, else physical cores.
pub fn default_choice() -> Result<Choice, String> {
    if let Ok(v) = std::env::var("SIMDMATH_NUM_THREADS") {
        let threads = parse(&v).map_err(|e| format!("SIMDMATH_NUM_THREADS: {e}"))?;
        return Ok(Choice {
            threads,
            source: format!("SIMDMATH_NUM_THREADS={v}"),
        });
    }
    if let Ok(v) = std::env::var("OMP_NUM_THREADS") {
        // OpenMP allows a list ("4,2"); its first entry is the outer level.
        if let Ok(n) = v.split(',').next().unwrap_or("").trim().parse::<usize>()
            && n > 0
        {
            return Ok(Choice {
                threads: n,
                source: format!("OMP_NUM_THREADS={v}"),
            });
        }
    }
    let t = Topology::get();
    Ok(Choice {
        threads: t.physical(),
        source: format!("physical cores in the affinity mask ({})", t.physical()),
    })
}

fn build(threads: usize, logical: bool) -> Result<Option<Arc<Pool>>, String> {
    let pool = match threads {
        1 => return Ok(None),
        n if logical && n == Topology::get().logical() => Pool::logical(),
        n => Pool::with_threads(n),
    };
    pool.map(|p| Some(Arc::new(p))).map_err(|e| e.to_string())
}

fn lock() -> std::sync::MutexGuard<'static, Option<State>> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

fn default_state() -> State {
    // A bad SIMDMATH_NUM_THREADS is reported by `get_num_threads`; where no error can be raised
    // (inside a loop), fall back to one thread.
    let choice = default_choice().unwrap_or_else(|e| Choice {
        threads: 1,
        source: format!("error: {e}"),
    });
    State {
        choice,
        built: None,
        pool: None,
        logical: false,
    }
}

/// Reads the default from the environment now (at import): a `LocalCluster` started later in
/// the same process sets `OMP_NUM_THREADS=1` in `os.environ` for its workers, which must not
/// shrink the client process's pool.
pub fn init() {
    let mut st = lock();
    if st.is_none() {
        *st = Some(default_state());
    }
}

/// The pool the loops use (`None`: run on the calling thread), built on first use, and again
/// in a forked child (which has none of its parent's threads), with the same thread count.
pub fn current() -> Option<Arc<Pool>> {
    let mut guard = lock();
    let st = guard.get_or_insert_with(default_state);
    let pid = std::process::id();
    if st.built != Some(pid) {
        st.pool = build(st.choice.threads, st.logical).unwrap_or(None);
        st.built = Some(pid);
    }
    st.pool.clone()
}

/// Replaces the pool (the old one ends when its last running call returns).
pub fn set(threads: usize, source: String, logical: bool) -> Result<(), String> {
    let pool = build(threads, logical)?;
    *lock() = Some(State {
        choice: Choice { threads, source },
        built: Some(std::process::id()),
        pool,
        logical,
    });
    Ok(())
}

/// The current choice, without building the pool.
pub fn choice() -> Choice {
    lock().get_or_insert_with(default_state).choice.clone()
}

/// The current choice and the worker CPUs (`None`: unpinned or no pool).
pub fn info() -> (Choice, Option<Vec<usize>>) {
    let pool = current();
    let st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let choice = st
        .as_ref()
        .map(|s| s.choice.clone())
        .expect("initialised by current()");
    (choice, pool.and_then(|p| p.cpus().map(<[usize]>::to_vec)))
}
