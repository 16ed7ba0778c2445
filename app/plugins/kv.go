package plugins

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// Limits of the key-value store.
const (
	maxKeyBytes   = 512
	maxValueBytes = 1 << 20
	maxListKeys   = 1000
)

func checkKey(key string) error {
	if key == "" || len(key) > maxKeyBytes {
		return status.Errorf(codes.InvalidArgument, "キーは 1〜%d バイトです / a key is 1–%d bytes", maxKeyBytes, maxKeyBytes)
	}
	return nil
}

func nowMS() int64 { return time.Now().UnixMilli() }

const liveKV = "plugin_id = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)"

func (h *hostAPI) KVGet(ctx context.Context, req *pb.KVKey) (*pb.KVEntry, error) {
	if err := checkKey(req.Key); err != nil {
		return nil, err
	}
	e := &pb.KVEntry{}
	err := h.m.Store.R.QueryRowContext(ctx, "SELECT value, version FROM plugin_kv WHERE "+liveKV, h.id, req.Key, nowMS()).Scan(&e.Value, &e.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return e, nil
	}
	if err != nil {
		return nil, status.Error(codes.Internal, "kv get failed")
	}
	e.Found = true
	return e, nil
}

func (h *hostAPI) KVSet(ctx context.Context, req *pb.KVSetRequest) (*pb.KVSetResponse, error) {
	if err := checkKey(req.Key); err != nil {
		return nil, err
	}
	if len(req.Value) > maxValueBytes {
		return nil, status.Errorf(codes.InvalidArgument, "値は %d バイトまでです / a value is at most %d bytes", maxValueBytes, maxValueBytes)
	}
	var expires any
	if req.TtlMs > 0 {
		expires = nowMS() + req.TtlMs
	}
	tx, err := h.m.Store.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, status.Error(codes.Internal, "kv set failed")
	}
	defer tx.Rollback()
	if req.Compare {
		var current int64
		err := tx.QueryRowContext(ctx, "SELECT version FROM plugin_kv WHERE "+liveKV, h.id, req.Key, nowMS()).Scan(&current)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, status.Error(codes.Internal, "kv set failed")
		}
		if current != req.ExpectedVersion {
			return &pb.KVSetResponse{Ok: false, Version: current}, nil
		}
	}
	version := h.m.kvVersion.Add(1)
	if _, err := tx.ExecContext(ctx, `INSERT INTO plugin_kv(plugin_id, key, value, version, expires_at) VALUES (?,?,?,?,?)
		ON CONFLICT(plugin_id, key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
		h.id, req.Key, req.Value, version, expires); err != nil {
		return nil, status.Error(codes.Internal, "kv set failed")
	}
	if err := tx.Commit(); err != nil {
		return nil, status.Error(codes.Internal, "kv set failed")
	}
	return &pb.KVSetResponse{Ok: true, Version: version}, nil
}

func (h *hostAPI) KVDelete(ctx context.Context, req *pb.KVKey) (*pb.Empty, error) {
	if err := checkKey(req.Key); err != nil {
		return nil, err
	}
	if _, err := h.m.Store.W.ExecContext(ctx, "DELETE FROM plugin_kv WHERE plugin_id = ? AND key = ?", h.id, req.Key); err != nil {
		return nil, status.Error(codes.Internal, "kv delete failed")
	}
	return &pb.Empty{}, nil
}

func (h *hostAPI) KVList(ctx context.Context, req *pb.KVListRequest) (*pb.KVListResponse, error) {
	limit := int(req.Limit)
	if limit <= 0 || limit > maxListKeys {
		limit = maxListKeys
	}
	// Keys with the prefix: key >= prefix AND key < prefix+U+10FFFF… is
	// awkward for arbitrary bytes, so use substr, which the primary key
	// range below narrows.
	rows, err := h.m.Store.R.QueryContext(ctx, `SELECT key FROM plugin_kv
		WHERE plugin_id = ? AND key >= ? AND key > ? AND substr(key, 1, length(?)) = ? AND (expires_at IS NULL OR expires_at > ?)
		ORDER BY key LIMIT ?`, h.id, req.Prefix, req.After, req.Prefix, req.Prefix, nowMS(), limit)
	if err != nil {
		return nil, status.Error(codes.Internal, "kv list failed")
	}
	defer rows.Close()
	out := &pb.KVListResponse{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, status.Error(codes.Internal, "kv list failed")
		}
		out.Keys = append(out.Keys, k)
	}
	return out, rows.Err()
}
