#include "server/portal.h"

#include <limits>

#include "common/error.h"

namespace eddy {

namespace {

[[noreturn]] void only_forward() {
  throw SqlError(sqlstate::kObjectNotInPrerequisiteState, "cursor can only scan forward")
      .with_hint("Declare it with SCROLL option to enable backward scan.");
}

}  // namespace

std::vector<uint32_t> RowRange::indexes() const {
  std::vector<uint32_t> out(count);
  for (size_t i = 0; i < count; ++i) out[i] = static_cast<uint32_t>(at(i));
  return out;
}

RowRange Portal::fetch(ast::FetchDirection direction, int64_t count) {
  using D = ast::FetchDirection;
  const int64_t n = static_cast<int64_t>(result->size());
  constexpr int64_t kAll = std::numeric_limits<int64_t>::max();
  if ((direction == D::Forward || direction == D::Backward) && count == 0) {
    direction = D::Relative;  // FORWARD 0 / BACKWARD 0 re-read the current row
  } else if (direction == D::Forward || direction == D::Backward) {
    if (count < 0) count = kAll;
  }
  RowRange r;
  switch (direction) {
    case D::Forward: {
      if (position >= n) {
        position = n + 1;
        return r;
      }
      const int64_t left = n - position;  // rows position+1 .. n
      r.first = static_cast<size_t>(position);
      if (count <= left) {
        r.count = static_cast<size_t>(count);
        position += count;
      } else {
        r.count = static_cast<size_t>(left);
        position = n + 1;
      }
      return r;
    }
    case D::Backward: {
      if (!scrollable) only_forward();
      if (position <= 1) {
        position = 0;
        return r;
      }
      const int64_t left = std::min(position, n + 1) - 1;  // rows left .. 1
      r.first = static_cast<size_t>(left - 1);
      r.backward = true;
      if (count <= left) {
        r.count = static_cast<size_t>(count);
        position = left + 1 - count;
      } else {
        r.count = static_cast<size_t>(left);
        position = 0;
      }
      return r;
    }
    case D::Absolute:
    case D::Relative: {
      int64_t target;
      if (direction == D::Absolute) {
        target = count >= 0 ? count : n + 1 + count;
      } else if (count > 0) {
        target = position > n - count ? n + 1 : position + count;
      } else {
        target = position + count;  // never below -n - 1
      }
      if (target < 0) target = 0;
      if (target > n) target = n + 1;
      if (!scrollable && target < position) only_forward();
      position = target;
      if (target >= 1 && target <= n) {
        r.first = static_cast<size_t>(target - 1);
        r.count = 1;
      }
      return r;
    }
  }
  return r;
}

std::shared_ptr<Portal> PortalSet::find(const std::string& name) const {
  auto it = portals_.find(name);
  return it == portals_.end() ? nullptr : it->second;
}

void PortalSet::add(std::shared_ptr<Portal> portal) {
  if (!portal->name.empty() && portals_.count(portal->name))
    throw SqlError(sqlstate::kDuplicateCursor, "cursor \"" + portal->name + "\" already exists");
  std::string name = portal->name;
  portals_[name] = std::move(portal);
}

bool PortalSet::close(const std::string& name) { return portals_.erase(name) > 0; }

void PortalSet::end_transaction(bool committed) {
  for (auto it = portals_.begin(); it != portals_.end();) {
    Portal& p = *it->second;
    const bool keep = p.holdable && (committed || !p.created_in_transaction);
    if (keep) {
      p.created_in_transaction = false;
      ++it;
    } else {
      it = portals_.erase(it);
    }
  }
}

}  // namespace eddy
