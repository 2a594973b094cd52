// Package chart draws the report charts as self-contained SVG on the server: no
// JavaScript, no fonts or stylesheets to fetch, nothing from a CDN.
//
// Every chart is accessible and printable: the root element has role="img" and
// is labelled by its <title> and <desc> (the description spells the data out,
// so a screen reader hears the numbers, not just "chart"); a viewBox without a
// fixed size lets it scale to the width of a tablet or a printed page; colours
// come from [Palette], each at least 3:1 against white, and are never the only
// cue (values are labelled directly, lines differ by dash and marker, share
// segments by fill pattern). Numbers and the texts a chart writes itself (the
// generated description, "no data") are in the user's language, the Lang field
// of each chart: Vietnamese by default ("1.234", "98,5%", "Không có dữ liệu",
// see [FormatNumber] and [FormatPercent]) or English ("1,234", "98.5%",
// "No data", see [FormatNumberLang] and [FormatPercentLang]). All text,
// including unit and procedure names, is escaped. Output is deterministic: the same input gives
// the same bytes, which the golden files under testdata/ pin down. Empty data,
// all-zero data, NaN, infinities and huge values draw a valid chart rather
// than panicking.
package chart
