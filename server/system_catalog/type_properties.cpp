#include "server/system_catalog/type_properties.h"

namespace eddy::syscat {

TypeProperties type_properties(Type t) {
  // SELECT typbyval, typcategory, typispreferred, typalign, typstorage, typcollation, typelem
  // FROM pg_type (PostgreSQL 15).
  switch (t.id) {
    case TypeId::Bool: return {true, 'B', true, 'c', 'p', 0, 0};
    case TypeId::Char: return {true, 'Z', false, 'c', 'p', 0, 0};
    case TypeId::Name: return {false, 'S', false, 'c', 'p', 950, 18};
    case TypeId::Int64: return {true, 'N', false, 'd', 'p', 0, 0};
    case TypeId::Int16: return {true, 'N', false, 's', 'p', 0, 0};
    case TypeId::Int2Vector: return {false, 'A', false, 'i', 'p', 0, 21};
    case TypeId::Int32: return {true, 'N', false, 'i', 'p', 0, 0};
    case TypeId::RegProc: return {true, 'N', false, 'i', 'p', 0, 0};
    case TypeId::Text:
      if (t.is_void()) return {true, 'P', false, 'i', 'p', 0, 0};  // the pseudo-type void
      return {false, 'S', true, 'i', 'x', 100, 0};
    case TypeId::Oid: return {true, 'N', true, 'i', 'p', 0, 0};
    case TypeId::OidVector: return {false, 'A', false, 'i', 'p', 0, 26};
    case TypeId::Float32: return {true, 'N', false, 'i', 'p', 0, 0};
    case TypeId::Float64: return {true, 'N', true, 'd', 'p', 0, 0};
    case TypeId::Varchar: return {false, 'S', false, 'i', 'x', 100, 0};
    case TypeId::Date: return {true, 'D', false, 'i', 'p', 0, 0};
    case TypeId::Timestamp: return {true, 'D', false, 'd', 'p', 0, 0};
    case TypeId::TimestampTz: return {true, 'D', true, 'd', 'p', 0, 0};
    case TypeId::Interval: return {false, 'T', true, 'd', 'p', 0, 0};
    case TypeId::Numeric: return {false, 'N', false, 'i', 'm', 0, 0};
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegNamespace: return {true, 'N', false, 'i', 'p', 0, 0};
    case TypeId::Jsonb: return {false, 'U', false, 'i', 'x', 0, 0};
    case TypeId::Array: {
      const Type element = t.element();
      const TypeProperties e = type_properties(element);
      return {false, 'A', false, e.align == 'd' ? 'd' : 'i', 'x', e.collation, element.oid()};
    }
    case TypeId::Null: break;
  }
  return {};
}

}  // namespace eddy::syscat
