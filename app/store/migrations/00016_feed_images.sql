-- +goose Up
-- Images in feed posts (app/feed): uploaded by HR or an alumnus, re-encoded
-- by app/imaging and served to members and HR only. Comments get an edit time
-- for the "編集済み" marker.
CREATE TABLE feed_images (
    id          INTEGER PRIMARY KEY,
    alumnus_id  INTEGER REFERENCES alumni(id) ON DELETE CASCADE, -- an alumnus's upload
    uploaded_by TEXT NOT NULL,                                   -- actor string (hr user or alumnus)
    data        BLOB NOT NULL,                                   -- JPEG as re-encoded
    created_at  TEXT NOT NULL
);
CREATE INDEX feed_images_alumnus ON feed_images(alumnus_id);

ALTER TABLE feed_comments ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE feed_comments DROP COLUMN updated_at;
DROP TABLE feed_images;
