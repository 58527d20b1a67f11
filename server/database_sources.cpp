// Opening the source a continuous query reads, at a committed position.

#include "common/error.h"
#include "connectors/generator/generator_factory.h"
#include "connectors/redis/redis_options.h"
#include "connectors/redis/redis_stream_source.h"
#include "server/database.h"

namespace eddy {

std::unique_ptr<engine::Source> Database::open_source(const catalog::Relation& stream, uint64_t query_id,
                                                      const std::string& position) {
  if (stream.connector == "redis") return open_redis_source(stream, query_id, position);
  uint64_t offset = 0;
  if (!position.empty()) {
    try {
      offset = std::stoull(position);
    } catch (const std::exception&) {
      throw SqlError("XX001", "the stored position of query " + std::to_string(query_id) + " is unreadable");
    }
  }
  if (stream.connector.empty()) {
    auto buffer = stream_buffer(stream.id);
    if (!buffer) throw SqlError(sqlstate::kInternalError, "stream \"" + stream.name + "\" has no buffer");
    return std::make_unique<engine::BufferSource>(buffer, stream.name, offset);
  }
  if (stream.connector == "generator") return connectors::open_generator(stream, offset);
  throw SqlError(sqlstate::kFeatureNotSupported, "streams USING " + stream.connector + " are not supported yet");
}

std::unique_ptr<engine::Source> Database::open_redis_source(const catalog::Relation& stream, uint64_t query_id,
                                                            const std::string& position) {
  auto endpoint = connectors::parse_redis_endpoint(stream.options, options_.redis_url);
  auto options = connectors::parse_redis_stream_options(stream.options);
  // Every query reads every entry, so each has a consumer group of its own: "<group>:q<id>".
  options.group += ":q" + std::to_string(query_id);
  options.consumer = "eddy-q" + std::to_string(query_id);
  std::string name = stream.name;
  auto dead = [this, query_id, name](connectors::DeadLetter d) {
    dead_letter(DeadLetterRow{query_id, name, d.stream_key, d.entry_id, d.raw, d.error, d.time_micros});
  };
  std::map<std::string, std::string> resume;
  std::map<std::string, uint64_t> counters;  // entries added up to each resume position: finds trimmed ones
  uint64_t consumed = 0;
  if (!position.empty() && !connectors::RedisStreamSource::parse_position(position, resume, consumed, counters))
    throw SqlError("XX001", "the stored position of query " + std::to_string(query_id) + " is unreadable");
  return std::make_unique<connectors::RedisStreamSource>(stream, endpoint, options, dead, resume, consumed, counters);
}

}  // namespace eddy
