// COPY ... FROM STDIN into a stream or an Eddy-kept table, in text or CSV format, and the
// options both directions of COPY share.

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "common/value_text.h"
#include "protocol/copy_format.h"
#include "protocol/copy_options.h"
#include "protocol/copy_splitter.h"
#include "server/exec_internal.h"

namespace eddy::exec {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool truthy(const std::string& key, const std::string& v) {
  std::string l = lower(v);
  if (l.empty() || l == "true" || l == "on" || l == "1" || l == "yes") return true;
  if (l == "false" || l == "off" || l == "0" || l == "no") return false;
  throw SqlError(sqlstate::kInvalidParameterValue, key + " requires a Boolean value");
}

char single_char(const std::string& key, const std::string& v) {
  if (v.size() != 1)
    throw SqlError(sqlstate::kFeatureNotSupported, "COPY " + key + " must be a single one-byte character");
  return v[0];
}

class CopyIntoRelation final : public CopyInTarget {
 public:
  CopyIntoRelation(Database& db, catalog::RelationPtr rel, std::vector<int> targets, protocol::CopyOptions options,
                   bool header)
      : db_(db), rel_(std::move(rel)), targets_(std::move(targets)), options_(options),
        splitter_(options), skip_header_(header) {
    for (int t : targets_) values_.columns.emplace_back(rel_->columns[t].type);
  }

  int column_count() const override { return static_cast<int>(targets_.size()); }

  void feed(std::string_view data) override {
    splitter_.feed(data);
    drain();
  }

  std::string finish() override {
    splitter_.finish();
    drain();
    // Build the full-width batch: target columns from the data, the rest NULL, _time now.
    Batch rows;
    const size_t n = values_.rows();
    const int64_t arrival = now_micros();
    for (size_t c = 0; c < rel_->columns.size(); ++c) {
      auto it = std::find(targets_.begin(), targets_.end(), static_cast<int>(c));
      if (it != targets_.end()) {
        rows.columns.push_back(std::move(values_.columns[it - targets_.begin()]));
        continue;
      }
      Column col(rel_->columns[c].type);
      for (size_t r = 0; r < n; ++r) {
        if (rel_->columns[c].hidden && rel_->columns[c].name == "_time") col.append_int(arrival);
        else col.append_null();
      }
      rows.columns.push_back(std::move(col));
    }
    rows.weights.assign(n, 1);
    size_t written = write_rows(db_, *rel_, std::move(rows));
    return "COPY " + std::to_string(written);
  }

  void abandon() override { values_ = Batch(); }

 private:
  void drain() {
    while (auto record = splitter_.next()) {
      if (skip_header_) {
        skip_header_ = false;
        continue;
      }
      protocol::parse_copy_record(*record, options_, splitter_.line(), fields_);
      const int64_t line = splitter_.line();
      if (fields_.size() > targets_.size())
        throw SqlError(sqlstate::kBadCopyFileFormat, "extra data after last expected column")
            .with_detail("COPY " + rel_->name + ", line " + std::to_string(line));
      if (fields_.size() < targets_.size())
        throw SqlError(sqlstate::kBadCopyFileFormat,
                       "missing data for column \"" + rel_->columns[targets_[fields_.size()]].name + "\"")
            .with_detail("COPY " + rel_->name + ", line " + std::to_string(line));
      for (size_t i = 0; i < targets_.size(); ++i) {
        const catalog::ColumnSchema& col = rel_->columns[targets_[i]];
        if (!fields_[i]) {
          values_.columns[i].append_null();
          continue;
        }
        try {
          values_.columns[i].append(parse_value(*fields_[i], col.type));
        } catch (SqlError& e) {
          e.with_detail("COPY " + rel_->name + ", line " + std::to_string(line) + ", column " + col.name + ": \"" +
                        *fields_[i] + "\"");
          throw;
        }
      }
      values_.weights.push_back(1);
    }
  }

  Database& db_;
  catalog::RelationPtr rel_;
  std::vector<int> targets_;
  protocol::CopyOptions options_;
  protocol::CopyRecordSplitter splitter_;
  bool skip_header_;
  protocol::CopyFields fields_;
  Batch values_;
};

}  // namespace

CopyFormatOptions copy_format_options(const ast::CopyStmt& stmt) {
  CopyFormatOptions out;
  protocol::CopyOptions& options = out.options;
  for (const auto& o : stmt.options)
    if (o.key == "format") {
      std::string f = lower(o.value);
      if (f == "csv") options = protocol::CopyOptions::csv();
      else if (f == "binary")
        throw SqlError(sqlstate::kFeatureNotSupported, "COPY format \"binary\" is not supported yet", o.position);
      else if (f != "text")
        throw SqlError(sqlstate::kInvalidParameterValue, "COPY format \"" + o.value + "\" not recognized", o.position);
    }
  const char* csv_only = nullptr;
  for (const auto& o : stmt.options) {
    if (o.key == "format") continue;
    if (o.key == "header") out.header = truthy("header", o.value);
    else if (o.key == "delimiter") options.delimiter = single_char("delimiter", o.value);
    else if (o.key == "null") options.null_string = o.value;
    else if (o.key == "quote") {
      options.quote = single_char("quote", o.value);
      csv_only = "quote";
    } else if (o.key == "escape") {
      options.escape = single_char("escape", o.value);
      csv_only = "escape";
    } else if (o.key == "encoding") {
      std::string e = lower(o.value);
      if (e != "utf8" && e != "utf-8") throw SqlError(sqlstate::kFeatureNotSupported, "COPY encoding must be UTF8");
    } else {
      throw SqlError(sqlstate::kSyntaxError, "option \"" + o.key + "\" not recognized", o.position);
    }
  }
  if (csv_only && !options.csv_mode())
    throw SqlError(sqlstate::kFeatureNotSupported, std::string("COPY ") + csv_only + " available only in CSV mode");
  protocol::validate_copy_options(options);
  return out;
}

std::unique_ptr<CopyInTarget> copy_from(Database& db, const ast::CopyStmt& stmt) {
  if (stmt.query || stmt.subscribe)
    throw SqlError(sqlstate::kSyntaxError, "COPY FROM needs a table or stream, not a query");
  auto rel = find_written_relation(db, stmt.table);
  if (!rel) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + stmt.table + "\" does not exist");
  if (rel->kind == catalog::RelationKind::MaterializedView)
    throw SqlError(sqlstate::kWrongObjectType, "cannot copy to materialized view \"" + rel->name + "\"");
  if (rel->kind == catalog::RelationKind::Stream && !rel->connector.empty())
    throw SqlError(sqlstate::kWrongObjectType,
                   "cannot copy to stream \"" + rel->name + "\": it reads from " + rel->connector);
  std::vector<int> targets;
  if (stmt.columns.empty()) {
    targets = rel->visible_columns();
  } else {
    for (const auto& n : stmt.columns) {
      int idx = rel->column_index(n);
      if (idx < 0 || rel->columns[idx].hidden)
        throw SqlError(sqlstate::kUndefinedColumn, "column \"" + n + "\" of relation \"" + rel->name + "\" does not exist");
      targets.push_back(idx);
    }
  }
  CopyFormatOptions format = copy_format_options(stmt);
  return std::make_unique<CopyIntoRelation>(db, rel, std::move(targets), format.options, format.header);
}

}  // namespace eddy::exec
