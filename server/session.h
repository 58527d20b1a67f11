#pragma once
// One client connection: the PostgreSQL v3 startup exchange, then the simple query protocol
// and COPY FROM STDIN, as an Asio coroutine. Statement execution is delegated to the Executor;
// the bytes of every message come from protocol/.
//
// Error contract: an SqlError costs the statement (ErrorResponse, then ReadyForQuery); a
// protocol::ConnectionError costs the connection (FATAL when PostgreSQL would send one); nothing
// a client sends can take the server down.

#include <cstdint>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace eddy {

class Executor;

struct SessionContext {
  Executor& executor;
  int32_t process_id;
  int32_t secret_key;
};

boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket, SessionContext context);

}  // namespace eddy
