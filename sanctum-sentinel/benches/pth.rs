//! How long judging a `.pth` file takes: a typical legitimate one and a 64 KiB malicious one.
//!
//! Run with `cargo bench -p sanctum-sentinel --bench pth`.

use sanctum_sentinel::pth;

fn main() {
    divan::main();
}

/// setuptools' distutils-precedence line plus an editable path line: what most venvs hold.
const TYPICAL: &[u8] = b"import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == 'local'; enabled and __import__('_distutils_hack').add_shim(); \n/home/dev/src/project/src\n";

/// The namespace-package loader line, the longest legitimate executed line.
const NSPKG: &[u8] = include_bytes!("../tests/fixtures/pth/protobuf-3.20.3-nspkg.pth");

fn malicious_64k() -> Vec<u8> {
    let blob = "QUFB".repeat(16 * 1024 - 16);
    format!("import base64;exec(base64.b64decode('{blob}'))\n").into_bytes()
}

#[divan::bench]
fn typical(bencher: divan::Bencher) {
    bencher.bench(|| pth::analyze(divan::black_box(TYPICAL)));
}

#[divan::bench]
fn nspkg(bencher: divan::Bencher) {
    bencher.bench(|| pth::analyze(divan::black_box(NSPKG)));
}

#[divan::bench]
fn malicious_64_kib(bencher: divan::Bencher) {
    let content = malicious_64k();
    bencher.bench(|| pth::analyze(divan::black_box(&content)));
}

#[divan::bench]
fn coverage_exec_literal(bencher: divan::Bencher) {
    let content = include_bytes!("../tests/fixtures/pth/a1_coverage.pth");
    bencher.bench(|| pth::analyze(divan::black_box(content)));
}
