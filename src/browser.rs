//! Browser glue that is not a view: talking to the clinic page and the
//! service worker, fetching the widget's own files, dates and downloads.
//! Views and the store use these; none of them touches storage.

pub mod fetched;
pub mod host;
pub mod updates;
