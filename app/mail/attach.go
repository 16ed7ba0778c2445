package mail

import (
	"context"
	"database/sql"
	"mime"
	"strings"
)

// MaxAttachmentBytes caps the attachments of one message, all together.
const MaxAttachmentBytes = 10 << 20

// checkAttachments refuses, at enqueue, what could not be sent.
func checkAttachments(atts []Attachment) error {
	total := 0
	for i, a := range atts {
		field := map[string]string{"attachments": a.Filename}
		if strings.TrimSpace(a.Filename) == "" || strings.ContainsAny(a.Filename, "/\\\r\n") {
			return ErrInvalidAttachment.Withf("%d 番目: ファイル名が空か、使えない文字を含みます", "#%d: the file name is empty or has a forbidden character", i+1).WithFields(field)
		}
		if a.ContentType != "" {
			if _, _, err := mime.ParseMediaType(a.ContentType); err != nil {
				return ErrInvalidAttachment.Wrap(err).Withf("%s: Content-Type %q が不正です", "%s: bad Content-Type %q", a.Filename, a.ContentType).WithFields(field)
			}
		}
		total += len(a.Data)
	}
	if total > MaxAttachmentBytes {
		return ErrInvalidAttachment.Withf("合計 %d バイト（上限 %d）", "%d bytes in all, more than %d", total, MaxAttachmentBytes).
			WithFields(map[string]string{"attachments": "too large"})
	}
	return nil
}

func storeAttachments(ctx context.Context, tx *sql.Tx, outboxID int64, atts []Attachment) error {
	for _, a := range atts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mail_attachments(outbox_id, filename, content_type, data) VALUES (?, ?, ?, ?)`,
			outboxID, a.Filename, a.ContentType, a.Data); err != nil {
			return err
		}
	}
	return nil
}

// attachments loads a message's attachments in the order they were given.
func (e *Engine) attachments(ctx context.Context, outboxID int64) ([]Attachment, error) {
	rows, err := e.st.R.QueryContext(ctx, `SELECT filename, content_type, data FROM mail_attachments WHERE outbox_id = ? ORDER BY id`, outboxID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.Filename, &a.ContentType, &a.Data); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
