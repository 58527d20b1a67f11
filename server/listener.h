#pragma once
// The front door: accepts connections and reads each one's first packet on an io_context and
// thread of its own, apart from the session threads. Statements run synchronously on the
// session threads (--threads), so all of them may be busy, e.g. in pg_sleep; a CancelRequest
// is still served here at once. Any other connection is handed, with the bytes read so far,
// to a session on the session io_context.
//
// A connection that sends nothing is closed at the authentication timeout, silently.

#include <chrono>
#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace eddy {

class SessionRegistry;

struct ListenerContext {
  boost::asio::io_context& session_io;
  SessionRegistry& registry;  // for CancelRequests
  std::chrono::milliseconds authentication_timeout;
  // Starts a session for `socket` (already on session_io); `received` holds the first packet
  // and whatever followed it; `deadline` is when authentication must be over.
  std::function<void(boost::asio::ip::tcp::socket socket, std::string received,
                     std::chrono::steady_clock::time_point deadline)>
      start_session;
};

// Accepts until the acceptor's io_context stops. Runs on the acceptor's io_context, which must
// not be session_io; `context` must outlive it.
boost::asio::awaitable<void> accept_connections(boost::asio::ip::tcp::acceptor& acceptor,
                                                const ListenerContext& context);

}  // namespace eddy
