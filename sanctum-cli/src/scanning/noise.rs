//! Which findings a user does not want to hear about again, and why.
//!
//! Four independent mechanisms, checked in this order so the summary can say which one
//! silenced a finding: the class and confidence filter (`--all`, `--min-confidence`), the
//! config allowlists (`scan.allow_kinds`, `scan.allow_fingerprints`), an inline
//! `sanctum:allow` comment, and the `--baseline` file. Path globs (`scan.allow_paths`) act
//! earlier, on whole files, through [`PathAllowlist`].

use std::collections::HashSet;
use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use sanctum_firewall::secrets::{
    Class, Confidence, Detector, Finding, Fingerprint, is_allowed_inline,
};

use crate::error::CliError;

/// What happens to one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Report it.
    Report,
    /// A placeholder, a public value, or below the confidence floor.
    Filtered,
    /// Allowed by kind or fingerprint in the config.
    Config,
    /// Allowed by a `sanctum:allow` comment.
    Inline,
    /// Accepted earlier and recorded in the baseline.
    Baseline,
}

/// The finding-level rules of one scan.
#[derive(Debug, Default)]
pub struct NoisePolicy {
    /// Also report placeholders and public values.
    pub include_all_classes: bool,
    /// Lowest confidence reported.
    pub min_confidence: Option<Confidence>,
    /// Kind ids never reported.
    pub allow_kinds: HashSet<String>,
    /// Fingerprints never reported.
    pub allow_fingerprints: HashSet<Fingerprint>,
    /// Fingerprints from the baseline file.
    pub baseline: HashSet<Fingerprint>,
}

impl NoisePolicy {
    /// Builds the config part of the policy, refusing entries that can never match (a typo
    /// in an allowlist would otherwise silently allow nothing — or look like it works).
    ///
    /// # Errors
    /// [`CliError::Config`] naming the unknown kinds or malformed fingerprints.
    pub fn from_config(
        detector: &Detector,
        allow_kinds: &[String],
        allow_fingerprints: &[String],
    ) -> Result<Self, CliError> {
        let mut problems = Vec::new();
        for kind in allow_kinds {
            if detector.kind(kind).is_none() {
                problems.push(format!(
                    "`scan.allow_kinds`: `{kind}` is not a credential kind (see `sanctum scan --list-kinds`)"
                ));
            }
        }
        let mut fingerprints = HashSet::new();
        for text in allow_fingerprints {
            match Fingerprint::parse(text.trim()) {
                Some(fingerprint) => {
                    fingerprints.insert(fingerprint);
                }
                None => problems.push(format!(
                    "`scan.allow_fingerprints`: `{text}` is not a fingerprint (32 hex digits, as printed by `sanctum scan --json`)"
                )),
            }
        }
        if !problems.is_empty() {
            return Err(CliError::Config(problems.join("\n")));
        }
        Ok(Self {
            allow_kinds: allow_kinds.iter().cloned().collect(),
            allow_fingerprints: fingerprints,
            ..Self::default()
        })
    }

    /// Decides about `finding`, found in `text`.
    #[must_use]
    pub fn judge(&self, text: &[u8], finding: &Finding) -> Judgement {
        if (!self.include_all_classes && finding.class != Class::Secret)
            || self
                .min_confidence
                .is_some_and(|floor| finding.confidence < floor)
        {
            return Judgement::Filtered;
        }
        if self.allow_kinds.contains(finding.kind)
            || self.allow_fingerprints.contains(&finding.fingerprint)
        {
            return Judgement::Config;
        }
        if is_allowed_inline(text, finding.span.start, finding.kind) {
            return Judgement::Inline;
        }
        if self.baseline.contains(&finding.fingerprint) {
            return Judgement::Baseline;
        }
        Judgement::Report
    }
}

/// `scan.allow_paths`: gitignore-style globs, relative to the directory being scanned.
#[derive(Debug, Clone)]
pub struct PathAllowlist {
    matcher: Gitignore,
}

impl PathAllowlist {
    /// Compiles `globs` for paths under `root`.
    ///
    /// # Errors
    /// [`CliError::Config`] naming every glob that does not parse.
    pub fn new(root: &Path, globs: &[String]) -> Result<Self, CliError> {
        let mut builder = GitignoreBuilder::new(root);
        let mut problems = Vec::new();
        for glob in globs {
            if let Err(error) = builder.add_line(None, glob) {
                problems.push(format!("`scan.allow_paths`: `{glob}`: {error}"));
            }
        }
        if !problems.is_empty() {
            return Err(CliError::Config(problems.join("\n")));
        }
        let matcher = builder
            .build()
            .map_err(|error| CliError::Config(format!("`scan.allow_paths`: {error}")))?;
        Ok(Self { matcher })
    }

    /// Is `path` (under the root, or relative to it) allowed, by itself or via a parent?
    #[must_use]
    pub fn allows(&self, path: &Path, is_dir: bool) -> bool {
        if self.matcher.is_empty() {
            return false;
        }
        let path = path.strip_prefix(self.matcher.path()).unwrap_or(path);
        let path = path.strip_prefix(".").unwrap_or(path);
        self.matcher
            .matched_path_or_any_parents(path, is_dir)
            .is_ignore()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_globs_match_files_and_their_parents() {
        let allow = PathAllowlist::new(
            Path::new("/repo"),
            &["tests/fixtures/**".to_owned(), "*.snap".to_owned()],
        )
        .unwrap();
        assert!(allow.allows(Path::new("/repo/tests/fixtures/a/b.env"), false));
        assert!(allow.allows(Path::new("tests/fixtures/key.pem"), false));
        assert!(allow.allows(Path::new("./src/x.snap"), false));
        assert!(!allow.allows(Path::new("/repo/src/main.rs"), false));
        let none = PathAllowlist::new(Path::new("/repo"), &[]).unwrap();
        assert!(!none.allows(Path::new("/repo/x"), false));
    }

    #[test]
    fn unknown_kinds_and_bad_fingerprints_are_config_errors() {
        let detector = Detector::shared().unwrap();
        let error = NoisePolicy::from_config(
            detector,
            &["jwt".to_owned(), "no_such_kind".to_owned()],
            &["abc".to_owned()],
        )
        .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("no_such_kind"), "{text}");
        assert!(text.contains("`abc`"), "{text}");
        assert!(!text.contains("`jwt`"), "{text}");
    }
}
