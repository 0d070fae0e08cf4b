//! `--last` durations: a whole number and one unit, `30s`, `15m`, `24h`, `7d`, `2w`.

use std::time::Duration;

/// Seconds per unit letter.
const UNITS: [(char, u64, &str); 5] = [
    ('s', 1, "seconds"),
    ('m', 60, "minutes"),
    ('h', 3_600, "hours"),
    ('d', 86_400, "days"),
    ('w', 604_800, "weeks"),
];

/// Parses a duration such as `24h`. Used as a clap value parser, so the error is shown as
/// the reason `--last` was rejected.
///
/// # Errors
/// A message saying what is accepted.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let expected = "expected a whole number followed by s, m, h, d or w (e.g. 30s, 15m, 24h, \
                    7d, 2w)";
    let text = text.trim();
    let Some(unit) = text.chars().last() else {
        return Err(format!("empty duration: {expected}"));
    };
    let Some((_, seconds_per_unit, _)) = UNITS
        .iter()
        .find(|(letter, _, _)| *letter == unit.to_ascii_lowercase())
    else {
        return Err(format!("`{text}` does not end in a known unit: {expected}"));
    };
    let number = &text[..text.len() - unit.len_utf8()];
    if number.is_empty() || !number.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("`{text}` is not a duration: {expected}"));
    }
    let count: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is too long ago"))?;
    if count == 0 {
        return Err(format!(
            "`{text}` is zero: give a duration greater than zero"
        ));
    }
    count
        .checked_mul(*seconds_per_unit)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("`{text}` is too long ago"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_unit() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("15m"), Ok(Duration::from_mins(15)));
        assert_eq!(parse_duration("24h"), Ok(Duration::from_hours(24)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_hours(7 * 24)));
        assert_eq!(parse_duration("2w"), Ok(Duration::from_hours(14 * 24)));
        assert_eq!(parse_duration(" 1H "), Ok(Duration::from_hours(1)));
    }

    #[test]
    fn rejects_garbage_with_a_hint() {
        for garbage in [
            "", "h", "24", "1.5h", "-1h", "+1h", "1y", "1 h", "abc", "1hh", "٣h",
        ] {
            let error = parse_duration(garbage).unwrap_err();
            assert!(
                error.contains("e.g. 30s") || error.contains("zero"),
                "{garbage}: {error}"
            );
        }
        assert!(parse_duration("0m").unwrap_err().contains("zero"));
        assert!(
            parse_duration("99999999999999999999w")
                .unwrap_err()
                .contains("too long")
        );
        assert!(
            parse_duration("9999999999999999w")
                .unwrap_err()
                .contains("too long")
        );
    }
}
