//! Uploaded files: accepted kinds recognised by their bytes, size limits, and the file name
//! people gave them.
//!
//! The client's content type and file name are never trusted for the kind: a renamed text or
//! HTML file must not be stored, or later served, as a PDF. The name is kept only for display
//! and for the name offered when downloading.

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Webp,
}

impl FileKind {
    pub fn content_type(&self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Webp => "image/webp",
        }
    }

    /// Without the dot; lower-case, so it can end a storage key.
    pub fn extension(&self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Webp => "webp",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpeg",
            FileKind::Webp => "webp",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Invalid> {
        match code.trim() {
            "pdf" => Ok(FileKind::Pdf),
            "png" => Ok(FileKind::Png),
            "jpeg" => Ok(FileKind::Jpeg),
            "webp" => Ok(FileKind::Webp),
            _ => Err(Invalid::UnknownChoice),
        }
    }

    pub fn is_image(&self) -> bool {
        !matches!(self, FileKind::Pdf)
    }

    /// Extensions people's files of this kind commonly carry (lower-case).
    fn known_extensions(&self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg", "jpe"],
            FileKind::Webp => &["webp"],
        }
    }

    const ALL: [FileKind; 4] = [FileKind::Pdf, FileKind::Png, FileKind::Jpeg, FileKind::Webp];
}

/// How far into a file the PDF header, and the `%%EOF` marker from its end, may lie. Readers
/// (Acrobat among them) tolerate this much junk before the header (mail gateways, some
/// scanners) and after the marker (trailing whitespace or NULs); so do we.
const PDF_WINDOW: usize = 1024;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The kind of file these bytes are, judged by their magic numbers alone.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return Some(FileKind::Png);
    }
    if bytes.starts_with(b"\xff\xd8\xff") {
        return Some(FileKind::Jpeg);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(FileKind::Webp);
    }
    // Images are tried first: their signature is at offset 0, so an image that happens to
    // carry "%PDF-" in its first kilobyte is still an image.
    if contains(&bytes[..bytes.len().min(PDF_WINDOW)], b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What a particular upload field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadRules {
    pub accepted: &'static [FileKind],
    pub max_bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// Documents filed per fiscal year (定款, 事業報告書, 活動計算書, 貸借対照表, 財産目録, …).
pub const DOCUMENT: UploadRules = UploadRules {
    accepted: &[FileKind::Pdf],
    max_bytes: 10 * MIB,
};

/// An organisation's logo.
pub const LOGO: UploadRules = UploadRules {
    accepted: &[FileKind::Png, FileKind::Jpeg, FileKind::Webp],
    max_bytes: MIB,
};

impl UploadRules {
    /// The limit in whole MiB, rounded up, as shown to people ("up to 10 MB").
    pub fn max_mb(&self) -> u64 {
        self.max_bytes.div_ceil(MIB)
    }

    /// For the `accept` attribute of `<input type="file">`; a hint to the browser only.
    pub fn accept_attribute(&self) -> String {
        let types: Vec<&str> = self.accepted.iter().map(|k| k.content_type()).collect();
        types.join(",")
    }
}

/// Checks an upload against `rules` and says what kind of file it is.
///
/// A PDF must also end (within its last kilobyte) with `%%EOF`. Without it the upload was
/// almost certainly cut short (a dropped connection, a proxy limit, a half-synced cloud
/// drive): viewers then show blank or missing pages, and the organisation would only learn of
/// it when the public complains. Saying "not a usable PDF" at upload time is kinder. Files
/// with incremental updates end with `%%EOF` too, so they pass.
pub fn check(bytes: &[u8], rules: &UploadRules) -> Result<FileKind, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::FileMissing);
    }
    if bytes.len() as u64 > rules.max_bytes {
        return Err(Invalid::FileTooLarge {
            max_mb: rules.max_mb(),
        });
    }
    let kind = sniff(bytes).ok_or(Invalid::FileType)?;
    if !rules.accepted.contains(&kind) {
        return Err(Invalid::FileType);
    }
    if kind == FileKind::Pdf
        && !contains(&bytes[bytes.len().saturating_sub(PDF_WINDOW)..], b"%%EOF")
    {
        return Err(Invalid::FileType);
    }
    Ok(kind)
}

const MAX_FILENAME_CHARS: usize = 100;

/// Invisible characters that reorder or hide text: "報告\u{202E}fdp.exe" would display as
/// "報告exe.pdf". Stripped so the name shown is the name stored.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// The person's file name, made safe to show and to offer on download.
///
/// Japanese names survive. They are put in NFC because macOS sends decomposed names (「データ」
/// as テ + ゛), which look right but compare and sort differently from what people type. The
/// extension always matches the content, whatever the name claimed.
pub fn safe_filename(original: &str, kind: FileKind) -> String {
    // Old browsers and some apps send the full path (`C:\Users\…\報告書.pdf`).
    let last = original.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .nfc()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect();
    let name = cleaned.trim();

    let (stem, extension) = split_extension(name, kind);
    let stem = stem.trim_start_matches(|c: char| c == '.' || c.is_whitespace());
    let extension = extension.unwrap_or(kind.extension());
    let room = MAX_FILENAME_CHARS - 1 - extension.chars().count();
    let stem: String = stem.chars().take(room).collect();
    // Trailing dots and spaces are dropped by Windows when saving; drop them here so the name
    // shown is the name saved.
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if stem.is_empty() {
        if kind.is_image() { "logo" } else { "document" }
    } else {
        stem
    };
    format!("{stem}.{extension}")
}

/// Splits off an extension of a kind we know. One matching `kind` is kept as written
/// ("Report.PDF"); one of another accepted kind is replaced ("logo.png" that is really a JPEG
/// becomes "logo.jpg"); anything else stays part of the name ("2024.04 総会資料" keeps its dot).
fn split_extension(name: &str, kind: FileKind) -> (&str, Option<&str>) {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return (name, None);
    };
    let lower = ext.to_ascii_lowercase();
    if kind.known_extensions().contains(&lower.as_str()) {
        (stem, Some(ext))
    } else if FileKind::ALL
        .iter()
        .any(|k| k.known_extensions().contains(&lower.as_str()))
    {
        (stem, None)
    } else {
        (name, None)
    }
}

/// A `Content-Disposition` header value (RFC 6266) carrying `filename` both as an ASCII
/// fallback and, for everything current, in UTF-8 (RFC 5987). Always visible ASCII, so it
/// is a valid header value whatever `filename` holds.
pub fn content_disposition(filename: &str, inline: bool) -> String {
    let disposition = if inline { "inline" } else { "attachment" };
    let fallback: String = filename
        .chars()
        .map(|c| match c {
            '"' | '\\' => '_',
            ' '..='~' => c,
            _ => '_',
        })
        .collect();
    let mut encoded = String::with_capacity(filename.len() * 3);
    for b in filename.bytes() {
        // RFC 5987 attr-char; everything else is percent-encoded.
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
        2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    const PNG: &[u8] =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";
    const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0";
    const HTML: &[u8] =
        b"<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>\n";
    const TEXT: &[u8] = "2024年度 事業報告書\n会員数: 42\n".as_bytes();

    #[test]
    fn kinds_round_trip_their_codes() {
        for kind in FileKind::ALL {
            assert_eq!(FileKind::parse(kind.code()), Ok(kind));
            assert!(kind.content_type().contains('/'));
            assert_eq!(kind.extension(), kind.extension().to_ascii_lowercase());
        }
        assert_eq!(FileKind::parse("gif"), Err(Invalid::UnknownChoice));
        assert_eq!(FileKind::Jpeg.extension(), "jpg");
        assert_eq!(FileKind::Pdf.content_type(), "application/pdf");
        assert_eq!(serde_json::to_string(&FileKind::Webp).unwrap(), "\"webp\"");
    }

    #[test]
    fn sniffs_real_headers() {
        assert_eq!(sniff(PDF), Some(FileKind::Pdf));
        assert_eq!(sniff(PNG), Some(FileKind::Png));
        assert_eq!(sniff(JPEG), Some(FileKind::Jpeg));
        assert_eq!(sniff(WEBP), Some(FileKind::Webp));
        assert_eq!(sniff(HTML), None);
        assert_eq!(sniff(TEXT), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(
            sniff(b"RIFF\0\0\0\0WAVEfmt "),
            None,
            "a WAV file is RIFF but not WebP"
        );
        assert_eq!(sniff(b"\xff\xd8"), None, "too short for JPEG");
        assert_eq!(sniff(b"PK\x03\x04"), None, "a .docx is a zip");
    }

    #[test]
    fn pdf_header_may_follow_leading_junk_within_a_kilobyte() {
        let mut late = vec![b' '; 1000];
        late.extend_from_slice(PDF);
        assert_eq!(sniff(&late), Some(FileKind::Pdf));
        let mut too_late = vec![b' '; PDF_WINDOW];
        too_late.extend_from_slice(PDF);
        assert_eq!(sniff(&too_late), None);
    }

    #[test]
    fn image_signature_wins_over_pdf_marker() {
        let mut png = PNG.to_vec();
        png.extend_from_slice(b"%PDF-1.4");
        assert_eq!(sniff(&png), Some(FileKind::Png));
    }

    #[test]
    fn documents_accept_only_complete_pdfs() {
        assert_eq!(check(PDF, &DOCUMENT), Ok(FileKind::Pdf));
        assert_eq!(check(PNG, &DOCUMENT), Err(Invalid::FileType));
        assert_eq!(check(HTML, &DOCUMENT), Err(Invalid::FileType));
        assert_eq!(
            check(TEXT, &DOCUMENT),
            Err(Invalid::FileType),
            "a text file renamed .pdf"
        );
        let truncated = &PDF[..PDF.len() - 20];
        assert_eq!(check(truncated, &DOCUMENT), Err(Invalid::FileType));
    }

    #[test]
    fn pdf_end_marker_may_be_followed_by_trailing_bytes() {
        let mut trailing = PDF.to_vec();
        trailing.extend_from_slice(&[0; 1000]);
        assert_eq!(check(&trailing, &DOCUMENT), Ok(FileKind::Pdf));
        let mut far = PDF.to_vec();
        far.extend_from_slice(&[0; PDF_WINDOW]);
        assert_eq!(check(&far, &DOCUMENT), Err(Invalid::FileType));
    }

    #[test]
    fn logos_accept_png_jpeg_and_webp_only() {
        assert_eq!(check(PNG, &LOGO), Ok(FileKind::Png));
        assert_eq!(check(JPEG, &LOGO), Ok(FileKind::Jpeg));
        assert_eq!(check(WEBP, &LOGO), Ok(FileKind::Webp));
        assert_eq!(check(PDF, &LOGO), Err(Invalid::FileType));
        assert_eq!(check(b"GIF89a\x01\0\x01\0", &LOGO), Err(Invalid::FileType));
        assert_eq!(
            check(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", &LOGO),
            Err(Invalid::FileType)
        );
    }

    #[test]
    fn empty_upload_is_missing() {
        assert_eq!(check(b"", &DOCUMENT), Err(Invalid::FileMissing));
        assert_eq!(check(b"", &LOGO), Err(Invalid::FileMissing));
    }

    #[test]
    fn size_limit_is_inclusive_and_reported_in_mib() {
        let mut exact = vec![b' '; (10 * MIB) as usize];
        exact[..PDF.len()].copy_from_slice(PDF);
        let end = exact.len() - 6;
        exact[end..].copy_from_slice(b"%%EOF\n");
        assert_eq!(check(&exact, &DOCUMENT), Ok(FileKind::Pdf));
        exact.push(b'\n');
        assert_eq!(
            check(&exact, &DOCUMENT),
            Err(Invalid::FileTooLarge { max_mb: 10 })
        );

        let mut big_logo = PNG.to_vec();
        big_logo.resize((MIB + 1) as usize, 0);
        assert_eq!(
            check(&big_logo, &LOGO),
            Err(Invalid::FileTooLarge { max_mb: 1 })
        );
    }

    #[test]
    fn max_mb_rounds_up() {
        let rules = UploadRules {
            accepted: &[FileKind::Pdf],
            max_bytes: MIB + 1,
        };
        assert_eq!(rules.max_mb(), 2);
        assert_eq!(DOCUMENT.max_mb(), 10);
        assert_eq!(LOGO.max_mb(), 1);
        assert_eq!(rules.max_bytes, MIB + 1);
    }

    #[test]
    fn accept_attribute_lists_content_types() {
        assert_eq!(DOCUMENT.accept_attribute(), "application/pdf");
        assert_eq!(LOGO.accept_attribute(), "image/png,image/jpeg,image/webp");
    }

    #[test]
    fn japanese_file_names_survive() {
        assert_eq!(
            safe_filename("2024年度 事業報告書.pdf", FileKind::Pdf),
            "2024年度 事業報告書.pdf"
        );
        assert_eq!(
            safe_filename("定款（令和6年改正）.PDF", FileKind::Pdf),
            "定款（令和6年改正）.PDF"
        );
        assert_eq!(
            safe_filename("2024.04 総会資料", FileKind::Pdf),
            "2024.04 総会資料.pdf"
        );
    }

    #[test]
    fn decomposed_names_from_macos_are_composed() {
        let nfd = "テ\u{3099}ータ.pdf";
        assert_eq!(safe_filename(nfd, FileKind::Pdf), "データ.pdf");
    }

    #[test]
    fn path_components_are_stripped() {
        assert_eq!(
            safe_filename("../../etc/passwd", FileKind::Pdf),
            "passwd.pdf"
        );
        assert_eq!(
            safe_filename("C:\\Users\\山田\\Desktop\\財産目録.pdf", FileKind::Pdf),
            "財産目録.pdf"
        );
        assert_eq!(safe_filename("/var/tmp/", FileKind::Pdf), "document.pdf");
        assert_eq!(safe_filename("..", FileKind::Pdf), "document.pdf");
    }

    #[test]
    fn hidden_and_empty_names_get_a_default_or_lose_the_dots() {
        assert_eq!(safe_filename("", FileKind::Pdf), "document.pdf");
        assert_eq!(safe_filename("   ", FileKind::Png), "logo.png");
        assert_eq!(safe_filename(".pdf", FileKind::Pdf), "document.pdf");
        assert_eq!(safe_filename(".htaccess", FileKind::Pdf), "htaccess.pdf");
        assert_eq!(safe_filename("...報告書.pdf", FileKind::Pdf), "報告書.pdf");
        assert_eq!(safe_filename("", FileKind::Jpeg), "logo.jpg");
    }

    #[test]
    fn control_and_reordering_characters_are_removed() {
        assert_eq!(
            safe_filename("報告\r\n書\0.pdf", FileKind::Pdf),
            "報告書.pdf"
        );
        assert_eq!(
            safe_filename("報告\u{202E}fdp.exe", FileKind::Pdf),
            "報告fdp.exe.pdf"
        );
        assert_eq!(safe_filename("\u{FEFF}ロゴ.png", FileKind::Png), "ロゴ.png");
    }

    #[test]
    fn extension_matches_the_content() {
        assert_eq!(safe_filename("logo.png", FileKind::Jpeg), "logo.jpg");
        assert_eq!(safe_filename("photo.JPEG", FileKind::Jpeg), "photo.JPEG");
        assert_eq!(
            safe_filename("report.docx", FileKind::Pdf),
            "report.docx.pdf"
        );
        assert_eq!(
            safe_filename("invoice.pdf.exe", FileKind::Pdf),
            "invoice.pdf.exe.pdf"
        );
        assert_eq!(safe_filename("名簿", FileKind::Pdf), "名簿.pdf");
    }

    #[test]
    fn long_names_are_cut_to_100_characters_keeping_the_extension() {
        let long = format!("{}.pdf", "報".repeat(300));
        let safe = safe_filename(&long, FileKind::Pdf);
        assert_eq!(safe.chars().count(), 100);
        assert!(safe.ends_with("報.pdf"));
        let spaced = format!("{} tail.pdf", "a".repeat(95));
        assert_eq!(
            safe_filename(&spaced, FileKind::Pdf),
            format!("{}.pdf", "a".repeat(95))
        );
    }

    #[test]
    fn content_disposition_carries_both_names() {
        assert_eq!(
            content_disposition("2024年度 事業報告書.pdf", true),
            "inline; filename=\"2024__ _____.pdf\"; \
             filename*=UTF-8''2024%E5%B9%B4%E5%BA%A6%20%E4%BA%8B%E6%A5%AD%E5%A0%B1%E5%91%8A%E6%9B%B8.pdf"
        );
        assert_eq!(
            content_disposition("report.pdf", false),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"
        );
    }

    #[test]
    fn content_disposition_cannot_break_out_of_the_header() {
        let value = content_disposition("a\"b\\c\r\nSet-Cookie: x=1;%.pdf", false);
        assert_eq!(
            value,
            "attachment; filename=\"a_b_c__Set-Cookie: x=1;%.pdf\"; \
             filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%3B%25.pdf"
        );
        assert!(value.bytes().all(|b| (b' '..=b'~').contains(&b)));
    }
}
