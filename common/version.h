#pragma once
// What Eddy reports about itself. Clients (pgjdbc, psqlODBC, psql) parse server_version, so it
// keeps PostgreSQL's form; the Eddy version follows in version().

namespace eddy {
inline constexpr const char* kEddyVersion = "0.1.0";
// ParameterStatus server_version / SHOW server_version.
inline constexpr const char* kServerVersion = "15.0";
inline constexpr const char* kServerVersionNum = "150000";
// SELECT version().
inline constexpr const char* kVersionString =
    "PostgreSQL 15.0 (Eddy 0.1.0) on x86_64-pc-linux-gnu, compiled by g++, 64-bit";
}  // namespace eddy
