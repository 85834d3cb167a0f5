//! A result row read by column name, the same way on both backends.

use std::sync::Arc;

use super::value::{FromValue, Value};
use crate::error::{Error, Result};

/// One row of a result: the statement's column names (shared by its rows) and the values.
#[derive(Debug, Clone)]
pub struct Row {
    columns: Arc<[String]>,
    values: Vec<Value>,
}

impl Row {
    pub(crate) fn new(columns: Arc<[String]>, values: Vec<Value>) -> Self {
        Self { columns, values }
    }

    /// The column `name` as `T`. A missing column or a value of the wrong kind is an error
    /// naming the column — stored data is never quietly replaced by a default.
    pub fn get<T: FromValue>(&self, name: &str) -> Result<T> {
        let value = self
            .columns
            .iter()
            .position(|c| c == name)
            .and_then(|i| self.values.get(i))
            .ok_or_else(|| Error::Internal(format!("the query has no column {name}")))?;
        T::from_value(value).map_err(|e| Error::Internal(format!("column {name}: {e}")))
    }

    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    pub fn values(&self) -> &[Value] {
        &self.values
    }
}
