//! A small Python tokenizer for the two jobs the AST cannot do: matching the exact token
//! structure of known legitimate one-liners, and judging lines the parser is not given
//! (oversized) or cannot parse.
//!
//! It understands what matters for not being fooled: string literals with every prefix,
//! triple quotes and backslash escapes (so a `#` or a quote inside a string does not end the
//! line early, and names inside strings are not mistaken for code), comments, line
//! continuations, identifiers (Unicode), numbers and operators. It never fails: anything
//! else becomes [`Token::Other`]. It never panics and is linear in the input.

/// One token. Borrowed from the source; positions are not needed by its users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// An identifier or keyword.
    Name(&'a str),
    /// A string or bytes literal.
    Str(StrToken<'a>),
    /// A numeric literal.
    Number(&'a str),
    /// An operator or delimiter (`(`, `.`, `==`, `;`, …).
    Op(&'a str),
    /// End of a logical line (`\n`, `\r`); also emitted by `;`-free statement ends.
    Newline,
    /// Any other character (`$`, `?`, a stray backslash, a control character).
    Other(char),
}

/// A string literal as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StrToken<'a> {
    /// The prefix letters (`r`, `b`, `f`, `rb`, …), possibly empty.
    pub prefix: &'a str,
    /// The text between the quotes, escapes not processed.
    pub body: &'a str,
    /// Whether the closing quote was found.
    pub terminated: bool,
}

impl<'a> StrToken<'a> {
    /// The value of a plain literal (no prefix other than `u`, no backslash), else `None`.
    /// Templates only accept such literals: an escape or prefix is a change of structure.
    pub(crate) fn plain_value(&self) -> Option<&'a str> {
        let plain_prefix = self.prefix.is_empty() || self.prefix.eq_ignore_ascii_case("u");
        (plain_prefix && self.terminated && !self.body.contains('\\')).then_some(self.body)
    }

    /// Whether the literal interpolates expressions (f-strings and t-strings).
    pub(crate) fn is_interpolated(&self) -> bool {
        self.prefix
            .chars()
            .any(|c| matches!(c, 'f' | 'F' | 't' | 'T'))
    }
}

const THREE_CHAR_OPS: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
const TWO_CHAR_OPS: [&str; 20] = [
    "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "@=", "<>",
];
const ONE_CHAR_OPS: &str = "()[]{}.,:;+-*/%&|^~<>=@!";

/// Splits `source` into tokens. Comments and whitespace are dropped.
pub(crate) fn tokenize(source: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        match c {
            ' ' | '\t' | '\x0c' => rest = &rest[c.len_utf8()..],
            '\n' | '\r' => {
                tokens.push(Token::Newline);
                rest = &rest[1..];
            }
            '#' => {
                let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                rest = &rest[end..];
            }
            '\\' if rest[1..].starts_with(['\n', '\r']) => {
                rest = rest[1..].trim_start_matches(['\n', '\r']);
            }
            '\'' | '"' => {
                let (token, used) = lex_string("", rest);
                tokens.push(Token::Str(token));
                rest = &rest[used..];
            }
            c if c == '_' || c.is_alphabetic() => {
                let end = rest
                    .char_indices()
                    .find(|(_, c)| !(*c == '_' || c.is_alphanumeric()))
                    .map_or(rest.len(), |(index, _)| index);
                let word = &rest[..end];
                if is_string_prefix(word) && rest[end..].starts_with(['\'', '"']) {
                    let (token, used) = lex_string(word, &rest[end..]);
                    tokens.push(Token::Str(token));
                    rest = &rest[end + used..];
                } else {
                    tokens.push(Token::Name(word));
                    rest = &rest[end..];
                }
            }
            c if c.is_ascii_digit()
                || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) =>
            {
                let end = rest
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '_'))
                    .map_or(rest.len(), |(index, _)| index);
                tokens.push(Token::Number(&rest[..end]));
                rest = &rest[end..];
            }
            _ => {
                let op = THREE_CHAR_OPS
                    .iter()
                    .chain(TWO_CHAR_OPS.iter())
                    .find(|op| rest.starts_with(**op))
                    .copied()
                    .or_else(|| ONE_CHAR_OPS.contains(c).then(|| &rest[..1]));
                if let Some(op) = op {
                    tokens.push(Token::Op(op));
                    rest = &rest[op.len()..];
                } else {
                    tokens.push(Token::Other(c));
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
    }
    tokens
}

fn is_string_prefix(word: &str) -> bool {
    word.len() <= 2 && word.chars().all(|c| "rRbBuUfFtT".contains(c)) && {
        let lower = word.to_ascii_lowercase();
        matches!(
            lower.as_str(),
            "r" | "u" | "b" | "f" | "t" | "br" | "rb" | "fr" | "rf" | "tr" | "rt"
        )
    }
}

/// Lexes a literal starting at the opening quote of `text`; returns it and the bytes used.
fn lex_string<'a>(prefix: &'a str, text: &'a str) -> (StrToken<'a>, usize) {
    let (quote, triple) = if text.starts_with('"') {
        (b'"', "\"\"\"")
    } else {
        (b'\'', "\'\'\'")
    };
    let is_triple = text.starts_with(triple);
    let body_start = if is_triple { 3 } else { 1 };
    let bytes = text.as_bytes();
    // `index` only ever moves by whole UTF-8 sequences, so it stays on a char boundary.
    let mut index = body_start;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'\\' {
            index += 1;
            if index < bytes.len() {
                index += utf8_width(bytes[index]);
            }
            continue;
        }
        if !is_triple && (byte == b'\n' || byte == b'\r') {
            break;
        }
        let closes = if is_triple {
            text.get(index..)
                .is_some_and(|rest| rest.starts_with(triple))
        } else {
            byte == quote
        };
        if closes {
            let token = StrToken {
                prefix,
                body: text.get(body_start..index).unwrap_or(""),
                terminated: true,
            };
            return (token, index + body_start);
        }
        index += utf8_width(byte);
    }
    let end = index.min(text.len());
    let token = StrToken {
        prefix,
        body: text.get(body_start..end).unwrap_or(""),
        terminated: false,
    };
    (token, end.max(1))
}

/// Width of the UTF-8 sequence that starts with `lead` (1 for continuation bytes, so the
/// scan always advances).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Splits a token stream into statements at `;` and newlines outside brackets.
pub(crate) fn statements<'t, 'a>(tokens: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Op("(" | "[" | "{") => depth += 1,
            Token::Op(")" | "]" | "}") => depth = depth.saturating_sub(1),
            Token::Op(";") | Token::Newline if depth == 0 => {
                if index > start {
                    out.push(&tokens[start..index]);
                }
                start = index + 1;
            }
            _ => {}
        }
    }
    if start < tokens.len() {
        out.push(&tokens[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_hide_their_content_and_keep_prefixes() {
        let tokens = tokenize(r#"import os; x = rb'a\'#b' + """tri"ple""" # comment"#);
        assert_eq!(
            tokens,
            vec![
                Token::Name("import"),
                Token::Name("os"),
                Token::Op(";"),
                Token::Name("x"),
                Token::Op("="),
                Token::Str(StrToken {
                    prefix: "rb",
                    body: r"a\'#b",
                    terminated: true
                }),
                Token::Op("+"),
                Token::Str(StrToken {
                    prefix: "",
                    body: "tri\"ple",
                    terminated: true
                }),
            ]
        );
    }

    #[test]
    fn unterminated_strings_and_odd_characters_never_panic() {
        for source in [
            "'abc",
            "\"\"\"abc",
            "f'{x",
            "é'\\",
            "\\",
            "'\\",
            "$ ? `",
            "'ab\u{e9}\\",
        ] {
            let _ = tokenize(source);
        }
        assert_eq!(tokenize("$NS"), vec![Token::Other('$'), Token::Name("NS")]);
    }

    #[test]
    fn statements_split_outside_brackets_only() {
        let tokens = tokenize("a = f(1; 2); b\nc");
        let parts = statements(&tokens);
        assert_eq!(parts.len(), 3);
    }

    #[test]
    fn plain_values_refuse_escapes_and_prefixes() {
        let Token::Str(plain) = tokenize("'ab'")[0] else {
            panic!()
        };
        assert_eq!(plain.plain_value(), Some("ab"));
        let Token::Str(raw) = tokenize("r'ab'")[0] else {
            panic!()
        };
        assert_eq!(raw.plain_value(), None);
        let Token::Str(escaped) = tokenize(r"'a\x62'")[0] else {
            panic!()
        };
        assert_eq!(escaped.plain_value(), None);
    }
}
