//! The WKSBM's stamp (cap/stempel, book 12): a PNG or JPEG image, recognised by its
//! content, never by a file name or a declared type.

pub const MAX_BYTES: usize = 512 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    pub fn media_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StampError {
    #[error("the stamp must be at most 512 KiB")]
    TooLarge,
    #[error("the content is not a PNG or JPEG image")]
    NotAnImage,
}

impl StampError {
    pub fn code(self) -> &'static str {
        match self {
            StampError::TooLarge => "stamp_too_large",
            StampError::NotAnImage => "stamp_not_image",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Recognises a PNG (signature followed by an IHDR chunk) or a JPEG (SOI marker at the
/// start, EOI marker at the end) within the size limit.
pub fn sniff(bytes: &[u8]) -> Result<ImageKind, StampError> {
    if bytes.len() > MAX_BYTES {
        return Err(StampError::TooLarge);
    }
    if bytes.len() > 16 && bytes.starts_with(PNG_SIGNATURE) && &bytes[12..16] == b"IHDR" {
        return Ok(ImageKind::Png);
    }
    if bytes.len() > 4 && bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9]) {
        return Ok(ImageKind::Jpeg);
    }
    Err(StampError::NotAnImage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        let mut v = PNG_SIGNATURE.to_vec();
        v.extend_from_slice(&[0, 0, 0, 13]);
        v.extend_from_slice(b"IHDR");
        v.extend_from_slice(&[0; 17]);
        v
    }

    #[test]
    fn recognises_by_content() {
        assert_eq!(sniff(&png()), Ok(ImageKind::Png));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]),
            Ok(ImageKind::Jpeg)
        );
        assert_eq!(sniff(b"GIF89a........"), Err(StampError::NotAnImage));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n but no header"),
            Err(StampError::NotAnImage)
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2]),
            Err(StampError::NotAnImage),
            "a JPEG cut short"
        );
        let mut big = png();
        big.resize(MAX_BYTES + 1, 0);
        assert_eq!(sniff(&big), Err(StampError::TooLarge));
    }
}
