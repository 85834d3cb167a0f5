//! A small page-flow layout over printpdf: text in the embedded font, measured so that it
//! wraps instead of overflowing, a cursor that moves down the page and starts a new one when
//! the next block would not fit, and a footer with "Page x of y" written once the number of
//! pages is known. Coordinates here are points from the top-left corner.

use chrono::Utc;
use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use super::fonts::{fonts, printable, Face, Fonts, Slot};
use super::PaperSize;
use crate::error::{Error, Result};

pub(crate) type Colour = (f32, f32, f32);

pub(crate) const INK: Colour = (0.13, 0.15, 0.18);
pub(crate) const MUTED: Colour = (0.40, 0.44, 0.49);
pub(crate) const ACCENT: Colour = (0.16, 0.42, 0.47);
pub(crate) const RULE: Colour = (0.80, 0.83, 0.86);
pub(crate) const SHADE: Colour = (0.94, 0.96, 0.97);

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub face: Face,
    pub colour: Colour,
}

impl Style {
    pub const fn body() -> Self {
        Style {
            size: 9.5,
            face: Face::Regular,
            colour: INK,
        }
    }
    pub const fn small() -> Self {
        Style {
            size: 8.0,
            face: Face::Regular,
            colour: MUTED,
        }
    }
    pub const fn label() -> Self {
        Style {
            size: 8.0,
            face: Face::Bold,
            colour: MUTED,
        }
    }
    pub const fn heading() -> Self {
        Style {
            size: 11.5,
            face: Face::Bold,
            colour: ACCENT,
        }
    }
    pub const fn title() -> Self {
        Style {
            size: 17.0,
            face: Face::Bold,
            colour: INK,
        }
    }
    pub const fn bold(self) -> Self {
        Style {
            face: Face::Bold,
            ..self
        }
    }
    pub const fn colour(self, colour: Colour) -> Self {
        Style { colour, ..self }
    }
    pub const fn size(self, size: f32) -> Self {
        Style { size, ..self }
    }
    /// Baseline-to-baseline distance.
    pub fn leading(self) -> f32 {
        self.size * 1.38
    }
}

/// A piece of text in one style; a line of a paragraph is several of them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub style: Style,
}

pub(crate) fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
    }
}

/// One wrapped line: spans with their x offsets from the line's start.
pub(crate) type Laid = Vec<(f32, Span)>;

/// What the writer draws at the top of every page after the first (e.g. the patient's name
/// and the document's title), and in every footer.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunningText {
    pub header: String,
    pub footer_left: String,
}

pub(crate) struct Canvas {
    pub fonts: &'static Fonts,
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    top: f32,
    bottom: f32,
    /// The next free y (distance from the page's top).
    pub y: f32,
    pages: Vec<Vec<Op>>,
    running: RunningText,
    doc: PdfDocument,
    /// The embedded fonts, in [`Slot`] order.
    font_ids: Vec<printpdf::FontId>,
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn pt(x: f32, y_from_top: f32, height: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(height - y_from_top),
    }
}

impl Canvas {
    pub fn new(paper: PaperSize, running: RunningText) -> Result<Canvas> {
        let (width, height) = paper.points();
        let margin = 48.0;
        let fonts = fonts()?;
        let mut doc = PdfDocument::new("AcuChart");
        let font_ids = fonts.faces.iter().map(|f| doc.add_font(f)).collect();
        Ok(Canvas {
            fonts,
            width,
            height,
            left: margin,
            right: width - margin,
            top: 44.0,
            bottom: height - 52.0,
            y: 44.0,
            pages: vec![Vec::new()],
            running,
            doc,
            font_ids,
        })
    }

    pub fn content_width(&self) -> f32 {
        self.right - self.left
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    #[cfg(test)]
    pub fn page_number(&self) -> usize {
        self.pages.len()
    }

    /// Room left on this page.
    pub fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// Starts a new page when fewer than `needed` points are left on this one.
    pub fn ensure(&mut self, needed: f32) {
        if self.y + needed > self.bottom {
            self.new_page();
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
        if !self.running.header.is_empty() {
            let header = self.running.header.clone();
            let style = Style::small();
            self.text(self.left, self.y + style.size, &header, style);
            self.y += style.leading() + 4.0;
            self.hline(self.y, RULE, 0.5);
            self.y += 12.0;
        }
    }

    pub fn width_of(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(text, style.size, style.face)
    }

    /// Draws one line of text with its baseline at `baseline` (from the top). The text is
    /// split into runs by face, since Bold lacks most hanzi.
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        let text = printable(self.fonts, text);
        let mut runs: Vec<(Slot, String)> = Vec::new();
        for c in text.chars() {
            let slot = self.fonts.slot_for(c, style.face);
            match runs.last_mut() {
                Some((f, s)) if *f == slot => s.push(c),
                _ => runs.push((slot, c.to_string())),
            }
        }
        let height = self.height;
        let mut at = x;
        for (slot, run) in runs {
            let advance = self.fonts.width(&run, style.size, style.face);
            let Some(id) = self.font_ids.get(slot as usize) else {
                continue;
            };
            let handle = PdfFontHandle::External(id.clone());
            self.ops().extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: handle,
                    size: Pt(style.size),
                },
                Op::SetFillColor {
                    col: colour(style.colour),
                },
                Op::SetTextCursor {
                    pos: pt(at, baseline, height),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run)],
                },
                Op::EndTextSection,
            ]);
            at += advance;
        }
    }

    /// Right-aligned text ending at `right`.
    pub fn text_right(&mut self, right: f32, baseline: f32, text: &str, style: Style) {
        let w = self.width_of(text, style);
        self.text(right - w, baseline, text, style);
    }

    pub fn laid(&mut self, x: f32, baseline: f32, line: &Laid) {
        for (dx, s) in line {
            self.text(x + dx, baseline, &s.text, s.style);
        }
    }

    /// Places a PNG or JPEG with its top-left corner at (`x`, `y`), `width` × `height` points.
    pub fn image(&mut self, bytes: &[u8], x: f32, y: f32, width: f32, height: f32) -> Result<()> {
        let mut warnings = Vec::new();
        let raw = printpdf::RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|e| {
            Error::Internal(format!("an image for the document cannot be read: {e}"))
        })?;
        let dpi = raw.width as f32 * 72.0 / width.max(1.0);
        let scale_y = height / (raw.height as f32 * 72.0 / dpi);
        let id = self.doc.add_image(&raw);
        let bottom = self.height - (y + height);
        self.ops().push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(bottom)),
                dpi: Some(dpi),
                scale_y: Some(scale_y),
                ..Default::default()
            },
        });
        Ok(())
    }

    pub fn hline(&mut self, y: f32, c: Colour, thickness: f32) {
        let (l, r) = (self.left, self.right);
        self.line(&[(l, y), (r, y)], c, thickness);
    }

    pub fn line(&mut self, points: &[(f32, f32)], c: Colour, thickness: f32) {
        let height = self.height;
        let points = points
            .iter()
            .map(|(x, y)| LinePoint {
                p: pt(*x, *y, height),
                bezier: false,
            })
            .collect();
        self.ops().extend([
            Op::SetOutlineColor { col: colour(c) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            },
        ]);
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Colour) {
        self.polygon(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], c);
    }

    pub fn polygon(&mut self, points: &[(f32, f32)], c: Colour) {
        let height = self.height;
        let ring = PolygonRing {
            points: points
                .iter()
                .map(|(x, y)| LinePoint {
                    p: pt(*x, *y, height),
                    bezier: false,
                })
                .collect(),
        };
        self.ops().extend([
            Op::SetFillColor { col: colour(c) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![ring],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    /// Wraps spans to `width`: breaks at spaces, between hanzi, and inside a word that is
    /// wider than the whole line (a very long name), so that nothing runs past the edge.
    pub fn wrap(&self, spans: &[Span], width: f32) -> Vec<Laid> {
        let mut lines: Vec<Laid> = vec![Vec::new()];
        let mut x = 0.0_f32;
        for s in spans {
            let text = printable(self.fonts, &s.text);
            for (i, paragraph) in text.split('\n').enumerate() {
                if i > 0 {
                    lines.push(Vec::new());
                    x = 0.0;
                }
                for token in tokens(paragraph) {
                    let space = token == " ";
                    let w = self.width_of(&token, s.style);
                    if space && x == 0.0 {
                        continue;
                    }
                    if x + w > width + 0.01 && x > 0.0 && !space {
                        trim_end(lines.last_mut());
                        lines.push(Vec::new());
                        x = 0.0;
                    }
                    if w > width {
                        for c in token.chars() {
                            let cw = self.fonts.advance(c, s.style.face) * s.style.size;
                            if x + cw > width && x > 0.0 {
                                lines.push(Vec::new());
                                x = 0.0;
                            }
                            push(lines.last_mut(), x, c.to_string(), s.style);
                            x += cw;
                        }
                        continue;
                    }
                    push(lines.last_mut(), x, token, s.style);
                    x += w;
                }
            }
        }
        trim_end(lines.last_mut());
        lines
    }

    /// A wrapped paragraph at the cursor, across pages if need be.
    pub fn paragraph(&mut self, spans: &[Span], indent: f32, after: f32) {
        let leading = spans.iter().map(|s| s.style.leading()).fold(0.0, f32::max);
        let size = spans.iter().map(|s| s.style.size).fold(0.0, f32::max);
        let lines = self.wrap(spans, self.content_width() - indent);
        for line in &lines {
            self.ensure(leading);
            let x = self.left + indent;
            self.laid(x, self.y + size, line);
            self.y += leading;
        }
        self.y += after;
    }

    /// A section heading with a rule under it, kept with at least `keep` points of what follows.
    pub fn heading(&mut self, text: &str, keep: f32) {
        let style = Style::heading();
        self.ensure(style.leading() + 10.0 + keep);
        self.y += 6.0;
        self.text(self.left, self.y + style.size, text, style);
        self.y += style.leading();
        self.hline(self.y, RULE, 0.6);
        self.y += 7.0;
    }

    /// Writes the footers ("Page x of y") and returns the PDF's bytes and its page count.
    pub fn finish(mut self, title: &str, issued: &str) -> (Vec<u8>, u32) {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(total);
        let style = Style::small();
        let base = self.height - 30.0;
        let footer_left = std::mem::take(&mut self.running.footer_left);
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            self.hline(base - 11.0, RULE, 0.5);
            self.text(self.left, base, &footer_left, style);
            let right = self.right;
            self.text_right(
                right,
                base,
                &format!("{issued}   ·   Page {} of {total}", i + 1),
                style,
            );
            let ops = self.pages.pop().unwrap_or_default();
            out.push(PdfPage::new(
                printpdf::Mm::from(Pt(self.width)),
                printpdf::Mm::from(Pt(self.height)),
                ops,
            ));
        }
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        // printpdf's default is the Unix epoch; a viewer's properties show when it was made.
        if let Ok(now) = printpdf::OffsetDateTime::from_unix_timestamp(Utc::now().timestamp()) {
            let info = &mut self.doc.metadata.info;
            (
                info.creation_date,
                info.modification_date,
                info.metadata_date,
            ) = (now, now, now);
        }
        self.doc.metadata.info.document_title = title.to_owned();
        self.doc.metadata.info.creator = "AcuChart".to_owned();
        self.doc.metadata.info.producer = "AcuChart (printpdf)".to_owned();
        let bytes = self.doc.with_pages(out).save(&options, &mut Vec::new());
        (bytes, u32::try_from(total).unwrap_or(u32::MAX))
    }
}

fn push(line: Option<&mut Laid>, x: f32, text: String, style: Style) {
    if let Some(line) = line {
        match line.last_mut() {
            Some((_, s)) if s.style == style => s.text.push_str(&text),
            _ => line.push((x, span(text, style))),
        }
    }
}

fn trim_end(line: Option<&mut Laid>) {
    if let Some(line) = line {
        if let Some((_, s)) = line.last_mut() {
            let trimmed = s.text.trim_end().len();
            s.text.truncate(trimmed);
        }
    }
}

/// Words, single spaces, and single hanzi (which may break anywhere).
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c == ' ' || is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> Result<Canvas> {
        Canvas::new(PaperSize::A4, RunningText::default())
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() -> Result<()> {
        let c = canvas()?;
        let long = "Maximiliana-Konstantinopolitanische-Wolkenkratzerbewohnerin ".repeat(4)
            + "委中委中委中委中委中委中委中委中委中委中委中委中委中委中委中委中";
        let style = Style::body();
        for width in [40.0, 90.0, 200.0] {
            let lines = c.wrap(&[span(long.clone(), style)], width);
            assert!(lines.len() > 1);
            for line in &lines {
                let end = line
                    .iter()
                    .map(|(x, s)| x + c.width_of(&s.text, s.style))
                    .fold(0.0, f32::max);
                assert!(end <= width + 0.05, "{end} > {width}: {line:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn a_new_page_starts_when_a_block_does_not_fit() -> Result<()> {
        let mut c = canvas()?;
        c.y = c.bottom - 5.0;
        c.ensure(10.0);
        assert_eq!(c.page_number(), 2);
        Ok(())
    }
}
