//! A phase indicator on stderr for the CLI's long commands.

use std::sync::atomic::{AtomicBool, Ordering};
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
