//! "Your entries": every entry, newest first and grouped by day, with a
//! search, and edit and delete on each.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::feelings::CheckInFields;
use super::summary::record_view;
use super::thought_record::ThoughtRecordSteps;
use crate::browser::host;
use crate::i18n::{self, tr, trn, trnf};
use crate::model::content_pack;
use crate::model::search::{pack_of, Filter, PackChoice};
use crate::model::time::UtcDateTime;
use crate::model::{Draft, DraftChange, Entry, EntryId, Mood, Tag, PACKS};
use crate::store::{for_a_while, next_task, Latest, Store};

/// How many entries show at first, and how many more per click: years of
/// entries would take seconds to put on the page at once.
const PAGE: usize = 50;

/// The search, then the matching entries a page at a time.
#[component]
pub fn Timeline() -> impl IntoView {
    let store = expect_context::<Store>();
    let applied = RwSignal::new(Filter::default());
    let shown = RwSignal::new(PAGE);
    // The entries matching a search, by id, newest first (`None`: no
    // search, every entry); `searching` while a search of years of
    // entries goes on in steps. Ids, not positions: the journal can change
    // while a search runs, and positions would then point elsewhere.
    let matching = RwSignal::new(None::<Vec<EntryId>>);
    let searching = RwSignal::new(false);
    let searches = Latest::new();
    Effect::new(move |_| {
        let filter = applied.get();
        let len = store.journal().with(|j| j.len());
        let this_search = searches.start();
        if !filter.is_active() {
            matching.set(None);
            searching.set(false);
            return;
        }
        let mut search = SearchInSteps::new(filter);
        if len <= SEARCH_AT_ONCE {
            store
                .journal()
                .with_untracked(|j| search.go_on(j, f64::MAX));
            matching.set(Some(search.found));
            searching.set(false);
            return;
        }
        searching.set(true);
        leptos::task::spawn_local(async move {
            loop {
                next_task().await;
                // A new search, or the journal changed (it starts again).
                if !searches.is_latest(this_search) {
                    return;
                }
                if !store
                    .journal()
                    .with_untracked(|j| search.go_on(j, SEARCH_STEP_MS))
                {
                    break;
                }
            }
            matching.set(Some(search.found));
            searching.set(false);
        });
    });
    let total = move || store.journal().with(|j| j.len());
    let count = move || matching.with(|m| m.as_ref().map_or_else(total, Vec::len));
    // The page shown, each entry with its local day.
    let page = Memo::new(move |_| {
        let shown = shown.get();
        matching.with(|matching| {
            store.journal().with(|j| {
                let wanted: Option<std::collections::HashSet<&EntryId>> = matching
                    .as_ref()
                    .map(|ids| ids.iter().take(shown).collect());
                j.entries()
                    .iter()
                    .filter(|e| wanted.as_ref().is_none_or(|w| w.contains(&e.id)))
                    .take(shown)
                    .map(|entry| (host::local_stamp(entry.created_ms).0, entry.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let days = move || {
        page.with(|page| {
            let mut days: Vec<(String, i64)> = Vec::new();
            for (day, entry) in page {
                if days.last().is_none_or(|(last, _)| last != day) {
                    days.push((day.clone(), entry.created_ms));
                }
            }
            days
        })
    };
    let summary = move || {
        if searching.get() {
            return tr("Searching…").to_string();
        }
        let (count, total) = (count(), total());
        if applied.with(Filter::is_active) {
            match (count, total) {
                (0, _) => tr("No entries match this search.").to_string(),
                (1, 1) => tr("The only entry matches.").into(),
                (n, _) => trnf(
                    "{n} of {total} entries matches.|{n} of {total} entries match.",
                    n as u64,
                    &[("total", &i18n::number(total as u64))],
                ),
            }
        } else {
            trn(
                "{n} entry, kept only in this browser.|{n} entries, kept only in this browser.",
                total as u64,
            )
        }
    };
    view! {
        <Show
            when=move || { total() > 0 }
            fallback=|| {
                view! {
                    <p class="empty">
                        {tr("Nothing saved yet. Entries you save appear here, newest first.")}
                    </p>
                }
            }
        >
            <SearchForm
                apply=Callback::new(move |filter: Filter| {
                    shown.set(PAGE);
                    applied.set(filter);
                })
            />
            <p class="result-count" aria-live="polite">
                {summary}
            </p>
            <ol class="days">
                <For
                    each=days
                    key=|(day, _)| day.clone()
                    children=move |(day, first_ms)| {
                        let entries = {
                            let day = day.clone();
                            move || {
                                page.with(|page| {
                                    page.iter()
                                        .filter(|(d, _)| *d == day)
                                        .map(|(_, e)| e.clone())
                                        .collect::<Vec<_>>()
                                })
                            }
                        };
                        view! {
                            <li class="day">
                                <h4>
                                    <time datetime=day.clone()>{host::local_day(first_ms)}</time>
                                </h4>
                                <ol class="entries">
                                    <For
                                        each=entries
                                        key=|entry| (entry.id.clone(), entry.updated_ms)
                                        children=move |entry| view! { <EntryCard entry /> }
                                    />
                                </ol>
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=move || { count() > shown.get() }>
                <button type="button" class="secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || {
                        let more = (count() - shown.get()).min(PAGE);
                        trn("Show {n} older entry|Show {n} older entries", more as u64)
                    }}
                </button>
            </Show>
        </Show>
    }
}

/// Journals up to this many entries are searched in one go (a few
/// milliseconds); longer ones in steps.
const SEARCH_AT_ONCE: usize = 1_000;
/// About how long each step of a search takes.
const SEARCH_STEP_MS: f64 = 12.0;

/// A search through the journal that can stop and go on, so years of
/// entries never hold the page.
struct SearchInSteps {
    filter: Filter,
    /// Positions looked at so far (the journal does not change meanwhile:
    /// a change starts the search again).
    next: usize,
    /// The entries that match, newest first.
    found: Vec<EntryId>,
}

impl SearchInSteps {
    fn new(filter: Filter) -> SearchInSteps {
        SearchInSteps {
            filter,
            next: 0,
            found: Vec::new(),
        }
    }

    /// Looks at more entries for about `ms` milliseconds (`f64::MAX`:
    /// all); false once every entry has been looked at.
    fn go_on(&mut self, journal: &crate::model::Journal, ms: f64) -> bool {
        /// Entries between looks at the clock.
        const BETWEEN_CLOCKS: usize = 200;
        let matcher = self.filter.matcher();
        let entries = journal.entries();
        for_a_while(ms, || {
            let end = entries.len().min(self.next + BETWEEN_CLOCKS);
            let matches = entries[self.next..end]
                .iter()
                .filter(|e| matcher.matches(e));
            self.found.extend(matches.map(|e| e.id.clone()));
            self.next = end;
            self.next < entries.len()
        })
    }
}

/// Words, prompt pack, tag, mood and dates. Applied on "Search" (or
/// Enter), not on every key, so a long journal never slows typing.
#[component]
fn SearchForm(apply: Callback<Filter>) -> impl IntoView {
    let store = expect_context::<Store>();
    let words = RwSignal::new(String::new());
    let pack = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let mood = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let tags = Memo::new(move |_| {
        store.journal().with(|j| {
            // Each tag once, in order, without copying every use of it.
            let used: std::collections::BTreeSet<&Tag> =
                j.entries().iter().flat_map(|e| &e.tags).collect();
            used.into_iter().cloned().collect::<Vec<Tag>>()
        })
    });
    let packs_used = Memo::new(move |_| {
        store.journal().with(|j| {
            let used: std::collections::BTreeSet<&str> = j
                .entries()
                .iter()
                .filter_map(|e| e.prompt.as_ref().map(|p| pack_of(&p.id)))
                .collect();
            PACKS
                .iter()
                .chain(content_pack::own_packs())
                .filter(|p| used.contains(p.id))
                .map(|p| (p.id, p.title()))
                .collect::<Vec<_>>()
        })
    });
    let filter = move || Filter {
        words: words.get_untracked(),
        pack: match pack.get_untracked().as_str() {
            "" => PackChoice::Any,
            "free" => PackChoice::FreeWriting,
            id => PackChoice::Pack(id.to_owned()),
        },
        tag: Tag::new(&tag.get_untracked()),
        mood: mood.get_untracked().parse().ok().and_then(Mood::new),
        from_ms: host::local_day_start_ms(&from.get_untracked(), 0),
        until_ms: host::local_day_start_ms(&until.get_untracked(), 1),
    };
    let clear = move |_| {
        for field in [words, pack, tag, mood, from, until] {
            field.set(String::new());
        }
        apply.run(Filter::default());
    };
    let select = |id: &'static str,
                  label: &'static str,
                  value: RwSignal<String>,
                  options: AnyView| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    {options}
                </select>
            </div>
        }
    };
    let date = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="date"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };
    let pack_options = view! {
        <option value="">{tr("Any")}</option>
        <option value="free">{tr("Free writing")}</option>
        <For
            each=move || packs_used.get()
            key=|(id, _)| *id
            children=|(id, title)| view! { <option value=id>{title}</option> }
        />
    }
    .into_any();
    let tag_options = view! {
        <option value="">{tr("Any")}</option>
        <For
            each=move || tags.get()
            key=|tag| tag.clone()
            children=|tag| {
                let tag = String::from(tag);
                view! { <option value=tag.clone()>{tag.clone()}</option> }
            }
        />
    }
    .into_any();
    let mood_options = view! {
        <option value="">{tr("Any")}</option>
        {Mood::ALL
            .into_iter()
            .map(|m| {
                let number = i18n::number(u64::from(m.value()));
                view! { <option value=m.value()>{format!("{number}: {}", m.label())}</option> }
            })
            .collect_view()}
    }
    .into_any();
    view! {
        <form
            class="search"
            role="search"
            aria-label=tr("Search your entries")
            on:submit=move |ev: ev::SubmitEvent| {
                ev.prevent_default();
                apply.run(filter());
            }
        >
            // One row for the words and the buttons, so the entries start
            // on a phone's first screen.
            <div class="field">
                <label for="interlude-search">{tr("Search your entries")}</label>
                <div class="search-row">
                    <input
                        id="interlude-search"
                        type="search"
                        autocomplete="off"
                        prop:value=move || words.get()
                        on:input=move |ev| words.set(event_target_value(&ev))
                    />
                    <button type="submit" class="primary">
                        {tr("Search")}
                    </button>
                    <button type="button" class="secondary" on:click=clear>
                        {tr("Show all")}
                    </button>
                </div>
            </div>
            <details class="search-more">
                <summary>{tr("Filter by prompt, tag, mood or date")}</summary>
                <div class="search-filters">
                    {select("interlude-filter-pack", tr("Prompt pack"), pack, pack_options)}
                    {select("interlude-filter-tag", tr("Tag"), tag, tag_options)}
                    {select("interlude-filter-mood", tr("Mood"), mood, mood_options)}
                    {date("interlude-filter-from", tr("First day"), from)}
                    {date("interlude-filter-until", tr("Last day"), until)}
                </div>
            </details>
        </form>
    }
}

/// One saved entry: what was logged, and edit or delete (both undoable).
#[component]
fn EntryCard(
    /// The entry to show.
    entry: Entry,
) -> impl IntoView {
    let store = expect_context::<Store>();
    // The draft being edited, while the edit form is open.
    let editing = RwSignal::new(None::<Draft>);
    let edit_button = NodeRef::<html::Button>::new();
    let details = entry.check_in_details();
    let details = (!details.is_empty()).then(|| {
        let items = details
            .into_iter()
            .map(|(label, words)| {
                view! {
                    <li>
                        <span class="detail-label">{label} ": "</span>
                        {words}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="entry-details">{items}</ul> }
    });
    let prompt = entry
        .prompt
        .as_ref()
        .map(|p| view! { <p class="entry-prompt" dir="auto">{p.text.clone()}</p> });
    let text = (!entry.text.is_empty())
        .then(|| view! { <p class="entry-text" dir="auto">{entry.text.clone()}</p> });
    let id = entry.id.clone();
    let original = StoredValue::new(entry.clone());
    let close_edit = move || {
        editing.set(None);
        if let Some(button) = edit_button.get_untracked() {
            let _ = button.focus();
        }
    };
    view! {
        <li>
            <article class="entry">
                <h5>
                    <time datetime=UtcDateTime::from_epoch_ms(entry.created_ms)
                        .iso8601()>{host::local_time(entry.created_ms)}</time>
                </h5>
                {prompt}
                {details}
                {text}
                {entry.thought_record.as_ref().map(|r| view! {
                    <p class="entry-kind">{tr("Thought record")}</p>
                    {record_view(r)}
                })}
                <div class="entry-actions">
                    <button
                        type="button"
                        class="link"
                        node_ref=edit_button
                        aria-expanded=move || editing.with(Option::is_some).to_string()
                        on:click=move |_| {
                            if editing.with_untracked(Option::is_some) {
                                close_edit();
                            } else {
                                editing.set(Some(original.with_value(Entry::to_draft)));
                            }
                        }
                    >
                        {tr("Edit")}
                    </button>
                    <button
                        type="button"
                        class="link"
                        on:click={
                            let id = id.clone();
                            move |_| store.delete_entry(&id)
                        }
                    >
                        {tr("Delete")}
                    </button>
                </div>
                <Show when=move || editing.with(Option::is_some)>
                    <EditForm
                        name=format!("edit-{}", id.as_str())
                        editing
                        save=Callback::new(move |draft: Draft| {
                            // On success the card is redrawn with the new
                            // version and focus goes to "Undo".
                            original.with_value(|entry| store.edit_entry(entry, &draft));
                        })
                        cancel=Callback::new(move |()| close_edit())
                    />
                </Show>
            </article>
        </li>
    }
}

/// The form that edits one entry's words and check-in.
#[component]
fn EditForm(
    name: String,
    editing: RwSignal<Option<Draft>>,
    save: Callback<Draft>,
    cancel: Callback<()>,
) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    // Focus the first writing box: the text, or a thought record's first step.
    Effect::new(move |_| {
        if let Some(first) = form
            .get()
            .and_then(|f| f.query_selector("textarea").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = first.focus();
        }
    });
    let draft = Signal::derive(move || editing.get().unwrap_or_default());
    let change = Callback::new(move |change| {
        editing.update(|d| {
            if let Some(d) = d {
                d.apply(change);
            }
        })
    });
    let is_record = draft.with_untracked(|d| d.thought_record.is_some());
    let has_text = draft.with_untracked(|d| !d.text.is_empty());
    let record =
        Signal::derive(move || draft.with(|d| d.thought_record.clone().unwrap_or_default()));
    let record_change =
        Callback::new(move |record| change.run(DraftChange::ThoughtRecord(Some(record))));
    let text_id = format!("{name}-text");
    view! {
        <form
            class="edit-entry"
            node_ref=form
            on:submit=move |ev: ev::SubmitEvent| {
                ev.prevent_default();
                save.run(draft.get_untracked());
            }
        >
            {(has_text || !is_record).then(|| view! {
                <div class="field">
                    <label for=text_id.clone()>{tr("Your entry")}</label>
                    <textarea
                        id=text_id.clone()
                        rows="6"
                        prop:value=move || draft.with(|d| d.text.clone())
                        on:input=move |ev| change.run(DraftChange::Text(event_target_value(&ev)))
                    ></textarea>
                </div>
            })}
            {is_record.then(|| view! {
                <ThoughtRecordSteps record change=record_change name=format!("{name}-record") />
            })}
            <CheckInFields draft change name />
            <div class="entry-actions">
                <button type="submit" class="primary">
                    {tr("Save changes")}
                </button>
                <button type="button" class="secondary" on:click=move |_| cancel.run(())>
                    {tr("Cancel")}
                </button>
            </div>
        </form>
    }
}
