// Package imaging checks and re-encodes uploaded images for every
// capability that stores them (profile photos, feed images): it decodes the
// upload to prove it is an image, refuses oversized files and pixel bombs
// before decoding them fully, and writes a fresh PNG or JPEG so metadata
// such as EXIF and GPS positions never reaches the database.
package imaging
