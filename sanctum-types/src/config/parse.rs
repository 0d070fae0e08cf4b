//! Turning one TOML source into checked values, collecting every problem on the way.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};

use super::problems::ConfigProblem;
use super::schema::{KEYS, KeySpec, Kind, ProjectRule};

/// A checked value of one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An integer within its key's range.
    Integer(i64),
    /// One of its key's choices.
    Choice(&'static str),
    /// A boolean.
    Bool(bool),
    /// A list of non-empty strings.
    List(Vec<String>),
}

/// Longest single entry of a string list, in bytes.
const MAX_ITEM_BYTES: usize = 4096;

/// Which layer a source belongs to; decides which keys it may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Built-in defaults or the user config: every key.
    User,
    /// A project `.sanctum/config.toml`: only keys that may tighten.
    Project,
}

/// The values one source sets, with the line each came from.
pub type SourceValues = BTreeMap<&'static str, (Value, Option<usize>)>;

/// Parses `text` (named `source` in problems) and checks every key against the schema.
///
/// Returns the values that passed and all the problems found; callers treat any problem as
/// fatal for the whole source, so a half-valid file never applies.
#[must_use]
pub fn parse_source(
    text: &str,
    source: &str,
    kind: SourceKind,
) -> (SourceValues, Vec<ConfigProblem>) {
    let mut values = SourceValues::new();
    let mut problems = Vec::new();
    let line_of = |offset: usize| Some(text[..offset.min(text.len())].matches('\n').count() + 1);
    let problem = |line, key: &str, reason: String| ConfigProblem {
        source: source.to_owned(),
        line,
        key: key.to_owned(),
        reason,
    };

    let (table, syntax_errors) = DeTable::parse_recoverable(text);
    for error in syntax_errors {
        let line = error.span().and_then(|span| line_of(span.start));
        problems.push(problem(
            line,
            "",
            format!("TOML syntax: {}", error.message()),
        ));
    }
    if !problems.is_empty() {
        return (values, problems);
    }

    for (section_name, section_value) in table.get_ref() {
        let section = section_name.get_ref().as_ref();
        let line = line_of(section_name.span().start);
        if !KEYS.iter().any(|spec| spec.section() == section) {
            let known = suggestion(section, KEYS.iter().map(KeySpec::section));
            problems.push(problem(line, section, format!("unknown section{known}")));
            continue;
        }
        let DeValue::Table(entries) = section_value.get_ref() else {
            problems.push(problem(
                line,
                section,
                format!("expected a [{section}] table"),
            ));
            continue;
        };
        for (key_name, value) in entries {
            let path = format!("{section}.{}", key_name.get_ref());
            let line = line_of(key_name.span().start);
            let Some(spec) = KEYS.iter().find(|spec| spec.path == path) else {
                let section_keys = KEYS
                    .iter()
                    .filter(|s| s.section() == section)
                    .map(KeySpec::key);
                let known = suggestion(key_name.get_ref(), section_keys);
                problems.push(problem(line, &path, format!("unknown key{known}")));
                continue;
            };
            if kind == SourceKind::Project && spec.project == ProjectRule::UserOnly {
                problems.push(problem(
                    line,
                    &path,
                    "may only be set in the user config, not in a project config".into(),
                ));
                continue;
            }
            match check_value(spec, value.get_ref()) {
                Ok(checked) => {
                    values.insert(spec.path, (checked, line));
                }
                Err(reason) => problems.push(problem(line, &path, reason)),
            }
        }
    }
    problems.sort_by_key(|found| found.line);
    (values, problems)
}

/// Checks a value given as text (an environment variable) against `spec`.
///
/// # Errors
/// The reason the value is refused.
pub fn check_text(spec: &KeySpec, text: &str) -> Result<Value, String> {
    match spec.kind {
        Kind::Integer { .. } => text
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("expected a whole number, found `{text}`"))
            .and_then(|number| check_integer(spec, number)),
        Kind::Choice(choices) => check_choice(choices, text.trim()),
        Kind::Bool => match text.trim() {
            "true" | "1" | "yes" | "on" => Ok(Value::Bool(true)),
            "false" | "0" | "no" | "off" => Ok(Value::Bool(false)),
            other => Err(format!("expected true or false, found `{other}`")),
        },
        Kind::StringList { max_items } => check_list(
            max_items,
            text.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty()),
        ),
    }
}

fn check_list<'a>(max_items: usize, items: impl Iterator<Item = &'a str>) -> Result<Value, String> {
    let mut list = Vec::new();
    for (index, item) in items.enumerate() {
        if index >= max_items {
            return Err(format!("more than {max_items} entries"));
        }
        if item.trim().is_empty() {
            return Err(format!("entry {} is empty", index + 1));
        }
        if item.len() > MAX_ITEM_BYTES {
            return Err(format!(
                "entry {} is longer than {MAX_ITEM_BYTES} bytes",
                index + 1
            ));
        }
        list.push(item.to_owned());
    }
    Ok(Value::List(list))
}

fn check_value(spec: &KeySpec, value: &DeValue<'_>) -> Result<Value, String> {
    match (spec.kind, value) {
        (Kind::Integer { .. }, DeValue::Integer(integer)) => {
            let digits = integer.as_str();
            let number = i64::from_str_radix(digits, integer.radix())
                .map_err(|_| format!("`{digits}` does not fit in a 64-bit integer"))?;
            check_integer(spec, number)
        }
        (Kind::Choice(choices), DeValue::String(text)) => check_choice(choices, text.as_ref()),
        (Kind::Bool, DeValue::Boolean(flag)) => Ok(Value::Bool(*flag)),
        (Kind::StringList { max_items }, DeValue::Array(items)) => {
            let mut texts = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let DeValue::String(text) = item.get_ref() else {
                    return Err(format!(
                        "entry {} should be a string, found {}",
                        index + 1,
                        item.get_ref().type_str()
                    ));
                };
                texts.push(text.as_ref());
            }
            check_list(max_items, texts.into_iter())
        }
        (Kind::Bool, other) => Err(format!(
            "expected true or false, found {}",
            other.type_str()
        )),
        (Kind::StringList { .. }, other) => Err(format!(
            "expected a list of strings, like [\"a\", \"b\"], found {}",
            other.type_str()
        )),
        (Kind::Integer { .. }, other) => Err(format!(
            "expected a whole number, found {}",
            other.type_str()
        )),
        (Kind::Choice(choices), other) => Err(format!(
            "expected a string (one of {}), found {}",
            quoted(choices),
            other.type_str()
        )),
    }
}

fn check_integer(spec: &KeySpec, number: i64) -> Result<Value, String> {
    match spec.kind {
        Kind::Integer { min, max } if (min..=max).contains(&number) => Ok(Value::Integer(number)),
        Kind::Integer { min, max } => Err(format!("{number} is out of range {min}..={max}")),
        Kind::Choice(_) => Err("expected a string".into()),
        Kind::Bool => Err("expected true or false".into()),
        Kind::StringList { .. } => Err("expected a list of strings".into()),
    }
}

fn check_choice(choices: &'static [&'static str], text: &str) -> Result<Value, String> {
    choices
        .iter()
        .find(|choice| **choice == text)
        .map(|choice| Value::Choice(choice))
        .ok_or_else(|| format!("`{text}` is not one of {}", quoted(choices)))
}

fn quoted(choices: &[&str]) -> String {
    choices
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"; did you mean `x`?"` when a known name is within two edits, else "".
fn suggestion<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|name| (edit_distance(given, name), name))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, name)| format!("; did you mean `{name}`?"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_with_line_and_key() {
        let text = "[daemon]\nmax_conections = 5\nclient_timeout_ms = \"soon\"\nlog_level = \"loud\"\n\n[audti]\nx = 1\n[audit]\nkeep_files = 0\n";
        let (values, problems) = parse_source(text, "/u/config.toml", SourceKind::User);
        assert!(values.is_empty());
        let rendered: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "/u/config.toml:2: `daemon.max_conections`: unknown key; did you mean `max_connections`?",
                "/u/config.toml:3: `daemon.client_timeout_ms`: expected a whole number, found string",
                "/u/config.toml:4: `daemon.log_level`: `loud` is not one of \"error\", \"warn\", \"info\", \"debug\", \"trace\"",
                "/u/config.toml:6: `audti`: unknown section; did you mean `audit`?",
                "/u/config.toml:9: `audit.keep_files`: 0 is out of range 1..=100",
            ]
        );
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let (_, problems) =
            parse_source("[daemon]\nmax_connections = = 3\n", "f", SourceKind::User);
        assert_eq!(problems[0].line, Some(2), "{problems:?}");
        assert!(problems[0].reason.starts_with("TOML syntax"));
    }

    #[test]
    fn projects_may_not_set_user_only_keys() {
        let text = "[daemon]\nmax_connections = 5\n[audit]\nmin_level = \"warning\"\n";
        let (values, problems) = parse_source(text, "p", SourceKind::Project);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].reason.contains("user config"));
        assert_eq!(values["audit.min_level"].0, Value::Choice("warning"));
    }

    #[test]
    fn accepts_hex_and_underscored_integers() {
        let (values, problems) = parse_source(
            "[daemon]\nmax_frame_bytes = 0x10_000\n",
            "f",
            SourceKind::User,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(values["daemon.max_frame_bytes"].0, Value::Integer(65536));
    }

    #[test]
    fn lists_and_booleans_are_checked() {
        let text = "[scan]\nallow_kinds = [\"jwt\", 3]\nallow_paths = \"x\"\nallow_fingerprints = [\"\"]\n[sentinel]\nenabled = \"yes\"\n";
        let (_, problems) = parse_source(text, "f", SourceKind::User);
        let reasons: Vec<&str> = problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "entry 2 should be a string, found integer",
                "expected a list of strings, like [\"a\", \"b\"], found string",
                "entry 1 is empty",
                "expected true or false, found string",
            ]
        );
        let (values, problems) = parse_source(
            "[scan]\nallow_kinds = [\"jwt\"]\n[sentinel]\nenabled = false\n",
            "f",
            SourceKind::User,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            values["scan.allow_kinds"].0,
            Value::List(vec!["jwt".into()])
        );
        assert_eq!(values["sentinel.enabled"].0, Value::Bool(false));
    }
}
