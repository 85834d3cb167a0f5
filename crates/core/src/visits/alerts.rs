//! Safety alerts raised while charting, from the patient's safety flags and what the draft
//! holds. Each must be acknowledged with a reason before the draft is saved with it; the
//! practitioner decides, the app makes sure the decision was conscious and is recorded.

use serde::Serialize;
use ts_rs::TS;

use super::{AlertAcknowledgement, NoteDraft};
use crate::error::{Error, Result};
use crate::patients::SafetyFlags;
use crate::points::{self, Caution};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// A point classically avoided or used with caution in pregnancy, for a pregnant patient.
    PregnancyPoint,
    /// Electro-acupuncture for a patient with a pacemaker or implanted device.
    ElectroWithImplant,
    /// Cupping, gua sha or bleeding for a patient on anticoagulants or with a bleeding disorder.
    BleedingRisk,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SafetyAlert {
    /// Stable within a note: `pregnancy:LI4`, `electro:implant`, `bleeding:cupping`.
    pub key: String,
    pub kind: AlertKind,
    pub message: String,
    /// What raised it: the patient's flag and when the safety flags were last set
    /// (`pregnant@2026-12-07T09:30:00Z`). An acknowledgement counts only for the basis it was
    /// given for, so a change in the patient's flags raises the alert again.
    pub basis: String,
    pub acknowledged: bool,
    #[ts(optional = nullable)]
    pub reason: Option<String>,
}

/// The alerts `draft` raises for a patient with `flags` (last set at `flags_set_at`), marked
/// with the acknowledgements in `acks` (earlier ones and the draft's own). An acknowledgement
/// without a basis is one being given now, for the alert as it is raised now.
pub fn alerts_for(
    flags: &SafetyFlags,
    flags_set_at: &str,
    draft: &NoteDraft,
    acks: &[AlertAcknowledgement],
) -> Vec<SafetyAlert> {
    let mut raised: Vec<(String, AlertKind, String, &str)> = Vec::new();
    if flags.pregnant {
        for p in &draft.points {
            let Ok(point) = points::resolve_code(&p.code) else {
                continue;
            };
            let key = format!("pregnancy:{}", point.code);
            if point.cautions.contains(&Caution::Pregnancy) && !raised.iter().any(|r| r.0 == key) {
                let trimester = flags
                    .pregnancy_trimester
                    .map(|t| format!(" (trimester {t})"))
                    .unwrap_or_default();
                raised.push((
                    key,
                    AlertKind::PregnancyPoint,
                    format!(
                        "{} {} is a pregnancy-caution point and this patient is pregnant{trimester}.",
                        point.code, point.pinyin
                    ),
                    "pregnant",
                ));
            }
        }
    }
    if flags.pacemaker && draft.points.iter().any(|p| p.uses_electro()) {
        raised.push((
            "electro:implant".to_owned(),
            AlertKind::ElectroWithImplant,
            "Electro-acupuncture is charted and this patient has a pacemaker or implanted device."
                .to_owned(),
            "pacemaker",
        ));
    }
    if flags.anticoagulants {
        for technique in draft.content.bleeding_risk_techniques() {
            raised.push((
                format!("bleeding:{}", technique.split(' ').next().unwrap_or(technique)),
                AlertKind::BleedingRisk,
                format!(
                    "{} is charted and this patient takes anticoagulants or has a bleeding disorder.",
                    capitalize(technique)
                ),
                "anticoagulants",
            ));
        }
    }
    raised
        .into_iter()
        .map(|(key, kind, message, flag)| {
            let basis = format!("{flag}@{flags_set_at}");
            let ack = acks
                .iter()
                .rev()
                .find(|a| a.alert_key == key && a.basis.as_deref().is_none_or(|b| b == basis));
            SafetyAlert {
                acknowledged: ack.is_some(),
                reason: ack.map(|a| a.reason.clone()),
                key,
                kind,
                message,
                basis,
            }
        })
        .collect()
}

/// The acknowledgements a saved draft gives now. Each must answer an alert the draft raises
/// at this moment, for the basis it is raised on: an acknowledgement cannot be given in
/// advance, for an alert that does not exist, or carried over to a change in the flags.
/// Earlier ones the draft sends back unchanged (the editor keeps them) are left as stored.
pub(crate) fn accept_acknowledgements(
    raised: &[SafetyAlert],
    stored: &[AlertAcknowledgement],
    sent: &[AlertAcknowledgement],
) -> Result<Vec<AlertAcknowledgement>> {
    let mut given: Vec<AlertAcknowledgement> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for a in sent {
        let as_stored = a.basis.is_some()
            && stored
                .iter()
                .any(|s| s.alert_key == a.alert_key && s.basis == a.basis && s.reason == a.reason);
        match raised.iter().find(|r| r.key == a.alert_key) {
            _ if as_stored => {}
            Some(alert) if a.basis.as_deref().is_none_or(|b| b == alert.basis) => {
                given.retain(|g| g.alert_key != a.alert_key);
                given.push(AlertAcknowledgement {
                    basis: Some(alert.basis.clone()),
                    acknowledged_by: None,
                    acknowledged_at: None,
                    ..a.clone()
                });
            }
            Some(_) => refused.push(format!(
                "the acknowledgement of {} was given before the patient's safety flags last changed; acknowledge the alert again",
                shortened(&a.alert_key)
            )),
            None => refused.push(format!(
                "no safety alert {} is raised by this note now",
                shortened(&a.alert_key)
            )),
        }
    }
    if refused.is_empty() {
        return Ok(given);
    }
    let more = match refused.len() {
        0..=3 => String::new(),
        n => format!(" (and {} more)", n - 3),
    };
    refused.truncate(3);
    Err(Error::invalid(
        "acknowledgements",
        format!(
            "Not saved: {}{more}. Acknowledge only the alerts shown for this note.",
            refused.join("; ")
        ),
    ))
}

fn shortened(key: &str) -> String {
    let mut short: String = key.chars().filter(|c| !c.is_control()).take(40).collect();
    if key.chars().count() > 40 {
        short.push('…');
    }
    format!("{short:?}")
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visits::{Side, TreatmentPoint};

    const SET_AT: &str = "2026-12-07T09:30:00Z";

    fn point(code: &str) -> TreatmentPoint {
        TreatmentPoint {
            code: code.into(),
            side: Side::Bilateral,
            technique: None,
            depth_mm: None,
            retention_minutes: None,
            electro_pair: None,
            electro_hz: None,
            electro_minutes: None,
            note: None,
        }
    }

    #[test]
    fn every_named_pregnancy_point_alerts_for_a_pregnant_patient_only() {
        let flags = SafetyFlags {
            pregnant: true,
            pregnancy_trimester: Some(2),
            ..Default::default()
        };
        let draft = NoteDraft {
            points: ["LI4", "SP6", "BL60", "BL67", "GB21", "CV4", "BL32", "ST36"]
                .map(point)
                .to_vec(),
            ..Default::default()
        };
        let keys: Vec<String> = alerts_for(&flags, SET_AT, &draft, &[])
            .into_iter()
            .map(|a| a.key)
            .collect();
        for code in ["LI4", "SP6", "BL60", "BL67", "GB21", "CV4", "BL32"] {
            assert!(
                keys.contains(&format!("pregnancy:{code}")),
                "{code} did not alert"
            );
        }
        assert!(!keys.contains(&"pregnancy:ST36".to_owned()));
        assert!(alerts_for(&SafetyFlags::default(), SET_AT, &draft, &[]).is_empty());
    }

    #[test]
    fn electro_with_an_implant_and_cupping_with_anticoagulants_alert() {
        let flags = SafetyFlags {
            pacemaker: true,
            anticoagulants: true,
            ..Default::default()
        };
        let mut draft = NoteDraft {
            points: vec![point("GB30")],
            ..Default::default()
        };
        assert!(alerts_for(&flags, SET_AT, &draft, &[]).is_empty());
        draft.points[0].electro_pair = Some("GB34".into());
        draft.content.cupping = Some("lumbar, 5 min".into());
        let acks = [AlertAcknowledgement {
            alert_key: "bleeding:cupping".into(),
            reason: "INR checked".into(),
            acknowledged_by: None,
            acknowledged_at: None,
            basis: None,
        }];
        let alerts = alerts_for(&flags, SET_AT, &draft, &acks);
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0].kind, AlertKind::ElectroWithImplant);
        assert!(!alerts[0].acknowledged);
        assert_eq!(alerts[1].key, "bleeding:cupping");
        assert!(alerts[1].acknowledged);
        assert_eq!(alerts[1].reason.as_deref(), Some("INR checked"));
    }
}
