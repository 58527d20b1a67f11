#include "server/listener.h"

#include <memory>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.h"
#include "protocol/byte_buffer.h"
#include "protocol/connection_error.h"
#include "protocol/frame_reader.h"
#include "protocol/startup_messages.h"
#include "server/session_registry.h"

namespace eddy {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// Reads the connection's first packet; serves a CancelRequest (no reply, as PostgreSQL) and
// hands anything else to a session.
asio::awaitable<void> greet(tcp::socket accepted, const ListenerContext& context) {
  auto socket = std::make_shared<tcp::socket>(std::move(accepted));
  const auto deadline = std::chrono::steady_clock::now() + context.authentication_timeout;
  asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
  timer.async_wait([socket](const boost::system::error_code& ec) {
    if (ec || !socket->is_open()) return;  // read in time, or already handed over
    log::info("canceling authentication due to timeout");
    boost::system::error_code ignored;
    socket->close(ignored);
  });

  protocol::FrameReader reader;
  std::string received;
  try {
    for (;;) {
      char buffer[4096];
      size_t n = co_await socket->async_read_some(asio::buffer(buffer), asio::use_awaitable);
      received.append(buffer, n);
      reader.feed(std::string_view(buffer, n));
      if (auto frame = reader.next()) {
        if (frame->payload.size() >= 4) {
          protocol::ByteReader in(frame->payload, "startup packet");
          if (in.i32() == protocol::kCancelRequestCode) {
            auto packet = protocol::decode_startup_packet(frame->payload);
            const auto& cancel = std::get<protocol::CancelRequest>(packet);
            bool found = context.registry.cancel(cancel.process_id, cancel.secret_key);
            log::debug(found ? "cancel request for process " + std::to_string(cancel.process_id)
                             : std::string("cancel request did not match any process"));
            co_return;  // closes the connection
          }
        }
        break;
      }
    }
  } catch (const protocol::ConnectionError& e) {
    log::info("connection closed: " + e.message());  // e.g. "invalid length of startup packet"
    co_return;
  } catch (const boost::system::system_error& e) {
    log::debug(std::string("connection ended before its startup packet: ") + e.what());
    co_return;
  }
  timer.cancel();

  boost::system::error_code ec;
  const auto protocol = socket->local_endpoint(ec).protocol();
  if (ec) co_return;
  const tcp::socket::native_handle_type fd = socket->release(ec);
  tcp::socket moved(context.session_io);
  if (!ec) moved.assign(protocol, fd, ec);
  if (ec) {
    log::error("could not hand a connection to a session: " + ec.message());
    co_return;
  }
  context.start_session(std::move(moved), std::move(received), deadline);
}

// Nothing may escape a detached coroutine: it would be rethrown from io_context::run().
asio::awaitable<void> greet_safely(tcp::socket accepted, const ListenerContext& context) {
  try {
    co_await greet(std::move(accepted), context);
  } catch (const std::exception& e) {
    log::error(std::string("connection dropped by the listener: ") + e.what());
  }
}

}  // namespace

asio::awaitable<void> accept_connections(tcp::acceptor& acceptor, const ListenerContext& context) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    asio::co_spawn(acceptor.get_executor(), greet_safely(std::move(socket), context), asio::detached);
  }
}

}  // namespace eddy
