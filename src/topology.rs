//! Which CPUs this process may run on, which of them are distinct physical cores, and pinning.
//!
//! The allowed CPUs come from [`core_affinity::get_core_ids`], which returns the *calling
//! thread's* affinity mask (so `taskset -c 1` is honoured). It is read once per process, the
//! first time [`Topology::get`] runs — before any pool pins a worker. Physical cores are the
//! allowed CPUs deduplicated by `(physical_package_id, core_id)` read from
//! `/sys/devices/system/cpu/cpuN/topology/`. Where the mask or sysfs is unavailable (another OS,
//! a container without sysfs) the topology still answers, with pinning off and a
//! [`Topology::note`] saying why.

use std::sync::OnceLock;

/// The CPUs this process may use, as seen once per process.
///
/// ```
/// let t = simdmath::Topology::get();
/// assert!(t.logical() >= 1);
/// assert!(t.physical() >= 1 && t.physical() <= t.logical());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topology {
    allowed: Vec<usize>,
    physical: Vec<usize>,
    pinnable: bool,
    note: Option<String>,
}

impl Topology {
    /// The process-wide topology, detected on first use (call it, or build a pool, on the main
    /// thread before anything else pins threads).
    ///
    /// ```
    /// let t = simdmath::Topology::get();
    /// assert_eq!(t.allowed_cpus().len(), t.logical());
    /// ```
    pub fn get() -> &'static Topology {
        static TOPO: OnceLock<Topology> = OnceLock::new();
        TOPO.get_or_init(Topology::detect)
    }

    fn detect() -> Topology {
        let fallback_count = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        let ids = core_affinity::get_core_ids().filter(|v| !v.is_empty());
        let Some(ids) = ids else {
            return Topology {
                allowed: (0..fallback_count).collect(),
                physical: (0..fallback_count).collect(),
                pinnable: false,
                note: Some(format!(
                    "CPU affinity is not available on this system: workers run unpinned, \
                     {fallback_count} logical CPUs assumed, physical cores unknown (counted as logical)"
                )),
            };
        };
        let mut allowed: Vec<usize> = ids.into_iter().map(|c| c.id).collect();
        allowed.sort_unstable();
        allowed.dedup();
        match physical_from(&allowed, read_sysfs_core) {
            Some(physical) => Topology {
                allowed,
                physical,
                pinnable: true,
                note: None,
            },
            None => {
                let n = allowed.len();
                Topology {
                    physical: allowed.clone(),
                    allowed,
                    pinnable: true,
                    note: Some(format!(
                        "CPU topology (sysfs) is not readable: physical cores unknown, \
                         counted as the {n} allowed logical CPUs"
                    )),
                }
            }
        }
    }

    /// Ids of the logical CPUs this process may run on, ascending.
    ///
    /// ```
    /// assert!(!simdmath::Topology::get().allowed_cpus().is_empty());
    /// ```
    pub fn allowed_cpus(&self) -> &[usize] {
        &self.allowed
    }

    /// One logical CPU id per allowed physical core (the lowest id of each core), ascending.
    ///
    /// ```
    /// let t = simdmath::Topology::get();
    /// assert!(t.physical_cpus().iter().all(|c| t.allowed_cpus().contains(c)));
    /// ```
    pub fn physical_cpus(&self) -> &[usize] {
        &self.physical
    }

    /// Number of allowed logical CPUs.
    ///
    /// ```
    /// assert!(simdmath::Topology::get().logical() >= 1);
    /// ```
    pub fn logical(&self) -> usize {
        self.allowed.len()
    }

    /// Number of allowed physical cores.
    ///
    /// ```
    /// assert!(simdmath::Topology::get().physical() >= 1);
    /// ```
    pub fn physical(&self) -> usize {
        self.physical.len()
    }

    /// Whether workers can be pinned to CPUs on this system.
    ///
    /// ```
    /// let _can_pin: bool = simdmath::Topology::get().pinnable();
    /// ```
    pub fn pinnable(&self) -> bool {
        self.pinnable
    }

    /// What could not be detected, if anything (pinning or topology unavailable).
    ///
    /// ```
    /// if let Some(why) = simdmath::Topology::get().note() { eprintln!("{why}"); }
    /// ```
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The CPUs `n` workers are pinned to, in worker order: the physical cores first, then the
    /// remaining allowed logical CPUs (hyper-thread siblings), then round again.
    pub(crate) fn cpus_for(&self, n: usize) -> Vec<usize> {
        let mut order = self.physical.clone();
        order.extend(self.allowed.iter().filter(|c| !self.physical.contains(c)));
        (0..n).map(|i| order[i % order.len()]).collect()
    }
}

/// `(physical_package_id, core_id)` of logical CPU `cpu`, from sysfs.
fn read_sysfs_core(cpu: usize) -> Option<(u64, u64)> {
    let base = format!("/sys/devices/system/cpu/cpu{cpu}/topology");
    let read = |f: &str| -> Option<u64> {
        std::fs::read_to_string(format!("{base}/{f}"))
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    Some((read("physical_package_id")?, read("core_id")?))
}

/// One CPU per distinct `(package, core)` among `allowed` (the first of each), or `None` if
/// any CPU's topology cannot be read.
fn physical_from(
    allowed: &[usize],
    read: impl Fn(usize) -> Option<(u64, u64)>,
) -> Option<Vec<usize>> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for &cpu in allowed {
        let key = read(cpu)?;
        if !seen.contains(&key) {
            seen.push(key);
            out.push(cpu);
        }
    }
    Some(out)
}

/// Pins the calling thread to `cpu`; `false` if the OS refused.
pub(crate) fn pin_current(cpu: usize) -> bool {
    core_affinity::set_for_current(core_affinity::CoreId { id: cpu })
}

/// The CPU the calling thread runs on at this moment (Linux `sched_getcpu`), `None` elsewhere
/// or on failure.
pub(crate) fn current_cpu() -> Option<usize> {
    #[cfg(target_os = "linux")]
    {
        unsafe extern "C" {
            fn sched_getcpu() -> i32;
        }
        // SAFETY: glibc's and musl's `sched_getcpu` takes no arguments and only reads the
        // calling thread's state.
        let c = unsafe { sched_getcpu() };
        usize::try_from(c).ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// The calling thread's allowed CPUs right now (for checking that pinning took effect).
pub(crate) fn current_mask() -> Vec<usize> {
    let mut v: Vec<usize> = core_affinity::get_core_ids()
        .unwrap_or_default()
        .into_iter()
        .map(|c| c.id)
        .collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_by_package_and_core() {
        // cpus 0..8: two packages, two cores each, two threads per core (siblings i and i+4).
        let read = |c: usize| Some((((c % 4) / 2) as u64, (c % 2) as u64));
        assert_eq!(
            physical_from(&[0, 1, 2, 3, 4, 5, 6, 7], read),
            Some(vec![0, 1, 2, 3])
        );
        assert_eq!(physical_from(&[1, 5, 6], read), Some(vec![1, 6]));
        assert_eq!(physical_from(&[0, 1], |_| None), None);
    }

    #[test]
    fn cpus_for_prefers_physical() {
        let t = Topology {
            allowed: vec![0, 1, 2, 3],
            physical: vec![0, 2],
            pinnable: true,
            note: None,
        };
        assert_eq!(t.cpus_for(2), vec![0, 2]);
        assert_eq!(t.cpus_for(5), vec![0, 2, 1, 3, 0]);
    }
}
