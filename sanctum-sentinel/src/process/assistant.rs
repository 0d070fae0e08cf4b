//! Is a process running inside an AI coding assistant? The self-protection check behind
//! every request that undoes a protection (approving a quarantined file, deleting it).
//!
//! Two kinds of evidence, both read from `/proc`, both checked for the process and each of
//! its ancestors (at most [`MAX_ANCESTRY_DEPTH`]):
//!
//! - **environment markers** assistants set for the commands they run (`CLAUDECODE=1`,
//!   `GEMINI_CLI=1`, …); cheap and precise, but a command can unset them;
//! - **the process itself**: its `comm`, executable or `argv[0]`, and — for interpreters
//!   such as node or python — the script it runs (`node …/claude-code/cli.js`). A command
//!   cannot rename its ancestors, so this catches `env -u CLAUDECODE …`.
//!
//! What this cannot see: a process that detached itself (double fork) is re-parented to
//! init or a sub-reaper and loses its ancestry. SECURITY.md lists that gap.

use super::procfs::{ProcFs, base_name};

/// How many ancestors are examined at most (a bound, not a depth real trees reach).
pub const MAX_ANCESTRY_DEPTH: usize = 64;

/// Process or script names that are AI assistants, with the name shown to the user.
/// A name matches exactly or followed by `-`/`_` (`cursor-agent`, `codex-x86_64-…`).
const ASSISTANT_NAMES: &[(&str, &str)] = &[
    ("claude", "Claude Code"),
    ("cursor", "Cursor"),
    ("codex", "Codex"),
    ("aider", "Aider"),
    ("gemini", "Gemini CLI"),
    ("copilot", "GitHub Copilot"),
    ("windsurf", "Windsurf"),
    ("opencode", "opencode"),
    ("goose", "Goose"),
    ("amp", "Amp"),
    ("crush", "Crush"),
    ("qwen", "Qwen Code"),
    ("cline", "Cline"),
    ("kiro", "Kiro"),
];

/// Package paths of assistants that run as a script under an interpreter.
const ASSISTANT_PACKAGES: &[(&str, &str)] = &[
    ("@anthropic-ai/claude-code", "Claude Code"),
    ("@openai/codex", "Codex"),
    ("@google/gemini-cli", "Gemini CLI"),
    ("@github/copilot", "GitHub Copilot"),
    ("opencode-ai", "opencode"),
    ("@qwen-code/", "Qwen Code"),
    ("aider-chat", "Aider"),
];

/// Environment variables assistants set for the commands they run.
const ASSISTANT_VARIABLES: &[(&str, &str)] = &[
    ("CLAUDECODE", "Claude Code"),
    ("CLAUDE_CODE_ENTRYPOINT", "Claude Code"),
    ("GEMINI_CLI", "Gemini CLI"),
    ("CODEX_SANDBOX", "Codex"),
    ("CODEX_SANDBOX_NETWORK_DISABLED", "Codex"),
    ("CURSOR_AGENT", "Cursor"),
    ("OPENCODE", "opencode"),
    ("AI_AGENT", "an AI assistant"),
];

/// Interpreters whose script argument names the program really running.
const INTERPRETERS: &[&str] = &["node", "nodejs", "bun", "deno", "python", "python3"];

/// Extensions stripped before comparing a script or binary name.
const EXTENSIONS: &[&str] = &[
    ".js",
    ".mjs",
    ".cjs",
    ".ts",
    ".py",
    ".exe",
    ".sh",
    ".AppImage",
];

/// An assistant found in a process's ancestry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssistantMatch {
    /// Its name for people (`Claude Code`).
    pub assistant: &'static str,
    /// The process that showed it (the requester or one of its ancestors).
    pub pid: u32,
    /// What showed it.
    pub evidence: Evidence,
}

/// Why a process was taken for an assistant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// This environment variable is set (its value is never kept).
    Variable(&'static str),
    /// The process runs this program (a name, never a whole command line).
    Program(String),
}

/// What the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ancestry {
    /// No assistant among the process and its ancestors.
    Clear,
    /// An assistant, with the evidence.
    Assistant(AssistantMatch),
    /// The process could not be inspected (no `/proc`, or it is gone): nobody can tell,
    /// so callers must not treat it as a human.
    Unknown,
}

/// Walks from `pid` up through its ancestors looking for an AI assistant.
#[must_use]
pub fn find_assistant(proc: &ProcFs, pid: u32) -> Ancestry {
    if !proc.is_available() || !proc.exists(pid) {
        return Ancestry::Unknown;
    }
    let mut current = pid;
    for _ in 0..MAX_ANCESTRY_DEPTH {
        if let Some(found) = examine(proc, current) {
            return Ancestry::Assistant(found);
        }
        match proc.parent(current) {
            Some(parent) if parent != 0 && parent != current => current = parent,
            _ => return Ancestry::Clear,
        }
    }
    Ancestry::Clear
}

/// The evidence that `pid` itself is (or runs under) an assistant.
fn examine(proc: &ProcFs, pid: u32) -> Option<AssistantMatch> {
    let found = |assistant, evidence| AssistantMatch {
        assistant,
        pid,
        evidence,
    };
    for (name, value) in proc.environment(pid) {
        if let Some((variable, assistant)) = ASSISTANT_VARIABLES
            .iter()
            .find(|(variable, _)| *variable == name)
            && is_set(&value)
        {
            return Some(found(assistant, Evidence::Variable(variable)));
        }
    }
    let argv = proc.command_line(pid);
    let mut programs: Vec<String> = Vec::new();
    programs.extend(proc.command_name(pid));
    programs.extend(proc.executable(pid).and_then(|exe| {
        exe.file_name()
            .map(|name| name.to_string_lossy().into_owned())
    }));
    if let Some(first) = argv.first() {
        programs.push(base_name(first).to_owned());
    }
    let interpreted = programs.iter().any(|program| is_interpreter(program));
    if interpreted {
        // The script: the first argument that is not an option (later ones are its data).
        if let Some(argument) = argv.iter().skip(1).find(|arg| !arg.starts_with('-')) {
            if let Some((_, assistant)) = ASSISTANT_PACKAGES
                .iter()
                .find(|(package, _)| argument.contains(package))
            {
                return Some(found(
                    assistant,
                    Evidence::Program(base_name(argument).to_owned()),
                ));
            }
            programs.push(base_name(argument).to_owned());
        }
    }
    programs
        .iter()
        .find_map(|program| assistant_named(program).map(|assistant| (program, assistant)))
        .map(|(program, assistant)| found(assistant, Evidence::Program(program.clone())))
}

/// The assistant a program or script name belongs to.
fn assistant_named(program: &str) -> Option<&'static str> {
    let mut name = program.to_ascii_lowercase();
    for extension in EXTENSIONS {
        if let Some(stem) = name.strip_suffix(&extension.to_ascii_lowercase()) {
            name = stem.to_owned();
            break;
        }
    }
    ASSISTANT_NAMES.iter().find_map(|(token, assistant)| {
        let matches = name == *token
            || name
                .strip_prefix(token)
                .is_some_and(|rest| rest.starts_with(['-', '_']));
        matches.then_some(*assistant)
    })
}

fn is_interpreter(program: &str) -> bool {
    INTERPRETERS.contains(&program)
        || program
            .strip_prefix("python3.")
            .is_some_and(|minor| !minor.is_empty() && minor.chars().all(|c| c.is_ascii_digit()))
}

/// A marker counts unless it is empty or explicitly off.
fn is_set(value: &str) -> bool {
    !matches!(value.trim(), "" | "0" | "false" | "no")
}

#[cfg(test)]
mod tests {
    use super::super::procfs::fake::{FakeProcess, process};
    use super::*;

    /// init ← sshd ← bash (the user's terminal) ← `leaf`.
    fn tree(leaf: &FakeProcess<'_>) -> (tempfile::TempDir, ProcFs) {
        let root = tempfile::tempdir().unwrap();
        process(1, 0, "systemd", &["/sbin/init"]).write(root.path());
        process(100, 1, "sshd", &["sshd: user@pts/0"]).write(root.path());
        let mut shell = process(200, 100, "bash", &["-bash"]);
        shell.environ = &["HOME=/home/u", "TERM=xterm"];
        shell.write(root.path());
        leaf.write(root.path());
        let proc = ProcFs::new(root.path());
        (root, proc)
    }

    fn sanctum_under(parent: u32) -> FakeProcess<'static> {
        process(
            900,
            parent,
            "sanctum",
            &["sanctum", "review", "--approve", "abc"],
        )
    }

    #[test]
    fn a_terminal_of_the_user_is_clear() {
        let (_root, proc) = tree(&sanctum_under(200));
        assert_eq!(find_assistant(&proc, 900), Ancestry::Clear);
    }

    #[test]
    fn claudecode_in_the_environment_is_an_assistant() {
        let mut leaf = sanctum_under(200);
        leaf.environ = &["CLAUDECODE=1", "PATH=/usr/bin"];
        let (_root, proc) = tree(&leaf);
        assert_eq!(
            find_assistant(&proc, 900),
            Ancestry::Assistant(AssistantMatch {
                assistant: "Claude Code",
                pid: 900,
                evidence: Evidence::Variable("CLAUDECODE"),
            })
        );
        let mut off = sanctum_under(200);
        off.environ = &["CLAUDECODE=0", "GEMINI_CLI="];
        let (_root, proc) = tree(&off);
        assert_eq!(find_assistant(&proc, 900), Ancestry::Clear);
    }

    #[test]
    fn a_node_ancestor_running_claude_is_found_even_without_the_variable() {
        let root = tempfile::tempdir().unwrap();
        process(1, 0, "systemd", &["/sbin/init"]).write(root.path());
        process(200, 1, "bash", &["-bash"]).write(root.path());
        let mut node = process(
            300,
            200,
            "node",
            &["node", "/usr/local/bin/claude", "--resume"],
        );
        node.exe = Some("/usr/bin/node");
        node.write(root.path());
        // The tool's shell and a process that unset the marker.
        process(
            400,
            300,
            "bash",
            &["/bin/bash", "-c", "env -u CLAUDECODE sanctum"],
        )
        .write(root.path());
        sanctum_under(400).write(root.path());
        let proc = ProcFs::new(root.path());
        let Ancestry::Assistant(found) = find_assistant(&proc, 900) else {
            panic!("not found");
        };
        assert_eq!(found.assistant, "Claude Code");
        assert_eq!(found.pid, 300);
        assert_eq!(found.evidence, Evidence::Program("claude".into()));
    }

    #[test]
    fn assistants_are_recognised_by_binary_package_and_script() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("claude", &["claude"], "Claude Code"),
            (
                "node",
                &[
                    "node",
                    "/opt/lib/node_modules/@anthropic-ai/claude-code/cli.js",
                ],
                "Claude Code",
            ),
            ("cursor-agent", &["cursor-agent"], "Cursor"),
            (
                "cursor",
                &["/usr/share/cursor/cursor", "--type=utility"],
                "Cursor",
            ),
            (
                "node",
                &[
                    "node",
                    "--no-warnings",
                    "/usr/lib/node_modules/@openai/codex/bin/codex.js",
                ],
                "Codex",
            ),
            ("codex", &["codex"], "Codex"),
            (
                "python3",
                &[
                    "/home/u/.local/pipx/venvs/aider-chat/bin/python",
                    "/home/u/.local/bin/aider",
                ],
                "Aider",
            ),
            ("node", &["node", "/usr/bin/gemini"], "Gemini CLI"),
            ("copilot", &["copilot"], "GitHub Copilot"),
            ("windsurf", &["windsurf"], "Windsurf"),
            ("opencode", &["opencode"], "opencode"),
        ];
        for (comm, argv, expected) in cases {
            let root = tempfile::tempdir().unwrap();
            process(1, 0, "init", &["init"]).write(root.path());
            process(300, 1, comm, argv).write(root.path());
            sanctum_under(300).write(root.path());
            let proc = ProcFs::new(root.path());
            match find_assistant(&proc, 900) {
                Ancestry::Assistant(found) => assert_eq!(found.assistant, *expected, "{argv:?}"),
                other => panic!("{argv:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn similar_names_are_not_assistants() {
        for (comm, argv) in [
            ("vim", &["vim", "claude-notes.md"][..]),
            ("node", &["node", "server.js", "claude"][..]),
            ("ampd", &["ampd"][..]),
            ("python3", &["python3", "-m", "http.server"][..]),
            ("code", &["/usr/share/code/code"][..]),
        ] {
            let root = tempfile::tempdir().unwrap();
            process(1, 0, "init", &["init"]).write(root.path());
            process(300, 1, comm, argv).write(root.path());
            sanctum_under(300).write(root.path());
            let proc = ProcFs::new(root.path());
            assert_eq!(find_assistant(&proc, 900), Ancestry::Clear, "{argv:?}");
        }
    }

    #[test]
    fn an_unknown_process_or_missing_proc_is_unknown_and_loops_end() {
        let (_root, proc) = tree(&sanctum_under(200));
        assert_eq!(find_assistant(&proc, 12345), Ancestry::Unknown);
        assert_eq!(
            find_assistant(&ProcFs::new("/nonexistent-proc"), 1),
            Ancestry::Unknown
        );
        // A cycle (impossible in a real table) still terminates.
        let root = tempfile::tempdir().unwrap();
        process(5, 6, "a", &["a"]).write(root.path());
        process(6, 5, "b", &["b"]).write(root.path());
        assert_eq!(
            find_assistant(&ProcFs::new(root.path()), 5),
            Ancestry::Clear
        );
    }
}
