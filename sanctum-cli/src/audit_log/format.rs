//! One audit record as one aligned line: TIME LEVEL CATEGORY ACTION SUMMARY.
//!
//! Column widths are fixed (from the longest known value), not measured, so lines printed
//! one by one under `--follow` line up with the listing above them.

use sanctum_types::audit::{Action, AuditRecord, Category, Level};

use crate::output::{Paint, Style, local_time, sanitize};

const TIME_WIDTH: usize = "2000-01-01 00:00:00".len();

/// The widest of a column's known values and its title.
fn width<T>(all: &[(T, &str)], title: &str) -> usize {
    all.iter()
        .map(|(_, name)| name.len())
        .chain([title.len()])
        .max()
        .unwrap_or(0)
}

/// The header line.
#[must_use]
pub fn format_header(style: Style) -> String {
    let line = format!(
        "{:<TIME_WIDTH$}  {:<level$}  {:<category$}  {:<action$}  SUMMARY",
        "TIME",
        "LEVEL",
        "CATEGORY",
        "ACTION",
        level = width(Level::ALL, "LEVEL"),
        category = width(Category::ALL, "CATEGORY"),
        action = width(Action::ALL, "ACTION"),
    );
    style.paint(&line, Paint::Bold)
}

/// One record, in local time, with the level coloured and the summary made safe.
#[must_use]
pub fn format_record(record: &AuditRecord, style: Style) -> String {
    let level_text = format!(
        "{:<width$}",
        record.level.as_str(),
        width = width(Level::ALL, "LEVEL")
    );
    let level = match record.level {
        Level::Info => level_text,
        Level::Warning => style.paint(&level_text, Paint::Yellow),
        Level::Critical => style.paint(&level_text, Paint::Red),
    };
    format!(
        "{:<TIME_WIDTH$}  {level}  {:<category$}  {:<action$}  {}",
        local_time(record.time),
        record.category.as_str(),
        record.action.as_str(),
        sanitize(&record.summary),
        category = width(Category::ALL, "CATEGORY"),
        action = width(Action::ALL, "ACTION"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_line_up_under_the_header() {
        let record = AuditRecord::now(
            Level::Critical,
            Category::Firewall,
            Action::Blocked,
            "blocked\nsomething",
        );
        let header = format_header(Style::new(false));
        let line = format_record(&record, Style::new(false));
        assert_eq!(header.find("LEVEL"), Some(21));
        assert_eq!(line[21..].find("critical"), Some(0));
        assert_eq!(header.find("SUMMARY"), line.find("blocked something"));
        assert_eq!(header.find("ACTION"), line.find("blocked "));
    }
}
