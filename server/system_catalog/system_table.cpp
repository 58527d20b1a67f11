#include "server/system_catalog/system_table.h"

#include <algorithm>
#include <memory>

#include "common/array_text.h"
#include "common/error.h"

namespace eddy::syscat {

const std::vector<const SystemTable*>& all_system_tables() {
  static const std::vector<SystemTable> tables = [] {
    std::vector<SystemTable> out;
    add_class_tables(out);
    add_type_tables(out);
    add_function_tables(out);
    add_role_tables(out);
    add_settings_tables(out);
    add_index_tables(out);
    add_view_tables(out);
    add_empty_tables(out);
    add_information_schema(out);
    add_eddy_tables(out);
    std::sort(out.begin(), out.end(), [](const SystemTable& a, const SystemTable& b) {
      return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
    });
    return out;
  }();
  static const std::vector<const SystemTable*> pointers = [] {
    std::vector<const SystemTable*> out;
    for (const auto& t : tables) out.push_back(&t);
    return out;
  }();
  return pointers;
}

const SystemTable* find_system_table(std::string_view schema, std::string_view name) {
  for (const SystemTable* t : all_system_tables())
    if (t->schema == schema && t->name == name) return t;
  return nullptr;
}

Batch read_system_table(const SystemTable& table, const CatalogModel& model) {
  TableWriter out(table);
  if (table.fill != nullptr) table.fill(model, out);
  return out.take();
}

Batch read_system_table(const SystemTable& table, const CatalogSnapshot& snapshot) {
  CatalogModel model(std::make_shared<const CatalogSnapshot>(snapshot));
  return read_system_table(table, model);
}

TableWriter::TableWriter(const SystemTable& table) : table_(table) {
  std::vector<Type> types;
  for (const auto& c : table.columns) types.push_back(c.type);
  batch_ = Batch::with_types(types);
}

void TableWriter::add(const Row& values) {
  if (values.size() != table_.columns.size())
    throw SqlError(sqlstate::kInternalError, table_.name + ": a row of " + std::to_string(values.size()) +
                                                 " values for " + std::to_string(table_.columns.size()) + " columns");
  for (size_t c = 0; c < values.size(); ++c) {
    const Value& value = values[c];
    if (!value.is_null && value.type.physical() != table_.columns[c].type.physical())
      throw SqlError(sqlstate::kInternalError, table_.name + "." + table_.columns[c].name + ": a " +
                                                   value.type.sql_name() + " value for a " +
                                                   table_.columns[c].type.sql_name() + " column");
    batch_.columns[c].append(value);
  }
  batch_.weights.push_back(1);
}

namespace v {

namespace {
Value typed_text(Type t, std::string s) {
  Value x = Value::text(std::move(s));
  x.type = t;
  return x;
}
template <class T>
Value array_of(Type array, const std::vector<T>& items) {
  ArrayElements elements;
  for (const auto& i : items) elements.emplace_back(std::to_string(i));
  return typed_text(array, format_array(elements, array));
}
}  // namespace

Value null() { return Value::null(); }
Value oid(uint64_t x) { return Value::make_int(Type::oid_type(), static_cast<int64_t>(x)); }
Value regproc(uint64_t x) { return Value::make_int(Type(TypeId::RegProc), static_cast<int64_t>(x)); }
Value name(std::string s) { return typed_text(Type::name(), std::move(s)); }
Value text(std::string s) { return Value::text(std::move(s)); }
Value ch(char c) { return typed_text(Type::pg_char(), c == 0 ? std::string() : std::string(1, c)); }
Value boolean(bool b) { return Value::boolean(b); }
Value i2(int64_t x) { return Value::make_int(Type::int16(), x); }
Value i4(int64_t x) { return Value::make_int(Type::int32(), x); }
Value i8(int64_t x) { return Value::make_int(Type::int64(), x); }
Value f4(double x) {
  Value out = Value::float64(x);
  out.type = Type::float32();
  return out;
}
Value timestamptz(int64_t micros) { return Value::make_int(Type::timestamptz(), micros); }
Value varchar(std::string s) { return typed_text(Type::varchar(), std::move(s)); }
Value yes_no(bool b) { return typed_text(Type::varchar(3), b ? "YES" : "NO"); }
Value text_array(const std::vector<std::string>& items) {
  const Type t = Type::array_of(Type::text());
  return typed_text(t, format_array(ArrayElements(items.begin(), items.end()), t));
}
Value name_array(const std::vector<std::string>& items) {
  const Type t = Type::array_of(Type::name());
  return typed_text(t, format_array(ArrayElements(items.begin(), items.end()), t));
}
Value i2_array(const std::vector<int16_t>& items) { return array_of(Type::array_of(Type::int16()), items); }
Value int2vector(const std::vector<int16_t>& items) { return array_of(Type(TypeId::Int2Vector), items); }
Value oidvector(const std::vector<uint32_t>& items) { return array_of(Type(TypeId::OidVector), items); }

}  // namespace v

}  // namespace eddy::syscat
