//! Reading the files mechcert is given (instances, certificates, the instances of a
//! directory), safely: only regular files, at most `limits::MAX_FILE_BYTES`, checked from
//! the file's metadata before it is opened (a FIFO without a writer, `/dev/zero` or a
//! directory is refused at once) and again while reading (a file may grow: at most one byte
//! past the limit is ever read). Text must be UTF-8; the first invalid byte is reported with
//! its line and column.

use std::io::Read;
use std::path::Path;

use crate::limits::MAX_FILE_BYTES;

/// What kind of non-regular file this is, for the message.
fn kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

fn regular(meta: &std::fs::Metadata) -> Result<(), String> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(format!(
            "is {}, not a regular file: give the path of an instance or certificate file",
            kind(&meta.file_type())
        ))
    }
}

fn too_large(size: u64) -> String {
    format!(
        "is {size} bytes, more than the limit of {MAX_FILE_BYTES} bytes (8 MiB) for one file: an instance or certificate is far smaller"
    )
}

/// The bytes of the regular file `path`, at most `MAX_FILE_BYTES` of them. The error says
/// what is wrong with the file (the caller names the file).
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    regular(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // the path may have been replaced between the two looks: check what was opened
    regular(&file.metadata().map_err(|e| format!("cannot read: {e}"))?)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "grew past the limit of {MAX_FILE_BYTES} bytes (8 MiB) while it was read"
        ));
    }
    Ok(bytes)
}

/// `bytes` as UTF-8 text, or where the first invalid byte is (line and column, 1-based; the
/// column counts characters).
pub fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        // the bytes before the error are valid UTF-8
        let column = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
        format!(
            "is not valid UTF-8: byte 0x{:02x} at line {line}, column {column} (save the file as UTF-8)",
            bytes[e.valid_up_to()]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_errors_have_line_and_column() {
        assert_eq!(utf8(b"ok\n"), Ok("ok\n"));
        let e = utf8(b"a = 1\nb = \"\xc3\xa9\xff\"\n").unwrap_err();
        // line 2: `b = "é` is 6 characters, the bad byte is the 7th
        assert!(e.contains("byte 0xff at line 2, column 7"), "{e}");
        let e = utf8(b"\xfe").unwrap_err();
        assert!(e.contains("line 1, column 1"), "{e}");
    }

    #[test]
    fn refuses_directories_and_missing_files() {
        let e = read_file(Path::new(".")).unwrap_err();
        assert!(e.starts_with("is a directory, not a regular file"), "{e}");
        let e = read_file(Path::new("/nonexistent/x.json")).unwrap_err();
        assert!(e.starts_with("cannot read: "), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices() {
        let e = read_file(Path::new("/dev/zero")).unwrap_err();
        assert!(e.starts_with("is a character device"), "{e}");
    }
}
