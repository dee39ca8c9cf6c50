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
/// both axes; `y_labels` are the top and bottom values, shown on the left;
/// `x_labels` are (x in 0..=SCALE, text) under the axis, such as dates.
#[component]
pub fn LineChart(
    points: Vec<(i64, i64)>,
    width: i64,
    height: i64,
    #[prop(optional)] y_labels: Option<(String, String)>,
    #[prop(optional)] x_labels: Option<Vec<(i64, String)>>,
    caption: String,
) -> impl IntoView {
    // Ten user units per pixel; room on the left for the labels, and
    // under the axis for its own.
    let (w, h) = (width * 10, height * 10);
    let left = if y_labels.is_some() { 200 } else { 40 };
    let below = if x_labels.is_some() { 200 } else { 60 };
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
            <text x=(-left + 20).to_string() y="40" direction="ltr" class="axis-label">{top}</text>
            <text x=(-left + 20).to_string() y=(h + 40).to_string() direction="ltr" class="axis-label">{bottom}</text>
        }
    });
    let ticks = x_labels.map(|labels| {
        let last = labels.len().saturating_sub(1);
        labels
            .into_iter()
            .enumerate()
            .map(|(i, (x, label))| {
                let x = x.clamp(0, SCALE) * w / SCALE;
                // The end labels stay inside the chart's width.
                let anchor = match i {
                    _ if last == 0 => "middle",
                    0 => "start",
                    i if i == last => "end",
                    _ => "middle",
                };
                // `direction` is fixed (here and on the values) so that
                // "start" means the left also in right-to-left pages,
                // where the labels ran out of the chart; each label is
                // still laid out in its own direction.
                view! {
                    <line x1=x.to_string() y1=h.to_string() x2=x.to_string() y2=(h + 50).to_string() class="axis"></line>
                    <text
                        x=x.to_string()
                        y=(h + 170).to_string()
                        text-anchor=anchor
                        direction="ltr"
                        class="axis-label"
                    >
                        {label}
                    </text>
                }
            })
            .collect_view()
    });
    view! {
        <figure class="trend">
            <svg
                viewBox=format!("{} -60 {} {}", -left, w + left + 60, h + 60 + below)
                width=(width + left / 10 + 6).to_string()
                height=(height + (60 + below) / 10).to_string()
                aria-hidden="true"
                focusable="false"
            >
                {labels}
                <line x1="0" y1=h.to_string() x2=w.to_string() y2=h.to_string() class="axis"></line>
                {ticks}
                <polyline points=line></polyline>
                {dots}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}
