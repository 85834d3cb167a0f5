//! The blocks every document shares: the clinic's letterhead, the title with its details
//! grid, tables that wrap their cells and continue across pages with their header repeated,
//! and the signature block.

use super::canvas::{span, Canvas, Span, Style, ACCENT, MUTED, RULE, SHADE};
use super::logo::png_size;
use super::settings::DocumentSettings;
use crate::error::Result;

/// Who the document is from.
pub(crate) struct Letterhead<'a> {
    pub clinic_name: &'a str,
    pub settings: &'a DocumentSettings,
    /// The clinic's logo (PNG), printed left of the name.
    pub logo: Option<&'a [u8]>,
    /// Extra identifier lines (tax id, NPI) for billing documents.
    pub identifiers: Vec<String>,
}

/// The logo's box on the letterhead, in points: it is scaled to fit, keeping its shape.
const LOGO_BOX: (f32, f32) = (150.0, 54.0);

pub(crate) fn letterhead(
    c: &mut Canvas,
    head: &Letterhead<'_>,
    title: &str,
    subtitle: &str,
) -> Result<()> {
    let name_style = Style::title().colour(ACCENT);
    let top = c.y;
    // Logo and clinic name on the left, contact lines on the right.
    let contact: Vec<String> = head
        .settings
        .address
        .iter()
        .flat_map(|a| a.lines().map(str::to_owned).collect::<Vec<_>>())
        .chain(head.settings.phone.iter().map(|p| format!("Tel. {p}")))
        .chain(head.settings.email.iter().cloned())
        .chain(head.identifiers.iter().cloned())
        .collect();
    let contact_width = if contact.is_empty() {
        0.0
    } else {
        c.content_width() * 0.42
    };
    let mut name_x = c.left;
    let mut logo_bottom = top;
    if let Some(png) = head.logo {
        let (w, h) = png_size(png)?;
        let scale = (LOGO_BOX.0 / w as f32).min(LOGO_BOX.1 / h as f32);
        let (lw, lh) = (w as f32 * scale, h as f32 * scale);
        c.image(png, c.left, top, lw, lh)?;
        name_x += lw + 14.0;
        logo_bottom = top + lh;
    }
    let name_lines = c.wrap(
        &[span(head.clinic_name, name_style)],
        c.right - name_x - contact_width - 12.0,
    );
    // The name sits level with the middle of a logo taller than it.
    let name_height = name_lines.len() as f32 * name_style.leading();
    let mut y = top + ((logo_bottom - top - name_height) / 2.0).max(0.0);
    for line in &name_lines {
        c.laid(name_x, y + name_style.size, line);
        y += name_style.leading();
    }
    y = y.max(logo_bottom);
    let small = Style::small();
    let mut cy = top + 2.0;
    for line in &contact {
        let right = c.right;
        for laid in c.wrap(&[span(line.clone(), small)], contact_width) {
            let w: f32 = laid
                .iter()
                .map(|(x, s)| x + c.width_of(&s.text, s.style))
                .fold(0.0, f32::max);
            c.laid(right - w, cy + small.size, &laid);
            cy += small.leading();
        }
    }
    c.y = y.max(cy) + 6.0;
    c.fill_rect(c.left, c.y, c.content_width(), 2.0, ACCENT);
    c.y += 22.0;
    let t = Style::title();
    c.text(c.left, c.y + t.size * 0.8, title, t);
    if !subtitle.is_empty() {
        let s = Style::body().colour(MUTED);
        let right = c.right;
        c.text_right(right, c.y + t.size * 0.8, subtitle, s);
    }
    c.y += t.leading() + 6.0;
    Ok(())
}

/// Label / value pairs in two columns on a shaded panel.
pub(crate) fn details(c: &mut Canvas, pairs: &[(&str, String)]) {
    let label = Style::label();
    let value = Style::body();
    let pad = 8.0;
    let col_w = (c.content_width() - pad * 2.0) / 2.0;
    let label_w = 78.0;
    let rows: Vec<_> = pairs.chunks(2).collect();
    let mut laid_rows = Vec::new();
    let mut height = pad * 2.0;
    for row in &rows {
        let cells: Vec<_> = row
            .iter()
            .map(|(l, v)| {
                (
                    l.to_uppercase(),
                    c.wrap(&[span(v.clone(), value)], col_w - label_w - 8.0),
                )
            })
            .collect();
        let lines = cells.iter().map(|(_, v)| v.len()).max().unwrap_or(1).max(1);
        height += lines as f32 * value.leading() + 2.0;
        laid_rows.push((cells, lines));
    }
    c.ensure(height);
    let top = c.y;
    c.fill_rect(c.left, top, c.content_width(), height, SHADE);
    let mut y = top + pad;
    for (cells, lines) in laid_rows {
        for (i, (l, v)) in cells.iter().enumerate() {
            let x = c.left + pad + i as f32 * col_w;
            c.text(x, y + value.size, l, label);
            for (j, line) in v.iter().enumerate() {
                c.laid(
                    x + label_w,
                    y + value.size + j as f32 * value.leading(),
                    line,
                );
            }
        }
        y += lines as f32 * value.leading() + 2.0;
    }
    c.y = top + height + 10.0;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

pub(crate) struct Column<'a> {
    pub title: &'a str,
    /// Share of the content width.
    pub share: f32,
    pub align: Align,
}

pub(crate) fn col(title: &str, share: f32, align: Align) -> Column<'_> {
    Column {
        title,
        share,
        align,
    }
}

/// A table whose rows wrap inside their cells; a row taller than the room left continues on
/// the next page, which repeats the header.
pub(crate) fn table(c: &mut Canvas, columns: &[Column<'_>], rows: &[Vec<Vec<Span>>]) {
    let pad = 4.0;
    let total: f32 = columns.iter().map(|col| col.share).sum();
    let widths: Vec<f32> = columns
        .iter()
        .map(|col| c.content_width() * col.share / total.max(0.01))
        .collect();
    let xs: Vec<f32> = widths
        .iter()
        .scan(c.left, |x, w| {
            let at = *x;
            *x += w;
            Some(at)
        })
        .collect();
    let header = |c: &mut Canvas| {
        let style = Style::label();
        let h = style.leading() + pad * 2.0;
        c.fill_rect(c.left, c.y, c.content_width(), h, SHADE);
        for (i, col) in columns.iter().enumerate() {
            let title = col.title.to_uppercase();
            let base = c.y + pad + style.size;
            match col.align {
                Align::Left => c.text(xs[i] + pad, base, &title, style),
                Align::Right => c.text_right(xs[i] + widths[i] - pad, base, &title, style),
            }
        }
        c.y += h;
    };
    let body = Style::body();
    c.ensure(body.leading() * 3.0 + 20.0);
    header(c);
    for row in rows {
        let cells: Vec<_> = row
            .iter()
            .enumerate()
            .map(|(i, spans)| c.wrap(spans, widths.get(i).copied().unwrap_or(40.0) - pad * 2.0))
            .collect();
        let lead = row
            .iter()
            .flat_map(|spans| spans.iter().map(|s| s.style.leading()))
            .fold(body.leading(), f32::max);
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let height = lines as f32 * lead;
        // Keep short rows whole; a long one starts here and continues on the next page.
        if c.room() < height.min(120.0) + pad * 2.0 {
            c.new_page();
            header(c);
        }
        c.y += pad;
        for k in 0..lines {
            if c.room() < lead {
                c.new_page();
                header(c);
                c.y += pad;
            }
            for (i, cell) in cells.iter().enumerate() {
                let Some(line) = cell.get(k) else { continue };
                let size = line.iter().map(|(_, s)| s.style.size).fold(0.0, f32::max);
                let base = c.y + size;
                match columns.get(i).map_or(Align::Left, |col| col.align) {
                    Align::Left => c.laid(xs[i] + pad, base, line),
                    Align::Right => {
                        let w: f32 = line
                            .iter()
                            .map(|(x, s)| x + c.width_of(&s.text, s.style))
                            .fold(0.0, f32::max);
                        c.laid(xs[i] + widths[i] - pad - w, base, line);
                    }
                }
            }
            c.y += lead;
        }
        c.y += pad;
        let y = c.y;
        c.hline(y, RULE, 0.5);
    }
    c.y += 8.0;
}

/// The practitioner's signature line.
pub(crate) fn signature(c: &mut Canvas, name: &str, lines: &[String], date: &str) {
    let body = Style::body();
    c.ensure(90.0);
    c.y += 34.0;
    let w = 210.0;
    let y = c.y;
    let left = c.left;
    c.line(&[(left, y), (left + w, y)], MUTED, 0.7);
    let right = c.right;
    c.line(&[(right - 140.0, y), (right, y)], MUTED, 0.7);
    c.text(left, y + 12.0, name, body.bold());
    c.text(right - 140.0, y + 12.0, date, body);
    let mut ly = y + 12.0 + body.leading();
    for line in lines {
        c.text(left, ly, line, Style::small());
        ly += Style::small().leading();
    }
    c.text(
        right - 140.0,
        y + 12.0 + body.leading(),
        "Date",
        Style::small(),
    );
    c.y = ly + 6.0;
}
