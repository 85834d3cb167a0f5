//! The UI's TypeScript types are generated from these Rust types and committed under
//! `ui/src/bindings/`. This test fails when the committed files are stale;
//! `UPDATE_BINDINGS=1 cargo test -p acuchart-core bindings` rewrites them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::{
    api, audit, auth, backup, documents, error, patients, points, schedule, session, settings,
    users, vault, visits,
};

fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    api::AppStatus::export_all(&cfg)?;
    api::Session::export_all(&cfg)?;
    api::SetupResult::export_all(&cfg)?;
    error::ApiError::export_all(&cfg)?;
    auth::Role::export_all(&cfg)?;
    vault::SetupInput::export_all(&cfg)?;
    settings::DateFormat::export_all(&cfg)?;
    patients::NewPatient::export_all(&cfg)?;
    patients::PatientSummary::export_all(&cfg)?;
    patients::PatientQuery::export_all(&cfg)?;
    patients::PatientDetails::export_all(&cfg)?;
    patients::PatientProfile::export_all(&cfg)?;
    patients::SafetyFlags::export_all(&cfg)?;
    patients::MedicalHistory::export_all(&cfg)?;
    points::Point::export_all(&cfg)?;
    points::BodyRegion::export_all(&cfg)?;
    points::Caution::export_all(&cfg)?;
    points::PointFilter::export_all(&cfg)?;
    auth::Operation::export_all(&cfg)?;
    audit::AuditVerification::export_all(&cfg)?;
    audit::AnchorStatus::export_all(&cfg)?;
    audit::Action::export_all(&cfg)?;
    audit::AuditFilter::export_all(&cfg)?;
    audit::AuditEntry::export_all(&cfg)?;
    audit::AuditPage::export_all(&cfg)?;
    audit::AuditExport::export_all(&cfg)?;
    session::LockReason::export_all(&cfg)?;
    settings::SecuritySettings::export_all(&cfg)?;
    settings::ClinicSettings::export_all(&cfg)?;
    users::NewUser::export_all(&cfg)?;
    users::UserSummary::export_all(&cfg)?;
    visits::VisitNote::export_all(&cfg)?;
    visits::NoteDraft::export_all(&cfg)?;
    visits::StartNote::export_all(&cfg)?;
    visits::PatientChart::export_all(&cfg)?;
    visits::OutcomePoint::export_all(&cfg)?;
    visits::PreviousTreatment::export_all(&cfg)?;
    visits::PointEntry::export_all(&cfg)?;
    visits::Icd10Code::export_all(&cfg)?;
    visits::Protocol::export_all(&cfg)?;
    visits::NewProtocol::export_all(&cfg)?;
    visits::ProtocolSuggestion::export_all(&cfg)?;
    visits::BodyMapRegion::export_all(&cfg)?;
    visits::PointPicks::export_all(&cfg)?;
    visits::TodayQuery::export_all(&cfg)?;
    visits::TodaySchedule::export_all(&cfg)?;
    // Schedule
    schedule::Appointment::export_all(&cfg)?;
    schedule::AppointmentStatus::export_all(&cfg)?;
    schedule::EditScope::export_all(&cfg)?;
    schedule::AppointmentType::export_all(&cfg)?;
    schedule::AppointmentTypeInput::export_all(&cfg)?;
    schedule::Practitioner::export_all(&cfg)?;
    schedule::PractitionerInput::export_all(&cfg)?;
    schedule::Room::export_all(&cfg)?;
    schedule::RoomInput::export_all(&cfg)?;
    schedule::WorkingBlock::export_all(&cfg)?;
    schedule::TimeOff::export_all(&cfg)?;
    schedule::TimeOffInput::export_all(&cfg)?;
    schedule::ScheduleSettings::export_all(&cfg)?;
    schedule::ScheduleSetup::export_all(&cfg)?;
    schedule::NewAppointment::export_all(&cfg)?;
    schedule::BookingPreview::export_all(&cfg)?;
    schedule::BookingResult::export_all(&cfg)?;
    schedule::AppointmentChange::export_all(&cfg)?;
    schedule::CancelInput::export_all(&cfg)?;
    schedule::CancelResult::export_all(&cfg)?;
    schedule::StatusChange::export_all(&cfg)?;
    schedule::ScheduleQuery::export_all(&cfg)?;
    schedule::ScheduleView::export_all(&cfg)?;
    schedule::DaySheet::export_all(&cfg)?;
    schedule::PatientAppointments::export_all(&cfg)?;
    schedule::SlotQuery::export_all(&cfg)?;
    schedule::FreeSlot::export_all(&cfg)?;
    schedule::NewWaitlistEntry::export_all(&cfg)?;
    schedule::WaitlistEntry::export_all(&cfg)?;
    schedule::WaitlistOffer::export_all(&cfg)?;
    schedule::IcsQuery::export_all(&cfg)?;
    schedule::IcsExport::export_all(&cfg)?;
    // Backups and keys
    api::KeyRotationResult::export_all(&cfg)?;
    backup::BackupOverview::export_all(&cfg)?;
    backup::BackupCheck::export_all(&cfg)?;
    backup::BackupProgress::export_all(&cfg)?;
    backup::RestoreReport::export_all(&cfg)?;
    // Documents
    documents::DocumentInfo::export_all(&cfg)?;
    documents::DocumentKind::export_all(&cfg)?;
    documents::SummaryRequest::export_all(&cfg)?;
    documents::SuperbillRequest::export_all(&cfg)?;
    documents::DocumentSettings::export_all(&cfg)?;
    documents::PaperSize::export_all(&cfg)?;
    documents::Handout::export_all(&cfg)?;
    documents::HandoutInput::export_all(&cfg)?;
    documents::LogoInfo::export_all(&cfg)?;
    // The demo clinic
    crate::demo::DemoClinic::export_all(&cfg)?;
    crate::demo::DemoProgress::export_all(&cfg)?;
    // Import and export
    crate::import::ImportOptions::export_all(&cfg)?;
    crate::import::ImportPreview::export_all(&cfg)?;
    crate::import::ImportSummary::export_all(&cfg)?;
    crate::import::DataProgress::export_all(&cfg)?;
    crate::export::ExportSummary::export_all(&cfg)?;
    Ok(())
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = entry.file_name().to_string_lossy().into_owned();
            files.insert(name, std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    files
}

#[test]
fn committed_ui_bindings_match_the_rust_types() -> Result<(), Box<dyn std::error::Error>> {
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    let fresh = tempfile::tempdir()?;
    export_all(fresh.path())?;
    let generated = read_dir(fresh.path());
    assert!(
        generated.len() >= 12,
        "expected the exported types, got {generated:?}"
    );

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir)?;
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text)?;
        }
    }
    let committed = read_dir(&committed_dir);
    let stale: BTreeSet<&String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|name| generated.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date for {stale:?}; run `make bindings` and commit the result"
    );
    Ok(())
}
