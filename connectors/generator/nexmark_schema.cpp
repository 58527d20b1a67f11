#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors::nexmark {

std::vector<catalog::ColumnSchema> default_columns(EventKind kind) {
  const Type id = Type::int64(), text = Type::text(), ts = Type::timestamp();
  switch (kind) {
    case EventKind::Person:
      return {{"id", id},   {"name", text},  {"email_address", text}, {"credit_card", text},
              {"city", text}, {"state", text}, {"date_time", ts},       {"extra", text}};
    case EventKind::Auction:
      return {{"id", id},        {"item_name", text}, {"description", text}, {"initial_bid", id},
              {"reserve", id},   {"date_time", ts},   {"expires", ts},       {"seller", id},
              {"category", id},  {"extra", text}};
    case EventKind::Bid:
      return {{"auction", id}, {"bidder", id},   {"price", id}, {"channel", text},
              {"url", text},   {"date_time", ts}, {"extra", text}};
  }
  return {};
}

const char* kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::Person: return "nexmark_person";
    case EventKind::Auction: return "nexmark_auction";
    case EventKind::Bid: return "nexmark_bid";
  }
  return "";
}

std::optional<EventKind> kind_from_name(const std::string& name) {
  for (EventKind k : {EventKind::Person, EventKind::Auction, EventKind::Bid})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

int field_index(EventKind kind, const std::string& column) {
  const auto columns = default_columns(kind);
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == column) return static_cast<int>(i);
  return -1;
}

std::string describe_columns(EventKind kind) {
  std::string out;
  for (const auto& c : default_columns(kind)) {
    if (!out.empty()) out += ", ";
    out += c.name + " " + (c.type.id == TypeId::Timestamp ? std::string("timestamp") : c.type.sql_name());
  }
  return out;
}

}  // namespace eddy::connectors::nexmark
