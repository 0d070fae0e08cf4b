//! Inert malicious samples written for these tests: only loopback addresses and marker
//! paths under a temp dir. None of them is ever executed.

use sanctum_sentinel::{Verdict, pth};

use crate::assert_verdict;

/// (name, content, expected codes)
const SAMPLES: &[(&str, &str, &[&str])] = &[
    (
        "base64-exec",
        // base64 of: open('/tmp/sanctum-marker','w').write('x')
        "import base64;exec(base64.b64decode('b3BlbignL3RtcC9zYW5jdHVtLW1hcmtlcicsJ3cnKS53cml0ZSgneCcp'))\n",
        &["data_decoding", "dynamic_code_execution"],
    ),
    (
        "subprocess-spawn",
        "import subprocess, sys; subprocess.Popen([sys.executable, '-c', 'open(\"/tmp/sanctum-marker\",\"w\")'])\n",
        &["process_spawn"],
    ),
    (
        "urllib-loopback",
        "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/collect', timeout=1)\n",
        &["network"],
    ),
    (
        "getattr-import-obfuscation",
        "import sys; getattr(__import__('o'+'s'), 'sys'+'tem')('touch /tmp/sanctum-marker')\n",
        &["dynamic_lookup", "string_obfuscation"],
    ),
    (
        "chr-building",
        "import sys; __import__(chr(111)+chr(115)).system(chr(116)+chr(114)+chr(117)+chr(101))\n",
        &["char_code_building", "dynamic_import"],
    ),
    (
        "litellm-style",
        "import os, subprocess, sys; subprocess.Popen([sys.executable, '-c', 'import base64; exec(base64.b64decode(\"cHJpbnQoKQ==\"))'], stdout=subprocess.DEVNULL)\n",
        &["process_spawn"],
    ),
    (
        "hidden-after-form-feed",
        "/usr/lib/python3/dist-packages\x0cimport socket;socket.socket().connect(('127.0.0.1',9))\n",
        &["network"],
    ),
    (
        "reversed-module-name",
        "import importlib; importlib.import_module('ssecorpbus'[::-1]).run(['true'])\n",
        &["dynamic_import", "string_obfuscation"],
    ),
];

#[test]
fn every_sample_is_critical_with_its_reasons() {
    for (name, content, codes) in SAMPLES {
        let report = pth::analyze(content.as_bytes());
        assert_eq!(
            report.verdict,
            Verdict::Critical,
            "{name}: {:#?}",
            report.all_reasons()
        );
        assert_verdict(&report, Verdict::Critical, codes);
    }
}

#[test]
fn a_64_kib_payload_line_is_critical_from_tokens() {
    let blob = "QUFB".repeat(16 * 1024);
    let content = format!("import base64;exec(base64.b64decode('{blob}'))\n");
    let report = pth::analyze(content.as_bytes());
    assert_verdict(
        &report,
        Verdict::Critical,
        &["oversized_line", "data_decoding"],
    );
}

#[test]
fn deep_nesting_is_bounded_and_judged() {
    for content in [
        format!("import os; x = {}1{}\n", "[".repeat(3000), "]".repeat(3000)),
        format!("import os; x = {}1\n", "-".repeat(3000)),
        format!("import os; x = 1{}\n", "+1".repeat(3000)),
        format!("import os; exec({}1{})\n", "(".repeat(150), ")".repeat(150)),
    ] {
        let report = pth::analyze(content.as_bytes());
        assert_ne!(report.verdict, Verdict::Benign);
    }
}
