//! "Shift pressed three times" for quick exit, as in the GOV.UK "Exit this
//! page" component: three lone presses of Shift, each within five seconds of
//! the one before. Shift held to type a capital never counts, and any other
//! key starts the count again.

/// Longest gap between two presses that still counts, in milliseconds.
pub const MAX_GAP_MS: i64 = 5_000;

/// Counts lone Shift presses from key events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShiftPresses {
    count: u8,
    last_ms: Option<i64>,
    shift_down: bool,
    used_with_other_key: bool,
}

impl ShiftPresses {
    /// A key went down (`key` is `KeyboardEvent.key`; `repeat` is true for
    /// auto-repeat while held).
    pub fn key_down(&mut self, key: &str, repeat: bool) {
        if key == "Shift" {
            if !repeat {
                self.shift_down = true;
                self.used_with_other_key = false;
            }
        } else {
            // Shift + letter is a capital; any other key breaks the sequence.
            self.used_with_other_key |= self.shift_down;
            self.reset();
        }
    }

    /// A key went up. Returns true when this completes the third press.
    pub fn key_up(&mut self, key: &str, now_ms: i64) -> bool {
        if key != "Shift" {
            return false;
        }
        let lone = self.shift_down && !self.used_with_other_key;
        self.shift_down = false;
        if !lone {
            self.reset();
            return false;
        }
        if self.last_ms.is_some_and(|last| now_ms - last > MAX_GAP_MS) {
            self.count = 0;
        }
        self.count += 1;
        self.last_ms = Some(now_ms);
        if self.count == 3 {
            self.reset();
            return true;
        }
        false
    }

    fn reset(&mut self) {
        self.count = 0;
        self.last_ms = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Presses Shift alone at `at`; returns whether exit fired.
    fn tap(presses: &mut ShiftPresses, at: i64) -> bool {
        presses.key_down("Shift", false);
        presses.key_up("Shift", at)
    }

    #[test]
    fn three_quick_presses_exit() {
        let mut p = ShiftPresses::default();
        assert!(!tap(&mut p, 0));
        assert!(!tap(&mut p, 1_000));
        assert!(tap(&mut p, 2_000));
    }

    #[test]
    fn the_count_starts_again_after_an_exit() {
        let mut p = ShiftPresses::default();
        tap(&mut p, 0);
        tap(&mut p, 1);
        assert!(tap(&mut p, 2));
        assert!(!tap(&mut p, 3));
    }

    #[test]
    fn a_gap_over_five_seconds_starts_again() {
        let mut p = ShiftPresses::default();
        tap(&mut p, 0);
        tap(&mut p, 1_000);
        assert!(!tap(&mut p, 1_000 + MAX_GAP_MS + 1));
        assert!(!tap(&mut p, 7_000));
        assert!(tap(&mut p, 8_000));
    }

    #[test]
    fn exactly_five_seconds_still_counts() {
        let mut p = ShiftPresses::default();
        tap(&mut p, 0);
        tap(&mut p, MAX_GAP_MS);
        assert!(tap(&mut p, 2 * MAX_GAP_MS));
    }

    #[test]
    fn shift_used_for_capitals_never_counts() {
        // Guards against exiting while someone types "I Am OK".
        let mut p = ShiftPresses::default();
        for (i, letter) in ["I", "A", "O", "K"].iter().enumerate() {
            p.key_down("Shift", false);
            p.key_down(letter, false);
            p.key_up(letter, i as i64);
            assert!(!p.key_up("Shift", i as i64));
        }
    }

    #[test]
    fn another_key_between_presses_starts_again() {
        let mut p = ShiftPresses::default();
        tap(&mut p, 0);
        tap(&mut p, 1);
        p.key_down("a", false);
        p.key_up("a", 2);
        assert!(!tap(&mut p, 3));
        assert!(!tap(&mut p, 4));
        assert!(tap(&mut p, 5));
    }

    #[test]
    fn holding_shift_is_one_press() {
        let mut p = ShiftPresses::default();
        p.key_down("Shift", false);
        for _ in 0..10 {
            p.key_down("Shift", true);
        }
        assert!(!p.key_up("Shift", 0));
        tap(&mut p, 1);
        assert!(tap(&mut p, 2));
    }
}
