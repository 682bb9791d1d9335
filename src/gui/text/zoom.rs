//! Zoom, presentation, and the rule for when the side panels give way, so
//! that on a projector or a small screen the text keeps a readable width.
//!
//! Zoom scales the whole window (egui's zoom factor: every point is that
//! many more pixels). The window then has fewer points across, and the text
//! view re-wraps to what it is given; when what is left between the side
//! panels would be narrower than a readable column, the panels are folded
//! away (the tab strip then offers to show them) before the text shrinks.

use serde::{Deserialize, Serialize};

pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 3.0;
/// One press of Ctrl+Plus or Ctrl+Minus.
const ZOOM_STEP: f32 = 0.1;

/// The narrowest text column worth keeping the side panels for, in ems of
/// the reading font: about 45 characters of a line, 360 points at 16.
pub const MIN_TEXT_EMS: f32 = 22.5;

/// How much larger the reading text is in Presentation.
pub const PRESENTATION_SCALE: f32 = 1.5;

/// The zoom factor of the whole window, remembered between runs (1.0 is
/// 100%).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Zoom(f32);

impl Default for Zoom {
    fn default() -> Self {
        Zoom(1.0)
    }
}

impl Zoom {
    /// The factor, kept in range whatever a settings file held.
    pub fn factor(self) -> f32 {
        if self.0.is_finite() {
            self.0.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            1.0
        }
    }

    pub fn from_factor(factor: f32) -> Zoom {
        Zoom(Zoom(factor).factor())
    }

    /// One step larger, on whole tens of percent.
    pub fn zoomed_in(self) -> Zoom {
        self.step(1.0)
    }

    pub fn zoomed_out(self) -> Zoom {
        self.step(-1.0)
    }

    fn step(self, by: f32) -> Zoom {
        let tenths = (self.factor() / ZOOM_STEP).round() + by;
        Zoom::from_factor(tenths * ZOOM_STEP)
    }

    /// "150%".
    pub fn percent(self) -> String {
        format!("{:.0}%", self.factor() * 100.0)
    }
}

/// Whether the side panels can stay beside the text: the window is
/// `window_points` wide, the panels together `panels_points`, and the text
/// is set at `reading_points`.
pub fn side_panels_fit(window_points: f32, panels_points: f32, reading_points: f32) -> bool {
    window_points - panels_points >= MIN_TEXT_EMS * reading_points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_steps_in_make_150_percent_and_back_out_make_100() {
        let mut z = Zoom::default();
        for _ in 0..5 {
            z = z.zoomed_in();
        }
        assert_eq!(z.percent(), "150%");
        assert!((z.factor() - 1.5).abs() < 1e-6);
        for _ in 0..5 {
            z = z.zoomed_out();
        }
        assert!((z.factor() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn zoom_stops_at_its_bounds_and_a_bad_setting_reads_as_100_percent() {
        let mut z = Zoom::from_factor(2.95);
        z = z.zoomed_in().zoomed_in();
        assert_eq!(z.factor(), MAX_ZOOM);
        assert_eq!(Zoom(f32::NAN).factor(), 1.0);
        assert_eq!(Zoom(0.01).zoomed_out().factor(), MIN_ZOOM);
    }

    #[test]
    fn panels_give_way_when_the_text_would_be_narrower_than_a_readable_column() {
        // 1024 points with both panels (about 600) leave over 400: they stay.
        assert!(side_panels_fit(1024.0, 600.0, 16.0));
        // 1280 pixels at 150% are 853 points: 253 would be left, too few.
        assert!(!side_panels_fit(1280.0 / 1.5, 600.0, 16.0));
        // A larger reading font needs a wider column.
        assert!(!side_panels_fit(1024.0, 600.0, 24.0));
    }
}
