//! End-to-end tests of the real app: the built binary, a real encrypted database, the real
//! OS keyring, driven through WebDriver. `make test-e2e` runs them under Xvfb, one at a time.

mod backups;
mod charting;
mod data_import;
mod demo;
mod documents;
mod foundation;
mod handouts;
mod harness;
mod patient_record;
mod schedule;
mod security;
mod single_instance;
mod staff;
mod viewer_copies;
mod window_state;
