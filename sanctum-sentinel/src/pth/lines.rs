//! How each `CPython` version cuts a `.pth` file into lines and decides what a line is.
//!
//! Verified against the `site.py` of `CPython` 3.8–3.13 (and by running them):
//!
//! - **3.8–3.12** read the file through `io.TextIOWrapper` in the locale encoding with
//!   universal newlines: `\n`, `\r\n` and a bare `\r` end a line, nothing else does. A UTF-8
//!   BOM is *not* stripped, so a first line `\u{feff}import x` is a (useless) path entry.
//! - **3.13+** read the bytes, decode `utf-8-sig` (BOM stripped; locale fallback) and split
//!   with `str.splitlines()`, which also breaks at `\v`, `\f`, `\x1c`, `\x1d`, `\x1e`,
//!   `\x85`, U+2028 and U+2029. So `/some/dir\fimport evil` is one harmless path line for
//!   3.12 and an executed `import evil` line for 3.13.
//!
//! In every version a line starting with `#` is a comment, a line that is only whitespace is
//! skipped (3.8/3.9 turn it into the site dir itself, already on `sys.path`), a line starting
//! exactly with `import ` or `import\t` is passed to `exec()`, and anything else is a path.
//! A bare carriage return therefore ends a line in *every* version; the versions differ on
//! the other separators and on the BOM.

use crate::verdict::PythonVersions;

/// A way of reading a `.pth` file, shared by a range of Python versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineModel {
    /// 3.8–3.12: universal newlines, BOM kept.
    UniversalNewlines,
    /// 3.13–3.14: BOM stripped, `str.splitlines()` boundaries.
    SplitLines,
}

impl LineModel {
    /// Every model, oldest first.
    pub const ALL: [Self; 2] = [Self::UniversalNewlines, Self::SplitLines];

    /// The supported versions that read files this way.
    #[must_use]
    pub const fn versions(self) -> PythonVersions {
        match self {
            Self::UniversalNewlines => PythonVersions::range(8, 12),
            Self::SplitLines => PythonVersions::range(13, 14),
        }
    }
}

/// What Python does with one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Role {
    /// Passed to `exec()`.
    Executed,
    /// Appended to `sys.path` (after `rstrip()`).
    Path,
}

/// One line as a model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModelLine<'a> {
    /// 1-based number in this model.
    pub number: usize,
    /// Byte offset of the line's first character in the decoded text.
    pub offset: usize,
    /// The line without its terminator.
    pub text: &'a str,
    /// Executed or path.
    pub role: Role,
}

/// The lines `model` acts on in `text` (comments and blank lines dropped).
pub(crate) fn lines<'a>(model: LineModel, text: &'a str) -> Vec<ModelLine<'a>> {
    let (body, base) = match model {
        LineModel::SplitLines => match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, '\u{feff}'.len_utf8()),
            None => (text, 0),
        },
        LineModel::UniversalNewlines => (text, 0),
    };
    let mut out = Vec::new();
    let mut number = 0;
    let mut start = 0;
    let mut chars = body.char_indices().peekable();
    let push = |number: usize, start: usize, end: usize, out: &mut Vec<ModelLine<'a>>| {
        let line = body.get(start..end).unwrap_or("");
        if let Some(role) = classify(line) {
            out.push(ModelLine {
                number,
                offset: base + start,
                text: line,
                role,
            });
        }
    };
    while let Some((index, c)) = chars.next() {
        let is_break = match model {
            LineModel::UniversalNewlines => matches!(c, '\n' | '\r'),
            LineModel::SplitLines => matches!(
                c,
                '\n' | '\r'
                    | '\u{b}'
                    | '\u{c}'
                    | '\u{1c}'
                    | '\u{1d}'
                    | '\u{1e}'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            ),
        };
        if !is_break {
            continue;
        }
        number += 1;
        push(number, start, index, &mut out);
        let mut next = index + c.len_utf8();
        if c == '\r'
            && let Some((_, '\n')) = chars.peek()
        {
            chars.next();
            next += 1;
        }
        start = next;
    }
    if start < body.len() {
        number += 1;
        push(number, start, body.len(), &mut out);
    }
    out
}

/// Executed, path, or `None` for comments and blank lines.
fn classify(line: &str) -> Option<Role> {
    if line.starts_with('#') || line.chars().all(is_python_space) {
        return None;
    }
    if line.starts_with("import ") || line.starts_with("import\t") {
        Some(Role::Executed)
    } else {
        Some(Role::Path)
    }
}

/// `str.isspace()`: Unicode white space plus the ASCII information separators.
pub(crate) fn is_python_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn executed(model: LineModel, text: &str) -> Vec<String> {
        lines(model, text)
            .into_iter()
            .filter(|l| l.role == Role::Executed)
            .map(|l| l.text.to_owned())
            .collect()
    }

    #[test]
    fn form_feed_splits_only_for_splitlines() {
        let text = "/opt/x\u{c}import evil\n";
        assert!(executed(LineModel::UniversalNewlines, text).is_empty());
        assert_eq!(executed(LineModel::SplitLines, text), ["import evil"]);
    }

    #[test]
    fn bare_carriage_return_splits_in_both_models() {
        let text = "/opt/x\rimport evil";
        for model in LineModel::ALL {
            assert_eq!(executed(model, text), ["import evil"], "{model:?}");
        }
    }

    #[test]
    fn bom_is_stripped_only_by_splitlines() {
        let text = "\u{feff}import x\n";
        assert!(executed(LineModel::UniversalNewlines, text).is_empty());
        assert_eq!(executed(LineModel::SplitLines, text), ["import x"]);
        assert_eq!(lines(LineModel::SplitLines, text)[0].offset, 3);
    }

    #[test]
    fn exact_prefix_rules() {
        let text = " import a\nImport b\nimport\tc\nimportd\n# import e\nimport f";
        for model in LineModel::ALL {
            assert_eq!(executed(model, text), ["import\tc", "import f"]);
        }
    }

    #[test]
    fn crlf_is_one_break_and_numbers_count_blank_lines() {
        let got = lines(LineModel::UniversalNewlines, "a\r\n\r\nb");
        assert_eq!(got.len(), 2);
        assert_eq!((got[1].number, got[1].offset, got[1].text), (3, 5, "b"));
    }
}
