#include "observers.h"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <string_view>
#include <thread>
#include <vector>

namespace freshness {

namespace {

struct ResultClear {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultClear>;

// Table names are ours (the driver's), but quote them anyway.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::optional<int64_t> parse_int(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// hi of a one-column result: nullopt when there is no row or it is NULL.
std::optional<int64_t> hi_of(const PGresult* r) {
  if (PQntuples(r) < 1 || PQgetisnull(r, 0, 0)) return std::nullopt;
  return parse_int(PQgetvalue(r, 0, 0));
}

std::string pg_error(PGconn* conn, const char* what) {
  std::string e = PQerrorMessage(conn);
  while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
  return std::string(what) + ": " + e;
}

}  // namespace

PgConn pg_connect(const std::string& conninfo, std::string& error) {
  PgConn c(PQconnectdb(conninfo.c_str()));
  if (!c || PQstatus(c.get()) != CONNECTION_OK) {
    error = c ? pg_error(c.get(), "connecting") : std::string("connecting: out of memory");
    return nullptr;
  }
  return c;
}

ViewState read_view(PGconn* conn, const std::string& view, std::string& error) {
  ViewState out;
  PgResult r(PQexec(conn, ("SELECT hi, n FROM " + quoted(view)).c_str()));
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
    error = pg_error(conn, "SELECT hi, n");
    return out;
  }
  out.hi = hi_of(r.get());
  if (PQntuples(r.get()) > 0 && !PQgetisnull(r.get(), 0, 1)) out.n = parse_int(PQgetvalue(r.get(), 0, 1)).value_or(-1);
  return out;
}

ObserverResult poll_select(PGconn* conn, const std::string& view, Visibility& visibility, int64_t last_seq,
                           std::chrono::microseconds pause, const std::atomic<bool>& stop) {
  ObserverResult out;
  PgResult prepared(PQprepare(conn, "fresh_hi", ("SELECT hi FROM " + quoted(view)).c_str(), 0, nullptr));
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
    out.error = pg_error(conn, "PREPARE");
    return out;
  }
  while (visibility.seen() < last_seq && !stop.load(std::memory_order_relaxed)) {
    PgResult r(PQexecPrepared(conn, "fresh_hi", 0, nullptr, nullptr, nullptr, 0));
    const int64_t at = now_ns();  // the result has arrived: what it shows is visible now
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
      out.error = pg_error(conn, "SELECT hi");
      return out;
    }
    ++out.rounds;
    if (auto hi = hi_of(r.get())) visibility.observe(*hi, at);
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
  return out;
}

std::string start_subscribe(PGconn* conn, const std::string& view) {
  if (!PQsendQuery(conn, ("COPY (SUBSCRIBE TO " + quoted(view) + ") TO STDOUT").c_str()))
    return pg_error(conn, "COPY (SUBSCRIBE ...)");
  PgResult r(PQgetResult(conn));  // blocks until CopyOutResponse (or an error)
  if (PQresultStatus(r.get()) != PGRES_COPY_OUT) return pg_error(conn, "COPY (SUBSCRIBE ...)");
  return "";
}

ObserverResult read_subscribe(PGconn* conn, Visibility& visibility, int64_t last_seq, const std::atomic<bool>& stop) {
  ObserverResult out;
  // Non-blocking reads with poll() on the socket: as prompt as a blocking PQgetCopyData (poll
  // returns as soon as bytes arrive), but `stop` is looked at every 100 ms.
  pollfd pfd{PQsocket(conn), POLLIN, 0};
  std::vector<std::string_view> fields;
  while (visibility.seen() < last_seq && !stop.load(std::memory_order_relaxed)) {
    char* line = nullptr;
    const int n = PQgetCopyData(conn, &line, 1);
    if (n == 0) {
      if (::poll(&pfd, 1, 100) < 0 && errno != EINTR) {
        out.error = "poll: " + std::to_string(errno);
        break;
      }
      if (!PQconsumeInput(conn)) {
        out.error = pg_error(conn, "reading the subscription");
        break;
      }
      continue;
    }
    if (n < 0) {  // -1: the COPY ended (the server ended the subscription); -2: an error
      PgResult r(PQgetResult(conn));
      out.error = pg_error(conn, "the subscription ended");
      break;
    }
    const int64_t at = now_ns();
    ++out.rounds;
    // _epoch \t _diff \t hi \t n \n
    std::string_view text(line, static_cast<size_t>(n));
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    fields.clear();
    for (size_t start = 0;;) {
      const size_t tab = text.find('\t', start);
      fields.push_back(text.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields.size() >= 3 && fields[1] == "1")
      if (auto hi = parse_int(fields[2])) visibility.observe(*hi, at);
    PQfreemem(line);
  }
  // End the COPY: a CancelRequest, as psql's ^C (the server answers 57014).
  if (PGcancel* cancel = PQgetCancel(conn)) {
    char err[256];
    PQcancel(cancel, err, sizeof err);
    PQfreeCancel(cancel);
  }
  return out;
}

}  // namespace freshness
