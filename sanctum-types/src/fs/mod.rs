//! File-system primitives that keep state private and never half-written.
//!
//! Everything Sanctum persists goes through here: directories are created 0700 and checked
//! for ownership, files are replaced atomically (temp + fsync + rename + fsync dir), and logs
//! are rotated by size. Nothing here knows what the bytes mean.

mod atomic;
mod private_dir;
mod rotate;

pub use atomic::write_atomic;
pub use private_dir::{ensure_private_dir, is_private};
pub use rotate::{SizeRotatingFile, open_append, rotate, rotated_name};
