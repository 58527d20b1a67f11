#pragma once
// Errors that reach a user. Every one carries a PostgreSQL SQLSTATE, a message that says what and
// where, and optionally a detail, a hint and a 1-based character position in the statement text
// (PostgreSQL's convention for ErrorResponse 'P').
//
// Query errors are thrown as SqlError and caught once, at the session, which turns them into an
// ErrorResponse and carries on. Storage code returns statuses instead of throwing.

#include <exception>
#include <string>
#include <string_view>

namespace eddy {

namespace sqlstate {
inline constexpr const char* kSuccessfulCompletion = "00000";
inline constexpr const char* kWarning = "01000";
inline constexpr const char* kConnectionException = "08000";
inline constexpr const char* kProtocolViolation = "08P01";
inline constexpr const char* kFeatureNotSupported = "0A000";
inline constexpr const char* kCardinalityViolation = "21000";
inline constexpr const char* kDataException = "22000";
inline constexpr const char* kStringDataRightTruncation = "22001";
inline constexpr const char* kNumericValueOutOfRange = "22003";
inline constexpr const char* kNullValueNotAllowed = "22004";
inline constexpr const char* kInvalidDatetimeFormat = "22007";
inline constexpr const char* kDatetimeFieldOverflow = "22008";
inline constexpr const char* kDivisionByZero = "22012";
inline constexpr const char* kInvalidParameterValue = "22023";
inline constexpr const char* kInvalidTextRepresentation = "22P02";
inline constexpr const char* kBadCopyFileFormat = "22P04";
inline constexpr const char* kInvalidBinaryRepresentation = "22P03";
inline constexpr const char* kIntegrityConstraintViolation = "23000";
inline constexpr const char* kNotNullViolation = "23502";
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kInvalidCursorState = "24000";
inline constexpr const char* kInvalidTransactionState = "25000";
inline constexpr const char* kActiveSqlTransaction = "25001";
inline constexpr const char* kNoActiveSqlTransaction = "25P01";
inline constexpr const char* kReadOnlySqlTransaction = "25006";
inline constexpr const char* kInFailedSqlTransaction = "25P02";
inline constexpr const char* kInvalidAuthorizationSpecification = "28000";
inline constexpr const char* kInvalidPassword = "28P01";
inline constexpr const char* kInvalidSqlStatementName = "26000";
inline constexpr const char* kInvalidCursorName = "34000";
inline constexpr const char* kInvalidCatalogName = "3D000";
inline constexpr const char* kInvalidSchemaName = "3F000";
inline constexpr const char* kSyntaxErrorOrAccessRuleViolation = "42000";
inline constexpr const char* kSyntaxError = "42601";
inline constexpr const char* kInsufficientPrivilege = "42501";
inline constexpr const char* kGroupingError = "42803";
inline constexpr const char* kWrongObjectType = "42809";
inline constexpr const char* kDatatypeMismatch = "42804";
inline constexpr const char* kUndefinedColumn = "42703";
inline constexpr const char* kUndefinedFunction = "42883";
inline constexpr const char* kUndefinedTable = "42P01";
inline constexpr const char* kUndefinedObject = "42704";
inline constexpr const char* kUndefinedParameter = "42P02";
inline constexpr const char* kDuplicateColumn = "42701";
inline constexpr const char* kDuplicateObject = "42710";
inline constexpr const char* kReservedName = "42939";
inline constexpr const char* kDuplicateTable = "42P07";
inline constexpr const char* kDuplicateCursor = "42P03";
inline constexpr const char* kDuplicatePreparedStatement = "42P05";
inline constexpr const char* kIndeterminateDatatype = "42P18";
inline constexpr const char* kAmbiguousColumn = "42702";
inline constexpr const char* kInvalidColumnReference = "42P10";
inline constexpr const char* kInvalidTableDefinition = "42P16";
inline constexpr const char* kInvalidObjectDefinition = "42P17";
inline constexpr const char* kDependentObjectsStillExist = "2BP01";
inline constexpr const char* kProgramLimitExceeded = "54000";
inline constexpr const char* kTooManyConnections = "53300";
inline constexpr const char* kDiskFull = "53100";
inline constexpr const char* kOutOfMemory = "53200";
inline constexpr const char* kConfigurationLimitExceeded = "53400";
inline constexpr const char* kOperatorIntervention = "57000";
inline constexpr const char* kQueryCanceled = "57014";
inline constexpr const char* kAdminShutdown = "57P01";
inline constexpr const char* kObjectNotInPrerequisiteState = "55000";
inline constexpr const char* kObjectInUse = "55006";
inline constexpr const char* kCantChangeRuntimeParam = "55P02";
inline constexpr const char* kSystemError = "58000";
inline constexpr const char* kInternalError = "XX000";
}  // namespace sqlstate

class SqlError : public std::exception {
 public:
  SqlError(std::string sqlstate, std::string message, int position = 0)
      : sqlstate_(std::move(sqlstate)), message_(std::move(message)), position_(position) {}

  SqlError& with_detail(std::string d) { detail_ = std::move(d); return *this; }
  SqlError& with_hint(std::string h) { hint_ = std::move(h); return *this; }
  // position: 1-based character offset in the statement text; 0 means none.
  SqlError& with_position(int p) { position_ = p; return *this; }

  const char* what() const noexcept override { return message_.c_str(); }
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& message() const { return message_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  int position() const { return position_; }

 private:
  std::string sqlstate_;
  std::string message_;
  std::string detail_;
  std::string hint_;
  int position_ = 0;
};

}  // namespace eddy
