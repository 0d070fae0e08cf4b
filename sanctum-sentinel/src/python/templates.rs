//! Exact token structures of legitimate one-liners that use constructs the generic rules
//! reject (`__import__`, `sys._getframe`, `sys.modules`, `setattr`).
//!
//! Each template is written as Python text; `$NS` (a dotted-name string), `$WORD` (an
//! identifier string), `$NAMES` (one or more identifier strings, comma-separated) and
//! `$PATH` (any plain string) are placeholders. A line is recognised only if *every*
//! statement in it matches a template of the same family, token for token: adding a call,
//! an escape in a string, or a computed name breaks the match and the line falls through to
//! the generic rules. Templates never match by hash or by substring.

use std::sync::LazyLock;

use super::tokens::{Token, statements, tokenize};

/// The setuptools `distutils-precedence.pth` line (setuptools ≥ 49): statements in order.
const DISTUTILS_PRECEDENCE: &[&str] = &[
    "import os",
    "var = 'SETUPTOOLS_USE_DISTUTILS'",
    "enabled = os.environ.get(var, $WORD) == 'local'",
    "enabled and __import__('_distutils_hack').add_shim()",
];

/// Statements setuptools writes into `*-nspkg.pth` for `namespace_packages`, across its
/// versions (with and without `has_mfs`, the `ie` check of older releases, develop-mode
/// roots, and the `setattr` line for nested namespaces).
const NSPKG_FIRST: &str = "import sys, types, os";
const NSPKG_LAST: &str = "(p not in mp) and mp.append(p)";
const NSPKG_STATEMENTS: &[&str] = &[
    NSPKG_FIRST,
    "has_mfs = sys.version_info > (3, 5)",
    "p = os.path.join(sys._getframe(1).f_locals['sitedir'], *($NAMES))",
    "p = os.path.join($PATH, *($NAMES))",
    "importlib = has_mfs and __import__('importlib.util')",
    "importlib = __import__('importlib.util')",
    "has_mfs and __import__('importlib.machinery')",
    "__import__('importlib.machinery')",
    "m = has_mfs and sys.modules.setdefault($NS, importlib.util.module_from_spec(importlib.machinery.PathFinder.find_spec($NS, [os.path.dirname(p)])))",
    "m = sys.modules.setdefault($NS, importlib.util.module_from_spec(importlib.machinery.PathFinder.find_spec($NS, [os.path.dirname(p)])))",
    "m = m or sys.modules.setdefault($NS, types.ModuleType($NS))",
    "ie = os.path.exists(os.path.join(p,'__init__.py'))",
    "m = not ie and sys.modules.setdefault($NS, types.ModuleType($NS))",
    "mp = (m or []) and m.__dict__.setdefault('__path__',[])",
    NSPKG_LAST,
    "m and setattr(sys.modules[$NS], $WORD, m)",
];

type Template = Vec<Token<'static>>;

static DISTUTILS_TOKENS: LazyLock<Vec<Template>> =
    LazyLock::new(|| DISTUTILS_PRECEDENCE.iter().map(|t| tokenize(t)).collect());
static NSPKG_TOKENS: LazyLock<Vec<Template>> =
    LazyLock::new(|| NSPKG_STATEMENTS.iter().map(|t| tokenize(t)).collect());
static NSPKG_FIRST_TOKENS: LazyLock<Template> = LazyLock::new(|| tokenize(NSPKG_FIRST));
static NSPKG_LAST_TOKENS: LazyLock<Template> = LazyLock::new(|| tokenize(NSPKG_LAST));

/// Which legitimate one-liner `source` is, if any.
pub(crate) fn recognise(source: &str) -> Option<&'static str> {
    let tokens = tokenize(source);
    let parts = statements(&tokens);
    if parts.is_empty() {
        return None;
    }
    if parts.len() == DISTUTILS_TOKENS.len()
        && parts
            .iter()
            .zip(DISTUTILS_TOKENS.iter())
            .all(|(part, template)| matches(part, template))
    {
        return Some("setuptools distutils-precedence shim");
    }
    let first_ok = parts
        .first()
        .is_some_and(|p| matches(p, &NSPKG_FIRST_TOKENS));
    let last_ok = parts.iter().any(|p| matches(p, &NSPKG_LAST_TOKENS));
    if first_ok
        && last_ok
        && parts
            .iter()
            .all(|part| NSPKG_TOKENS.iter().any(|template| matches(part, template)))
    {
        return Some("setuptools namespace-package (-nspkg.pth) loader");
    }
    None
}

/// Whether `input` matches `template` token for token, placeholders included.
fn matches(input: &[Token<'_>], template: &[Token<'static>]) -> bool {
    let mut at = 0;
    let mut index = 0;
    while index < template.len() {
        if let (Token::Other('$'), Some(Token::Name(kind))) =
            (template[index], template.get(index + 1))
        {
            let Some(used) = placeholder(kind, &input[at.min(input.len())..]) else {
                return false;
            };
            at += used;
            index += 2;
            continue;
        }
        let Some(token) = input.get(at) else {
            return false;
        };
        let same = match (template[index], token) {
            (Token::Str(expected), Token::Str(actual)) => {
                expected.plain_value().is_some() && expected.plain_value() == actual.plain_value()
            }
            (expected, actual) => expected == *actual,
        };
        if !same {
            return false;
        }
        at += 1;
        index += 1;
    }
    at == input.len()
}

/// How many input tokens placeholder `kind` consumes at the start of `input`, if it matches.
fn placeholder(kind: &str, input: &[Token<'_>]) -> Option<usize> {
    fn plain<'a>(token: Option<&Token<'a>>) -> Option<&'a str> {
        match token {
            Some(Token::Str(literal)) => literal.plain_value(),
            _ => None,
        }
    }
    match kind {
        "NS" => plain(input.first())
            .filter(|v| is_dotted_name(v))
            .map(|_| 1),
        "WORD" => plain(input.first()).filter(|v| is_identifier(v)).map(|_| 1),
        "PATH" => plain(input.first()).map(|_| 1),
        "NAMES" => {
            let mut used = 0;
            loop {
                plain(input.get(used)).filter(|v| is_identifier(v))?;
                used += 1;
                match input.get(used) {
                    Some(Token::Op(",")) => {
                        used += 1;
                        if !matches!(input.get(used), Some(Token::Str(_))) {
                            return Some(used);
                        }
                    }
                    _ => return Some(used),
                }
            }
        }
        _ => None,
    }
}

/// A Python identifier made of ASCII letters, digits and underscores.
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// `a.b.c` with each part an identifier.
pub(crate) fn is_dotted_name(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(is_identifier)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DISTUTILS: &str = "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == 'local'; enabled and __import__('_distutils_hack').add_shim(); ";

    #[test]
    fn recognises_the_distutils_shim_and_nothing_close_to_it() {
        assert!(recognise(DISTUTILS).is_some());
        let spaced = DISTUTILS.replace("; ", ";   ");
        assert!(recognise(&spaced).is_some());
        for tampered in [
            DISTUTILS.replace("_distutils_hack", "evil"),
            DISTUTILS.replace("add_shim()", "add_shim(); __import__('os').system('id')"),
            DISTUTILS.replace("'local')", "'lo' 'cal')"),
            DISTUTILS.replace("'_distutils_hack'", r"'\x5fdistutils_hack'"),
        ] {
            assert_eq!(recognise(&tampered), None, "{tampered}");
        }
    }

    #[test]
    fn nspkg_requires_every_statement_to_be_known() {
        let line = "import sys, types, os;p = os.path.join(sys._getframe(1).f_locals['sitedir'], *('a', 'b'));m = m or sys.modules.setdefault('a.b', types.ModuleType('a.b'));mp = (m or []) and m.__dict__.setdefault('__path__',[]);(p not in mp) and mp.append(p);m and setattr(sys.modules['a'], 'b', m)";
        assert!(recognise(line).is_some());
        let evil = format!("{line};__import__('os').system('true')");
        assert_eq!(recognise(&evil), None);
        let computed = line.replace("*('a', 'b')", "*(x,)");
        assert_eq!(recognise(&computed), None);
    }
}
