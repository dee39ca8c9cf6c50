//! All saved entries, newest first.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::entry::{Entry, EntryId};

/// The visitor's saved entries, kept newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    entries: Vec<Entry>,
}

/// New entries a journal read from storage has room for before its list
/// grows.
pub const ROOM_FOR_NEW: usize = 64;

impl Journal {
    /// A journal from entries in any order. When an id appears twice, the
    /// most recently updated copy wins.
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Journal {
        // Sorted in place: inserting one by one searched and shifted the
        // whole list per entry (most of a second at ten years), and an
        // index of every entry would double the memory loading needs.
        let mut entries: Vec<Entry> = entries.into_iter().collect();
        // Of copies of one id the most recently updated wins, and of equally
        // recent ones the later given (as `upsert` does): reversed, the later
        // copies come first, the stable sort keeps them first among equals,
        // and `dedup_by` keeps the first of each id.
        entries.reverse();
        entries.sort_by(|a, b| a.id.cmp(&b.id).then(b.updated_ms.cmp(&a.updated_ms)));
        entries.dedup_by(|later, kept| later.id == kept.id);
        // Newest first; ties broken by id so the order is stable (as upsert).
        entries.sort_unstable_by(|a, b| (b.created_ms, &b.id).cmp(&(a.created_ms, &a.id)));
        // Room for a visit's new entries: the first save would otherwise
        // copy years of entries into a list twice the size.
        entries.reserve(ROOM_FOR_NEW);
        Journal { entries }
    }

    /// [`Journal::from_entries`] for entries whose ids are known to be
    /// distinct (as storage holds them, one key per id): only sorted, in
    /// place, without the pass that finds copies of one id.
    pub fn from_distinct_entries(mut entries: Vec<Entry>) -> Journal {
        entries.sort_unstable_by(|a, b| (b.created_ms, &b.id).cmp(&(a.created_ms, &a.id)));
        entries.reserve(ROOM_FOR_NEW);
        Journal { entries }
    }

    /// When the oldest entry written after `after_ms` was written, if any
    /// was. Quick at any size: entries are kept newest first.
    pub fn oldest_created_after(&self, after_ms: i64) -> Option<i64> {
        let newer = self.entries.partition_point(|e| e.created_ms > after_ms);
        newer.checked_sub(1).map(|i| self.entries[i].created_ms)
    }

    /// Entries, newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing has been saved.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with this id.
    pub fn get(&self, id: &EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.id == id)
    }

    /// Adds an entry, or replaces the one with the same id unless that one
    /// was updated later (so a stale copy from another tab never wins).
    pub fn upsert(&mut self, entry: Entry) {
        if let Some(pos) = self.entries.iter().position(|e| e.id == entry.id) {
            if self.entries[pos].updated_ms > entry.updated_ms {
                return;
            }
            self.entries.remove(pos);
        }
        // Newest first; ties broken by id so the order is stable.
        let pos = self
            .entries
            .partition_point(|e| (e.created_ms, &e.id) > (entry.created_ms, &entry.id));
        self.entries.insert(pos, entry);
    }

    /// Adds entries from a backup. One already here, unchanged, is skipped,
    /// so restoring the same file twice adds nothing. One whose id is here
    /// with different content is added under `new_id()`: both versions are
    /// kept, never one silently dropped.
    pub fn merge(&mut self, incoming: Vec<Entry>, new_id: impl FnMut() -> EntryId) -> Merge {
        let merge = self.to_merge(incoming, new_id);
        self.add_distinct(merge.added.clone());
        merge
    }

    /// What [`Self::merge`] would add, without changing the journal or
    /// copying an entry: years of entries on both sides take milliseconds.
    pub fn to_merge(&self, incoming: Vec<Entry>, mut new_id: impl FnMut() -> EntryId) -> Merge {
        // Ids are looked up in an index, not searched for.
        let here: HashMap<&EntryId, &Entry> = self.entries.iter().map(|e| (&e.id, e)).collect();
        let mut added: Vec<Entry> = Vec::new();
        let mut added_at: HashMap<EntryId, usize> = HashMap::new();
        let mut already_here = 0;
        for mut entry in incoming {
            let same_id = here
                .get(&entry.id)
                .copied()
                .or_else(|| added_at.get(&entry.id).map(|&i| &added[i]));
            match same_id {
                Some(existing) if existing == &entry => {
                    already_here += 1;
                    continue;
                }
                // Kept beside the other version by an earlier restore.
                Some(_)
                    if self
                        .entries
                        .iter()
                        .chain(&added)
                        .any(|e| e.same_content(&entry)) =>
                {
                    already_here += 1;
                    continue;
                }
                Some(_) => entry.id = new_id(),
                None => {}
            }
            added_at.insert(entry.id.clone(), added.len());
            added.push(entry);
        }
        Merge {
            added,
            already_here,
        }
    }

    /// Adds entries [`Self::to_merge`] found earlier, merged again with the
    /// journal as it is now (the visitor or another tab may have saved some
    /// meanwhile), without copying them.
    pub fn merge_found(&mut self, found: Vec<Entry>, new_id: impl FnMut() -> EntryId) {
        let added = self.to_merge(found, new_id).added;
        self.add_distinct(added);
    }

    /// Adds entries whose ids are not here yet, then restores the order
    /// once (the stable sort merges the two sorted runs).
    fn add_distinct(&mut self, added: Vec<Entry>) {
        if added.is_empty() {
            return;
        }
        self.entries.extend(added);
        self.entries
            .sort_by(|a, b| (b.created_ms, &b.id).cmp(&(a.created_ms, &a.id)));
    }

    /// Removes and returns the entry with this id.
    pub fn remove(&mut self, id: &EntryId) -> Option<Entry> {
        let pos = self.entries.iter().position(|e| &e.id == id)?;
        Some(self.entries.remove(pos))
    }
}

/// What [`Journal::merge`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merge {
    /// Entries added (to be saved).
    pub added: Vec<Entry>,
    /// Entries that were already here, unchanged.
    pub already_here: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, created: i64, updated: i64, text: &str) -> Entry {
        Entry {
            id: EntryId::new(id).unwrap(),
            created_ms: created,
            updated_ms: updated,
            prompt: None,
            text: text.into(),
            mood: None,
            energy: None,
            emotions: vec![],
            tags: vec![],
            thought_record: None,
        }
    }

    fn ids(journal: &Journal) -> Vec<&str> {
        journal.entries().iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn entries_are_newest_first_whatever_the_input_order() {
        let journal = Journal::from_entries([
            entry("b", 20, 20, ""),
            entry("a", 10, 10, ""),
            entry("c", 30, 30, ""),
        ]);
        assert_eq!(ids(&journal), ["c", "b", "a"]);
    }

    #[test]
    fn same_time_entries_have_a_stable_order() {
        let one = Journal::from_entries([entry("a", 1, 1, ""), entry("b", 1, 1, "")]);
        let two = Journal::from_entries([entry("b", 1, 1, ""), entry("a", 1, 1, "")]);
        assert_eq!(ids(&one), ids(&two));
    }

    #[test]
    fn a_later_edit_replaces_an_earlier_one() {
        let mut journal = Journal::from_entries([entry("a", 1, 1, "old")]);
        journal.upsert(entry("a", 1, 2, "new"));
        assert_eq!(journal.len(), 1);
        assert_eq!(journal.entries()[0].text, "new");
    }

    #[test]
    fn a_stale_copy_never_overwrites_a_newer_one() {
        // Guards the two-tab case: an older copy arriving late must not win.
        let mut journal = Journal::from_entries([entry("a", 1, 5, "newer")]);
        journal.upsert(entry("a", 1, 3, "older"));
        assert_eq!(journal.entries()[0].text, "newer");
    }

    #[test]
    fn remove_returns_the_entry() {
        let mut journal = Journal::from_entries([entry("a", 1, 1, "x"), entry("b", 2, 2, "y")]);
        let removed = journal.remove(&EntryId::new("a").unwrap()).unwrap();
        assert_eq!(removed.text, "x");
        assert_eq!(ids(&journal), ["b"]);
        assert!(journal.remove(&EntryId::new("a").unwrap()).is_none());
    }

    #[test]
    fn merging_the_same_entries_twice_adds_nothing_the_second_time() {
        let backup = vec![entry("a", 1, 1, "text"), entry("b", 2, 2, "text")];
        let mut journal = Journal::default();
        let first = journal.merge(backup.clone(), || unreachable!());
        assert_eq!(first.added.len(), 2);
        let second = journal.merge(backup, || unreachable!());
        assert_eq!(
            second,
            Merge {
                added: vec![],
                already_here: 2
            }
        );
        assert_eq!(journal.len(), 2);
    }

    #[test]
    fn merging_keeps_newest_first_and_a_repeated_id_in_one_file_is_kept_once() {
        let mut journal = Journal::from_entries([entry("m", 5, 5, "middle")]);
        let merge = journal.merge(
            vec![
                entry("old", 1, 1, "x"),
                entry("new", 9, 9, "y"),
                entry("new", 9, 9, "y"),
                entry("tie-b", 5, 5, "z"),
            ],
            || unreachable!(),
        );
        assert_eq!((merge.added.len(), merge.already_here), (3, 1));
        assert_eq!(ids(&journal), ["new", "tie-b", "m", "old"]);
        assert_eq!(journal, Journal::from_entries(journal.entries().to_vec()));
    }

    #[test]
    fn merging_years_of_entries_is_quick_and_complete() {
        let many: Vec<Entry> = (0..7_300)
            .map(|i| entry(&format!("e{i}"), i, i, "text"))
            .collect();
        let mut journal = Journal::default();
        let merge = journal.merge(many.clone(), || unreachable!());
        assert_eq!(merge.added.len(), 7_300);
        assert_eq!(journal.entries()[0].id.as_str(), "e7299");
        let again = journal.merge(many, || unreachable!());
        assert_eq!((again.added.len(), again.already_here), (0, 7_300));
    }

    #[test]
    fn a_conflicting_version_is_kept_beside_the_existing_one() {
        let mut journal = Journal::from_entries([entry("a", 1, 1, "text")]);
        let mut edited = entry("a", 1, 1, "text");
        edited.text = "changed elsewhere".into();
        let merge = journal.merge(vec![edited], || EntryId::new("a-copy").unwrap());
        assert_eq!(merge.added.len(), 1);
        assert_eq!(journal.len(), 2);
        assert_eq!(
            journal.get(&EntryId::new("a").unwrap()).unwrap().text,
            entry("a", 1, 1, "text").text
        );
        assert_eq!(
            journal.get(&EntryId::new("a-copy").unwrap()).unwrap().text,
            "changed elsewhere"
        );
        // The same file again: the kept version is recognised, nothing added.
        let mut again = entry("a", 1, 1, "text");
        again.text = "changed elsewhere".into();
        let merge = journal.merge(vec![again], || EntryId::new("a-copy-2").unwrap());
        assert_eq!((merge.added.len(), merge.already_here), (0, 1));
        assert_eq!(journal.len(), 2);
    }

    #[test]
    fn finding_then_adding_is_merging_and_finding_changes_nothing() {
        let here = Journal::from_entries([entry("a", 1, 1, "kept"), entry("b", 2, 2, "mine")]);
        let incoming = vec![
            entry("a", 1, 1, "kept"),
            entry("b", 2, 2, "theirs"),
            entry("c", 3, 3, "new"),
            entry("c", 3, 3, "new"),
        ];
        let mut ids = ["b-copy", "b-copy-2"].into_iter();
        let mut new_id = || EntryId::new(ids.next().unwrap()).unwrap();
        let found = here.to_merge(incoming.clone(), &mut new_id);
        assert_eq!(here.len(), 2, "finding changed the journal");
        assert_eq!((found.added.len(), found.already_here), (2, 2));

        let mut merged = here.clone();
        let mut ids = ["b-copy", "b-copy-2"].into_iter();
        merged.merge(incoming, || EntryId::new(ids.next().unwrap()).unwrap());
        let mut added = here.clone();
        added.merge_found(found.added, || unreachable!());
        assert_eq!(added, merged);
        assert_eq!(added.len(), 4);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn the_oldest_entry_after_a_moment_is_found_by_halving(
                created in proptest::collection::vec(0i64..20, 0..30),
                after in -1i64..21,
            ) {
                let journal = Journal::from_entries(
                    created.iter().enumerate().map(|(i, c)| entry(&format!("e{i}"), *c, *c, "")),
                );
                let expected = created.iter().copied().filter(|&c| c > after).min();
                prop_assert_eq!(journal.oldest_created_after(after), expected);
            }

            #[test]
            fn distinct_entries_sort_as_any_entries_do(
                created in proptest::collection::vec(0i64..5, 0..30),
            ) {
                let entries: Vec<Entry> = created
                    .iter()
                    .enumerate()
                    .map(|(i, c)| entry(&format!("e{i}"), *c, *c, ""))
                    .collect();
                prop_assert_eq!(
                    Journal::from_distinct_entries(entries.clone()),
                    Journal::from_entries(entries)
                );
            }

            /// Building a journal at once gives what adding its entries one
            /// by one gives: same order, same winner for a repeated id.
            #[test]
            fn from_entries_equals_upserting_one_by_one(
                raw in proptest::collection::vec(("[a-e]", 0i64..5, 0i64..5), 0..40)
            ) {
                let entries: Vec<Entry> = raw
                    .iter()
                    .enumerate()
                    .map(|(i, (id, created, later))| entry(id, *created, created + later, &i.to_string()))
                    .collect();
                let mut one_by_one = Journal::default();
                for e in entries.clone() {
                    one_by_one.upsert(e);
                }
                prop_assert_eq!(Journal::from_entries(entries), one_by_one);
            }
        }
    }
}
