//! Python start-up files: a `.pth` line starting with `import`, `sitecustomize.py` and
//! `usercustomize.py` run code at every interpreter start, which is how malicious packages
//! persist. An assistant has no business writing them; the sentinel watches for anything
//! that gets through another way.

use std::path::Path;

use super::super::decision::{Decision, Verdict};

/// Rule id.
pub(crate) const RULE: &str = "python-startup-file";

/// Blocks a write to a Python start-up file.
pub(crate) fn check(path: &Path, decision: &mut Decision) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let startup = Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("pth"))
        || name == "sitecustomize.py"
        || name == "usercustomize.py";
    if startup {
        decision.add(
            Verdict::Block,
            RULE,
            format!(
                "writing {} is blocked: Python runs start-up files like this at every interpreter start, which is how malicious packages persist",
                path.display()
            ),
        );
    }
}
