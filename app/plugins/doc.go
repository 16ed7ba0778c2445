// Package plugins is Kizuna's plugin host. It installs plugin bundles
// (.tar.gz with plugin.json, see sdk/manifest) into <data>/plugins after
// checking every path, checksum, platform and optional signature; keeps the
// registry in SQLite; runs enabled plugins as child processes through
// hashicorp/go-plugin over gRPC (checksum re-checked at each launch, killed
// with the host through Pdeathsig), restarts them with backoff and disables
// them after repeated failures; serves each plugin the Host API (sdk/proto
// host.proto) with every call checked against the permissions the admin
// granted; and delivers the durable event log (app/events) to each plugin in
// order, in batches, at least once — the cursor moves only after the plugin
// acknowledged a batch.
//
// Layout on disk: <data>/plugins/<id>/app/ holds the unpacked bundle of the
// installed version, <data>/plugins/<id>/data/ the plugin's private folder
// (kept on upgrade, removed with the plugin).
package plugins
