//! The pain-trend chart drawn in the PDF: pain now (0-10) by visit, with the worst pain as a
//! lighter line when it was recorded.

use super::canvas::{Canvas, Style, ACCENT, MUTED, RULE};

/// One visit on the chart.
pub(crate) struct TrendPoint {
    pub label: String,
    pub pain_now: Option<u8>,
    pub pain_worst: Option<u8>,
}

const WORST: (f32, f32, f32) = (0.85, 0.55, 0.35);

fn marker(c: &mut Canvas, x: f32, y: f32, r: f32, colour: (f32, f32, f32)) {
    let pts: Vec<(f32, f32)> = (0..12)
        .map(|i| {
            let a = i as f32 * std::f32::consts::TAU / 12.0;
            (x + r * a.cos(), y + r * a.sin())
        })
        .collect();
    c.polygon(&pts, colour);
}

/// Draws the chart at the cursor, `height` points tall including its labels.
pub(crate) fn pain_chart(c: &mut Canvas, points: &[TrendPoint], height: f32) {
    c.ensure(height + 10.0);
    let small = Style::small();
    let axis_w = 22.0;
    let left = c.left + axis_w;
    let right = c.right - 6.0;
    let top = c.y + 14.0;
    let plot_h = height - 44.0;
    let bottom = top + plot_h;
    // Legend.
    let lx = c.right - 170.0;
    c.fill_rect(lx, c.y + 2.0, 14.0, 2.5, ACCENT);
    c.text(lx + 18.0, c.y + 6.5, "Pain now (0-10)", small);
    if points.iter().any(|p| p.pain_worst.is_some()) {
        c.fill_rect(lx + 92.0, c.y + 2.0, 14.0, 2.5, WORST);
        c.text(lx + 110.0, c.y + 6.5, "At worst", small);
    }
    for v in (0..=10).step_by(2) {
        let y = bottom - plot_h * v as f32 / 10.0;
        c.line(
            &[(left, y), (right, y)],
            RULE,
            if v == 0 { 0.8 } else { 0.4 },
        );
        let label = v.to_string();
        c.text_right(left - 5.0, y + 2.8, &label, small);
    }
    let n = points.len().max(1);
    let x_of = |i: usize| {
        if n == 1 {
            (left + right) / 2.0
        } else {
            left + 8.0 + (right - left - 16.0) * i as f32 / (n - 1) as f32
        }
    };
    let y_of = |v: u8| bottom - plot_h * f32::from(v.min(10)) / 10.0;
    for (series, colour, r) in [(1, WORST, 1.8), (0, ACCENT, 2.6)] {
        let values: Vec<(f32, f32)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let v = if series == 0 {
                    p.pain_now
                } else {
                    p.pain_worst
                };
                v.map(|v| (x_of(i), y_of(v)))
            })
            .collect();
        if values.len() > 1 {
            c.line(&values, colour, if series == 0 { 1.6 } else { 1.0 });
        }
        for (x, y) in values {
            marker(c, x, y, r, colour);
        }
    }
    // Date labels: all of them when they fit, else about eight evenly spaced.
    let label_w = points
        .iter()
        .map(|p| c.width_of(&p.label, small))
        .fold(0.0, f32::max)
        + 6.0;
    let fit = ((right - left) / label_w).floor().max(2.0) as usize;
    let every = n.div_ceil(fit.min(8)).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 || i == n - 1 {
            if i == n - 1 && i % every != 0 && i % every < every / 2 + 1 && n > 2 {
                continue;
            }
            let w = c.width_of(&p.label, small);
            let x = (x_of(i) - w / 2.0).clamp(left - 4.0, c.right - w);
            c.text(x, bottom + 12.0, &p.label, small.colour(MUTED));
        }
    }
    c.y = bottom + 22.0;
}
