#pragma once
// engine::CatalogLookup over a CatalogModel: what catalog functions and reg* casts see for one
// statement. Immutable; may be shared by threads.

#include <memory>

#include "engine/catalog_lookup.h"
#include "server/system_catalog/catalog_model.h"

namespace eddy::syscat {

class SnapshotLookup final : public engine::CatalogLookup {
 public:
  explicit SnapshotLookup(std::shared_ptr<const CatalogModel> model) : model_(std::move(model)) {}
  const CatalogModel& model() const { return *model_; }

  std::optional<engine::LookupRelation> relation(uint32_t oid) const override;
  std::optional<uint32_t> relation_oid(const std::vector<std::string>& name) const override;
  bool relation_visible(uint32_t oid) const override;
  std::optional<std::string> namespace_name(uint32_t oid) const override;
  std::optional<uint32_t> namespace_oid(std::string_view name) const override;
  std::optional<std::string> role_name(uint32_t oid) const override;
  std::optional<uint32_t> role_oid(std::string_view name) const override;
  std::optional<std::string> index_definition(uint32_t oid, int column, bool pretty) const override;
  std::optional<std::string> constraint_definition(uint32_t oid) const override;
  std::optional<std::string> view_definition(uint32_t oid) const override;
  std::string current_user() const override { return model_->snapshot().current_user; }
  std::string session_user() const override { return model_->snapshot().session_user; }
  std::string database() const override { return model_->snapshot().database; }
  std::vector<std::string> search_path() const override;
  std::optional<std::string> setting(std::string_view name) const override;
  int32_t backend_pid() const override { return model_->snapshot().backend_pid; }
  int64_t server_start_micros() const override { return model_->snapshot().server_start_micros; }

 private:
  std::shared_ptr<const CatalogModel> model_;
};

}  // namespace eddy::syscat
