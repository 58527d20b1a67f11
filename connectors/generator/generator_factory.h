#pragma once
// Streams USING generator: the one place that knows every kind (clicks, nexmark_person,
// nexmark_auction, nexmark_bid), for CREATE STREAM and for opening the stream's source.

#include <cstdint>
#include <memory>

#include "catalog/relation.h"
#include "engine/source.h"

namespace eddy::connectors {

// For CREATE STREAM ... USING generator OPTIONS (kind ..., ...): checks the kind, the options
// and the declared columns, and gives a stream that declares no column its kind's defaults.
// Throws SqlError 22023 naming the kind, option or column at fault.
void prepare_generator_stream(catalog::Relation& stream);

// The source of a generator stream (already prepared), resuming at row `offset`.
std::unique_ptr<engine::Source> open_generator(const catalog::Relation& stream, uint64_t offset);

}  // namespace eddy::connectors
