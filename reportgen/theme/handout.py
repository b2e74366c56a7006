"""The handout's spacing and geometry: every length a page renderer uses, by role.

Each field is declared once here with its default and what it sets; the renderers under
``render/handout``, ``render/pdf`` and the slide handout read them from ``theme.handout`` and
write no number of their own (``tests/test_style_numbers.py`` keeps it so). Lengths are
points unless a name says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

Point = tuple[float, float]

# Ordinary prose, for a font's average character width (letters, spaces and punctuation in
# the proportions of running text), from which the reading measure is set.
MEASURE_SAMPLE = ("Training academies teach the same material to many audiences, and they keep one guide for "
                  "it: every workshop and every client gets a handout that attendees keep and a deck.")


class Padding(NamedTuple):
    """From a box's edges to its content, in points."""

    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class HandoutMetrics:
    """Lengths and proportions of printed pages (the handout and the slide handout)."""

    # -- lines -------------------------------------------------------------------------------------
    hairline: float = 0.5  # every rule: header, footer, table rows, ---, footnotes, note lines, slide borders

    # -- running header and footer (every page after the cover) ------------------------------------
    header_rise: float = 14  # the header logo's foot, above the top margin
    header_logo_height: float = 16  # the header logo's height
    header_logo_max_width: float = 90  # a wide logo is narrowed to this
    header_title_rise: float = 4  # the title's baseline (right-aligned), above the logo's foot
    header_rule_drop: float = 5  # the header's rule, below the logo's foot
    footer_drop: float = 26  # the baseline of the footer text and of "Page N of M", below the bottom margin
    footer_rule_rise: float = 12  # the footer's rule, above that baseline
    page_number_room: int = 999  # the footer's text keeps room for "Page 999 of 999"
    furniture_gap: float = 12  # at least this between the header's logo and title, the footer's text and page number

    # -- cover -------------------------------------------------------------------------------------
    cover_band_share: float = 0.55  # the primary band across the top, as a share of the page's height
    cover_stripe_height: float = 6  # the secondary stripe under the band
    cover_logo_height: float = 46  # the logo in the band, its top on the top margin
    cover_title_rise: float = 40  # the subtitle's (else the title's) foot, above the band's lower edge
    cover_title_width_share: float = 0.9  # title and subtitle wrap at this share of the text width
    cover_title_gap: float = 10  # between the title and the subtitle
    cover_meta_drop: float = 50  # the author, event and date lines start this far below the band
    cover_meta_gap: float = 6  # between those lines
    cover_qr_size: float = 72.0  # the QR code of the guide's link, on the bottom margin
    cover_qr_link_gap: float = 14  # the link printed under the QR code: its baseline this far below the code

    # -- contents page -----------------------------------------------------------------------------
    contents_indent: float = 14  # a sub-heading's entry, in from a section's
    contents_number_width: float = 36.0  # the right-hand column for page numbers
    contents_section_number_width: float = 24.0  # the left-hand column for section numbers ("03")
    contents_leader_gap: float = 4  # between an entry's text and its dot leader, and the leader and the number

    # -- the reading measure -----------------------------------------------------------------------
    # Text runs at most ``measure_chars`` characters of ``MEASURE_SAMPLE`` a line (60–75 read best);
    # the text width left over is an open margin on the right for notes. Header, footer,
    # tables, figures and code keep the full text width.
    measure_chars: int = 72

    # -- a section's opening: label, title, accent bar ----------------------------------------------
    section_top_space: float = 16  # between the running header's rule zone and the "SECTION 03" label
    section_label_gap: float = 4  # between the label and the title
    section_bar_gap: float = 9  # between the title's last line and the accent bar
    section_bar_height: float = 3  # the accent bar under the title, as on the slides
    section_bar_width: float = 36  # its length
    section_balance_steps: int = 10  # halvings of the width range in balancing the title's lines

    # -- text and headings -------------------------------------------------------------------------
    inline_code_scale: float = 0.9  # `code` in a line of text: its size, as a share of the text's
    heading_levels: int = 3  # heading styles heading.1 to heading.3; deeper headings take the last
    rule_space_before: float = 6  # above a horizontal rule (---)
    rule_space_after: float = 10  # below it
    faq_gap_mm: float = 2.0  # below each question and its answer, in mm

    # -- lists -------------------------------------------------------------------------------------
    bullet_indent: float = 14  # a bullet list's text, in from the text around
    list_indent: float = 18  # a numbered, task or unmarked list's text, in from the text around
    list_number_gap: float = 4  # a numbered list's indent holds its widest number ("100.") and this gap
    list_item_space_after: float = 2  # between the items of a list
    list_space_after: float = 6  # below a list
    short_list_items: int = 6  # a top-level list of at most this many items ...
    short_list_chars: int = 600  # ... and fewer characters moves whole to the next page rather than split
    check_box_scale: float = 0.75  # a task's box: its side, as a share of the list text's size
    check_box_gap: float = 6  # from a task's box to its text

    # -- task-list boxes (☐ / ☑): their lines and tick, as shares of the box's side ----------------
    check_box_line: float = 0.08  # the box's outline width
    check_box_min_line: float = 0.5  # ... never thinner than this, in points
    check_tick_line: float = 0.13  # the tick's line width
    check_tick_min_line: float = 0.8  # ... never thinner than this, in points
    # the tick's start, bend and end, from the box's lower-left corner:
    check_tick: tuple[Point, Point, Point] = ((0.2, 0.5), (0.42, 0.22), (0.82, 0.8))

    # -- footnotes (at the end of a section) -------------------------------------------------------
    footnote_rule_width: str = "30%"  # the short rule above them, as a share of the text width
    footnote_rule_space_before: float = 10  # above that rule
    footnote_rule_space_after: float = 4  # between that rule and the first footnote
    footnote_indent: float = 14  # the footnotes' text, in from the text around (their numbers hang in it)
    footnote_space_after: float = 1  # between footnotes
    footnotes_space_after: float = 6  # below the last footnote

    # -- tables ------------------------------------------------------------------------------------
    table_cell_pad_x: float = 6.0  # a cell's padding, left and right
    table_cell_pad_top: float = 5  # a cell's padding above its text
    table_cell_pad_bottom: float = 6  # a cell's padding below its text
    table_min_text_width: float = 8.0  # the narrowest text a cell may have (a character or two) ...
    table_group_column_width: float = 60.0  # ... else the table is dealt out at about this width a column
    table_chunk_rows: int = 60  # rows per flowable, keeping long tables linear to lay out (even: zebra runs on)
    table_space_before: float = 6  # above a table
    table_space_after: float = 14  # below a table
    table_caption_space_before: float = 6  # above a table's caption (it stands above the table)
    table_caption_space_after: float = 3  # between a table's caption and the table

    # -- asides (quotes, callouts) and code --------------------------------------------------------
    aside_padding: Padding = Padding(15.0, 12.0, 8.0, 4.0)  # quotes and callouts: room for the bar on the left
    aside_bar_width: float = 3.0  # the coloured bar down a quote's or callout's left side
    aside_space_before: float = 4.0  # above a quote or callout
    aside_space_after: float = 12.0  # below a quote or callout
    code_padding: Padding = Padding(6.0, 6.0, 6.0, 6.0)  # a code block's box
    code_space_before: float = 6  # above a code block
    code_space_after: float = 12  # below a code block
    code_tab_stop: int = 4  # a tab in code stops at the next multiple of these columns, as in CommonMark

    # -- images and captions -----------------------------------------------------------------------
    image_max_height_share: float = 0.6  # an image's height at most, as a share of the text height
    image_space_before: float = 4  # above an image
    image_space_after: float = 8  # below an image
    figure_caption_space_before: float = 4  # above an image's caption
    figure_caption_space_after: float = 8  # below an image's caption

    # -- ruled note lines (the handout's notes pages and the slide handout) ------------------------
    note_line_pitch: float = 8.5 * 72 / 25.4  # 8.5 mm between ruled note lines, about a handwritten line
    note_line_slack: float = 0.01  # a line this little above the room left for lines is still drawn
    notes_least_room: float = 6 * note_line_pitch  # notes: fill rules a section's last page from this much room up
    notes_space_before: float = 18  # between a section's last text and the notes ruled under it
    notes_end_pages: int = 2  # notes: end puts this many notes pages at the back

    # -- slide handout (the deck printed 1, 2, 3 or 6 slides a page) -------------------------------
    slide_gap: float = 14.0  # between slides, and between a slide and its notes
    section_line_height: float = 14.0  # the strip above each slide where a section's name prints (no divider slide)
    section_line_size: float = 9.0  # ... in this size
    single_slide_height_share: float = 0.6  # layout 1: the slide's height at most, as a share of the text height
    slide_column_share: float = 0.55  # layout 3: the slides' width at most, as a share of the text width
    beside_gap_scale: float = 1.3  # layout 3: from a slide to its lines or notes, in slide gaps
    slide_notes_share: Mapping[int, float] = field(  # layouts 2 and 6 with notes printed: a row's share for them
        default_factory=lambda: {2: 0.38, 6: 0.42})
    slide_notes_scale: Mapping[int, float] = field(  # notes text by layout, as a share of the body size
        default_factory=lambda: {1: 0.9, 2: 0.82, 3: 0.74, 6: 0.7})
    slide_notes_min_size: float = 6.5  # ... never smaller than this
    slide_notes_leading: float = 1.3  # notes' line spacing, as a multiple of their size
    slide_notes_space_after: float = 0.4  # between notes paragraphs, as a share of their size
    slide_notes_bullet_space_after: float = 0.15  # ... and between the bullets of a list in them
    slide_notes_bullet_indent: float = 1.2  # a notes bullet's hanging indent, as a share of their size
    notes_heading_space_before: float = 6  # above "Slide N: … (notes, continued)"
    notes_heading_space_after: float = 4  # below it
    slide_bookmark_rise: float = 6  # a slide's bookmark (outline entry) lands this far above its top edge
