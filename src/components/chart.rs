//! A small SVG line chart, drawn by the widget, always next to a text
//! caption that says the same thing for screen readers and for paper.
//!
//! Coordinates are whole numbers in a viewBox ten times the chart's pixel
//! size, so no floating-point number is ever formatted (that code would add
//! kilobytes to the download); strokes use `vector-effect` to stay thin.

use leptos::prelude::*;

/// Where a point sits, each axis from 0 to [`SCALE`] (y grows upwards).
pub const SCALE: i64 = 1000;

/// A line chart `width`×`height` CSS pixels. `points` are in 0..=SCALE on
/// both axes; `y_labels` are the top and bottom values, shown on the left.
#[component]
pub fn LineChart(
    points: Vec<(i64, i64)>,
    width: i64,
    height: i64,
    #[prop(optional)] y_labels: Option<(String, String)>,
    caption: String,
) -> impl IntoView {
    // Ten user units per pixel; room on the left for the labels.
    let (w, h) = (width * 10, height * 10);
    let left = if y_labels.is_some() { 200 } else { 40 };
    let to_svg = |&(x, y): &(i64, i64)| {
        let x = x.clamp(0, SCALE) * w / SCALE;
        let y = h - y.clamp(0, SCALE) * h / SCALE;
        (x, y)
    };
    let coordinates: Vec<(i64, i64)> = points.iter().map(to_svg).collect();
    let line = coordinates
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = coordinates
        .iter()
        .map(|&(x, y)| view! { <circle cx=x.to_string() cy=y.to_string() r="30"></circle> })
        .collect_view();
    let labels = y_labels.map(|(top, bottom)| {
        view! {
            <text x=(-left + 20).to_string() y="40" class="axis-label">{top}</text>
            <text x=(-left + 20).to_string() y=(h + 40).to_string() class="axis-label">{bottom}</text>
        }
    });
    view! {
        <figure class="trend">
            <svg
                viewBox=format!("{} -60 {} {}", -left, w + left + 60, h + 120)
                width=(width + left / 10 + 6).to_string()
                height=(height + 12).to_string()
                aria-hidden="true"
                focusable="false"
            >
                {labels}
                <line x1="0" y1=h.to_string() x2=w.to_string() y2=h.to_string() class="axis"></line>
                <polyline points=line></polyline>
                {dots}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}
