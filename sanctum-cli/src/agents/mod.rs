//! What Sanctum knows about the AI assistants it guards: where each keeps its settings and
//! how Sanctum's hooks are registered there.

pub mod claude;
