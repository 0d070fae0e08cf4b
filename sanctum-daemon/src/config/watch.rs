//! Turning changes of the config file into (debounced) reloads.
//!
//! The file's *parent directory* is watched, non-recursively, because editors replace files
//! by rename and a watch on the file itself would die with the old inode. Only events that
//! name the config file and change its content count: create, data modification, rename,
//! removal, and close-after-write. Open and read events never count — reacting to them
//! would make our own read of the file trigger another reload, forever.
//!
//! Debounce: the first event starts a short quiet period that every further event extends;
//! the reload runs once the file has been quiet for [`DEBOUNCE`]. While idle the task just
//! awaits its channel: no timer runs unless an event arrived.

use std::ffi::{OsStr, OsString};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;

use super::reload::{Trigger, reload};
use crate::state::State;

/// How long the file must be quiet before it is re-read: long enough for an editor's
/// truncate + write + rename burst, short enough to feel immediate.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(150);

/// Keeps the OS watch alive; dropping it stops watching.
#[derive(Debug)]
pub(crate) struct ConfigWatcher {
    _watcher: RecommendedWatcher,
}

/// Starts watching the directory of `config_file` (creating it 0700 if missing, so a
/// config written later is still noticed). Events reach the returned receiver.
pub(crate) fn start(
    config_file: &Path,
) -> Result<(ConfigWatcher, mpsc::UnboundedReceiver<()>), String> {
    let directory = watched_directory(config_file);
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&directory)
        .map_err(|error| format!("cannot create {}: {error}", directory.display()))?;
    let Some(name) = config_file.file_name().map(OsStr::to_os_string) else {
        return Err(format!("{} has no file name", config_file.display()));
    };
    let (sender, receiver) = mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        match result {
            Ok(event) if is_config_change(&event, &name) => {
                // The receiver is gone only during shutdown: nothing left to reload.
                let _ = sender.send(());
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "config watch error"),
        }
    })
    .map_err(|error| error.to_string())?;
    watcher
        .watch(&directory, RecursiveMode::NonRecursive)
        .map_err(|error| format!("cannot watch {}: {error}", directory.display()))?;
    Ok((ConfigWatcher { _watcher: watcher }, receiver))
}

/// The directory holding `config_file` (`.` for a bare file name).
fn watched_directory(config_file: &Path) -> PathBuf {
    match config_file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether `event` may have changed the content of the file called `name`.
pub(crate) fn is_config_change(event: &Event, name: &OsString) -> bool {
    let relevant_kind = match event.kind {
        EventKind::Create(_)
        | EventKind::Remove(_)
        | EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Modify(kind) => matches!(
            kind,
            ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Name(_)
        ),
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    };
    relevant_kind
        && event
            .paths
            .iter()
            .any(|path| path.file_name() == Some(name.as_os_str()))
}

/// Waits for the next burst of events and for it to settle. Returns `false` once the
/// watcher is gone (shutdown).
pub(crate) async fn next_settled_burst(
    receiver: &mut mpsc::UnboundedReceiver<()>,
    quiet: Duration,
) -> bool {
    if receiver.recv().await.is_none() {
        return false;
    }
    loop {
        match tokio::time::timeout(quiet, receiver.recv()).await {
            Ok(Some(())) => {}
            // Settled, or the watcher went away mid-burst: the change still deserves a look.
            Err(_) | Ok(None) => return true,
        }
    }
}

/// Reloads after every settled burst until the watcher stops.
pub(crate) async fn reload_on_change(mut receiver: mpsc::UnboundedReceiver<()>, state: Arc<State>) {
    while next_settled_burst(&mut receiver, DEBOUNCE).await {
        // Failures are recorded (status, log, audit) by `reload` itself.
        let _ = reload(&state, Trigger::FileChange);
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};

    use super::*;

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn only_content_changes_of_the_config_file_count() {
        let name = OsString::from("config.toml");
        let counted = [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ];
        for kind in counted {
            assert!(
                is_config_change(&event(kind, "/c/sanctum/config.toml"), &name),
                "{kind:?}"
            );
            assert!(
                !is_config_change(&event(kind, "/c/sanctum/other.toml"), &name),
                "{kind:?} of another file"
            );
        }
        let ignored = [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Any),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
            EventKind::Any,
            EventKind::Other,
        ];
        for kind in ignored {
            assert!(
                !is_config_change(&event(kind, "/c/sanctum/config.toml"), &name),
                "{kind:?}"
            );
        }
        let rename = Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
            .add_path(PathBuf::from("/c/sanctum/.config.toml.tmp"))
            .add_path(PathBuf::from("/c/sanctum/config.toml"));
        assert!(is_config_change(&rename, &name));
    }

    #[tokio::test]
    async fn a_burst_settles_into_one_reload_and_a_closed_channel_ends() {
        let (sender, mut receiver) = mpsc::unbounded_channel();
        for _ in 0..5 {
            sender.send(()).unwrap();
        }
        let quiet = Duration::from_millis(20);
        assert!(next_settled_burst(&mut receiver, quiet).await);
        assert!(receiver.is_empty(), "the whole burst was consumed");
        sender.send(()).unwrap();
        drop(sender);
        assert!(next_settled_burst(&mut receiver, quiet).await);
        assert!(!next_settled_burst(&mut receiver, quiet).await);
    }

    #[test]
    fn a_bare_file_name_is_watched_in_the_current_directory() {
        assert_eq!(
            watched_directory(Path::new("config.toml")),
            PathBuf::from(".")
        );
        assert_eq!(
            watched_directory(Path::new("/c/sanctum/config.toml")),
            PathBuf::from("/c/sanctum")
        );
    }
}
