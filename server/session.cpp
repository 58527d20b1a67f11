#include "server/session.h"

#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "common/error.h"
#include "common/log.h"
#include "grammar/parser.h"
#include "protocol/backend_messages.h"
#include "protocol/connection_error.h"
#include "protocol/data_row.h"
#include "protocol/error_response.h"
#include "protocol/frame_reader.h"
#include "protocol/frontend_messages.h"
#include "protocol/startup_messages.h"
#include "server/executor.h"
#include "server/extended_query.h"
#include "server/wire_result_writer.h"

namespace eddy {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr size_t kFlushThreshold = 1 << 16;

class Connection {
 public:
  Connection(asio::ip::tcp::socket socket, SessionContext context)
      : socket_(std::move(socket)), context_(context) {}

  awaitable<void> run() {
    bool notify = false;
    try {
      if (!co_await startup()) co_return;
      co_await serve();
    } catch (const protocol::ConnectionError& e) {
      if (e.notify_client()) {
        protocol::error_response(out_, e, protocol::Severity::Fatal);
        notify = true;
      }
      log::info("connection closed: " + e.message());
    } catch (const boost::system::system_error& e) {
      log::debug(std::string("connection ended: ") + e.what());
    } catch (const std::exception& e) {
      log::error(std::string("session failed: ") + e.what());
    }
    if (notify) co_await flush_quietly();
  }

 private:
  awaitable<protocol::Frame> read_frame() {
    for (;;) {
      if (auto f = reader_.next()) co_return *f;
      auto room = reader_.prepare(16384);
      size_t n = co_await socket_.async_read_some(asio::buffer(room.data(), room.size()), use_awaitable);
      reader_.commit(n);
    }
  }

  awaitable<void> flush() {
    if (out_.empty()) co_return;
    co_await asio::async_write(socket_, asio::buffer(out_), use_awaitable);
    out_.clear();
  }

  awaitable<void> flush_quietly() {
    try {
      co_await flush();
    } catch (const std::exception&) {
    }
  }

  awaitable<bool> fatal(const SqlError& e) {
    protocol::error_response(out_, e, protocol::Severity::Fatal);
    co_await flush_quietly();
    co_return false;
  }

  // The startup phase; returns false when the connection should close.
  awaitable<bool> startup() {
    for (;;) {
      protocol::Frame frame = co_await read_frame();
      protocol::StartupPacket packet = protocol::decode_startup_packet(frame.payload);
      if (std::holds_alternative<protocol::SslRequest>(packet)) {
        protocol::ssl_response(out_, false);  // no TLS yet: the client goes on in plaintext
        co_await flush();
        continue;
      }
      if (std::holds_alternative<protocol::GssEncRequest>(packet)) {
        protocol::gssenc_response(out_, false);
        co_await flush();
        continue;
      }
      if (std::holds_alternative<protocol::CancelRequest>(packet)) co_return false;
      auto& startup = std::get<protocol::StartupMessage>(packet);
      if (startup.needs_negotiation()) {
        protocol::negotiate_protocol_version(out_, startup.unrecognized_options, protocol::kProtocolVersion3);
      }
      if (startup.user != "eddy")
        co_return co_await fatal(SqlError(sqlstate::kInvalidAuthorizationSpecification,
                                          "role \"" + startup.user + "\" does not exist"));
      if (startup.database != "eddy")
        co_return co_await fatal(SqlError(sqlstate::kInvalidCatalogName,
                                          "database \"" + startup.database + "\" does not exist"));
      session_.user = startup.user;
      session_.database = startup.database;
      protocol::authentication_ok(out_);
      for (const auto& [name, value] : reported_default_settings()) {
        std::string v = value;
        if (name == "application_name")
          if (const std::string* app = startup.find("application_name")) {
            v = *app;
            session_.settings["application_name"] = *app;
          }
        protocol::parameter_status(out_, name, v);
      }
      protocol::backend_key_data(out_, context_.process_id, context_.secret_key);
      ready();
      co_await flush();
      reader_.set_phase(protocol::FrameReader::Phase::Normal);
      co_return true;
    }
  }

  // ReadyForQuery ends PostgreSQL's implicit transaction when no block is open: portals go then
  // (WITH HOLD cursors stay).
  void ready() {
    using Status = protocol::TransactionStatus;
    if (!session_.in_transaction) session_.portals.end_transaction(true);
    protocol::ready_for_query(out_, !session_.in_transaction      ? Status::Idle
                                    : session_.transaction_failed ? Status::Failed
                                                                  : Status::InTransaction);
  }

  // Sends an error that costs the statement; inside a transaction block it aborts the block.
  void statement_error(const SqlError& e) {
    protocol::error_response(out_, e);
    if (session_.in_transaction) session_.transaction_failed = true;
  }

  // Messages of the extended query protocol: after an error in one of them, everything up to
  // Sync is discarded.
  static bool is_extended_message(char type) {
    return type == 'P' || type == 'B' || type == 'D' || type == 'E' || type == 'C' || type == 'H' || type == 'S';
  }

  awaitable<void> serve() {
    for (;;) {
      protocol::Frame frame = co_await read_frame();
      protocol::FrontendMessage message;
      bool malformed = false;
      try {
        message = protocol::decode_frontend_message(frame);
      } catch (const protocol::ConnectionError&) {
        throw;
      } catch (const SqlError& e) {
        statement_error(e);
        malformed = true;
      }
      if (malformed) {
        if (is_extended_message(frame.type) && frame.type != 'S') {
          co_await skip_until_sync();
        } else {
          ready();
          co_await flush();
        }
        continue;
      }
      if (std::holds_alternative<protocol::Terminate>(message)) co_return;
      if (auto* q = std::get_if<protocol::Query>(&message)) {
        std::string sql = q->sql;  // the frame's payload is reused by the next read
        extended_.forget_unnamed();
        co_await simple_query(sql);
        ready();
        co_await flush();
        continue;
      }
      if (std::holds_alternative<protocol::Sync>(message)) {
        ready();
        co_await flush();
        continue;
      }
      if (std::holds_alternative<protocol::Flush>(message)) {
        co_await flush();
        continue;
      }
      if (std::holds_alternative<protocol::FunctionCall>(message)) {
        statement_error(
            SqlError(sqlstate::kFeatureNotSupported, "the fast-path function call interface is not supported"));
        ready();
        co_await flush();
        continue;
      }
      if (std::holds_alternative<protocol::CopyData>(message) || std::holds_alternative<protocol::CopyDone>(message) ||
          std::holds_alternative<protocol::CopyFail>(message))
        continue;  // PostgreSQL ignores COPY messages outside a COPY
      if (std::holds_alternative<protocol::AuthResponse>(message))  // 'p' outside authentication
        throw protocol::ConnectionError(sqlstate::kProtocolViolation, "invalid frontend message type 112", true);
      if (!co_await extended_message(message)) co_await skip_until_sync();
      else if (out_.size() > kFlushThreshold) co_await flush();
    }
  }

  // Parse, Bind, Describe, Execute or Close. Returns false after sending an error.
  awaitable<bool> extended_message(const protocol::FrontendMessage& message) {
    std::optional<SqlError> error;
    std::unique_ptr<CopyInTarget> copy;
    try {
      if (auto* m = std::get_if<protocol::Parse>(&message)) extended_.parse(*m, out_);
      else if (auto* m = std::get_if<protocol::Bind>(&message)) extended_.bind(*m, out_);
      else if (auto* m = std::get_if<protocol::Describe>(&message)) extended_.describe(*m, out_);
      else if (auto* m = std::get_if<protocol::Execute>(&message)) copy = extended_.execute(*m, out_);
      else if (auto* m = std::get_if<protocol::Close>(&message)) extended_.close(*m, out_);
      else throw protocol::ConnectionError(sqlstate::kProtocolViolation, "unexpected message", true);
    } catch (const protocol::ConnectionError&) {
      throw;
    } catch (const SqlError& e) {
      error = e;
    } catch (const std::exception& e) {
      error = SqlError(sqlstate::kInternalError, std::string("internal error: ") + e.what());
      log::error(std::string("extended query message failed unexpectedly: ") + e.what());
    }
    if (!error && copy) error = co_await copy_in_guarded(*copy);
    if (!error) co_return true;
    statement_error(*error);
    co_return false;
  }

  // After an error in the extended protocol, PostgreSQL discards messages until Sync.
  awaitable<void> skip_until_sync() {
    for (;;) {
      protocol::Frame frame = co_await read_frame();
      if (frame.type == 'S') {
        ready();
        co_await flush();
        co_return;
      }
      if (frame.type == 'X') throw boost::system::system_error(asio::error::eof);
    }
  }

  awaitable<void> simple_query(const std::string& sql) {
    std::vector<ast::Statement> statements;
    try {
      statements = parse_sql(sql);
    } catch (const SqlError& e) {
      statement_error(e);
      co_return;
    }
    if (statements.empty()) {
      protocol::empty_query_response(out_);
      co_return;
    }
    WireResultWriter writer(out_);
    for (const auto& statement : statements) {
      bool failed = false;
      SqlError error("", "");
      try {
        std::unique_ptr<CopyInTarget> copy = context_.executor.execute(statement, session_, writer);
        if (copy) co_await copy_in(*copy);
      } catch (const protocol::ConnectionError&) {
        throw;
      } catch (const SqlError& e) {
        failed = true;
        error = e;
      } catch (const std::exception& e) {
        failed = true;
        error = SqlError(sqlstate::kInternalError, std::string("internal error: ") + e.what());
        log::error("statement failed unexpectedly: " + std::string(e.what()) + " in: " + statement.text);
      }
      if (failed) {
        statement_error(error);
        co_return;  // the rest of a failed query string is not run, as in PostgreSQL
      }
      if (out_.size() > kFlushThreshold) co_await flush();
    }
  }

  // copy_in() with its SqlError returned instead of thrown (the extended protocol's path).
  awaitable<std::optional<SqlError>> copy_in_guarded(CopyInTarget& target) {
    std::optional<SqlError> error;
    try {
      co_await copy_in(target);
    } catch (const protocol::ConnectionError&) {
      throw;
    } catch (const SqlError& e) {
      error = e;
    }
    co_return error;
  }

  // COPY ... FROM STDIN: CopyInResponse, then CopyData until CopyDone (CommandComplete) or
  // CopyFail (an error). Throws SqlError when the data or the message flow is bad.
  awaitable<void> copy_in(CopyInTarget& target) {
    // Overall format 0 (text) covers both COPY text and csv; binary COPY does not exist yet.
    protocol::copy_in_response(out_, 0, protocol::uniform_formats(target.column_count(), 0));
    co_await flush();
    std::optional<SqlError> error;
    for (;;) {
      protocol::Frame frame = co_await read_frame();
      switch (frame.type) {
        case 'd':
          if (!error) {
            try {
              target.feed(frame.payload);
            } catch (const SqlError& e) {
              error = e;
            }
          }
          break;
        case 'c': {
          if (error) throw *error;
          std::string tag = target.finish();
          protocol::command_complete(out_, tag);
          co_return;
        }
        case 'f': {
          target.abandon();
          std::string msg = protocol::decode_copy_fail(frame.payload).message;
          throw SqlError(sqlstate::kQueryCanceled, "COPY from stdin failed: " + msg);
        }
        case 'H':
        case 'S':
          break;  // ignored during COPY IN, as PostgreSQL does
        default:
          target.abandon();
          throw SqlError(sqlstate::kProtocolViolation,
                         std::string("unexpected message type 0x") + "0123456789abcdef"[(frame.type >> 4) & 0xf] +
                             "0123456789abcdef"[frame.type & 0xf] + " during COPY from stdin");
      }
    }
  }

  asio::ip::tcp::socket socket_;
  SessionContext context_;
  protocol::FrameReader reader_;
  std::string out_;
  SessionState session_;
  ExtendedQuery extended_{context_.executor, session_};
};

}  // namespace

awaitable<void> run_session(asio::ip::tcp::socket socket, SessionContext context) {
  Connection connection(std::move(socket), context);
  co_await connection.run();
}

}  // namespace eddy
