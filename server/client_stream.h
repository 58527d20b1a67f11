#pragma once
// A client connection's byte stream, plaintext or TLS: the session reads and writes through
// it the same way in both cases. It starts as plaintext; start_tls() upgrades it after the
// session answered 'S' to an SSLRequest.
//
// Not thread-safe: used from the session's strand only (reads, writes and close() alike).

#include <cstddef>
#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

namespace eddy {

class ClientStream {
 public:
  explicit ClientStream(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  // Some bytes (at least one); throws boost::system::system_error at the end of the stream or
  // on an error.
  boost::asio::awaitable<size_t> read_some(boost::asio::mutable_buffer buffer);
  // All of `buffer`; throws boost::system::system_error.
  boost::asio::awaitable<void> write(boost::asio::const_buffer buffer);
  // The server side of the TLS handshake; from then on every byte is encrypted. Throws
  // boost::system::system_error when the handshake fails.
  boost::asio::awaitable<void> start_tls(boost::asio::ssl::context& context);

  bool tls() const { return tls_.has_value(); }
  // Whether the client has hung up, looked at without reading or blocking: the TCP connection
  // reached its end or failed, or (plaintext only) the next byte waiting starts a Terminate.
  // For a statement that waits long for something else (SUBSCRIBE) and reads nothing meanwhile.
  bool peer_gone();
  // Closes the connection; operations in progress end with operation_aborted.
  void close();

 private:
  boost::asio::ip::tcp::socket socket_;  // moved into tls_ by start_tls()
  std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> tls_;
};

}  // namespace eddy
