#include "server/session.h"

#include <memory>
#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/error.h"
#include "common/interrupt.h"
#include "common/log.h"
#include "grammar/parser.h"
#include "protocol/backend_messages.h"
#include "protocol/connection_error.h"
#include "protocol/data_row.h"
#include "protocol/error_response.h"
#include "protocol/frame_reader.h"
#include "protocol/frontend_messages.h"
#include "protocol/startup_messages.h"
#include "server/auth/authenticator.h"
#include "server/client_stream.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/extended_query.h"
#include "server/session_registry.h"
#include "server/wire_result_writer.h"

namespace eddy {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr size_t kFlushThreshold = 1 << 16;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `executor`: the strand the session runs on; the authentication timeout fires there too.
  Connection(asio::ip::tcp::socket socket, SessionContext context, asio::any_io_executor executor)
      : stream_(std::move(socket)),
        context_(std::move(context)),
        auth_timer_(executor),
        strand_(executor),
        wait_timer_(executor) {
    session_.interrupt = std::make_shared<StatementInterrupt>();
  }

  awaitable<void> run() {
    arm_authentication_timeout();
    reader_.feed(context_.received);
    context_.received.clear();
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
      size_t n = co_await stream_.read_some(asio::buffer(room.data(), room.size()));
      reader_.commit(n);
    }
  }

  awaitable<void> flush() {
    if (out_.empty()) co_return;
    co_await stream_.write(asio::buffer(out_));
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

  // PostgreSQL's authentication_timeout: a connection still unauthenticated at the deadline is
  // closed without a word (the client is not trusted with an explanation); the log says why.
  void arm_authentication_timeout() {
    auth_timer_.expires_at(context_.authentication_deadline);
    auth_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      if (auto self = weak.lock(); self && !self->authenticated_) {
        log::info("canceling authentication due to timeout");
        self->stream_.close();
      }
    });
  }

  // The startup phase; returns false when the connection should close.
  awaitable<bool> startup() {
    for (;;) {
      protocol::Frame frame = co_await read_frame();
      protocol::StartupPacket packet = protocol::decode_startup_packet(frame.payload);
      if (std::holds_alternative<protocol::SslRequest>(packet)) {
        co_await negotiate_tls();
        continue;
      }
      if (std::holds_alternative<protocol::GssEncRequest>(packet)) {
        protocol::gssenc_response(out_, false);
        co_await flush();
        continue;
      }
      if (auto* cancel = std::get_if<protocol::CancelRequest>(&packet)) {
        // Usually served by the listener; this one came after an SSLRequest. No reply, ever.
        context_.registry.cancel(cancel->process_id, cancel->secret_key);
        co_return false;
      }
      auto& startup = std::get<protocol::StartupMessage>(packet);
      if (startup.needs_negotiation()) {
        protocol::negotiate_protocol_version(out_, startup.unrecognized_options, protocol::kProtocolVersion3);
      }
      co_return co_await admit(startup);
    }
  }

  // SSLRequest: 'S' and the TLS handshake when the server has a certificate, else 'N' (the
  // client goes on in plaintext or gives up).
  awaitable<void> negotiate_tls() {
    const bool offer = context_.tls != nullptr && !stream_.tls();
    protocol::ssl_response(out_, offer);
    co_await flush();
    if (!offer) co_return;
    if (reader_.buffered() > 0) {
      // Sent before our answer, so in clear and possibly injected (CVE-2021-23214).
      protocol::ConnectionError e(sqlstate::kProtocolViolation, "received unencrypted data after SSL request", true);
      e.with_detail("This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");
      throw e;
    }
    try {
      co_await stream_.start_tls(*context_.tls);
    } catch (const boost::system::system_error& e) {
      log::info(std::string("could not accept SSL connection: ") + e.what());
      throw;
    }
  }

  // After the StartupMessage, in PostgreSQL's order: the connection limit, authentication
  // (AuthenticationOk), the role's existence and LOGIN, the database. Returns false when the
  // connection should close.
  awaitable<bool> admit(const protocol::StartupMessage& startup) {
    reader_.set_phase(protocol::FrameReader::Phase::Normal);  // authentication messages are typed
    slot_ = context_.registry.admit();
    if (!slot_) co_return co_await fatal(SqlError(sqlstate::kTooManyConnections, "sorry, too many clients already"));

    RoleCatalog& roles = context_.executor.database().role_catalog();
    const std::optional<Role> role = roles.find(startup.user);
    auth::Authenticator authenticator(context_.auth_method, startup.user, role.has_value(),
                                      role ? role->password : std::nullopt,
                                      auth::mock_salt(roles.mock_secret(), startup.user));
    if (authenticator.begin(out_)) {
      for (;;) {
        co_await flush();
        protocol::Frame frame = co_await read_frame();
        if (frame.type != 'p') throw authenticator.unexpected_message(frame.type);
        if (authenticator.respond(frame.payload, out_)) break;
      }
    }
    protocol::authentication_ok(out_);
    if (!role)
      co_return co_await fatal(SqlError(sqlstate::kInvalidAuthorizationSpecification,
                                        "role \"" + startup.user + "\" does not exist"));
    if (!role->login)
      co_return co_await fatal(SqlError(sqlstate::kInvalidAuthorizationSpecification,
                                        "role \"" + startup.user + "\" is not permitted to log in"));
    if (startup.database != "eddy")
      co_return co_await fatal(SqlError(sqlstate::kInvalidCatalogName,
                                        "database \"" + startup.database + "\" does not exist"));
    authenticated_ = true;
    auth_timer_.cancel();
    log::debug("connection authorized: user=" + startup.user + " database=" + startup.database +
               (stream_.tls() ? " SSL enabled" : ""));

    session_.user = startup.user;
    session_.database = startup.database;
    session_.superuser = role->superuser;
    if (const std::string* app = startup.find("application_name")) session_.settings["application_name"] = *app;
    for (const auto& [name, value] : reported_default_settings()) {
      std::string v = value;
      if (name == "session_authorization") v = session_.user;
      else if (name == "is_superuser") v = session_.superuser ? "on" : "off";
      else if (auto it = session_.settings.find(name); it != session_.settings.end()) v = it->second;
      protocol::parameter_status(out_, name, v);
    }
    session_.backend_pid = slot_->process_id();
    session_.interrupt->set_waker(waker());  // a cancel wakes a statement waiting in drive()
    context_.registry.register_cancel_key(*slot_, session_.interrupt);
    protocol::backend_key_data(out_, slot_->process_id(), slot_->secret_key());
    ready();
    co_await flush();
    co_return true;
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
    Continuation next;
    try {
      if (auto* m = std::get_if<protocol::Parse>(&message)) extended_.parse(*m, out_);
      else if (auto* m = std::get_if<protocol::Bind>(&message)) extended_.bind(*m, out_);
      else if (auto* m = std::get_if<protocol::Describe>(&message)) extended_.describe(*m, out_);
      else if (auto* m = std::get_if<protocol::Execute>(&message)) next = extended_.execute(*m, out_);
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
    if (!error && next.copy_in) error = co_await copy_in_guarded(*next.copy_in);
    if (!error && next.pending) error = co_await drive_guarded(*next.pending);
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
        Continuation next = context_.executor.execute(statement, session_, writer);
        if (next.copy_in) co_await copy_in(*next.copy_in);
        if (next.pending) co_await drive(*next.pending, writer);
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

  // A function any thread may call to wake this session's drive() (a SUBSCRIBE's new changes,
  // a cancel request): it posts to the session's strand, so it never blocks the caller.
  std::function<void()> waker() {
    return [weak = weak_from_this(), strand = strand_] {
      asio::post(strand, [weak] {
        if (auto self = weak.lock()) {
          self->wake_pending_ = true;
          self->wait_timer_.cancel();
        }
      });
    };
  }

  // Drives a statement that waits (SUBSCRIBE and its kin: executor.h's PendingStatement)
  // without blocking this io thread: poll, flush what it wrote, then sleep on a timer that a
  // wake-up (new changes, a cancel) cancels, or that fires at the statement_timeout deadline.
  // Wake-ups that come while flushing are not lost: wake_pending_ remembers them. Every
  // kPeerCheck the session also looks whether its client hung up (nothing else would tell while
  // the view is quiet) and then ends the connection, which releases the subscription.
  awaitable<void> drive(PendingStatement& statement, ResultWriter& writer) {
    constexpr auto kPeerCheck = std::chrono::seconds(2);
    statement.set_waker(waker());
    for (;;) {
      if (stream_.peer_gone())
        throw protocol::ConnectionError(sqlstate::kConnectionException,
                                        "the client hung up during a statement that waits", false);
      if (session_.interrupt) session_.interrupt->check();  // 57014 on a cancel request
      if (statement.deadline && std::chrono::steady_clock::now() >= *statement.deadline)
        throw SqlError(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
      wake_pending_ = false;
      const PendingStatement::Progress progress = statement.poll(writer);
      co_await flush();  // what an epoch brought goes out now
      if (progress == PendingStatement::Progress::Done) co_return;
      if (progress == PendingStatement::Progress::More || wake_pending_) continue;
      const auto check = std::chrono::steady_clock::now() + kPeerCheck;
      wait_timer_.expires_at(statement.deadline ? std::min(*statement.deadline, check) : check);
      boost::system::error_code ignored;  // cancelled by a wake-up, or expired: look again
      co_await wait_timer_.async_wait(asio::redirect_error(use_awaitable, ignored));
    }
  }

  // drive() with its SqlError returned instead of thrown (the extended protocol's path).
  awaitable<std::optional<SqlError>> drive_guarded(PendingStatement& statement) {
    std::optional<SqlError> error;
    try {
      WireResultWriter writer(out_);
      co_await drive(statement, writer);
    } catch (const protocol::ConnectionError&) {
      throw;
    } catch (const SqlError& e) {
      error = e;
    }
    co_return error;
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

  ClientStream stream_;
  SessionContext context_;
  asio::steady_timer auth_timer_;
  asio::any_io_executor strand_;   // the session's strand: where waker() posts
  asio::steady_timer wait_timer_;  // drive()'s sleep, cancelled by waker()
  bool wake_pending_ = false;      // a wake-up came since drive() last polled (strand only)
  bool authenticated_ = false;
  std::optional<SessionRegistry::Slot> slot_;  // from the StartupMessage on
  protocol::FrameReader reader_;
  std::string out_;
  SessionState session_;
  ExtendedQuery extended_{context_.executor, session_};
};

}  // namespace

awaitable<void> run_session(asio::ip::tcp::socket socket, SessionContext context) {
  auto connection =
      std::make_shared<Connection>(std::move(socket), std::move(context), co_await asio::this_coro::executor);
  co_await connection->run();
}

}  // namespace eddy
