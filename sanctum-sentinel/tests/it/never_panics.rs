//! Property tests: no input makes an analyser panic, and verdicts are deterministic.

use proptest::prelude::*;
use sanctum_sentinel::{customize, pth, start};

fn python_ish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "import ",
        "import\t",
        "os",
        ".",
        "(",
        ")",
        "[",
        "]",
        "'",
        "\"",
        "\"\"\"",
        "\\",
        "\n",
        "\r",
        "\u{c}",
        "\u{2028}",
        "\u{feff}",
        "#",
        ";",
        "exec",
        "__import__",
        "f'{",
        "}",
        "[::-1]",
        "+",
        " ",
        "é",
        "\0",
        "chr(1)",
        "lambda:",
        "b'\\x00'",
    ]);
    prop::collection::vec(atoms, 0..64).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let first = pth::analyze(&bytes);
        let _ = customize::analyze(&bytes);
        let _ = start::analyze(&bytes);
        prop_assert_eq!(first, pth::analyze(&bytes));
    }

    #[test]
    fn python_like_text_never_panics(text in python_ish()) {
        let _ = pth::analyze(text.as_bytes());
        let _ = pth::analyze(format!("import {text}").as_bytes());
        let _ = customize::analyze(text.as_bytes());
        let _ = start::analyze(text.as_bytes());
    }
}
