//! Files AcuChart writes where a person chose: checked places ([`output`]) and spreadsheet-safe
//! CSV ([`spreadsheet`]).

pub mod input;
pub mod output;
pub mod spreadsheet;
pub mod viewer;

pub use output::{OutputFile, Overwrite};
