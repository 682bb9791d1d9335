//! What the text widget does with the pointer and the keys: a drag
//! selects (from where the button went down; Alt keeps the exact chars), a
//! drag from an end of the selected mark moves that end (the pointer shows
//! a resize arrow there), a
//! double-click takes a word and a triple-click a sentence, a click picks
//! the innermost mark under it or puts the caret; the arrows, Home and End
//! move the caret (Shift, read from each key press, extends the selection
//! from its anchor), up and down keeping its horizontal place. Hovering over marks or *Compare with* items shows
//! their card. It only returns `Action`s: the app changes the session.

use egui::{EventFilter, Key, Pos2, Ui};

use super::layout::Lay;
use super::{TextInput, TextView};
use crate::grade::Item;
use crate::gui::app::commands::{Action, Selection};
use crate::gui::text::marks::Highlight;
use crate::text::{ArticleText, CharPos, CharRange, Edge};

/// How far the pointer moves before a card shows again after marking.
const HOVER_QUIET_POINTS: f32 = 6.0;

impl TextView {
    pub(super) fn interact(
        &mut self,
        ui: &Ui,
        input: &TextInput<'_>,
        response: &egui::Response,
        origin: Pos2,
        actions: &mut Vec<Action>,
    ) {
        let local = |p: Pos2| p - origin;
        let alt = ui.input(|i| i.modifiers.alt);
        let selected =
            (input.selected_mark).and_then(|id| input.marks.iter().find(|m| &m.id == id));
        if response.drag_started() {
            // Anchor where the button went down, not where the drag was
            // recognised (a few pixels later).
            let press = ui.input(|i| i.pointer.press_origin());
            match (press.and_then(|p| self.gap_at(local(p))), selected) {
                (Some(g), Some(m)) if g == m.end => self.edge_drag = Some((Edge::End, m.start)),
                (Some(g), Some(m)) if g == m.start => self.edge_drag = Some((Edge::Start, m.end)),
                (Some(anchor), _) => self.drag_anchor = Some((anchor, alt)),
                (None, _) => {}
            }
            response.request_focus();
        }
        if self.edge_drag.is_some() && (response.dragged() || response.drag_stopped()) {
            self.drag_edge(input, response, origin, alt, actions);
        }
        if response.dragged() || response.drag_stopped() {
            if let (Some((anchor, exact)), Some(p)) =
                (self.drag_anchor, response.interact_pointer_pos())
                && let Some(head) = self.gap_at(local(p))
            {
                let sel = Selection {
                    anchor,
                    head,
                    exact: exact || alt,
                };
                if input.selection != Some(sel) {
                    actions.push(Action::SetSelection(Some(sel)));
                }
            }
            if response.drag_stopped() {
                self.drag_anchor = None;
            }
        }
        // A double-click takes the word under the pointer, a triple-click
        // its sentence, ready for a category key.
        let gesture = if response.triple_clicked() {
            Some(crate::text::sentence_at as fn(&ArticleText, CharPos) -> Option<CharRange>)
        } else if response.double_clicked() {
            Some(crate::text::word_at as fn(&ArticleText, CharPos) -> Option<CharRange>)
        } else {
            None
        };
        if let Some(take) = gesture {
            response.request_focus();
            let range = response
                .interact_pointer_pos()
                .and_then(|p| self.char_at(local(p)))
                .and_then(|c| take(input.text, c));
            if let Some(r) = range {
                actions.push(Action::SelectMark(None));
                actions.push(Action::SetSelection(Some(Selection {
                    anchor: r.start,
                    head: r.end,
                    exact: true,
                })));
            }
        } else if response.clicked() {
            response.request_focus();
            if let Some(p) = response.interact_pointer_pos() {
                let under = self.char_at(local(p));
                let hit = under.and_then(|c| self.highlights_at(c).first().map(|h| h.mark));
                match hit.and_then(|m| input.marks.get(m)) {
                    Some(mark) => {
                        actions.push(Action::SetSelection(None));
                        actions.push(Action::SelectMark(Some(mark.id.clone())));
                    }
                    None => {
                        let gap = self.gap_at(local(p));
                        actions.push(Action::SelectMark(None));
                        actions.push(Action::SetSelection(gap.map(|g| Selection {
                            anchor: g,
                            head: g,
                            exact: false,
                        })));
                    }
                }
            }
        }
        // An end of the selected mark can be dragged: the pointer says so.
        if let Some(p) = response.hover_pos().filter(|_| self.drag_anchor.is_none()) {
            let gap = self.gap_at(local(p));
            if self.edge_drag.is_some()
                || selected.is_some_and(|m| gap == Some(m.start) || gap == Some(m.end))
            {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
            }
        }
        if response.hovered()
            && self.drag_anchor.is_none()
            && self.edge_drag.is_none()
            && let Some(p) = response.hover_pos()
        {
            let under = self.char_at(local(p));
            let hs: Vec<usize> = under
                .map(|c| self.highlights_at(c).iter().map(|h| h.mark).collect())
                .unwrap_or_default();
            // Not right after a mark was made under the pointer: the card
            // would hide the inspector's fields the user turns to next.
            let just_marked = self
                .hover_quiet_at
                .is_some_and(|at| at.distance(p) < HOVER_QUIET_POINTS);
            if !just_marked {
                self.hover_quiet_at = None;
            }
            let items: Vec<&Item> = under.map(|c| self.overlay_at(c)).unwrap_or_default();
            if (!hs.is_empty() || !items.is_empty()) && !just_marked {
                self.hover_card_ui(ui, input, &hs, &items, p);
            }
        }
    }

    /// A drag from an end of the selected mark: the mark's new extent shows
    /// as the selection while the button is down, and is asked for when it
    /// is let go (whole words unless Alt is held).
    fn drag_edge(
        &mut self,
        input: &TextInput<'_>,
        response: &egui::Response,
        origin: Pos2,
        alt: bool,
        actions: &mut Vec<Action>,
    ) {
        let Some((edge, fixed)) = self.edge_drag else {
            return;
        };
        let head = response
            .interact_pointer_pos()
            .and_then(|p| self.gap_at(p - origin));
        let sel = head.map(|head| Selection {
            anchor: fixed,
            head,
            exact: alt,
        });
        if response.drag_stopped() {
            self.edge_drag = None;
            actions.push(Action::SetSelection(None));
            if let (Some(to), Some(mark)) = (sel, input.selected_mark) {
                actions.push(Action::MoveMarkEdge {
                    mark: mark.clone(),
                    edge,
                    to,
                });
            }
        } else if sel.is_some() && input.selection != sel {
            actions.push(Action::SetSelection(sel));
        }
    }

    pub(super) fn keyboard(
        &mut self,
        ui: &Ui,
        input: &TextInput<'_>,
        response: &egui::Response,
        lay: &Lay<'_>,
        actions: &mut Vec<Action>,
    ) {
        let focused = ui.memory(|m| m.focused());
        if focused.is_some() && focused != Some(response.id) {
            return;
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    },
                )
            });
        }
        // Each press with the modifiers of its own event, not the frame's:
        // Shift tapped with → can be let go before the frame is drawn, and
        // the press must still extend the selection from its anchor.
        let moves: Vec<(Key, bool)> = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key:
                            key @ (Key::ArrowLeft
                            | Key::ArrowRight
                            | Key::ArrowUp
                            | Key::ArrowDown
                            | Key::Home
                            | Key::End),
                        pressed: true,
                        modifiers,
                        ..
                    } => Some((*key, modifiers.shift)),
                    _ => None,
                })
                .collect()
        });
        if moves.is_empty() {
            return;
        }
        let len = input.text.char_len();
        // With no selection, the caret starts after the selected mark (just
        // made, or clicked), where the reader is, not at the article's top.
        let start = (input.selected_mark)
            .and_then(|id| input.marks.iter().find(|m| &m.id == id))
            .map_or(CharPos(0), |m| m.end);
        let current = input.selection.unwrap_or(Selection {
            anchor: start,
            head: start,
            exact: false,
        });
        let (mut anchor, mut head) = (current.anchor, current.head);
        for (key, shift) in moves {
            head = match key {
                Key::ArrowLeft => CharPos(head.0.saturating_sub(1)),
                Key::ArrowRight => CharPos((head.0 + 1).min(len)),
                Key::ArrowUp | Key::ArrowDown => self.vertical(ui, lay, head, key == Key::ArrowUp),
                Key::Home | Key::End => self.row_edge(ui, lay, head, key == Key::End),
                _ => head,
            };
            if !matches!(key, Key::ArrowUp | Key::ArrowDown) {
                self.caret_x = None;
            }
            // Without Shift the selection is let go: the caret is its anchor.
            if !shift {
                anchor = head;
            }
        }
        actions.push(Action::SetSelection(Some(Selection {
            anchor,
            head,
            exact: current.exact,
        })));
        // Into view if it left it, no further: the text stays put.
        self.scroll_to = Some((head, None));
    }

    fn vertical(&mut self, ui: &Ui, lay: &Lay<'_>, pos: CharPos, up: bool) -> CharPos {
        let i = self.para_of(pos);
        if self.lay_out_para(ui, lay, i) != 0.0 {
            self.restack();
        }
        let Some(p) = self.paras.get(i) else {
            return pos;
        };
        let Some(layout) = &p.layout else {
            return pos;
        };
        let local = pos.0.saturating_sub(p.start).min(p.len);
        let row = layout.row_of(local);
        let x = self
            .caret_x
            .unwrap_or_else(|| layout.caret_rect(local).min.x);
        let (start, plen) = (p.start, p.len);
        if up && row > 0 {
            let c = layout.gap_in_row(row - 1, x);
            self.caret_x = Some(x);
            return CharPos(start + c);
        }
        if !up && row + 1 < layout.rows() {
            let c = layout.gap_in_row(row + 1, x);
            self.caret_x = Some(x);
            return CharPos(start + c);
        }
        self.caret_x = Some(x);
        // Into the next or previous paragraph, at the same x.
        let j = if up {
            match i.checked_sub(1) {
                Some(j) => j,
                None => return CharPos(0),
            }
        } else if i + 1 < self.paras.len() {
            i + 1
        } else {
            return CharPos(start + plen);
        };
        if self.lay_out_para(ui, lay, j) != 0.0 {
            self.restack();
        }
        let q = &self.paras[j];
        let Some(layout) = &q.layout else {
            return CharPos(q.start);
        };
        let row = if up {
            layout.rows().saturating_sub(1)
        } else {
            0
        };
        CharPos(q.start + layout.gap_in_row(row, x).min(q.len))
    }

    fn row_edge(&mut self, ui: &Ui, lay: &Lay<'_>, pos: CharPos, end: bool) -> CharPos {
        let i = self.para_of(pos);
        if self.lay_out_para(ui, lay, i) != 0.0 {
            self.restack();
        }
        let Some(p) = self.paras.get(i) else {
            return pos;
        };
        let Some(layout) = &p.layout else { return pos };
        let local = pos.0.saturating_sub(p.start).min(p.len);
        let bounds = layout.row_bounds(local);
        let c = if end { bounds.end } else { bounds.start };
        CharPos(p.start + c.min(p.len))
    }

    /// Highlights under a char, innermost (shortest) first.
    fn highlights_at(&self, pos: CharPos) -> Vec<&Highlight> {
        let i = self.para_of(pos);
        let mut found: Vec<&Highlight> = self
            .per_para
            .get(i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&h| &self.marks.highlights[h as usize])
            .filter(|h| h.range.start <= pos && pos < h.range.end)
            .collect();
        found.sort_by_key(|h| h.range.len());
        found
    }

    /// Overlay items under a char.
    fn overlay_at(&self, pos: CharPos) -> Vec<&Item> {
        let i = self.para_of(pos);
        self.overlay_per_para
            .get(i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&n| &self.marks.overlay[n as usize])
            .filter(|item| {
                let r = item.range();
                r.start <= pos && pos < r.end
            })
            .collect()
    }

    /// Keeps the hover card away until the pointer moves: a mark was just
    /// made (or chosen) under it.
    pub fn quiet_hover(&mut self, ctx: &egui::Context) {
        self.hover_quiet_at = ctx.input(|i| i.pointer.hover_pos());
    }
}
