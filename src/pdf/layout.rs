//! Low-level page drawing for the PDF renderers: built-in Helvetica text measured with its
//! AFM widths (so numbers can be right-aligned), wrapping, rules and page breaks.
use printpdf::{
    path::PaintMode, BuiltinFont, Color, Greyscale, IndirectFontRef, Line, Mm, PdfDocument, PdfDocumentReference,
    PdfLayerReference, Point, Rect,
};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const LEFT: f32 = 14.0;
pub const RIGHT: f32 = PAGE_W - 14.0;
pub const TOP: f32 = PAGE_H - 14.0;
/// Content stops here; the footer lives below.
pub const BOTTOM: f32 = 20.0;
const PT_TO_MM: f32 = 0.352_778;

/// Helvetica advance widths (1/1000 em) for ASCII 32..=126, from the Adobe AFM files.
const HELV: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];
const HELV_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

/// Maps text to what the WinAnsi-encoded built-in fonts can show. printpdf silently drops
/// anything else, so typographic punctuation gets an ASCII stand-in and the rest becomes '?'.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' '..='~' => out.push(c),
            '\u{a0}' | '\t' | '\n' | '\r' => out.push(' '),
            '\u{ad}' => {}
            '₹' => out.push_str("Rs."),
            '‘' | '’' | '′' => out.push('\''),
            '“' | '”' | '″' => out.push('"'),
            '–' | '—' | '‐' | '‑' | '−' | '·' | '•' => out.push('-'),
            '…' => out.push_str("..."),
            '€' => out.push_str("EUR"),
            '\u{a1}'..='\u{ff}' => out.push(c),
            c if c.is_control() => {}
            _ => out.push('?'),
        }
    }
    out
}

fn glyph_units(c: char, bold: bool) -> u32 {
    let table = if bold { &HELV_BOLD } else { &HELV };
    match c as u32 {
        n @ 32..=126 => table[(n - 32) as usize] as u32,
        _ => 556, // Latin-1 letters are close to an average lower-case glyph
    }
}

/// Width in mm of already-sanitized text.
pub fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    let units: u32 = s.chars().map(|c| glyph_units(c, bold)).sum();
    units as f32 / 1000.0 * size * PT_TO_MM
}

/// Cuts text to `max_w`, ending with "..." when something was dropped. One forward pass, so
/// a pathological 100 kB description stays cheap.
pub fn truncate(s: &str, size: f32, bold: bool, max_w: f32) -> String {
    if text_width(s, size, bold) <= max_w {
        return s.to_string();
    }
    let scale = size * PT_TO_MM / 1000.0;
    let budget = max_w - text_width("...", size, bold);
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += glyph_units(c, bold) as f32 * scale;
        if used > budget {
            break;
        }
        out.push(c);
    }
    format!("{}...", out.trim_end())
}

/// Greedy word wrap to `max_w` mm; honours newlines and breaks words longer than a line.
/// At most `max_lines` lines are returned, the last one truncated if text remains.
pub fn wrap(text: &str, size: f32, bold: bool, max_w: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let para = sanitize(para);
        let mut cur = String::new();
        for word in para.split_whitespace() {
            let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
            if text_width(&candidate, size, bold) <= max_w {
                cur = candidate;
                continue;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            // A single over-long word (e.g. a URL) is split by characters.
            for ch in word.chars() {
                cur.push(ch);
                if text_width(&cur, size, bold) > max_w {
                    cur.pop();
                    lines.push(std::mem::take(&mut cur));
                    cur.push(ch);
                }
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last} ..."), size, bold, max_w);
        }
    }
    lines
}

/// Line height in mm for a font size in points.
pub fn leading(size: f32) -> f32 {
    size * PT_TO_MM * 1.3
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

pub struct Canvas {
    doc: PdfDocumentReference,
    regular: IndirectFontRef,
    bold: IndirectFontRef,
    pages: Vec<PdfLayerReference>,
    /// Baseline cursor, in mm from the bottom of the current page.
    pub y: f32,
}

impl Canvas {
    pub fn new(title: &str) -> Result<Canvas, String> {
        let (doc, page, layer) = PdfDocument::new(sanitize(title), Mm(PAGE_W), Mm(PAGE_H), "Layer 1");
        let regular = doc.add_builtin_font(BuiltinFont::Helvetica).map_err(|e| e.to_string())?;
        let bold = doc.add_builtin_font(BuiltinFont::HelveticaBold).map_err(|e| e.to_string())?;
        let first = doc.get_page(page).get_layer(layer);
        Ok(Canvas { doc, regular, bold, pages: vec![first], y: TOP })
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        let (page, layer) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "Layer 1");
        self.pages.push(self.doc.get_page(page).get_layer(layer));
        self.y = TOP;
    }

    /// True (after starting a new page) when `h` mm do not fit above the bottom margin.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y - h < BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn layer(&self) -> &PdfLayerReference {
        self.pages.last().expect("canvas always has a page")
    }

    /// Draws one line of text; `x` is the left or right edge depending on `align`.
    pub fn text(&self, s: &str, size: f32, bold: bool, x: f32, y: f32, align: Align) {
        let s = sanitize(s);
        let x = match align {
            Align::Left => x,
            Align::Right => x - text_width(&s, size, bold),
        };
        let font = if bold { &self.bold } else { &self.regular };
        self.layer().use_text(s, size, Mm(x), Mm(y), font);
    }

    /// Like `text`, but shrinks (down to 5.5 pt) and then truncates so it stays within `max_w`.
    #[allow(clippy::too_many_arguments)] // a text call's natural arguments plus the width limit
    pub fn text_fit(&self, s: &str, size: f32, bold: bool, x: f32, y: f32, align: Align, max_w: f32) {
        let s = sanitize(s);
        let mut sz = size;
        while sz > 5.5 && text_width(&s, sz, bold) > max_w {
            sz -= 0.25;
        }
        let s = truncate(&s, sz, bold, max_w);
        self.text(&s, sz, bold, x, y, align);
    }

    /// Small grey text, for labels and the footer.
    pub fn muted(&self, s: &str, size: f32, x: f32, y: f32, align: Align) {
        let l = self.layer();
        l.save_graphics_state();
        l.set_fill_color(grey(0.4));
        self.text(s, size, false, x, y, align);
        l.restore_graphics_state();
    }

    /// Horizontal rule; `shade` 0.0 is black, 1.0 white.
    pub fn hline(&self, x1: f32, x2: f32, y: f32, width_pt: f32, shade: f32) {
        let l = self.layer();
        l.save_graphics_state();
        l.set_outline_color(grey(shade));
        l.set_outline_thickness(width_pt);
        l.add_line(Line {
            points: vec![(Point::new(Mm(x1), Mm(y)), false), (Point::new(Mm(x2), Mm(y)), false)],
            is_closed: false,
        });
        l.restore_graphics_state();
    }

    /// Filled background band, e.g. behind a table header.
    pub fn band(&self, x1: f32, y1: f32, x2: f32, y2: f32, shade: f32) {
        let l = self.layer();
        l.save_graphics_state();
        l.set_fill_color(grey(shade));
        l.add_rect(Rect::new(Mm(x1), Mm(y1), Mm(x2), Mm(y2)).with_mode(PaintMode::Fill));
        l.restore_graphics_state();
    }

    /// Rectangle outline.
    pub fn frame(&self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, shade: f32) {
        let l = self.layer();
        l.save_graphics_state();
        l.set_outline_color(grey(shade));
        l.set_outline_thickness(width_pt);
        l.add_rect(Rect::new(Mm(x1), Mm(y1), Mm(x2), Mm(y2)).with_mode(PaintMode::Stroke));
        l.restore_graphics_state();
    }

    /// Runs `f(canvas, page_no, total)` on every page (for footers that need the page count),
    /// then serialises the document.
    pub fn finish(mut self, f: impl Fn(&Canvas, usize, usize)) -> Result<Vec<u8>, String> {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        for (i, layer) in pages.into_iter().enumerate() {
            self.pages = vec![layer];
            f(&self, i + 1, total);
        }
        // Layer references hold only weak pointers, so the document can be unwrapped.
        self.pages.clear();
        self.doc.save_to_bytes().map_err(|e| e.to_string())
    }
}

fn grey(shade: f32) -> Color {
    Color::Greyscale(Greyscale::new(shade, None))
}

/// "Rs. 1,23,456.78" - the rupee sign is not in WinAnsi.
pub fn rupees(paise: i64) -> String {
    let sign = if paise < 0 { "-" } else { "" };
    format!("{sign}Rs. {}", digits(paise.unsigned_abs()))
}

/// "1,23,456.78" with Indian grouping, for table cells under an "in Rs." heading.
pub fn amount(paise: i64) -> String {
    let sign = if paise < 0 { "-" } else { "" };
    format!("{sign}{}", digits(paise.unsigned_abs()))
}

fn digits(a: u64) -> String {
    format!("{}.{:02}", crate::domain::money::group_digits(a / 100, true), a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_sanitizes() {
        assert_eq!(rupees(12_345_678), "Rs. 1,23,456.78");
        assert_eq!(rupees(-150_000), "-Rs. 1,500.00");
        assert_eq!(amount(i64::MIN), "-92,23,37,20,36,85,47,758.08");
        assert_eq!(rupees(i64::MIN), "-Rs. 92,23,37,20,36,85,47,758.08");
        assert_eq!(truncate(&"w".repeat(100_000), 8.0, false, 30.0), format!("{}...", "w".repeat(13)));
        assert_eq!(sanitize("A·B “x” ₹5 日本 café"), "A-B \"x\" Rs.5 ?? café");
        assert!((text_width("0123456789", 10.0, false) - 5.56 * 3.527_78).abs() < 0.01);
    }

    #[test]
    fn wraps_within_width() {
        let long = "Matte laminated visiting cards, 350 gsm, double-sided, rounded corners ".repeat(5);
        let lines = wrap(&long, 8.0, false, 50.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| text_width(l, 8.0, false) <= 50.0));
        assert!(lines[2].ends_with("..."));
        let url = wrap(&"x".repeat(300), 8.0, false, 20.0, 100);
        assert!(url.len() > 1 && url.iter().all(|l| text_width(l, 8.0, false) <= 20.0));
        assert!(wrap("", 8.0, false, 20.0, 3).is_empty());
    }
}
