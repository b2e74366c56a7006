"""The deck's spacing and geometry: every length, share and count the slide planner and the slide drawers use.

Each field is declared once here with its default and what it sets; ``render/deck`` (the
planner), ``render/pptx`` and ``render/canvas`` read them from ``theme.deck`` and write no
number of their own (``tests/test_style_numbers.py`` keeps it so). Lengths are points on the
slide unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DeckMetrics:
    """Lengths and proportions of slides, shared by the PPTX, the slides PDF and the slide handout."""

    # -- how much a slide holds ------------------------------------------------------------
    min_body: float = 16.0  # smallest body text size; below it a slide body continues on a new slide
    min_table: float = 12.0  # smallest table text size; below it a table continues on a new slide
    max_bullets: int = 6  # paragraphs on one slide before a "(cont.)" slide
    agenda_max_items: int = 10  # sections listed on one agenda slide (more continue on the next)
    max_table_rows: int = 300  # a longer table shows its first rows in the deck, all in the handout
    fit_margin: float = 0.04  # share of a box's width kept free for drawers that wrap a little wider
    wide_fit_margin: float = 0.08  # more of the width kept free in paragraphs of East Asian or right-to-left text
    body_shrink: float = 4.0  # points a slide's body text may shrink below its size to fit on one slide
    body_shrink_step: float = 2.0  # points it shrinks by at each try

    # -- text frames (every text box of the PPTX, and the slides PDF drawing it) -----------------
    # a text box's inset at left and right, inside its frame: none, so that text starts where the box,
    # the table, the footer rule and the logo do (the margin); not PowerPoint's default 7.2 (issue 17)
    text_inset_x: float = 0.0
    text_inset_y: float = 3.6  # a text box's inset at top and bottom
    callout_pad_left: float = 18.0  # a callout's text, in from its box's left edge (past the accent bar)
    callout_pad_right: float = 12.0  # ... and from its right edge
    callout_pad_y: float = 10.0  # ... and from its top and bottom
    callout_bar_width: float = 4.0  # the accent bar down a callout box's left side
    balance_precision: float = 1.0  # points: how closely a balanced title's narrowest width is sought
    notes_space_after: float = 6.0  # between paragraphs of the speaker notes
    notes_bullet_indent: float = 18.0  # a bullet's hanging indent in the speaker notes
    viewer_inset_end: float = 12.0  # a text box's inset at the right when a viewer breaks its lines its own way
    empty_text_size: float = 12.0  # the size of the one empty paragraph a text box with no text holds

    # -- paragraphs --------------------------------------------------------------------------
    line_pitch: float = 1.2  # line pitch as a multiple of the size, on every slide paragraph
    tall_line_pitch: float = 1.5  # the same for Arabic, whose fonts reach far above and below Latin ones
    number_digit_ems: float = 0.55  # a list number's column: this many ems a digit,
    number_gap_ems: float = 0.45  # and this for its period and the gap after it (one digit: the list indent)
    list_indent: float = 1.0  # ems of the paragraph size: the indent per list level and a bullet's hanging indent
    space_after: float = 0.5  # ems of space after a top-level paragraph
    nested_space_after: float = 0.25  # ems of space after a second-level (nested list) paragraph
    superscript_baseline: float = 0.3  # share of the size a superscript's baseline is raised (PPTX; as PowerPoint)
    subscript_baseline: float = -0.25  # and a subscript's (lowered)
    code_tab_width: int = 4  # columns between tab stops in a code block's lines

    # -- titles of content slides ----------------------------------------------------------
    title_top: float = 0.7  # share of the slide's top margin above the title box
    title_pitch: float = 1.12  # a title's line pitch as a multiple of its size
    title_lines: int = 2  # lines a slide's title takes before it shrinks; its box is this many lines tall
    title_box_room: float = 9.0  # added to those lines' height in the title box (its insets and a little air)
    title_min_share: float = 0.6  # a title shrinks to this share of its size at most (then it wraps)
    title_min_size: float = 12.0  # and never below this size
    title_shrink_step: float = 2.0  # points a title too long for its lines shrinks by, step by step
    accent_gap: float = 5.0  # between the title box and the accent bar under it
    accent_width: float = 56.0  # the accent bar under a content slide's title
    accent_height: float = 4.0  # the thickness of the accent bars (content and cover slides)

    # -- body (lists, quotes, code, tables, images) --------------------------------------------
    title_body_gap: float = 18.0  # between the title box and the body box
    body_footer_gap: float = 10.0  # between the body box and the footer band

    # -- footer band of light slides ----------------------------------------------------------
    footer_height: float = 34.0  # the band at the bottom of a light slide: logo, footer text, slide number
    footer_text_drop: float = 4.0  # the footer's text boxes start this far below the band's top
    footer_text_trim: float = 8.0  # the footer's text boxes are the band's height less this tall
    footer_rule_gap: float = 6.0  # the rule over the footer, this far above its text boxes
    footer_rule_width: float = 0.75  # that rule's thickness
    footer_logo_drop: float = 2.0  # the logo, this far below the top of the footer's text boxes
    footer_logo_height: float = 20.0  # the logo's height in the footer
    footer_logo_max_width: float = 140.0  # and its widest
    footer_side_width: float = 160.0  # kept free beside the centred footer text at each side (logo, slide number)
    slide_number_width: float = 60.0  # the slide number's box, at the right margin
    footer_min_size: float = 7.0  # a long footer text shrinks to this size at least (then it is cut with "…")

    # -- cover (title) slide: shares of the slide height unless a length -----------------------
    cover_logo_height: float = 54.0  # the logo in the top-left corner
    cover_logo_width_divisor: float = 3.0  # the logo's widest: the slide width divided by this
    cover_title_top: float = 0.26  # share of the slide height above the title box
    cover_title_height: float = 0.3  # share of the slide height: the title box
    cover_title_lines: int = 3  # lines the cover title takes before it shrinks
    cover_title_min_share: float = 0.65  # the cover title shrinks to this share of its size at most
    cover_accent_gap: float = 4.0  # between the title box and the accent bar under it
    cover_accent_width: float = 72.0  # the accent bar under the cover title
    cover_subtitle_top: float = 0.6  # share of the slide height above the subtitle and event lines
    cover_subtitle_height: float = 0.36  # share of the slide height: their box

    # -- section divider: shares of the slide height unless a length ----------------------------
    divider_width_share: float = 0.75  # of the width inside the margins: a divider's number and title
    divider_number_height: float = 60.0  # the section number's box
    divider_title_drop: float = 64.0  # the section title's box starts this far below the number's top
    divider_title_height: float = 0.5  # share of the slide height: the section title's box
    divider_title_lines: int = 4  # lines the section title takes before it shrinks
    divider_title_min_share: float = 0.6  # the section title shrinks to this share of its size at most
    divider_logo_height: float = 24.0  # the small logo in the bottom-left corner, inside the margins
    divider_logo_max_width: float = 160.0  # and its widest

    # -- closing slide: shares of the slide height or width unless a length ----------------------
    closing_title_top: float = 0.3  # share of the slide height above "Questions?"
    closing_title_height: float = 0.22  # share of the slide height: its box
    closing_text_width: float = 0.55  # share of the slide width: the title's and the link's boxes
    closing_title_lines: int = 2  # lines "Questions?" takes before it shrinks
    closing_title_min_share: float = 0.7  # it shrinks to this share of its size at most
    closing_link_top: float = 0.54  # share of the slide height above the link
    closing_link_height: float = 0.2  # share of the slide height: the link's box
    qr_max_height: float = 0.42  # the QR code's side: at most this share of the slide height
    qr_max_width: float = 0.3  # and of the slide width (it is centred vertically at the right margin)
    closing_logo_height: float = 40.0  # the logo in the top-left corner
    closing_logo_width_divisor: float = 4.0  # the logo's widest: the slide width divided by this

    # -- images and captions -----------------------------------------------------------------------
    caption_room: float = 30.0  # kept free under an image for its caption
    caption_gap: float = 4.0  # between an image and its caption
    caption_height: float = 26.0  # the caption's box
    picture_name_length: int = 60  # characters of an image's alt text kept in its shape name (the alt text is whole)

    # -- tables ------------------------------------------------------------------------------
    table_cell_inset_x: float = 6.0  # a table cell's inset at left and right
    table_cell_inset_y: float = 4.0  # a table cell's inset at top and bottom
    statement_chars: int = 160  # a heading's one paragraph or quote this short is a statement slide
    statement_lines: int = 4  # ... on this many lines at most at its size,
    statement_min_share: float = 0.75  # ... shrinking to this share of it if need be
    statement_height: float = 0.8  # ... centred in this share of the body's height (a little above the middle)
    beside_text_share: float = 0.55  # points with a picture beside them take this share of the width
    beside_max_aspect: float = 1.6  # ... when the picture is no wider than this times its height
    above_max_share: float = 0.35  # a wide picture goes under points that take this share of the body at most
    compare_max_items: int = 6  # two sub-headings over this many points at most each stand side by side
    column_gap: float = 36.0  # between the columns of a ``:::: columns`` slide
    measure_chars: int = 65  # prose on a slide (paragraphs, not bullets) runs this many characters a line at most
    table_fill_share: float = 0.9  # of the body's height a table set larger than the table size may fill
    table_grow_step: float = 2.0  # points between the larger sizes a table that fits one slide is tried at
    table_shrink_step: float = 1.0  # points a table whose tallest row does not fit a slide shrinks by, step by step
    table_column_ems: float = 5.0  # a slide's table column is at least this many ems of the smallest table size wide
    table_min_columns: int = 2  # columns a slide's table shows at least, however narrow
    table_rule: float = 1.0  # the slides PDF's white rules between table cells, as the PPTX's table style draws them
    table_header_rule: float = 3.0  # and under the header row

    # -- the slides PDF: how LibreOffice shows the .pptx, in ems of the paragraph size ----------
    # (measured against LibreOffice's PDF of the deck; the PPTX leaves these to the viewer)
    pdf_descent: float = 0.2  # a line's baseline above its bottom (font-independent line spacing: ascent = size)
    # the deck's "•" is Arial's whatever the brand font (measured with Carlito and Liberation Sans text alike):
    pdf_bullet_dot_x: float = 0.16  # the dot's centre right of the bullet's origin
    pdf_bullet_dot_y: float = 0.395  # and above the baseline
    pdf_bullet_dot_radius: float = 0.137  # its radius
    pdf_check_box: float = 0.7  # a task's check box: its side
    pdf_check_box_gap: float = 0.05  # and its distance from the edge of the indent
    pdf_underline: float = 0.05  # a link's underline: thickness, and half its distance below the baseline
    pdf_strike_height: float = 0.3  # struck-out text: the line's height above the baseline
    pdf_link_top: float = 0.8  # a link's clickable area reaches this far above the baseline
    pdf_script_size: float = 0.66  # superscripts and subscripts: their size
    pdf_superscript_rise: float = 0.33  # a superscript's baseline above the line's
    pdf_subscript_rise: float = -0.12  # a subscript's (below it)

    # -- an SVG as a PNG (the deck's pictures; the PDFs draw SVGs as vectors) ------------------
    svg_png_px_per_pt: float = 2.0  # pixels a point of the shown size: sharp on a projector or a 2× screen
    svg_png_max_side: int = 2000  # pixels on the long side at most, whatever the size shown
    code_min_size: float = 14.0  # a slide holding code may shrink to this size to keep the block on one slide
    code_blank_reach: int = 3  # a code block split over slides is cut at a blank line up to this many lines early
    lead_chars: int = 90  # a bullet made from prose (its lead sentence) is cut at a clause to this many characters
    lead_sentences: int = 3  # a heading over one paragraph of prose shows this many of its sentences
    label_top: float = 5.0  # a section label ("05 · AI TOOLS", on the slides of a section without a divider): its top
    label_height: float = 20.0  # its box, above the title box
    panel_share: float = 0.5  # a template's filled shape this much of the slide is a panel: dark slides go dark on it
    min_body_share: float = 0.35  # of the slide's height: the least a template's body keeps, whatever it draws
    placeholder_inset: float = 7.2  # format: PowerPoint's text inset, which a template's footer placeholders keep
    slot_baseline: float = 0.35  # a footer placeholder's line (PDFs): its baseline this share of the size below
    # the box's middle, so the letters sit centred in its height
    divider_min_slides: int = 2  # a section with fewer content slides opens with a label, not a divider
    lead_clause_share: float = 1 / 3  # ... at a clause that keeps at least this share of them, else at a word
    slide_min_lines: int = 2  # a heading's slide of fewer lines shares a slide with the next heading's
    join_level: int = 3  # ... when that heading is this deep at least (a ``##`` starts a slide)
    spare_lines: int = 2  # lines kept free on a slide whose text a viewer breaks its own way (CJK, Arabic, code)
