//! Units for people: durations, sizes, local times, and text made safe for a terminal.

use jiff::Timestamp;

/// `850ms`, `42s`, `5m 12s`, `3h 4m`, `2d 7h`: the two largest units, no more.
#[must_use]
pub fn format_duration_ms(milliseconds: u64) -> String {
    const UNITS: [(u64, &str); 4] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    if milliseconds < 1_000 {
        return format!("{milliseconds}ms");
    }
    let mut seconds = milliseconds / 1_000;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        if seconds >= size || !parts.is_empty() {
            parts.push(format!("{}{unit}", seconds / size));
            seconds %= size;
        }
        if parts.len() == 2 {
            break;
        }
    }
    if parts.len() == 2 && parts[1].starts_with('0') {
        parts.pop();
    }
    parts.join(" ")
}

/// `512 B`, `4.2 KiB`, `12.0 MiB`, `1.5 GiB`.
#[must_use]
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    // Tenths of a unit in integer arithmetic: exact enough and free of float casts.
    let mut scaled = u128::from(bytes) * 10 / 1024;
    let mut unit = 0;
    while scaled >= 10 * 1024 && unit + 1 < UNITS.len() {
        scaled /= 1024;
        unit += 1;
    }
    format!("{}.{} {}", scaled / 10, scaled % 10, UNITS[unit])
}

/// `time` in the system time zone, to the second: `2025-01-31 14:03:07`.
#[must_use]
pub fn local_time(time: Timestamp) -> String {
    time.to_zoned(super::time_zone::local_time_zone())
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `text` with control characters replaced by spaces, so a crafted summary or log line
/// cannot move the cursor or recolour the terminal.
#[must_use]
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Like [`sanitize`], but keeps line breaks (each line is sanitized on its own).
#[must_use]
pub fn sanitize_lines(text: &str) -> String {
    text.lines().map(sanitize).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_show_the_two_largest_units() {
        assert_eq!(format_duration_ms(850), "850ms");
        assert_eq!(format_duration_ms(42_000), "42s");
        assert_eq!(format_duration_ms(312_000), "5m 12s");
        assert_eq!(format_duration_ms(3_600_000), "1h");
        assert_eq!(format_duration_ms(3_600_000 + 4 * 60_000 + 5_000), "1h 4m");
        assert_eq!(format_duration_ms(2 * 86_400_000 + 7 * 3_600_000), "2d 7h");
    }

    #[test]
    fn sizes_use_binary_units_with_one_decimal() {
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(4_300), "4.1 KiB");
        assert_eq!(format_bytes(12 * 1024 * 1024), "12.0 MiB");
        assert_eq!(format_bytes(3 * 1024 * 1024 * 1024 / 2), "1.5 GiB");
    }

    #[test]
    fn control_characters_are_neutralised() {
        assert_eq!(sanitize("a\x1b[31mb\nc"), "a [31mb c");
    }
}
