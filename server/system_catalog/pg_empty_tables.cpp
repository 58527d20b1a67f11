// Catalogs that are empty in Eddy, with PostgreSQL 15's columns so that the queries tools
// send to them work: no comments (pg_description), inheritance, row security policies,
// extended statistics, publications, extensions, triggers, rewrite rules, dependencies,
// foreign data wrappers or sequences.
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {

using namespace col;

void add_empty_tables(std::vector<SystemTable>& out) {
  auto empty = [&](const char* name, uint32_t oid, std::vector<catalog::ColumnSchema> columns) {
    out.push_back({"pg_catalog", name, oid, 'r', std::move(columns), nullptr});
  };
  empty("pg_description", 2609, {{"objoid", kOid}, {"classoid", kOid}, {"objsubid", kInt4}, {"description", kText}});
  empty("pg_inherits", 2611, {{"inhrelid", kOid}, {"inhparent", kOid}, {"inhseqno", kInt4}, {"inhdetachpending", kBool}});
  empty("pg_policy", 3256,
        {{"oid", kOid}, {"polname", kName}, {"polrelid", kOid}, {"polcmd", kChar}, {"polpermissive", kBool},
         {"polroles", kOidArray}, {"polqual", kText}, {"polwithcheck", kText}});
  empty("pg_statistic_ext", 3381,
        {{"oid", kOid}, {"stxrelid", kOid}, {"stxname", kName}, {"stxnamespace", kOid}, {"stxowner", kOid},
         {"stxstattarget", kInt4}, {"stxkeys", kInt2Vector}, {"stxkind", kCharArray}, {"stxexprs", kText}});
  empty("pg_publication", 6104,
        {{"oid", kOid}, {"pubname", kName}, {"pubowner", kOid}, {"puballtables", kBool}, {"pubinsert", kBool},
         {"pubupdate", kBool}, {"pubdelete", kBool}, {"pubtruncate", kBool}, {"pubviaroot", kBool}});
  empty("pg_publication_namespace", 6237, {{"oid", kOid}, {"pnpubid", kOid}, {"pnnspid", kOid}});
  empty("pg_publication_rel", 6106,
        {{"oid", kOid}, {"prpubid", kOid}, {"prrelid", kOid}, {"prqual", kText}, {"prattrs", kInt2Vector}});
  empty("pg_extension", 3079,
        {{"oid", kOid}, {"extname", kName}, {"extowner", kOid}, {"extnamespace", kOid}, {"extrelocatable", kBool},
         {"extversion", kText}, {"extconfig", kOidArray}, {"extcondition", kTextArray}});
  empty("pg_trigger", 2620,
        {{"oid", kOid}, {"tgrelid", kOid}, {"tgparentid", kOid}, {"tgname", kName}, {"tgfoid", kOid},
         {"tgtype", kInt2}, {"tgenabled", kChar}, {"tgisinternal", kBool}, {"tgconstrrelid", kOid},
         {"tgconstrindid", kOid}, {"tgconstraint", kOid}, {"tgdeferrable", kBool}, {"tginitdeferred", kBool},
         {"tgnargs", kInt2}, {"tgattr", kInt2Vector}, {"tgargs", kText}, {"tgqual", kText}, {"tgoldtable", kName},
         {"tgnewtable", kName}});
  empty("pg_rewrite", 2618,
        {{"oid", kOid}, {"rulename", kName}, {"ev_class", kOid}, {"ev_type", kChar}, {"ev_enabled", kChar},
         {"is_instead", kBool}, {"ev_qual", kText}, {"ev_action", kText}});
  empty("pg_depend", 2608,
        {{"classid", kOid}, {"objid", kOid}, {"objsubid", kInt4}, {"refclassid", kOid}, {"refobjid", kOid},
         {"refobjsubid", kInt4}, {"deptype", kChar}});
  empty("pg_foreign_table", 3118, {{"ftrelid", kOid}, {"ftserver", kOid}, {"ftoptions", kTextArray}});
  empty("pg_foreign_server", 1417,
        {{"oid", kOid}, {"srvname", kName}, {"srvowner", kOid}, {"srvfdw", kOid}, {"srvtype", kText},
         {"srvversion", kText}, {"srvacl", kTextArray}, {"srvoptions", kTextArray}});
  empty("pg_foreign_data_wrapper", 2328,
        {{"oid", kOid}, {"fdwname", kName}, {"fdwowner", kOid}, {"fdwhandler", kOid}, {"fdwvalidator", kOid},
         {"fdwacl", kTextArray}, {"fdwoptions", kTextArray}});
  empty("pg_sequence", 2224,
        {{"seqrelid", kOid}, {"seqtypid", kOid}, {"seqstart", kInt8}, {"seqincrement", kInt8}, {"seqmax", kInt8},
         {"seqmin", kInt8}, {"seqcache", kInt8}, {"seqcycle", kBool}});
}

}  // namespace eddy::syscat
