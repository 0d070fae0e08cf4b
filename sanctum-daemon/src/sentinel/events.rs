//! What a file-system event means to the watcher, decided in the notifier's own thread so
//! that only meaningful changes wake the watcher.
//!
//! Counted: creation, close-after-write, rename into place, removal and rename away. Not
//! counted: open, read, close-after-read, metadata and each single `write` — a Python
//! starting up opens every `.pth` of its site directories, and the watcher's own reads
//! must never wake it again (that would loop forever).

use std::path::PathBuf;

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind};

/// One change to one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// Created; its content may still be on its way (a close-after-write usually follows).
    Created {
        /// The new path.
        path: PathBuf,
        /// Whether the event says it is a directory (`None`: the event does not tell).
        directory: Option<bool>,
    },
    /// Its content is complete: closed after writing, or renamed into place.
    Written(PathBuf),
    /// Removed or renamed away.
    Removed(PathBuf),
}

impl Change {
    /// The path concerned.
    pub fn path(&self) -> &PathBuf {
        match self {
            Self::Created { path, .. } | Self::Written(path) | Self::Removed(path) => path,
        }
    }
}

/// The changes `event` stands for (none for an event that changes nothing).
pub(crate) fn changes(event: &Event) -> Vec<Change> {
    let each = |make: fn(PathBuf) -> Change| event.paths.iter().cloned().map(make).collect();
    match event.kind {
        EventKind::Create(kind) => event
            .paths
            .iter()
            .map(|path| Change::Created {
                path: path.clone(),
                directory: match kind {
                    CreateKind::Folder => Some(true),
                    CreateKind::File => Some(false),
                    CreateKind::Any | CreateKind::Other => None,
                },
            })
            .collect(),
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => each(Change::Written),
        EventKind::Modify(ModifyKind::Name(mode)) => match mode {
            RenameMode::To => each(Change::Written),
            RenameMode::From => each(Change::Removed),
            RenameMode::Both => {
                let mut out = Vec::new();
                if let [from, to, ..] = event.paths.as_slice() {
                    out.push(Change::Removed(from.clone()));
                    out.push(Change::Written(to.clone()));
                }
                out
            }
            RenameMode::Any | RenameMode::Other => event
                .paths
                .iter()
                .map(|path| {
                    if path.exists() {
                        Change::Written(path.clone())
                    } else {
                        Change::Removed(path.clone())
                    }
                })
                .collect(),
        },
        EventKind::Remove(_) => each(Change::Removed),
        EventKind::Access(_) | EventKind::Modify(_) | EventKind::Any | EventKind::Other => {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{DataChange, MetadataKind, RemoveKind};

    use super::*;

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths.iter().fold(Event::new(kind), |event, path| {
            event.add_path(PathBuf::from(path))
        })
    }

    #[test]
    fn only_content_changes_count() {
        let p = |text: &str| PathBuf::from(text);
        assert_eq!(
            changes(&event(EventKind::Create(CreateKind::File), &["/s/a.pth"])),
            [Change::Created {
                path: p("/s/a.pth"),
                directory: Some(false)
            }]
        );
        assert_eq!(
            changes(&event(EventKind::Create(CreateKind::Folder), &["/r/venv"])),
            [Change::Created {
                path: p("/r/venv"),
                directory: Some(true)
            }]
        );
        assert_eq!(
            changes(&event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &["/s/a.pth"]
            )),
            [Change::Written(p("/s/a.pth"))]
        );
        assert_eq!(
            changes(&event(
                EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                &["/s/a.pth"]
            )),
            [Change::Written(p("/s/a.pth"))]
        );
        assert_eq!(
            changes(&event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/s/.tmp", "/s/a.pth"]
            )),
            [
                Change::Removed(p("/s/.tmp")),
                Change::Written(p("/s/a.pth"))
            ]
        );
        assert_eq!(
            changes(&event(EventKind::Remove(RemoveKind::File), &["/s/a.pth"])),
            [Change::Removed(p("/s/a.pth"))]
        );
        for ignored in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Any,
            EventKind::Other,
        ] {
            assert!(
                changes(&event(ignored, &["/s/a.pth"])).is_empty(),
                "{ignored:?}"
            );
        }
    }
}
