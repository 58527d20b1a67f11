#pragma once
// A protocol failure after which the connection cannot go on: the byte stream has lost its
// framing, or the startup exchange is unacceptable. The session must close the connection.
//
// Catch it BEFORE SqlError (it is one): an ordinary SqlError costs one statement, this one costs
// the connection. `notify_client()` says whether PostgreSQL would first send an ErrorResponse
// with severity FATAL (bad startup parameters, unsupported protocol version, unknown message
// type) or close silently, only logging (broken framing: PostgreSQL's COMMERROR, because a client
// that cannot frame messages cannot be trusted to read one either).

#include <string>

#include "common/error.h"

namespace eddy::protocol {

class ConnectionError : public SqlError {
 public:
  ConnectionError(std::string sqlstate, std::string message, bool notify_client)
      : SqlError(std::move(sqlstate), std::move(message)), notify_client_(notify_client) {}

  bool notify_client() const { return notify_client_; }

 private:
  bool notify_client_;
};

}  // namespace eddy::protocol
