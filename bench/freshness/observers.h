#pragma once
// The two observers of eddy_bench_freshness, each on its own libpq connection and thread:
//
//   SELECT poller:    the prepared statement `SELECT hi FROM <view>` in a loop (optionally
//                     pausing between rounds); each result's hi, taken when the result has
//                     arrived, goes to Visibility::observe.
//   SUBSCRIBE reader: `COPY (SUBSCRIBE TO <view>) TO STDOUT`; each +1 row's hi, taken when the
//                     CopyData message has arrived, goes to Visibility::observe.
//
// Both stop once they have seen `last_seq` or when `stop` is set. They report errors as text
// rather than throwing, so the main thread can still report what was measured.

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "latency.h"

namespace freshness {

struct PgFinish {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConn = std::unique_ptr<PGconn, PgFinish>;

// A connection, or nullptr with `error` set.
PgConn pg_connect(const std::string& conninfo, std::string& error);

// The view's (hi, n): nullopt for hi when it is NULL or the view has no row; `error` set on
// failure. A one-off query (not the poller's prepared statement).
struct ViewState {
  std::optional<int64_t> hi;
  int64_t n = 0;
};
ViewState read_view(PGconn* conn, const std::string& view, std::string& error);

struct ObserverResult {
  int64_t rounds = 0;  // SELECTs run, or CopyData rows received
  std::string error;
};

ObserverResult poll_select(PGconn* conn, const std::string& view, Visibility& visibility, int64_t last_seq,
                           std::chrono::microseconds pause, const std::atomic<bool>& stop);

// Sends the COPY (SUBSCRIBE ...) and waits for CopyOutResponse, by which time the server has
// attached the subscription: changes committed from then on will arrive. Returns an error or "".
std::string start_subscribe(PGconn* conn, const std::string& view);
// Reads the COPY stream started by start_subscribe, then cancels it.
ObserverResult read_subscribe(PGconn* conn, Visibility& visibility, int64_t last_seq, const std::atomic<bool>& stop);

}  // namespace freshness
