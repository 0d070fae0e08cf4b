//! A plain aligned table: columns padded to their widest cell, two spaces apart.
//!
//! Widths are measured on the text before colouring, so escape codes never break alignment.

use super::style::{Paint, Style};

/// One cell: its text and an optional colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    paint: Option<Paint>,
}

impl Cell {
    /// A plain cell.
    #[must_use]
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            paint: None,
        }
    }

    /// A coloured cell.
    #[must_use]
    pub fn painted(text: impl Into<String>, paint: Paint) -> Self {
        Self {
            text: text.into(),
            paint: Some(paint),
        }
    }

    fn width(&self) -> usize {
        self.text.chars().count()
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::plain(text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::plain(text)
    }
}

/// Rows of cells, optionally under a bold header.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Option<Vec<Cell>>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table without header.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the header row.
    #[must_use]
    pub fn with_header(mut self, titles: &[&str]) -> Self {
        self.header = Some(
            titles
                .iter()
                .map(|title| Cell::painted(*title, Paint::Bold))
                .collect(),
        );
        self
    }

    /// Appends a row.
    pub fn row(&mut self, cells: impl IntoIterator<Item = impl Into<Cell>>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Whether no row was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, one line per row, each ending in a newline. The last column is
    /// never padded, so lines carry no trailing spaces.
    #[must_use]
    pub fn render(&self, style: Style) -> String {
        let all_rows = || self.header.iter().chain(&self.rows);
        let columns = all_rows().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|column| {
                all_rows()
                    .filter_map(|row| row.get(column))
                    .map(Cell::width)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut text = String::new();
        for row in all_rows() {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                let painted = match cell.paint {
                    Some(paint) => style.paint(&cell.text, paint),
                    None => cell.text.clone(),
                };
                line.push_str(&painted);
                if column + 1 < row.len() {
                    let padding = widths[column] - cell.width() + 2;
                    line.extend(std::iter::repeat_n(' ', padding));
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns_on_the_widest_cell_without_trailing_spaces() {
        let mut table = Table::new().with_header(&["NAME", "VALUE"]);
        table.row(["a", "1"]);
        table.row(["longer", ""]);
        table.row(["é", "3"]);
        assert_eq!(
            table.render(Style::new(false)),
            "NAME    VALUE\na       1\nlonger\né       3\n"
        );
    }

    #[test]
    fn colour_codes_do_not_change_alignment() {
        let mut table = Table::new();
        table.row([Cell::painted("pass", Paint::Green), Cell::plain("x")]);
        table.row([Cell::plain("warning"), Cell::plain("y")]);
        let text = table.render(Style::new(true));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "\x1b[32mpass\x1b[0m     x");
        assert_eq!(lines[1], "warning  y");
    }
}
