#pragma once
// The fields of a Nexmark person event, after Beam's PersonGenerator: id from the event number
// (the people are numbered in order from kFirstPersonId), a name from Beam's first and last
// names, an email of random letters, a 16-digit credit card, one of Beam's few cities and states
// (few, so queries find matches on small runs), the event time, and an empty `extra`.

#include <cstdint>
#include <vector>

#include "common/column.h"
#include "connectors/generator/nexmark_model.h"
#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors::nexmark {

// Appends field `field` of each person event in `events` to `out`.
void fill_person_column(PersonField field, const std::vector<uint64_t>& events, const Params& params, Column& out);

}  // namespace eddy::connectors::nexmark
