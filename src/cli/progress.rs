//! Progress on stderr for the CLI's long commands: a phase with its time ([`Progress`],
//! `simdmath run`) and a share of work done with the time left ([`Eta`], `simdmath ulp`).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A phase indicator on stderr for phases longer than a second; off when stderr is not a
/// terminal or with --json.
pub struct Progress {
    state: Arc<Mutex<Option<(String, Instant, bool)>>>,
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    pub fn new(enabled: bool) -> Progress {
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

    pub fn phase(&self, label: String) {
        self.end();
        if self.handle.is_some() {
            *self.state.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((label, Instant::now(), false));
        }
    }

    pub fn end(&self) {
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

/// A count of work done against a total, drawn on stderr every half second as a percentage,
/// the count and the time elapsed and left, while enabled; [`Eta::finish`] prints the total time.
pub struct Eta {
    label: String,
    done: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    start: Instant,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Eta {
    /// Starts drawing (only when `enabled`) the progress of `label` towards `total` units.
    pub fn start(label: &str, total: u64, enabled: bool) -> Eta {
        let done = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let start = Instant::now();
        let handle = enabled.then(|| {
            let (done, stop, label) = (done.clone(), stop.clone(), label.to_owned());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(500));
                    let d = done.load(Ordering::Relaxed);
                    let el = start.elapsed();
                    let frac = d as f64 / total as f64;
                    let eta = if frac > 0.0 {
                        el.mul_f64((1.0 - frac) / frac)
                    } else {
                        Duration::ZERO
                    };
                    eprint!(
                        "\r{label}: {:5.1}%  {d}/{total} inputs  {} elapsed, ~{} left   ",
                        100.0 * frac,
                        fmt_duration(el),
                        fmt_duration(eta)
                    );
                }
            })
        });
        Eta {
            label: label.to_owned(),
            done,
            stop,
            start,
            handle,
        }
    }

    /// Counts `n` more units done.
    pub fn add(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Stops drawing and, where it drew, prints the time the whole took.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
            eprintln!(
                "\r{}: done in {}{:40}",
                self.label,
                fmt_duration(self.start.elapsed()),
                ""
            );
        }
    }
}

impl Drop for Eta {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// A duration as `1h02m`, `3m04s` or `5s`.
pub fn fmt_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, s / 60 % 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{}s", s)
    }
}
