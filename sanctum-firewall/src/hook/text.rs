//! Small helpers shared by the rules: every string inside a JSON value, and lexical path
//! normalisation.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

/// Every string in `value` (object values and array items, recursively), with a bound on
/// depth so hostile input cannot recurse without end.
pub(crate) fn strings(value: &Value) -> Vec<&str> {
    fn walk<'a>(value: &'a Value, depth: usize, out: &mut Vec<&'a str>) {
        if depth > 64 {
            return;
        }
        match value {
            Value::String(text) => out.push(text),
            Value::Array(items) => items.iter().for_each(|v| walk(v, depth + 1, out)),
            Value::Object(map) => map.values().for_each(|v| walk(v, depth + 1, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, 0, &mut out);
    out
}

/// `path` made absolute against `cwd` (a leading `~/` means `home`), with `.` and `..`
/// resolved lexically. Symlinks are the caller's business (it may canonicalise first).
pub(crate) fn absolute(path: &str, cwd: &Path, home: &Path) -> PathBuf {
    let joined = if path == "~" {
        home.to_path_buf()
    } else if let Some(rest) = path.strip_prefix("~/") {
        home.join(rest)
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_absolute_and_normalised() {
        let cwd = Path::new("/home/u/proj");
        let home = Path::new("/home/u");
        assert_eq!(absolute("a/../b", cwd, home), Path::new("/home/u/proj/b"));
        assert_eq!(absolute("~/.ssh/x", cwd, home), Path::new("/home/u/.ssh/x"));
        assert_eq!(
            absolute("/etc/../etc/./passwd", cwd, home),
            Path::new("/etc/passwd")
        );
        assert_eq!(absolute("../../../..", cwd, home), Path::new("/"));
    }

    #[test]
    fn strings_are_collected_from_nested_values() {
        let value = serde_json::json!({"a": "x", "b": [1, "y", {"c": "z"}]});
        assert_eq!(strings(&value), ["x", "y", "z"]);
    }
}
