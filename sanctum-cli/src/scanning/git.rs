//! Text from git: the lines a commit would add (`--staged`) and the lines recent commits
//! added (`--history N`).
//!
//! Only added lines are scanned — a pre-commit check must judge what this commit introduces,
//! not secrets that were already there (those belong to a baseline or a full scan). Diffs are
//! asked for with zero context and fixed `a/` `b/` prefixes, whatever the user's git config
//! says, and parsed by hunk line counts, so a content line that happens to start with
//! `+++` or `diff --git` cannot confuse the parser.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Origin;
use crate::error::CliError;

/// The added lines of one file (in one commit, for history), joined with `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffText {
    /// The file (relative to the repository root) and commit.
    pub origin: Origin,
    /// The added lines, each followed by `\n`.
    pub text: Vec<u8>,
    /// For each line of `text`, its 1-based line number in the new file.
    pub lines: Vec<usize>,
}

impl DiffText {
    /// The file line number of line `line` (1-based) of [`DiffText::text`].
    #[must_use]
    pub fn file_line(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|index| self.lines.get(index))
            .copied()
            .unwrap_or(line)
    }
}

/// Flags that make `git diff`/`git log -p` output predictable for the parser.
const DIFF_FLAGS: &[&str] = &[
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--unified=0",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    // Added, copied, modified, renamed, type-changed: files whose new side has content.
    "--diff-filter=ACMRT",
];

/// The repository root of `dir`.
///
/// # Errors
/// [`CliError::Usage`] when `dir` is not inside a git work tree or git is missing.
pub fn toplevel(dir: &Path) -> Result<PathBuf, CliError> {
    let output = git(dir, &["rev-parse", "--show-toplevel"])?;
    Ok(PathBuf::from(String::from_utf8_lossy(&output).trim_end()))
}

/// The added lines of everything staged in the index of the repository at `dir`.
///
/// # Errors
/// As [`toplevel`], or when `git diff` fails.
pub fn staged(dir: &Path) -> Result<Vec<DiffText>, CliError> {
    let mut args = vec!["diff", "--cached"];
    args.extend_from_slice(DIFF_FLAGS);
    Ok(parse_diff(&git(dir, &args)?))
}

/// The lines added by each of the last `count` commits reachable from `HEAD`.
///
/// # Errors
/// As [`toplevel`], or when `git log` fails (e.g. a repository without commits).
pub fn history(dir: &Path, count: u32) -> Result<Vec<DiffText>, CliError> {
    let count = format!("--max-count={count}");
    let mut args = vec!["log", "--patch", "--format=commit %H", count.as_str()];
    args.extend_from_slice(DIFF_FLAGS);
    Ok(parse_diff(&git(dir, &args)?))
}

/// Where a pre-commit hook goes (honours `core.hooksPath`), as an absolute path.
///
/// # Errors
/// As [`toplevel`].
pub fn hooks_dir(dir: &Path) -> Result<PathBuf, CliError> {
    let output = git(
        dir,
        &["rev-parse", "--path-format=absolute", "--git-path", "hooks"],
    )?;
    Ok(PathBuf::from(String::from_utf8_lossy(&output).trim_end()))
}

/// Runs git with `-C dir` and a config that keeps paths unquoted where possible.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, CliError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .env_remove("GIT_EXTERNAL_DIFF")
        .output()
        .map_err(|error| CliError::Usage(format!("cannot run git ({error}): is git installed?")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = crate::output::sanitize(stderr.trim());
        return Err(CliError::Usage(format!(
            "git {} failed in {}: {reason}",
            args.first().unwrap_or(&""),
            dir.display()
        )));
    }
    Ok(output.stdout)
}

/// Splits `git diff -U0` / `git log -p -U0` output into the added lines of each file.
#[must_use]
pub fn parse_diff(output: &[u8]) -> Vec<DiffText> {
    let mut parser = Parser::default();
    for line in output.split(|&b| b == b'\n') {
        parser.line(line);
    }
    parser.flush();
    parser.texts
}

#[derive(Debug, Default)]
struct Parser {
    texts: Vec<DiffText>,
    commit: Option<String>,
    file: Option<String>,
    text: Vec<u8>,
    lines: Vec<usize>,
    old_left: usize,
    new_left: usize,
    next_line: usize,
}

impl Parser {
    fn line(&mut self, line: &[u8]) {
        if self.old_left > 0 || self.new_left > 0 {
            match line.first() {
                Some(b'+') if self.new_left > 0 => {
                    self.new_left -= 1;
                    if self.file.is_some() {
                        self.text.extend_from_slice(&line[1..]);
                        self.text.push(b'\n');
                        self.lines.push(self.next_line);
                    }
                    self.next_line += 1;
                }
                Some(b'-') if self.old_left > 0 => self.old_left -= 1,
                Some(b'\\') => {}
                _ => {
                    // Context, which -U0 does not produce: keep counts consistent anyway.
                    self.old_left = self.old_left.saturating_sub(1);
                    self.new_left = self.new_left.saturating_sub(1);
                    self.next_line += 1;
                }
            }
            return;
        }
        if let Some(sha) = line.strip_prefix(b"commit ") {
            self.flush();
            self.commit = Some(String::from_utf8_lossy(sha).trim().to_owned());
        } else if line.starts_with(b"diff --git ") {
            self.flush();
            self.file = None;
        } else if let Some(path) = line.strip_prefix(b"+++ ") {
            self.flush();
            self.file = path.strip_prefix(b"b/").map(unquote).or_else(|| {
                // `"b/name\twith tab"`: git quotes the whole thing, prefix included.
                let unquoted = unquote(path);
                unquoted.strip_prefix("b/").map(str::to_owned)
            });
        } else if let Some(header) = line.strip_prefix(b"@@ ")
            && let Some((old, new, start)) = hunk_counts(header)
        {
            self.old_left = old;
            self.new_left = new;
            self.next_line = start;
        }
    }

    fn flush(&mut self) {
        if let Some(file) = &self.file
            && !self.text.is_empty()
        {
            self.texts.push(DiffText {
                origin: Origin {
                    file: file.clone(),
                    commit: self.commit.clone(),
                },
                text: std::mem::take(&mut self.text),
                lines: std::mem::take(&mut self.lines),
            });
        }
        self.text.clear();
        self.lines.clear();
    }
}

/// `-a[,b] +c[,d] @@…` → (old count, new count, new start).
fn hunk_counts(header: &[u8]) -> Option<(usize, usize, usize)> {
    let header =
        std::str::from_utf8(header.get(..header.iter().position(|&b| b == b'@')?)?).ok()?;
    let mut parts = header.split_ascii_whitespace();
    let old = parts.next()?.strip_prefix('-')?;
    let new = parts.next()?.strip_prefix('+')?;
    let count = |range: &str| -> Option<(usize, usize)> {
        match range.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((range.parse().ok()?, 1)),
        }
    };
    let (_, old_count) = count(old)?;
    let (new_start, new_count) = count(new)?;
    Some((old_count, new_count, new_start))
}

/// A path as git prints it: as is, or C-quoted (`"a\tb\303\251"`) when it has special bytes.
fn unquote(path: &[u8]) -> String {
    let Some(inner) = path
        .strip_prefix(b"\"")
        .and_then(|rest| rest.strip_suffix(b"\""))
    else {
        return String::from_utf8_lossy(path).into_owned();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut bytes = inner.iter().copied();
    while let Some(byte) = bytes.next() {
        if byte != b'\\' {
            out.push(byte);
            continue;
        }
        match bytes.next() {
            Some(b't') => out.push(b'\t'),
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b'a') => out.push(0x07),
            Some(b'b') => out.push(0x08),
            Some(b'f') => out.push(0x0c),
            Some(b'v') => out.push(0x0b),
            Some(digit @ b'0'..=b'7') => {
                let mut value = u32::from(digit - b'0');
                for _ in 0..2 {
                    match bytes.next() {
                        Some(d @ b'0'..=b'7') => value = value * 8 + u32::from(d - b'0'),
                        _ => break,
                    }
                }
                out.push(u8::try_from(value & 0xff).unwrap_or(b'?'));
            }
            Some(other) => out.push(other),
            None => out.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "commit 1111111111111111111111111111111111111111\n\
\n\
diff --git a/src/a.py b/src/a.py\n\
index 1..2 100644\n\
--- a/src/a.py\n\
+++ b/src/a.py\n\
@@ -3,0 +4,2 @@ def f():\n\
+token = 1\n\
++++ looks like a header\n\
@@ -10 +12 @@\n\
-old\n\
+new\n\
\\ No newline at end of file\n\
diff --git a/img.png b/img.png\n\
Binary files a/img.png and b/img.png differ\n\
diff --git a/\"we\\303\\251 d.txt\" b/\"we\\303\\251 d.txt\"\n\
--- /dev/null\n\
+++ \"b/we\\303\\251 d.txt\"\n\
@@ -0,0 +1 @@\n\
+hello\n\
commit 2222222222222222222222222222222222222222\n\
\n\
diff --git a/gone.txt b/gone.txt\n\
--- a/gone.txt\n\
+++ b/gone.txt\n\
@@ -1,2 +0,0 @@\n\
-x\n\
-y\n";

    #[test]
    fn added_lines_keep_their_file_line_numbers() {
        let texts = parse_diff(LOG.as_bytes());
        assert_eq!(texts.len(), 2, "{texts:#?}");
        let a = &texts[0];
        assert_eq!(a.origin.file, "src/a.py");
        assert_eq!(
            a.origin.commit.as_deref(),
            Some("1111111111111111111111111111111111111111")
        );
        assert_eq!(a.text, b"token = 1\n+++ looks like a header\nnew\n");
        assert_eq!(a.lines, [4, 5, 12]);
        assert_eq!(a.file_line(3), 12);
        assert_eq!(texts[1].origin.file, "we\u{e9} d.txt");
        assert_eq!(texts[1].lines, [1]);
    }

    #[test]
    fn hunk_headers_parse_with_and_without_counts() {
        assert_eq!(hunk_counts(b"-3,0 +4,2 @@ fn"), Some((0, 2, 4)));
        assert_eq!(hunk_counts(b"-10 +12 @@"), Some((1, 1, 12)));
        assert_eq!(hunk_counts(b"garbage"), None);
    }
}
