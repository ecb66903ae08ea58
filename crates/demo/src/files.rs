//! The demo's uploads, made by hand so the demo needs no PDF or image library: a one-page
//! PDF that any viewer opens, and a small PNG logo.

/// A one-page A4 PDF showing `lines` (ASCII; other characters become `?`) in Helvetica, one of
/// the standard fonts every viewer has, so nothing needs embedding.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT\n/F1 16 Tf\n72 770 Td\n22 TL\n");
    for line in lines {
        text.push_str(&format!("({}) '\n", pdf_string(line)));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
    ];
    // The second line's high bytes tell transfer tools the file is binary.
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    // Each cross-reference entry is exactly 20 bytes, its end of line included.
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.extend_from_slice(table.as_bytes());
    out
}

fn pdf_string(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' | ')' | '\\' => format!("\\{c}"),
            ' '..='~' => c.to_string(),
            _ => "?".to_owned(),
        })
        .collect()
}

/// The side of a generated logo, in pixels.
pub const LOGO_SIZE: u32 = 96;

/// A round logo: a disc of `colour` with a white motif (0 sun, 1 ring, 2 waves, 3 mountain,
/// 4 sprout) on a transparent background, edges smoothed by 4×4 supersampling.
pub fn logo_png(colour: [u8; 3], motif: u8) -> Vec<u8> {
    let size = LOGO_SIZE as usize;
    let mut raw = Vec::with_capacity(size * (size * 4 + 1));
    for y in 0..size {
        raw.push(0); // filter type: none
        for x in 0..size {
            let (mut disc, mut white) = (0u32, 0u32);
            for sy in 0..4 {
                for sx in 0..4 {
                    // Centred coordinates in -1..1.
                    let px = ((x * 4 + sx) as f64 + 0.5) / (size * 2) as f64 - 1.0;
                    let py = ((y * 4 + sy) as f64 + 0.5) / (size * 2) as f64 - 1.0;
                    if px * px + py * py <= 0.94 * 0.94 {
                        disc += 1;
                        if in_motif(motif, px, py) {
                            white += 1;
                        }
                    }
                }
            }
            // Transparent pixels keep colour 0; the rest mix the disc's colour with white.
            let blend = |c: u8| {
                let mixed = u32::from(c) * (disc - white) + 255 * white;
                mixed.checked_div(disc).unwrap_or(0) as u8
            };
            raw.extend_from_slice(&[
                blend(colour[0]),
                blend(colour[1]),
                blend(colour[2]),
                (disc * 255 / 16) as u8,
            ]);
        }
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&LOGO_SIZE.to_be_bytes());
    ihdr.extend_from_slice(&LOGO_SIZE.to_be_bytes());
    // 8 bits per channel, RGBA, deflate, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn in_motif(motif: u8, x: f64, y: f64) -> bool {
    let d = |cx: f64, cy: f64| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
    match motif % 5 {
        0 => d(0.0, -0.12) <= 0.34 || (y > 0.32 && y < 0.42 && x.abs() < 0.55),
        1 => (0.36..=0.56).contains(&d(0.0, 0.0)),
        2 => (0..3).any(|i| {
            let base = -0.3 + 0.3 * f64::from(i);
            (y - base - 0.08 * (x * 7.0).sin()).abs() < 0.06 && x.abs() < 0.62
        }),
        3 => y < 0.45 && y > -0.45 && x.abs() < (y + 0.45) * 0.75,
        _ => {
            let leaf = |cx: f64| d(cx, -0.12) <= 0.28 && d(-cx, -0.12) <= 0.55;
            leaf(0.2) || leaf(-0.2) || (x.abs() < 0.05 && y > -0.1 && y < 0.5)
        }
    }
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored (uncompressed) deflate blocks: larger than compressed data, but a
/// 96×96 logo is still under 40 KB, and no compressor is needed.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use hiroba_domain::uploads::{self, FileKind};

    #[test]
    fn the_pdf_passes_the_upload_check_and_its_xref_points_at_objects() {
        let bytes = pdf(&["Demo document: business report FY2025", "(sample) a\\b"]);
        assert_eq!(
            uploads::check(&bytes, &uploads::DOCUMENT),
            Ok(FileKind::Pdf)
        );
        let text = String::from_utf8_lossy(&bytes);
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(bytes[startxref..].starts_with(b"xref\n0 6\n"));
        let table = &bytes[startxref..];
        for i in 1..=5usize {
            let entry = &table[9 + 20 * i..9 + 20 * (i + 1)];
            let offset: usize = std::str::from_utf8(&entry[..10]).unwrap().parse().unwrap();
            assert!(
                bytes[offset..].starts_with(format!("{i} 0 obj").as_bytes()),
                "object {i}"
            );
        }
        assert!(text.contains("(\\(sample\\) a\\\\b) '"));
        assert!(bytes.ends_with(b"%%EOF\n"));
    }

    #[test]
    fn the_logo_passes_the_upload_check_with_valid_checksums() {
        for motif in 0..5 {
            let bytes = logo_png([0x2e, 0x6b, 0x30], motif);
            assert_eq!(uploads::check(&bytes, &uploads::LOGO), Ok(FileKind::Png));
            // Walk the chunks and check each CRC.
            let mut at = 8;
            let mut kinds = Vec::new();
            while at < bytes.len() {
                let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
                let body = &bytes[at + 4..at + 8 + len];
                let crc =
                    u32::from_be_bytes(bytes[at + 8 + len..at + 12 + len].try_into().unwrap());
                assert_eq!(crc32(body), crc);
                kinds.push(String::from_utf8_lossy(&body[..4]).into_owned());
                at += 12 + len;
            }
            assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
        }
    }

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        let z = zlib_stored(b"Wikipedia");
        assert_eq!(&z[z.len() - 4..], &0x11E6_0398u32.to_be_bytes());
    }
}
