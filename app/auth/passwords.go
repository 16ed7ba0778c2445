package auth

// HashPassword returns the bcrypt hash of pw, or ErrWeakPassword when pw is
// shorter than 10 characters or longer than 72 bytes (bcrypt's limit). The
// portal's optional member passwords use the same rules as HR users'.
func HashPassword(pw string) (string, error) { return hashPassword(pw) }

// CheckPassword reports whether pw matches hash; an empty hash (no such
// account) costs the same time and never matches, so timing tells nothing.
func CheckPassword(hash, pw string) bool { return checkPassword(hash, pw) }
