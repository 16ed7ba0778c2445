package alumni

// IsReading reports whether s is a name reading Kizuna accepts (kana, with
// spaces, ー and ・; ASCII letters for foreign names), as in Validate.
func IsReading(s string) bool { return isReading(s) }
