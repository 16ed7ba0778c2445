// Package alumniio owns the exchange of alumni records with files: importing
// HR's leaver lists (CSV, TSV or .xlsx; UTF-8 with or without BOM, or
// Shift_JIS/CP932 as Excel writes it; Japanese or English headers; dates in
// Western, compact, Excel-serial or Japanese-era form) with a per-line report,
// and exporting the registry as CSV that Excel opens (UTF-8 with BOM or
// Shift_JIS) or as JSON.
//
// Import is all-or-nothing by default: nothing is written unless every row is
// valid. A dry run writes nothing and previews which rows would be created or
// updated; skip-invalid writes the valid rows and reports the rest. Records
// are written through an alumni.Bulk (one transaction) while later rows are
// still being read; the transaction commits only when the whole file may be
// written and is rolled back otherwise.
//
// An exported CSV re-imports cleanly: its headers are import headers.
package alumniio
