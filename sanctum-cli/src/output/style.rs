//! Terminal colours, applied only when the stream is a terminal and `NO_COLOR` is unset.

/// A colour or emphasis. Kept to a few so meaning stays consistent across commands:
/// green = fine, yellow = look at it, red = broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Passed / running.
    Green,
    /// Warning.
    Yellow,
    /// Failure / not running.
    Red,
    /// Headings.
    Bold,
    /// Secondary information.
    Dim,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Self::Green => "32",
            Self::Yellow => "33",
            Self::Red => "31",
            Self::Bold => "1",
            Self::Dim => "2",
        }
    }
}

/// Whether to colour one output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    enabled: bool,
}

impl Style {
    /// A style that colours (`true`) or prints plain text (`false`).
    #[must_use]
    pub fn new(enabled: bool) -> Self {
        Self { enabled }
    }

    /// `text` wrapped in the escape codes of `paint`, or unchanged when colour is off.
    #[must_use]
    pub fn paint(self, text: &str, paint: Paint) -> String {
        if self.enabled && !text.is_empty() {
            format!("\x1b[{}m{text}\x1b[0m", paint.code())
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_disabled_and_wrapped_when_enabled() {
        assert_eq!(Style::new(false).paint("ok", Paint::Green), "ok");
        assert_eq!(
            Style::new(true).paint("ok", Paint::Green),
            "\x1b[32mok\x1b[0m"
        );
        assert_eq!(Style::new(true).paint("", Paint::Red), "");
    }
}
