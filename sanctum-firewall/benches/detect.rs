//! Detector throughput and latency (divan): mixed source/log text with planted fake
//! secrets, dense non-ASCII prose, a 10 KB hook-like JSON payload, and detector build time.
//!
//! Run: `cargo bench -p sanctum-firewall --bench detect`.
//! Targets (issue 3): ≥ 500 MB/s mixed, ≥ 100 MB/s non-ASCII, build < 20 ms, 10 KB < 50 µs.

use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use sanctum_firewall::secrets::{Detector, sample::Sampler, samples};

fn main() {
    divan::main();
}

const SOURCE_LINES: &[&str] = &[
    "    let result = self.client.get(&url).send().await?;\n",
    "fn handle_request(req: Request<Body>) -> Result<Response<Body>, Error> {\n",
    "    if (token.kind === TokenKind.Identifier && !skipNext) { return parseExpression(token); }\n",
    "import os, sys\nfrom typing import Optional, Dict\n",
    "  const skipWhitespace = (s) => s.replace(/\\s+/g, ' ').trim(); // keys handled elsewhere\n",
    "    assert_eq!(parse(\"https://docs.rs/regex\"), Some(Url::new()));\n",
    "        for (key, value) in config.entries() { map.insert(key.clone(), value.to_string()); }\n",
    "#[derive(Debug, Clone, PartialEq)]\npub struct Session { id: u64, user: String, expires_at: u64 }\n",
    "    password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n",
    "  \"dependencies\": { \"react\": \"^18.2.0\", \"typescript\": \"~5.4.2\" },\n",
    "SELECT id, name, created_at FROM users WHERE org_id = $1 ORDER BY created_at DESC LIMIT 50;\n",
    "    logger.info(\"cache miss for %s after %d ms\", key, elapsed_ms)\n",
    "func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n",
    "\tif err := json.NewDecoder(r.Body).Decode(&payload); err != nil {\n",
    "\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n",
    "export default function App({ children }: { children: React.ReactNode }) {\n",
    "  const [items, setItems] = useState<Item[]>([]);\n",
    "  useEffect(() => { fetchItems().then(setItems).catch(console.error); }, []);\n",
    "class OrderService:\n    def __init__(self, repository, clock):\n        self.repository = repository\n",
    "        return [order for order in orders if order.status == OrderStatus.PENDING]\n",
    "    #[test]\n    fn parses_empty_input() {\n        assert!(parse(\"\").is_err());\n    }\n",
    "match value {\n    Some(v) if v > threshold => Action::Alert,\n    _ => Action::Ignore,\n}\n",
    "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
    "      - run: cargo test --workspace --all-features\n",
    "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n",
    "set -euo pipefail\nfor f in \"$@\"; do\n  gzip -9 \"$f\"\ndone\n",
    "## Installation\n\nRun the installer, then restart your shell so the new PATH takes effect.\n",
    "The scheduler retries failed jobs with exponential backoff, capped at five minutes.\n",
    "    <div className=\"flex items-center gap-2 text-sm text-gray-500\">{label}</div>\n",
    "  margin: 0 auto;\n  max-width: 72rem;\n  padding: 1.5rem 2rem;\n",
    "public static List<String> splitLines(String input) { return Arrays.asList(input.split(\"\\n\")); }\n",
    "    let auth_header = request.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());\n",
    "        self.tokens.push(Token::new(TokenKind::Number, start, self.pos));\n",
    "    api_key: Optional[str] = None\n",
    "    timeout_secs = int(os.environ.get(\"TIMEOUT_SECS\", \"30\"))\n",
    "const user = await db.user.findUnique({ where: { email }, include: { posts: true } });\n",
    "  resources:\n    limits:\n      cpu: 500m\n      memory: 256Mi\n",
    "\"@babel/core@7.24.0\":\n  version \"7.24.0\"\n  resolved \"https://registry.invalid/@babel/core/-/core-7.24.0.tgz\"\n",
    "checksum = \"3f2a9c1e8b7d4c2a9f1e2b3c4d5e6f708192939495969798999a9b9c9d9e9f00\"\n",
];

const LOG_LINES: &[&str] = &[
    "2024-05-01T12:00:03.123Z INFO request_id=3f2a9c1e-8b7d-4c2a-9f1e-2b3c4d5e6f70 path=/api/v1/users status=200 dur=12ms\n",
    "Mar 12 10:22:01 host sshd[1234]: Accepted publickey for deploy from 10.0.0.5 port 5522 ssh2\n",
    "commit 3f2a9c1e8b7d4c2a9f1e2b3c4d5e6f7081929394\nAuthor: Dev <dev@example.invalid>\n",
    "[2024-05-01 12:00:04] WARN  worker-3 retrying job=sync-invoices attempt=2 backoff=400ms\n",
    "GET /static/app.3f2a9c1e.js HTTP/1.1\" 200 48211 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n",
    "{\"level\":\"info\",\"ts\":1714564803.123,\"msg\":\"connected\",\"peer\":\"10.0.0.7:5432\",\"pool\":4}\n",
    "E0501 12:00:05.441   1 reflector.go:138] failed to list *v1.Pod: context deadline exceeded\n",
    "   Compiling serde_json v1.0.117\n   Compiling tokio v1.37.0\n",
    "test result: ok. 128 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.42s\n",
    "kernel: [12345.678901] eth0: link up, 1000 Mbps, full duplex, flow control rx/tx\n",
];

/// ~`size` bytes of mixed source code and logs, with one planted fake secret every ~16 KB.
fn mixed(size: usize) -> Vec<u8> {
    let mut s = Sampler::new(42);
    let planted = samples(7);
    let mut out = Vec::with_capacity(size + 1024);
    let mut next_plant = 16 * 1024;
    let mut i = 0usize;
    while out.len() < size {
        let line = if s.below(3) == 0 {
            LOG_LINES[s.below(LOG_LINES.len())]
        } else {
            SOURCE_LINES[s.below(SOURCE_LINES.len())]
        };
        out.extend_from_slice(line.as_bytes());
        if out.len() >= next_plant {
            let (_, sample, _) = &planted[i % planted.len()];
            out.extend_from_slice(b"    config = ");
            out.extend_from_slice(sample.text.as_bytes());
            out.push(b'\n');
            i += 1;
            next_plant += 16 * 1024;
        }
    }
    out
}

/// ~`size` bytes of Chinese and Russian prose (no ASCII words).
fn non_ascii(size: usize) -> Vec<u8> {
    let phrases = [
        "这是一个用于测试的文本，包含中文字符和标点符号。",
        "系统在处理请求时记录了详细的日志信息，",
        "Это тестовый текст на русском языке, ",
        "который содержит кириллицу и знаки препинания. ",
        "数据库连接已经建立，用户可以开始工作。",
    ];
    let mut s = Sampler::new(9);
    let mut out = Vec::with_capacity(size + 256);
    while out.len() < size {
        out.extend_from_slice(phrases[s.below(phrases.len())].as_bytes());
        if s.below(8) == 0 {
            out.push(b'\n');
        }
    }
    out
}

/// A 10 KB JSON payload shaped like an assistant's pre-tool hook call.
fn hook_payload() -> Vec<u8> {
    let mut body = String::new();
    let mut s = Sampler::new(3);
    while body.len() < 9 * 1024 {
        body.push_str(SOURCE_LINES[s.below(SOURCE_LINES.len())].trim_end());
        body.push_str("\\n");
    }
    format!(
        "{{\"session_id\":\"3f2a9c1e-8b7d-4c2a-9f1e-2b3c4d5e6f70\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Write\",\"cwd\":\"/home/dev/project\",\"tool_input\":{{\"file_path\":\"/home/dev/project/src/main.rs\",\"content\":\"{body}\"}}}}"
    )
    .into_bytes()
}

fn corpus(which: &'static str) -> &'static [u8] {
    static MIXED: OnceLock<Vec<u8>> = OnceLock::new();
    static NON_ASCII: OnceLock<Vec<u8>> = OnceLock::new();
    static HOOK: OnceLock<Vec<u8>> = OnceLock::new();
    match which {
        "mixed" => MIXED.get_or_init(|| mixed(4 << 20)),
        "non_ascii" => NON_ASCII.get_or_init(|| non_ascii(4 << 20)),
        _ => HOOK.get_or_init(hook_payload),
    }
}

fn scan_bench(bencher: Bencher, which: &'static str) {
    let Ok(detector) = Detector::shared() else {
        return;
    };
    let input = corpus(which);
    bencher
        .counter(BytesCount::new(input.len()))
        .bench(|| detector.scan(divan::black_box(input)));
}

#[divan::bench]
fn scan_mixed_source_and_logs(bencher: Bencher) {
    scan_bench(bencher, "mixed");
}

#[divan::bench]
fn scan_dense_non_ascii(bencher: Bencher) {
    scan_bench(bencher, "non_ascii");
}

#[divan::bench]
fn scan_10kb_hook_payload(bencher: Bencher) {
    scan_bench(bencher, "hook");
}

#[divan::bench]
fn redact_mixed_source_and_logs(bencher: Bencher) {
    let Ok(detector) = Detector::shared() else {
        return;
    };
    let input = corpus("mixed");
    bencher
        .counter(BytesCount::new(input.len()))
        .bench(|| detector.redact_bytes(divan::black_box(input)));
}

#[divan::bench]
fn stream_redact_mixed_4k_chunks(bencher: Bencher) {
    let Ok(detector) = Detector::shared() else {
        return;
    };
    let input = corpus("mixed");
    bencher.counter(BytesCount::new(input.len())).bench(|| {
        let mut stream = detector.stream();
        let mut total = 0;
        for chunk in input.chunks(4096) {
            total += stream.push(chunk).len();
        }
        total + stream.finish().len()
    });
}

#[divan::bench(sample_count = 20)]
fn build_detector() -> Option<Detector> {
    Detector::new().ok()
}
