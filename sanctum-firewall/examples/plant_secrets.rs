//! Plants fake credentials into a copy of real text files, for comparing scanners on the same
//! corpus (`scripts/bench/scan-vs-peers.sh`).
//!
//! Usage: `plant_secrets DIR EVERY SEED`: appends one generated fake credential (cycling
//! through every kind the detector knows) to every EVERY-th file under DIR, in sorted path
//! order, and prints one line per planted secret: `path<TAB>line<TAB>kind`. Every value comes
//! from the detector's own fake-sample generators, so it is visibly fake.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sanctum_firewall::secrets::samples;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(every), Some(seed)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
        args.get(3).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: plant_secrets DIR EVERY SEED");
        return ExitCode::from(2);
    };
    match plant(Path::new(dir), every.max(1), seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("plant_secrets: {error}");
            ExitCode::FAILURE
        }
    }
}

fn plant(dir: &Path, every: usize, seed: u64) -> std::io::Result<()> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut out = std::io::stdout().lock();
    let mut round = 0u64;
    let mut pool = Vec::new();
    for path in files.iter().step_by(every) {
        if pool.is_empty() {
            pool = samples(seed.wrapping_add(round));
            pool.reverse();
            round += 1;
        }
        let Some((kind, sample, _)) = pool.pop() else {
            continue;
        };
        let mut text = std::fs::read(path)?;
        if !text.is_empty() && !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        let before = memchr::memchr_iter(b'\n', &text).count();
        let offset = sample.text.find(&sample.secret).unwrap_or(0);
        let line = before + 1 + sample.text[..offset].matches('\n').count();
        text.extend_from_slice(sample.text.as_bytes());
        text.push(b'\n');
        std::fs::write(path, &text)?;
        let shown = path.strip_prefix(dir).unwrap_or(path);
        writeln!(out, "{}\t{line}\t{kind}", shown.display())?;
    }
    Ok(())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&entry.path(), files)?;
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
    Ok(())
}
