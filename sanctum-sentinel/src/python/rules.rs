//! What executed start-up code may and may not touch, as tables over resolved dotted names.
//!
//! A name is resolved first (aliases, `from x import y`, `__import__('x')`), then looked up
//! here: a module prefix (`subprocess`, `socket`, …), an exact function (`os.system`), or a
//! dangerous attribute name on anything (`write_text`, `__globals__`). Anything not listed as
//! critical, suspicious or benign is *unknown*, which the analyser reports as suspicious.
//! Tables, not heuristics: adding a module is a one-line change with a test.

use crate::verdict::ReasonCode;

/// How a module, function or attribute is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Dangerous in start-up code.
    Flag(ReasonCode, &'static str),
    /// Known and harmless here.
    Benign,
    /// Not in any table.
    Unknown,
}

/// Modules (and their submodules) whose import alone marks start-up code.
const MODULES: &[(&str, ReasonCode, &str)] = &[
    ("subprocess", ReasonCode::ProcessSpawn, "starts processes"),
    ("pty", ReasonCode::ProcessSpawn, "starts processes"),
    (
        "multiprocessing",
        ReasonCode::ProcessSpawn,
        "starts processes",
    ),
    ("commands", ReasonCode::ProcessSpawn, "starts processes"),
    ("popen2", ReasonCode::ProcessSpawn, "starts processes"),
    ("pexpect", ReasonCode::ProcessSpawn, "starts processes"),
    ("socket", ReasonCode::Network, "opens network connections"),
    (
        "socketserver",
        ReasonCode::Network,
        "opens network connections",
    ),
    ("ssl", ReasonCode::Network, "opens network connections"),
    ("urllib", ReasonCode::Network, "fetches URLs"),
    ("urllib2", ReasonCode::Network, "fetches URLs"),
    ("urllib3", ReasonCode::Network, "fetches URLs"),
    ("http", ReasonCode::Network, "speaks HTTP"),
    ("httplib", ReasonCode::Network, "speaks HTTP"),
    ("requests", ReasonCode::Network, "speaks HTTP"),
    ("httpx", ReasonCode::Network, "speaks HTTP"),
    ("aiohttp", ReasonCode::Network, "speaks HTTP"),
    ("ftplib", ReasonCode::Network, "speaks FTP"),
    ("smtplib", ReasonCode::Network, "sends mail"),
    (
        "telnetlib",
        ReasonCode::Network,
        "opens network connections",
    ),
    ("poplib", ReasonCode::Network, "reads mail"),
    ("imaplib", ReasonCode::Network, "reads mail"),
    ("nntplib", ReasonCode::Network, "opens network connections"),
    ("xmlrpc", ReasonCode::Network, "makes remote calls"),
    ("xmlrpclib", ReasonCode::Network, "makes remote calls"),
    (
        "websocket",
        ReasonCode::Network,
        "opens network connections",
    ),
    (
        "websockets",
        ReasonCode::Network,
        "opens network connections",
    ),
    ("paramiko", ReasonCode::Network, "opens SSH connections"),
    ("webbrowser", ReasonCode::Network, "opens URLs"),
    ("antigravity", ReasonCode::Network, "opens URLs"),
    ("base64", ReasonCode::DataDecoding, "decodes data"),
    ("binascii", ReasonCode::DataDecoding, "decodes data"),
    ("zlib", ReasonCode::DataDecoding, "decompresses data"),
    ("gzip", ReasonCode::DataDecoding, "decompresses data"),
    ("bz2", ReasonCode::DataDecoding, "decompresses data"),
    ("lzma", ReasonCode::DataDecoding, "decompresses data"),
    ("zipfile", ReasonCode::DataDecoding, "unpacks archives"),
    ("tarfile", ReasonCode::DataDecoding, "unpacks archives"),
    (
        "marshal",
        ReasonCode::DataDecoding,
        "deserialises code objects",
    ),
    (
        "pickle",
        ReasonCode::DataDecoding,
        "deserialises objects (runs code)",
    ),
    (
        "cPickle",
        ReasonCode::DataDecoding,
        "deserialises objects (runs code)",
    ),
    (
        "_pickle",
        ReasonCode::DataDecoding,
        "deserialises objects (runs code)",
    ),
    (
        "shelve",
        ReasonCode::DataDecoding,
        "deserialises objects (runs code)",
    ),
    ("codecs", ReasonCode::DataDecoding, "decodes data"),
    ("quopri", ReasonCode::DataDecoding, "decodes data"),
    ("uu", ReasonCode::DataDecoding, "decodes data"),
    (
        "shutil",
        ReasonCode::FileWrite,
        "copies, moves or deletes files",
    ),
    ("tempfile", ReasonCode::FileWrite, "creates files"),
    (
        "importlib",
        ReasonCode::DynamicImport,
        "imports by computed name",
    ),
    ("imp", ReasonCode::DynamicImport, "imports by computed name"),
    ("runpy", ReasonCode::DynamicImport, "runs modules by name"),
    (
        "pkgutil",
        ReasonCode::DynamicImport,
        "resolves names dynamically",
    ),
    (
        "zipimport",
        ReasonCode::DynamicImport,
        "imports from archives",
    ),
    (
        "code",
        ReasonCode::DynamicCodeExecution,
        "executes source code",
    ),
    (
        "codeop",
        ReasonCode::DynamicCodeExecution,
        "compiles source code",
    ),
    (
        "builtins",
        ReasonCode::DynamicLookup,
        "reaches the builtins namespace",
    ),
    (
        "__builtin__",
        ReasonCode::DynamicLookup,
        "reaches the builtins namespace",
    ),
    ("inspect", ReasonCode::DynamicLookup, "introspects frames"),
    ("ctypes", ReasonCode::NativeCode, "loads native code"),
    ("_ctypes", ReasonCode::NativeCode, "loads native code"),
    ("cffi", ReasonCode::NativeCode, "loads native code"),
    (
        "sitecustomize",
        ReasonCode::StartupHookReference,
        "is a start-up hook",
    ),
    (
        "usercustomize",
        ReasonCode::StartupHookReference,
        "is a start-up hook",
    ),
    (
        "threading",
        ReasonCode::BackgroundExecution,
        "starts threads",
    ),
    ("_thread", ReasonCode::BackgroundExecution, "starts threads"),
    (
        "atexit",
        ReasonCode::BackgroundExecution,
        "registers exit handlers",
    ),
    (
        "signal",
        ReasonCode::BackgroundExecution,
        "installs signal handlers",
    ),
    ("sched", ReasonCode::BackgroundExecution, "schedules code"),
    (
        "asyncio",
        ReasonCode::BackgroundExecution,
        "runs an event loop",
    ),
    (
        "concurrent",
        ReasonCode::BackgroundExecution,
        "starts workers",
    ),
];

/// Modules a start-up line may import without comment.
const BENIGN_MODULES: &[&str] = &["os", "os.path", "posixpath", "sys", "types", "warnings"];

/// Exact functions and attributes (after alias resolution).
const REFERENCES: &[(&str, ReasonCode, &str)] = &[
    (
        "os.system",
        ReasonCode::ProcessSpawn,
        "runs a shell command",
    ),
    ("os.popen", ReasonCode::ProcessSpawn, "runs a shell command"),
    ("os.fork", ReasonCode::ProcessSpawn, "forks the process"),
    ("os.forkpty", ReasonCode::ProcessSpawn, "forks the process"),
    ("os.startfile", ReasonCode::ProcessSpawn, "starts a program"),
    ("os.kill", ReasonCode::ProcessSpawn, "signals processes"),
    ("os.killpg", ReasonCode::ProcessSpawn, "signals processes"),
    (
        "platform.popen",
        ReasonCode::ProcessSpawn,
        "runs a shell command",
    ),
    ("os.remove", ReasonCode::FileWrite, "deletes files"),
    ("os.unlink", ReasonCode::FileWrite, "deletes files"),
    ("os.rmdir", ReasonCode::FileWrite, "deletes directories"),
    (
        "os.removedirs",
        ReasonCode::FileWrite,
        "deletes directories",
    ),
    ("os.rename", ReasonCode::FileWrite, "moves files"),
    ("os.renames", ReasonCode::FileWrite, "moves files"),
    ("os.replace", ReasonCode::FileWrite, "moves files"),
    ("os.mkdir", ReasonCode::FileWrite, "creates directories"),
    ("os.makedirs", ReasonCode::FileWrite, "creates directories"),
    ("os.chmod", ReasonCode::FileWrite, "changes permissions"),
    ("os.chown", ReasonCode::FileWrite, "changes ownership"),
    ("os.lchown", ReasonCode::FileWrite, "changes ownership"),
    ("os.symlink", ReasonCode::FileWrite, "creates links"),
    ("os.link", ReasonCode::FileWrite, "creates links"),
    ("os.truncate", ReasonCode::FileWrite, "truncates files"),
    ("os.ftruncate", ReasonCode::FileWrite, "truncates files"),
    (
        "os.write",
        ReasonCode::FileWrite,
        "writes to file descriptors",
    ),
    (
        "os.pwrite",
        ReasonCode::FileWrite,
        "writes to file descriptors",
    ),
    (
        "os.writev",
        ReasonCode::FileWrite,
        "writes to file descriptors",
    ),
    (
        "os.open",
        ReasonCode::FileWrite,
        "opens files at the descriptor level",
    ),
    ("os.mkfifo", ReasonCode::FileWrite, "creates files"),
    ("os.mknod", ReasonCode::FileWrite, "creates files"),
    ("os.utime", ReasonCode::FileWrite, "changes file times"),
    ("os.sendfile", ReasonCode::FileWrite, "copies file data"),
    ("io.open", ReasonCode::FileRead, "opens files"),
    ("io.FileIO", ReasonCode::FileRead, "opens files"),
    (
        "os.putenv",
        ReasonCode::EnvironmentChange,
        "changes the environment",
    ),
    (
        "os.unsetenv",
        ReasonCode::EnvironmentChange,
        "changes the environment",
    ),
    (
        "os.environ.update",
        ReasonCode::EnvironmentChange,
        "changes the environment",
    ),
    (
        "os.environ.setdefault",
        ReasonCode::EnvironmentChange,
        "changes the environment",
    ),
    (
        "os.environ.pop",
        ReasonCode::EnvironmentChange,
        "changes the environment",
    ),
    (
        "os.environ.clear",
        ReasonCode::EnvironmentChange,
        "changes the environment",
    ),
    (
        "os.chdir",
        ReasonCode::UnrecognisedCode,
        "changes the working directory",
    ),
    (
        "sys.modules",
        ReasonCode::DynamicLookup,
        "reaches modules by name",
    ),
    (
        "sys._getframe",
        ReasonCode::DynamicLookup,
        "introspects frames",
    ),
    ("sys.path", ReasonCode::SysPathChange, "changes sys.path"),
    (
        "site.addsitedir",
        ReasonCode::SysPathChange,
        "adds a site directory (more .pth files)",
    ),
    (
        "site.addpackage",
        ReasonCode::SysPathChange,
        "processes another .pth file",
    ),
    (
        "site.main",
        ReasonCode::SysPathChange,
        "re-runs site initialisation",
    ),
    (
        "sys.meta_path",
        ReasonCode::ImportHook,
        "installs an import hook",
    ),
    (
        "sys.path_hooks",
        ReasonCode::ImportHook,
        "installs an import hook",
    ),
    (
        "sys.path_importer_cache",
        ReasonCode::ImportHook,
        "changes import caches",
    ),
    ("sys.settrace", ReasonCode::ImportHook, "installs a tracer"),
    (
        "sys.setprofile",
        ReasonCode::ImportHook,
        "installs a profiler",
    ),
    (
        "sys.addaudithook",
        ReasonCode::ImportHook,
        "installs an audit hook",
    ),
    (
        "sys.excepthook",
        ReasonCode::ImportHook,
        "replaces the exception hook",
    ),
    (
        "sys.displayhook",
        ReasonCode::ImportHook,
        "replaces the display hook",
    ),
    (
        "sys.breakpointhook",
        ReasonCode::ImportHook,
        "replaces the breakpoint hook",
    ),
    (
        "os.register_at_fork",
        ReasonCode::BackgroundExecution,
        "registers fork handlers",
    ),
];

/// Read-only functions and values a start-up line may use.
const BENIGN_REFERENCES: &[&str] = &[
    "os.environ.get",
    "os.getenv",
    "os.environ",
    "os.path.join",
    "os.path.exists",
    "os.path.isdir",
    "os.path.isfile",
    "os.path.dirname",
    "os.path.basename",
    "os.path.abspath",
    "os.path.normpath",
    "os.path.expanduser",
    "os.sep",
    "os.name",
    "os.getcwd",
    "sys.version_info",
    "sys.version",
    "sys.platform",
    "sys.flags",
    "sys.prefix",
    "sys.base_prefix",
    "sys.exec_prefix",
    "sys.implementation",
    "sys.executable",
    "warnings.filterwarnings",
    "warnings.simplefilter",
    "coverage.process_startup",
];

/// Attribute names that are dangerous whatever they are called on.
const ATTRIBUTES: &[(&str, ReasonCode, &str)] = &[
    ("write_text", ReasonCode::FileWrite, "writes files"),
    ("write_bytes", ReasonCode::FileWrite, "writes files"),
    ("symlink_to", ReasonCode::FileWrite, "creates links"),
    ("hardlink_to", ReasonCode::FileWrite, "creates links"),
    ("fromhex", ReasonCode::DataDecoding, "decodes hex"),
    ("decode", ReasonCode::DataDecoding, "decodes bytes"),
    ("b64decode", ReasonCode::DataDecoding, "decodes base64"),
    ("decompress", ReasonCode::DataDecoding, "decompresses data"),
    (
        "translate",
        ReasonCode::StringObfuscation,
        "rewrites characters",
    ),
    (
        "maketrans",
        ReasonCode::StringObfuscation,
        "rewrites characters",
    ),
    (
        "exec_module",
        ReasonCode::DynamicImport,
        "executes a module",
    ),
    (
        "load_module",
        ReasonCode::DynamicImport,
        "executes a module",
    ),
    (
        "import_module",
        ReasonCode::DynamicImport,
        "imports by computed name",
    ),
    (
        "__globals__",
        ReasonCode::DynamicLookup,
        "reaches a function's globals",
    ),
    (
        "__builtins__",
        ReasonCode::DynamicLookup,
        "reaches the builtins namespace",
    ),
    (
        "__dict__",
        ReasonCode::DynamicLookup,
        "reaches a namespace dictionary",
    ),
    (
        "__code__",
        ReasonCode::DynamicLookup,
        "reaches code objects",
    ),
    (
        "__subclasses__",
        ReasonCode::DynamicLookup,
        "walks the class graph",
    ),
    (
        "__bases__",
        ReasonCode::DynamicLookup,
        "walks the class graph",
    ),
    (
        "__mro__",
        ReasonCode::DynamicLookup,
        "walks the class graph",
    ),
    (
        "__class__",
        ReasonCode::DynamicLookup,
        "walks the class graph",
    ),
    (
        "__getattribute__",
        ReasonCode::DynamicLookup,
        "looks attributes up dynamically",
    ),
    (
        "__loader__",
        ReasonCode::DynamicLookup,
        "reaches module loaders",
    ),
    (
        "f_locals",
        ReasonCode::DynamicLookup,
        "reaches a caller's variables",
    ),
    (
        "f_globals",
        ReasonCode::DynamicLookup,
        "reaches a caller's variables",
    ),
    ("f_back", ReasonCode::DynamicLookup, "walks the call stack"),
];

/// Builtins that are dangerous when referenced at all (called or passed around).
const BUILTINS: &[(&str, ReasonCode, &str)] = &[
    (
        "exec",
        ReasonCode::DynamicCodeExecution,
        "executes computed code",
    ),
    (
        "eval",
        ReasonCode::DynamicCodeExecution,
        "evaluates computed code",
    ),
    (
        "compile",
        ReasonCode::DynamicCodeExecution,
        "compiles computed code",
    ),
    (
        "__import__",
        ReasonCode::DynamicImport,
        "imports by computed name",
    ),
    (
        "getattr",
        ReasonCode::DynamicLookup,
        "looks attributes up by name",
    ),
    (
        "setattr",
        ReasonCode::DynamicLookup,
        "sets attributes by name",
    ),
    (
        "delattr",
        ReasonCode::DynamicLookup,
        "deletes attributes by name",
    ),
    (
        "globals",
        ReasonCode::DynamicLookup,
        "reaches the global namespace",
    ),
    (
        "locals",
        ReasonCode::DynamicLookup,
        "reaches the local namespace",
    ),
    (
        "vars",
        ReasonCode::DynamicLookup,
        "reaches a namespace dictionary",
    ),
    (
        "__builtins__",
        ReasonCode::DynamicLookup,
        "reaches the builtins namespace",
    ),
    (
        "__loader__",
        ReasonCode::DynamicLookup,
        "reaches module loaders",
    ),
    (
        "__spec__",
        ReasonCode::DynamicLookup,
        "reaches module specs",
    ),
    (
        "chr",
        ReasonCode::CharCodeBuilding,
        "builds text from character codes",
    ),
    (
        "ord",
        ReasonCode::CharCodeBuilding,
        "turns text into character codes",
    ),
    (
        "bytes",
        ReasonCode::CharCodeBuilding,
        "builds bytes from values",
    ),
    (
        "bytearray",
        ReasonCode::CharCodeBuilding,
        "builds bytes from values",
    ),
    (
        "memoryview",
        ReasonCode::CharCodeBuilding,
        "manipulates raw memory",
    ),
    (
        "breakpoint",
        ReasonCode::ImportHook,
        "enters a debugger hook",
    ),
    (
        "input",
        ReasonCode::UnrecognisedCode,
        "reads standard input",
    ),
    (
        "hasattr",
        ReasonCode::UnrecognisedCode,
        "probes attributes by name",
    ),
];

/// Builtins that are harmless to call in start-up code.
const BENIGN_BUILTINS: &[&str] = &[
    "len",
    "str",
    "int",
    "bool",
    "float",
    "tuple",
    "list",
    "dict",
    "set",
    "frozenset",
    "isinstance",
    "repr",
    "print",
    "min",
    "max",
    "any",
    "all",
    "sorted",
    "range",
    "None",
    "True",
    "False",
];

/// Recognised start-up shims: modules that build backends and tools install next to their
/// `.pth` so that one short import line does the work. Importing them and calling their
/// functions with literal arguments is benign; what they run is the module's own code.
pub(crate) fn shim_module(name: &str) -> Option<&'static str> {
    let ident = super::templates::is_identifier;
    if name == "_virtualenv" {
        return Some("virtualenv start-up shim");
    }
    if name == "_distutils_hack" {
        return Some("setuptools distutils shim");
    }
    if name == "coverage" {
        return Some("coverage.py subprocess measurement");
    }
    if name == "pywin32_bootstrap" {
        return Some("pywin32 DLL path bootstrap");
    }
    if let Some(rest) = name.strip_prefix("__editable___")
        && let Some(middle) = rest.strip_suffix("_finder")
        && ident(middle)
    {
        return Some("setuptools editable-install finder");
    }
    if let Some(rest) = name.strip_prefix("_editable_impl_")
        && ident(rest)
    {
        return Some("editables editable-install redirect (hatchling, pdm-backend)");
    }
    if let Some(rest) = name.strip_prefix("_editable_skbc_")
        && ident(rest)
    {
        return Some("scikit-build-core editable-install redirect");
    }
    if let Some(rest) = name.strip_prefix('_')
        && let Some(middle) = rest.strip_suffix("_editable_loader")
        && ident(middle)
    {
        return Some("meson-python editable-install loader");
    }
    None
}

/// Judges importing `module` (dotted).
pub(crate) fn classify_module(module: &str) -> Class {
    if BENIGN_MODULES.contains(&module) || shim_module(module).is_some() {
        return Class::Benign;
    }
    let top = module.split('.').next().unwrap_or(module);
    if let Some((_, code, why)) = MODULES.iter().find(|(name, _, _)| *name == top) {
        return Class::Flag(*code, why);
    }
    Class::Unknown
}

/// Judges a resolved reference such as `os.system` or `subprocess.run` or `x.write_text`.
pub(crate) fn classify_reference(dotted: &str) -> Class {
    if BENIGN_REFERENCES.contains(&dotted) {
        return Class::Benign;
    }
    if let Some((_, code, why)) = REFERENCES.iter().find(|(name, _, _)| {
        dotted == *name
            || dotted
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.'))
    }) {
        return Class::Flag(*code, why);
    }
    if let Some(rest) = dotted.strip_prefix("os.") {
        let process = ["exec", "spawn", "posix_spawn"];
        if process.iter().any(|prefix| rest.starts_with(prefix)) {
            return Class::Flag(ReasonCode::ProcessSpawn, "starts processes");
        }
    }
    if let Some(leaf) = dotted.rsplit('.').next()
        && let Some((_, code, why)) = ATTRIBUTES.iter().find(|(name, _, _)| *name == leaf)
    {
        return Class::Flag(*code, why);
    }
    if let Some(prefix) = dotted.split('.').next() {
        if shim_module(prefix).is_some() {
            return Class::Benign;
        }
        if let Class::Flag(code, why) = classify_module(prefix) {
            return Class::Flag(code, why);
        }
        if dotted.contains('.')
            && let Class::Flag(code, why) = classify_builtin(prefix)
            && code.severity() == crate::verdict::Verdict::Critical
        {
            return Class::Flag(code, why);
        }
    }
    Class::Unknown
}

/// Judges an attribute name whatever it is called on (`x.write_text`, `f.__globals__`).
pub(crate) fn classify_attribute(name: &str) -> Class {
    ATTRIBUTES
        .iter()
        .find(|(attribute, _, _)| *attribute == name)
        .map_or(Class::Unknown, |(_, code, why)| Class::Flag(*code, why))
}

/// Judges a bare builtin name.
pub(crate) fn classify_builtin(name: &str) -> Class {
    if let Some((_, code, why)) = BUILTINS.iter().find(|(builtin, _, _)| *builtin == name) {
        return Class::Flag(*code, why);
    }
    if BENIGN_BUILTINS.contains(&name) {
        return Class::Benign;
    }
    Class::Unknown
}

/// Whether a string literal names a credential store (`~/.ssh`, `.aws/credentials`, …).
pub(crate) fn names_credential_file(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        ".ssh/",
        ".aws/",
        ".netrc",
        ".git-credentials",
        ".pypirc",
        ".npmrc",
        ".docker/config.json",
        ".kube/config",
        ".gnupg",
        "id_rsa",
        "id_ed25519",
        ".config/gcloud",
        ".azure/",
    ];
    MARKERS.iter().any(|marker| text.contains(marker))
}

/// Whether a string literal mentions the other start-up hooks.
pub(crate) fn names_startup_hook(text: &str) -> bool {
    text.contains("sitecustomize") || text.contains("usercustomize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_resolve_prefixes_and_leaves() {
        assert!(matches!(
            classify_reference("os.system"),
            Class::Flag(ReasonCode::ProcessSpawn, _)
        ));
        assert!(matches!(
            classify_reference("os.execvp"),
            Class::Flag(ReasonCode::ProcessSpawn, _)
        ));
        assert!(matches!(
            classify_reference("subprocess.run"),
            Class::Flag(ReasonCode::ProcessSpawn, _)
        ));
        assert!(matches!(
            classify_reference("urllib.request.urlopen"),
            Class::Flag(ReasonCode::Network, _)
        ));
        assert!(matches!(
            classify_reference("p.write_text"),
            Class::Flag(ReasonCode::FileWrite, _)
        ));
        assert!(matches!(
            classify_reference("sys.path.insert"),
            Class::Flag(ReasonCode::SysPathChange, _)
        ));
        assert_eq!(classify_reference("os.environ.get"), Class::Benign);
        assert_eq!(classify_reference("_virtualenv.patch"), Class::Benign);
        assert_eq!(classify_reference("mything.run"), Class::Unknown);
        assert_eq!(classify_module("os"), Class::Benign);
        assert_eq!(classify_module("json"), Class::Unknown);
        assert!(matches!(
            classify_module("http.client"),
            Class::Flag(ReasonCode::Network, _)
        ));
    }

    #[test]
    fn shim_names_are_matched_exactly() {
        assert!(shim_module("__editable___demo_0_1_finder").is_some());
        assert!(shim_module("_editable_impl_demo").is_some());
        assert!(shim_module("_demo_editable_loader").is_some());
        assert!(shim_module("_virtualenv").is_some());
        for fake in [
            "_virtualenv2",
            "__editable___x_finder.evil",
            "_editable_impl_",
            "__editable___-_finder",
        ] {
            assert!(shim_module(fake).is_none(), "{fake}");
        }
    }
}
