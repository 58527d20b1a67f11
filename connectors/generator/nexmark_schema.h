#pragma once
// The columns each Nexmark generator kind produces, named as RisingWave and Feldera name them.
// A stream may declare any of them, in any order; the generator makes only those it declares.

#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "connectors/generator/nexmark_model.h"

namespace eddy::connectors::nexmark {

// Each kind's fields, in the order of its default columns.
enum class PersonField { Id, Name, EmailAddress, CreditCard, City, State, DateTime, Extra };
enum class AuctionField { Id, ItemName, Description, InitialBid, Reserve, DateTime, Expires, Seller, Category, Extra };
enum class BidField { Auction, Bidder, Price, Channel, Url, DateTime, Extra };

// "nexmark_person", "nexmark_auction", "nexmark_bid".
const char* kind_name(EventKind kind);
std::optional<EventKind> kind_from_name(const std::string& name);

// The columns a kind produces, in field order: a CREATE STREAM that lists none gets these.
std::vector<catalog::ColumnSchema> default_columns(EventKind kind);

// The field a column of that name holds (its index in default_columns), or -1.
int field_index(EventKind kind, const std::string& column);

// "id bigint, name text, ...": what the kind produces, for error hints.
std::string describe_columns(EventKind kind);

}  // namespace eddy::connectors::nexmark
