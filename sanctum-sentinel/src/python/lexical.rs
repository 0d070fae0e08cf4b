//! The token-level judge for code the parser is not given (too large, too deeply nested) or
//! cannot parse.
//!
//! It cannot follow bindings, so it is deliberately harsher than the AST walk: any dotted
//! name whose head is a dangerous module, any dangerous builtin or attribute name, and any
//! non-ASCII identifier (Python folds those with NFKC, a classic way to spell `exec`
//! invisibly) is flagged. Interpolated strings are scanned as code, a few levels deep.

use super::rules::{self, Class};
use super::tokens::{Token, tokenize};
use crate::verdict::{Reason, ReasonCode, push_unique};

const MAX_FSTRING_NESTING: usize = 3;

/// Reasons found in `source` by looking at its tokens only.
pub(crate) fn scan(source: &str) -> Vec<Reason> {
    let mut reasons = Vec::new();
    scan_into(source, 0, &mut reasons);
    reasons
}

fn scan_into(source: &str, nesting: usize, reasons: &mut Vec<Reason>) {
    let tokens = tokenize(source);
    let mut index = 0;
    while index < tokens.len() {
        match tokens[index] {
            Token::Name(word @ ("import" | "from")) => {
                if let Some(Token::Name(module)) = tokens.get(index + 1) {
                    let dotted = dotted_chain(&tokens, index + 1);
                    let module = if dotted.is_empty() {
                        (*module).to_owned()
                    } else {
                        dotted
                    };
                    if let Class::Flag(code, why) = rules::classify_module(&module) {
                        push_unique(
                            reasons,
                            Reason::new(code, format!("`{word} {module}`: `{module}` {why}")),
                        );
                    }
                }
            }
            Token::Name(name) => {
                if !name.is_ascii() {
                    push_unique(
                        reasons,
                        Reason::new(
                            ReasonCode::StringObfuscation,
                            format!("non-ASCII identifier `{name}` (Python folds it to ASCII)"),
                        ),
                    );
                }
                let preceded_by_dot = index > 0 && tokens[index - 1] == Token::Op(".");
                if !preceded_by_dot {
                    let chain = dotted_chain(&tokens, index);
                    judge_chain(&chain, reasons);
                } else if let Class::Flag(code, why) = rules::classify_attribute(name) {
                    push_unique(reasons, Reason::new(code, format!("`.{name}` {why}")));
                }
            }
            Token::Str(literal) => {
                if rules::names_startup_hook(literal.body) {
                    push_unique(
                        reasons,
                        Reason::new(
                            ReasonCode::StartupHookReference,
                            "mentions sitecustomize/usercustomize",
                        ),
                    );
                }
                if rules::names_credential_file(literal.body) {
                    push_unique(
                        reasons,
                        Reason::new(ReasonCode::CredentialAccess, "names a credential file"),
                    );
                }
                if literal.is_interpolated() && nesting < MAX_FSTRING_NESTING {
                    scan_into(literal.body, nesting + 1, reasons);
                }
            }
            _ => {}
        }
        index += 1;
    }
}

/// `a.b.c` starting at `start` (a `Name`), or empty.
fn dotted_chain(tokens: &[Token<'_>], start: usize) -> String {
    let mut parts = Vec::new();
    let mut index = start;
    while let Some(Token::Name(name)) = tokens.get(index) {
        parts.push(*name);
        if tokens.get(index + 1) == Some(&Token::Op(".")) {
            index += 2;
        } else {
            break;
        }
    }
    parts.join(".")
}

fn judge_chain(chain: &str, reasons: &mut Vec<Reason>) {
    let head = chain.split('.').next().unwrap_or(chain);
    if chain.contains('.')
        && let Class::Flag(code, why) = rules::classify_reference(chain)
    {
        push_unique(reasons, Reason::new(code, format!("`{chain}` {why}")));
        return;
    }
    if let Class::Flag(code, why) = rules::classify_module(head) {
        push_unique(reasons, Reason::new(code, format!("`{head}` {why}")));
    } else if let Class::Flag(code, why) = rules::classify_builtin(head)
        && code.severity() == crate::verdict::Verdict::Critical
    {
        push_unique(reasons, Reason::new(code, format!("`{head}` {why}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(source: &str) -> Vec<ReasonCode> {
        scan(source).into_iter().map(|r| r.code).collect()
    }

    #[test]
    fn flags_dangerous_names_but_not_their_mentions_in_strings() {
        assert!(
            codes("import base64; exec(base64.b64decode('AAAA'))")
                .contains(&ReasonCode::DataDecoding)
        );
        assert!(codes("import os; os.system('true')").contains(&ReasonCode::ProcessSpawn));
        assert!(codes("import os; print('subprocess exec')").is_empty());
        assert!(codes("import os; f'{__import__(\"os\")}'").contains(&ReasonCode::DynamicImport));
        assert!(codes("import os; \u{ff45}xec('x')").contains(&ReasonCode::StringObfuscation));
    }
}
