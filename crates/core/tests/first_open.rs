//! The first connections of a process, opened at the same moment on many threads, are all
//! keyed. (SQLite reports itself initialised before SQLCipher has finished starting; a thread
//! that keyed a connection in that window was refused.) This file is its own test binary so
//! that nothing has opened a database before the threads start.

use std::sync::{Arc, Barrier};

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::DbKey;

#[test]
fn connections_opened_together_at_process_start_are_all_keyed() -> Result<(), String> {
    const THREADS: usize = 16;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            let path = dir.path().join(format!("clinic-{i}.db"));
            let start = Arc::clone(&start);
            std::thread::spawn(move || -> Result<(), String> {
                let key = DbKey::generate().map_err(|e| e.to_string())?;
                start.wait();
                let conn = db::open(&path, &key, OpenMode::CreateNew)
                    .map_err(|e| format!("thread {i}: {e}"))?;
                conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                    .map_err(|e| format!("thread {i}: {e}"))
            })
        })
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .filter_map(|h| match h.join() {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some("a thread panicked".into()),
        })
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    Ok(())
}
