//! The configuration in force, and how it changes while the daemon runs.
//!
//! [`store`] holds the current [`sanctum_types::config::ValidConfig`] behind an `ArcSwap`
//! (readers never wait) plus the last reload failure shown by `status`; [`reload`] is the
//! one way to change it (file change, SIGHUP or a `reload_config` request); [`watch`] turns
//! file-system events into debounced reloads. Validation itself lives in `sanctum-types`:
//! this module never interprets a key.

mod load;
pub(crate) mod reload;
pub(crate) mod store;
pub(crate) mod watch;

pub(crate) use load::{LoadedConfig, load_or_defaults};
