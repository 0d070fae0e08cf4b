//! Which package installer is running right now for an environment: the best-effort
//! "who wrote this file" of a quarantine entry.
//!
//! Bounded on purpose. The scan looks only at processes of one uid, reads one small file
//! (`cmdline`) per process, stops when its time budget is spent, and gives up at once on a
//! table larger than [`MAX_PROCESSES`]. Open descriptors and working directories are read
//! only for the few installers found. The answer is context for a reviewer, never a reason
//! to trust a file.

use std::path::Path;
use std::time::{Duration, Instant};

use super::procfs::{ProcFs, base_name};

/// Process tables larger than this are not scanned (the answer would cost too much).
pub const MAX_PROCESSES: usize = 4096;
/// Default time budget of one scan.
pub const DEFAULT_BUDGET: Duration = Duration::from_millis(5);
/// How many ancestors' names are recorded.
const ANCESTOR_NAMES: usize = 8;
/// How many descriptors of a candidate are looked at.
const MAX_DESCRIPTORS: usize = 256;

/// Programs that install Python packages, by executable name or `python -m` module.
const INSTALLERS: &[&str] = &[
    "pip",
    "uv",
    "poetry",
    "conda",
    "mamba",
    "micromamba",
    "pdm",
    "pipx",
    "hatch",
    "pixi",
    "rye",
    "easy_install",
];

/// An installer process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallerProcess {
    /// Its pid.
    pub pid: u32,
    /// Which installer (`pip`, `uv`, …).
    pub installer: &'static str,
    /// Its short command name.
    pub process: String,
    /// Its arguments.
    pub command_line: Vec<String>,
    /// Its ancestors' names, nearest first.
    pub ancestors: Vec<String>,
}

/// Finds the installer (of user `uid`) most likely writing into `site_dir` right now.
///
/// Installers whose executable, arguments, working directory or open files lie inside the
/// environment (`env_root`, else `site_dir`) win over unrelated ones; among equals the
/// newest process wins.
#[must_use]
pub fn find_installer(
    proc: &ProcFs,
    uid: u32,
    site_dir: &Path,
    env_root: Option<&Path>,
    budget: Duration,
) -> Option<InstallerProcess> {
    let started = Instant::now();
    let mut pids = proc.pids();
    if pids.len() > MAX_PROCESSES {
        return None;
    }
    // Newest first: an installer at work was started recently.
    pids.sort_unstable_by(|a, b| b.cmp(a));
    let environment = env_root.unwrap_or(site_dir);
    let mut best: Option<(u8, u32, &'static str, Vec<String>)> = None;
    for pid in pids {
        if started.elapsed() >= budget {
            break;
        }
        if proc.owner(pid) != Some(uid) {
            continue;
        }
        let argv = proc.command_line(pid);
        let Some(installer) = installer_of(&argv) else {
            continue;
        };
        let score = closeness(proc, pid, &argv, environment, site_dir);
        if best.as_ref().is_none_or(|(known, ..)| score > *known) {
            best = Some((score, pid, installer, argv));
        }
    }
    let (_, pid, installer, command_line) = best?;
    Some(InstallerProcess {
        pid,
        installer,
        process: proc
            .command_name(pid)
            .unwrap_or_else(|| installer.to_owned()),
        command_line,
        ancestors: proc.ancestor_names(pid, ANCESTOR_NAMES),
    })
}

/// The installer an argument vector runs, if any: `pip install …`, `/venv/bin/pip3.12`,
/// `python -m pip …`, `python /venv/bin/pip …`, `uv pip install …`.
#[must_use]
pub fn installer_of(argv: &[String]) -> Option<&'static str> {
    let first = base_name(argv.first()?);
    if let Some(installer) = installer_named(first) {
        return Some(installer);
    }
    if !first.starts_with("python") {
        return None;
    }
    let mut rest = argv.iter().skip(1);
    while let Some(argument) = rest.next() {
        if argument == "-m" {
            return rest.next().and_then(|module| installer_named(module));
        }
        if !argument.starts_with('-') {
            return installer_named(base_name(argument));
        }
    }
    None
}

/// `pip`, `pip3`, `pip3.12` → `pip`; exact names for the others.
fn installer_named(name: &str) -> Option<&'static str> {
    let name = name.strip_suffix(".exe").unwrap_or(name);
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    INSTALLERS
        .iter()
        .find(|installer| **installer == name || (**installer == "pip" && trimmed == "pip"))
        .copied()
}

/// 2 when the installer's executable or arguments are in the environment, 1 when its
/// working directory or an open file is, 0 otherwise.
fn closeness(proc: &ProcFs, pid: u32, argv: &[String], scope: &Path, site_dir: &Path) -> u8 {
    let executable = proc.executable(pid);
    if executable
        .as_deref()
        .is_some_and(|exe| exe.starts_with(scope))
        || argv
            .iter()
            .any(|argument| Path::new(argument).starts_with(scope))
    {
        return 2;
    }
    if proc
        .working_directory(pid)
        .is_some_and(|cwd| cwd.starts_with(scope))
        || proc
            .open_files(pid, MAX_DESCRIPTORS)
            .iter()
            .any(|file| file.starts_with(site_dir))
    {
        return 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::procfs::fake::process;
    use super::*;

    fn args(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    #[test]
    fn recognises_installers_however_they_are_started() {
        for (argv, expected) in [
            (&["pip", "install", "x"][..], Some("pip")),
            (&["/v/bin/pip3.12", "install", "x"][..], Some("pip")),
            (&["python3", "-m", "pip", "install", "x"][..], Some("pip")),
            (&["/v/bin/python", "/v/bin/pip", "install"][..], Some("pip")),
            (
                &["python3", "-I", "-m", "pipx", "install", "y"][..],
                Some("pipx"),
            ),
            (&["uv", "pip", "install", "x"][..], Some("uv")),
            (&["/opt/conda/bin/conda", "install", "x"][..], Some("conda")),
            (&["poetry", "add", "x"][..], Some("poetry")),
            (&["python3", "script.py"][..], None),
            (&["pipe"][..], None),
            (&["bash", "-c", "pip install x"][..], None),
            (&[][..], None),
        ] {
            assert_eq!(installer_of(&args(argv)), expected, "{argv:?}");
        }
    }

    #[test]
    fn the_installer_working_in_the_environment_wins() {
        let root = tempfile::tempdir().unwrap();
        let uid = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(root.path()).unwrap());
        process(1, 0, "init", &["init"]).write(root.path());
        process(10, 1, "claude", &["claude"]).write(root.path());
        process(20, 10, "bash", &["bash"]).write(root.path());
        // An unrelated pip elsewhere, and the one installing into /v.
        let mut other = process(30, 1, "pip", &["pip", "download", "z"]);
        other.cwd = Some("/elsewhere");
        other.write(root.path());
        let mut ours = process(
            25,
            20,
            "pip",
            &["/v/bin/python", "-m", "pip", "install", "evil"],
        );
        ours.exe = Some("/v/bin/python3.12");
        ours.write(root.path());
        process(40, 1, "vim", &["vim"]).write(root.path());
        let proc = ProcFs::new(root.path());
        let site = PathBuf::from("/v/lib/python3.12/site-packages");
        let found = find_installer(
            &proc,
            uid,
            &site,
            Some(Path::new("/v")),
            Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(found.pid, 25);
        assert_eq!(found.installer, "pip");
        assert_eq!(found.process, "pip");
        assert_eq!(found.command_line[3], "install");
        assert_eq!(found.ancestors, ["bash", "claude", "init"]);
        // Another uid's processes are never considered.
        assert_eq!(
            find_installer(
                &proc,
                uid.wrapping_add(1),
                &site,
                None,
                Duration::from_secs(1)
            ),
            None
        );
    }

    #[test]
    fn an_exhausted_budget_stops_the_scan() {
        let root = tempfile::tempdir().unwrap();
        let uid = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(root.path()).unwrap());
        process(25, 1, "pip", &["pip", "install", "x"]).write(root.path());
        let proc = ProcFs::new(root.path());
        assert_eq!(
            find_installer(&proc, uid, Path::new("/v"), None, Duration::ZERO),
            None
        );
    }
}
