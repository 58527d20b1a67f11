#include "server/client_stream.h"

#include <sys/socket.h>

#include <cerrno>

#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace eddy {

namespace asio = boost::asio;

asio::awaitable<size_t> ClientStream::read_some(asio::mutable_buffer buffer) {
  if (tls_) co_return co_await tls_->async_read_some(buffer, asio::use_awaitable);
  co_return co_await socket_.async_read_some(buffer, asio::use_awaitable);
}

asio::awaitable<void> ClientStream::write(asio::const_buffer buffer) {
  if (tls_) co_await asio::async_write(*tls_, buffer, asio::use_awaitable);
  else co_await asio::async_write(socket_, buffer, asio::use_awaitable);
}

asio::awaitable<void> ClientStream::start_tls(asio::ssl::context& context) {
  tls_.emplace(std::move(socket_), context);
  co_await tls_->async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
}

bool ClientStream::peer_gone() {
  auto& socket = tls_ ? tls_->next_layer() : socket_;
  if (!socket.is_open()) return true;
  char first = 0;
  const ssize_t n = ::recv(socket.native_handle(), &first, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return true;  // the peer's FIN
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
  return !tls_ && first == 'X';
}

void ClientStream::close() {
  boost::system::error_code ignored;
  if (tls_) tls_->next_layer().close(ignored);
  else socket_.close(ignored);
}

}  // namespace eddy
