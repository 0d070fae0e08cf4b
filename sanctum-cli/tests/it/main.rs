//! Integration tests of the real `sanctum` binary (and the real `sanctum-daemon` next to it),
//! each in a hermetic [`env::TestEnv`]. One test binary for the crate, to keep link time down.
//! Modules are `#[cfg(test)]` so that helpers may unwrap like tests do.

#[cfg(test)]
mod audit;
#[cfg(test)]
mod config;
#[cfg(test)]
mod doctor;
#[cfg(test)]
mod env;
#[cfg(test)]
mod help;
#[cfg(test)]
mod hook;
#[cfg(test)]
mod hooks;
#[cfg(test)]
mod init;
#[cfg(test)]
mod lifecycle;
#[cfg(test)]
mod pth;
#[cfg(test)]
mod review;
#[cfg(test)]
mod scan;
#[cfg(test)]
mod service;
#[cfg(test)]
mod shell_hook;
#[cfg(test)]
mod version_mismatch;
