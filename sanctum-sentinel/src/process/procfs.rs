//! A read-only view of `/proc` with an injectable root, so that everything built on it is
//! tested against a fake tree of plain files and symlinks.
//!
//! Every read is bounded (a process controls the size of its own command line and
//! environment) and every failure is an absent value: processes come and go while we look,
//! and a process of another user hides most of its files.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Most bytes read from a `cmdline`.
const MAX_CMDLINE_BYTES: u64 = 64 * 1024;
/// Most bytes read from an `environ`.
const MAX_ENVIRON_BYTES: u64 = 1024 * 1024;
/// Most bytes read from a `stat` or `comm`.
const MAX_SMALL_FILE_BYTES: u64 = 4096;

/// The process table, read from `root` (normally `/proc`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcFs {
    root: PathBuf,
}

impl ProcFs {
    /// A view of the process table mounted at `root` (a fake tree in tests).
    #[must_use]
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The real process table.
    #[must_use]
    pub fn system() -> Self {
        Self::new("/proc")
    }

    /// Whether the table can be read at all (no `/proc` on macOS, or a hardened mount).
    #[must_use]
    pub fn is_available(&self) -> bool {
        self.root.is_dir()
    }

    fn entry(&self, pid: u32) -> PathBuf {
        self.root.join(pid.to_string())
    }

    /// Whether a process with this pid exists.
    #[must_use]
    pub fn exists(&self, pid: u32) -> bool {
        self.entry(pid).is_dir()
    }

    /// Every pid in the table, in no particular order.
    #[must_use]
    pub fn pids(&self) -> Vec<u32> {
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
            .collect()
    }

    /// The parent pid, from `stat` (`0` for the top of a pid namespace).
    #[must_use]
    pub fn parent(&self, pid: u32) -> Option<u32> {
        let stat = read_text(&self.entry(pid).join("stat"), MAX_SMALL_FILE_BYTES)?;
        // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so split after
        // the last `)`.
        let (_, rest) = stat.rsplit_once(')')?;
        rest.split_whitespace().nth(1)?.parse().ok()
    }

    /// The short command name (`comm`, at most 15 bytes, set by the process itself).
    #[must_use]
    pub fn command_name(&self, pid: u32) -> Option<String> {
        let text = read_text(&self.entry(pid).join("comm"), MAX_SMALL_FILE_BYTES)?;
        let name = text.trim_end_matches('\n');
        (!name.is_empty()).then(|| name.to_owned())
    }

    /// The arguments (`cmdline`), empty when unreadable (e.g. a zombie).
    #[must_use]
    pub fn command_line(&self, pid: u32) -> Vec<String> {
        read_bounded(&self.entry(pid).join("cmdline"), MAX_CMDLINE_BYTES)
            .map(|bytes| {
                split_nul(&bytes)
                    .map(|arg| String::from_utf8_lossy(arg).into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The value of environment variable `name` in the process's initial environment
    /// (readable only for processes of the same user).
    #[must_use]
    pub fn environment_variable(&self, pid: u32, name: &str) -> Option<String> {
        self.environment(pid)
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The process's initial environment as `(name, value)` pairs.
    #[must_use]
    pub fn environment(&self, pid: u32) -> Vec<(String, String)> {
        read_bounded(&self.entry(pid).join("environ"), MAX_ENVIRON_BYTES)
            .map(|bytes| {
                split_nul(&bytes)
                    .filter_map(|pair| {
                        let text = String::from_utf8_lossy(pair);
                        let (name, value) = text.split_once('=')?;
                        Some((name.to_owned(), value.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The effective uid the process runs as (the owner of its `/proc` entry).
    #[must_use]
    pub fn owner(&self, pid: u32) -> Option<u32> {
        std::fs::metadata(self.entry(pid))
            .ok()
            .map(|meta| meta.uid())
    }

    /// The executable (`exe` link target).
    #[must_use]
    pub fn executable(&self, pid: u32) -> Option<PathBuf> {
        std::fs::read_link(self.entry(pid).join("exe")).ok()
    }

    /// The working directory (`cwd` link target).
    #[must_use]
    pub fn working_directory(&self, pid: u32) -> Option<PathBuf> {
        std::fs::read_link(self.entry(pid).join("cwd")).ok()
    }

    /// Paths of at most `limit` open file descriptors.
    #[must_use]
    pub fn open_files(&self, pid: u32, limit: usize) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.entry(pid).join("fd")) else {
            return Vec::new();
        };
        entries
            .flatten()
            .take(limit)
            .filter_map(|entry| std::fs::read_link(entry.path()).ok())
            .collect()
    }

    /// The names of `pid`'s ancestors, nearest first, at most `depth` of them.
    #[must_use]
    pub fn ancestor_names(&self, pid: u32, depth: usize) -> Vec<String> {
        let mut names = Vec::new();
        let mut current = self.parent(pid);
        while let Some(parent) = current {
            if parent == 0 || names.len() >= depth {
                break;
            }
            names.push(
                self.command_name(parent)
                    .unwrap_or_else(|| parent.to_string()),
            );
            if parent == 1 {
                break;
            }
            current = self.parent(parent);
        }
        names
    }
}

/// The last path component of `text` (`/usr/bin/node` → `node`).
#[must_use]
pub fn base_name(text: &str) -> &str {
    text.rsplit('/').next().unwrap_or(text)
}

fn split_nul(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes
        .split(|byte| *byte == 0)
        .filter(|part| !part.is_empty())
}

fn read_bounded(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(path)
        .ok()?
        .take(limit)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

fn read_text(path: &Path, limit: u64) -> Option<String> {
    read_bounded(path, limit).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// Builds fake `/proc` trees for tests of this module and its users.
#[cfg(test)]
pub(crate) mod fake {
    use std::path::Path;

    /// One fake process.
    pub struct FakeProcess<'a> {
        pub pid: u32,
        pub parent: u32,
        pub comm: &'a str,
        pub argv: &'a [&'a str],
        pub environ: &'a [&'a str],
        pub exe: Option<&'a str>,
        pub cwd: Option<&'a str>,
    }

    impl FakeProcess<'_> {
        /// Writes the process under `root`.
        pub fn write(&self, root: &Path) {
            let dir = root.join(self.pid.to_string());
            std::fs::create_dir_all(dir.join("fd")).unwrap();
            std::fs::write(
                dir.join("stat"),
                format!("{} ({}) S {} 1 1 0 -1\n", self.pid, self.comm, self.parent),
            )
            .unwrap();
            std::fs::write(dir.join("comm"), format!("{}\n", self.comm)).unwrap();
            let join = |items: &[&str]| {
                let mut bytes = Vec::new();
                for item in items {
                    bytes.extend_from_slice(item.as_bytes());
                    bytes.push(0);
                }
                bytes
            };
            std::fs::write(dir.join("cmdline"), join(self.argv)).unwrap();
            std::fs::write(dir.join("environ"), join(self.environ)).unwrap();
            if let Some(exe) = self.exe {
                std::os::unix::fs::symlink(exe, dir.join("exe")).unwrap();
            }
            if let Some(cwd) = self.cwd {
                std::os::unix::fs::symlink(cwd, dir.join("cwd")).unwrap();
            }
        }
    }

    /// A process with defaults for everything but its identity.
    pub fn process<'a>(
        pid: u32,
        parent: u32,
        comm: &'a str,
        argv: &'a [&'a str],
    ) -> FakeProcess<'a> {
        FakeProcess {
            pid,
            parent,
            comm,
            argv,
            environ: &[],
            exe: None,
            cwd: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::process;
    use super::*;

    #[test]
    fn reads_a_fake_table() {
        let root = tempfile::tempdir().unwrap();
        process(1, 0, "init", &["/sbin/init"]).write(root.path());
        process(40, 1, "weird) name (", &["bash", "-l"]).write(root.path());
        let mut child = process(41, 40, "sanctum", &["sanctum", "review", "--approve", "x"]);
        child.environ = &["HOME=/h", "EMPTY=", "CLAUDECODE=1"];
        child.exe = Some("/usr/bin/sanctum");
        child.cwd = Some("/h/src");
        child.write(root.path());
        std::os::unix::fs::symlink("/h/x.pth", root.path().join("41/fd/3")).unwrap();

        let proc = ProcFs::new(root.path());
        assert!(proc.is_available());
        let mut pids = proc.pids();
        pids.sort_unstable();
        assert_eq!(pids, [1, 40, 41]);
        assert_eq!(proc.parent(41), Some(40));
        assert_eq!(
            proc.parent(40),
            Some(1),
            "a `)` in comm does not confuse the parser"
        );
        assert_eq!(proc.command_name(40).as_deref(), Some("weird) name ("));
        assert_eq!(
            proc.command_line(41),
            ["sanctum", "review", "--approve", "x"]
        );
        assert_eq!(
            proc.environment_variable(41, "CLAUDECODE").as_deref(),
            Some("1")
        );
        assert_eq!(proc.environment_variable(41, "EMPTY").as_deref(), Some(""));
        assert_eq!(proc.environment_variable(41, "NOPE"), None);
        assert_eq!(proc.executable(41), Some(PathBuf::from("/usr/bin/sanctum")));
        assert_eq!(proc.working_directory(41), Some(PathBuf::from("/h/src")));
        assert_eq!(proc.open_files(41, 8), [PathBuf::from("/h/x.pth")]);
        assert_eq!(proc.ancestor_names(41, 8), ["weird) name (", "init"]);
        assert_eq!(proc.ancestor_names(41, 1), ["weird) name ("]);
        assert!(proc.command_line(99).is_empty());
        assert_eq!(proc.parent(99), None);
        assert!(!ProcFs::new(root.path().join("none")).is_available());
    }

    #[test]
    fn base_names() {
        assert_eq!(base_name("/usr/bin/node"), "node");
        assert_eq!(base_name("claude"), "claude");
        assert_eq!(base_name("/a/b/"), "");
    }
}
