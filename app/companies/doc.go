// Package companies owns the group companies every alumnus belongs to. A
// single company is created at install; a group adds its other companies so
// that one network serves them all (cross-company rehire comes as a plugin).
package companies
