//! Sentences with someone else's words in them: the clinic's name, the
//! visitor's tags and feelings. Their words are drawn in `<bdi>`, so no
//! character in them (a right-to-left override in a clinic name, an Arabic
//! tag in an English sentence) can reorder the widget's own words.

use leptos::prelude::*;

use crate::i18n::Piece;

/// Draws `pieces` (from [`crate::i18n::trf_pieces`]), theirs isolated.
pub fn sentence(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Ours(text) => text.into_any(),
            Piece::Theirs(text) => view! { <bdi>{text}</bdi> }.into_any(),
        })
        .collect_view()
}
