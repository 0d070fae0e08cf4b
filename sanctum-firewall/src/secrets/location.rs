//! Byte offsets to human positions: 1-based line and 1-based column counted in characters.
//!
//! Works on arbitrary bytes: a column counts UTF-8 characters, and each byte of an invalid
//! sequence counts as one character (what a lossy decode would show).

/// The 1-based `(line, column)` of byte `offset` in `input`. Offsets past the end are
/// clamped to the end.
#[must_use]
pub fn line_col(input: &[u8], offset: usize) -> (usize, usize) {
    let mut cursor = LineCursor::new(input);
    cursor.locate(offset)
}

/// Is `b` the first byte of a character (not a UTF-8 continuation byte)?
fn starts_char(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

/// Incremental line/column computation for increasing offsets: each byte is examined once,
/// so locating every finding of a large input stays linear.
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    input: &'a [u8],
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `input`.
    #[must_use]
    pub fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The 1-based `(line, column)` of `offset`. Offsets should not decrease between calls;
    /// if one does, the cursor restarts from the beginning.
    pub fn locate(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.input.len());
        if offset < self.offset {
            *self = Self::new(self.input);
        }
        let gap = &self.input[self.offset..offset];
        let newlines = memchr::memchr_iter(b'\n', gap).count();
        if newlines > 0 {
            self.line += newlines;
            if let Some(last) = memchr::memrchr(b'\n', gap) {
                self.line_start = self.offset + last + 1;
            }
        }
        self.offset = offset;
        let column = self.input[self.line_start..offset]
            .iter()
            .filter(|&&b| starts_char(b))
            .count()
            + 1;
        (self.line, column)
    }

    /// The byte range of the line containing the last located offset (without the newline).
    #[must_use]
    pub fn current_line(&self) -> std::ops::Range<usize> {
        let end = memchr::memchr(b'\n', &self.input[self.line_start..])
            .map_or(self.input.len(), |i| self.line_start + i);
        self.line_start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_char_columns() {
        let text = "ab\nçé=x\n\nz".as_bytes();
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        // "çé" is 4 bytes, 2 characters: '=' is column 3.
        assert_eq!(line_col(text, 7), (2, 3));
        assert_eq!(line_col(text, 10), (3, 1));
        assert_eq!(line_col(text, 11), (4, 1));
        assert_eq!(line_col(text, 999), (4, 2));
    }

    #[test]
    fn cursor_is_incremental_and_restartable() {
        let text = b"one\ntwo\nthree";
        let mut c = LineCursor::new(text);
        assert_eq!(c.locate(5), (2, 2));
        assert_eq!(c.current_line(), 4..7);
        assert_eq!(c.locate(9), (3, 2));
        assert_eq!(c.locate(1), (1, 2));
    }

    #[test]
    fn invalid_utf8_counts_bytes() {
        assert_eq!(line_col(b"\xff\xfeX", 2), (1, 3));
    }
}
