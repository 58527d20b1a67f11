#pragma once
// One client connection: the PostgreSQL v3 startup exchange, then the simple and the extended
// query protocols (server/extended_query.h) and COPY FROM STDIN / TO STDOUT, as an Asio
// coroutine. Statement execution is delegated to the Executor; the bytes of every message come
// from protocol/.
//
// Error contract: an SqlError costs the statement (ErrorResponse, then ReadyForQuery; in the
// extended protocol every message up to Sync is discarded first; inside a transaction block
// the block is aborted: ReadyForQuery 'E' until ROLLBACK); a protocol::ConnectionError costs
// the connection (FATAL when PostgreSQL would send one); nothing a client sends can take the
// server down. ReadyForQuery outside a block ends the implicit transaction: portals go.

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
