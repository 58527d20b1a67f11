#pragma once
// engine::CatalogLookup over a CatalogModel: what catalog functions and reg* casts see for one
// statement. The model may be given, or made by a function on first use (a statement that calls
// no catalog function never takes a catalog snapshot). Thread-safe; may be shared by threads.

#include <functional>
#include <memory>
#include <mutex>

#include "engine/catalog_lookup.h"
#include "server/system_catalog/catalog_model.h"

namespace eddy::syscat {

class SnapshotLookup final : public engine::CatalogLookup {
 public:
  using ModelSource = std::function<std::shared_ptr<const CatalogModel>()>;

  explicit SnapshotLookup(std::shared_ptr<const CatalogModel> model) : model_(std::move(model)) {}
  // `source` is called once, on the first lookup.
  explicit SnapshotLookup(ModelSource source) : source_(std::move(source)) {}
  const CatalogModel& model() const { return *shared_model(); }
  const std::shared_ptr<const CatalogModel>& shared_model() const;

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
  std::string current_user() const override { return model().snapshot().current_user; }
  std::string session_user() const override { return model().snapshot().session_user; }
  std::string database() const override { return model().snapshot().database; }
  std::vector<std::string> search_path() const override;
  std::optional<std::string> setting(std::string_view name) const override;
  int32_t backend_pid() const override { return model().snapshot().backend_pid; }
  int64_t server_start_micros() const override { return model().snapshot().server_start_micros; }

 private:
  ModelSource source_;
  mutable std::once_flag made_;
  mutable std::shared_ptr<const CatalogModel> model_;
};

}  // namespace eddy::syscat
