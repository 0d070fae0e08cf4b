//! The first stage of detection: one fast pass for literal triggers (token prefixes,
//! secret-ish key words, `://`, `-BEGIN `), reporting every position where any trigger
//! starts.
//!
//! Teddy (SIMD, `aho_corasick::packed`) only looks at the first three bytes of a pattern,
//! so the searcher is built over the distinct three-byte heads of the literals, split into
//! groups small enough for slim Teddy to stay fast; each head hit is then confirmed against
//! the full literals sharing that head. Without SIMD, one Aho-Corasick automaton over the
//! full literals is used instead.

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, Span};

use crate::FirewallError;

/// Most heads per Teddy group. Measured on the bench corpus with our ~120 heads: three
/// groups of ~41 (fat Teddy) scan at ~750-950 MB/s together, four groups of ≤ 32 (slim
/// Teddy) at ~450-550 MB/s, two groups of ~62 at ~450 MB/s.
const GROUP_SIZE: usize = 44;

/// Compiled trigger searcher.
#[derive(Debug, Clone)]
pub(crate) struct Triggers {
    literals: Vec<&'static [u8]>,
    engine: Engine,
}

#[derive(Debug, Clone)]
enum Engine {
    /// Teddy groups over heads; `heads[i]` lists the literals starting with head `i`.
    Teddy {
        groups: Vec<(packed::Searcher, Vec<usize>)>,
        heads: Vec<Vec<usize>>,
    },
    Automaton(AhoCorasick),
}

/// The head (first three bytes, or all of a shorter literal) Teddy searches for.
fn head(literal: &[u8]) -> &[u8] {
    &literal[..literal.len().min(3)]
}

impl Triggers {
    /// Build a searcher for `literals` (deduplicated by the caller).
    pub(crate) fn new(literals: Vec<&'static [u8]>) -> Result<Self, FirewallError> {
        let mut head_list: Vec<&[u8]> = literals.iter().map(|l| head(l)).collect();
        head_list.sort_unstable();
        head_list.dedup();
        let heads: Vec<Vec<usize>> = head_list
            .iter()
            .map(|h| {
                (0..literals.len())
                    .filter(|&j| head(literals[j]) == *h)
                    .collect()
            })
            .collect();
        let mut groups = Vec::new();
        let ids: Vec<usize> = (0..head_list.len()).collect();
        let group_count = head_list.len().div_ceil(GROUP_SIZE).max(1);
        let per_group = head_list.len().div_ceil(group_count).max(1);
        for chunk in ids.chunks(per_group) {
            let mut builder = packed::Config::new()
                .match_kind(packed::MatchKind::LeftmostFirst)
                .builder();
            for &i in chunk {
                builder.add(head_list[i]);
            }
            if let Some(searcher) = builder.build() {
                groups.push((searcher, chunk.to_vec()));
            } else {
                groups.clear();
                break;
            }
        }
        let engine = if groups.is_empty() {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .map_err(|e| FirewallError::Triggers {
                    reason: e.to_string(),
                })?;
            Engine::Automaton(automaton)
        } else {
            Engine::Teddy { groups, heads }
        };
        Ok(Self { literals, engine })
    }

    /// Call `hit(literal, position)` for every occurrence of every literal in `haystack`
    /// (in no particular order, each pair once).
    pub(crate) fn for_each(&self, haystack: &[u8], mut hit: impl FnMut(usize, usize)) {
        match &self.engine {
            Engine::Teddy { groups, heads } => {
                for (searcher, ids) in groups {
                    let mut at = 0;
                    while at < haystack.len() {
                        let Some(m) = searcher.find_in(haystack, Span::from(at..haystack.len()))
                        else {
                            break;
                        };
                        let pos = m.start();
                        for &j in &heads[ids[m.pattern().as_usize()]] {
                            if haystack[pos..].starts_with(self.literals[j]) {
                                hit(j, pos);
                            }
                        }
                        at = pos + 1;
                    }
                }
            }
            Engine::Automaton(automaton) => {
                for m in automaton.find_overlapping_iter(haystack) {
                    hit(m.pattern().as_usize(), m.start());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(t: &Triggers, hay: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        t.for_each(hay, |l, p| out.push((l, p)));
        out.sort_unstable();
        out
    }

    #[test]
    fn reports_overlapping_and_shared_heads() {
        let t = Triggers::new(vec![b"sk-", b"sk-proj-", b"ghp_", b"oken"]).unwrap();
        let found = hits(&t, b"x sk-proj-abc ghp_ghp_ token invoke");
        assert_eq!(found, vec![(0, 2), (1, 2), (2, 14), (2, 18), (3, 24)]);
    }
}
