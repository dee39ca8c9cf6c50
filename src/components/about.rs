//! "About & privacy": the first-run explanation, always reachable.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::booking::ClinicContact;
use super::disclosure::DisclosureText;

/// What Interlude is, where data lives, and how to reach the clinic.
#[component]
pub fn About() -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    view! {
        <section aria-labelledby="about-title">
            <h2 id="about-title" node_ref=heading tabindex="-1">
                "About & privacy"
            </h2>
            <DisclosureText />
            <h3>"Talk to a person"</h3>
            <ClinicContact />
        </section>
    }
}
