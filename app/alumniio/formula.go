package alumniio

// Spreadsheet programs run a cell that starts with = + - @ as a formula, so
// a profile field such as "=HYPERLINK(...)" typed by an alumnus could act on
// HR's machine when the export is opened. Export writes such cells with a
// leading apostrophe (shown as text by Excel) and import removes it again.

func isFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// defuseFormula prefixes a cell that a spreadsheet would run as a formula.
func defuseFormula(s string) string {
	if s != "" && (isFormulaStart(s[0]) || s[0] == '\'' && len(s) > 1 && isFormulaStart(s[1])) {
		return "'" + s
	}
	return s
}

// restoreFormula undoes defuseFormula.
func restoreFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && (isFormulaStart(s[1]) || s[1] == '\'' && len(s) > 2 && isFormulaStart(s[2])) {
		return s[1:]
	}
	return s
}
