//! Safety alerts raised while charting, from the patient's safety flags and what the draft
//! holds. Each must be acknowledged with a reason before the draft is saved with it; the
//! practitioner decides, the app makes sure the decision was conscious and is recorded.

use serde::Serialize;
use ts_rs::TS;

use super::{AlertAcknowledgement, NoteDraft};
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
    pub acknowledged: bool,
    #[ts(optional = nullable)]
    pub reason: Option<String>,
}

/// The alerts `draft` raises for a patient with `flags`, marked with the acknowledgements in
/// `acks` (earlier ones and the draft's own).
pub fn alerts_for(
    flags: &SafetyFlags,
    draft: &NoteDraft,
    acks: &[AlertAcknowledgement],
) -> Vec<SafetyAlert> {
    let mut raised: Vec<(String, AlertKind, String)> = Vec::new();
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
            ));
        }
    }
    raised
        .into_iter()
        .map(|(key, kind, message)| {
            let ack = acks.iter().find(|a| a.alert_key == key);
            SafetyAlert {
                acknowledged: ack.is_some(),
                reason: ack.map(|a| a.reason.clone()),
                key,
                kind,
                message,
            }
        })
        .collect()
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
        let keys: Vec<String> = alerts_for(&flags, &draft, &[])
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
        assert!(alerts_for(&SafetyFlags::default(), &draft, &[]).is_empty());
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
        assert!(alerts_for(&flags, &draft, &[]).is_empty());
        draft.points[0].electro_pair = Some("GB34".into());
        draft.content.cupping = Some("lumbar, 5 min".into());
        let acks = [AlertAcknowledgement {
            alert_key: "bleeding:cupping".into(),
            reason: "INR checked".into(),
            acknowledged_by: None,
            acknowledged_at: None,
        }];
        let alerts = alerts_for(&flags, &draft, &acks);
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0].kind, AlertKind::ElectroWithImplant);
        assert!(!alerts[0].acknowledged);
        assert_eq!(alerts[1].key, "bleeding:cupping");
        assert!(alerts[1].acknowledged);
        assert_eq!(alerts[1].reason.as_deref(), Some("INR checked"));
    }
}
