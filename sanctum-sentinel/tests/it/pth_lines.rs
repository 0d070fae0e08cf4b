//! Table tests: one `.pth` line in, verdict and reason codes out.

use sanctum_sentinel::{Verdict, pth};

use crate::assert_verdict;

#[test]
fn benign_lines() {
    let table: &[&str] = &[
        "/home/dev/src/project/src",
        "relative/dir",
        "# import os; os.system('x')",
        "import _virtualenv",
        "import __editable___demo_1_0_finder; __editable___demo_1_0_finder.install()",
        "import _editable_impl_demo",
        "import _demo_editable_loader; _demo_editable_loader.init()",
        "import _editable_skbc_demo",
        "import coverage; coverage.process_startup()",
        "import os, sys",
        "import sys; exec('import coverage; coverage.process_startup()')",
    ];
    for line in table {
        let report = pth::analyze(format!("{line}\n").as_bytes());
        assert_eq!(
            report.verdict,
            Verdict::Benign,
            "{line}: {:?}",
            report.all_reasons()
        );
    }
}

#[test]
fn suspicious_lines() {
    let table: &[(&str, &[&str])] = &[
        ("import mystery_module", &["unrecognised_import"]),
        ("import json; json.dumps({})", &["unrecognised_import"]),
        (
            "import sys; sys.path.insert(0, '/opt/odd')",
            &["sys_path_change"],
        ),
        (
            "import os; os.environ['PYTHONWARNINGS'] = 'ignore'",
            &["environment_change"],
        ),
        ("import threading", &["background_execution"]),
        (
            "import os; print(open('/etc/hostname').read())",
            &["file_read"],
        ),
        (
            "import sys; sys.meta_path.append(object())",
            &["import_hook"],
        ),
        (
            "import os; x = [y for y in range(3)]",
            &["unrecognised_code"],
        ),
        ("import os; (", &["unparseable"]),
        ("/tmp/drop", &["unusual_path"]),
    ];
    for (line, codes) in table {
        let report = pth::analyze(format!("{line}\n").as_bytes());
        assert_eq!(
            report.verdict,
            Verdict::Suspicious,
            "{line}: {:?}",
            report.all_reasons()
        );
        assert_verdict(&report, Verdict::Suspicious, codes);
    }
}

#[test]
fn critical_lines() {
    let table: &[(&str, &[&str])] = &[
        ("import os; os.system('true')", &["process_spawn"]),
        (
            "import subprocess; subprocess.Popen(['true'])",
            &["process_spawn"],
        ),
        (
            "import os; os.execv('/bin/true', ['true'])",
            &["process_spawn"],
        ),
        ("import pty", &["process_spawn"]),
        (
            "import socket; socket.create_connection(('127.0.0.1', 9))",
            &["network"],
        ),
        (
            "import urllib.request as r; r.urlopen('http://127.0.0.1:9/')",
            &["network"],
        ),
        ("import http.client", &["network"]),
        (
            "import base64; exec(base64.b64decode('cHJpbnQoMSk='))",
            &["data_decoding", "dynamic_code_execution"],
        ),
        ("import zlib, marshal", &["data_decoding"]),
        (
            "import codecs; codecs.decode('cevag', 'rot13')",
            &["data_decoding"],
        ),
        (
            "import os; exec(os.environ.get('X', ''))",
            &["dynamic_code_execution"],
        ),
        (
            "import os; eval(compile('1', 'f', 'eval'))",
            &["dynamic_code_execution"],
        ),
        (
            "import os; open('/tmp/marker', 'w').write('x')",
            &["file_write"],
        ),
        ("import os; open('/tmp/marker', mode='a')", &["file_write"]),
        (
            "import pathlib; pathlib.Path('/tmp/m').write_text('x')",
            &["file_write"],
        ),
        ("import shutil", &["file_write"]),
        ("import os; os.remove('/tmp/marker')", &["file_write"]),
        ("import sitecustomize", &["startup_hook_reference"]),
        (
            "import os; x = 'usercustomize'",
            &["startup_hook_reference"],
        ),
        (
            "import os; __import__('o' + 's').system('true')",
            &["string_obfuscation"],
        ),
        ("import os; __import__(name)", &["dynamic_import"]),
        (
            "import importlib; importlib.import_module('os')",
            &["dynamic_import"],
        ),
        (
            "import runpy; runpy.run_path('/tmp/x.py')",
            &["dynamic_import"],
        ),
        (
            "import os; getattr(os, 'system')('true')",
            &["dynamic_lookup"],
        ),
        ("import os; globals()['__builtins__']", &["dynamic_lookup"]),
        ("import os; vars(os)['system']('true')", &["dynamic_lookup"]),
        ("import os; __builtins__.exec('1')", &["dynamic_lookup"]),
        (
            "import sys; sys.modules['os'].system('true')",
            &["dynamic_lookup"],
        ),
        (
            "import os; f = chr(111) + chr(115)",
            &["char_code_building"],
        ),
        ("import os; m = 'so'[::-1]", &["string_obfuscation"]),
        (
            "import os; m = ''.join(['o', 's'])",
            &["string_obfuscation"],
        ),
        ("import os; bytes.fromhex('6f73')", &["data_decoding"]),
        ("import ctypes", &["native_code"]),
        (
            "import os; open(os.path.expanduser('~/.ssh/id_rsa')).read()",
            &["credential_access"],
        ),
        ("import os as o; o.system('true')", &["process_spawn"]),
        (
            "import os; from os import system as s; s('true')",
            &["process_spawn"],
        ),
        (
            "import sys; from os import *; system('true')",
            &["process_spawn"],
        ),
        ("import os; f = os.system", &["process_spawn"]),
        ("import os; e = exec; e('1')", &["dynamic_code_execution"]),
        ("import os; exec('import subprocess')", &["process_spawn"]),
        ("import os; exec(\"exec('import socket')\")", &["network"]),
        (
            "import os; f'{__import__(\"os\").system(\"true\")}'",
            &["process_spawn"],
        ),
        (
            "import os; \u{1d41e}\u{1d431}\u{1d41e}\u{1d41c}(x)",
            &["dynamic_code_execution", "string_obfuscation"],
        ),
        (
            "import _virtualenv; import os; os.system('true')",
            &["process_spawn"],
        ),
    ];
    for (line, codes) in table {
        let report = pth::analyze(format!("{line}\n").as_bytes());
        assert_eq!(report.verdict, Verdict::Critical, "{line}");
        assert_verdict(&report, Verdict::Critical, codes);
    }
}

#[test]
fn json_has_the_documented_shape() {
    let report = pth::analyze(b"/a/b\nimport os; os.system('true')\n");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["verdict"], "critical");
    assert_eq!(json["sha256"].as_str().unwrap().len(), 64);
    let lines = json["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["role"], "executed");
    assert_eq!(lines[1]["versions"][0], "3.8");
    assert_eq!(lines[1]["reasons"][0]["code"], "process_spawn");
}
