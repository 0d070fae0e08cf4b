//! The rule table: one [`Rule`] per credential kind, grouped by provider in the files of
//! this folder.
//!
//! A rule is data: its public [`Kind`] metadata, how candidates are found ([`Matcher`]), how
//! they are confirmed (a validator), and how to generate a fake sample and a near miss for
//! tests. Adding a kind means adding an entry here; the engine needs no change. Rule ids
//! are stable and unique (a test checks).

mod ai;
mod atlassian;
mod aws;
mod azure;
mod chat;
mod databases;
mod devops;
mod gcp;
pub(crate) mod generic;
mod github;
mod gitlab;
mod hosting;
mod keys;
mod observability;
mod payments;
mod productivity;
mod registries;
pub(crate) mod support;

use crate::secrets::kind::{Confidence, Kind};
use crate::secrets::sample::{Sample, Sampler};

/// How specific a kind is, used to break ties between overlapping findings: a generic
/// `password=` guess loses to a provider token, which loses (on the very same span) to a
/// provider recognised from both its key name and its value (`GEMINI_API_KEY=AIza…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tier {
    /// Generic assignments and generic URLs.
    Generic,
    /// A provider recognised from the value itself (prefix, structure, checksum).
    Specific,
    /// A provider recognised from the key name, its value validated by the provider's format.
    Context,
}

/// The alphabet of a token body: a regex class (without brackets) and the same set as bytes
/// for generators.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Body {
    /// Regex class contents, e.g. `A-Za-z0-9`.
    pub(crate) class: &'static str,
    /// The same characters, for generators.
    pub(crate) alphabet: &'static [u8],
}

/// How a token's regex is written.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pattern {
    /// `prefix` followed by `min..=max` characters of `body`, between ASCII word boundaries.
    Simple {
        /// The literal prefix (also the trigger anchor).
        prefix: &'static str,
        /// The body alphabet.
        body: Body,
        /// Minimum body length.
        min: usize,
        /// Maximum body length.
        max: usize,
    },
    /// A hand-written regex matching the whole token from its first byte.
    Regex(&'static str),
}

/// A token recognised by a literal anchor, then confirmed by a regex anchored at the token's
/// start.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenSpec {
    /// Literals the trigger stage searches for (case-sensitive).
    pub(crate) anchors: &'static [&'static str],
    /// The token starts this many bytes before the anchor...
    pub(crate) back_min: usize,
    /// ...up to this many (for a variable-length part before the anchor).
    pub(crate) back_max: usize,
    /// The regex.
    pub(crate) pattern: Pattern,
    /// When set, the secret is what follows the first occurrence of this literal inside the
    /// match (e.g. `AccountKey=`); otherwise the whole match is the secret.
    pub(crate) secret_after: Option<&'static str>,
}

/// A credential recognised by its key name in an assignment (`KEY = value`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContextSpec {
    /// Does this (normalised: lowercase, alphanumerics only) key name belong to the kind?
    pub(crate) key: fn(&str) -> bool,
}

/// How candidates of a kind are found.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Matcher {
    /// A token with a literal anchor.
    Token(TokenSpec),
    /// A value assigned to a recognisable key.
    Context(ContextSpec),
    /// An armoured block, `-----BEGIN <label>-----` (or a `PuTTY` key file), by label.
    Block(&'static str),
    /// `scheme://user:password@host`; an empty scheme list means any scheme.
    Url(&'static [&'static str]),
    /// Only produced by refining another kind's finding (e.g. a JWT's claims).
    Derived,
}

/// How a test sample is generated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Gen {
    /// Derived from a [`Pattern::Simple`]: prefix plus a fake body of `len` characters.
    Auto(usize),
    /// A custom generator.
    Custom(fn(&mut Sampler) -> Sample),
}

/// How a near miss (must not be reported as a secret of this kind) is generated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Miss {
    /// Derived from a [`Pattern::Simple`]: the body one character too short.
    Auto,
    /// A custom generator.
    Custom(fn(&mut Sampler) -> String),
}

/// Re-labels a valid finding as another kind, by id.
pub(crate) type Refine = fn(&[u8]) -> Option<&'static str>;

/// One credential kind: metadata, matcher, validator and generators.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// Public metadata.
    pub(crate) kind: Kind,
    /// Tie-breaking rank.
    pub(crate) tier: Tier,
    /// How candidates are found.
    pub(crate) matcher: Matcher,
    /// Validates the secret bytes (placeholders are filtered before); `None` rejects.
    pub(crate) check: fn(&[u8]) -> Option<Confidence>,
    /// Re-labels a valid finding as another kind (by id), e.g. a JWT that is a Supabase key.
    pub(crate) refine: Option<Refine>,
    /// How many leading bytes of the secret are a constant public prefix, safe in a preview.
    pub(crate) shown: usize,
    /// Sample generator.
    pub(crate) sample: Gen,
    /// Near-miss generator.
    pub(crate) near_miss: Miss,
}

/// All rules, in priority order within each matcher family.
pub(crate) fn all() -> Vec<&'static Rule> {
    let groups: [&'static [Rule]; 17] = [
        github::RULES,
        gitlab::RULES,
        atlassian::RULES,
        chat::RULES,
        payments::RULES,
        ai::RULES,
        registries::RULES,
        aws::RULES,
        gcp::RULES,
        azure::RULES,
        hosting::RULES,
        devops::RULES,
        observability::RULES,
        productivity::RULES,
        keys::RULES,
        databases::RULES,
        generic::RULES,
    ];
    groups.iter().flat_map(|g| g.iter()).collect()
}

impl Rule {
    /// Generate a sample of this kind.
    pub(crate) fn generate(&self, sampler: &mut Sampler) -> Sample {
        match (self.sample, self.matcher) {
            (Gen::Custom(f), _) => f(sampler),
            (
                Gen::Auto(len),
                Matcher::Token(TokenSpec {
                    pattern: Pattern::Simple { prefix, body, .. },
                    ..
                }),
            ) => Sample::bare(format!("{prefix}{}", sampler.body(body.alphabet, len))),
            (Gen::Auto(_), _) => Sample::bare(String::new()),
        }
    }

    /// Generate a near miss of this kind.
    pub(crate) fn generate_near_miss(&self, sampler: &mut Sampler) -> String {
        match (self.near_miss, self.matcher) {
            (Miss::Custom(f), _) => f(sampler),
            (
                Miss::Auto,
                Matcher::Token(TokenSpec {
                    pattern:
                        Pattern::Simple {
                            prefix, body, min, ..
                        },
                    ..
                }),
            ) => format!(
                "{prefix}{}",
                sampler.body(body.alphabet, min.saturating_sub(1))
            ),
            (Miss::Auto, _) => String::new(),
        }
    }
}
