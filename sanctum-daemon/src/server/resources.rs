//! The daemon's own footprint (RSS, CPU time), sampled only when `status` asks.
//!
//! Sampling on demand, never on a timer: an idle daemon must not wake up to measure itself.

use std::sync::{Mutex, PoisonError};

use sanctum_types::ipc::Resources;
use sysinfo::{Pid, ProcessRefreshKind, ProcessesToUpdate, System};

/// Reads our process's resource use; keeps one `System` between samples.
#[derive(Debug, Default)]
pub(crate) struct ResourceProbe {
    system: Mutex<Option<System>>,
}

impl ResourceProbe {
    /// The current RSS and accumulated CPU time of `pid` (zeros if unavailable).
    pub fn sample(&self, pid: u32) -> Resources {
        let mut slot = self.system.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = System::new().ok();
        }
        let Some(system) = slot.as_mut() else {
            return Resources::default();
        };
        let pid = Pid::from_u32(pid);
        system.refresh_processes_specifics(
            ProcessesToUpdate::Some(&[pid]),
            true,
            ProcessRefreshKind::nothing()
                .with_memory()
                .with_cpu()
                .without_tasks(),
        );
        system
            .process(pid)
            .map(|process| Resources {
                rss_bytes: process.memory(),
                cpu_time_ms: process.accumulated_cpu_time(),
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_process_has_a_resident_set() {
        let probe = ResourceProbe::default();
        let resources = probe.sample(std::process::id());
        assert!(resources.rss_bytes > 0, "{resources:?}");
        let again = probe.sample(std::process::id());
        assert!(again.cpu_time_ms >= resources.cpu_time_ms);
    }
}
