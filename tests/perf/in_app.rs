//! In-app figures on the real, built app under tauri-driver + WebKitWebDriver (Xvfb, a keyring
//! session): cold start to an interactive sign-in screen, resident memory with a generated
//! clinic open, and patient-search keystroke → results painted. Run with `make bench-app`
//! (it generates the clinic with the CLI first; ACUCHART_BENCH_SCALE, default 10).
//!
//! Not a test: it prints figures for docs/PERFORMANCE.md and asserts nothing about speed.

#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::time::Instant;

use harness::{cli, App, Res};

const PASSWORD: &str = "bench-password-2026";
const LAUNCHES: usize = 5;

/// Resident (RSS) and proportional (PSS: shared pages divided among their users) memory of
/// one process, in MiB.
fn memory_of(pid: u32) -> (f64, f64) {
    let read = |file: &str, name: &str| -> f64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (read("status", "VmRSS:"), read("smaps_rollup", "Pss:"))
}

/// A process and all its descendants (the WebKit web and network processes).
fn process_tree(root: u32) -> Res<Vec<u32>> {
    let mut pids = vec![root];
    let mut i = 0;
    while i < pids.len() {
        let parent = pids[i];
        for entry in std::fs::read_dir("/proc")?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent pid is the second field after the parenthesised command name.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && !pids.contains(&pid) {
                pids.push(pid);
            }
        }
        i += 1;
    }
    Ok(pids)
}

fn app_pid() -> Res<u32> {
    let exe = env!("CARGO_BIN_EXE_acuchart");
    let out = std::process::Command::new("pgrep")
        .args(["-xf", exe])
        .output()?;
    String::from_utf8(out.stdout)?
        .lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| format!("no running {exe}").into())
}

fn percentile(samples: &mut [f64], q: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[((samples.len() as f64 - 1.0) * q).round() as usize]
}

/// Types `query` into the patient search as one input event and waits for the list to answer
/// it and the frame after that to be painted; returns milliseconds, measured in the page.
const KEYSTROKE_JS: &str = "
const [query, done] = arguments;
const input = document.querySelector('[data-testid=\"patient-search\"]');
const list = document.querySelector('[data-results-for]');
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
const painted = (t0) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => done(performance.now() - t0);
  channel.port2.postMessage(null);
});
const t0 = performance.now();
if (input.value === query && list.getAttribute('data-results-for') === query) { done(0); return; }
const observer = new MutationObserver(() => {
  if (list.getAttribute('data-results-for') === query) { observer.disconnect(); window.__commitMs = performance.now() - t0; painted(t0); }
});
observer.observe(list, { attributes: true, attributeFilter: ['data-results-for'] });
setValue.call(input, query);
input.dispatchEvent(new Event('input', { bubbles: true }));
";

const IPC_JS: &str = "
const [text, done] = arguments;
const t0 = performance.now();
window.__TAURI_INTERNALS__
  .invoke('search_patients', { query: { text, include_archived: false, limit: 50 } })
  .then(() => done(performance.now() - t0), () => done(-1));
";

async fn sign_in(app: &App) -> Res<()> {
    app.fill("login-username", "owner").await?;
    app.fill("login-password", PASSWORD).await?;
    app.click("login-submit").await?;
    app.el("patient-search").await?;
    Ok(())
}

#[tokio::main]
async fn main() -> Res<()> {
    let scale = std::env::var("ACUCHART_BENCH_SCALE").unwrap_or_else(|_| "10".into());
    let data = tempfile::tempdir()?;
    let started = Instant::now();
    cli(
        data.path(),
        PASSWORD,
        &[
            "init",
            "--clinic-name",
            "Bench Clinic",
            "--time-zone",
            "Europe/London",
            "--admin-username",
            "owner",
            "--admin-name",
            "Bench Owner",
        ],
    )?;
    cli(data.path(), PASSWORD, &["demo", "--scale", &scale])?;
    let db = data.path().join("acuchart.db");
    println!(
        "scale {scale}: demo clinic generated in {:.1} s; database {:.0} MiB",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&db)?.len() as f64 / 1_048_576.0
    );

    // Cold start: from asking tauri-driver for a session (which starts the app) to the sign-in
    // screen showing the clinic's name, database opened. Includes the driver's own start-up.
    let mut starts = Vec::new();
    for _ in 0..LAUNCHES {
        let t0 = Instant::now();
        let app = App::launch(data.path()).await?;
        app.wait_for_text("Bench Clinic").await?;
        app.el("login-username").await?;
        starts.push(t0.elapsed().as_secs_f64() * 1e3);
        app.quit().await?;
    }
    let mut s = starts.clone();
    println!(
        "cold start to interactive sign-in: p50 {:.0} ms, max {:.0} ms ({LAUNCHES} launches: {starts:.0?})",
        percentile(&mut s, 0.5),
        percentile(&mut s, 1.0)
    );

    let app = App::launch(data.path()).await?;
    sign_in(&app).await?;
    let queries: Vec<String> = [
        "sm", "smi", "smith", "gar", "garc", "li", "wan", "ngu", "ol", "mar",
    ]
    .iter()
    .flat_map(|q| [q.to_string(), format!("{q} ")])
    .collect();
    let mut paint = Vec::new();
    let mut commit = Vec::new();
    for round in 0..5 {
        for q in &queries {
            // Clear first so that each measured query is a change the list must answer.
            app.client
                .execute_async(KEYSTROKE_JS, vec![serde_json::json!("")])
                .await?;
            let ms = app
                .client
                .execute_async(KEYSTROKE_JS, vec![serde_json::json!(q.trim_end())])
                .await?
                .as_f64()
                .ok_or("no timing")?;
            if round > 0 {
                paint.push(ms);
                let committed = app
                    .client
                    .execute("return window.__commitMs;", vec![])
                    .await?;
                commit.push(committed.as_f64().ok_or("no commit timing")?);
            }
        }
    }
    println!(
        "patient search keystroke → results painted: p50 {:.1} ms, p99 {:.1} ms (n={})",
        percentile(&mut paint, 0.5),
        percentile(&mut paint, 0.99),
        paint.len()
    );
    println!(
        "  of which until the new list is in the DOM (React render + commit): p50 {:.1} ms, p99 {:.1} ms",
        percentile(&mut commit, 0.5),
        percentile(&mut commit, 0.99)
    );
    // Where that time goes: the same searches as a bare IPC call from the page (core + IPC +
    // JSON), without React or painting.
    let mut ipc = Vec::new();
    for q in queries.iter().cycle().take(queries.len() * 4) {
        let ms = app
            .client
            .execute_async(IPC_JS, vec![serde_json::json!(q.trim_end())])
            .await?
            .as_f64()
            .ok_or("no timing")?;
        ipc.push(ms);
    }
    println!(
        "  of which the search IPC round trip (core + IPC + JSON): p50 {:.1} ms, p99 {:.1} ms",
        percentile(&mut ipc, 0.5),
        percentile(&mut ipc, 0.99)
    );
    // Memory once the clinic has been used: the calendar and a chart opened too, if present.
    for section in ["nav-today", "nav-patients"] {
        if !app.all(section).await?.is_empty() {
            app.click(section).await?;
        }
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let pid = app_pid()?;
    let tree = process_tree(pid)?;
    let (rss, pss) = tree
        .iter()
        .map(|p| memory_of(*p))
        .fold((0.0, 0.0), |a, m| (a.0 + m.0, a.1 + m.1));
    let (app_rss, app_pss) = memory_of(pid);
    println!(
        "memory with the scale-{scale} clinic open: RSS {rss:.0} MiB, PSS {pss:.0} MiB over {} processes (app + WebKit); the app process itself RSS {app_rss:.0} MiB, PSS {app_pss:.0} MiB",
        tree.len()
    );
    app.quit().await?;
    Ok(())
}
