//! Version identifiers that the two binaries compare before they trust each other.

/// The release version of this build, shared by `sanctum` and `sanctum-daemon`.
///
/// Both binaries are built from one workspace, so a difference means a stale install.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The IPC protocol revision. Bumped on any change that an older peer could misread;
/// a mismatch is refused at the `Hello` exchange rather than discovered mid-request.
pub const PROTOCOL_VERSION: u32 = 1;
