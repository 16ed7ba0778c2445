-- +goose Up
-- Images in feed posts (app/feed): uploaded by HR or an alumnus, re-encoded
-- by app/imaging and served to HR, to the uploader and to the members who may
-- see the post that shows it. Comments get an edit time
-- for the "編集済み" marker.
CREATE TABLE feed_images (
    id          INTEGER PRIMARY KEY,
    alumnus_id  INTEGER REFERENCES alumni(id) ON DELETE CASCADE, -- an alumnus's upload
    uploaded_by TEXT NOT NULL,                                   -- actor string (hr user or alumnus)
    post_id     INTEGER REFERENCES feed_posts(id) ON DELETE SET NULL, -- the post that shows it: who may see the
                                                                 -- post may see the image (NULL: uploader and HR only)
    data        BLOB NOT NULL,                                   -- JPEG as re-encoded
    created_at  TEXT NOT NULL
);
CREATE INDEX feed_images_alumnus ON feed_images(alumnus_id);

ALTER TABLE feed_comments ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE feed_comments DROP COLUMN updated_at;
DROP TABLE feed_images;
