//! Integration tests: the real `sanctum-daemon` binary in a hermetic temp environment.
//!
//! One test binary (link time on 2 cores); one file per area. Every wait is a poll with a
//! deadline, never a sleep that asserts.

#[cfg(test)]
mod audit_log;
#[cfg(test)]
mod config_reload;
#[cfg(test)]
mod harness;
#[cfg(test)]
mod lifecycle;
#[cfg(test)]
mod limits;
#[cfg(test)]
mod protocol;
#[cfg(test)]
mod sentinel;
