#include "connectors/generator/generator_factory.h"

#include "common/error.h"
#include "connectors/generator/clicks_generator.h"
#include "connectors/generator/nexmark_generator.h"
#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors {

namespace {

const std::string& kind_of(const catalog::Relation& stream) {
  const std::string* kind = stream.option("kind");
  if (!kind)
    throw SqlError(sqlstate::kInvalidParameterValue, "option \"kind\" is required for USING generator")
        .with_hint("For example OPTIONS (kind 'clicks', rate '1000') or OPTIONS (kind 'nexmark_bid').");
  if (*kind != "clicks" && !nexmark::kind_from_name(*kind))
    throw SqlError(sqlstate::kInvalidParameterValue, "unknown generator kind '" + *kind + "'")
        .with_hint("Valid kinds: clicks, nexmark_person, nexmark_auction, nexmark_bid.");
  return *kind;
}

}  // namespace

void prepare_generator_stream(catalog::Relation& stream) {
  const std::string& kind = kind_of(stream);
  if (kind == "clicks") {
    if (stream.columns.empty()) stream.columns = clicks_default_columns();
    parse_clicks_options(stream.options, stream.columns);
    return;
  }
  if (stream.columns.empty()) stream.columns = nexmark::default_columns(*nexmark::kind_from_name(kind));
  parse_nexmark_options(stream.options, stream.columns);
}

std::unique_ptr<engine::Source> open_generator(const catalog::Relation& stream, uint64_t offset) {
  if (kind_of(stream) == "clicks")
    return std::make_unique<ClicksGenerator>(stream, parse_clicks_options(stream.options, stream.columns), offset);
  return std::make_unique<NexmarkGenerator>(stream, parse_nexmark_options(stream.options, stream.columns), offset);
}

}  // namespace eddy::connectors
