//! Starts the real, built AcuChart under `tauri-driver` (WebKitWebDriver) with a fresh data
//! folder, and drives it through WebDriver. Run under Xvfb and a keyring session
//! (`make test-e2e` does both). Tests must run one at a time: the driver's ports are fixed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// `ACUCHART_E2E_PORT` moves the driver (and WebKitWebDriver to the port after it), so two
/// checkouts can run their suites side by side.
fn driver_port() -> u16 {
    std::env::var("ACUCHART_E2E_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(4444)
}
const WAIT: Duration = Duration::from_secs(20);

/// The longest one test may drive the app. A WebDriver call that never answers (a wedged
/// WebKitWebDriver) would otherwise hang the whole suite until CI's own limit kills it with
/// no word on which step hung; `ACUCHART_E2E_TEST_LIMIT_SECS` changes it.
fn test_limit() -> Duration {
    let secs = std::env::var("ACUCHART_E2E_TEST_LIMIT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    Duration::from_secs(secs)
}

pub struct App {
    pub client: Client,
    driver: Child,
    /// Dropping it (quit, or the test ending early) stops the watchdog.
    _watchdog: std::sync::mpsc::Sender<()>,
}

/// Kills the driver, WebKitWebDriver and the app when the test outlives [`test_limit`]:
/// the pending WebDriver call then fails, and the test with it, naming the step it was on.
fn watchdog(driver_pid: u32) -> std::sync::mpsc::Sender<()> {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let limit = test_limit();
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(limit) {
            eprintln!(
                "end-to-end test still running after {} s: stopping the app and its driver",
                limit.as_secs()
            );
            let mut family = descendants(driver_pid);
            family.push(driver_pid);
            for pid in family {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
            }
        }
    });
    stop
}

fn tauri_driver() -> Res<PathBuf> {
    if let Some(home) = std::env::var_os("HOME") {
        let p = Path::new(&home).join(".cargo/bin/tauri-driver");
        if p.exists() {
            return Ok(p);
        }
    }
    let found = Command::new("sh")
        .args(["-c", "command -v tauri-driver"])
        .output()?;
    if found.status.success() {
        return Ok(PathBuf::from(String::from_utf8(found.stdout)?.trim()));
    }
    Err("tauri-driver is not installed: run scripts/setup.sh (make test does)".into())
}

async fn driver_ready() -> bool {
    listening(driver_port()).await
}

async fn listening(port: u16) -> bool {
    tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_ok()
}

impl App {
    /// Launches the app binary with `data_dir` as its ACUCHART_DATA_DIR.
    pub async fn launch(data_dir: &Path) -> Res<App> {
        Self::launch_with_env(data_dir, &[]).await
    }

    /// As [`App::launch`], with extra environment variables for the app (test hooks).
    pub async fn launch_with_env(data_dir: &Path, env: &[(&str, &Path)]) -> Res<App> {
        if std::env::var_os("DISPLAY").is_none() {
            return Err(
                "no DISPLAY: run the end-to-end tests under xvfb-run (make test-e2e)".into(),
            );
        }
        // The previous test's WebKitWebDriver (a child of its tauri-driver) may take a moment
        // to let go of the native port after that driver has exited.
        for _ in 0..50 {
            if !listening(driver_port()).await && !listening(driver_port() + 1).await {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if driver_ready().await {
            return Err(format!(
                "port {} is taken: a previous tauri-driver is still running",
                driver_port()
            )
            .into());
        }
        let port = driver_port();
        let mut driver = Command::new(tauri_driver()?)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &(port + 1).to_string(),
            ])
            .env("ACUCHART_DATA_DIR", data_dir)
            .env("ACUCHART_EXPORT_DIR", data_dir.join("exports"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        for _ in 0..100 {
            if driver_ready().await {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": env!("CARGO_BIN_EXE_acuchart"), "args": [] }),
        );
        // On a cold machine tauri-driver can accept connections before its WebKitWebDriver
        // answers, and the first session request is dropped (SendRequest): ask again.
        // Already installed by an earlier launch in this process: nothing to do.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut last = String::new();
        let address = format!("http://127.0.0.1:{port}");
        for _ in 0..5 {
            // No early return from here on: the driver is stopped below on every failure.
            let mut builder = match ClientBuilder::rustls() {
                Ok(builder) => builder,
                Err(e) => {
                    last = e.to_string();
                    break;
                }
            };
            builder.capabilities(caps.clone());
            let connecting = builder.connect(&address);
            match tokio::time::timeout(Duration::from_secs(60), connecting).await {
                Err(_) => last = "no answer to the session request within 60 s".into(),
                Ok(Err(e)) => last = e.to_string(),
                Ok(Ok(client)) => {
                    let _watchdog = watchdog(driver.id());
                    return Ok(App {
                        client,
                        driver,
                        _watchdog,
                    });
                }
            }
            tokio::time::sleep(Duration::from_millis(1000)).await;
        }
        terminate(&mut driver);
        Err(format!("could not start the app through tauri-driver: {last}").into())
    }

    /// The app's own processes under the driver: helpers it started (the accessibility bus)
    /// may outlive it and are left out.
    fn app_processes(&self) -> Res<Vec<u32>> {
        let app_binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_acuchart"))?;
        Ok(descendants(self.driver.id())
            .into_iter()
            .filter(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app_binary)
            })
            .collect())
    }

    /// Sends SIGTERM to the app (as a logout or shutdown does) and waits for it to exit; the
    /// WebDriver session ends with it, so the `App` is only dropped afterwards.
    pub async fn terminate_app(self) -> TestResult {
        let family = self.app_processes()?;
        if family.is_empty() {
            return Err("the app's process was not found".into());
        }
        for pid in &family {
            Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()?;
        }
        for _ in 0..100 {
            if family.iter().all(|pid| !alive(*pid)) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("the app did not exit within 10 s of SIGTERM".into())
    }

    /// Ends the WebDriver session (closing the app), then stops the driver.
    pub async fn quit(mut self) -> TestResult {
        let family = self.app_processes()?;
        let closed = self.client.clone().close().await;
        terminate(&mut self.driver);
        // Until the app has exited it holds its data folder's single-instance name, and a
        // relaunch on the same folder would hand over to it and exit at once.
        for _ in 0..100 {
            if family.iter().all(|pid| !alive(*pid)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // An app that ignored the close would make the next launch hand over to it and exit,
        // leaving that launch's session request unanswered.
        for pid in family.iter().filter(|pid| alive(**pid)) {
            eprintln!("the app (pid {pid}) did not exit within 10 s of closing: killing it");
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        closed?;
        Ok(())
    }

    fn locator(test_id: &str) -> String {
        format!("[data-testid=\"{test_id}\"]")
    }

    /// Waits for the element with `data-testid`.
    pub async fn el(&self, test_id: &str) -> Res<Element> {
        let css = Self::locator(test_id);
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&css))
            .await
            .map_err(|e| format!("{test_id} did not appear: {e}").into())
    }

    pub async fn all(&self, test_id: &str) -> Res<Vec<Element>> {
        Ok(self
            .client
            .find_all(Locator::Css(&Self::locator(test_id)))
            .await?)
    }

    /// Replaces the field's text by typing, as a person would, and checks it took.
    ///
    /// A controlled field can put its previous value back after WebDriver's clear (the
    /// clear raises no input event), so the typed text would land after the old value:
    /// the field is emptied with Ctrl+A, Backspace when clear did not stick, and the
    /// whole fill is retried until the field holds `text` (formatting may add to its end).
    pub async fn fill(&self, test_id: &str, text: &str) -> TestResult {
        // Enter or Return typed into a text area arrives there as a line break.
        let expected: String = text
            .chars()
            .map(|c| {
                if c == char::from(Key::Enter) || c == char::from(Key::Return) {
                    '\n'
                } else {
                    c
                }
            })
            .collect();
        let mut seen = String::new();
        for _ in 0..5 {
            let el = self.el(test_id).await?;
            el.clear()
                .await
                .map_err(|e| format!("clearing {test_id}: {e}"))?;
            if !el.prop("value").await?.unwrap_or_default().is_empty() {
                let select_all: String = [char::from(Key::Control), 'a'].iter().collect();
                el.send_keys(&select_all).await?;
                el.send_keys(&char::from(Key::Backspace).to_string())
                    .await?;
            }
            // WebKitWebDriver refuses an empty key sequence; clearing was all that was needed.
            if !text.is_empty() {
                el.send_keys(text)
                    .await
                    .map_err(|e| format!("typing into {test_id}: {e}"))?;
            }
            seen = el.prop("value").await?.unwrap_or_default();
            // A formatted number field may add to what was typed ("95" shows "95.00").
            if seen.starts_with(&expected) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{test_id} holds {seen:?} after typing {text:?}").into())
    }

    /// Clicks, retrying for a moment while a closing dialog's overlay still covers the page.
    pub async fn click(&self, test_id: &str) -> TestResult {
        let mut last = String::new();
        for _ in 0..50 {
            let el = self.el(test_id).await?;
            match el.click().await {
                Ok(()) => return Ok(()),
                Err(e) => last = format!("{e:?}"),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let on_top = self
            .client
            .execute(
                "const el = document.querySelector(arguments[0]); if (!el) return 'gone'; \
                 const r = el.getBoundingClientRect(); \
                 const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
                 return top ? top.outerHTML.slice(0, 300) : 'nothing';",
                vec![serde_json::json!(Self::locator(test_id))],
            )
            .await
            .map(|v| v.to_string())
            .unwrap_or_default();
        Err(format!("clicking {test_id} kept failing: {last}; on top: {on_top}").into())
    }

    /// Waits until the element's text contains `needle` (it may appear before its content).
    pub async fn wait_for_el_text(&self, test_id: &str, needle: &str) -> Res<String> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let text = self.el(test_id).await?.text().await.unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if tokio::time::Instant::now() > deadline {
                return Err(format!("{test_id} never showed {needle:?}; it shows {text:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's visible text contains `needle`; returns that text.
    pub async fn wait_for_text(&self, needle: &str) -> Res<String> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let text = self.client.find(Locator::Css("body")).await?.text().await?;
            if text.contains(needle) {
                return Ok(text);
            }
            if tokio::time::Instant::now() > deadline {
                return Err(format!("{needle:?} never appeared; the page shows:\n{text}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Calls an IPC command from inside the webview, as any script in the window could, and
    /// returns `{"ok": value}` or `{"err": {code, message, fields}}`.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> Res<serde_json::Value> {
        Ok(self
            .client
            .execute_async(
                "const [command, args, done] = arguments; \
                 window.__TAURI_INTERNALS__.invoke(command, args) \
                   .then((ok) => done({ ok: ok === undefined ? null : ok }), (err) => done({ err }));",
                vec![serde_json::json!(command), args],
            )
            .await?)
    }

    /// Saves a PNG under target/e2e-screenshots/ for people to look at.
    pub async fn screenshot(&self, name: &str) -> TestResult {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        std::fs::write(
            dir.join(format!("{name}.png")),
            self.client.screenshot().await?,
        )?;
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

/// Runs the real `acuchart-cli` on the app's database (same keyring, same path) and returns
/// its standard output.
pub fn cli(data_dir: &Path, password: &str, args: &[&str]) -> Res<String> {
    cli_as(data_dir, "owner", password, args)
}

/// As [`cli`], signed in as `user`.
pub fn cli_as(data_dir: &Path, user: &str, password: &str, args: &[&str]) -> Res<String> {
    let cli = Path::new(env!("CARGO_BIN_EXE_acuchart")).with_file_name("acuchart-cli");
    let out = Command::new(&cli)
        .arg("--db")
        .arg(data_dir.join("acuchart.db"))
        .args(["--user", user])
        .args(args)
        .env("ACUCHART_PASSWORD", password)
        .env("ACUCHART_NEW_USER_PASSWORD", password)
        .output()
        .map_err(|e| format!("running {cli:?} (build it with cargo build -p acuchart-cli): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "acuchart-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// SIGTERM, not SIGKILL: a killed tauri-driver leaves its WebKitWebDriver serving port 4445.
/// The processes below `pid` (WebKitWebDriver and the app it started), children first found.
fn descendants(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut queue = vec![pid];
    while let Some(parent) = queue.pop() {
        let children = Command::new("pgrep")
            .args(["-P", &parent.to_string()])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        for child in children.split_whitespace().filter_map(|p| p.parse().ok()) {
            out.push(child);
            queue.push(child);
        }
    }
    out
}

/// Whether a process is still running (a zombie waiting to be reaped counts as gone).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| {
            stat.rsplit_once(") ")
                .is_some_and(|(_, rest)| !rest.starts_with('Z'))
        })
        .unwrap_or(false)
}

fn terminate(child: &mut Child) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stderr(Stdio::null())
        .status();
    for _ in 0..50 {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Every file below `dir`, in subfolders too (the app keeps its log and backups there).
pub fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}
