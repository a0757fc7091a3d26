//! `mechcert report` in a real browser: headless Chromium, driven over WebDriver by
//! chromedriver (Debian packages `chromium`, `chromium-driver`), opens the page written for a
//! few instances of `proofs/`, and the test reads the DOM: every claim id of `mechcert
//! claims` has its section and summary row, the verdict counts shown equal those of
//! `mechcert certify --all --json` on the same directory, nothing is fetched and nothing is
//! logged to the console; then it takes a screenshot (written to
//! `$MECHCERT_REPORT_SCREENSHOT`, default `CARGO_TARGET_TMPDIR/report-screenshot.png`).
//! When no browser or driver is installed the test prints why it is skipped and passes.
//!
//! The WebDriver client is a few lines of HTTP/1.1 over `std::net` (no dependency).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_mechcert");

/// The instances the page is written for: a printed claim that fails (Theorem 4), a family
/// with two buyers (Example 2), several buyers (Example 1) and a one-buyer worked example
/// with a second best (Section 8).
const FILES: &[&str] = &[
    "theorem-4-counterexample-seed1.toml",
    "example-2-family-two-buyers.toml",
    "example-1.toml",
    "section-8-two-by-two.toml",
];

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// One HTTP/1.1 request to chromedriver; the JSON body of the answer (read by its
/// Content-Length: chromedriver keeps the connection open).
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let mut data = vec![];
    let mut buf = [0u8; 65536];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| format!("no content-length in {head}"))?;
            if data.len() >= end + 4 + len {
                let body = &data[end + 4..end + 4 + len];
                return serde_json::from_slice(body)
                    .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(body)));
            }
        }
        let n = s.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed: {}",
                String::from_utf8_lossy(&data)
            ));
        }
        data.extend_from_slice(&buf[..n]);
    }
}

/// chromedriver, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser session, deleted (the browser closed) when dropped, before the driver ends.
struct Session {
    port: u16,
    id: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

fn start_driver(driver: &Path) -> Result<Driver, String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let d = Driver { child, port };
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(v) = http(port, "GET", "/status", None)
            && v["value"]["ready"] == json!(true)
        {
            return Ok(d);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err("chromedriver did not become ready in 20 s".into())
}

/// Standard base64 (the screenshot), without a dependency.
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = s.bytes().filter_map(val).collect();
    let mut out = vec![];
    for chunk in digits.chunks(4) {
        let mut n: u32 = 0;
        for (k, d) in chunk.iter().enumerate() {
            n |= u32::from(*d) << (18 - 6 * k);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

fn run(args: &[&str]) -> std::process::Output {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "mechcert {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_report_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    let _ = std::fs::remove_dir_all(&work);
    let dir = work.join("instances");
    std::fs::create_dir_all(&dir).unwrap();
    for f in FILES {
        std::fs::copy(root.join("proofs").join(f), dir.join(f)).unwrap();
    }
    let page = work.join("report.html");
    let dir_s = dir.to_str().unwrap();
    run(&[
        "report",
        dir_s,
        "--html",
        page.to_str().unwrap(),
        "--uniform-up-to",
        "6",
        "--buyers-up-to",
        "8",
    ]);
    // the counts, independently of the page: certify --all's own JSON
    let certs = work.join("certificates");
    let all = run(&[
        "certify",
        "--all",
        dir_s,
        "--out",
        certs.to_str().unwrap(),
        "--json",
    ]);
    let all: Value = serde_json::from_slice(&all.stdout).unwrap();
    let mut expected: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    for r in all["results"].as_array().unwrap() {
        let e = expected
            .entry(r["claim"].as_str().unwrap().to_string())
            .or_default();
        match r["verdict"].as_str().unwrap() {
            "holds" => e[0] += 1,
            "fails" => e[1] += 1,
            _ => e[2] += 1,
        }
    }
    let claims = run(&["claims", "--json"]);
    let claims: Value = serde_json::from_slice(&claims.stdout).unwrap();
    let ids: Vec<String> = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids.len(),
        expected.len(),
        "every claim has a verdict per instance"
    );

    let (Some(driver), Some(chromium)) = (
        find_program(&["chromedriver"]),
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
    ) else {
        eprintln!(
            "SKIPPED the_report_in_headless_chromium: no chromedriver or chromium on PATH \
             (install the Debian packages `chromium` and `chromium-driver`); the page was \
             written to {} but not opened in a browser",
            page.display()
        );
        return;
    };
    let d = start_driver(&driver).expect("chromedriver starts");
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium.to_str().unwrap(),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1600"]
        },
        "goog:loggingPrefs": {"browser": "ALL"}
    }}});
    let s = http(d.port, "POST", "/session", Some(&caps)).unwrap();
    let sid = s["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {s}"))
        .to_string();
    // the browser is closed when the test ends, also when an assertion fails
    let _session = Session {
        port: d.port,
        id: sid.clone(),
    };
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let nav = http(
        d.port,
        "POST",
        &format!("/session/{sid}/url"),
        Some(&json!({"url": url})),
    )
    .unwrap();
    assert_eq!(nav["value"], Value::Null, "navigation: {nav}");
    let script = r#"
        const rows = {};
        for (const tr of document.querySelectorAll('#summary-table tbody tr')) {
            const td = tr.querySelectorAll('td');
            rows[tr.dataset.claim] = [td[2].innerText, td[3].innerText, td[4].innerText].map(Number);
        }
        const sections = Array.from(document.querySelectorAll('article.claim')).map(a => a.id);
        const total = Array.from(document.querySelectorAll('#summary-total td')).map(t => Number(t.innerText));
        return {
            title: document.title,
            rows: rows,
            sections: sections,
            total: total,
            svgs: document.querySelectorAll('svg').length,
            scripts: document.querySelectorAll('script').length,
            external: document.querySelectorAll('link[href], img[src], iframe, object, embed').length,
            resources: performance.getEntriesByType('resource').length,
            findings: Array.from(document.querySelectorAll('#findings-table tr[data-finding]')).map(t => t.dataset.finding),
            heading: document.querySelector('h1').innerText,
            width: document.documentElement.scrollWidth
        };
    "#;
    let dom = http(
        d.port,
        "POST",
        &format!("/session/{sid}/execute/sync"),
        Some(&json!({"script": script, "args": []})),
    )
    .unwrap();
    let dom = &dom["value"];
    assert_eq!(dom["heading"], "mechcert report", "{dom}");
    for id in &ids {
        let want = expected[id];
        let got: Vec<u64> = dom["rows"][id]
            .as_array()
            .unwrap_or_else(|| panic!("no summary row for {id}: {dom}"))
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(got, want, "summary counts of {id}");
        assert!(
            dom["sections"]
                .as_array()
                .unwrap()
                .contains(&json!(format!("claim-{id}"))),
            "no section for {id}"
        );
    }
    let totals: Vec<u64> = ["holds", "fails", "not_applicable"]
        .iter()
        .map(|k| all[*k].as_u64().unwrap())
        .collect();
    let shown: Vec<u64> = dom["total"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(shown, totals, "total row");
    // README, Findings: theorem-4 fails on its counterexample, and example-3's printed Π(x*)
    // holds only when S_1 = 0, so it fails on Section 8's B = (2, 5), S = (1, 3); nothing else
    // fails on these four instances
    assert_eq!(dom["findings"], json!(["example-3", "theorem-4"]), "{dom}");
    // self-contained: no script, no external resource, nothing fetched
    assert_eq!(dom["scripts"], 0);
    assert_eq!(dom["external"], 0);
    assert_eq!(dom["resources"], 0);
    // a family plot, 3 Π_I plots, one heat map (section 8 and theorem 4 are one-buyer: 2), W_n
    assert!(dom["svgs"].as_u64().unwrap() >= 6, "{dom}");
    // no console output at all (errors or warnings)
    let log = http(
        d.port,
        "POST",
        &format!("/session/{sid}/se/log"),
        Some(&json!({"type": "browser"})),
    )
    .unwrap();
    let entries = log["value"].as_array().cloned().unwrap_or_default();
    assert!(
        log["value"].is_array(),
        "the browser log could not be read: {log}"
    );
    let severe: Vec<&Value> = entries
        .iter()
        .filter(|e| e["level"] == "SEVERE" || e["level"] == "WARNING")
        .collect();
    assert!(severe.is_empty(), "console: {severe:?}");
    let dest = std::env::var_os("MECHCERT_REPORT_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| work.join("report-screenshot.png"));
    // the top of the page, then scrolled to a claim that fails, a family's picture, a heat
    // map and the uniform case (DEST-PART.png)
    for (part, target) in [
        ("", None),
        ("claim", Some("claim-theorem-4")),
        ("family", Some("instance-example-2-family-two-buyers")),
        ("heat-map", Some("instance-section-8-two-by-two")),
        ("uniform", Some("uniform")),
    ] {
        if let Some(t) = target {
            let r = http(
                d.port,
                "POST",
                &format!("/session/{sid}/execute/sync"),
                Some(&json!({"script": "const e = document.getElementById(arguments[0]); e.scrollIntoView(); return e.id;", "args": [t]})),
            )
            .unwrap();
            assert_eq!(r["value"], json!(t), "{r}");
        }
        let shot = http(d.port, "GET", &format!("/session/{sid}/screenshot"), None).unwrap();
        let png = base64_decode(shot["value"].as_str().expect("a screenshot"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "the screenshot is a PNG");
        let file = if part.is_empty() {
            dest.clone()
        } else {
            dest.with_file_name(format!(
                "{}-{part}.png",
                dest.file_stem().unwrap().to_string_lossy()
            ))
        };
        std::fs::write(&file, &png).unwrap();
        eprintln!("screenshot: {}", file.display());
    }
}

#[test]
fn base64_decodes() {
    // "Man" is "TWFu"; "Ma" is "TWE="; "M" is "TQ==" (RFC 4648's examples)
    assert_eq!(base64_decode("TWFu"), b"Man");
    assert_eq!(base64_decode("TWE="), b"Ma");
    assert_eq!(base64_decode("TQ=="), b"M");
}
