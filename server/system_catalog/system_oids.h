#pragma once
// The fixed OIDs of Eddy's system catalog, and how the OIDs of derived objects are made.
//
// PostgreSQL 15's OIDs wherever PostgreSQL has the object (schemas, system tables and views,
// types, access methods, collations, the bootstrap superuser). Eddy's own relations use their
// catalog id, which counts from 16384 as PostgreSQL's user objects do. Objects Eddy derives
// from a relation (the index and constraint of its PRIMARY KEY) take OIDs computed from the
// relation's id, so they are stable across restarts without being stored; relation ids stay far
// below 2^29, so these never meet.

#include <cstdint>

#include "engine/catalog_lookup.h"

namespace eddy::syscat {

// Schemas (pg_namespace).
inline constexpr uint32_t kPgCatalogNamespace = 11;
inline constexpr uint32_t kPgToastNamespace = 99;
inline constexpr uint32_t kPublicNamespace = 2200;
inline constexpr uint32_t kInformationSchemaNamespace = 13207;  // PostgreSQL 15.x after initdb
inline constexpr uint32_t kEddyCatalogNamespace = 14000;        // Eddy's own system tables

inline constexpr uint32_t kBootstrapSuperuser = 10;  // pg_authid.oid of the superuser
inline constexpr uint32_t kDatabaseOid = engine::kDatabaseOid;
inline constexpr uint32_t kDefaultTablespace = 1663;  // pg_default
inline constexpr uint32_t kGlobalTablespace = 1664;   // pg_global
inline constexpr uint32_t kHeapAm = 2;
inline constexpr uint32_t kBtreeAm = 403;
inline constexpr uint32_t kDefaultCollation = 100;
inline constexpr uint32_t kCCollation = 950;
inline constexpr uint32_t kPosixCollation = 951;
inline constexpr uint32_t kInternalLanguage = 12;  // pg_language "internal"

// pg_class OIDs of catalogs that other rows name (pg_description.classoid, pg_depend, ...).
inline constexpr uint32_t kPgClassOid = 1259;
inline constexpr uint32_t kPgProcOid = 1255;
inline constexpr uint32_t kPgTypeOid = 1247;
inline constexpr uint32_t kPgNamespaceOid = 2615;
inline constexpr uint32_t kPgConstraintOid = 2606;

// The index "<table>_pkey" and the constraint of a relation's PRIMARY KEY.
inline constexpr uint32_t kPrimaryKeyIndexBase = 1u << 30;                   // 1073741824 + id
inline constexpr uint32_t kPrimaryKeyConstraintBase = (1u << 30) + (1u << 29);  // 1610612736 + id
inline uint32_t primary_key_index_oid(uint64_t relation_id) {
  return kPrimaryKeyIndexBase + static_cast<uint32_t>(relation_id);
}
inline uint32_t primary_key_constraint_oid(uint64_t relation_id) {
  return kPrimaryKeyConstraintBase + static_cast<uint32_t>(relation_id);
}

}  // namespace eddy::syscat
