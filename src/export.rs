//! Turning the journal into files the visitor keeps.
//!
//! Pure functions from data to strings; the browser glue that offers the
//! download lives in the history component.

pub mod backup;
pub mod csv;
pub mod daylio;
pub mod json;
pub mod summary;

pub use backup::{
    backup_payload, parse_backup_payload, payload_entries, payload_frame, plain_backup,
    plain_backup_entries, Backup, BackupProblem, PlainBackupFrame, ReadingBackup, SplittingBackup,
};
pub use json::{journal_json, ExportFile, Unreadable, FORMAT, FORMAT_VERSION};

/// A neutral file name for an export made on `now_ms`, e.g.
/// `notes-2026-11-22.json`. It says nothing about mental health, because
/// downloads folders are seen by others.
pub fn file_name(now_ms: i64, extension: &str) -> String {
    let date = crate::model::time::UtcDateTime::from_epoch_ms(now_ms).date();
    format!("notes-{date}.{extension}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_neutral_and_dated() {
        assert_eq!(
            super::file_name(1_795_356_309_000, "json"),
            "notes-2026-11-22.json"
        );
    }
}
