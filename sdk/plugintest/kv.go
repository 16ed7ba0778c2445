package plugintest

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"
)

// kv is the Host's in-memory key-value store with the host's semantics:
// versions change on every write, expired keys are absent.
type kv struct{ h *Host }

func (k kv) live(key string) (kvEntry, bool) {
	e, ok := k.h.kv[key]
	if ok && !e.expires.IsZero() && !k.h.Now().Before(e.expires) {
		delete(k.h.kv, key)
		return kvEntry{}, false
	}
	return e, ok
}

func (k kv) Get(_ context.Context, key string) ([]byte, int64, bool, error) {
	k.h.mu.Lock()
	defer k.h.mu.Unlock()
	e, ok := k.live(key)
	return slices.Clone(e.value), e.version, ok, nil
}

func (k kv) Set(ctx context.Context, key string, value []byte, ttl time.Duration) (int64, error) {
	v, _, err := k.write(key, value, ttl, false, 0)
	return v, err
}

func (k kv) CompareAndSet(_ context.Context, key string, value []byte, expected int64, ttl time.Duration) (int64, bool, error) {
	return k.write(key, value, ttl, true, expected)
}

func (k kv) write(key string, value []byte, ttl time.Duration, compare bool, expected int64) (int64, bool, error) {
	k.h.mu.Lock()
	defer k.h.mu.Unlock()
	e, _ := k.live(key)
	if compare && e.version != expected {
		return e.version, false, nil
	}
	k.h.kvSerial++
	n := kvEntry{value: slices.Clone(value), version: k.h.kvSerial}
	if ttl > 0 {
		n.expires = k.h.Now().Add(ttl)
	}
	k.h.kv[key] = n
	return n.version, true, nil
}

func (k kv) Delete(_ context.Context, key string) error {
	k.h.mu.Lock()
	defer k.h.mu.Unlock()
	delete(k.h.kv, key)
	return nil
}

func (k kv) List(_ context.Context, prefix, after string, limit int) ([]string, error) {
	k.h.mu.Lock()
	defer k.h.mu.Unlock()
	var keys []string
	for key := range k.h.kv {
		if _, ok := k.live(key); ok && strings.HasPrefix(key, prefix) && key > after {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	if limit > 0 && len(keys) > limit {
		keys = keys[:limit]
	}
	return keys, nil
}
