//! Judging Python source that runs at interpreter start: one `.pth` line, a whole
//! `sitecustomize.py`, or the text inside an `exec('…')`.
//!
//! The path through here is: (1) structural templates for the few legitimate one-liners that
//! need otherwise-forbidden constructs ([`templates`]); (2) a pre-scan with our own
//! tokenizer that refuses to hand the parser input whose AST could be deep enough to exhaust
//! the stack ([`tokens`]); (3) Ruff's parser and a bounded AST walk ([`analyze`]) applying
//! the tables in [`rules`]; (4) for oversized or unparseable code, a token-level judge
//! ([`lexical`]) that is harsher because it cannot resolve names. Nothing here executes
//! code, touches the file system or panics.

mod analyze;
mod lexical;
pub(crate) mod rules;
pub(crate) mod templates;
pub(crate) mod tokens;

use crate::verdict::{Reason, ReasonCode};

pub(crate) use analyze::Findings;

/// Largest snippet (one `.pth` line, one `exec` literal) handed to the parser.
pub const MAX_PARSED_LINE_BYTES: usize = 4096;
/// Largest module (`sitecustomize.py`) handed to the parser.
pub const MAX_PARSED_MODULE_BYTES: usize = 256 * 1024;
/// Deepest bracket nesting handed to the parser (`CPython` itself refuses 200).
const MAX_BRACKET_DEPTH: usize = 100;
/// Most tokens in one statement handed to the parser (bounds operator-chain depth).
const MAX_STATEMENT_TOKENS: usize = 4096;
/// Deepest indentation (in columns) handed to the parser (`CPython` refuses 100 levels).
const MAX_INDENT_COLUMNS: usize = 400;

/// Judges one snippet executed as a module (a `.pth` line or an `exec` literal).
pub(crate) fn analyze_snippet(source: &str, nesting: usize) -> Findings {
    analyze_with_cap(
        source,
        nesting,
        MAX_PARSED_LINE_BYTES,
        ReasonCode::OversizedLine,
    )
}

/// Judges a whole module such as `sitecustomize.py`.
pub(crate) fn analyze_module(source: &str) -> Findings {
    analyze_with_cap(
        source,
        0,
        MAX_PARSED_MODULE_BYTES,
        ReasonCode::OversizedLine,
    )
}

fn analyze_with_cap(source: &str, nesting: usize, cap: usize, oversized: ReasonCode) -> Findings {
    if let Some(name) = templates::recognise(source) {
        return Findings {
            reasons: vec![(0, Reason::new(ReasonCode::RecognisedPattern, name))],
            shim_imports: Vec::new(),
        };
    }
    let refusal = if source.len() > cap {
        Some((
            oversized,
            format!(
                "{} bytes of executed code; only its tokens were judged",
                source.len()
            ),
        ))
    } else {
        parse_refusal(source).map(|why| (ReasonCode::TooDeep, why))
    };
    let mut findings = if let Some((code, why)) = refusal {
        let mut reasons = vec![(0, Reason::new(code, why))];
        reasons.extend(lexical::scan(source).into_iter().map(|r| (0, r)));
        Findings {
            reasons,
            shim_imports: Vec::new(),
        }
    } else {
        {
            let mut findings = analyze::analyze_source(source, nesting);
            if findings
                .reasons
                .iter()
                .any(|(_, r)| r.code == ReasonCode::Unparseable)
            {
                for reason in lexical::scan(source) {
                    if !findings.reasons.iter().any(|(_, known)| *known == reason) {
                        findings.reasons.push((0, reason));
                    }
                }
            }
            findings
        }
    };
    if findings.reasons.is_empty() {
        for module in &findings.shim_imports {
            let what = rules::shim_module(module).unwrap_or("start-up shim");
            findings.reasons.push((
                0,
                Reason::new(
                    ReasonCode::RecognisedPattern,
                    format!("imports `{module}`: {what}"),
                ),
            ));
        }
    }
    findings
}

/// Why `source` must not be parsed (its AST could be deep enough to exhaust the stack), if so.
fn parse_refusal(source: &str) -> Option<String> {
    let tokens = tokens::tokenize(source);
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    for token in &tokens {
        match token {
            tokens::Token::Op("(" | "[" | "{") => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            tokens::Token::Op(")" | "]" | "}") => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if max_depth > MAX_BRACKET_DEPTH {
        return Some(format!(
            "brackets nested {max_depth} deep; only its tokens were judged"
        ));
    }
    if let Some(longest) = tokens::statements(&tokens).iter().map(|s| s.len()).max()
        && longest > MAX_STATEMENT_TOKENS
    {
        return Some(format!(
            "a statement of {longest} tokens; only its tokens were judged"
        ));
    }
    let deepest_indent = source
        .lines()
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .max()
        .unwrap_or(0);
    if deepest_indent > MAX_INDENT_COLUMNS {
        return Some(format!(
            "indented {deepest_indent} columns; only its tokens were judged"
        ));
    }
    None
}

/// Converts findings to plain reasons (offsets dropped), keeping order and uniqueness.
pub(crate) fn reasons_of(findings: &Findings) -> Vec<Reason> {
    let mut out = Vec::new();
    for (_, reason) in &findings.reasons {
        crate::verdict::push_unique(&mut out, reason.clone());
    }
    out
}

/// Judges `source` from its tokens only (no parse), with `why` as the suspicious reason.
pub(crate) fn analyze_tokens_only(source: &str, why: String) -> Findings {
    let mut reasons = vec![(0, Reason::new(ReasonCode::OversizedLine, why))];
    reasons.extend(lexical::scan(source).into_iter().map(|r| (0, r)));
    Findings {
        reasons,
        shim_imports: Vec::new(),
    }
}
