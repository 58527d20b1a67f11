#include "connectors/generator/nexmark_options.h"

#include "common/error.h"
#include "connectors/generator/generator_basics.h"
#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors {

namespace {

// Whether a column declared as `declared` can hold the values of a column the kind produces as
// `produced`: integers in BIGINT, INTEGER or a floating type (SMALLINT is too narrow for ids and
// prices), text in TEXT or VARCHAR without a length (the lengths vary), timestamps with or
// without time zone.
bool holds(const Type& declared, const Type& produced) {
  switch (produced.id) {
    case TypeId::Int64:
      return declared.id == TypeId::Int64 || declared.id == TypeId::Int32 || declared.is_floating();
    case TypeId::Text: return declared.id == TypeId::Text || (declared.id == TypeId::Varchar && declared.modifier < 0);
    case TypeId::Timestamp: return declared.id == TypeId::Timestamp || declared.id == TypeId::TimestampTz;
    default: return false;
  }
}

void check_columns(nexmark::EventKind kind, const std::vector<catalog::ColumnSchema>& columns) {
  const auto produced = nexmark::default_columns(kind);
  const std::string kind_name = nexmark::kind_name(kind);
  for (const auto& c : columns) {
    if (c.hidden) continue;
    const int field = nexmark::field_index(kind, c.name);
    if (field < 0 || !holds(c.type, produced[static_cast<size_t>(field)].type))
      throw SqlError(sqlstate::kInvalidParameterValue,
                     "column \"" + c.name + "\" (" + c.type.sql_name() + ") is not produced by generator kind '" +
                         kind_name + "'")
          .with_hint("The " + kind_name + " generator produces " + nexmark::describe_columns(kind) + ".");
  }
}

}  // namespace

NexmarkOptions parse_nexmark_options(const catalog::Options& options,
                                     const std::vector<catalog::ColumnSchema>& columns) {
  NexmarkOptions out;
  bool have_kind = false;
  for (const auto& [key, value] : options) {
    if (key == "kind") {
      auto kind = nexmark::kind_from_name(value);
      if (!kind)
        throw SqlError(sqlstate::kInvalidParameterValue, "generator kind '" + value + "' is not a Nexmark kind")
            .with_hint("Nexmark kinds: nexmark_person, nexmark_auction, nexmark_bid.");
      out.kind = *kind;
      have_kind = true;
    } else if (key == "seed") {
      out.seed = parse_generator_count(key, value);
    } else if (key == "rate") {
      out.rate = parse_generator_count(key, value);
    } else if (key == "limit") {
      out.limit = parse_generator_count(key, value);
    } else if (key == "events") {
      out.events = parse_generator_count(key, value);
    } else if (key == "event_rate") {
      out.event_rate = parse_generator_count(key, value);
      if (out.event_rate == 0 || out.event_rate > kMaxNexmarkEventRate)
        throw SqlError(sqlstate::kInvalidParameterValue,
                       "generator option \"event_rate\" must be between 1 and " + std::to_string(kMaxNexmarkEventRate))
            .with_hint("It is how many Nexmark events happen per second of event time.");
    } else {
      throw SqlError(sqlstate::kInvalidParameterValue, "unknown option \"" + key + "\" for USING generator")
          .with_hint("Valid options for the Nexmark kinds are kind, seed, rate, limit, events and event_rate.");
    }
  }
  if (!have_kind)
    throw SqlError(sqlstate::kInvalidParameterValue, "option \"kind\" is required for USING generator");
  check_columns(out.kind, columns);
  return out;
}

}  // namespace eddy::connectors
