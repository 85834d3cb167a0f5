//! The fields a column can be imported into, and the header names other clinic systems give
//! them ("First Name", "Surname", "DOB", "Mobile", "Patient ID", "Start", "Practitioner"…).
//! Headers are compared folded: case, accents, spaces and punctuation do not matter.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ImportKind;
use crate::patients::fold;

macro_rules! fields {
    ($($field:ident => $name:literal, $label:literal, [$($kind:ident),+], [$($syn:literal),*];)+) => {
        /// Where a column's values go.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum ImportField {
            $($field,)+
        }

        impl ImportField {
            pub const ALL: &'static [ImportField] = &[$(ImportField::$field,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ImportField::$field => $name,)+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $(ImportField::$field => $label,)+
                }
            }

            pub fn applies_to(self, kind: ImportKind) -> bool {
                match self {
                    $(ImportField::$field => [$(ImportKind::$kind),+].contains(&kind),)+
                }
            }

            /// Header names that mean this field, folded.
            fn synonyms(self) -> &'static [&'static str] {
                match self {
                    $(ImportField::$field => &[$($syn),*],)+
                }
            }

            pub fn parse(s: &str) -> Option<ImportField> {
                Self::ALL.iter().copied().find(|f| f.as_str() == s)
            }
        }
    };
}

fields! {
    ExternalId => "external_id", "Patient ID (old system)", [Patients, Appointments],
        ["patientid", "id", "clientid", "patientno", "patientnumber", "patientref", "externalid",
         "recordnumber", "chartnumber", "chartno", "mrn", "filenumber", "clientnumber", "accountnumber"];
    FullName => "full_name", "Full name", [Patients, Appointments],
        ["name", "fullname", "patientname", "patient", "clientname", "client"];
    GivenName => "given_name", "Given name", [Patients, Appointments],
        ["firstname", "givenname", "forename", "first", "prenom", "vorname", "patientfirstname", "clientfirstname"];
    FamilyName => "family_name", "Family name", [Patients, Appointments],
        ["lastname", "surname", "familyname", "last", "nom", "nachname", "patientlastname", "patientsurname", "clientlastname"];
    PreferredName => "preferred_name", "Preferred name", [Patients],
        ["preferredname", "knownas", "nickname", "prefers"];
    DateOfBirth => "date_of_birth", "Date of birth", [Patients, Appointments],
        ["dob", "dateofbirth", "birthdate", "birthday", "born", "patientdob", "dobddmmyyyy", "dobmmddyyyy"];
    Sex => "sex", "Sex", [Patients], ["sex", "gender", "sexgender"];
    Phone => "phone", "Phone", [Patients],
        ["mobile", "mobilephone", "cell", "cellphone", "mobilenumber", "phone", "telephone", "tel",
         "phonenumber", "contactnumber", "primaryphone"];
    PhoneAlt => "phone_alt", "Other phone", [Patients],
        ["homephone", "workphone", "otherphone", "phone2", "landline", "altphone", "secondaryphone", "businessphone"];
    Email => "email", "Email", [Patients], ["email", "emailaddress", "mail", "courriel"];
    AddressLine1 => "address_line1", "Address", [Patients],
        ["address", "address1", "addressline1", "street", "streetaddress"];
    AddressLine2 => "address_line2", "Address line 2", [Patients], ["address2", "addressline2"];
    City => "city", "City", [Patients], ["city", "town", "suburb", "ville", "ort"];
    Region => "region", "Region / state", [Patients], ["state", "province", "county", "region"];
    PostalCode => "postal_code", "Postal code", [Patients],
        ["postcode", "postalcode", "zip", "zipcode", "plz", "codepostal"];
    Country => "country", "Country", [Patients], ["country", "pays", "land"];
    EmergencyName => "emergency_contact_name", "Emergency contact", [Patients],
        ["emergencycontact", "emergencycontactname", "nextofkin", "emergencyname"];
    EmergencyPhone => "emergency_contact_phone", "Emergency phone", [Patients],
        ["emergencyphone", "emergencycontactphone", "nextofkinphone"];
    EmergencyRelationship => "emergency_contact_relationship", "Emergency relationship", [Patients],
        ["relationship", "emergencyrelationship", "emergencycontactrelationship"];
    PhysicianName => "physician_name", "GP / physician", [Patients],
        ["gp", "gpname", "physician", "doctor", "familydoctor", "referringdoctor"];
    PhysicianPhone => "physician_phone", "GP phone", [Patients], ["gpphone", "physicianphone", "doctorphone"];
    Occupation => "occupation", "Occupation", [Patients], ["occupation", "job", "profession"];
    ReferralSource => "referral_source", "Referral source", [Patients],
        ["referral", "referralsource", "referredby", "source", "howheard"];
    FrontDeskNotes => "front_desk_notes", "Front-desk notes", [Patients],
        ["notes", "note", "comments", "comment", "adminnotes", "remarks"];
    Start => "start", "Start (date and time)", [Appointments],
        ["start", "starttime", "startdatetime", "appointmentstart", "datetime", "appointment", "when", "begin"];
    Date => "date", "Date", [Appointments], ["date", "appointmentdate", "visitdate", "day"];
    Time => "time", "Time", [Appointments], ["time", "appointmenttime", "visittime"];
    End => "end", "End (time, or date and time)", [Appointments],
        ["end", "endtime", "finish", "enddatetime", "appointmentend"];
    Duration => "duration_minutes", "Duration (minutes)", [Appointments],
        ["duration", "durationminutes", "minutes", "length", "mins", "durationmins"];
    Practitioner => "practitioner", "Practitioner", [Appointments],
        ["practitioner", "provider", "therapist", "clinician", "staff", "resource", "with", "doctorname", "acupuncturist"];
    AppointmentType => "appointment_type", "Appointment type", [Appointments],
        ["type", "appointmenttype", "service", "treatment", "visittype", "category"];
    Room => "room", "Room", [Appointments], ["room", "location", "treatmentroom"];
    Status => "status", "Status", [Appointments], ["status", "state", "appointmentstatus", "attendance"];
    AppointmentNote => "appointment_note", "Appointment note", [Appointments],
        ["notes", "note", "comments", "comment", "frontdesknote", "remarks"];
}

fn folded_header(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The field a header names, for either kind of file (used to recognise a header row).
pub(super) fn recognise_header(header: &str) -> Option<ImportField> {
    let h = folded_header(header);
    ImportField::ALL
        .iter()
        .copied()
        .find(|f| f.synonyms().contains(&h.as_str()))
}

/// What a phone-like field falls back to when the column for it is taken.
fn fallback(field: ImportField) -> Option<ImportField> {
    match field {
        ImportField::Phone => Some(ImportField::PhoneAlt),
        _ => None,
    }
}

/// One field per header at most, each field used once: the first column that names a field
/// gets it; a second phone column becomes the other phone.
pub(super) fn propose(headers: &[String], kind: ImportKind) -> Vec<Option<ImportField>> {
    let mut taken: Vec<ImportField> = Vec::new();
    let mut out = Vec::with_capacity(headers.len());
    for header in headers {
        let h = folded_header(header);
        let mut choice = ImportField::ALL
            .iter()
            .copied()
            .filter(|f| f.applies_to(kind))
            .find(|f| f.synonyms().contains(&h.as_str()));
        if let Some(f) = choice {
            if taken.contains(&f) {
                choice = fallback(f).filter(|alt| !taken.contains(alt));
            }
        }
        if let Some(f) = choice {
            taken.push(f);
        }
        out.push(choice);
    }
    out
}

/// The fields one kind of file must provide, as alternatives: each inner list is satisfied
/// when any of its fields is mapped.
pub(super) fn required(kind: ImportKind) -> &'static [&'static [ImportField]] {
    use ImportField::*;
    match kind {
        ImportKind::Patients => &[&[GivenName, FullName], &[FamilyName, FullName]],
        ImportKind::Appointments => &[
            &[ExternalId, FullName, GivenName],
            &[Start, Date],
            &[Practitioner],
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn common_headers_from_other_systems_are_recognised() {
        use ImportField::*;
        let h = headers(&[
            "Patient ID",
            "First Name",
            "Surname",
            "D.O.B.",
            "Mobile",
            "Home Phone",
            "E-mail",
            "Post Code",
            "Legacy",
        ]);
        assert_eq!(
            propose(&h, ImportKind::Patients),
            [
                Some(ExternalId),
                Some(GivenName),
                Some(FamilyName),
                Some(DateOfBirth),
                Some(Phone),
                Some(PhoneAlt),
                Some(Email),
                Some(PostalCode),
                None
            ]
        );
        let h = headers(&["Start", "Practitioner", "Patient ID", "Type", "Duration"]);
        assert_eq!(
            propose(&h, ImportKind::Appointments),
            [
                Some(Start),
                Some(Practitioner),
                Some(ExternalId),
                Some(AppointmentType),
                Some(Duration)
            ]
        );
    }

    #[test]
    fn a_second_phone_column_becomes_the_other_phone_and_a_third_is_left_out() {
        use ImportField::*;
        let h = headers(&["Phone", "Mobile", "Telephone"]);
        assert_eq!(
            propose(&h, ImportKind::Patients),
            [Some(Phone), Some(PhoneAlt), None]
        );
    }

    #[test]
    fn field_names_round_trip() {
        for f in ImportField::ALL {
            assert_eq!(ImportField::parse(f.as_str()), Some(*f));
            assert!(ImportKind::ALL.iter().any(|k| f.applies_to(*k)));
        }
    }
}
