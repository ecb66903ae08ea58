//! Opening a registry file: a plain CSV or a ZIP holding exactly one, in UTF-8 or Shift_JIS
//! (CP932), read as a stream of UTF-8 bytes whatever its size.
//!
//! Encoding: a UTF-8 byte-order mark means UTF-8; otherwise the first 64 KiB decide: valid
//! UTF-8 (a sequence cut at the end of the sample allowed) is UTF-8, anything else CP932. A
//! byte that is not UTF-8 further into a file read as UTF-8 rejects only its row (the field is
//! checked when the row is read): the NTA's "Unicode" files are UTF-8 throughout, so such a
//! byte is damage, and re-reading the whole file as CP932 would garble every other row.

use crate::ImportError;
use encoding_rs::{Decoder, SHIFT_JIS};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::{Path, PathBuf};

const SAMPLE: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Cp932,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Cp932 => "Shift_JIS (CP932)",
        }
    }
}

/// A registry file, opened.
pub struct Input {
    path: PathBuf,
    kind: Container,
}

enum Container {
    Plain,
    /// The index of the one CSV entry.
    Zip(zip::ZipArchive<BufReader<File>>, usize),
}

impl Input {
    /// Opens `path`; a ZIP must hold exactly one file, a CSV.
    pub fn open(path: &Path) -> Result<Input, ImportError> {
        let io = |e| ImportError::Io(path.to_owned(), e);
        let mut file = File::open(path).map_err(io)?;
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic).map_err(io)?;
        if n == 0 {
            return Err(ImportError::Empty);
        }
        file.rewind().map_err(io)?;
        if magic != *b"PK\x03\x04" && magic != *b"PK\x05\x06" {
            return Ok(Input {
                path: path.to_owned(),
                kind: Container::Plain,
            });
        }
        let archive = zip::ZipArchive::new(BufReader::new(file))
            .map_err(|e| ImportError::Zip(e.to_string()))?;
        let files: Vec<(usize, String)> = (0..archive.len())
            .filter_map(|i| {
                let name = archive.name_for_index(i)?.ok()?.into_owned();
                // Folders, and the resource forks macOS adds, are not content.
                let noise = name.ends_with('/') || name.starts_with("__MACOSX/");
                (!noise).then_some((i, name))
            })
            .collect();
        match files.as_slice() {
            [(i, name)] if name.to_ascii_lowercase().ends_with(".csv") => Ok(Input {
                path: path.to_owned(),
                kind: Container::Zip(archive, *i),
            }),
            [] => Err(ImportError::NoCsvInZip(Vec::new())),
            [(_, name)] => Err(ImportError::NoCsvInZip(vec![name.clone()])),
            several => Err(ImportError::SeveralFilesInZip(
                several.iter().map(|(_, n)| n.clone()).collect(),
            )),
        }
    }

    /// The file's SHA-256 (of the file as given, ZIP or not), read in one pass before import.
    pub fn sha256(&self) -> Result<String, ImportError> {
        let io = |e| ImportError::Io(self.path.clone(), e);
        let mut file = File::open(&self.path).map_err(io)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = file.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        Ok(hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    }

    /// The content as UTF-8 bytes, with the encoding it was detected in.
    pub fn reader(&mut self) -> Result<(Box<dyn Read + '_>, Encoding), ImportError> {
        let path = self.path.clone();
        let io = move |e| ImportError::Io(path.clone(), e);
        let raw: Box<dyn Read + '_> = match &mut self.kind {
            Container::Plain => Box::new(File::open(&self.path).map_err(io.clone())?),
            Container::Zip(archive, i) => Box::new(
                archive
                    .by_index(*i)
                    .map_err(|e| ImportError::Zip(e.to_string()))?,
            ),
        };
        let mut raw = BufReader::with_capacity(256 * 1024, raw);
        let mut sample = vec![0u8; SAMPLE];
        let n = read_up_to(&mut raw, &mut sample).map_err(io)?;
        sample.truncate(n);
        if n == 0 {
            return Err(ImportError::Empty);
        }
        let encoding = detect(&sample);
        if sample.starts_with(b"\xEF\xBB\xBF") {
            sample.drain(..3);
        }
        let whole = io::Cursor::new(sample).chain(raw);
        Ok(match encoding {
            Encoding::Utf8 => (Box::new(whole), encoding),
            Encoding::Cp932 => (Box::new(Cp932Reader::new(whole)), encoding),
        })
    }
}

/// Reads until `buf` is full or the input ends (a single `read` may return less).
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The encoding of a file from its first bytes (see the module note).
pub fn detect(sample: &[u8]) -> Encoding {
    if sample.starts_with(b"\xEF\xBB\xBF") {
        return Encoding::Utf8;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => Encoding::Utf8,
        // A character cut by the end of the sample is not an error.
        Err(e) if e.error_len().is_none() && sample.len() - e.valid_up_to() < 4 => Encoding::Utf8,
        Err(_) => Encoding::Cp932,
    }
}

/// CP932 in, UTF-8 out, as a stream. Bytes that are not CP932 become U+FFFD, which rejects
/// their row when it is read.
struct Cp932Reader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    eof: bool,
}

impl<R: Read> Cp932Reader<R> {
    fn new(inner: R) -> Self {
        Cp932Reader {
            inner,
            // encoding_rs's Shift_JIS is the WHATWG one, i.e. CP932 (NEC and IBM extensions).
            decoder: SHIFT_JIS.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            output: vec![0; 3 * 64 * 1024 + 16],
            out_start: 0,
            out_end: 0,
            eof: false,
        }
    }
}

impl<R: Read> Read for Cp932Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.eof && self.start == self.end {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.start = 0;
                self.end = n;
                self.eof = n == 0;
            }
            let (_, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            self.start += read;
            self.out_start = 0;
            self.out_end = written;
            if self.eof && written == 0 && self.start == self.end {
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        assert_eq!(detect("法人".as_bytes()), Encoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB\xBF1,2"), Encoding::Utf8);
        let (sjis, _, _) = SHIFT_JIS.encode("特定非営利活動法人");
        assert_eq!(detect(&sjis), Encoding::Cp932);
        let cut = &"法人".as_bytes()[..4];
        assert_eq!(detect(cut), Encoding::Utf8, "a character cut by the sample");
        assert_eq!(detect(b"1,\x82\xa0,3"), Encoding::Cp932);
    }

    #[test]
    fn decodes_cp932_across_buffer_edges() {
        let text = "ｱ髙﨑①、きびの国\n".repeat(20_000);
        let (bytes, _, _) = SHIFT_JIS.encode(&text);
        let mut out = String::new();
        Cp932Reader::new(io::Cursor::new(bytes.into_owned()))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }
}
