//! The clinic's logo on the letterhead. Whatever the admin picks (PNG or JPEG, any size) is
//! stored once as a small PNG: scaled to fit 720 × 240 pixels (a 2.5 × 0.8 inch box at about
//! 300 dpi) and flattened onto white, so every document embeds the same few kilobytes and a
//! transparent logo prints the same in every viewer.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};

const MAX_WIDTH: u32 = 720;
const MAX_HEIGHT: u32 = 240;
/// Larger files are refused before decoding: a logo is never this big.
const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;

/// The stored logo, for the settings page's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LogoInfo {
    pub width: u32,
    pub height: u32,
    /// The PNG, base64-encoded (for a `data:` URL).
    pub png_base64: String,
}

fn refused(message: impl Into<String>) -> Error {
    Error::invalid("logo", message)
}

/// Decodes a PNG or JPEG, scales it down to fit the letterhead's box and returns it as an
/// RGB PNG.
pub fn normalise_logo(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused(
            "This image is larger than 15 MB. Export the logo at a smaller size (about 1000 pixels wide is plenty).",
        ));
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| refused(format!("The file could not be read: {e}")))?;
    if !matches!(reader.format(), Some(ImageFormat::Png | ImageFormat::Jpeg)) {
        return Err(refused(
            "Choose a PNG or JPEG image for the logo (other formats cannot be printed).",
        ));
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| {
        refused(format!(
            "This image is damaged or not really a PNG or JPEG ({e}). Export it again and choose the new file."
        ))
    })?;
    if decoded.width() < 16 || decoded.height() < 16 {
        return Err(refused(
            "This image is too small to print sharply: choose one at least 100 pixels wide.",
        ));
    }
    let fitted = if decoded.width() > MAX_WIDTH || decoded.height() > MAX_HEIGHT {
        decoded.resize(MAX_WIDTH, MAX_HEIGHT, image::imageops::FilterType::Lanczos3)
    } else {
        decoded
    };
    let flat = on_white(&fitted);
    let mut png = Vec::new();
    DynamicImage::ImageRgb8(flat)
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|e| Error::Internal(format!("the logo could not be encoded: {e}")))?;
    Ok(png)
}

fn on_white(img: &DynamicImage) -> RgbImage {
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let alpha = u16::from(a);
        let blend = |c: u8| ((u16::from(c) * alpha + 255 * (255 - alpha) + 127) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

/// The stored logo's PNG, if the clinic has one.
pub(crate) fn stored(db: &crate::db::Db<'_>) -> Result<Option<Vec<u8>>> {
    crate::settings::store::logo_png(db)
}

/// Width and height of a stored PNG (read from its header).
pub(crate) fn png_size(png: &[u8]) -> Result<(u32, u32)> {
    ImageReader::with_format(Cursor::new(png), ImageFormat::Png)
        .into_dimensions()
        .map_err(|e| Error::Internal(format!("the stored logo cannot be read: {e}")))
}

fn info(png: &[u8]) -> Result<LogoInfo> {
    let (width, height) = png_size(png)?;
    Ok(LogoInfo {
        width,
        height,
        png_base64: data_encoding::BASE64.encode(png),
    })
}

impl Clinic {
    /// The letterhead's logo, if the clinic has one.
    pub fn clinic_logo(&self, actor: &Actor) -> Result<Option<LogoInfo>> {
        actor.require(Operation::ReadClinicSettings)?;
        self.read_db(stored)?.as_deref().map(info).transpose()
    }

    /// Replaces the logo with the image in `bytes` (PNG or JPEG; scaled and flattened).
    pub fn set_clinic_logo(&self, actor: &Actor, bytes: &[u8]) -> Result<LogoInfo> {
        actor.require(Operation::ManageClinicSettings)?;
        let png = normalise_logo(bytes)?;
        self.write_db(|db| {
            crate::settings::store::set_logo_png(db, Some(&png))?;
            audit::record(db, Some(actor), Action::ChangeSettings, "clinic_logo", None)
        })?;
        info(&png)
    }

    /// Takes the logo off the letterhead.
    pub fn remove_clinic_logo(&self, actor: &Actor) -> Result<()> {
        actor.require(Operation::ManageClinicSettings)?;
        self.write_db(|db| {
            crate::settings::store::set_logo_png(db, None)?;
            audit::record(db, Some(actor), Action::ChangeSettings, "clinic_logo", None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(img: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        let written = img.write_to(&mut Cursor::new(&mut out), format);
        assert!(written.is_ok(), "{written:?}");
        out
    }

    #[test]
    fn a_large_transparent_logo_is_scaled_to_the_box_and_flattened_on_white() -> Result<()> {
        let clear = image::RgbaImage::from_pixel(2400, 400, image::Rgba([200, 0, 0, 0]));
        let png = normalise_logo(&encoded(DynamicImage::ImageRgba8(clear), ImageFormat::Png))?;
        assert_eq!(png_size(&png)?, (720, 120));
        let back = image::load_from_memory(&png).map_err(|e| Error::Internal(e.to_string()))?;
        assert_eq!(back.to_rgb8().get_pixel(10, 10).0, [255, 255, 255]);
        Ok(())
    }

    #[test]
    fn a_small_jpeg_keeps_its_size() -> Result<()> {
        let img = RgbImage::from_pixel(300, 100, image::Rgb([20, 90, 100]));
        let png = normalise_logo(&encoded(DynamicImage::ImageRgb8(img), ImageFormat::Jpeg))?;
        assert_eq!(png_size(&png)?, (300, 100));
        Ok(())
    }

    #[test]
    fn other_files_are_refused_with_a_message_about_the_logo() {
        for bytes in [&b"GIF89a not a logo"[..], b"\x89PNG\r\n\x1a\n broken", b""] {
            match normalise_logo(bytes) {
                Err(Error::Invalid(f)) => assert_eq!(f[0].field, "logo"),
                other => panic!("expected a refusal, got {other:?}"),
            }
        }
    }
}
