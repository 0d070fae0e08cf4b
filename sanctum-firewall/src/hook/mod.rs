//! Hook logic: what an assistant's tool call is ([`ToolCall`]), what Sanctum decides about
//! it ([`Decision`]), and how that is said in each assistant's protocol ([`claude`]).
//!
//! The pipeline is the one of `shared/design/architecture.md` §3: an adapter turns the
//! assistant's JSON into a [`ToolCall`]; [`evaluate`] applies the rules (facts, never
//! substrings); the adapter renders the [`Decision`]. The same code runs in the daemon and,
//! when the daemon is unreachable, inside the hook process, so the answer never depends on
//! which of the two made it.

mod action;
mod call;
pub mod claude;
mod decision;
mod evaluate;
mod places;
mod rules;
mod text;

pub use action::HookAction;
pub use call::ToolCall;
pub use decision::{Decision, Reason, Verdict};
pub use evaluate::{Evaluator, evaluate};
pub use places::Places;
