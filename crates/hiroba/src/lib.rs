//! The `hiroba` command: one binary that migrates, serves, and runs the demo.

pub mod cli;
pub mod config;
pub mod import;
pub mod import_sheet;
pub mod run;
