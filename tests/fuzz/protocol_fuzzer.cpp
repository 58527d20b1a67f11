// libFuzzer harness for the protocol library (after oss-fuzz's PostgreSQL protocol_fuzzer.c).
//
// The first input byte picks a target, the rest is fed to it:
//   0  the frame reader in the startup phase, every frame through decode_startup_packet, then the
//      normal phase with every frame through decode_frontend_message and, for 'p', each auth
//      decoder; bytes are fed in chunks whose sizes come from the input itself
//   1  binary decoding of every type, and numeric's binary form
//   2  the COPY splitter and record parser, text and CSV
//   4  the SCRAM-SHA-256 exchange (server/auth/scram_exchange.h): the input, split at its first
//      NUL, is a client-first-message and a client-final-message; and the verifier parser
// Anything but SqlError (and its ConnectionError) escaping, or a sanitizer report, is a bug.
// A crash found here becomes a regression test in tests/unit/protocol.
//
// Build: see tests/fuzz/CMakeLists.txt (clang only). Run:
//   ./eddy_protocol_fuzzer -max_len=4096 corpus/

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "protocol/binary_format.h"
#include "protocol/connection_error.h"
#include "protocol/copy_format.h"
#include "protocol/copy_splitter.h"
#include "protocol/frame_reader.h"
#include "protocol/frontend_messages.h"
#include "protocol/pg_numeric.h"
#include "protocol/startup_messages.h"
#include "server/auth/scram_exchange.h"
#include "server/auth/scram_verifier.h"

using namespace eddy;
using namespace eddy::protocol;

namespace {

void fuzz_frames(std::string_view data) {
  FrameReader reader;
  size_t pos = 0;
  while (pos < data.size()) {
    // One byte gives the next chunk's size, so splits are explored too.
    size_t n = 1 + static_cast<uint8_t>(data[pos++]) % 64;
    std::string_view chunk = data.substr(pos, n);
    pos += chunk.size();
    reader.feed(chunk);
    while (auto frame = reader.next()) {
      if (reader.phase() == FrameReader::Phase::Startup) {
        auto packet = decode_startup_packet(frame->payload);
        if (std::holds_alternative<StartupMessage>(packet)) reader.set_phase(FrameReader::Phase::Normal);
        continue;
      }
      try {
        auto message = decode_frontend_message(*frame);
        if (auto* auth = std::get_if<AuthResponse>(&message)) {
          try { decode_password_message(auth->payload); } catch (const SqlError&) {}
          try { decode_sasl_initial_response(auth->payload); } catch (const SqlError&) {}
          decode_sasl_response(auth->payload);
        }
      } catch (const ConnectionError&) {
        throw;
      } catch (const SqlError&) {
        // A malformed message costs the statement, not the stream: go on with the next frame.
      }
    }
  }
}

void fuzz_binary(std::string_view data) {
  static const Type kTypes[] = {Type::boolean(), Type::int16(),     Type::int32(),    Type::int64(),
                                Type::float32(), Type::float64(),   Type::numeric(),  Type::text(),
                                Type::varchar(4), Type::timestamp(), Type::timestamptz(), Type::date(),
                                Type::interval(), Type::jsonb(),    Type::null()};
  for (Type t : kTypes) {
    try {
      Value v = decode_binary(data, t);
      std::string again;
      append_binary(again, v);
    } catch (const SqlError&) {
    }
  }
  try {
    std::string text = numeric_binary_to_text(data);
    std::string again;
    append_numeric_binary(again, text);
  } catch (const SqlError&) {
  }
}

void fuzz_copy(std::string_view data, bool csv) {
  CopyOptions options = csv ? CopyOptions::csv() : CopyOptions::text();
  CopyRecordSplitter splitter(options, 1 << 16);
  CopyFields fields;
  size_t half = data.size() / 2;
  auto drain = [&] {
    while (auto record = splitter.next()) {
      parse_copy_record(*record, options, splitter.line(), fields);
      std::string line;
      std::vector<std::optional<std::string_view>> views;
      for (const auto& f : fields) views.push_back(f ? std::optional<std::string_view>(*f) : std::nullopt);
      format_copy_record(line, views, options);
    }
  };
  splitter.feed(data.substr(0, half));
  drain();
  splitter.feed(data.substr(half));
  splitter.finish();
  drain();
}

void fuzz_scram(std::string_view data) {
  (void)auth::parse_scram_verifier(data);
  (void)auth::password_form(data);
  static const auth::ScramVerifier verifier = auth::make_scram_verifier("pencil", "salt", 16);
  size_t nul = data.find('\0');
  std::string_view first = data.substr(0, nul);
  std::string_view final = nul == std::string_view::npos ? std::string_view() : data.substr(nul + 1);
  auth::ScramExchange exchange(verifier, "", "servernonce");
  exchange.first(first);
  (void)exchange.final(final);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size == 0) return 0;
  std::string_view data(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  try {
    switch (bytes[0] % 5) {
      case 0: fuzz_frames(data); break;
      case 1: fuzz_binary(data); break;
      case 2: fuzz_copy(data, false); break;
      case 3: fuzz_copy(data, true); break;
      case 4: fuzz_scram(data); break;
    }
  } catch (const SqlError&) {
    // Expected for malformed input; ConnectionError included.
  }
  return 0;
}
