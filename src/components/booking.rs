//! "Book a session with a person": the handoff to the clinic's humans.
//!
//! A booking URL opens directly (new tab, no referrer, no journal data).
//! Without one, the button shows the clinic's phone and email.

use leptos::html;
use leptos::prelude::*;

use super::crisis::{open_dialog, SheetBar};
use super::sentence::sentence;
use crate::config::{Config, DEFAULT_CLINIC_NAME};
use crate::i18n::{key, tr, trf, trf_pieces};

/// Label shared by the link and the button (shown with `tr`).
const LABEL: &str = key("Book a session with a person");

/// The clinic's name as the visitor reads it: as the clinic wrote it, or
/// "your clinic" in the visitor's language when the clinic gave none.
pub fn clinic_name(config: &Config) -> String {
    if config.clinic_name == DEFAULT_CLINIC_NAME {
        tr("your clinic").to_owned()
    } else {
        config.clinic_name.clone()
    }
}

/// The booking link, or a button showing how to contact the clinic.
#[component]
pub fn Booking() -> impl IntoView {
    let config = expect_context::<Config>();
    if let Some(url) = config.booking.url.clone() {
        return view! {
            <a class="book" href=url target="_blank" rel="noopener noreferrer">
                {tr(LABEL)}
            </a>
        }
        .into_any();
    }
    let dialog = NodeRef::<html::Dialog>::new();
    view! {
        <button
            type="button"
            class="book"
            aria-haspopup="dialog"
            on:click=move |_| open_dialog(dialog)
        >
            {tr(LABEL)}
        </button>
        <dialog node_ref=dialog class="sheet" aria-labelledby="book-title">
            <SheetBar dialog />
            <h2 id="book-title">{tr(LABEL)}</h2>
            <ClinicContact />
        </dialog>
    }
    .into_any()
}

/// The clinic's phone and email as tappable links, or a plain sentence
/// when the clinic gave neither.
#[component]
pub fn ClinicContact() -> impl IntoView {
    let config = expect_context::<Config>();
    let name = clinic_name(&config);
    let booking = config.booking.clone();
    let phone = booking
        .phone
        .clone()
        .zip(booking.phone_href())
        .map(|(phone, href)| {
            view! {
                <li>
                    <a class="contact" href=href>
                        {trf("Call {number}", &[("number", &phone)])}
                    </a>
                </li>
            }
        });
    let email = booking
        .email
        .clone()
        .zip(booking.email_href())
        .map(|(email, href)| {
            view! {
                <li>
                    <a class="contact" href=href>
                        {trf("Email {email}", &[("email", &email)])}
                    </a>
                </li>
            }
        });
    let has_contact = booking.phone.is_some() || booking.email.is_some();
    view! {
        <p>
            {sentence(if has_contact {
                trf_pieces("To book a session with a person at {name}:", &[("name", &name)], &["name"])
            } else {
                trf_pieces(
                    "Please contact {name} directly to book a session with a person.",
                    &[("name", &name)],
                    &["name"],
                )
            })}
        </p>
        <ul class="contacts">{phone} {email}</ul>
    }
}
