# The harness's self-test (--fake-eddy): a stand-in for the Eddy client that answers every
# statement the way a correct Eddy would, from the answers the case computed (PostgreSQL's,
# already checked equal to the Python model's). With it every case must pass; a failure is a bug
# in the harness's Eddy-side steps (feeding, dead-letter parsing, emit-on-close phases, views over
# views), not in Eddy.

import json
import re

from harness import SqlError
from model import sql_ts


class _Err(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.pgcode = code
        self.pgerror = "ERROR:  " + message


class FakeEddy:
    name = "fake-eddy"

    def __init__(self, errors_case):
        self.case = None
        self.views = []
        self.reads = {}
        self.errors = {" ".join(sql.split()): want for want, sql in errors_case.STATEMENTS}

    def begin(self, case):
        self.case = case
        self.reads = {}

    def run(self, sql, params=None):
        flat = " ".join(sql.split())
        want = self.errors.get(flat)
        if want:
            raise SqlError(self.name, sql, _Err("0A000" if want == "error" else want, "refused (fake)"))
        m = re.match(r"CREATE MATERIALIZED VIEW (\w+)", flat)
        if m:
            self.views.append(m.group(1))

    def copy_in(self, table, text, columns=None):
        pass

    def rows(self, sql):
        flat = " ".join(sql.split())
        a = self.case.answers
        if flat == "SHOW MATERIALIZED VIEWS":
            return ["name", "query_id"], [(v, str(i + 1)) for i, v in enumerate(self.views)]
        if flat == "SHOW QUERIES":
            return ["id", "target", "rows_consumed", "rows_late"], [
                (str(i + 1), v, str(a.get("consumed", "")), str(len(a["late"]) if v == a.get("main") else 0))
                for i, v in enumerate(self.views)]
        if "eddy_dead_letters" in flat:
            return ["payload", "error"], [
                (json.dumps({"id": str(e.id), "k": e.k, "v": None if e.v is None else str(e.v),
                             "ts": sql_ts(e.ts)}), "late row: window closed (fake)") for e in a["late"]]
        adhoc = {" ".join(k.split()): v for k, v in a["adhoc"].items()}
        if flat in adhoc:
            return None, list(adhoc[flat])
        m = re.match(r"SELECT .* FROM (\w+)$", flat)
        if m and m.group(1) in a["views"]:
            name = m.group(1)
            self.reads[name] = self.reads.get(name, 0) + 1
            closed, full = a["views"][name]
            # EMIT ON WINDOW CLOSE: the first read (right after feeding) sees the closed windows,
            # later ones what the idle rule then closes too.
            return None, list(closed if closed is not None and self.reads[name] == 1 else full)
        raise SqlError(self.name, sql, _Err("XX000", "fake-eddy does not know this statement"))

    def close(self):
        pass
