//! `--set FIELD=VALUE` on any record type: applied through its JSON form, so every field the
//! type has can be set and an unknown field is named in the error.

use acuchart_core::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub fn apply<T: Serialize + DeserializeOwned>(current: &T, sets: &[String]) -> Result<T> {
    let mut json = serde_json::to_value(current).map_err(|e| Error::Internal(e.to_string()))?;
    let fields = json
        .as_object_mut()
        .ok_or_else(|| Error::Internal("record is not an object".into()))?;
    for set in sets {
        let (key, raw) = set
            .split_once('=')
            .ok_or_else(|| Error::invalid("set", format!("{set:?} is not FIELD=VALUE.")))?;
        let Some(old) = fields.get(key) else {
            let mut known: Vec<&String> = fields.keys().collect();
            known.sort();
            let known = known
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Error::invalid(
                "set",
                format!("There is no field {key:?}. Fields: {known}."),
            ));
        };
        let value = match (old, raw.trim()) {
            (Value::Bool(_), v) => match v {
                "true" | "yes" | "1" => Value::Bool(true),
                "false" | "no" | "0" => Value::Bool(false),
                _ => return Err(Error::invalid(key, format!("{key} is true or false."))),
            },
            (_, "") => Value::Null,
            (_, v) if key == "pregnancy_trimester" => v
                .parse::<u8>()
                .map(Value::from)
                .map_err(|_| Error::invalid(key, "Trimester is 1, 2 or 3."))?,
            (_, _) => Value::String(raw.to_owned()),
        };
        fields.insert(key.to_owned(), value);
    }
    serde_json::from_value(json).map_err(|e| explain(current, sets, &e))
}

/// Names the `--set` that does not fit and says what would: each is tried alone on the record.
fn explain<T: Serialize + DeserializeOwned>(
    current: &T,
    sets: &[String],
    whole: &serde_json::Error,
) -> Error {
    for set in sets {
        let Some((key, raw)) = set.split_once('=') else {
            continue;
        };
        let Ok(Value::Object(mut fields)) = serde_json::to_value(current) else {
            continue;
        };
        let value = match raw.trim() {
            "" => Value::Null,
            v => Value::String(v.to_owned()),
        };
        let empty = value.is_null();
        fields.insert(key.to_owned(), value);
        let Err(e) = serde_json::from_value::<T>(Value::Object(fields)) else {
            continue;
        };
        let text = e.to_string();
        let message = if empty {
            format!("{key} cannot be empty: give a value.")
        } else if let Some(expected) = text.split("expected one of ").nth(1) {
            let choices = expected.replace('`', "");
            format!("{key} cannot be {raw:?}: use one of {choices}.")
        } else {
            format!("{key} cannot be {raw:?}: {text}.")
        };
        return Error::invalid(key, message);
    }
    Error::invalid(
        "set",
        format!("Those values do not fit the record: {whole}."),
    )
}
